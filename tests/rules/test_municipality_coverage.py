"""How many of Japan's NHI insured the bundled profiles cover: the share in docs/municipality-profiles.md
(between the coverage markers) must be the one resources/master/nhi_insured.toml and the profile files give."""

import tomllib
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from kokuho_desk.model.municipalities import Municipality, all_municipalities, by_code
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


def _counted(fiscal_year: int) -> list[Municipality]:
    """The bundled municipalities whose insured were read (the others count 0)."""
    return [m for m in _bundled(fiscal_year) if m.code in COUNTS["municipalities"]]


def covered_insured(fiscal_year: int) -> int:
    """Insured counted as covered: each bundled municipality's own count of the reference year."""
    return sum(COUNTS["municipalities"][m.code]["insured"] for m in _counted(fiscal_year))


def share(fiscal_year: int) -> Decimal:
    """Percent of the national insured, truncated to 2 decimals (a lower bound stays one)."""
    ratio = Decimal(covered_insured(fiscal_year)) * 100 / COUNTS["meta"]["national"]
    return ratio.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def _uncounted_by_prefecture(fiscal_year: int) -> str:
    """「埼玉県 さいたま市、大阪府 43」: bundled municipalities without a count, per prefecture in code order;
    named where a prefecture has at most 3 of them, else counted."""
    counted = {m.code for m in _counted(fiscal_year)}
    per: dict[str, list[str]] = {}
    for m in _bundled(fiscal_year):
        if m.code not in counted:
            per.setdefault(m.prefecture, []).append(m.name)
    return "、".join(f"{pref} {'・'.join(names) if len(names) <= 3 else len(names)}" for pref, names in per.items())


def render() -> str:
    year = COUNTS["meta"]["reference_year"]
    lines = []
    for fy in (2026, 2025):
        counted = _counted(fy)
        names = "・".join(m.name for m in counted) or "なし"
        lines.append(
            f"- {ERA[fy]}（{fy}）の料率がある市区町村 {len(_bundled(fy))}: 全国の市町村国保の被保険者の"
            f" {share(fy)}% 以上（{covered_insured(fy):,}人 / {COUNTS['meta']['national']:,}人、{year}）。"
            f"人数を数えた {len(counted)}（{names}）、人数が読めず0人とした {len(_bundled(fy)) - len(counted)}"
            f"（{_uncounted_by_prefecture(fy)}）"
        )
    return "\n".join(lines)


def test_every_count_is_a_bundled_municipality_with_its_source():
    """Each count is keyed by a code of the master list whose municipality has its own profile, and says
    where it was read, how it was measured and whether it was read on the primary page."""
    bundled = {m.code for fy in (2025, 2026) for m in _bundled(fy)}
    for code, entry in COUNTS["municipalities"].items():
        assert by_code(code) is not None and code in bundled, code
        assert entry["insured"] > 0 and entry["source"] and entry["measure"], code
        assert entry["status"] in ("verified", "unverified"), code
    assert COUNTS["meta"]["reference_year"] == "令和5年度" and COUNTS["meta"]["source"]


def test_share_figures():
    """令和5年度, 全国 2,309万人 = 23,090,000.
    FY2026: 札幌市 339,367（年度平均）+ 渋谷区 48,375（令和5年9月30日）+ 藤井寺市 12,049（年度末）
    + 京都市 264,345（令和6年4月1日）+ 広島市 186,124（年度末）= 850,260; 850,260 / 23,090,000 = 3.6823…% → 3.68%.
    FY2025: 渋谷区 48,375 + 藤井寺市 12,049 + 十津川村 760（年間平均）= 61,184; 61,184 / 23,090,000 = 0.2649…%
    → 0.26%."""
    assert covered_insured(2026) == 850260
    assert share(2026) == Decimal("3.68")
    assert covered_insured(2025) == 61184
    assert share(2025) == Decimal("0.26")


def test_the_doc_states_the_share():
    """Ensure the doc's coverage lines (between the markers) are the ones the data files give."""
    text = DOC.read_text(encoding="utf-8")
    assert START in text and END in text
    shown = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert shown == render(), "docs/municipality-profiles.md の割合を次に置き換えてください:\n" + render()
