"""What a prefecture's unified premium rates changed for a household (大阪府統一, from 令和6年度).

The same household, the same incomes and the same fiscal year, computed twice by the premium
engine: with the unified rates its municipality follows that year, and with the municipality's
own rates of its last year before unification (the newest earlier year of its profile whose rates
are not the group's). Only the parts both tables have are compared, so a part added later for
everyone (子ども・子育て支援納付金分, 令和8年度) is not counted as a rise of the unification.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from kokuho_desk.model.case import Case
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.municipality import ProfileError, RateTable, load_profile, profile_for_case
from kokuho_desk.rules.premium import premium
from kokuho_desk.stats.policy import Policy

NO_OWN_RATES = "no_own"  # the municipality's own rates before unification are not in the data
UNKNOWN = "unknown"  # the premium cannot be computed (incomes or rates missing, rates 要確認)


def _case_rates(table: RateTable, parts: list[str]) -> dict[str, Any]:
    """A rate table in the case file's inline form (case-format.md ``rates``), these parts only."""
    return {
        "parts": {
            p: {
                "income_rate_percent": str(table.parts[p].income_rate_percent),
                "per_capita": table.parts[p].per_capita,
                "per_household": table.parts[p].per_household,
                "cap": table.parts[p].cap,
                "per_capita_adult_extra": table.parts[p].per_capita_adult_extra,
            }
            for p in parts
        },
        "rounding": {"part": table.rounding},
    }


@cache
def _compared_rates(
    profile_id: str, fiscal_year: int, group: str, first_year: int
) -> tuple[dict[str, Any], dict[str, Any]] | str | None:
    """(unified rates, own rates) in the case file's form for a municipality and year under the
    group's rates, NO_OWN_RATES when its earlier own rates are not in the data, UNKNOWN when
    either table is not verified (要確認), None when the municipality does not follow the group
    that year."""
    if fiscal_year < first_year or profile_id == group:
        return None
    profile, unified = load_profile(profile_id), load_profile(group)
    try:
        now, group_now = profile.rates_for(fiscal_year), unified.rates_for(fiscal_year)
    except ProfileError:
        return None
    if now is None or group_now is None or now.parts != group_now.parts:
        return None
    for year in reversed([fy for fy in profile.fiscal_years if fy < first_year]):
        own, group_then = profile.rates_for(year), unified.rates_for(year)
        if own is None or (group_then is not None and own.parts == group_then.parts):
            continue  # adopted the group's rates before they became compulsory
        if own.status != "verified" or now.status != "verified":
            return UNKNOWN
        parts = [p for p in own.parts if p in now.parts]
        return _case_rates(now, parts), _case_rates(own, parts)
    return NO_OWN_RATES


def unification_change(case: Case, policy: Policy) -> int | str | None:
    """Yearly premium with the unified rates minus with the municipality's own earlier rates (yen),
    NO_OWN_RATES or UNKNOWN; None when the case's municipality is not under the unified rates or
    nobody in the household pays a premium (everyone in 後期高齢者医療, say)."""
    if not (case.municipality or case.municipality_code):
        return None
    try:
        profile = profile_for_case(case)
    except ProfileError:
        return None
    rates = _compared_rates(
        profile.id, case.effective_fiscal_year, policy.unification_group, policy.unification_first_year
    )
    if rates is None or isinstance(rates, str):
        return rates
    totals = [premium(CheckContext.for_case(replace(case, rates=r))).total for r in rates]
    if totals[0] is None or totals[1] is None:
        return UNKNOWN
    return None if totals == [0, 0] else totals[0] - totals[1]
