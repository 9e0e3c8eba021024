"""The fill-in values of a letter, built from a Case and its check results.

Everything here is plain text; escaping and fonts are the renderer's business. A
fact the case lacks is :data:`BLANK`, which the renderer prints as a line to write
on by hand — never a guess.

Office letters speak for the applicant: they read the case's facts only. What the
checks concluded (verdicts, reasons, missing data, unverified figures, advice) is for
the 相談記録票 and the 計算書 (audience "client"); :data:`CLIENT_ONLY` names those
values and the form loader refuses them in an office form. A figure a check computed
with an unverified value is printed in a client table with ※ and the form's footnote
explains it; an office letter prints the figure plain and the 相談記録票 lists it.

The names a form may use are declared once: :data:`FIELDS` (placeholders),
:data:`LISTS`, :data:`TABLES` (with their columns), :data:`CHOICES` and :data:`FACTS`
(the conditions that choose the applicant's own sentences of a ``statement`` block);
the form loader refuses any other name and forms/README.md documents each of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from kokuho_desk.model import formatting
from kokuho_desk.model.case import (
    HARDSHIP_LABELS,
    INSURANCE_LABELS,
    RELATION_LABELS,
    SEIZURE_ASSET_LABELS,
    Arrear,
    Case,
    age_on,
)
from kokuho_desk.model.wareki import fiscal_year_label, format_wareki
from kokuho_desk.rules.municipality import PART_LABELS, ProfileError, profile_for_case
from kokuho_desk.rules.premium import PremiumResult
from kokuho_desk.rules.result import REVIEW_MARK, VERDICT_LABELS, CheckResult
from kokuho_desk.rules.statement import applied_reductions, notice_difference

BLANK = "\ue000"  # a fact to be written by hand (never occurs in user text, see _text)
REVIEW_NOTE = "※"  # marks a client-table figure that used an unverified value (the form's footnote says so)
DATE_TO_FILL = "令和\u3000\u3000年\u3000\u3000月\u3000\u3000日"  # 申請日 left for the client

FIELDS: dict[str, str] = {
    "today": "作成日（和暦）",
    "application_date": "申請日（和暦。指定がなければ手書きの欄）",
    "as_of": "相談日（和暦）",
    "addressee": "宛先（例: 大阪市長）",
    "municipality": "市町村名",
    "levy": "保険料・保険税の別（市町村の設定から。不明なら「保険料（税）」）",
    "fiscal_year": "賦課年度（例: 令和7年度）",
    "head_name": "世帯主の氏名",
    "head_kana": "世帯主のふりがな",
    "head_birth_date": "世帯主の生年月日（和暦）",
    "postal_code": "郵便番号",
    "address": "住所",
    "phone": "電話番号",
    "member_count": "世帯の人数",
    "insured_count": "国保の被保険者の人数",
    "insurance_status": "保険証の状況",
    "insurance_number": "被保険者記号・番号",
    "special_care_since": "特別療養費の対象となった日",
    "savings": "預貯金",
    "monthly_income": "世帯の月収入",
    "monthly_rent": "家賃（月）",
    "monthly_expenses": "医療費など必要な支出（月）",
    "last_year_total": "世帯員の前年の収入・所得の合計（ケースの記録から）",
    "expected_annual_income": "今年の所得見込み",
    "hardship_reasons": "納付困難の事由（読点区切り）",
    "hardship_since": "事由の発生日",
    "hardship_description": "事情の説明（相談者の言葉）",
    "patient": "療養を受ける人",
    "medical_institution": "医療機関名",
    "medical_since": "療養が必要になった日",
    "medical_note": "病状・療養の内容",
    "medical_monthly_cost": "医療費の見込み（月、10割）",
    "seized_assets": "差し押さえられた財産（読点区切り、解除済みを除く）",
    "seized_total": "差し押さえられた額の合計（解除済みを除く）",
    "first_seizure_date": "最初の差押えの日（解除済みを除く）",
    "arrears_total": "猶予・停止を求める滞納額（時効で消滅した分を除く、延滞金を除く）",
    "late_fee_total": "延滞金の合計（時効で消滅した年度を除く）",
    "arrears_years": "滞納の年度（時効で消滅した分を除く。例: 令和4年度〜令和6年度）",
    "expired_total": "時効で消滅した滞納額（相談記録票用）",
    "next_due_date": "次の納期限",
    "notice_total": "決定通知書の保険料額",
    "notice_difference": "通知書の額と再計算の差を言葉で（計算書用）",
    "premium_total": "再計算した保険料（年額）",
    "premium_reduction": "法定軽減（7割・5割・2割・なし）",
    "premium_reductions_applied": "再計算で適用した軽減すべて（法定軽減・非自発的失業など）",
    "premium_rates": "再計算に使った料率（例: 大阪市 令和7年度）",
    "verdict": "この書類に対応する判定の結果（相談記録票・計算書のみ）",
    "protected_amount": "差押禁止額（判定の数値）",
    "excess": "差押禁止額を超えて差し押さえられた額（判定の数値）",
    "minimum_living_cost": "最低生活費（判定の数値）",
    "last_year_income": "前年の世帯の所得（判定の数値）",
    "application_deadline": "申請の期限（判定の数値、和暦）",
    "desk_name": "相談窓口（団体）の名称",
    "desk_volunteer": "相談員（同行者）の氏名",
    "desk_phone": "相談窓口の電話番号",
    "desk_contact": "相談窓口の連絡先",
    "agent_name": "委任状の代理人の氏名（指定がなければ相談員）",
}

LISTS: dict[str, str] = {
    "reasons": "この書類に対応する判定の理由（相談記録票・計算書のみ）",
    "check_basis": "判定が根拠とした法令・通知",
    "missing": "判定に足りなかった情報（入力欄の名前で）",
    "premium_reasons": "保険料の再計算についての説明（計算書のみ）",
    "notes": "相談メモ（ケースの自由記述。相談記録票のみ）",
    "review_notes": "確認中の数値を使った判定（要確認。相談記録票のみ）",
    "expired_arrears": "時効で消滅した滞納（相談記録票のみ）",
}

TABLES: dict[str, dict[str, str]] = {
    "members": {
        "name": "氏名",
        "kana": "フリガナ",
        "relation": "続柄",
        "birth_date": "生年月日",
        "age": "年齢",
        "insured": "国保",
        "salary": "給与収入",
        "pension": "年金収入",
        "business": "事業所得",
        "other": "その他の所得",
    },
    "insured_members": {
        "name": "氏名",
        "kana": "フリガナ",
        "relation": "続柄",
        "birth_date": "生年月日",
        "age": "年齢",
    },
    "arrears": {
        "fiscal_year": "年度",
        "kind": "料・税",
        "amount": "滞納額",
        "late_fee": "延滞金",
        "due_date": "納期限",
        "demand_date": "督促日",
    },
    "seizures": {
        "date": "差押日",
        "asset": "財産",
        "amount": "差押額",
        "monthly_gross": "支給額（月）",
        "dependents": "生計を一にする親族",
        "released": "解除",
    },
    "premium_parts": {
        "part": "区分",
        "income_based": "所得割",
        "per_capita": "均等割",
        "per_household": "平等割",
        "total": "計",
    },
    "checks": {"title": "制度", "verdict": "判定", "reasons": "理由", "basis": "根拠"},
    "next_actions": {"action": "すること", "due_date": "期限", "letter": "書類"},
    "log": {"date": "日付", "note": "内容", "next_action": "次にすること", "due_date": "期限"},
}

CHOICES: dict[str, str] = {
    "hardship": "納付困難の事由（該当するものに■）",
    "care_type": "入院・外来",
    "procedures": "委任する手続（委任するものに■を付けてください）",
}

FACTS: dict[str, str] = {
    "unemployment": "事由に失業がある",
    "illness": "事由に病気・負傷がある",
    "disaster": "事由に災害がある",
    "theft": "事由に盗難がある",
    "business": "事由に事業の休廃止・著しい損失がある",
    "crop_failure": "事由に不作がある",
    "other_hardship": "事由に「その他の特別の事情」がある",
    "income_fell": "今年の所得見込みが前年の収入・所得の合計より少ない",
    "inpatient": "入院している（する）",
    "outpatient": "通院している（する）",
    "medical_cost": "医療費の見込みが分かっている",
    "seized": "解除されていない差押えがある",
    "seized_living": "解除されていない差押えに給与・年金がある（毎月の生活費）",
    "arrears": "時効で消滅していない滞納がある",
    "special_care": "特別療養費（10割負担）になっている",
    "no_mynacard": "マイナ保険証を使っていない（資格確認書・特別療養費・無保険・不明）",
    "children": "18歳未満の世帯員がいる",
    "elderly": "65歳以上の世帯員がいる",
    "rent": "家賃が分かっている",
    "low_savings": "預貯金が世帯の月収入より少ない",
    "description": "事情の説明（相談者の言葉）がある",
    "since_known": "事由の発生日が分かっている",
}

# Words for the case fields a check may find missing (the 相談記録票 names fields as the desk sees them).
FIELD_WORDS = {
    "members": "世帯員",
    "arrears": "滞納",
    "installments": "期別",
    "seizures": "差押え",
    "enforcement": "滞納処分の経過",
    "name": "氏名",
    "kana": "フリガナ",
    "relation": "続柄",
    "birth_date": "生年月日",
    "insured": "国保の加入",
    "income": "前年の収入",
    "declared": "申告の有無",
    "salary": "給与収入",
    "pension": "年金収入",
    "business": "事業所得",
    "other": "その他の所得",
    "unemployment": "非自発的失業",
    "separation_date": "離職日",
    "reason_code": "離職理由コード",
    "childbirth": "出産",
    "expected_date": "出産予定日",
    "joined_date": "加入日",
    "left_date": "喪失日",
    "finances": "家計",
    "savings": "預貯金",
    "monthly_income": "世帯の月収入",
    "monthly_rent": "家賃",
    "grade": "生活保護の級地",
    "expected_annual_income": "今年の所得見込み",
    "monthly_expenses": "医療費など必要な支出",
    "fiscal_year": "年度",
    "amount": "金額",
    "late_fee": "延滞金",
    "due_date": "納期限",
    "demand_date": "督促状の日付",
    "kind": "種類",
    "date": "日付",
    "asset": "財産",
    "monthly_gross": "支給額",
    "dependents": "生計を一にする親族の数",
    "pay_period": "支給の単位",
    "period_days": "支給期間の日数",
    "pension_kind": "年金の種類",
    "deposit_source": "預金の元になったお金",
    "deposit_credit_date": "入金日",
    "insurance": "保険証の状況",
    "status": "状況",
    "certificate_expiry": "有効期限",
    "special_care_since": "特別療養費になった日",
    "number": "記号・番号",
    "medical": "医療",
    "needs_care": "医療が必要か",
    "inpatient": "入院",
    "outpatient": "外来",
    "monthly_cost": "医療費の見込み",
    "notice": "保険料決定通知",
    "total": "保険料額",
    "parts": "内訳",
    "next_due_date": "次の納期限",
    "hardship": "納付困難の事情",
    "reasons": "事由",
    "since": "発生日",
    "description": "事情の説明",
    "municipality": "市区町村",
    "contact": "連絡先",
    "address": "住所",
    "phone": "電話",
    "postal_code": "郵便番号",
    "as_of": "相談日",
    "disability": "障害者手帳等",
}


@dataclass(frozen=True)
class DeskInfo:
    """Who helps the applicant: printed in the 代理人・同行者 block of every office letter and
    as the 代理人 of the 委任状. Plain values, so the window (app settings) or the CLI options —
    or a desk record in the database — can fill it."""

    name: str = ""  # the 相談窓口 / 団体
    volunteer: str = ""  # the 相談員 who goes along
    phone: str = ""
    contact: str = ""  # address etc. (相談記録票)
    agent: str = ""  # 委任状の代理人 (default: the volunteer)

    @property
    def agent_name(self) -> str:
        return self.agent or self.volunteer


class Report(Protocol):
    """What the letters need of the engine's CheckReport: the checks and the recomputed premium
    (read by its attributes; its to_dict() is the JSON output only)."""

    checks: list[CheckResult]
    premium: PremiumResult | None


@dataclass
class LetterContext:
    """What a letter form is filled with: texts, lists, tables, tick boxes and facts, all from the case."""

    fields: dict[str, str]
    lists: dict[str, list[str]]
    tables: dict[str, list[dict[str, str]]]
    choices: dict[str, list[tuple[str, bool]]]
    facts: dict[str, bool]


def _text(value: str | None) -> str:
    """User text as printed; empty → BLANK. Private-use characters (外字 typed on
    another PC) cannot be printed, and BLANK is one of them: they become 〓."""
    if value is None or not value.strip():
        return BLANK
    return "".join("〓" if 0xE000 <= ord(ch) <= 0xF8FF else ch for ch in value)


def yen(amount: int | None, mark: str = "") -> str:
    if amount is None:
        return BLANK
    return formatting.yen(amount) + mark


def wareki(d: date | None) -> str:
    return BLANK if d is None else format_wareki(d)


def _number(n: int | None, unit: str) -> str:
    return BLANK if n is None else f"{n}{unit}"


def _check(report: Report | None, check_id: str | None) -> CheckResult | None:
    if report is None or check_id is None:
        return None
    return next((c for c in report.checks if c.id == check_id), None)


def _figure(check: CheckResult | None, key: str, mark: str) -> str:
    if check is None:
        return BLANK
    value = check.figures.get(key)
    mark = mark if check.needs_review else ""
    if isinstance(value, date):
        return format_wareki(value) + mark
    return yen(value, mark) if isinstance(value, int) and not isinstance(value, bool) else BLANK


def field_words(path: str) -> str:
    """A case-file path as the desk reads it: members[0].birth_date → 世帯員1の生年月日."""
    words = []
    for part in path.split("."):
        m = re.fullmatch(r"([a-z_]+)(?:\[(\d+)\])?", part)
        if m is None:
            words.append("入力項目")
            continue
        word = FIELD_WORDS.get(m.group(1), "入力項目")
        words.append(word + (str(int(m.group(2)) + 1) if m.group(2) is not None else ""))
    return "の".join(words)


def _reasons(check: CheckResult | None) -> list[str]:
    return list(check.reasons) if check else []


def _income_total(m) -> int | None:
    inc = m.income
    if inc is None:
        return None
    return sum(v or 0 for v in (inc.salary, inc.pension, inc.business, inc.other))


def _members(case: Case, on: date, insured_only: bool = False) -> list[dict[str, str]]:
    rows = []
    for m in case.members:
        if insured_only and not m.insured:
            continue
        inc = m.income
        rows.append(
            {
                "name": _text(m.name),
                "kana": _text(m.kana),
                "relation": RELATION_LABELS.get(m.relation, m.relation),
                "birth_date": wareki(m.birth_date),
                "age": BLANK if m.birth_date is None else f"{age_on(m.birth_date, on)}歳",
                "insured": "加入" if m.insured else "非加入",
                "salary": yen(inc.salary if inc else None),
                "pension": yen(inc.pension if inc else None),
                "business": yen(inc.business if inc else None),
                "other": yen(inc.other if inc else None),
            }
        )
    return rows


def _expired(report: Report | None) -> dict[int, int]:
    """arrears index → the amount the 時効 check found extinguished."""
    check = _check(report, "limitation")
    pairs = check.figures.get("expired_by_arrear", []) if check else []
    return {int(i): int(amount) for i, amount in pairs}


def _live_arrears(case: Case, expired: dict[int, int]) -> list[tuple[Arrear, int | None, int | None]]:
    """(arrear, amount still owed, late fee) for the arrears not wholly extinguished."""
    out = []
    for i, a in enumerate(case.arrears):
        gone = expired.get(i, 0)
        if a.amount is not None and gone >= a.amount:
            continue
        out.append((a, None if a.amount is None else a.amount - gone, a.late_fee))
    return sorted(out, key=lambda x: x[0].fiscal_year)


def _levy_word(kind: str) -> str:
    return "保険料" if kind == "料" else "保険税"


def _arrears(live: list[tuple[Arrear, int | None, int | None]]) -> list[dict[str, str]]:
    return [
        {
            "fiscal_year": fiscal_year_label(a.fiscal_year),
            "kind": _levy_word(a.kind),
            "amount": yen(amount),
            "late_fee": yen(late_fee),
            "due_date": wareki(a.due_date),
            "demand_date": wareki(a.demand_date),
        }
        for a, amount, late_fee in live
    ]


def _seizures(case: Case) -> list[dict[str, str]]:
    return [
        {
            "date": wareki(s.seizure_date),
            "asset": SEIZURE_ASSET_LABELS.get(s.asset, s.asset),
            "amount": yen(s.amount),
            "monthly_gross": yen(s.monthly_gross),
            "dependents": _number(s.dependents, "人"),
            "released": "解除済み" if s.released else "",
        }
        for s in case.seizures
    ]


def _premium_rows(premium: PremiumResult | None, mark: str) -> list[dict[str, str]]:
    """The 保険料の内訳 table: each part's 所得割・均等割・平等割 and total."""
    if premium is None:
        return []
    return [
        {
            "part": PART_LABELS.get(name, name),
            "income_based": yen(part.income_based, mark),
            "per_capita": yen(part.per_capita, mark),
            "per_household": yen(part.per_household, mark),
            "total": yen(part.total, mark),
        }
        for name, part in premium.parts.items()
    ]


