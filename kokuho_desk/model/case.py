"""The case as plain dataclasses: one household's situation at the desk.

Field names are those of the case file (../shared/design/case-format.md and
resources/schema/case.schema.json): the JSON key is the attribute name. Unknown is
None, never 0; a rule that needs an unknown value answers needs_info.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

CASE_FORMAT = "kokuho-desk/case-1"
FILE_KEY = "file_key"


def file_key(key: str) -> dict[str, str]:
    """Field metadata: the case file (case-format.md) names this field ``key``; the attribute has a
    name that says which date it is (a field called ``date`` would hide the type)."""
    return {FILE_KEY: key}


RELATIONS = ("head", "spouse", "child", "parent", "other")
RELATION_LABELS = {"head": "世帯主", "spouse": "配偶者", "child": "子", "parent": "親", "other": "その他"}
INSURANCE_STATUSES = ("mynacard", "certificate", "special_care", "none")
INSURANCE_LABELS = {
    "mynacard": "マイナ保険証",
    "certificate": "資格確認書",
    "special_care": "特別療養費（10割負担）",
    "none": "無保険・不明",
}
SEIZURE_ASSETS = ("salary", "pension", "deposit", "other")
SEIZURE_ASSET_LABELS = {"salary": "給与", "pension": "年金", "deposit": "預貯金", "other": "その他"}
ENFORCEMENT_KINDS = ("demand", "reminder", "seizure_notice", "seizure", "other")
ENFORCEMENT_LABELS = {
    "demand": "督促",
    "reminder": "催告",
    "seizure_notice": "差押予告",
    "seizure": "差押え",
    "other": "その他",
}
HARDSHIP_REASONS = (
    "disaster",
    "illness",
    "business_closure",
    "business_loss",
    "unemployment",
    "crop_failure",
    "theft",
    "other",
)
HARDSHIP_LABELS = {
    "disaster": "災害",
    "illness": "病気・負傷",
    "business_closure": "事業の休廃止",
    "business_loss": "事業の著しい損失",
    "unemployment": "失業",
    "crop_failure": "干ばつ・冷害等による不作",
    "theft": "盗難",
    "other": "その他の特別の事情",
}
CASE_STATUSES = ("open", "closed")
# What became of a relief the desk pursued (申請の結果); counted by the statistics.
RELIEF_DECISIONS = ("granted", "partly", "refused", "withdrawn")
RELIEF_DECISION_LABELS = {
    "granted": "認められた",
    "partly": "一部認められた",
    "refused": "認められなかった",
    "withdrawn": "取り下げた",
}


@dataclass
class Income:
    """Last calendar year's income (the income year = fiscal_year − 1)."""

    declared: bool | None = None  # False: 未申告 — no statutory reduction possible
    salary: int | None = None  # 給与収入
    pension: int | None = None  # 公的年金等の収入
    business: int | None = None  # 事業所得 (after expenses)
    other: int | None = None  # other 総所得金額等 (所得)
    family_employee: bool | None = None  # the salary is 事業専従者給与
    # 所得金額調整控除 type 1: 特別障害者 or a dependant under 23 (租税特別措置法41条の3の3)
    salary_adjustment_eligible: bool | None = None


@dataclass
class Unemployment:
    """A member's loss of work (非自発的失業者の軽減: 雇用保険受給資格者証)."""

    separation_date: date | None = None  # 離職日
    reason_code: str | None = None  # 離職理由コード on the 雇用保険受給資格者証


@dataclass
class Childbirth:
    """A member's childbirth (出産被保険者の保険料免除)."""

    expected_date: date | None = None  # 出産予定日 (or the date of birth)
    multiple: bool = False  # 多胎


@dataclass
class Wage:
    """A member's current pay per month (生活保護の収入認定: 勤労控除と必要経費)."""

    monthly_gross: int | None = None  # 給与の総支給額 (月)
    monthly_withholding: Withholding | None = None  # 所得税・住民税・社会保険料 (月)
    commute: int | None = None  # 通勤費の実費 (月)
    new_job: bool = False  # 就労を始めて6か月以内（新規就労控除）


