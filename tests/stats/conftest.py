from datetime import date

import pytest

from kokuho_desk.stats.policy import load_policy
from kokuho_desk.store import open_store

TODAY = date(2026, 12, 4)  # 令和8年度 第3四半期: the first two quarters have ended


@pytest.fixture
def policy():
    return load_policy()


@pytest.fixture
def desk_store(tmp_path):
    """Stores whose desk identity is set, opened for the test and closed after it."""
    opened = []

    def make(name="desk.db", desk_id="osaka-kita", desk_name="大阪北相談会"):
        store = open_store(tmp_path / name)
        opened.append(store)
        store.set_desk_identity(desk_id, desk_name)
        return store

    yield make
    for store in opened:
        store.close()
