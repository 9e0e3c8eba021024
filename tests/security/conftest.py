"""Fixtures for the security tests: an encrypted store with one case whose strings must never leak."""

import pytest

from kokuho_desk.store import open_store
from tests.store.conftest import make_case

PASSPHRASE = "春の小川は さらさら 2025"
NAME, KANA, ADDRESS = "秘密山 花子", "ヒミツヤマ ハナコ", "北海道札幌市見本区秘密町9-8-7"
NOTES = "借金の相談 ConfidentialNote"


def secret_case():
    return make_case(NAME, KANA, address=ADDRESS, notes=NOTES)


def secret_forms() -> list[bytes]:
    """Each secret string as UTF-8, UTF-16-LE and UTF-16-BE bytes."""
    return [
        text.encode(codec)
        for text in (NAME, ADDRESS, "秘密町", "ConfidentialNote")
        for codec in ("utf-8", "utf-16-le", "utf-16-be")
    ]


def leaked(path) -> list[bytes]:
    """The secret strings found in the raw bytes of ``path``."""
    data = path.read_bytes()
    return [form for form in secret_forms() if form in data]


@pytest.fixture
def secret_store(tmp_path):
    """An encrypted store (left open: its WAL holds the save) with the secret case saved."""
    with open_store(tmp_path / "cases.db", user="相談員A", passphrase=PASSPHRASE) as store:
        store.create(secret_case())
        yield store
