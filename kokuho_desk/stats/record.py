"""One case as a statistics record: only generalised fields, nothing that names anyone.

A record holds bands, categories and codes; never a name, kana, address, phone,
postal code, birth date, exact amount, free text, case id or a date finer than a
month. ``record_of`` is the only place that reads a Case for statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kokuho_desk.model.case import ENFORCEMENT_KINDS, INSURANCE_STATUSES, SEIZURE_ASSETS, Case, age_on
from kokuho_desk.stats.area import municipality_of, prefecture_of
from kokuho_desk.stats.bands import UNKNOWN, bands_for
from kokuho_desk.stats.categories import outcome_category, topic_categories
from kokuho_desk.stats.policy import Policy

UNKNOWN_STATUS = "unknown"


@dataclass(frozen=True)
class Judgement:
    """What the rules engine said about a case: the statutory reduction class and the
    verdict of each check, by check id."""

    reduction: str | None = None  # 7割 | 5割 | 2割 | なし
    verdicts: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Record:
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
    verdicts: dict[str, str]  # check id → verdict code
    topics: tuple[str, ...]  # topic category labels
    outcome: str  # outcome category label

    def to_row(self) -> dict[str, Any]:
        return {
            "month": self.month, "age_band": self.age_band, "household_band": self.household_band,
            "prefecture": self.prefecture, "area": self.area, "income_band": self.income_band,
            "reduction": self.reduction, "arrears_band": self.arrears_band,
            "enforcement": list(self.enforcement), "seizure_assets": list(self.seizure_assets),
            "insurance": self.insurance, "verdicts": dict(self.verdicts), "topics": list(self.topics),
            "outcome": self.outcome,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Record:
        """The record of an exported row; KeyError/TypeError/ValueError on a malformed one."""
        text = {k: row[k] for k in ("month", "age_band", "household_band", "prefecture", "area",
                                    "income_band", "reduction", "arrears_band", "insurance", "outcome")}
        if not all(isinstance(v, str) for v in text.values()):
            raise ValueError("not a text field")
        lists = {k: tuple(row[k]) for k in ("enforcement", "seizure_assets", "topics")}
        verdicts = dict(row["verdicts"])
        if not all(isinstance(v, str) for v in [*verdicts, *verdicts.values(), *sum(lists.values(), ())]):
            raise ValueError("not a text value")
        return cls(**text, **lists, verdicts=verdicts)


def first_consultation(case: Case) -> date:
    """The earliest log date, or the day of the judgement when the log is empty or later."""
    return min([case.as_of, *(e.date for e in case.log)])


def _head_age(case: Case) -> int | None:
    head = next((m for m in case.members if m.relation == "head"), None)
    if head is None or head.birth_date is None:
        return None
    return age_on(head.birth_date, case.as_of)


def _income(case: Case) -> tuple[int | None, bool]:
    """The household's reported income total (None: nothing known) and whether it was declared."""
    amounts = [a for m in case.members if m.income
               for a in (m.income.salary, m.income.pension, m.income.business, m.income.other) if a is not None]
    declared = not any(m.income and m.income.declared is False for m in case.members)
    return (sum(amounts) if amounts else None), declared


def _arrears(case: Case) -> int | None:
    if any(a.amount is None for a in case.arrears):
        return None
    return sum(a.amount for a in case.arrears)


def record_of(case: Case, judgement: Judgement, policy: Policy) -> Record:
    bands = bands_for(policy)
    address = case.contact.address if case.contact else None
    prefecture = prefecture_of(case.municipality, address)
    income, declared = _income(case)
    kinds = {e.kind for e in case.enforcement} | ({"seizure"} if case.seizures else set())
    assets = {s.asset for s in case.seizures}
    status = case.insurance.status if case.insurance else None
    return Record(
        month=first_consultation(case).strftime("%Y-%m"),
        age_band=bands.age(_head_age(case)),
        household_band=bands.household(len(case.members)),
        prefecture=prefecture,
        area=municipality_of(case.municipality) or prefecture,
        income_band=bands.income(income, declared=declared),
        reduction=judgement.reduction or UNKNOWN,
        arrears_band=bands.arrears(_arrears(case)),
        enforcement=tuple(k for k in ENFORCEMENT_KINDS if k in kinds),
        seizure_assets=tuple(a for a in SEIZURE_ASSETS if a in assets),
        insurance=status if status in INSURANCE_STATUSES else UNKNOWN_STATUS,
        verdicts=dict(judgement.verdicts),
        topics=topic_categories(case.topics, policy),
        outcome=outcome_category(case.status, case.outcome, policy),
    )
