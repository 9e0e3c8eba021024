"""Fixtures for the store tests: a fresh database file and a small case builder."""

from datetime import date

import pytest

from kokuho_desk.model.case import Case, Contact, LogEntry, Member
from kokuho_desk.store import open_store

AS_OF = date(2025, 6, 2)


def make_case(
    name="山田 太郎",
    kana="ヤマダ タロウ",
    *,
    address=None,
    municipality="大阪市",
    notes=None,
    log=(),
    status="open",
    outcome=None,
    members=1,
) -> Case:
    """A small valid case: a head plus (members - 1) children."""
    head = Member(relation="head", name=name, kana=kana, birth_date=date(1970, 5, 1))
    children = [Member(relation="child", name=f"子{i}", birth_date=date(2010, 1, 1)) for i in range(members - 1)]
    return Case(
        as_of=AS_OF,
        members=[head, *children],
        municipality=municipality,
        contact=Contact(postal_code="530-0001", address=address) if address else None,
        notes=notes,
        log=[e if isinstance(e, LogEntry) else LogEntry(**e) for e in log],
        status=status,
        outcome=outcome,
    )


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "cases.db", user="相談員A") as s:
        yield s
