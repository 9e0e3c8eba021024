"""概要 first, verdicts that go stale at once, cards by what the household can claim, basis in a line."""

from __future__ import annotations

from kokuho_desk.store import open_store
from tests.ui.conftest import replace_text, type_text
from tests.ui.test_main_window import field, type_household


def judge(window, qtbot):
    op = window.run_checks()
    with qtbot.waitSignal(op.finished, timeout=20_000):
        pass


def labels(overview):
    from PySide6.QtWidgets import QLabel

    return "\n".join(w.text() for w in overview.widget().findChildren(QLabel))


def test_an_edit_after_judging_marks_the_verdicts_stale_at_once(qtbot, make_window):
    """Ensure typing after 判定 says 古い判定 and takes the letter buttons away until judged again."""
    window = make_window()
    window.new_case()
    type_household(window)
    assert window.save()
    judge(window, qtbot)
    assert "古い判定" not in window.checks.summary.text()
    replace_text(field(window, "members[0].income.salary").input, "900万円")
    assert "古い判定" in window.checks.summary.text()
    assert all(not card.isEnabled() for card in window.checks.cards)
    assert "古い判定" in window.checks.statement.toPlainText()
    judge(window, qtbot)
    assert "古い判定" not in window.checks.summary.text()
    assert all(card.isEnabled() for card in window.checks.cards)


def test_cards_claimable_first_not_eligible_folded_and_basis_in_one_line(qtbot, make_window):
    """Ensure 該当 / 可能性あり cards come before 情報不足, 非該当 ones sit behind one line, and a card's
    basis is one line of articles with the sources behind 「出典」, free of our research notes."""
    window = make_window()
    window.new_case()
    type_household(window)
    judge(window, qtbot)
    order = {"eligible": 0, "likely": 0, "needs_info": 1, "not_eligible": 2}
    ranks = [order[c.check.verdict] for c in window.checks.cards]
    assert ranks == sorted(ranks)
    folded = [c for c in window.checks.cards if c.check.verdict == "not_eligible"]
    assert folded and window.checks.folded_line is not None
    assert "非該当" in window.checks.folded_line.text()
    body = window.checks._body
    assert body.minimumSizeHint().width() < 900  # nothing forces the page wider than the window
    assert all(c.isHidden() for c in folded)
    window.checks.folded_line.setChecked(True)
    assert not any(c.isHidden() for c in folded)
    with_sources = [c for c in window.checks.cards if c.sources is not None]
    assert with_sources
    card = with_sources[0]
    assert card.sources.isHidden()
    card.sources_button.setChecked(True)
    assert not card.sources.isHidden()
    for c in window.checks.cards:
        shown = (c.basis.text() if c.basis else "") + (c.sources.text() if c.sources else "")
        assert ".md" not in shown and "verified" not in shown and ".json" not in shown


def test_a_case_opens_on_the_overview_with_actions_by_deadline_and_done_boxes(qtbot, make_window, db_path):
    """Ensure the overview lists the log's open steps soonest first, and ticking one from the checks
    records it in the log as 済み (kept when saved); the verdicts last shown appear with their date
    when the case is opened again."""
    window = make_window()
    window.new_case()
    type_household(window)
    window.add_log_entry()
    type_text(field(window, "log[0].next_action").input, "減免申請書を出す")
    type_text(field(window, "log[0].due_date").input, "令和9年1月20日")
    window.add_log_entry()
    type_text(field(window, "log[1].next_action").input, "給与明細を持ってくる")
    type_text(field(window, "log[1].due_date").input, "令和8年12月20日")
    field(window, "insurance.status").set_value("special_care")  # 10割負担: the check gives a step
    type_text(field(window, "insurance.special_care_since").input, "令和7年6月1日")
    assert window.save()
    judge(window, qtbot)
    window.editor.tabs.setCurrentWidget(window.overview)
    boxes = window.overview.action_boxes
    texts = [b.text() for b in boxes]
    assert texts.index("給与明細を持ってくる（期限 令和8年12月20日）") < texts.index(
        "減免申請書を出す（期限 令和9年1月20日）"
    )
    from_checks = [b for b in boxes if "減免申請書" not in b.text() and "給与明細" not in b.text()]
    assert from_checks, texts
    ticked = from_checks[0].text().split("（期限")[0]
    from_checks[0].setChecked(True)
    assert window.editor.is_modified
    assert window.save()
    with open_store(db_path) as store:
        log = store.get(window.case_id).log
    assert any(e.next_action == ticked and e.done for e in log)

    judge(window, qtbot)  # a judgement of the case as stored is kept
    case_id = window.case_id
    window.new_case()
    window.open_case(case_id)
    assert window.editor.tabs.currentWidget() is window.overview
    text = labels(window.overview)
    assert "前回の判定（" in text and "年" in text
    done = [b for b in window.overview.action_boxes if b.text().startswith(ticked)]
    assert done and all(b.isChecked() and not b.isEnabled() for b in done)
