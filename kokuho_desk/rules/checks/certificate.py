"""資格確認書 (国保法9条2項; 令和5年法律第48号 附則15条): since 2024-12-02 members without a
usable マイナ保険証 get one without applying; holders who cannot use the card (要配慮者:
介護・障害・DV・入院等) on application. Under 特別療養費 the household holds a 資格確認書（特別療養）,
but members up to the 18歳年度末 get a normal one by law.
"""

from __future__ import annotations

from kokuho_desk.model.next_action import NextAction
from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.params import ParameterError, in_force_from
from kokuho_desk.rules.relief import end_of_school_year_after
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "certificate"
TITLE = "資格確認書の交付"
LETTER = "certificate"
BASIS = ["国民健康保険法第9条第2項", "令和5年法律第48号 附則第15条"]
GRACE = "certificate.expired_card_grace_until"


def check(ctx: CheckContext) -> CheckResult:
    trace = check_trace(ctx)
    case, on = ctx.case, ctx.as_of
    ins = case.insurance
    status = ins.status if ins else None
    since = trace.value("certificate.since", on)
    if on < since:
        return finish(
            ID,
            TITLE,
            "not_eligible",
            trace,
            reasons=[f"資格確認書は{format_wareki(since)}からの制度です。"] if ctx.explain else [],
            basis=BASIS,
        )
    if ins is None or status is None:
        return finish(
            ID,
            TITLE,
            "needs_info",
            trace,
            reasons=["保険証・資格確認書の状態が分かりません。"],
            basis=BASIS,
            missing=["insurance.status"],
        )
    reasons: list[str] = []
    actions: list[NextAction] = []
    verdict = "not_eligible"
    if status == "none":
        verdict = "eligible"
        reasons.append(
            "マイナ保険証を使えない被保険者には、申請しなくても資格確認書が交付されます。"
            "届いていなければ交付を求めてください。"
        )
        actions.append(NextAction("資格確認書の交付を求める", on, LETTER))
    elif status == "certificate":
        expiry = ins.certificate_expiry
        if expiry is not None and expiry < on:
            verdict = "eligible"
            if ctx.explain:
                reasons.append(
                    f"資格確認書の有効期限（{format_wareki(expiry)}）が過ぎています。新しい資格確認書の交付を求めてください。"
                )
                actions.append(NextAction("新しい資格確認書の交付を求める", on, LETTER))
        elif ctx.explain:
            reasons.append(
                "有効な資格確認書があります。" + (f"有効期限は{format_wareki(expiry)}です。" if expiry else "")
            )
            if expiry is not None:
                actions.append(NextAction("資格確認書の有効期限（更新が届くか確認する）", expiry))
    elif status == "mynacard":
        needs = [m for m in case.members if m.insured and m.disability]
        if needs:
            verdict = "likely"
            reasons.append(
                "マイナ保険証があっても、障害などで使うのが難しい人（要配慮者）は申請すれば資格確認書を受け取れます。"
            )
            actions.append(NextAction("要配慮者として資格確認書を申請する", on, LETTER))
        else:
            reasons.append("マイナ保険証で受診できます。使えない事情があれば申請で資格確認書を受け取れます。")
    else:  # special_care
        age = trace.value("special_care.exempt_child_age", on)
        children = [
            m for m in case.members if m.insured and m.birth_date and on <= end_of_school_year_after(m.birth_date, age)
        ]
        if children:
            verdict = "eligible"
            reasons.append(
                f"世帯は資格確認書（特別療養）ですが、{age}歳の年度末までの子には通常の資格確認書が交付されます。"
            )
            actions.append(NextAction("子どもに通常の資格確認書を交付するよう求める", on, LETTER))
        else:
            reasons.append("世帯は資格確認書（特別療養）です。療養の給付への切替は「特別療養費」の判定を見てください。")
    grace = None
    if status in ("none", "certificate") and on >= in_force_from(GRACE):  # the 暫定措置 of 2025-06-27
        try:
            grace = trace.value(GRACE, on)
        except ParameterError:
            pass
    if grace is not None and on <= grace and ctx.explain:
        reasons.append(
            f"{format_wareki(grace)}までは、期限切れの保険証でも医療機関で資格を確認して通常の負担で受診できます。"
        )
    return finish(ID, TITLE, verdict, trace, reasons=reasons, basis=BASIS, actions=actions)