def _review_to_note(text: str) -> str:
    """要確認 inside a table cell becomes ※ (the sheet's footnote and 「確かめること」 explain it)."""
    return (
        text.replace(f"（{REVIEW_MARK}）", REVIEW_NOTE)
        .replace(f"{REVIEW_MARK}: ", REVIEW_NOTE)
        .replace(f"{REVIEW_MARK}:", REVIEW_NOTE)
        .replace(REVIEW_MARK, REVIEW_NOTE)
    )


def _checks(report: Report | None) -> list[dict[str, str]]:
    if report is None:
        return []
    return [
        {
            "title": c.title,
            "verdict": VERDICT_LABELS[c.verdict] + (REVIEW_NOTE if c.needs_review else ""),
            "reasons": "\n".join(
                [_review_to_note(r) for r in _reasons(c)] + [f"足りない情報: {field_words(m)}" for m in c.missing]
            ),
            "basis": "\n".join(c.basis),
        }
        for c in report.checks
    ]


def _next_actions(report: Report | None, as_of: date) -> list[dict[str, str]]:
    """Each step with its own deadline; a step the checks date on the 相談日 has none: 「早めに」."""
    if report is None:
        return []
    return [
        {
            "action": a.action,
            "due_date": "" if a.due_date is None else "早めに" if a.due_date <= as_of else format_wareki(a.due_date),
            "letter": a.letter or "",
        }
        for c in report.checks
        for a in c.next_actions
    ]


