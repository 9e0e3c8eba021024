"""Statistics export speed: 100,000 cases ≤ 5 s (issue 07).

The export is measured from Case objects to both files on disk, with the verdicts
already known (``cached_judge``: a lookup, as the store keeps each case's judgement);
the rules engine's own cost per case is measured separately: it is paid once per case,
when the case is judged, not at each export. For reference, the whole command is
measured too, reading the same cases and their kept judgements from a database.
"""

import json
import random
from argparse import Namespace
from datetime import date

import pytest

from kokuho_desk.commands import stats as stats_command
from kokuho_desk.demo import demo_cases
from kokuho_desk.rules.params import rules_version
from kokuho_desk.store import open_store
from kokuho_desk.store.repository import case_columns, case_data
from kokuho_desk.stats.document import write_document
from kokuho_desk.stats.export import export_cases
from kokuho_desk.stats.verdicts import judge
from tests.stats.builders import make_case

N = 100_000
MUNICIPALITIES = ["大阪市", "堺市", "防府市", "山口市", "逗子市", "大阪府統一", "港区", "洞爺湖町", None]


@pytest.fixture(scope="module")
def cases():
    rng = random.Random(7)
    return [make_case(i, municipality=rng.choice(MUNICIPALITIES), birth=date(rng.randint(1930, 2004), 4, 1),
                      members=rng.randint(1, 6), salary=rng.choice([None, 0, rng.randint(1, 8_000_000)]),
                      first_log=date(2024 + rng.randint(0, 1), rng.randint(1, 12), 1),
                      arrears=rng.randint(0, 2_000_000), seized=rng.choice([None, "salary", "pension", "deposit"]),
                      insurance=rng.choice(["mynacard", "certificate", "special_care", None]))
            for i in range(N)]


@pytest.fixture(scope="module")
def cached_judge(cases):
    """The verdicts as the store keeps them: every check's verdict, as the rules engine gave
    them for 1,000 demo cases (so the verdicts vary together as they do in real cases)."""
    shown = [judge(c) for c in demo_cases(1_000, today=date(2025, 6, 1))]
    cache = {id(c): shown[i % len(shown)] for i, c in enumerate(cases)}
    return lambda case: cache[id(case)]


def test_export_100k_cases(benchmark, cases, cached_judge, tmp_path):
    """Ensure exporting 100,000 cases (anonymise, aggregate, write JSON and CSV) takes ≤ 5 s."""
    def run():
        doc = export_cases(cases, judge=cached_judge, k=5, desk_id="bench")
        write_document(doc, tmp_path / "stats.json")
        return doc

    doc = benchmark.pedantic(run, rounds=3, iterations=1)
    assert doc.metadata["cases_exported"] + doc.metadata["suppressed"] == N
    assert benchmark.stats.stats.max <= 5.0


def test_rules_engine_per_case(benchmark):
    """Measure the rules engine on 200 demo cases (its cost per case decides an uncached export)."""

    sample = demo_cases(200, today=date(2025, 6, 1))
    results = benchmark.pedantic(lambda: [judge(c) for c in sample], rounds=3, iterations=1)
    assert len(results) == 200


@pytest.fixture(scope="module")
def stored(cases, cached_judge, tmp_path_factory):
    """The same cases in a database with their judgements kept (bulk insert, as in the store benchmarks)."""
    path = tmp_path_factory.mktemp("stats") / "desk.db"
    stamp, version = "2025-06-01T10:00:00.000000+09:00", rules_version()
    with open_store(path, user="bench") as store:
        conn = store._db.conn
        with store._db.atomic():
            rows = [case_columns(c) | {"id": i + 1, "created_at": stamp, "updated_at": stamp} for i, c in enumerate(cases)]
            names = list(rows[0])
            conn.executemany(f"INSERT INTO cases ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                             [[r[n] for n in names] for r in rows])
            conn.executemany("INSERT INTO case_files (case_id, data) VALUES (?, ?)",
                             [(i + 1, case_data(c)) for i, c in enumerate(cases)])
            conn.executemany(
                "INSERT INTO judgements (case_id, as_of, rules, reduction, verdicts, judged_at) VALUES (?, ?, ?, ?, ?, ?)",
                [(i + 1, c.as_of.isoformat(), version, cached_judge(c).reduction,
                  json.dumps(cached_judge(c).verdicts, sort_keys=True), stamp) for i, c in enumerate(cases)])
    return path


def test_export_command_100k(benchmark, stored, tmp_path):
    """Measure `kokuho-desk stats export` on a database of 100,000 cases whose judgements are kept (参考)."""
    args = Namespace(db=str(stored), out=str(tmp_path / "stats.json"), date_from=None, date_to=None, k=5,
                     desk_id="bench")
    message = benchmark.pedantic(lambda: stats_command.export(args), rounds=2, iterations=1)
    written = json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))
    assert written["metadata"]["cases_exported"] + written["metadata"]["suppressed"] == N
    assert "書き出しました" in message
