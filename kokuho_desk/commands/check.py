"""``kokuho-desk check FILE|- [--json] [--what-if RULE]``: judge one case file, headless and without Qt.

Exit status (case-format.md): 0 whatever the verdicts, 2 on an invalid file (Japanese message on
stderr), 1 on an internal error or broken rule data.
"""

from __future__ import annotations

import json
import sys

from kokuho_desk.model.casefile import CaseFileError, case_from_json, load_case
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.municipality import ProfileError
from kokuho_desk.rules.params import ParameterError

EXIT_OK, EXIT_ERROR, EXIT_INVALID = 0, 1, 2


def run(args) -> int:
    try:
        case = case_from_json(sys.stdin.buffer.read()) if args.file == "-" else load_case(args.file)
    except CaseFileError as e:
        print(f"ケースファイルを読めません:\n{e}", file=sys.stderr)
        return EXIT_INVALID
    try:
        report = run_checks(case, what_if=frozenset(getattr(args, "what_if", None) or ()))
    except (ProfileError, ParameterError) as e:
        print(f"制度・料率のデータに誤りがあります: {e}", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        from kokuho_desk.rules.statement import render  # only for the 計算書: it formats with babel

        sys.stdout.write(render(report))
    for error in report.errors:
        print(f"内部エラー: {error}", file=sys.stderr)
    return EXIT_ERROR if report.errors else EXIT_OK