def _total(values: list[int | None]) -> int | None:
    """The sum, or None when any part is unknown (a partial sum would be a guess)."""
    if not values or any(v is None for v in values):
        return None
    return sum(values)  # type: ignore[arg-type]


def _profile(case: Case):
    """The case's municipality profile (by its code or name, resolved by the address), or None."""
    if not case.municipality and not case.municipality_code:
        return None
    try:
        return profile_for_case(case)
    except ProfileError:
        return None


# 宛先 of a group profile that names no office at all: the whole name is written by hand.
PLACELESS_ADDRESSEES = {"市町村長", "区市町村長", "市区町村長"}
HANDWRITTEN_ADDRESSEE = "\u3000" * 6 + "長"


def _addressee(profile) -> tuple[str, str]:
    """(宛先, 市町村名) from the case's municipality profile. A group profile (one rate table
    for many places) names no single office: 「　　　　　　長」 to write in (「区長」: the ward's
    name to write in); nothing known: blank."""
    if profile is None:
        return BLANK, BLANK
    if profile.addressee in PLACELESS_ADDRESSEES:
        return HANDWRITTEN_ADDRESSEE, BLANK
    if profile.addressee in {"区長", "市長", "町長", "村長"}:
        return BLANK + profile.addressee, BLANK
    return profile.addressee, profile.name


