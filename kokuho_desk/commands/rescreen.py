"""kokuho-desk rescreen [--as-of DATE] [--what-if RULE]: judge every open case again and list the
cases whose verdicts changed; their new deadlines are stored and the run is audited. With a what-if
the cases are judged for the 年度 of DATE and compared with the law in force that day; nothing is stored."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import date

from kokuho_desk.commands.passphrase import open_cli_store
from kokuho_desk.model.case import Case, fiscal_year_of
from kokuho_desk.model.normalize import InputError, parse_date_value
from kokuho_desk.rules.rescreen import Settings, rescreen
from kokuho_desk.stats.counted import record_judged
from kokuho_desk.store import StoreError


def run(args) -> int:
    try:
        as_of = parse_date_value(args.as_of) if args.as_of else date.today()
    except InputError as e:
        print(f"--as-of: {e}", file=sys.stderr)
        return 2
    # A what-if on a given day is judged for that day's 年度 (2027-06-01 → 令和9年度: next year's law);
    # otherwise every case keeps its own year (its notice, its arrears) and only the day moves.
    what_if = frozenset(args.what_if)
    after = Settings(as_of, what_if, fiscal_year_of(as_of) if args.as_of and what_if else None)
    try:
        store = open_cli_store(args.db)
    except StoreError as e:
        print(str(e), file=sys.stderr)
        return 2
    with store:
        open_cases: list[tuple[int, Case]] = store.all_cases(status="open")
        if after.what_if:
            # A what-if lists what the switched-on rules change on that day: compared with the same
            # day under the law in force, and nothing is stored (the rules are not law yet).
            baseline = replace(after, what_if=frozenset(), provisional=True)
            result = rescreen(open_cases, after, baseline, workers=os.cpu_count() or 1)
            print(f"予定の制度を仮定すると変わるもの（{as_of.isoformat()} の年度で判定した仮の計算。保存はしません）:")
        else:
            # The verdicts as last shown are kept by the store; cases never judged are judged as of
            # their own day now, and those judgements are kept for the next run.
            known = {case_id: kept.judgement for case_id, kept in store.judgements(status="open").items()}
            result = rescreen(open_cases, after, workers=os.cpu_count() or 1, known=known)
            record_judged(
                store,
                [(case_id, case, result.judged[case_id]) for case_id, case in open_cases if case_id in result.judged],
            )
        changes = result.changes
        for change in changes:
            print(change.describe())
            if not after.what_if:
                store.set_next_actions(change.case_id, change.result.next_actions, change.check_id)
        premiums = result.premiums if after.what_if else []  # only there is every side computed
        for premium_change in premiums:
            print(premium_change.describe())
        cases = len({c.case_id for c in changes} | {p.case_id for p in premiums})
        detail = f"as_of={as_of.isoformat()} what_if={','.join(sorted(after.what_if)) or '-'} changed_cases={cases}"
        store.audit("rescreen", None, detail)
    if after.what_if:
        print(f"変わるケース: {cases}件（変わる判定 {len(changes)}件、保険料 {len(premiums)}件）")
    else:
        print(f"判定が変わったケース: {cases}件（変わった判定 {len(changes)}件）")
    return 0
