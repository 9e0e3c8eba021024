"""How many of Japan's NHI insured the bundled profiles cover: the share in docs/municipality-profiles.md
(between the coverage markers) must be the one resources/master/nhi_insured.toml and the profile files give."""

import tomllib
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from kokuho_desk.model.municipalities import Municipality, all_municipalities
from kokuho_desk.rules.municipality import profile_for_municipality

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "municipality-profiles.md"
COUNTS = tomllib.loads((ROOT / "resources" / "master" / "nhi_insured.toml").read_text(encoding="utf-8"))
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"
ERA = {2025: "令和7年度", 2026: "令和8年度"}


def _bundled(fiscal_year: int) -> list[Municipality]:
    """The municipalities whose own profile has rates for the fiscal year."""
    return [
        m
        for m in all_municipalities()
        if (p := profile_for_municipality(m)) is not None and fiscal_year in p.fiscal_years
    ]


def covered_insured(fiscal_year: int) -> int:
    """Insured counted as covered: a prefecture's total when all its municipalities are bundled, plus each
    bundled municipality's own count; any other bundled municipality counts 0 (a lower bound)."""
    bundled = _bundled(fiscal_year)
    codes = {m.code for m in bundled}
    whole = {
        pref
        for pref in COUNTS["prefectures"]
        if all(m.code in codes for m in all_municipalities() if m.prefecture == pref)
    }
    by_prefecture = sum(COUNTS["prefectures"][p]["insured"] for p in whole)
    in_whole = {m.code for m in bundled if m.prefecture in whole}  # already in their prefecture's total
    own = sum(n for code, n in COUNTS["municipalities"].items() if code in codes - in_whole)
    return by_prefecture + own


def share(fiscal_year: int) -> Decimal:
    """Percent of the national insured, truncated to 2 decimals (a lower bound stays one)."""
    ratio = Decimal(covered_insured(fiscal_year)) * 100 / COUNTS["meta"]["national"]
    return ratio.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def render() -> str:
    lines = []
    for fy in (2026, 2025):
        lines.append(
            f"- {ERA[fy]}（{fy}）の料率がある市区町村 {len(_bundled(fy))}: 全国の市町村国保の被保険者の"
            f" {share(fy)}% 以上（{covered_insured(fy):,}人 / {COUNTS['meta']['national']:,}人）"
        )
    return "\n".join(lines)


def test_osaka_total_stands_for_its_43_municipalities():
    """The prefecture's count may stand for its municipalities only because the master lists 43 in 大阪府
    (the source's 保険者数 43) and every one has its own profile with FY2025 and FY2026 rates."""
    osaka = [m for m in all_municipalities() if m.prefecture == "大阪府"]
    assert len(osaka) == COUNTS["prefectures"]["大阪府"]["insurers"] == 43
    for fy in (2025, 2026):
        assert {m.code for m in osaka} <= {m.code for m in _bundled(fy)}


def test_share_figures():
    """大阪府 225.7万人 of 全国 3,013万人 (平成29年3月末, same table): 2,257,000 / 30,130,000 = 7.4908…% →
    7.49% for both fiscal years, since no other bundled municipality has a count (each counts 0)."""
    assert covered_insured(2026) == covered_insured(2025) == 2257000
    assert share(2026) == share(2025) == Decimal("7.49")


def test_the_doc_states_the_share():
    """Ensure the doc's coverage lines (between the markers) are the ones the data files give."""
    text = DOC.read_text(encoding="utf-8")
    assert START in text and END in text
    shown = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert shown == render(), "docs/municipality-profiles.md の割合を次に置き換えてください:\n" + render()
