"""生活保護の収入認定: what a welfare office counts of the household's income against the
最低生活費 (次官通知 第8-3; 局長通知 第6).

- 勤労収入: gross pay − 必要経費 (所得税・住民税・社会保険料・通勤費) − 勤労控除. The 基礎控除 is
  read from the table on the gross pay; the member who earns most takes the 1人目 column, the
  others the 2人目以降 column. 新規就労控除 (6 months after starting work) and 未成年者控除 are added.
- Other income (年金・手当 …) counts in full: finances.monthly_income is the household's whole
  monthly income, wages included, so the deductions are taken off it.
- 手持金 at the start of protection: savings above half of the 最低生活費 count as income of the
  first month; they do not bar protection.
Not modelled: the 未成年者控除's exclusion of minors living alone or only with a spouse or own
children, 臨時的収入 (8,000円), 就労自立給付金.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kokuho_desk.model.case import Case, Wage, age_on
from kokuho_desk.model.formatting import yen
from kokuho_desk.rules.context import Trace
from kokuho_desk.rules.relief import floor_times

EXPENSE_LABELS = {
    "income_tax": "所得税",
    "resident_tax": "住民税",
    "social_insurance": "社会保険料",
    "commute": "通勤費",
}


def basic_deduction(trace: Trace, on: date, gross: int, first: bool) -> int:
    """The 基礎控除 (月額) for a monthly wage: the 1人目 or the 2人目以降 column of the table."""
    t = trace.value("minimum_living.earned_income.basic_deduction", on)
    whole = gross < t["full_first_below"] if first else gross <= t["full_second_up_to"]
    if whole:
        return gross
    if gross < t["step_from"]:
        top = t["flat_first"]
    else:
        top = t["step_base"] + t["step_first"] * ((gross - t["step_from"]) // t["step_width"])
    if first:
        return top
    if gross < t["ratio_second_from"]:
        return t["flat_second"]
    return int((top * Decimal(t["ratio_second"])).to_integral_value(ROUND_HALF_UP))


@dataclass
class WageLine:
    """One member's wage as the welfare office counts it."""

    index: int
    gross: int
    expenses: int
    basic: int
    new_job: int
    minor: int

    @property
    def recognised(self) -> int:
        return max(0, self.gross - self.expenses - self.basic - self.new_job - self.minor)

    @property
    def deducted(self) -> int:
        return self.gross - self.recognised


@dataclass
class Recognised:
    """The household's monthly income as counted, with the wages that were reduced."""

    declared: int  # finances.monthly_income as given
    income: int  # after 必要経費 and 勤労控除
    wages: list[WageLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # expenses not known (counted as 0): 要確認

    def lines(self, label: Callable[[int], str]) -> list[str]:
        """In words: each wage's deductions (label(i) names a member)."""
        return [
            f"{label(w.index)}の給与 {yen(w.gross)} から必要経費 {yen(w.expenses)}・勤労控除 "
            f"{yen(w.basic + w.new_job + w.minor)} を引いた {yen(w.recognised)} を収入として数えます"
            for w in self.wages
        ]


def _expenses(trace: Trace, on: date, wage: Wage) -> tuple[int, list[str]]:
    wh = wage.monthly_withholding
    known = {
        "income_tax": wh.income_tax if wh else None,
        "resident_tax": wh.resident_tax if wh else None,
        "social_insurance": wh.social_insurance if wh else None,
        "commute": wage.commute,
    }
    kinds = trace.value("minimum_living.earned_income.necessary_expenses", on)
    unknown = [k for k in kinds if known[k] is None]
    return sum(known[k] or 0 for k in kinds), unknown


def recognise(case: Case, monthly_income: int, trace: Trace, on: date) -> Recognised:
    """The household's monthly income after the 勤労控除 and 必要経費 of each member's wage.
    An unknown expense counts as 0 (the income is then not understated) and is noted."""
    earners = [(i, m, w, gross) for i, m in enumerate(case.members) if (w := m.wage) and (gross := w.monthly_gross)]
    earners.sort(key=lambda x: -x[3])  # 1人目: the highest earner
    out = Recognised(monthly_income, monthly_income)
    for rank, (i, m, w, gross) in enumerate(earners):
        expenses, unknown = _expenses(trace, on, w)
        if unknown:
            out.notes.append(
                f"給与の必要経費（{'・'.join(EXPENSE_LABELS[k] for k in unknown)}）が分からないため0円として"
                "数えています（分かれば収入はもっと少なく数えられます）"
            )
        new_job = trace.value("minimum_living.earned_income.new_job_deduction", on) if w.new_job else 0
        minor = 0
        if m.birth_date and age_on(m.birth_date, on) < trace.value("minimum_living.earned_income.minor_under_age", on):
            minor = trace.value("minimum_living.earned_income.minor_deduction", on)
        out.wages.append(WageLine(i, gross, expenses, basic_deduction(trace, on, gross, rank == 0), new_job, minor))
    gross = sum(w.gross for w in out.wages)
    if gross > monthly_income:
        out.notes.append(
            f"給与の総支給額の合計 {yen(gross)} が世帯の月収入 {yen(monthly_income)} を超えています。"
            "月収入は給与（総支給額）を含めた世帯全体の額で入力してください"
        )
    out.income = max(0, monthly_income - sum(w.deducted for w in out.wages))
    return out


def savings_counted(trace: Trace, on: date, savings: int, cost: int) -> tuple[int, int]:
    """(the part of the savings counted as income of the first month, the part kept): 手持金
    above half of the 最低生活費 (局長通知 第6)."""
    kept = floor_times(cost, trace.value("public_assistance.savings_months", on))
    return max(0, savings - kept), kept