def _facts(case: Case, live_arrears: list, on: date) -> dict[str, bool]:
    hs, fin, med, ins = case.hardship, case.finances, case.medical, case.insurance
    reasons = set(hs.reasons) if hs else set()
    last_year = (
        _total([_income_total(m) for m in case.members if m.income is not None])
        if any(m.income for m in case.members)
        else None
    )
    expected = fin.expected_annual_income if fin else None
    ages = [age_on(m.birth_date, on) for m in case.members if m.birth_date]
    facts = {
        "unemployment": "unemployment" in reasons,
        "illness": "illness" in reasons,
        "disaster": "disaster" in reasons,
        "theft": "theft" in reasons,
        "business": bool(reasons & {"business_closure", "business_loss"}),
        "crop_failure": "crop_failure" in reasons,
        "other_hardship": "other" in reasons,
        "income_fell": last_year is not None and expected is not None and expected < last_year,
        "inpatient": bool(med and med.inpatient),
        "outpatient": bool(med and med.outpatient),
        "medical_cost": bool(med and med.monthly_cost),
        "seized": any(not s.released for s in case.seizures),
        "seized_living": any(not s.released and s.asset in ("salary", "pension") for s in case.seizures),
        "arrears": bool(live_arrears),
        "special_care": bool(ins and ins.status == "special_care"),
        "no_mynacard": bool(ins and ins.status in ("certificate", "special_care", "none")),
        "children": any(a < 18 for a in ages),
        "elderly": any(a >= 65 for a in ages),
        "rent": bool(fin and fin.monthly_rent),
        "low_savings": bool(
            fin and fin.savings is not None and fin.monthly_income is not None and fin.savings < fin.monthly_income
        ),
        "description": bool(hs and hs.description and hs.description.strip()),
        "since_known": bool(hs and hs.since),
    }
    return facts


