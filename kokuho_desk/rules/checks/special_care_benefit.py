"""特別療養費 (国保法54条の3) and what lifts it.

1. Members exempt by law keep 療養の給付: those up to the 31 March after their 18th birthday
   and those who can receive 公費負担医療 (規則27条の4の2; the list is unconfirmed: 要確認).
   The exemption is the member's own: `eligible` when the member who needs care (medical.patient)
   has it, or when no care is needed now; a sick adult with a healthy child is not exempt.
2. 特別の事情 (施行令28条の6; 施行令1条 before 2024-12-02) exclude 特別療養費 altogether once the
   municipality accepts the 届 → `likely`. The 施行令 lists 災害・盗難, 病気・負傷, 事業の休廃止,
   事業の著しい損失; 失業 and the like can be 「これらに類する事由」.
3. The 世帯主's 申出 that a member needs care now and cannot pay 10割 up front lets the
   municipality give 療養の給付 instead (2025-10-17 事務連絡; 2009 答弁書 before) — a discretion
   without a medical-necessity test → `likely` at best. Whether 10割 up front is hard is weighed
   (savings against the expected cost), not assumed.
A household already paying 10割 can claim the 7〜8割 back within 2 years of each payment.
"""

from __future__ import annotations

from datetime import date

from kokuho_desk.model.case import HARDSHIP_LABELS, Case
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.premium import member_label
from kokuho_desk.rules.relief import end_of_school_year_after, patient_index, period_end
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "special_care_benefit"
TITLE = "特別療養費に代わる療養の給付・特別の事情"
LETTER = "special-care-benefit"
BASIS = ["国民健康保険法第54条の3"]


def _exempt_members(case: Case, trace: Trace, on: date, missing: list[str]) -> dict[int, str]:
    """Members exempt by law (54条の3第1項括弧書), with why: up to the end of the fiscal year of
    18, or 公費負担医療 (規則27条の4の2)."""
    age = trace.value("special_care.exempt_child_age", on)
    out: dict[int, str] = {}
    for i, m in enumerate(case.members):
        if not m.insured:
            continue
        if m.birth_date is None:
            missing.append(f"members[{i}].birth_date")
        elif on <= end_of_school_year_after(m.birth_date, age):
            out[i] = f"{age}歳の年度末まで"
        if m.public_medical_aid and trace.value("special_care.public_aid_exempt", on):
            out.setdefault(i, "公費負担医療の対象")
    return out


def _upfront(case: Case, figures: dict, missing: list[str]) -> str:
    """Whether paying 10割 up front is hard: the savings against the expected cost (10割)."""
    fin, med = case.finances, case.medical
    savings = fin.savings if fin else None
    cost = med.monthly_cost if med else None
    if savings is None or cost is None:
        missing += [p for p, v in (("finances.savings", savings), ("medical.monthly_cost", cost)) if v is None]
        figures["upfront_difficult"] = None
        return "一時払いが難しいことを示すため、預貯金と見込まれる医療費（10割）を記録してください。"
    figures["upfront_difficult"] = savings < cost
    if savings < cost:
        return f"預貯金 {yen(savings)} は見込まれる医療費 月 {yen(cost)}（10割）に足りず、10割の一時払いは困難です。"
    return (
        f"預貯金 {yen(savings)} で見込まれる医療費 月 {yen(cost)}（10割）を払える計算ですが、"
        "生活費を残すと払えないなどの事情があれば、それを書いて申し出られます（判断は市町村）。"
    )


