"""Round trip: case file → model → store → case file is identical, for every demo case."""

from datetime import date

from kokuho_desk.demo import demo_cases
from kokuho_desk.model.casefile import case_from_json, case_to_json

TODAY = date(2025, 6, 2)


def test_every_demo_case_round_trips_through_the_store(store):
    """Ensure each demo case file, stored and read back, gives the identical case file text."""
    texts = [case_to_json(c) for c in demo_cases(today=TODAY)]
    ids = [store.create(case_from_json(t)) for t in texts]
    assert [case_to_json(store.get(i)) for i in ids] == texts
    assert [case_to_json(c) for _, c in store.iter_cases()] == texts


def test_round_trip_survives_update_close_and_reopen(store):
    """Ensure updating with the same case, closing and reopening keep the rest of the case file intact."""
    text = case_to_json(demo_cases(1, today=TODAY)[0])
    case_id = store.create(case_from_json(text))
    store.update(case_id, case_from_json(text))
    store.close_case(case_id, "解決")
    store.reopen(case_id)
    assert case_to_json(store.get(case_id)) == text
    assert store.audit_log(case_id)[2].detail == "変更なし"
