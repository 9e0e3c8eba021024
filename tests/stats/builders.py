"""Builders for statistics tests: real Case objects with unique marker strings."""

from datetime import date

from kokuho_desk.model.case import (
    Arrear,
    Case,
    Contact,
    EnforcementEvent,
    Hardship,
    Income,
    Insurance,
    LogEntry,
    Medical,
    Member,
    Seizure,
)

MARKER = "ZQXMARK"  # every identifying field holds MARKER + a serial number


def make_case(
    i: int = 0,
    *,
    municipality: str | None = "大阪市",
    birth: date = date(1960, 5, 17),
    members: int = 1,
    salary: int | None = 1_234_567,
    as_of: date = date(2025, 6, 1),
    first_log: date | None = None,
    topics: tuple[str, ...] = ("差押えの相談",),
    status: str = "closed",
    outcome: str | None = "保険料の減免が決定した",
    arrears: int | None = 234_567,
    insurance: str | None = "certificate",
    address: str | None = "大阪府大阪市北区",
    seized: str | None = "salary",
) -> Case:
    """A household whose every identifying field holds a unique marker."""
    tag = f"{MARKER}{i:05d}"
    people = [
        Member(
            relation="head",
            name=f"{tag}氏名",
            kana=f"{tag}カナ",
            birth_date=birth,
            income=Income(declared=True, salary=salary),
        )
    ]
    people += [
        Member(relation="child", name=f"{tag}子{j}", kana=f"{tag}コ{j}", birth_date=date(2015, 1, 2))
        for j in range(members - 1)
    ]
    log = [LogEntry(entry_date=first_log, note=f"{tag}ログ", next_action=f"{tag}次")] if first_log else []
    return Case(
        as_of=as_of,
        members=people,
        municipality=municipality,
        contact=Contact(postal_code=postal_code(i), address=f"{address}{tag}住所" if address else None, phone=phone(i)),
        notes=f"{tag}メモ",
        arrears=[Arrear(fiscal_year=2023, amount=arrears)] if arrears is not None else [],
        seizures=[Seizure(seizure_date=date(2025, 5, 20), asset=seized, amount=87_654)] if seized else [],
        enforcement=[EnforcementEvent(event_date=date(2025, 4, 1), kind="demand", note=f"{tag}督促メモ")],
        insurance=Insurance(status=insurance) if insurance else None,
        medical=Medical(needs_care=True, note=f"{tag}医療"),
        hardship=Hardship(reasons=["illness"], description=f"{tag}事情"),
        topics=list(topics),
        log=log,
        status=status,
        outcome=f"{outcome}{tag}" if outcome else None,
    )


def postal_code(i: int) -> str:
    """A valid postal code unique to case i (the canary looks for it in the export)."""
    return f"98{i % 10}-{i:04d}"


def phone(i: int) -> str:
    """A valid phone number unique to case i."""
    return f"090-{i:04d}-8642"
