"""One case as a statistics record: only generalised fields, nothing that names anyone.

A record holds bands, categories and codes; never a name, kana, address, phone,
postal code, birth date, exact amount, free text, case id or a date finer than a
month. ``record_of`` is the only place that reads a Case for statistics.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from kokuho_desk.model.case import ENFORCEMENT_KINDS, INSURANCE_STATUSES, SEIZURE_ASSETS, Case, age_on
from kokuho_desk.model.judgement import Judgement
from kokuho_desk.stats.area import municipality_of, prefecture_of
from kokuho_desk.stats.bands import UNKNOWN, bands_for
from kokuho_desk.stats.categories import outcome_category, topic_categories
from kokuho_desk.stats.policy import Policy

UNKNOWN_STATUS = "unknown"


class Record(NamedTuple):
    """One exported row. A tuple of text and tuples of text, so that rows sort, hash and
    encode to JSON (as an array, in this field order) at C speed."""

    month: str  # YYYY-MM of the first consultation
    age_band: str
    household_band: str
    prefecture: str
    area: str  # the municipality, or the prefecture when generalised or unknown
    income_band: str
    reduction: str
    arrears_band: str
    enforcement: tuple[str, ...]  # ENFORCEMENT_KINDS codes
    seizure_assets: tuple[str, ...]  # SEIZURE_ASSETS codes
    insurance: str  # INSURANCE_STATUSES code or "unknown"
    verdicts: tuple[tuple[str, str], ...]  # (check id, verdict code), sorted by check id
    topics: tuple[str, ...]  # topic category labels
    outcome: str  # outcome category label

    @classmethod
    def from_row(cls, row: Any) -> Record:
        """The record of an exported row (a JSON array, or already a Record); ValueError on a malformed one."""
        if isinstance(row, Record):
            return row
        if not isinstance(row, list) or len(row) != len(cls._fields):
            raise ValueError("not a row")
        values = []
        for name, value in zip(cls._fields, row):
            if name == "verdicts":
                value = tuple(tuple(pair) for pair in value)
                flat = [v for pair in value for v in pair]
                if any(len(pair) != 2 for pair in value):
                    raise ValueError("not a verdict pair")
            elif isinstance(value, list):
                value = flat = tuple(value)
            else:
                flat = [value]
            if not all(isinstance(v, str) for v in flat):
                raise ValueError(f"{name}: not text")
            values.append(value)
        return cls(*values)


def first_consultation(case: Case) -> date:
    """The earliest log date, or the day of the judgement when the log is empty or later."""
    first = case.as_of
    for entry in case.log:
        if entry.date < first:
            first = entry.date
    return first


@lru_cache(maxsize=4096)  # consultations fall on few distinct days
def month_of(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


# The helpers below run once per case of a 100,000-case export: plain loops, no generators.

def _head_age(case: Case) -> int | None:
    for m in case.members:
        if m.relation == "head":
            return None if m.birth_date is None else age_on(m.birth_date, case.as_of)
    return None


def _income(case: Case) -> tuple[int | None, bool]:
    """The household's reported income total (None: nothing known) and whether it was declared."""
    total, declared = None, True
    for m in case.members:
        income = m.income
        if income is None:
            continue
        if income.declared is False:
            declared = False
        for amount in (income.salary, income.pension, income.business, income.other):
            if amount is not None:
                total = amount if total is None else total + amount
    return total, declared


def _arrears(case: Case) -> int | None:
    total = 0
    for arrear in case.arrears:
        if arrear.amount is None:
            return None
        total += arrear.amount
    return total


@lru_cache(maxsize=1024)
def _in_order(present: frozenset[str], order: tuple[str, ...]) -> tuple[str, ...]:
    """The codes present, once each, in the order of the code list (unknown codes dropped)."""
    return tuple([code for code in order if code in present])


@lru_cache(maxsize=4096)  # verdicts repeat from case to case
def _verdict_pairs(items: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(items))


def record_of(case: Case, judgement: Judgement, policy: Policy, month: str | None = None) -> Record:
    """The record of a case; ``month`` is its first-consultation month when already known.

    Written flat and positional: it runs once per case of a 100,000-case export.
    """
    bands = bands_for(policy)
    municipality = case.municipality
    prefecture = prefecture_of(municipality, case.contact.address if case.contact else None)
    income, declared = _income(case)
    kinds = [e.kind for e in case.enforcement]
    if case.seizures:
        kinds.append("seizure")
    status = case.insurance.status if case.insurance else None
    return Record(
        month or month_of(first_consultation(case)),
        bands.age(_head_age(case)),
        bands.household(len(case.members)),
        prefecture,
        municipality_of(municipality) or prefecture,
        bands.income(income, declared=declared),
        judgement.reduction or UNKNOWN,
        bands.arrears(_arrears(case)),
        _in_order(frozenset(kinds), ENFORCEMENT_KINDS),
        _in_order(frozenset([s.asset for s in case.seizures]), SEIZURE_ASSETS),
        status if status in INSURANCE_STATUSES else UNKNOWN_STATUS,
        _verdict_pairs(tuple(judgement.verdicts.items())),
        topic_categories(tuple(case.topics), policy),
        outcome_category(case.status, case.outcome, policy),
    )
