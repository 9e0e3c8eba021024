"""`kokuho-desk rates export PATH` / `rates import PATH`: desk-entered rate tables move between desks
as profile files; a bad file changes nothing, bundled years are never replaced."""

from dataclasses import replace

import pytest

from kokuho_desk.cli import main
from kokuho_desk.rules import desk_rates
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.store import open_store
from tests.desk_rate_samples import CHICHIBU, CHICHIBU_TOTAL, household

NAGATORO = replace(CHICHIBU, municipality="長瀞町", kind="税", source="https://www.town.nagatoro.saitama.jp/")


@pytest.fixture(autouse=True)
def no_desk_tables():
    yield
    desk_rates.install([])


def _desk(path, *entries):
    with open_store(path, user="相談員A") as store:
        store.save_desk_rates(list(entries))


def _tables(path):
    with open_store(path) as store:
        return [(e.municipality, e.fiscal_year, e.kind, e.year, e.source) for e in store.desk_rates()]


def test_export_then_import_round_trips_exactly(tmp_path, capsys):
    """Ensure desk A's export imported into desk B gives the same tables, and B's export is
    byte for byte A's; the second desk then computes the same premium (270,600円)."""
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _desk(a, CHICHIBU, replace(CHICHIBU, fiscal_year=2025), NAGATORO)
    assert main(["--db", str(a), "rates", "export", str(tmp_path / "from-a")]) == 0
    assert sorted(p.name for p in (tmp_path / "from-a").iterdir()) == ["秩父市.toml", "長瀞町.toml"]
    assert main(["--db", str(b), "rates", "import", str(tmp_path / "from-a")]) == 0
    assert _tables(b) == _tables(a)
    assert main(["--db", str(b), "rates", "export", str(tmp_path / "from-b")]) == 0
    for name in ("秩父市.toml", "長瀞町.toml"):
        assert (tmp_path / "from-b" / name).read_bytes() == (tmp_path / "from-a" / name).read_bytes()
    assert main(["--db", str(b), "rates", "export", "--municipality", "秩父市", str(tmp_path / "chichibu.toml")]) == 0
    text = (tmp_path / "chichibu.toml").read_text(encoding="utf-8")
    assert 'id = "chichibu"' in text and "[years.2025]" in text and "[years.2026]" in text
    with open_store(b) as store:
        desk_rates.install(store.desk_rates())
        assert [e.action for e in store.audit_log()][:1] == ["desk_rates_export"]
        assert sum(e.action == "desk_rates_import" for e in store.audit_log()) == 3
    assert run_checks(household()).premium.total == CHICHIBU_TOTAL


def test_importing_the_same_file_twice_changes_nothing(tmp_path, capsys):
    """Ensure a second import of the same file writes and audits nothing and says so."""
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _desk(a, CHICHIBU)
    main(["--db", str(a), "rates", "export", str(tmp_path / "chichibu.toml")])
    assert main(["--db", str(b), "rates", "import", str(tmp_path / "chichibu.toml")]) == 0
    with open_store(b) as store:
        audited = len(store.audit_log())
        at = store.desk_rates()[0].entered_at
    capsys.readouterr()
    assert main(["--db", str(b), "rates", "import", str(tmp_path / "chichibu.toml")]) == 0
    assert "同じ料率が入っています（変更なし）" in capsys.readouterr().out
    with open_store(b) as store:
        assert len(store.audit_log()) == audited and store.desk_rates()[0].entered_at == at


GOOD = """id = "chichibu"
name = "秩父市"
kind = "料"
addressee = "秩父市長"
sources = ["令和8年度: 通知書から"]

[years.2026]
method = "3方式"
rounding = 100
status = "unverified"
source = "通知書から"
medical = { income_rate_percent = "7.5", per_capita = 27000, per_household = 20000, cap = 660000 }
support = { income_rate_percent = "2.5", per_capita = 9000, per_household = 7000, cap = 260000 }
"""
BAD = [  # (replace this, by that, the field the message must name)
    ('income_rate_percent = "7.5"', 'income_rate_percent = "7.5%%"', "years.2026.medical.income_rate_percent"),
    (", cap = 260000 }", " }", "years.2026.support.cap"),
    ("support = {", "dental = {", "知らない項目があります: dental"),
    ('method = "3方式"', 'method = "三方式"', "years.2026.method"),
    ("per_capita = 9000", "per_capita = -9000", "years.2026.support.per_capita"),
    ('kind = "料"', 'kind = "円"', "kind"),
    ('method = "3方式"', 'follows = "osaka-pref"\nmethod = "3方式"', "follows"),
]


@pytest.mark.parametrize(("old", "new", "field"), BAD)
def test_a_malformed_file_changes_nothing_and_names_the_field(tmp_path, capsys, old, new, field):
    """Ensure a bad rate file (with a good one beside it) is refused whole: exit 2, a Japanese message
    on stderr naming the field, no table stored, nothing audited."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "chichibu.toml").write_text(GOOD.replace(old, new.replace("%%", "%")), encoding="utf-8")
    (folder / "good.toml").write_text(
        GOOD.replace('"chichibu"', '"good"').replace("秩父市", "長瀞町"), encoding="utf-8"
    )
    db = tmp_path / "b.db"
    _desk(db)
    assert main(["--db", str(db), "rates", "import", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "取り込めません（何も変わっていません）" in err and field in err and "chichibu.toml" in err
    with open_store(db) as store:
        assert store.desk_rates() == [] and store.audit_log() == []


def test_an_import_never_replaces_a_bundled_year(tmp_path, capsys):
    """Ensure 防府市 FY2025 (bundled) is skipped with a message and the bundled rates stay in use,
    while FY2026 (not bundled) is imported; 防府市 FY2025 still computes 268,300円 from hofu.toml
    (hand computation in tests/rules/test_desk_rates.py)."""
    text = GOOD.replace('"chichibu"', '"hofu-desk"').replace("秩父市", "山口県防府市") + GOOD[
        GOOD.index("[years.2026]") :
    ].replace("2026", "2025")
    (tmp_path / "hofu-desk.toml").write_text(text, encoding="utf-8")
    db = tmp_path / "b.db"
    assert main(["--db", str(db), "rates", "import", str(tmp_path / "hofu-desk.toml")]) == 0
    captured = capsys.readouterr()
    assert "防府市 令和7年度: 国保デスクに同梱の料率（防府市）があるため取り込みません" in captured.err
    assert "防府市 令和8年度: 取り込みました" in captured.out
    with open_store(db) as store:
        assert [(e.municipality, e.fiscal_year) for e in store.desk_rates()] == [("防府市", 2026)]
        desk_rates.install(store.desk_rates())
    p = run_checks(household("防府市", 2025)).premium
    assert p.total == 268_300 and p.rates.origin == "防府市 令和7年度"


def test_export_with_nothing_to_export_says_so(tmp_path, capsys):
    """Ensure exporting from a desk without tables exits 2 with a Japanese message and writes no file."""
    assert main(["--db", str(tmp_path / "a.db"), "rates", "export", str(tmp_path / "x.toml")]) == 2
    assert "書き出す料率がありません" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()
