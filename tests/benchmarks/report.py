"""Benchmark results against their targets: the runner's table and docs/benchmarks.md."""

from __future__ import annotations

import statistics
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TARGETS = Path(__file__).with_name("targets.toml")
DOC = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"
STATS = ("median", "p95", "max", "total")


@dataclass(frozen=True)
class Target:
    name: str
    what: str
    stat: str
    limit_ms: float | None  # None: measured for reference only
    issue: str

    def describe(self) -> str:
        if self.limit_ms is None:
            return f"{self.stat} (参考)"
        return f"{self.stat} ≤ {format_ms(self.limit_ms)}"


@dataclass(frozen=True)
class Row:
    benchmark: str  # the test's name, with its parameters
    target: Target | None
    measured_ms: float | None  # the target's statistic, or the median when there is no target

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "目標なし"
        if self.measured_ms is None:
            return "未計測"
        if self.target.limit_ms is None:
            return "参考"
        return "OK" if self.measured_ms <= self.target.limit_ms else "NG"


def format_ms(ms: float) -> str:
    if ms >= 1000:
        return f"{ms / 1000:.3g} s"
    if ms < 1:
        return f"{ms * 1000:.3g} µs"
    return f"{ms:.3g} ms"


def load_targets(path: Path = TARGETS) -> dict[str, Target]:
    targets = {}
    for name, t in tomllib.loads(path.read_text(encoding="utf-8")).items():
        if t["stat"] not in STATS:
            raise ValueError(f"{path.name}: [{name}] stat = {t['stat']!r}; use one of {', '.join(STATS)}")
        limit = t.get("limit_ms")
        targets[name] = Target(name, t["what"], t["stat"], None if limit is None else float(limit), str(t["issue"]))
    return targets


def measure(stats: dict, stat: str) -> float:
    """One statistic of a pytest-benchmark result, in ms (p95 needs the raw data: --benchmark-save-data)."""
    if stat == "p95":
        data = stats["data"]
        seconds = statistics.quantiles(data, n=20, method="inclusive")[-1] if len(data) > 1 else data[0]
    else:
        seconds = stats[stat]
    return seconds * 1000


def rows(targets: dict[str, Target], benchmarks: list[dict]) -> list[Row]:
    """A row for each benchmark that ran, then one for each target no benchmark met (未計測)."""
    out, met = [], set()
    for b in benchmarks:
        target = targets.get(b["name"].split("[", 1)[0])
        if target:
            met.add(target.name)
        out.append(Row(b["name"], target, measure(b["stats"], target.stat if target else "median")))
    out += [Row(name, t, None) for name, t in targets.items() if name not in met]
    return out


def _cells(row: Row) -> tuple[str, str, str, str]:
    measured = "-" if row.measured_ms is None else format_ms(row.measured_ms)
    if row.target is None and row.measured_ms is not None:
        measured = f"median {measured}"
    return row.benchmark, row.target.describe() if row.target else "-", measured, row.verdict


def _width(text: str) -> int:
    """Columns the text takes in a terminal (kanji and kana take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render_table(table: list[Row]) -> str:
    lines = [("benchmark", "target", "measured", "result"), *map(_cells, table)]
    widths = [max(_width(line[i]) for line in lines) for i in range(3)]
    return "\n".join(
        "".join(c + " " * (w - _width(c) + 2) for c, w in zip(line[:3], widths)) + line[3] for line in lines
    )


def render_doc(table: list[Row], machine_info: dict, measured_at: str | None) -> str:
    m = machine_info.get("kokuho_desk")
    lines = [
        "# ベンチマーク / Benchmarks",
        "",
        "性能の目標と、最後に測った値です。目標は `tests/benchmarks/targets.toml` にあり、",
        "このファイルは `python -m tests.benchmarks --write-docs` が書き直します（手で編集しないでください）。",
        "",
        "Every benchmark lives in `tests/benchmarks/test_<area>_bench.py` (pytest-benchmark). Run them all and",
        "see each against its target (exit status 1 if any is over):",
        "",
        "```sh",
        "QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks",
        "```",
        "",
        "| ベンチマーク | 内容 | 課題 | 目標 | 最後の実測 | 判定 |",
        "|---|---|---|---|---|---|",
    ]
    for row in table:
        name, target, measured, verdict = _cells(row)
        what, issue = (row.target.what, row.target.issue) if row.target else ("", "")
        lines.append(f"| `{name}` | {what} | {issue} | {target} | {measured} | {verdict} |")
    lines += ["", "## 計測した機械 / Machine", ""]
    if m is None:
        lines.append("まだ計測していません。")
    else:
        ram = f"{m['ram_gib']} GiB" if m["ram_gib"] is not None else "不明"
        load = m.get("load_average")
        lines += [
            f"- 日時: {measured_at or '不明'}",
            f"- CPU: {m['cpu_model']}（`nproc` = {m['nproc']}）",
            f"- RAM: {ram}",
            f"- 計測を終えたときの負荷 (load average, 1分): {'不明' if load is None else f'{load:.2f}'}",
            f"- OS: {m['os']}",
            f"- Python {m['python']}, SQLite {m['sqlite']}",
            "- " + ", ".join(f"{p} {v}" for p, v in m["packages"].items()),
        ]
    return "\n".join(lines) + "\n"
