"""The fill-in values of a letter, built from a Case and its check results.

Everything here is plain text; escaping and fonts are the renderer's business. A
fact the case lacks is :data:`BLANK`, which the renderer prints as a line to write
on by hand — never a guess. A figure from a check marked ``needs_review`` carries
（要確認）.

The names a form may use are declared once: :data:`FIELDS` (placeholders),
:data:`LISTS`, :data:`TABLES` (with their columns) and :data:`CHOICES`; the form
loader refuses any other name and forms/README.md documents each of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from kokuho_desk.model.case import (
    HARDSHIP_LABELS,
    INSURANCE_LABELS,
    RELATION_LABELS,
    SEIZURE_ASSET_LABELS,
    Case,
    age_on,
)
from kokuho_desk.model.wareki import fiscal_year_label, format_wareki
from kokuho_desk.rules.municipality import PART_LABELS, ProfileError, profile_for_case
from kokuho_desk.rules.result import REVIEW_MARK, CheckResult

BLANK = "\ue000"  # a fact to be written by hand (never occurs in user text, see _text)
REVIEW = f"（{REVIEW_MARK}）"

FIELDS: dict[str, str] = {
    "today": "作成日（和暦）",
    "as_of": "相談日（和暦）",
    "addressee": "宛先（例: 大阪市長）",
    "municipality": "市町村名",
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
    "expected_annual_income": "今年の所得見込み",
    "hardship_reasons": "納付困難の事由（読点区切り）",
    "hardship_since": "事由の発生日",
    "hardship_description": "事情の説明",
    "patient": "療養を受ける人",
    "medical_institution": "医療機関名",
    "medical_since": "療養が必要になった日",
    "medical_note": "病状・療養の内容",
    "medical_monthly_cost": "医療費の見込み（月、10割）",
    "arrears_total": "滞納額の合計（延滞金を除く）",
    "late_fee_total": "延滞金の合計",
    "arrears_years": "滞納の年度（例: 令和4年度〜令和6年度）",
    "next_due_date": "次の納期限",
    "notice_total": "決定通知書の保険料額",
    "premium_total": "再計算した保険料（年額）",
    "premium_reduction": "法定軽減（7割・5割・2割・なし）",
    "premium_rates": "再計算に使った料率（例: 大阪市 令和7年度）",
    "verdict": "この書類に対応する判定の結果",
    "protected_amount": "差押禁止額（判定の数値）",
    "excess": "差押禁止額を超えて差し押さえられた額（判定の数値）",
    "minimum_living_cost": "最低生活費（判定の数値）",
    "last_year_income": "前年の世帯の所得（判定の数値）",
    "application_deadline": "申請の期限（判定の数値、和暦）",
    "desk_name": "相談窓口の名称",
    "desk_contact": "相談窓口の連絡先",
}

LISTS: dict[str, str] = {
    "reasons": "この書類に対応する判定の理由",
    "check_basis": "判定が根拠とした法令・通知",
    "missing": "判定に足りなかった情報",
    "premium_reasons": "保険料の再計算についての説明",
    "notes": "相談メモ（ケースの自由記述）",
}

TABLES: dict[str, dict[str, str]] = {
    "members": {"name": "氏名", "kana": "ふりがな", "relation": "続柄", "birth_date": "生年月日",
                "age": "年齢", "insured": "国保", "salary": "給与収入", "pension": "年金収入",
                "business": "事業所得", "other": "その他の所得"},
    "arrears": {"fiscal_year": "年度", "kind": "料・税", "amount": "滞納額", "late_fee": "延滞金",
                "due_date": "納期限", "demand_date": "督促日"},
    "seizures": {"date": "差押日", "asset": "財産", "amount": "差押額", "monthly_gross": "支給額（月）",
                 "dependents": "生計を一にする親族", "released": "解除"},
    "premium_parts": {"part": "区分", "income_based": "所得割", "per_capita": "均等割",
                      "per_household": "平等割", "total": "計"},
    "checks": {"title": "制度", "verdict": "判定", "reasons": "理由", "basis": "根拠"},
    "next_actions": {"action": "すること", "due_date": "期限", "letter": "書類"},
    "log": {"date": "日付", "note": "内容", "next_action": "次にすること", "due_date": "期限"},
}

CHOICES: dict[str, str] = {
    "hardship": "納付困難の事由（該当するものに■）",
    "care_type": "入院・外来",
}

# 宛先 of group profiles (one rate table for many places): the place must be written in.
GENERIC_ADDRESSEES = {"市町村長", "区市町村長", "市区町村長", "区長", "市長", "町長", "村長"}


class Report(Protocol):
    """What the letters need of the engine's CheckReport."""

    checks: list[CheckResult]

    def to_dict(self) -> dict[str, Any]: ...


