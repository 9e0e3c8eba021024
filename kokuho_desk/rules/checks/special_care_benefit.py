"""特別療養費 (国保法54条の3) and what lifts it.

1. Members exempt by law keep 療養の給付: those up to the 31 March after their 18th birthday
   and those who can receive 公費負担医療 (規則27条の4の2; the list is unconfirmed: 要確認).
   → `eligible` for them.
2. 特別の事情 (施行令28条の6; 施行令1条 before 2024-12-02) exclude 特別療養費 altogether once the
   municipality accepts the 届 → `likely`.
3. The 世帯主's 申出 that a member needs care now and cannot pay 10割 up front lets the
   municipality give 療養の給付 instead (2025-10-17 事務連絡; 2009 答弁書 before) — a discretion
   without a medical-necessity test → `likely` at best.
A household already paying 10割 can claim the 7〜8割 back within 2 years of each payment.
"""

from __future__ import annotations

from kokuho_desk.model.case import HARDSHIP_LABELS
from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.relief import end_of_school_year_after, finish, period_end, yen
from kokuho_desk.rules.result import CheckResult, NextAction

ID = "special_care_benefit"
TITLE = "特別療養費に代わる療養の給付・特別の事情"
LETTER = "special-care-benefit"
BASIS = ["国民健康保険法第54条の3"]


def check(ctx: CheckContext) -> CheckResult:
    trace = Trace(ctx)
    case, on = ctx.case, ctx.as_of
    status = case.insurance.status if case.insurance else None
    if status is None:
        return finish(ID, TITLE, "needs_info", trace, reasons=["保険証・資格確認書の状態が分かりません。"],
                      basis=BASIS, missing=["insurance.status"])
    if status != "special_care":
        return finish(ID, TITLE, "not_eligible", trace,
                      reasons=["特別療養費（10割負担）の扱いにはなっていません。"], basis=BASIS)
    reasons: list[str] = []
    missing: list[str] = []
    basis = list(BASIS)
    actions: list[NextAction] = []
    found: set[str] = set()

    age = trace.value("special_care.exempt_child_age", on)
    exempt = []
    for i, m in enumerate(case.members):
        if not m.insured:
            continue
        if m.birth_date is None:
            missing.append(f"members[{i}].birth_date")
        elif on <= end_of_school_year_after(m.birth_date, age):
            exempt.append(f"{m.name or '子'}（{age}歳の年度末まで）")
        if m.public_medical_aid and trace.value("special_care.public_aid_exempt", on):
            exempt.append(f"{m.name or '世帯員'}（公費負担医療の対象）")
    if exempt:
        found.add("eligible")
        reasons.append(f"{'、'.join(exempt)}は法律で特別療養費の対象外です。通常の負担割合で受診できる"
                       "資格確認書を受け取れます。")
        actions.append(NextAction("対象外の世帯員に通常の資格確認書を交付するよう求める", on, "certificate"))

    circumstances = trace.value("special_care.circumstances", on)
    hs = case.hardship
    met = [r for r in (hs.reasons if hs else []) if r in circumstances["reasons"]]
    if met:
        found.add("likely")
        basis.append(circumstances["basis"])
        reasons.append(f"{'・'.join(HARDSHIP_LABELS[r] for r in met)}は保険料を納められない「特別の事情」に当たり得ます。"
                       "届け出て認められれば、特別療養費の対象から外れます（市町村が判断）。")
        actions.append(NextAction("特別の事情の届を出す（診断書・廃業届・り災証明など）", on, LETTER))

    med = case.medical
    needs_care = med.needs_care if med else None
    if needs_care is None:
        missing.append("medical.needs_care")
    elif needs_care:
        found.add("likely")
        basis.append(trace.value("special_care.care_instead_basis", on))
        fin = case.finances
        cash = ""
        if fin and fin.savings is not None and med.monthly_cost is not None:
            cash = f"（預貯金 {yen(fin.savings)}、見込まれる医療費 月 {yen(med.monthly_cost)}（10割））"
        reasons.append("医療が必要で、10割の一時払いが難しいと世帯主が申し出れば、市町村の判断で特別療養費の代わりに"
                       f"療養の給付（通常の3割等の負担）を受けられます{cash}。医療の必要性の証明は求められません。")
        actions.append(NextAction("療養の給付への切替を申し出る（世帯主が窓口で）", on, LETTER))

    limit = trace.value("special_care.claim_limitation_years", on)
    since = case.insurance.special_care_since
    if since is not None:
        reasons.append(f"10割で支払った分は、支払った日の翌日から{limit}年以内なら7〜8割を特別療養費として請求できます"
                       "（滞納への充当は断れます）。")
        actions.append(NextAction(f"10割で払った医療費の特別療養費を請求する（{format_wareki(since)}以後の支払いは各支払日から{limit}年以内）",
                                  period_end(since, 12 * limit), LETTER))
    verdict = "eligible" if "eligible" in found else "likely" if found else "needs_info" if missing else "not_eligible"
    if verdict == "not_eligible":
        reasons.append("法律上の対象外の世帯員も、特別の事情や医療の必要も記録されていません。")
    return finish(ID, TITLE, verdict, trace, reasons=reasons, basis=list(dict.fromkeys(basis)), missing=missing,
                  actions=actions)
