"""At a database's first encryption no plaintext copy of its cases stays behind in its backups folder."""

from kokuho_desk.store import is_encrypted, list_backups, open_store, verify_backup
from kokuho_desk.store.backups import backup_folder
from tests.security.conftest import PASSPHRASE, leaked, secret_case


def test_plaintext_backups_are_encrypted_or_removed_at_first_encryption(tmp_path):
    """Ensure: a plain database with two plain backups (and a damaged plain one) is opened with a passphrase —
    afterwards the two backups are encrypted (and restorable, same cases), the damaged one is gone, and no file
    in the folder holds the case's name or address."""
    path = tmp_path / "cases.db"
    with open_store(path) as store:
        store.create(secret_case())
        store.backup("manual")
        store.backup("start")
    damaged = backup_folder(path) / "cases-20250101-000000-000-manual.bak"
    damaged.write_bytes(next(iter(backup_folder(path).glob("*.bak"))).read_bytes()[:6000])
    assert all(leaked(b.path) for b in list_backups(path) if b.path != damaged)
    with open_store(path, passphrase=PASSPHRASE) as store:
        assert store.encrypted
    kept = list_backups(path)
    assert len(kept) >= 2 and not damaged.exists()
    assert all(is_encrypted(b.path) and not leaked(b.path) for b in kept)
    assert all(verify_backup(b.path, PASSPHRASE).cases == 1 for b in kept)
    assert not any(leaked(p) for p in backup_folder(path).iterdir())