@dataclass
class Member:
    """One member of the household, insured in 国保 or not (a 擬制世帯主)."""

    relation: str = "other"  # head | spouse | child | parent | other
    name: str | None = None
    kana: str | None = None
    birth_date: date | None = None
    insured: bool = True  # 国保被保険者 (a head with False is a 擬制世帯主)
    late_elderly_transferred: bool = False  # 特定同一世帯所属者
    joined_date: date | None = None  # 国保 加入日 (when within the fiscal year)
    left_date: date | None = None  # 国保 喪失日
    income: Income | None = None
    unemployment: Unemployment | None = None
    childbirth: Childbirth | None = None
    disability: str | None = None  # 障害者手帳等の等級 as written (e.g. "身体2級")
    wage: Wage | None = None  # 今の給与 (生活保護基準との比較で勤労控除を引くため)
    public_medical_aid: bool = False  # 公費負担医療 (excluded from 特別療養費)
    foreign_resident: bool = False


@dataclass
class Contact:
    """How to reach the household; the address also tells the municipality and prefecture."""

    postal_code: str | None = None
    address: str | None = None
    phone: str | None = None


@dataclass
class Finances:
    """The household's means now (減免, 執行停止, 生活保護基準との比較)."""

    savings: int | None = None  # 預貯金
    protected_savings: int | None = None  # 預貯金のうち差押禁止のお金（生活保護費・年金・手当など）から成る額
    monthly_income: int | None = None  # 現在の世帯の月収入 (見込み)
    monthly_rent: int | None = None
    grade: str | None = None  # 生活保護の級地, e.g. "1級地-1"
    expected_annual_income: int | None = None  # 今年の所得見込み (for 減免)
    monthly_expenses: int | None = None  # 医療費など必要な支出 (月)


@dataclass
class Installment:
    """One 納期 of a fiscal year's premium: its due date and amount."""

    due_date: date | None = None  # 納期限
    amount: int | None = None


@dataclass
class Arrear:
    """A fiscal year's unpaid premium, with what interrupts or starts its limitation period."""

    fiscal_year: int
    amount: int | None = None
    late_fee: int | None = None  # 延滞金
    due_date: date | None = None  # 納期限 (the last one of the year, if only one is known)
    kind: str = "料"  # 料 (保険料) | 税 (保険税)
    demand_date: date | None = None  # 督促状の発付日
    acknowledgements: list[date] = field(default_factory=list)  # 承認: 分納誓約, 一部納付
    installments: list[Installment] = field(default_factory=list)


@dataclass
class Withholding:
    """What is deducted from a payment per period: 所得税・住民税・社会保険料."""

    income_tax: int | None = None
    resident_tax: int | None = None
    social_insurance: int | None = None


@dataclass
class Seizure:
    """One 差押え: the asset seized, the payment it is taken from and what protects it."""

    seizure_date: date | None = field(default=None, metadata=file_key("date"))  # 差押えの日
    asset: str = "other"  # salary | pension | deposit | other
    amount: int | None = None  # the amount seized (per period for wages and pensions)
    monthly_gross: int | None = None  # 支給額 for the period
    monthly_withholding: Withholding | None = None
    dependents: int | None = None  # 生計を一にする親族の数
    pay_period: str = "month"  # month | week | day | two_months (年金: 2か月ごとの支払)
    period_days: int | None = None  # days in the pay period when pay_period is "day"
    bonus: bool = False  # 賞与
    pension_kind: str | None = None  # old_age | disability | survivor
    deposit_source: str | None = None  # salary | pension | benefit | other (what the deposit came from)
    deposit_credit_date: date | None = None  # when that money was credited
    released: bool = False  # 解除済み
    collected_date: date | None = None  # 取立ての日 (預貯金・債権: 取り立てられて差押えが終わった日)
    retirement_allowance: bool = False  # 退職手当等の差押え (76条4項)
    service_years: int | None = None  # 退職手当等の支給の基礎となった勤続年数
    consent: bool = False  # 滞納者が禁止額を超える差押えを承諾した (76条5項; 撤回できる)


@dataclass
class EnforcementEvent:
    """One step of collection: 督促, 催告, 差押予告, 差押え."""

    event_date: date | None = field(default=None, metadata=file_key("date"))  # 督促・催告・差押えの日
    kind: str = "other"  # demand | reminder | seizure_notice | seizure | other
    note: str | None = None


