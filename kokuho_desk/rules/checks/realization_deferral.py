"""換価の猶予 (申請: 地方税法15条の6; 国税徴収法151条の2) and 徴収猶予 (地方税法15条; 国保料:
国保法77条 and the 条例).

換価の猶予 must be applied for within the 条例's period from the 納期限 (usually 6 months: a
profile value), with no other arrears outside it; paying at once must endanger the household's
living and the household must show 誠実な意思 (the 財産収支状況書 shows both). Whether 15条の6
reaches 国保料 is unconfirmed (要確認). 徴収猶予 needs a cause of 地方税法15条1項 (災害・盗難,
病気・負傷, 事業の休廃止・損失, or similar). Both are decided by the municipality: `likely` at best.
A deadline on a closed day moves to the next working day (地方税法20条の5第2項).
Past the period the check offers 徴収猶予 as its next action (letter ``collection-deferral``).
Not modelled: 職権の換価の猶予 (15条の5, mentioned in the reasons), 担保, 延滞金の免除.
"""

from __future__ import annotations

from datetime import date

from kokuho_desk.model.case import HARDSHIP_LABELS
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.model.wareki import fiscal_year_label, format_wareki
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.relief import next_working_day, period_end, setting
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "realization_deferral"
TITLE = "換価の猶予（申請）・徴収猶予"
LETTER = "realization-deferral"
COLLECTION_LETTER = "collection-deferral"  # 徴収猶予申請書: what remains once the 換価の猶予 period has passed
BASIS = ["地方税法第15条の6（換価の猶予の申請）", "国税徴収法第151条の2", "地方税法第15条（徴収猶予）"]
BASIS_RYO = "国民健康保険法第77条（保険料の徴収猶予）・第79条の2"


def check(ctx: CheckContext) -> CheckResult:
    trace = check_trace(ctx)
    case, on = ctx.case, ctx.as_of
    explain = ctx.explain
    ryo = any(a.kind == "料" for a in case.arrears)
    basis = BASIS + [BASIS_RYO] if ryo else BASIS
    if not case.arrears:
        return finish(ID, TITLE, "not_eligible", trace, reasons=["滞納の記録はありません。"], basis=basis)
    months = setting(ctx, trace, "realization_deferral_application_months", on)
    reasons: list[str] = []
    missing: list[str] = []
    open_windows: list[tuple[date, str]] = []  # (last day, label: words only when explaining)
    closed = 0
    for i, a in enumerate(case.arrears):
        units: list[tuple[int | None, date | None]] = [(j, x.due_date) for j, x in enumerate(a.installments)] or [
            (None, a.due_date)
        ]
        for j, due in units:
            if due is None:
                missing.append(f"arrears[{i}].due_date" if j is None else f"arrears[{i}].installments[{j}].due_date")
                continue
            last_day = next_working_day(trace, period_end(due, months))  # 地方税法20条の5第2項
            if last_day >= on:
                label = f"{fiscal_year_label(a.fiscal_year)}分（納期限 {format_wareki(due)}）" if explain else ""
                open_windows.append((last_day, label))
            else:
                closed += 1
    if ryo:
        trace.value("enforcement.deferral_applies_to_ryo", on)
    verdict = "not_eligible"
    actions: list[NextAction] = []
    deadline: date | None = None
    if open_windows and not closed and not missing:
        deadline, label = min(open_windows)
        years = trace.value("enforcement.deferral_years", on)
        verdict = "likely"
        if explain:
            reasons.append(
                f"換価の猶予を申請できる期間内です（納期限から{months}か月以内）。最も早い申請期限は"
                f"{label}の{format_wareki(deadline)}です。"
            )
            reasons.append(
                f"一度に納めると生活の維持が難しいことと、分割で納める意思を財産収支状況書で示します"
                f"（猶予は{years}年以内、市町村が決めます）。"
            )
            actions.append(NextAction("換価の猶予を申請する（申請期限）", deadline, LETTER))
    elif closed:
        if explain:
            reasons.append(
                f"納期限から{months}か月を過ぎた滞納があるため、換価の猶予は申請できません"
                "（市町村が職権で行う換価の猶予（地方税法第15条の5）はあります）。"
                "徴収猶予は、この期間に関わらず申請できます。"
            )
    elif missing:
        verdict = "needs_info"
    hs = case.hardship
    causes = trace.value("enforcement.collection_deferral_reasons", on)
    met = [r for r in (hs.reasons if hs else []) if r in causes]
    if met:
        if explain:
            reasons.append(
                f"{'・'.join(HARDSHIP_LABELS[r] for r in met)}の事情があるので、徴収猶予を申請できます"
                "（市町村が決めます）。"
            )
        if verdict != "likely":
            verdict = "likely"
            if explain:
                actions.append(NextAction("徴収猶予を申請する", on, COLLECTION_LETTER))
    elif verdict == "not_eligible" and (hs is None or not hs.reasons):
        missing.append("hardship.reasons")
        verdict = "needs_info"
    if closed and not met and explain:
        actions.append(
            NextAction("災害・病気・事業の休廃止などの事情があれば徴収猶予を申請する", on, COLLECTION_LETTER)
        )
    figures = {"application_deadline": deadline, "application_months": months}
    return finish(
        ID, TITLE, verdict, trace, reasons=reasons, basis=basis, missing=missing, figures=figures, actions=actions
    )
