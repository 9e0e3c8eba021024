import pytest

from kokuho_desk.stats.policy import load_policy


@pytest.fixture
def policy():
    return load_policy()
