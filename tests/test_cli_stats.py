"""`kokuho-desk stats export|merge` end to end, on a real store and the real rules engine."""

import json
from datetime import date

import pytest

from kokuho_desk.cli import main
from kokuho_desk.model.judgement import Judgement
from kokuho_desk.rules.params import rules_version
from kokuho_desk.store import open_store
from tests.stats.builders import MARKER, make_case


@pytest.fixture
def db(tmp_path):
    """A real store of 12 cases (one small town among them) first seen in April–May 2025."""
    path = tmp_path / "cases.db"
    with open_store(path) as store:
        for i in range(11):
            store.create(make_case(i, first_log=date(2025, 4 + i % 2, 1)))
        store.create(make_case(11, municipality="洞爺湖町", address="北海道虻田郡洞爺湖町", members=6))
    return str(path)


def test_export_writes_json_and_csv_and_audits(db, tmp_path, capsys):
    """Ensure export writes both files without markers, reports the counts and records an audit entry."""
    out = tmp_path / "stats.json"
    assert main(["--db", db, "stats", "export", "--out", str(out), "--k", "3", "--desk-id", "北"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["metadata"]["cases_exported"], doc["metadata"]["suppressed"]) == (11, 1)
    assert len(doc["rows"][0][doc["metadata"]["row_fields"].index("verdicts")]) == 13  # every check judged
    assert MARKER not in out.read_text(encoding="utf-8") + out.with_suffix(".csv").read_text(encoding="utf-8-sig")
    assert "書き出しました" in capsys.readouterr().out
    with open_store(db) as store:
        assert store.audit_log()[0].action == "stats_export"


def test_export_says_how_many_rows_show_masked_cells(tmp_path, capsys):
    """Ensure six cases whose incomes differ are exported with the income band shown as 秘匿, and the summary says so."""
    db = tmp_path / "small.db"
    with open_store(db) as store:
        for i, salary in enumerate([0, 0, 1_500_000, 1_500_000, 6_000_000, 6_000_000]):
            store.create(make_case(i, salary=salary, first_log=date(2025, 4, 1)))
    out = tmp_path / "stats.json"
    assert main(["--db", str(db), "stats", "export", "--out", str(out), "--k", "5"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    income = doc["metadata"]["row_fields"].index("income_band")
    assert [row[income] for row in doc["rows"]] == ["秘匿"] * 6
    assert "6件（うち一部の項目を秘匿 6件、k=5 に満たず削除 0件）" in capsys.readouterr().out


def test_period_and_merge_and_duplicate(db, tmp_path, capsys):
    """Ensure two disjoint periods merge to the sum, and the same file given twice exits 2 in Japanese."""
    april, may, merged = (tmp_path / f"{n}.json" for n in ("april", "may", "merged"))
    assert main(["--db", db, "stats", "export", "--out", str(april), "--k", "2", "--desk-id", "北",
                 "--from", "2025-04-01", "--to", "2025-04-30"]) == 0
    assert main(["--db", db, "stats", "export", "--out", str(may), "--k", "2", "--desk-id", "北",
                 "--from", "2025-05", "--to", "2025-05"]) == 0
    assert main(["stats", "merge", str(april), str(may), "--out", str(merged), "--k", "2"]) == 0
    counts = [json.loads(p.read_text(encoding="utf-8"))["metadata"]["cases_exported"] for p in (april, may, merged)]
    assert counts[0] + counts[1] == counts[2] > 0
    capsys.readouterr()
    assert main(["stats", "merge", str(april), str(april), "--out", str(tmp_path / "x.json")]) == 2
    assert "2回指定" in capsys.readouterr().err


def test_export_keeps_judgements_and_reuses_them(db, tmp_path):
    """Ensure the first export keeps every case's judgement, and a later one counts what the store keeps
    (here judgements changed on purpose, under the current law data) instead of judging again."""
    assert main(["--db", db, "stats", "export", "--out", str(tmp_path / "a.json"), "--k", "2"]) == 0
    with open_store(db) as store:
        kept = store.judgements()
        assert len(kept) == 12 and all(k.rules == rules_version() for k in kept.values())
        assert all(k.judgement.verdicts["copayment_relief"] != "eligible" for k in kept.values())
        store.record_judgements([(i, store.get(i), Judgement(k.judgement.reduction, {
            **k.judgement.verdicts, "copayment_relief": "eligible"})) for i, k in kept.items()], rules_version())
    out = tmp_path / "b.json"
    assert main(["--db", db, "stats", "export", "--out", str(out), "--k", "2"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    counts = next(t["counts"] for t in doc["aggregates"]["by_verdict"] if t["check"] == "copayment_relief")
    assert counts["eligible"] == doc["metadata"]["cases_exported"] > 0


@pytest.mark.parametrize("args, message", [
    (["--from", "2025/13"], "日付は"),
    (["--from", "2025-06", "--to", "2025-04"], "より後"),
    (["--k", "1"], "k は 2 以上"),
])
def test_invalid_input_exits_2_with_japanese_message(db, tmp_path, capsys, args, message):
    """Ensure a bad period or k exits 2 with a Japanese message on stderr and writes nothing."""
    out = tmp_path / "s.json"
    assert main(["--db", db, "stats", "export", "--out", str(out), *args]) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_out_must_be_json_and_inputs_must_be_statistics(db, tmp_path, capsys):
    """Ensure a non-.json output and a non-statistics input file are refused with exit 2."""
    assert main(["--db", db, "stats", "export", "--out", str(tmp_path / "s.csv")]) == 2
    other = tmp_path / "other.json"
    other.write_text('{"format": "kokuho-desk/case-1"}', encoding="utf-8")
    assert main(["stats", "merge", str(other), "--out", str(tmp_path / "m.json")]) == 2
    assert "統計ファイルではありません" in capsys.readouterr().err
