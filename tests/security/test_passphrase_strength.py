"""Passphrase strength (zxcvbn): the weakest refused, a weak one warned about, in the window and the CLI."""

import pytest

from kokuho_desk.commands.passphrase import open_cli_store
from kokuho_desk.store import PassphraseError, open_store
from kokuho_desk.store.passphrase_strength import assess
from kokuho_desk.ui.passphrase_dialog import acceptable, strength_hint
from tests.security.conftest import PASSPHRASE


@pytest.mark.parametrize("weak", ["password1234", "aaaaaaaaaaaaaaaa", "12345678", "qwertyuiop", "kokuho-desk"])
def test_the_weakest_passphrases_are_refused_in_japanese(weak):
    """Ensure common passwords, repeats and keyboard rows score 0–1 (refused) and are never called 「強い」."""
    strength = assess(weak)
    assert strength.refused and "使えません" in strength.message
    assert "強い" not in strength_hint(weak) and not acceptable(weak)


def test_a_passphrase_of_several_words_is_strong():
    """Ensure a passphrase of several Japanese words (and the tests' own) scores 3–4: 「強い」."""
    for strong in (PASSPHRASE, "新しい合言葉は海と空 2026", "correct horse battery staple"):
        assert not assess(strong).weak and "強い" in strength_hint(strong)


def test_the_cli_refuses_a_weak_passphrase_for_a_new_database(tmp_path, monkeypatch):
    """Ensure a subcommand creating a database with KOKUHO_DESK_PASSPHRASE=password1234 refuses in Japanese
    and creates no file; a strong one creates an encrypted database."""
    monkeypatch.setenv("KOKUHO_DESK_PASSPHRASE", "password1234")
    path = tmp_path / "new.db"
    with pytest.raises(PassphraseError, match="弱すぎるため使えません"):
        open_cli_store(str(path))
    assert not path.exists()
    monkeypatch.setenv("KOKUHO_DESK_PASSPHRASE", PASSPHRASE)
    open_cli_store(str(path)).close()
    assert path.exists()


def test_an_existing_database_opens_with_its_passphrase_whatever_its_strength(tmp_path, monkeypatch):
    """Ensure the check applies when a passphrase is set, not when it is typed to open: the demo database's
    「demo」 (made by `kokuho-desk demo`, fictitious cases only) still opens from the CLI."""
    path = tmp_path / "demo.db"
    open_store(path, passphrase="demo").close()
    monkeypatch.setenv("KOKUHO_DESK_PASSPHRASE", "demo")
    open_cli_store(str(path)).close()