def check(ctx: CheckContext) -> CheckResult:
    trace = check_trace(ctx)
    case, on = ctx.case, ctx.as_of
    insurance = case.insurance
    status = insurance.status if insurance else None
    if insurance is None or status is None:
        return finish(
            ID,
            TITLE,
            "needs_info",
            trace,
            reasons=["保険証・資格確認書の状態が分かりません。"],
            basis=BASIS,
            missing=["insurance.status"],
        )
    if status != "special_care":
        return finish(
            ID, TITLE, "not_eligible", trace, reasons=["特別療養費（10割負担）の扱いにはなっていません。"], basis=BASIS
        )
    reasons: list[str] = []
    missing: list[str] = []
    basis = list(BASIS)
    actions: list[NextAction] = []
    found: set[str] = set()
    figures: dict = {}

    med = case.medical
    needs_care = med.needs_care if med else None
    patient = patient_index(case) if needs_care else None
    if needs_care and patient is None:
        missing.append("medical.patient")

    # 54条の3第1項括弧書: the exemption belongs to each member, so it helps only a patient who has it.
    exempt = _exempt_members(case, trace, on, missing)
    if exempt:
        named = "、".join(f"{member_label(case, i)}（{why}）" for i, why in exempt.items())
        reasons.append(f"{named}は法律で特別療養費の対象外です。通常の負担割合で受診できる資格確認書を受け取れます。")
        actions.append(NextAction("対象外の世帯員に通常の資格確認書を交付するよう求める", on, "certificate"))
        if not needs_care or patient in exempt:
            found.add("eligible")
        elif patient is not None:
            reasons.append(
                f"ただし療養が必要な{member_label(case, patient)}本人は対象外に当たらないため、"
                "下の申出などで療養の給付を求めます。"
            )

    circumstances = trace.value("special_care.circumstances", on)
    hs = case.hardship
    listed = [r for r in (hs.reasons if hs else []) if r in circumstances["reasons"]]
    similar = [r for r in (hs.reasons if hs else []) if r in circumstances["similar"]]
    if listed or similar:
        found.add("likely")
        basis.append(circumstances["basis"])
        if listed:
            reasons.append(f"{'・'.join(HARDSHIP_LABELS[r] for r in listed)}は施行令に挙げられた「特別の事情」です。")
        if similar:
            reasons.append(
                f"{'・'.join(HARDSHIP_LABELS[r] for r in similar)}は施行令の「これらに類する事由」として"
                "認められ得ます。"
            )
        reasons.append("届け出て認められれば、特別療養費の対象から外れます（市町村が判断）。")
        actions.append(NextAction("特別の事情の届を出す（診断書・廃業届・離職票・り災証明など）", on, LETTER))

    if needs_care is None:
        missing.append("medical.needs_care")
    elif needs_care:
        found.add("likely")
        basis.append(trace.value("special_care.care_instead_basis", on))
        reasons.append(_upfront(case, figures, missing))
        reasons.append(
            "医療が必要で10割の一時払いが難しいと世帯主が申し出れば、市町村の判断で特別療養費の代わりに"
            "療養の給付（通常の3割等の負担）を受けられます。医療の必要性の証明は求められません。"
        )
        actions.append(NextAction("療養の給付への切替を申し出る（世帯主が窓口で）", on, LETTER))

    limit = trace.value("special_care.claim_limitation_years", on)
    since = insurance.special_care_since
    if since is not None:
        reasons.append(
            f"10割で支払った分は、支払った日の翌日から{limit}年以内なら7〜8割を特別療養費として請求できます"
            "（滞納への充当は断れます）。"
        )
        actions.append(
            NextAction(
                f"10割で払った医療費の特別療養費を請求する（{format_wareki(since)}以後の支払いは各支払日から{limit}年以内）",
                period_end(since, 12 * limit),
                LETTER,
            )
        )
    verdict = "eligible" if "eligible" in found else "likely" if found else "needs_info" if missing else "not_eligible"
    if verdict == "not_eligible":
        reasons.append("法律上の対象外の世帯員も、特別の事情や医療の必要も記録されていません。")
    return finish(
        ID,
        TITLE,
        verdict,
        trace,
        reasons=reasons,
        basis=list(dict.fromkeys(basis)),
        missing=list(dict.fromkeys(missing)),
        figures=figures,
        actions=actions,
    )
