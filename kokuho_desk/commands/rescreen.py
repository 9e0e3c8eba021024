"""kokuho-desk rescreen [--as-of DATE] [--what-if RULE]: judge every open case again and list
the cases whose verdicts changed; their new deadlines are stored and the run is audited."""

from __future__ import annotations

import os
import sys
from datetime import date

from kokuho_desk.commands.passphrase import open_cli_store
from kokuho_desk.model.normalize import InputError, parse_date_value
from kokuho_desk.rules.params import rules_version
from kokuho_desk.rules.rescreen import Settings, rescreen
from kokuho_desk.store import StoreError


def run(args) -> int:
    try:
        as_of = parse_date_value(args.as_of) if args.as_of else date.today()
    except InputError as e:
        print(f"--as-of: {e}", file=sys.stderr)
        return 2
    after = Settings(as_of, frozenset(args.what_if))
    try:
        store = open_cli_store(args.db)
    except StoreError as e:
        print(str(e), file=sys.stderr)
        return 2
    with store:
        # The verdicts as last shown are kept by the store; cases never judged are judged as of
        # their own day now, and those judgements are kept for the next run.
        known = {case_id: kept.judgement for case_id, kept in store.judgements(status="open").items()}
        open_cases = store.all_cases(status="open")
        result = rescreen(open_cases, after, workers=os.cpu_count() or 1, known=known)
        store.record_judgements(((case_id, case, result.judged[case_id]) for case_id, case in open_cases
                                 if case_id in result.judged), rules_version())
        changes = result.changes
        for change in changes:
            print(change.describe())
            store.set_next_actions(change.case_id, change.result.next_actions, change.check_id)
        cases = len({c.case_id for c in changes})
        detail = f"as_of={as_of.isoformat()} what_if={','.join(sorted(after.what_if)) or '-'} changed_cases={cases}"
        store.audit("rescreen", None, detail)
    print(f"判定が変わったケース: {cases}件（変わった判定 {len(changes)}件）")
    return 0