@dataclass
class LetterContext:
    fields: dict[str, str]
    lists: dict[str, list[str]]
    tables: dict[str, list[dict[str, str]]]
    choices: dict[str, list[tuple[str, bool]]]


def _text(value: str | None) -> str:
    """User text as printed; empty → BLANK. Private-use characters (外字 typed on
    another PC) cannot be printed, and BLANK is one of them: they become 〓."""
    if value is None or not value.strip():
        return BLANK
    return "".join("〓" if 0xE000 <= ord(ch) <= 0xF8FF else ch for ch in value)


def yen(amount: int | None, review: bool = False) -> str:
    if amount is None:
        return BLANK
    return f"{amount:,}円" + (REVIEW if review else "")


def wareki(d: date | None) -> str:
    return BLANK if d is None else format_wareki(d)


def _number(n: int | None, unit: str) -> str:
    return BLANK if n is None else f"{n}{unit}"


def _check(report: Report | None, check_id: str | None) -> CheckResult | None:
    if report is None or check_id is None:
        return None
    return next((c for c in report.checks if c.id == check_id), None)


def _figure(check: CheckResult | None, key: str) -> str:
    if check is None:
        return BLANK
    value = check.figures.get(key)
    if isinstance(value, date):
        return format_wareki(value) + (REVIEW if check.needs_review else "")
    return yen(value, check.needs_review) if isinstance(value, int) and not isinstance(value, bool) else BLANK


def _reasons(check: CheckResult | None) -> list[str]:
    if check is None:
        return []
    out = list(check.reasons)
    if check.needs_review and out and not any(REVIEW_MARK in r for r in out):
        out.append(f"{REVIEW_MARK}: この判定には確認中の数値が使われています。")
    return out


def _members(case: Case, on: date) -> list[dict[str, str]]:
    rows = []
    for m in case.members:
        inc = m.income
        rows.append({
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
        })
    return rows


def _arrears(case: Case) -> list[dict[str, str]]:
    return [{
        "fiscal_year": fiscal_year_label(a.fiscal_year),
        "kind": "保険料" if a.kind == "料" else "保険税",
        "amount": yen(a.amount),
        "late_fee": yen(a.late_fee),
        "due_date": wareki(a.due_date),
        "demand_date": wareki(a.demand_date),
    } for a in sorted(case.arrears, key=lambda a: a.fiscal_year)]


def _seizures(case: Case) -> list[dict[str, str]]:
    return [{
        "date": wareki(s.date),
        "asset": SEIZURE_ASSET_LABELS.get(s.asset, s.asset),
        "amount": yen(s.amount),
        "monthly_gross": yen(s.monthly_gross),
        "dependents": _number(s.dependents, "人"),
        "released": "解除済み" if s.released else "",
    } for s in case.seizures]


def _premium(report: Report | None, review: bool) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    premium = report.to_dict().get("premium") if report is not None else None
    if not premium:
        return None, []
    review = review or bool(premium.get("needs_review"))
    rows = []
    for part, p in premium.get("parts", {}).items():
        rows.append({"part": PART_LABELS.get(part, part)}
                    | {k: yen(p.get(k), review) for k in ("income_based", "per_capita", "per_household", "total")})
    return premium, rows


def _checks(report: Report | None) -> list[dict[str, str]]:
    if report is None:
        return []
    return [{
        "title": c.title,
        "verdict": c.verdict_label,
        "reasons": "\n".join(_reasons(c) + [f"不足: {m}" for m in c.missing]),
        "basis": "\n".join(c.basis),
    } for c in report.checks]


def _next_actions(report: Report | None) -> list[dict[str, str]]:
    if report is None:
        return []
    return [{"action": a.action, "due_date": wareki(a.due_date), "letter": a.letter or ""}
            for c in report.checks for a in c.next_actions]


