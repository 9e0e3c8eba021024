"""The first start on a database asks which desk this is (name for the letters, ID for statistics)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kokuho_desk.store import open_store
from kokuho_desk.ui.desk_dialog import DeskDialog, ask_desk_at_first_run


def _answer(fill):
    def act():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, DeskDialog) and w.isVisible())
        fill(dialog)

    QTimer.singleShot(50, act)


def test_first_start_asks_the_desk_and_keeps_it_for_letters_and_statistics(qtbot, db_path, settings):
    """Ensure a blank name is refused in Japanese, a full answer is stored (the database's desk
    identity, the settings the letters read), and the next start asks nothing."""
    with open_store(db_path) as store:
        seen = []

        def fill(dialog):
            dialog._accept()  # nothing typed: refused, the dialog stays
            seen.append(dialog.error.text())
            dialog.name.setText("北区社保協 相談会")
            dialog.desk_id.setText("ｏｓａｋａ－ｋｉｔａ－０１")
            dialog.volunteer.setText("相談 太郎")
            dialog._accept()

        _answer(fill)
        assert ask_desk_at_first_run(store, settings)
        assert "相談窓口の名前" in seen[0] and "窓口のID" in seen[0]
        desk_id, name, _key = store.desk_identity()
        assert (desk_id, name) == ("osaka-kita-01", "北区社保協 相談会")
        assert settings.get("desk_name") == "北区社保協 相談会"
        assert settings.get("desk_volunteer") == "相談 太郎"
        assert not ask_desk_at_first_run(store, settings)  # already known: no question


def test_later_leaves_the_desk_unset(qtbot, db_path, settings):
    """Ensure 「あとで」 stores nothing (the statistics export then still asks for the desk)."""
    with open_store(db_path) as store:
        _answer(lambda dialog: dialog.reject())
        assert not ask_desk_at_first_run(store, settings)
        assert store.desk_identity()[:2] == (None, None)
