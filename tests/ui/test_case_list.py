"""The paged case list model over a real store."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from kokuho_desk.model.case import Case, Member
from kokuho_desk.store import open_store
from kokuho_desk.ui.case_list import PAGE, CaseListModel
from kokuho_desk.ui.store_reader import CaseQuery, StoreReader


@pytest.fixture
def filled_db(tmp_path):
    path = tmp_path / "list.db"
    with open_store(path) as store:
        for i in range(PAGE * 2 + 30):
            status = "closed" if i % 10 == 0 else "open"
            store.create(
                Case(
                    as_of=date(2025, 10, 1),
                    municipality="大阪市" if i % 2 else "堺市",
                    status=status,
                    members=[Member(relation="head", name=f"見本 {i:03d}", kana=f"みほん {i:03d}")],
                )
            )
    return path


@pytest.fixture
def model(qtbot, filled_db):
    reader = StoreReader(filled_db)
    model = CaseListModel(reader, today=lambda: date(2025, 10, 17))
    yield model
    reader.close()


def load(qtbot, model, query):
    with qtbot.waitSignal(model.loaded):
        model.set_query(query)
    qtbot.waitUntil(lambda: model.summary(0) is not None)


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, model):
    """Ensure the case list model keeps Qt's model contract."""
    load(qtbot, model, CaseQuery(status=None))
    qtmodeltester.check(model)


def test_counts_from_the_store_and_pages_on_demand(qtbot, model):
    """Ensure rowCount is the store's count and far rows are fetched when shown, not before."""
    load(qtbot, model, CaseQuery(status="open"))
    assert model.rowCount() == PAGE * 2 + 30 - 23
    last = model.rowCount() - 1
    assert model.data(model.index(last, 1)) == "読み込み中…"
    qtbot.waitUntil(lambda: model.summary(last) is not None)
    assert model.data(model.index(last, 1)).startswith("見本")


def test_sorting_by_name_asks_the_store(qtbot, model):
    """Ensure clicking the 氏名 header orders by name."""
    load(qtbot, model, CaseQuery(status=None))
    with qtbot.waitSignal(model.loaded):
        model.sort(1)
    qtbot.waitUntil(lambda: model.summary(0) is not None)
    assert model.data(model.index(0, 1)) == "見本 000（終了）"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == 1


def _store_of(path, people):
    with open_store(path) as store:
        for name, kana, municipality, status in people:
            store.create(
                Case(
                    as_of=date(2025, 10, 1),
                    municipality=municipality,
                    status=status,
                    members=[Member(relation="head", name=name, kana=kana)],
                )
            )
    return path


def test_name_column_sorts_in_gojuon_order_and_municipality_sorts(qtbot, tmp_path):
    """Ensure 氏名 sorts by reading (阿部 あべ before 渡辺 わたなべ, though 渡 < 阿 by code point)
    and the 市区町村 column sorts too."""
    path = _store_of(
        tmp_path / "g.db",
        [
            ("渡辺 一郎", "わたなべ いちろう", "堺市", "open"),
            ("阿部 二郎", "あべ じろう", "和泉市", "open"),
            ("井上 三郎", "いのうえ さぶろう", "大阪市", "open"),
        ],
    )
    reader = StoreReader(path)
    try:
        model = CaseListModel(reader, today=lambda: date(2025, 10, 17))
        load(qtbot, model, CaseQuery(status=None))
        with qtbot.waitSignal(model.loaded):
            model.sort(1)
        qtbot.waitUntil(lambda: model.summary(2) is not None)
        assert [model.data(model.index(r, 1)) for r in range(3)] == ["阿部 二郎", "井上 三郎", "渡辺 一郎"]
        with qtbot.waitSignal(model.loaded):
            model.sort(3)
        qtbot.waitUntil(lambda: model.summary(2) is not None)
        # the store's order of the names as text (和泉 < 大阪 < 堺 by code point)
        assert [model.data(model.index(r, 3)) for r in range(3)] == sorted(["堺市", "和泉市", "大阪市"])
    finally:
        reader.close()


def test_search_pages_with_fetch_more(qtbot, model):
    """Ensure a search shows a page and fetches the next one as the view scrolls."""
    load(qtbot, model, CaseQuery(text="見本", status=None))
    assert model.rowCount() == PAGE
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE * 2)


def test_filters_by_municipality(qtbot, model):
    """Ensure the municipality filter reaches the store."""
    load(qtbot, model, CaseQuery(status=None, municipality="堺市"))
    assert model.rowCount() == (PAGE * 2 + 30) // 2
    assert model.data(model.index(0, 3)) == "堺市"


def test_search_finds_closed_cases_and_marks_them(qtbot, make_window, db_path):
    """Ensure a returning client whose case was closed is found by search (marked 終了) while the
    list itself still shows only open cases, so no duplicate case is started."""
    _store_of(
        db_path, [("佐藤 花子", "さとう はなこ", "堺市", "closed"), ("佐藤 次郎", "さとう じろう", "堺市", "open")]
    )
    from tests.ui.conftest import type_text

    window = make_window()
    qtbot.waitUntil(lambda: window.cases.rowCount() == 1)
    type_text(window.browser.search, "佐藤")
    qtbot.waitUntil(lambda: window.cases.rowCount() == 2 and window.cases.summary(1) is not None)
    shown = {window.cases.data(window.cases.index(r, 1)) for r in range(2)}
    assert shown == {"佐藤 花子（終了）", "佐藤 次郎"}
    assert not window.browser.status.isEnabled()


def test_search_as_you_type_waits_for_a_pause(qtbot, make_window):
    """Ensure typing in the search box filters the list after the debounce, without Enter."""
    from tests.ui.conftest import type_text

    window = make_window()
    window.new_case()
    type_text(window.editor.form.target("members[0].name").input, "渡辺 五郎")
    type_text(window.editor.form.target("municipality").input.lineEdit(), "大阪市")
    assert window.save()
    window.new_case()
    type_text(window.editor.form.target("members[0].name").input, "中村 六郎")
    type_text(window.editor.form.target("municipality").input.lineEdit(), "大阪市")
    assert window.save()
    type_text(window.browser.search, "中村")
    qtbot.waitUntil(lambda: window.cases.rowCount() == 1 and window.cases.summary(0) is not None)
    assert window.cases.summary(0).head_name == "中村 六郎"
    assert window.browser.count_label.text() == "1件"
