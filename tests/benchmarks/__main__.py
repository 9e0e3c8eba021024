"""Run every benchmark and print each against its target.

python -m tests.benchmarks                 all benchmarks; exit status 1 if one is over its target
python -m tests.benchmarks --write-docs    the same, then rewrite docs/benchmarks.md with the figures
python -m tests.benchmarks -k letters      other arguments go to pytest (not with --write-docs)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.report import DOC, load_targets, render_doc, render_table, rows

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
NO_TESTS_COLLECTED = 5


def run_pytest(pytest_args: list[str], json_path: Path) -> int:
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(HERE.relative_to(REPO)),
        "-q",
        "--benchmark-only",
        "--benchmark-quiet",
        f"--benchmark-json={json_path}",
        "--benchmark-save-data",
        *pytest_args,
    ]
    return subprocess.run(command, cwd=REPO).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite {DOC.relative_to(REPO)}")
    args, pytest_args = parser.parse_known_args(argv)
    if args.write_docs and pytest_args:
        parser.error("--write-docs records a full run: give no pytest arguments")
    targets = load_targets()
    with tempfile.TemporaryDirectory() as tmp:
        json_path = Path(tmp) / "benchmarks.json"
        status = run_pytest(pytest_args, json_path)
        result = json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else {}
    table = rows(targets, result.get("benchmarks", []))
    print(render_table(table))
    if args.write_docs:
        DOC.write_text(render_doc(table, result.get("machine_info", {}), result.get("datetime")), encoding="utf-8")
        print(f"wrote {DOC.relative_to(REPO)}")
    pytest_failed = status not in (0, NO_TESTS_COLLECTED)
    if pytest_failed:
        print(f"pytest failed (exit status {status}): see above", file=sys.stderr)
    return 1 if pytest_failed or any(r.verdict == "NG" for r in table) else 0


if __name__ == "__main__":
    raise SystemExit(main())
