"""Encryption benchmarks on the 100,000-case database of test_store_bench, encrypted with SQLCipher.

- first open (key derivation included) + first page: ≤ 1 s (issue 8);
- a later open in the same process (the derived key is cached): for reference;
- search p95 on the encrypted copy, next to the plain figure: the cost of encryption.
"""

import itertools
import shutil
import statistics
import time

import pytest

from kokuho_desk.store import encryption, open_store
from tests.benchmarks.test_store_bench import QUERIES, big_db  # noqa: F401 — the session fixture

PASSPHRASE = "ベンチマーク用の合言葉"


@pytest.fixture(scope="session")
def encrypted_big_db(big_db, tmp_path_factory):
    """An encrypted copy of the 100,000-case database."""
    path = tmp_path_factory.mktemp("bench-encrypted") / "big.db"
    shutil.copyfile(big_db, path)
    open_store(path, passphrase=PASSPHRASE).close()
    assert encryption.is_encrypted(path)
    return path


def test_open_encrypted_100k(benchmark, encrypted_big_db):
    """Ensure the first open of the encrypted 100,000-case database (key derivation included) and its first page take ≤ 1 s."""

    def first_open():
        encryption._keys.clear()  # as at a start of the program: the key is derived from the passphrase again
        encryption.forget(encrypted_big_db)
        with open_store(encrypted_big_db, passphrase=PASSPHRASE) as store:
            return store.case_summaries(limit=50)

    page = benchmark.pedantic(first_open, rounds=10, iterations=1)
    assert len(page) == 50
    assert benchmark.stats.stats.median <= 1.0


def test_open_encrypted_again(benchmark, encrypted_big_db):
    """Ensure a later open in the same process (a worker thread's) reuses the derived key: for reference."""
    open_store(encrypted_big_db, passphrase=PASSPHRASE).close()

    def open_again():
        with open_store(encrypted_big_db) as store:
            return store.case_summaries(limit=50)

    assert len(benchmark.pedantic(open_again, rounds=30, iterations=1)) == 50


def _p95(times):
    return statistics.quantiles(sorted(times), n=20, method="inclusive")[-1]


def test_search_encrypted(benchmark, encrypted_big_db, big_db):
    """Ensure search answers on the encrypted database; record its p95 next to the plain one (the cost of encryption)."""
    queries = [q for qs in QUERIES.values() for q in qs]
    with open_store(big_db) as plain:
        for q in queries:
            plain.search(q)
        plain_times = []
        for q in queries * 5:
            plain_times.append(_timed(plain.search, q))
    with open_store(encrypted_big_db, passphrase=PASSPHRASE) as store:
        for q in queries:
            assert bool(store.search(q)) == (q not in QUERIES["miss"]), q
        cycle = itertools.cycle(queries)
        benchmark.pedantic(lambda: store.search(next(cycle)), rounds=len(queries) * 10, iterations=1)
    encrypted_p95, plain_p95 = _p95(benchmark.stats.stats.data), _p95(plain_times)
    benchmark.extra_info.update(
        {
            "p95_ms": round(encrypted_p95 * 1000, 2),
            "plain_p95_ms": round(plain_p95 * 1000, 2),
            "encryption_cost_ms": round((encrypted_p95 - plain_p95) * 1000, 2),
        }
    )


def _timed(fn, *args):
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0
