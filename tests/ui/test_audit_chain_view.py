"""The audit view checks the hash chain: it says the log is intact, or at which entry it was altered; a malformed
row is listed, not fatal."""

from sqlcipher3 import dbapi2

from kokuho_desk.store import open_store
from kokuho_desk.ui.audit_view import AuditView
from tests.store.conftest import make_case


def test_the_view_says_the_chain_is_intact_then_where_it_breaks(qtbot, tmp_path):
    """Ensure an intact log reads 「書き換えや削除はありません」; after entry 2 is altered by a tool bypassing the
    triggers and a malformed row is added, the view names entry 2 and lists the malformed row with its problem."""
    path = tmp_path / "desk.db"
    with open_store(path, user="相談員A") as store:
        case_id = store.create(make_case())
        store.record_view(case_id)
        store.audit("letter", case_id, "premium-relief")
        view = AuditView(store)
        qtbot.addWidget(view)
        assert "書き換えや削除はありません" in view.chain.text()
        other = dbapi2.connect(str(path), isolation_level=None)
        other.execute("DROP TRIGGER audit_no_update")
        other.execute("UPDATE audit SET user = '別人' WHERE id = 2")
        other.execute("INSERT INTO audit (at, action, case_id, prev_hash, hash) VALUES ('きのう', 'view', 1, '', '')")
        other.close()
        view.refresh_button.click()
        assert "番号 2" in view.chain.text() and "書き換えられた" in view.chain.text()
        m = view.model
        newest = [m.data(m.index(0, c)) for c in range(m.columnCount())]
        assert newest[0] == "（不明）" and "不正な記録" in newest[4]