def _total(values: list[int | None]) -> int | None:
    """The sum, or None when any part is unknown (a partial sum would be a guess)."""
    if not values or any(v is None for v in values):
        return None
    return sum(values)  # type: ignore[arg-type]


def _addressee(case: Case) -> tuple[str, str]:
    """(宛先, 市町村名) from the case's municipality profile. A group profile names
    only the office (「区長」): the place is left blank to write in, as is everything
    when the case names no known municipality."""
    if not case.municipality and not case.municipality_code:
        return BLANK, BLANK
    try:
        profile = profile_for_case(case)
    except ProfileError:
        return BLANK, BLANK
    if profile.addressee in GENERIC_ADDRESSEES:
        return BLANK + profile.addressee, BLANK
    return profile.addressee, profile.name


def build_context(case: Case, report: Report | None, check_id: str | None, *, today: date,
                  desk: dict | None = None) -> LetterContext:
    check = _check(report, check_id)
    head = case.head
    contact, fin, med, ins, hard = case.contact, case.finances, case.medical, case.insurance, case.hardship
    reduction = _check(report, "statutory_reduction")
    premium, premium_rows = _premium(report, bool(reduction and reduction.needs_review))
    review = bool(premium and (premium.get("needs_review") or (reduction and reduction.needs_review)))
    years = sorted(a.fiscal_year for a in case.arrears)
    desk = desk or {}
    addressee, municipality = _addressee(case)

    fields = {
        "today": format_wareki(today),
        "as_of": format_wareki(case.as_of),
        "addressee": addressee,
        "municipality": municipality,
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
        "expected_annual_income": yen(fin.expected_annual_income if fin else None),
        "hardship_reasons": "、".join(HARDSHIP_LABELS[r] for r in hard.reasons) if hard and hard.reasons else BLANK,
        "hardship_since": wareki(hard.since if hard else None),
        "hardship_description": _text(hard.description if hard else None),
        "patient": _text(med.patient if med else None),
        "medical_institution": _text(med.institution if med else None),
        "medical_since": wareki(med.since if med else None),
        "medical_note": _text(med.note if med else None),
        "medical_monthly_cost": yen(med.monthly_cost if med else None),
        "arrears_total": yen(_total([a.amount for a in case.arrears])),
        "late_fee_total": yen(_total([a.late_fee for a in case.arrears])),
        "arrears_years": (BLANK if not years else fiscal_year_label(years[0]) if years[0] == years[-1]
                          else f"{fiscal_year_label(years[0])}〜{fiscal_year_label(years[-1])}"),
        "next_due_date": wareki(case.notice.next_due_date if case.notice else None),
        "notice_total": yen(case.notice.total if case.notice else None),
        "premium_total": yen(premium.get("total"), review) if premium else BLANK,
        "premium_reduction": _text(premium.get("reduction")) if premium else BLANK,
        "premium_rates": _text(premium.get("rates")) if premium else BLANK,
        "verdict": check.verdict_label if check else BLANK,
        "protected_amount": _figure(check, "protected_amount"),
        "excess": _figure(check, "excess"),
        "minimum_living_cost": _figure(check, "minimum_living_cost"),
        "last_year_income": _figure(check, "last_year_income"),
        "application_deadline": _figure(check, "application_deadline"),
        "desk_name": _text(desk.get("name")),
        "desk_contact": _text(desk.get("contact")),
    }
    care = [("入院", bool(med and med.inpatient)), ("外来", bool(med and med.outpatient))]
    hardship = [(label, bool(hard and key in hard.reasons)) for key, label in HARDSHIP_LABELS.items()]
    return LetterContext(
        fields=fields,
        lists={
            "reasons": _reasons(check),
            "check_basis": list(check.basis) if check else [],
            "missing": list(check.missing) if check else [],
            "notes": [_text(case.notes)] if case.notes else [],
            "premium_reasons": list(premium.get("reasons", [])) if premium else [],
        },
        tables={
            "members": _members(case, case.as_of),
            "arrears": _arrears(case),
            "seizures": _seizures(case),
            "premium_parts": premium_rows,
            "checks": _checks(report),
            "next_actions": _next_actions(report),
            "log": [{"date": wareki(e.date), "note": _text(e.note),
                     "next_action": _text(e.next_action) if e.next_action else "",
                     "due_date": wareki(e.due_date) if e.due_date else ""} for e in case.log],
        },
        choices={"hardship": hardship, "care_type": care},
    )
