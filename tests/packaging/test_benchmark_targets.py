"""The benchmark runner's judgement: targets.toml and the table of each benchmark against its target."""

import ast

from tests.benchmarks.report import STATS, TARGETS, Target, load_targets, rows

BENCHMARKS = TARGETS.parent


def _benchmark_tests() -> set[str]:
    names = set()
    for path in BENCHMARKS.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.FunctionDef)
                and node.name.startswith("test_")
                and "benchmark" in {a.arg for a in node.args.args}
            ):
                names.add(node.name)
    return names


def _result(name: str, data: list[float]) -> dict:
    return {
        "name": name,
        "stats": {"data": data, "median": sorted(data)[len(data) // 2], "max": max(data), "total": sum(data)},
    }


def test_targets_are_well_formed():
    """Ensure every target in targets.toml names a known statistic, a positive limit (or none) and its issue."""
    targets = load_targets()
    assert targets
    assert all(
        t.stat in STATS and (t.limit_ms is None or t.limit_ms > 0) and t.issue and t.what for t in targets.values()
    )


def test_every_benchmark_has_a_target():
    """Ensure each benchmark test in tests/benchmarks has its entry in targets.toml."""
    assert sorted(_benchmark_tests() - load_targets().keys()) == []


def test_p95_over_its_limit_reads_ng():
    """Ensure p95 comes from the raw timings, so one slow run in twenty makes the verdict NG."""
    target = {"test_search": Target("test_search", "検索", "p95", 30, "store")}
    fast = [0.010] * 19
    (ok,) = rows(target, [_result("test_search", fast + [0.011])])
    (ng,) = rows(target, [_result("test_search[kana]", fast + [0.500])])
    assert (ok.verdict, ng.verdict, ng.target.name) == ("OK", "NG", "test_search")
    assert 30 < ng.measured_ms < 500


def test_missing_benchmarks_and_targets_are_shown():
    """Ensure a target with no run reads 未計測, one without a limit 参考, a benchmark with no target 目標なし."""
    targets = {
        "test_rescreen_100k": Target("test_rescreen_100k", "再判定", "max", 60_000, "relief"),
        "test_per_case": Target("test_per_case", "判定", "median", None, "stats"),
    }
    table = rows(targets, [_result("test_other", [0.001, 0.002]), _result("test_per_case", [0.003])])
    assert [(r.benchmark, r.verdict, r.measured_ms) for r in table] == [
        ("test_other", "目標なし", 2.0),
        ("test_per_case", "参考", 3.0),
        ("test_rescreen_100k", "未計測", None),
    ]
