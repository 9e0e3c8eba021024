"""docs/municipality-profiles.md lists every bundled profile with its years and status: the table
between the markers must be exactly the one the profile files give (the failure prints it)."""

import tomllib
from itertools import groupby
from pathlib import Path

from kokuho_desk.rules.municipality import list_profiles

DOC = Path(__file__).resolve().parents[2] / "docs" / "municipality-profiles.md"

START, END = "<!-- profiles:start -->", "<!-- profiles:end -->"
GROUPS = {"osaka-pref", "tokyo-23", "nara-pref"}  # rate sources several municipalities follow


def _years(profile) -> str:
    """「2024*・2025・2026」: * marks a year whose figures are unverified (the result says 要確認)."""
    return "・".join(f"{fy}{'' if profile.rates_for(fy).status == 'verified' else '*'}" for fy in profile.fiscal_years)


def _origin(profile) -> str:
    """Where each year's rates come from: 独自 or the group profile it follows, grouped by runs."""
    years = tomllib.loads(profile.path.read_text(encoding="utf-8"))["years"]
    runs = [
        (o, list(ys)) for o, ys in groupby(profile.fiscal_years, key=lambda fy: years[str(fy)].get("follows", "独自"))
    ]
    return "、".join(f"{ys[0]}{'–' + str(ys[-1]) if len(ys) > 1 else ''} {o}" for o, ys in runs)


def render() -> str:
    profiles = sorted(list_profiles(), key=lambda p: (p.id not in GROUPS, p.relief.get("prefecture", ""), p.id))
    members = [p for p in profiles if p.id not in GROUPS]
    with_2026 = [p for p in members if 2026 in p.fiscal_years]
    lines = [
        f"収録: 料率のまとまり {len(GROUPS)}（大阪府統一・東京都特別区・奈良県統一）と市区町村 {len(members)}"
        f"（うち令和8年度の料率あり {len(with_2026)}）。",
        "",
        "| id | 名前 | 料・税 | 年度（* は要確認） | 料率 |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {p.id} | {p.name} | {p.kind} | {_years(p)} | {_origin(p)} |" for p in profiles]
    return "\n".join(lines)


def test_the_doc_lists_every_bundled_profile():
    """Ensure the doc's generated table (between the markers) matches the profile files."""
    text = DOC.read_text(encoding="utf-8")
    assert START in text and END in text
    shown = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert shown == render(), "docs/municipality-profiles.md の表を次に置き換えてください:\n" + render()