@dataclass
class Insurance:
    """The household's 保険証 situation: マイナ保険証, 資格確認書 or 特別療養費."""

    status: str | None = None  # mynacard | certificate | special_care | none
    certificate_expiry: date | None = None
    special_care_since: date | None = None
    number: str | None = None  # 被保険者記号・番号 as written on the 資格確認書


@dataclass
class Medical:
    """The care a member needs, and what it costs a month."""

    needs_care: bool | None = None
    inpatient: bool | None = None
    outpatient: bool | None = None
    monthly_cost: int | None = None  # 見込まれる医療費 (月, 10割)
    note: str | None = None
    institution: str | None = None  # 医療機関名 (for the letters)
    patient: str | None = None  # name of the member who needs care
    since: date | None = None  # since when care is needed


@dataclass
class Notice:
    """The premium notice (保険料決定通知書) as the client brought it."""

    fiscal_year: int | None = None
    total: int | None = None
    parts: dict[str, int] = field(default_factory=dict)
    next_due_date: date | None = None  # 次の納期限


@dataclass
class Hardship:
    """Why the household cannot pay (減免・特別の事情・執行停止の理由)."""

    reasons: list[str] = field(default_factory=list)
    since: date | None = None
    description: str | None = None


@dataclass
class LogEntry:
    """One step of the desk's work on the case: a contact, a letter, a deadline."""

    entry_date: date = field(metadata=file_key("date"))  # the day of the contact or step
    note: str | None = None
    next_action: str | None = None
    due_date: date | None = None
    done: bool = False
    kind: str = "note"  # note | letter | check | deadline


@dataclass
class ReliefOutcome:
    """One relief pursued for the household: when it was applied for and what was decided."""

    relief: str  # a check id of case-format.md (premium_relief, copayment_relief …)
    applied: date | None = None  # 申請日
    decision: str | None = None  # granted | partly | refused | withdrawn; None: not decided yet
    decided: date | None = None  # 決定日（取り下げの日）
    amount: int | None = None  # 減免・還付などの額（分かれば）


@dataclass
class Case:
    """One household's situation at the desk: the whole case file."""

    as_of: date
    members: list[Member]
    format: str = CASE_FORMAT
    fiscal_year: int | None = None
    municipality: str | None = None
    municipality_code: str | None = None  # 全国地方公共団体コード, 6 digits (kokuho_desk/model/municipalities.py)
    contact: Contact | None = None
    notes: str | None = None
    rates: dict[str, Any] | None = None
    finances: Finances | None = None
    arrears: list[Arrear] = field(default_factory=list)
    seizures: list[Seizure] = field(default_factory=list)
    enforcement: list[EnforcementEvent] = field(default_factory=list)
    insurance: Insurance | None = None
    medical: Medical | None = None
    notice: Notice | None = None
    hardship: Hardship | None = None
    topics: list[str] = field(default_factory=list)  # 相談内容 (for statistics)
    log: list[LogEntry] = field(default_factory=list)
    status: str = "open"
    outcome: str | None = None
    reliefs: list[ReliefOutcome] = field(default_factory=list)  # 申請と結果 (for statistics)

    @property
    def head(self) -> Member:
        return next(m for m in self.members if m.relation == "head")

    @property
    def effective_fiscal_year(self) -> int:
        """The 賦課年度: the given fiscal_year, else the 年度 (April–March) of as_of."""
        if self.fiscal_year is not None:
            return self.fiscal_year
        return fiscal_year_of(self.as_of)


def fiscal_year_of(d: date) -> int:
    """The 年度 (April–March) a date falls in."""
    return d.year if d.month >= 4 else d.year - 1


def age_on(birth: date, on: date) -> int:
    """Age in full years at the end of day `on`, as the law counts it.

    年齢計算ニ関スル法律 (明治35年法律第50号): one reaches an age at the end of the day
    before the birthday, so someone born on 1 January is already 65 on 31 December of
    the year before the 65th birthday (福島市: 「令和7年度の場合、昭和35年1月1日以前生まれ」).
    That is the calendar age on the following day.
    """
    nxt = on + timedelta(days=1)
    years = nxt.year - birth.year
    if (nxt.month, nxt.day) < (birth.month, birth.day):
        years -= 1
    return years
