"""The count tables of the statistics, one per campaign question (docs/statistics.md).

Every table counts HOUSEHOLDS (cases), each in exactly one column, by fiscal quarter of the
first consultation and by area: the row total is the number of households of the table's
population in that area, so that the tables can be protected as a grid with its margins.
``table_cells`` is the only place that reads a case for statistics; it returns codes, never
a name, an amount or a text of the case.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache

from kokuho_desk.model.case import INSURANCE_LABELS, RELIEF_DECISION_LABELS, RELIEF_DECISIONS, Case, age_on
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.stats.labels import check_label
from kokuho_desk.stats.policy import Policy
from kokuho_desk.stats.unification import NO_OWN_RATES, UNKNOWN, unification_change

# Populations whose row totals are the same number in several tables (shared margins).
ALL = "all"
SEIZED = "seized"


@dataclass(frozen=True)
class Table:
    """One table of the statistics: the question it answers, who it counts and its columns."""

    id: str
    title: str
    question: str  # the campaign question it answers
    population: str  # who is counted: tables with the same population share their row totals
    population_label: str
    columns: tuple[tuple[str, str], ...]  # (code, Japanese heading), in order

    def column_label(self, code: str) -> str:
        return dict(self.columns).get(code, code)


_VERDICT_COLUMNS = (
    ("eligible", "該当"),
    ("likely", "該当の可能性あり"),
    ("not_eligible", "非該当"),
    ("needs_info", "情報不足"),
)


def _percent_labels(edges: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
    labels = [f"{edges[0]}%未満"] + [f"{a}〜{b}%" for a, b in zip(edges, edges[1:])] + [f"{edges[-1]}%以上"]
    return tuple((f"b{i}", label) for i, label in enumerate(labels))


def _man(amount: int) -> str:
    return f"{amount // 10_000}万円" if amount % 10_000 == 0 else yen(amount)


def _notice_columns(edges: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
    higher = [
        f"通知書が{_man(a)}〜{_man(b)}未満高い" if a > 1 else f"通知書が{_man(b)}未満高い"
        for a, b in zip(edges, edges[1:])
    ] + [f"通知書が{_man(edges[-1])}以上高い"]
    return (
        ("lower", "通知書の方が低い"),
        ("equal", "一致"),
        *((f"b{i}", label) for i, label in enumerate(higher)),
        (UNKNOWN, "再計算できない"),
    )


def _minors_columns(edges: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
    bands = [
        f"{_man(a)}〜{_man(b)}未満" if a > 1 else f"{_man(b)}未満（0円を除く）" for a, b in zip(edges, edges[1:])
    ] + [f"{_man(edges[-1])}以上"]
    return (("zero", "0円（全額軽減）"), *((f"b{i}", label) for i, label in enumerate(bands)), (UNKNOWN, "不明"))


def _unification_columns(edges: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
    higher = [f"{_man(a)}〜{_man(b)}未満高い" if a > 1 else f"{_man(b)}未満高い" for a, b in zip(edges, edges[1:])] + [
        f"{_man(edges[-1])}以上高い"
    ]
    return (
        ("lower", "統一後の方が低い"),
        ("equal", "変わらない"),
        *((f"b{i}", label) for i, label in enumerate(higher)),
        (NO_OWN_RATES, "統一前の市町村の料率が未登録"),
        (UNKNOWN, "計算できない"),
    )


RELIEF_COLUMNS = (
    ("not_applied", "該当と判定・未申請"),
    ("pending", "申請中"),
    *((d, RELIEF_DECISION_LABELS[d]) for d in RELIEF_DECISIONS),
)


@cache
def tables(policy: Policy) -> tuple[Table, ...]:
    out = [
        Table(
            "insurance",
            "資格の状態（相談世帯）",
            "資格確認書・10割負担（特別療養費）の世帯はどれだけあるか",
            ALL,
            "相談世帯",
            (*INSURANCE_LABELS.items(), (UNKNOWN, "不明")),
        ),
        Table(
            "certificate",
            "資格確認書の問題（相談世帯）",
            "資格確認書が届いていない・切れているなど、交付が必要な世帯はどれだけあるか",
            ALL,
            "相談世帯",
            _VERDICT_COLUMNS,
        ),
        Table(
            "special_care",
            "10割負担（特別療養費）の世帯：療養の給付に戻せるか",
            "10割負担の世帯のうち、特別療養費に代わる療養の給付が受けられる世帯はどれだけあるか",
            "special_care",
            "特別療養費（10割負担）の世帯",
            _VERDICT_COLUMNS,
        ),
        Table(
            "seizure_asset",
            "差押え（財産別）",
            "何が差し押さえられているか（給与・預貯金・年金・その他）",
            SEIZED,
            "差押えを受けた世帯",
            (
                ("salary", "給与"),
                ("deposit", "預貯金"),
                ("pension", "年金"),
                ("other", "その他"),
                ("several", "2種類以上"),
            ),
        ),
        Table(
            "seizure_protected",
            "差押え（差押禁止額に触れているか）",
            "差押えが法律で守られた額（差押禁止額）に触れているか",
            SEIZED,
            "差押えを受けた世帯",
            (
                ("eligible", "触れている"),
                ("likely", "触れている可能性あり"),
                ("not_eligible", "触れていない"),
                ("needs_info", "情報不足"),
            ),
        ),
        Table(
            "burden",
            "保険料の負担率（保険料÷収入）",
            "保険料は収入の何％か",
            ALL,
            "相談世帯",
            (*_percent_labels(policy.burden_edges), ("no_income", "収入なし"), (UNKNOWN, "不明")),
        ),
        Table(
            "notice",
            "通知書の保険料と再計算の差",
            "通知された保険料は正しいか（通知書の額 − 再計算した額）",
            "notice",
            "通知書の額が分かる世帯",
            _notice_columns(policy.notice_edges),
        ),
        Table(
            "minors",
            "18歳未満の子がいる世帯の子の均等割",
            "子どもの均等割はいくら課されているか（軽減の効果）",
            "minors",
            "18歳未満の子がいる世帯",
            _minors_columns(policy.minors_edges),
        ),
        Table(
            "unification",
            "大阪府統一保険料：統一前の市町村の料率と比べた保険料の差",
            "大阪府の保険料率の統一で、世帯の保険料はいくら上がったか"
            "（同じ世帯・同じ所得で、統一後の料率と統一前のその市町村の料率を比べる）",
            "unification",
            "統一保険料の大阪府内の市町村の相談世帯（令和6年度から）",
            _unification_columns(policy.unification_edges),
        ),
    ]
    for relief in policy.relief_tables:
        out.append(
            Table(
                f"relief_{relief}",
                f"救済：{check_label(relief)}（判定→申請→結果）",
                f"{check_label(relief)}に該当すると判定された世帯が申請し、認められたか",
                f"relief_{relief}",
                "該当と判定された、または申請した世帯",
                RELIEF_COLUMNS,
            )
        )
    return tuple(out)


def _band(value: int, edges: tuple[int, ...]) -> str:
    """b0, b1 … for a positive amount; edges that start at 1 mean "more than 0", so b0 is [1, edges[1])."""
    return f"b{bisect_right(edges, value) - (1 if edges[0] <= 1 else 0)}"


def _income(case: Case) -> int | None:
    total = None
    for m in case.members:
        income = m.income
        if income is None:
            continue
        for amount in (income.salary, income.pension, income.business, income.other):
            if amount is not None:
                total = amount if total is None else total + amount
    return total


def _burden(case: Case, premium: int | None, edges: tuple[int, ...]) -> str:
    income = _income(case)
    if income is None or premium is None:
        return UNKNOWN
    if income <= 0:
        return "no_income"
    return f"b{bisect_right(edges, premium * 100 / income)}"


def _notice(difference: int | None, edges: tuple[int, ...]) -> str:
    if difference is None:
        return UNKNOWN
    if difference < 0:
        return "lower"
    return "equal" if difference == 0 else _band(difference, edges)


def _minors(case: Case, per_capita: list[int] | None, policy: Policy) -> str | None:
    """The minors' 均等割 band, or None when the household has no member under minor_age."""
    first_day = date(case.effective_fiscal_year, 4, 1)
    minors = [
        i
        for i, m in enumerate(case.members)
        if m.birth_date is not None and m.birth_date <= first_day and age_on(m.birth_date, first_day) < policy.minor_age
    ]
    if not minors:
        return None
    if per_capita is None:
        return UNKNOWN
    amount = sum(per_capita[i] for i in minors if i < len(per_capita))
    return "zero" if amount == 0 else _band(amount, policy.minors_edges)


