"""Rescreen: list the cases whose verdicts change under other settings; the command stores deadlines."""

from __future__ import annotations

import argparse
import multiprocessing
from datetime import date

from kokuho_desk.commands import rescreen as command
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.params import rules_version
from kokuho_desk.rules.rescreen import Settings, rescreen
from kokuho_desk.store import open_store


def _case(as_of="2025-03-01", due="2023-03-31"):
    return case_from_dict(
        {
            "format": "kokuho-desk/case-1",
            "as_of": as_of,
            "members": [{"relation": "head", "birth_date": "1980-05-01"}],
            "arrears": [{"fiscal_year": 2022, "amount": 50_000, "due_date": due, "kind": "料"}],
        }
    )


def test_limitation_change_is_listed():
    """Ensure a 料 that expires between the case's day and the new day is listed as a change."""
    changes = rescreen([(7, _case())], Settings(date(2025, 6, 1))).changes
    assert [(c.case_id, c.check_id, c.before, c.after) for c in changes] == [
        (7, "limitation", "not_eligible", "eligible")
    ]
    assert changes[0].result.figures["expired_amount"] == 50_000
    assert "時効" in changes[0].describe()


def test_a_change_carries_the_reasons_and_next_steps_of_the_full_judgement():
    """Ensure a listed change (judged without explanations, then explained) says why and what to do
    exactly as the full judgement on that day does: 料 due 2023-03-31, 2 years → expired by 2025-06-01."""
    (change,) = rescreen([(7, _case())], Settings(date(2025, 6, 1))).changes
    full = run_checks(_case(), date(2025, 6, 1)).check("limitation")
    assert change.result.to_dict() == full.to_dict()
    assert any("時効が完成し" in r for r in change.result.reasons)
    assert [a.action for a in change.result.next_actions][0].startswith("時効で消滅した分は納める必要がない")


def test_no_change_no_entry():
    """Ensure a case judged again on its own day produces no change."""
    assert rescreen([(1, _case())], Settings()).changes == []


def test_workers_give_the_same_changes():
    """Ensure judging in worker processes gives the same list, in case order."""
    cases = [(i, _case(due="2023-03-31" if i % 2 else "2024-03-31")) for i in range(1, 9)]
    one = rescreen(cases, Settings(date(2025, 6, 1)))
    two = rescreen(cases, Settings(date(2025, 6, 1)), workers=2, batch=3)
    assert one.judged == two.judged and set(one.judged) == set(range(1, 9))
    one, two = one.changes, two.changes
    assert [(c.case_id, c.check_id, c.after) for c in one] == [(c.case_id, c.check_id, c.after) for c in two]
    assert [c.case_id for c in one] == [1, 3, 5, 7]


def test_pickled_batches_give_the_same_changes(monkeypatch):
    """Ensure the path for systems that do not fork (Windows: cases pickled to the workers in
    batches) lists the same changes as forked workers that inherit the cases."""
    cases = [(i, _case(due="2023-03-31" if i % 2 else "2024-03-31")) for i in range(1, 9)]
    forked = rescreen(cases, Settings(date(2025, 6, 1)), workers=2, batch=3)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *a, **k: "spawn")
    pickled = rescreen(cases, Settings(date(2025, 6, 1)), workers=2, batch=3)
    assert (
        [(c.case_id, c.check_id, c.after) for c in pickled.changes]
        == [(c.case_id, c.check_id, c.after) for c in forked.changes]
        != []
    )
    assert pickled.judged == forked.judged


def test_known_judgement_is_the_before():
    """Ensure a known judgement is compared as it is (not judged again) and nothing new is made for it."""
    case = _case(due="2024-03-31")  # not expired on 2025-06-01 either: no change against its own day
    judged = rescreen([(1, case)], Settings(date(2025, 6, 1)))
    assert judged.changes == [] and judged.judged[1].verdicts["limitation"] == "not_eligible"
    shown = VerdictSummary(None, {**judged.judged[1].verdicts, "limitation": "eligible"})
    again = rescreen([(1, case)], Settings(date(2025, 6, 1)), known={1: shown})
    assert [(c.check_id, c.before, c.after) for c in again.changes] == [("limitation", "eligible", "not_eligible")]
    assert again.judged == {}


def test_command_stores_deadlines_and_audits(tmp_path, capsys):
    """Ensure the command prints the change, keeps the new next actions as deadlines and audits the run."""
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        case_id = store.create(_case(as_of="2025-03-01", due="2023-06-30"))
    args = argparse.Namespace(db=str(db), as_of="2025-07-01", what_if=[])
    assert command.run(args) == 0
    out = capsys.readouterr().out
    assert f"ケース{case_id}" in out and "1件" in out
    with open_store(db) as store:
        assert store.audit_log()[0].action == "rescreen"
        assert any(d.case_id == case_id for d in store.deadlines(date(2025, 1, 1), date(2026, 12, 31)))
        kept = store.judgements()[case_id]  # judged as of its own day, kept for the next run
        assert kept.as_of == date(2025, 3, 1) and kept.judgement.verdicts["limitation"] == "not_eligible"
        assert kept.rules == rules_version()


