"""時効: 2年 (料) / 5年 (税), renewal by 承認・督促・差押え, 催告, across the 2020 民法 change."""

from __future__ import annotations

from datetime import date

HEAD = [{"relation": "head", "birth_date": "1980-05-01"}]


def lim(run, as_of, arrears, **extra):
    return run("limitation", {"as_of": as_of, "members": HEAD, "arrears": arrears, **extra})


def arrear(due, amount=58_000, kind="料", **kw):
    return {"fiscal_year": int(due[:4]) - 1, "amount": amount, "due_date": due, "kind": kind, **kw}


def test_premium_expires_after_two_years(run):
    """Ensure a 料 due 2022-05-31 expired at the end of 2024-05-31."""
    r = lim(run, "2025-06-01", [arrear("2022-05-31", late_fee=4_200)])
    assert (r.verdict, r.figures["expired_amount"], r.figures["expired_late_fee"]) == ("eligible", 58_000, 4_200)


def test_tax_five_years_edge_day(run):
    """Ensure a 税 due 2019-07-31 is alive on 2024-07-31 and expired on 2024-08-01."""
    assert lim(run, "2024-07-31", [arrear("2019-07-31", kind="税")]).figures["expired_amount"] == 0
    assert lim(run, "2024-08-01", [arrear("2019-07-31", kind="税")]).figures["expired_amount"] == 58_000


def test_installment_pledge_renews(run):
    """Ensure a 分納誓約 on 2024-04-01 restarts the 2 years: expiry 2026-04-01, shown as a deadline."""
    r = lim(run, "2025-06-01", [arrear("2022-05-31", acknowledgements=["2024-04-01"])])
    assert (r.verdict, r.figures["expired_amount"]) == ("not_eligible", 0)
    assert r.figures["next_expiry"] == date(2026, 4, 1)
    assert r.next_actions[-1].due_date == date(2026, 4, 1)
    assert any("時効更新" in x for x in r.reasons)


def test_before_2020_acknowledgement_interrupts(run):
    """Ensure a 2019 承認 is a 時効中断 (old 民法) with the same restart: expired by 2022-01-01."""
    r = lim(run, "2022-01-01", [arrear("2019-03-31", acknowledgements=["2019-10-01"])])
    assert r.figures["expired_amount"] == 58_000
    assert any("時効中断" in x for x in r.reasons)


def test_after_2020_acknowledgement_renews(run):
    """Ensure a 承認 after 2020-04-01 is called 更新 and restarts the period (alive on 2022-01-01)."""
    r = lim(run, "2022-01-01", [arrear("2019-03-31", acknowledgements=["2020-06-01"])])
    assert r.figures["expired_amount"] == 0
    assert r.figures["next_expiry"] == date(2022, 6, 1)


def test_acknowledgement_after_completion_does_not_revive(run):
    """Ensure a payment after completion does not revive an extinguished 料 (absolute extinction)."""
    r = lim(run, "2025-06-01", [arrear("2021-05-31", acknowledgements=["2024-01-10"])])
    assert r.figures["expired_amount"] == 58_000


def test_released_seizure_renews(run):
    """Ensure a released 差押え on 2024-01-10 restarts the period (expiry 2026-01-10) and is 要確認."""
    r = lim(
        run,
        "2025-06-01",
        [arrear("2022-05-31")],
        seizures=[{"date": "2024-01-10", "asset": "deposit", "amount": 1_000, "released": True}],
    )
    assert (r.figures["expired_amount"], r.figures["next_expiry"]) == (0, date(2026, 1, 10))
    assert r.needs_review


def test_pending_seizure_stops_the_clock(run):
    """Ensure a seizure not released keeps the arrear from expiring."""
    r = lim(
        run,
        "2030-06-01",
        [arrear("2022-05-31")],
        seizures=[{"date": "2024-01-10", "asset": "salary", "amount": 10_000}],
    )
    assert (r.verdict, r.figures["expired_amount"]) == ("not_eligible", 0)


def test_first_demand_renews_after_ten_days(run):
    """Ensure a 督促 issued 2023-04-20 renews on 「督促状を発した日から起算して十日を経過した日」
    (地方税法18条の2第1項2号): 04-20 is day 1, the ten days end on 04-29, the renewal day is 2023-04-30;
    the new 2 years count from 2023-05-01 (民法140条) and end on 2025-04-30: alive that day,
    expired on 2025-05-01."""
    a = arrear("2023-03-31", demand_date="2023-04-20")
    r = lim(run, "2025-04-30", [a])
    assert r.figures["expired_amount"] == 0 and r.figures["next_expiry"] == date(2025, 4, 30)
    assert any("令和5年4月30日から新たに進行" in x for x in r.reasons)
    assert lim(run, "2025-05-01", [a]).figures["expired_amount"] == 58_000


def test_collected_deposit_seizure_restarts_from_collection(run):
    """Ensure a deposit seized 2024-01-10 and collected (取立て) on 2024-02-15 has ended, and the
    period restarts from the collection (民法148条2項): 2 years from 2024-02-16 end on 2026-02-15,
    so on 2030-06-01 the arrear has expired (a pending seizure would keep it alive)."""
    seizure = {"date": "2024-01-10", "asset": "deposit", "amount": 1_000, "collected_date": "2024-02-15"}
    r = lim(run, "2025-06-01", [arrear("2022-05-31")], seizures=[seizure])
    assert r.figures["next_expiry"] == date(2026, 2, 15)
    assert any("差押えの取立て" in x for x in r.reasons)
    assert lim(run, "2030-06-01", [arrear("2022-05-31")], seizures=[seizure]).figures["expired_amount"] == 58_000


def test_reminder_suspends_once(run):
    """Ensure a 催告 on 2024-03-01 holds completion to 2024-09-01 and a second one adds nothing."""
    a = [arrear("2022-05-31")]
    events = [{"date": "2024-03-01", "kind": "reminder"}, {"date": "2024-08-01", "kind": "reminder"}]
    assert lim(run, "2024-09-01", a, enforcement=events).figures["expired_amount"] == 0
    assert lim(run, "2024-09-02", a, enforcement=events).figures["expired_amount"] == 58_000


def test_installments_expire_one_by_one(run):
    """Ensure each 納期限 runs on its own: the first 期 expired, the second not yet."""
    a = arrear(
        "2023-03-31",
        amount=20_000,
        installments=[{"due_date": "2023-02-28", "amount": 10_000}, {"due_date": "2023-07-31", "amount": 10_000}],
    )
    r = lim(
        run,
        "2025-06-01",
        [a],
    )
    assert (r.figures["expired_amount"], r.figures["next_expiry"]) == (10_000, date(2025, 7, 31))


def test_missing_due_date(run):
    """Ensure an arrear without 納期限 gives needs_info naming the field."""
    r = lim(run, "2025-06-01", [{"fiscal_year": 2022, "amount": 50_000, "kind": "料"}])
    assert (r.verdict, r.missing) == ("needs_info", ["arrears[0].due_date"])