def _unification(change: int | str | None, edges: tuple[int, ...]) -> str | None:
    """The band of the unification's change, or None when the case is not under the unified rates."""
    if change is None or isinstance(change, str):
        return change
    if change < 0:
        return "lower"
    return "equal" if change == 0 else _band(change, edges)


def _seized_asset(case: Case) -> str | None:
    assets = {s.asset for s in case.seizures}
    if not assets:
        return None
    return assets.pop() if len(assets) == 1 else "several"


def _relief(case: Case, relief: str, verdict: str | None) -> str | None:
    recorded = None
    for r in case.reliefs:
        if r.relief == relief:
            recorded = r  # the last one recorded
    if recorded is not None and recorded.decision is not None:
        return recorded.decision
    if recorded is not None and recorded.applied is not None:
        return "pending"
    return "not_applied" if verdict in ("eligible", "likely") else None


def table_cells(case: Case, judgement: VerdictSummary, policy: Policy) -> list[tuple[str, str]]:
    """(table id, column code) of every table the case is counted in."""
    verdicts = judgement.verdicts
    figures = judgement.figures
    status = case.insurance.status if case.insurance else None
    out = [
        ("insurance", status if status in INSURANCE_LABELS else UNKNOWN),
        ("certificate", verdicts.get("certificate", "needs_info")),
        ("burden", _burden(case, figures.get("premium_total"), policy.burden_edges)),
    ]
    if status == "special_care":
        out.append(("special_care", verdicts.get("special_care_benefit", "needs_info")))
    asset = _seized_asset(case)
    if asset is not None:
        out.append(("seizure_asset", asset))
        out.append(("seizure_protected", verdicts.get("seizure_limit", "needs_info")))
    if case.notice is not None and case.notice.total is not None:
        out.append(("notice", _notice(figures.get("notice_difference"), policy.notice_edges)))
    minors = _minors(case, figures.get("per_capita"), policy)
    if minors is not None:
        out.append(("minors", minors))
    unification = _unification(unification_change(case, policy), policy.unification_edges)
    if unification is not None:
        out.append(("unification", unification))
    for relief in policy.relief_tables:
        column = _relief(case, relief, verdicts.get(relief))
        if column is not None:
            out.append((f"relief_{relief}", column))
    return out
