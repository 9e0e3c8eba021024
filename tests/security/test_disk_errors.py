"""A full or read-only disk is reported as such, never as 「パスフレーズが違います」.

These use a real small file system (a tmpfs mounted for the test, filled or remounted read-only), so they need
the right to mount (root, as on the CI container); elsewhere they are skipped.
"""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from kokuho_desk.store import PassphraseError, StoreError, open_store
from tests.security.conftest import PASSPHRASE, secret_case


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MiB tmpfs (room for a new database and its WAL) at tmp_path/disk; yields (mount point, remount function)."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    if (
        shutil.which("mount") is None
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("needs the right to mount a small file system (root)")

    def remount(option: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{option}", str(mount)], check=True)

    yield mount, remount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_read_only_disk_is_not_reported_as_a_wrong_passphrase(small_disk):
    """Ensure an encrypted database on a disk made read-only (its -shm gone, as after a clean close) opened with
    the RIGHT passphrase says it cannot write there — not 「パスフレーズが違います」."""
    mount, remount = small_disk
    path = mount / "desk.db"
    with open_store(path, passphrase=PASSPHRASE) as store:
        store.create(secret_case())
    remount("ro")
    with pytest.raises(StoreError) as refused:
        open_store(path, passphrase=PASSPHRASE)
    assert not isinstance(refused.value, PassphraseError)
    assert "パスフレーズが違います" not in str(refused.value)
    assert "書き込みできない" in str(refused.value) or "開けません" in str(refused.value)


def test_a_full_disk_is_reported_as_full_with_no_internal_error(small_disk):
    """Ensure creating an encrypted database on a full disk gives a StoreError in Japanese about the disk
    (not an internal sqlite error, not 「パスフレーズが違います」)."""
    mount, _ = small_disk
    _fill(mount)
    with pytest.raises(StoreError) as refused:
        open_store(mount / "desk.db", passphrase=PASSPHRASE)
    assert not isinstance(refused.value, PassphraseError)
    assert "ディスク" in str(refused.value) or "開けません" in str(refused.value)


def test_the_window_s_passphrase_dialog_says_the_disk_is_read_only(qtbot, small_disk):
    """Ensure the start-up passphrase dialog, given the right passphrase for a database on a read-only disk,
    shows the disk message in the dialog (not 「パスフレーズが違います」) and opens nothing."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kokuho_desk.ui.passphrase_dialog import PassphraseDialog, unlock_store

    mount, remount = small_disk
    path = mount / "desk.db"
    open_store(path, passphrase=PASSPHRASE).close()
    remount("ro")
    seen = []

    def type_then_cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, type_then_cancel)
            return
        dialog.passphrase.setText(PASSPHRASE)
        dialog.accept()
        seen.append(dialog.error.text())
        dialog.reject()

    QTimer.singleShot(0, type_then_cancel)
    assert unlock_store(path) is None
    assert seen and "パスフレーズが違います" not in seen[0]
    assert "書き込みできない" in seen[0] or "開けません" in seen[0]
