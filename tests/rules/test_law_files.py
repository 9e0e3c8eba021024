"""Lint every law-data file: dated, cited, with a status and a unit; profiles well formed."""

import tomllib
from datetime import date
from pathlib import Path

import pytest

from kokuho_desk import paths
from kokuho_desk.rules.municipality import ProfileError, load_profile_file
from kokuho_desk.rules.params import STATUSES, UNITS, ParameterError, _parse_file

RULE_FILES = sorted(paths.RULES.rglob("*.toml"))
PROFILE_FILES = sorted(paths.MUNICIPALITIES.glob("*.toml"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_value_is_dated_cited_and_has_a_status(path: Path):
    """Ensure each parameter has a known unit and each value has from, status, source (planned: what_if)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for name, table in data.items():
        if name == "meta":
            continue
        assert table.get("unit") in UNITS, f"{path.name} [{name}] unit"
        assert str(table.get("description", "")).strip(), f"{path.name} [{name}] description"
        for v in table["values"]:
            assert isinstance(v["from"], date), f"{path.name} [{name}] from"
            assert v["status"] in STATUSES
            assert str(v["source"]).strip()
            assert v["status"] != "planned" or v.get("what_if"), f"{path.name} [{name}] planned without what_if"
            assert v["status"] != "derived" or str(v.get("derivation", "")).strip(), (
                f"{path.name} [{name}] derived without its derivation"
            )
            assert "to" not in v or v["to"] >= v["from"]


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rule_files_load(path: Path):
    """Ensure the loader accepts every shipped rule file."""
    assert _parse_file(path, paths.RULES)


@pytest.mark.parametrize("path", PROFILE_FILES, ids=lambda p: p.name)
def test_every_profile_loads_with_sources(path: Path):
    """Ensure every municipal profile validates and each of its years has a status and a source."""
    profile = load_profile_file(path)
    assert profile.sources and profile.addressee and profile.kind in ("料", "税")
    for fy in profile.fiscal_years:
        table = profile.rates_for(fy)
        assert table.status in ("verified", "unverified") and table.source.strip()
        assert table.parts


def test_fy2026_lines_cite_municipal_pages():
    """Ensure the FY2026 軽減判定 amounts (31万/57万) are verified only with a municipal page and the
    施行令 cited."""
    data = tomllib.loads((paths.RULES / "statutory_reduction.toml").read_text(encoding="utf-8"))
    for name, amount in (("per_person_5wari", 310000), ("per_person_2wari", 570000)):
        fy2026 = [v for v in data[name]["values"] if v["from"] == date(2026, 4, 1)]
        assert [(v["value"], v["status"]) for v in fy2026] == [(amount, "verified")]
        assert "https://www.city." in fy2026[0]["source"] and "第29条の7第5項" in fy2026[0]["source"]


def test_broken_rule_file_is_named_in_japanese(tmp_path):
    """Ensure a value without a source is refused with the file and parameter named."""
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[x]\nunit = "yen"\n[[x.values]]\nfrom = 2025-04-01\nvalue = 1\nstatus = "verified"\n', encoding="utf-8"
    )
    with pytest.raises(ParameterError, match=r"bad.toml: \[x\].*source"):
        _parse_file(bad, tmp_path)


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda t: t.replace('kind = "料"', 'kind = "費"'), "kind"),
        (lambda t: t.replace("cap = 650000", "cap = -1", 1), "medical.cap"),
        (lambda t: t.replace('income_rate_percent = "9.30"', 'income_rate_percent = "abc"'), "income_rate_percent"),
        (lambda t: t.replace('status = "verified"', 'status = "maybe"', 1), "status"),
        (lambda t: t.replace('method = "3方式"', 'method = "2方式"', 1), "per_household"),
    ],
)
def test_broken_profile_is_named_in_japanese(tmp_path, change, field):
    """Ensure a broken profile raises ProfileError naming the file and the field."""
    text = (paths.MUNICIPALITIES / "osaka-pref.toml").read_text(encoding="utf-8")
    bad = tmp_path / "osaka-pref.toml"
    bad.write_text(change(text), encoding="utf-8")
    with pytest.raises(ProfileError, match=field) as e:
        load_profile_file(bad)
    assert "osaka-pref.toml" in str(e.value)