def _review_notes(report: Report | None) -> list[str]:
    if report is None:
        return []
    out = [
        f"{c.title}: 確認中の数値を使っています（{REVIEW_MARK}）。市区町村に確かめてから申請してください。"
        for c in report.checks
        if c.needs_review
    ]
    if report.premium is not None and report.premium.needs_review:
        out.append(f"保険料の再計算: 確認中の料率・基準を使っています（{REVIEW_MARK}）。")
    return out


def _applied_reductions(premium: PremiumResult | None) -> str:
    """Every reduction in the recomputed total, named (the statutory one, 非自発的失業, …)."""
    if premium is None:
        return BLANK
    names = applied_reductions(premium)
    return "、".join(names) if names else "なし"


def _notice_difference(case: Case, premium: PremiumResult | None) -> str:
    notified = case.notice.total if case.notice else None
    computed = premium.total if premium else None
    if notified is None or computed is None:
        return BLANK
    return notice_difference(notified, computed)


def build_context(
    case: Case,
    report: Report | None,
    check_id: str | None,
    *,
    today: date,
    desk: DeskInfo | None = None,
    applied_on: date | None = None,
    procedures: Sequence[str] = (),
) -> LetterContext:
    """``applied_on``: the 申請日 to print (None: left for the client to write);
    ``procedures``: the titles the 委任状 offers to tick."""
    check = _check(report, check_id)
    head = case.head
    contact, fin, med, ins, hard = case.contact, case.finances, case.medical, case.insurance, case.hardship
    reduction = _check(report, "statutory_reduction")
    premium = report.premium if report is not None else None
    premium_mark = REVIEW_NOTE if premium and (premium.needs_review or (reduction and reduction.needs_review)) else ""
    premium_rows = _premium_rows(premium, premium_mark)
    expired = _expired(report)
    live = _live_arrears(case, expired)
    years = [a.fiscal_year for a, _, _ in live]
    desk = desk or DeskInfo()
    profile = _profile(case)
    addressee, municipality = _addressee(profile)
    unreleased = [s for s in case.seizures if not s.released]
    seizure_dates = sorted(s.seizure_date for s in unreleased if s.seizure_date)

    fields = {
        "today": format_wareki(today),
        "application_date": format_wareki(applied_on) if applied_on else DATE_TO_FILL,
        "as_of": format_wareki(case.as_of),
        "addressee": addressee,
        "municipality": municipality,
        "levy": _levy_word(profile.kind) if profile else "保険料（税）",
        "fiscal_year": fiscal_year_label(case.effective_fiscal_year),
        "head_name": _text(head.name),
        "head_kana": _text(head.kana),
        "head_birth_date": wareki(head.birth_date),
        "postal_code": _text(contact.postal_code if contact else None),
        "address": _text(contact.address if contact else None),
        "phone": _text(contact.phone if contact else None),
        "member_count": f"{len(case.members)}人",
        "insured_count": f"{sum(m.insured for m in case.members)}人",
        "insurance_status": INSURANCE_LABELS.get(ins.status, BLANK) if ins and ins.status else BLANK,
        "insurance_number": _text(ins.number if ins else None),
        "special_care_since": wareki(ins.special_care_since if ins else None),
        "savings": yen(fin.savings if fin else None),
        "monthly_income": yen(fin.monthly_income if fin else None),
        "monthly_rent": yen(fin.monthly_rent if fin else None),
        "monthly_expenses": yen(fin.monthly_expenses if fin else None),
        "last_year_total": yen(
            _total([_income_total(m) for m in case.members if m.income is not None])
            if any(m.income for m in case.members)
            else None
        ),
        "expected_annual_income": yen(fin.expected_annual_income if fin else None),
        "hardship_reasons": "、".join(HARDSHIP_LABELS[r] for r in hard.reasons) if hard and hard.reasons else BLANK,
        "hardship_since": wareki(hard.since if hard else None),
        "hardship_description": _text(hard.description if hard else None),
        "patient": _text(med.patient if med else None),
        "medical_institution": _text(med.institution if med else None),
        "medical_since": wareki(med.since if med else None),
        "medical_note": _text(med.note if med else None),
        "medical_monthly_cost": yen(med.monthly_cost if med else None),
        "seized_assets": "、".join(dict.fromkeys(SEIZURE_ASSET_LABELS.get(s.asset, s.asset) for s in unreleased))
        or BLANK,
        "seized_total": yen(_total([s.amount for s in unreleased])),
        "first_seizure_date": wareki(seizure_dates[0] if seizure_dates else None),
        "arrears_total": yen(_total([amount for _, amount, _ in live])),
        "late_fee_total": yen(_total([fee for _, _, fee in live])),
        "arrears_years": (
            BLANK
            if not years
            else fiscal_year_label(years[0])
            if years[0] == years[-1]
            else f"{fiscal_year_label(years[0])}〜{fiscal_year_label(years[-1])}"
        ),
        "expired_total": yen(sum(expired.values())),
        "next_due_date": wareki(case.notice.next_due_date if case.notice else None),
        "notice_total": yen(case.notice.total if case.notice else None),
        "notice_difference": _notice_difference(case, premium),
        "premium_total": yen(premium.total, premium_mark) if premium else BLANK,
        "premium_reduction": _text(premium.reduction) if premium else BLANK,
        "premium_reductions_applied": _applied_reductions(premium),
        "premium_rates": _text(premium.rates.origin) if premium and premium.rates else BLANK,
        "verdict": VERDICT_LABELS[check.verdict] if check else BLANK,
        "protected_amount": _figure(check, "protected_amount", ""),
        "excess": _figure(check, "excess", ""),
        "minimum_living_cost": _figure(check, "minimum_living_cost", ""),
        "last_year_income": _figure(check, "last_year_income", ""),
        "application_deadline": _figure(check, "application_deadline", ""),
        "desk_name": _text(desk.name),
        "desk_volunteer": _text(desk.volunteer),
        "desk_phone": _text(desk.phone),
        "desk_contact": _text(desk.contact),
        "agent_name": _text(desk.agent_name),
    }
    care = [("入院", bool(med and med.inpatient)), ("外来", bool(med and med.outpatient))]
    hardship = [(label, bool(hard and key in hard.reasons)) for key, label in HARDSHIP_LABELS.items()]
    expired_lines = [
        f"{fiscal_year_label(case.arrears[i].fiscal_year)}分 {formatting.yen(amount)}（時効で消滅。納める必要はなく、"
        "申請書の金額から外しています）"
        for i, amount in sorted(expired.items())
    ]
    return LetterContext(
        fields=fields,
        lists={
            "reasons": _reasons(check),
            "check_basis": list(check.basis) if check else [],
            "missing": [field_words(m) for m in check.missing] if check else [],
            "notes": [_text(case.notes)] if case.notes else [],
            "premium_reasons": [r for r in premium.reasons if REVIEW_MARK not in r] if premium else [],
            "review_notes": _review_notes(report),
            "expired_arrears": expired_lines,
        },
        tables={
            "members": _members(case, case.as_of),
            "insured_members": _members(case, case.as_of, insured_only=True),
            "arrears": _arrears(live),
            "seizures": _seizures(case),
            "premium_parts": premium_rows,
            "checks": _checks(report),
            "next_actions": _next_actions(report, case.as_of),
            "log": [
                {
                    "date": wareki(e.entry_date),
                    "note": _text(e.note),
                    "next_action": _text(e.next_action) if e.next_action else "",
                    "due_date": wareki(e.due_date) if e.due_date else "",
                }
                for e in case.log
            ],
        },
        choices={"hardship": hardship, "care_type": care, "procedures": [(p, False) for p in procedures]},
        facts=_facts(case, live, case.as_of),
    )