def _household(*children: str, municipality="防府市"):
    """A 36-year-old salaried head (給与収入 4,000,000円) and children with no income, assessed for 令和7年度."""
    members = [{"relation": "head", "birth_date": "1990-05-01", "income": {"declared": True, "salary": 4_000_000}}]
    members += [{"relation": "child", "birth_date": b, "income": {"declared": True, "salary": 0}} for b in children]
    return case_from_dict(
        {
            "format": "kokuho-desk/case-1",
            "as_of": "2025-06-01",
            "fiscal_year": 2025,
            "municipality": municipality,
            "members": members,
        }
    )


def test_what_if_judges_the_year_of_the_day_with_the_earlier_rates():
    """Ensure a what-if on 2027-06-01 judges 令和9年度 (not the case's own 令和7年度) and, 防府市 having
    no 令和9年度 rates, computes with its 令和7年度 rates and says so (要確認); without a what-if the
    missing year is not filled in."""
    from dataclasses import replace

    from kokuho_desk.rules.engine import run_checks

    case = replace(_household("2016-09-01"), fiscal_year=2027)
    what_if = run_checks(case, date(2027, 6, 1), frozenset({"child_reduction_2027"})).premium
    assert what_if.fiscal_year == 2027 and what_if.total is not None and what_if.needs_review
    assert "令和9年度の料率がまだないため、令和7年度の料率で仮に計算しています（要確認）" in what_if.reasons
    law = run_checks(case, date(2027, 6, 1)).premium
    assert law.total is None and any("令和9年度の料率がデータにありません" in r for r in law.reasons)


def test_command_what_if_lists_the_household_with_a_10_year_old(tmp_path, capsys):
    """Ensure `rescreen --as-of 2027-06-01 --what-if child_reduction_2027` lists the household with a
    10-year-old as paying less, and not the household without children, and stores nothing.

    防府市 令和7年度 rates (the newest it has, used for 令和9年度): 医療分 均等割 30,200円, 支援分 6,300円.
    The child (born 2016-09-01) is 10 on 2027-03-31: under 18, so the planned 5割 halves its
    医療分・支援分 均等割 (no 法定軽減: 給与所得 2,760,000円 is far above the 2割 line):
    30,200 ÷ 2 + 6,300 ÷ 2 = 15,100 + 3,150 = 18,250円 less.
    Whole premium without the what-if (給与所得 = 1,000,000 × 3.2 − 440,000 = 2,760,000;
    base = 2,760,000 − 430,000 = 2,330,000): 医療分 2,330,000 × 8.3% = 193,390 + 2 × 30,200 + 26,400
    = 280,190; 支援分 2,330,000 × 1.7% = 39,610 + 2 × 6,300 + 5,400 = 57,610; total 337,800円;
    with the what-if 337,800 − 18,250 = 319,550円.
    """
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        family = store.create(_household("2016-09-01"))
        single = store.create(_household())
    args = argparse.Namespace(db=str(db), as_of="2027-06-01", what_if=["child_reduction_2027"])
    assert command.run(args) == 0
    out = capsys.readouterr().out
    assert f"ケース{family} 保険料（年額の試算）: 337,800円 → 319,550円（18,250円 少なく）（仮の計算・要確認）" in out
    assert f"ケース{single} " not in out
    with open_store(db) as store:
        assert store.judgements() == {} and store.deadlines(date(2025, 1, 1), date(2028, 12, 31)) == []
        assert store.audit_log()[0].action == "rescreen"


def test_rescreen_without_a_day_keeps_each_case_year():
    """Ensure Settings without a fiscal year judge each case for its own year (the default rescreen)."""
    result = rescreen(
        [(1, _household("2016-09-01"))],
        Settings(date(2027, 6, 1), frozenset({"child_reduction_2027"})),
        Settings(date(2027, 6, 1), provisional=True),
    )
    assert result.premiums == []  # 令和7年度 either way: the planned rule starts in 令和9年度


def test_what_if_on_the_demo_lists_exactly_the_households_with_members_aged_6_to_18(tmp_path, capsys):
    """Ensure the acceptance run on the demo database (consulted 2026-12-04, FY2026) lists as paying
    less exactly the open cases with an insured member who is 6 or over on 2027-04-01 and under 18
    (the 未就学児 are halved already; the planned rule reaches to the 18歳年度末)."""
    from kokuho_desk.demo import demo_cases
    from kokuho_desk.model.case import age_on

    db = tmp_path / "demo.db"
    expected = set()
    with open_store(db) as store:
        for case in demo_cases(48, today=date(2026, 12, 4), seed=11):
            case_id = store.create(case)
            if case.status == "open" and any(
                m.insured and m.birth_date and 6 <= age_on(m.birth_date, date(2027, 3, 31)) < 18 for m in case.members
            ):
                expected.add(case_id)
    assert expected
    args = argparse.Namespace(db=str(db), as_of="2027-06-01", what_if=["child_reduction_2027"])
    assert command.run(args) == 0
    out = capsys.readouterr().out
    listed = {
        int(line.split()[0].removeprefix("ケース"))
        for line in out.splitlines()
        if line.startswith("ケース") and "少なく" in line
    }
    assert listed == expected
