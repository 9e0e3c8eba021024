"""The demo cases and `kokuho-desk demo`: fictional, varied, reproducible, valid."""

from datetime import date, timedelta

import pytest

from kokuho_desk.cli import main
from kokuho_desk.demo import demo_cases
from kokuho_desk.model.case import age_on
from kokuho_desk.model.casefile import case_from_json, case_to_json
from kokuho_desk.store import open_store

TODAY = date(2025, 6, 2)


@pytest.fixture(scope="module")
def cases():
    return demo_cases(today=TODAY)


def test_default_count_and_reproducible(cases):
    """Ensure 48 cases by default, identical for the same today, different for another seed."""
    assert len(cases) == 48
    assert [case_to_json(c) for c in demo_cases(today=TODAY)] == [case_to_json(c) for c in cases]
    assert [case_to_json(c) for c in demo_cases(today=TODAY, seed=1)] != [case_to_json(c) for c in cases]
    assert len(demo_cases(40, today=TODAY)) == 40


@pytest.mark.parametrize("today", [date(2025, 6, 2), date(2024, 2, 29), date(2026, 3, 31), date(2026, 4, 1)])
def test_every_case_is_a_valid_case_file(today):
    """Ensure every demo case passes the case-file validation unchanged, whatever today is."""
    for case in demo_cases(today=today):
        text = case_to_json(case)
        assert case_to_json(case_from_json(text)) == text


def test_names_addresses_and_phones_are_clearly_fictional(cases):
    """Ensure every address is an invented town (見本/架空/例) and every phone starts 000-."""
    for case in cases:
        assert any(mark in case.contact.address for mark in ("見本", "架空", "例")), case.contact.address
        assert case.contact.phone.startswith("000-")
        assert case.contact.postal_code[3] == "-"


def test_households_are_varied(cases):
    """Ensure the set holds each kind of household and situation the desk meets."""
    members = [m for c in cases for m in c.members]
    ages = [age_on(m.birth_date, TODAY) for m in members]
    assert any(c.head.income.pension and 65 <= age_on(c.head.birth_date, TODAY) <= 74 for c in cases)
    assert any(c.head.income and c.head.income.business for c in cases)
    assert any(
        all(m.relation != "spouse" for m in c.members)
        and any(m.relation == "child" and age_on(m.birth_date, TODAY) < 6 for m in c.members)
        for c in cases
    )
    assert any(40 <= a <= 64 for a in ages) and any(65 <= a <= 74 for a in ages)
    assert any(m.foreign_resident for m in members)
    assert any(m.income and m.income.declared is False for m in members)
    assert any(m.unemployment and m.unemployment.reason_code for m in members)
    assert any(m.childbirth for m in members)
    assert any(m.late_elderly_transferred and not m.insured for m in members)
    seized = {s.asset for c in cases for s in c.seizures}
    assert {"salary", "pension", "deposit"} <= seized
    assert any(s.monthly_withholding and s.dependents for c in cases for s in c.seizures)
    assert {"special_care", "certificate", "mynacard"} <= {c.insurance.status for c in cases}
    assert any(len({a.fiscal_year for a in c.arrears}) >= 3 and all(a.due_date for a in c.arrears) for c in cases)
    assert any(c.hardship and c.hardship.reasons for c in cases)
    assert {"大阪市", "堺市", "足立区", "練馬区", "町田市", "小金井市"} == {c.municipality for c in cases}


def test_a_case_consulted_in_fy2026_is_assessed_in_fy2026_with_a_premium():
    """Ensure a demo built on 2026-12-04 assesses every case in 令和8年度 (the year of the consultation)
    with a premium that includes the 子ども・子育て支援納付金分, and its notice (unless deliberately wrong)
    agrees with it; a demo built on 2026-03-31 stays in 令和7年度."""
    from kokuho_desk.rules.engine import run_checks

    cases = demo_cases(12, today=date(2026, 12, 4))
    assert {c.fiscal_year for c in cases} == {2026}
    priced = 0
    for i, case in enumerate(cases):
        premium = run_checks(case).premium
        assert premium.fiscal_year == 2026 and premium.rates.origin == f"{case.municipality} 令和8年度"
        if premium.total is None:  # the scenarios with a member's income unknown: asked for, not guessed
            assert premium.missing
            continue
        priced += 1
        assert premium.parts["child"].total > 0, case.municipality
        if case.notice is not None and i % 5 != 0:
            assert case.notice.fiscal_year == 2026 and case.notice.total == premium.total
    assert priced >= 10
    assert {c.fiscal_year for c in demo_cases(6, today=date(2026, 3, 31))} == {2025}


def test_open_and_closed_cases_and_deadlines(cases):
    """Ensure some cases are closed with an outcome and some open ones are due within 14 days."""
    closed = [c for c in cases if c.status == "closed"]
    assert closed and all(c.outcome for c in closed)
    due = [e.due_date for c in cases if c.status == "open" for e in c.log if e.due_date and not e.done]
    assert any(TODAY < d <= TODAY + timedelta(days=14) for d in due)
    assert any(d > TODAY + timedelta(days=14) for d in due)


def test_demo_command_fills_the_given_database(tmp_path, capsys):
    """Ensure `demo --no-gui --db` creates the cases, says where, and refuses a database that has cases."""
    path = tmp_path / "demo.db"
    assert main(["--db", str(path), "demo", "--no-gui"]) == 0
    assert str(path) in capsys.readouterr().out
    with open_store(path) as store:
        assert store.count(status=None) == 48
        assert store.count(status="closed") == 12
        assert store.search("見本")
        assert [e.action for e in store.audit_log()][0] == "demo"
    assert main(["--db", str(path), "demo", "--no-gui", "--count", "5"]) == 2
    assert "既にケースが入っています" in capsys.readouterr().err
    with open_store(path) as store:
        assert store.count(status=None) == 48


def test_demo_command_count_and_bad_count(tmp_path, capsys):
    """Ensure --count sets the number of cases and a count of 0 is refused in Japanese with no file."""
    assert main(["--db", str(tmp_path / "a.db"), "demo", "--no-gui", "--count", "41"]) == 0
    with open_store(tmp_path / "a.db") as store:
        assert store.count(status=None) == 41
    assert main(["--db", str(tmp_path / "b.db"), "demo", "--no-gui", "--count", "0"]) == 2
    assert "事例の数" in capsys.readouterr().err
    assert not (tmp_path / "b.db").exists()


def test_demo_database_is_encrypted_with_the_printed_passphrase(tmp_path, capsys):
    """Ensure the demo database is encrypted (no demo name in its bytes) and opens with the passphrase it prints."""
    from kokuho_desk.commands.demo import DEMO_PASSPHRASE
    from kokuho_desk.store import is_encrypted

    path = tmp_path / "demo.db"
    assert main(["--db", str(path), "demo", "--no-gui", "--count", "5"]) == 0
    assert f"「{DEMO_PASSPHRASE}」" in capsys.readouterr().out
    assert is_encrypted(path)
    name = demo_cases(5, today=date.today())[0].head.name
    assert name.encode("utf-8") not in path.read_bytes()
    with open_store(path, passphrase=DEMO_PASSPHRASE) as store:
        assert store.count(status=None) == 5
