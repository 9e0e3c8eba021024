"""非自発的失業者の軽減: a member marked as having left work but without 離職日 or 離職理由コード is
情報不足 (needs_info) naming what is missing — never 非該当, whatever the other members are."""

from kokuho_desk.rules.engine import run_checks
from tests.rules.test_premium_checks import case, person


def _check(*members):
    return run_checks(case(list(members))).check("unemployment_reduction")


def test_marked_unemployed_with_nothing_known_asks_for_both():
    """Ensure an empty unemployment record gives needs_info with both paths missing."""
    result = _check(person(salary=3000000, unemployment={}))
    assert result.verdict == "needs_info"
    assert result.missing == ["members[0].unemployment.separation_date", "members[0].unemployment.reason_code"]


def test_a_missing_member_is_not_hidden_by_an_ineligible_one_in_either_order():
    """Ensure one member with an excluded code (会社都合でない 40: 対象外) and one with nothing known is
    needs_info (not not_eligible), the missing paths naming the second member, in either order."""
    ineligible = person(salary=3000000, unemployment={"separation_date": "2024-10-31", "reason_code": "40"})
    unknown = person("spouse", salary=2000000, unemployment={"separation_date": "2024-10-31"})
    first = _check(ineligible, unknown)
    assert first.verdict == "needs_info" and first.missing == ["members[1].unemployment.reason_code"]
    second = _check(unknown, ineligible)
    assert second.verdict == "needs_info" and second.missing == ["members[0].unemployment.reason_code"]
