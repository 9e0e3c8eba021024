"""rules.result.finish, the one way every check assembles its result: the law first, then the source of
each value read; one 要確認 line per kind of value that is not verified law; nothing of that in bulk
judgement."""

from __future__ import annotations

from datetime import date

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.rules.context import PROVISIONAL, CheckContext, Trace
from kokuho_desk.rules.params import Value
from kokuho_desk.rules.result import check_trace, finish

DAY = date(2026, 4, 1)


def _trace(explain: bool = True) -> Trace:
    case = case_from_dict({"format": "kokuho-desk/case-1", "as_of": "2026-04-01", "members": [{"relation": "head"}]})
    trace = Trace(CheckContext.for_case(case, DAY, explain=explain))
    trace.record(
        Value("大阪市.relief.a", 1, DAY, None, "verified", "大阪市 条例"),
        Value("大阪市.relief.b", 2, DAY, None, "unverified", "大阪市 ページ"),
        Value("大阪市.relief.c", 3, DAY, None, "derived", "大阪市 計算"),
        Value("大阪市.relief.d", 4, DAY, None, "planned", "法案", what_if="x"),
        Value("大阪市.relief.e", 5, DAY, None, PROVISIONAL, "令和7年度の値"),
    )
    return trace


def _finish(trace: Trace):
    return finish(
        "premium_relief",
        "保険料の減免",
        "likely",
        trace,
        reasons=["理由"],
        basis=["国民健康保険法第77条"],
        missing=["finances.savings", "finances.savings"],
        figures={"income_limit": 100},
        actions=[NextAction("申請する", DAY)],
        review=["市町村の基準が分かりません"],
    )


def test_finish_cites_every_source_and_names_each_kind_of_unverified_value():
    """Ensure the basis is the law then every source read, and the reasons end with one 要確認 line for
    the data gap and one per kind: planned (what-if), an earlier year's value, unconfirmed or derived."""
    r = _finish(_trace())
    assert r.basis == [
        "国民健康保険法第77条",
        "出典: 大阪市 条例",
        "出典: 大阪市 ページ",
        "出典: 大阪市 計算",
        "出典: 法案",
        "出典: 令和7年度の値",
    ]
    assert r.reasons == [
        "理由",
        "要確認: 市町村の基準が分かりません",
        "要確認: 予定の制度を仮定しています（まだ施行されていません）: 大阪市.relief.d",
        "要確認: その年度の値がまだないため、前の年度の値で仮に計算しています: 大阪市.relief.e",
        "要確認: 確認できていない値を使っています: 大阪市.relief.b、大阪市.relief.c（計算で導いた値）",
    ]
    assert r.needs_review and r.missing == ["finances.savings"]


def test_finish_without_explanations_keeps_verdict_figures_and_missing():
    """Ensure bulk judgement's result has the verdict, figures and missing facts, no reasons, sources,
    next steps or 要確認 (CheckReport.explained gives those)."""
    r = _finish(_trace(explain=False))
    assert (r.verdict, r.figures, r.missing, r.reasons, r.basis, r.next_actions, r.needs_review) == (
        "likely",
        {"income_limit": 100},
        ["finances.savings"],
        [],
        [],
        [],
        False,
    )


def test_a_check_trace_keeps_what_it_records_only_when_explaining():
    """Ensure a check's trace keeps the values a sub-computation read when the result explains, and in bulk
    judgement (nothing cited) keeps none of them, while still reading the law."""
    case = case_from_dict({"format": "kokuho-desk/case-1", "as_of": "2026-04-01", "members": [{"relation": "head"}]})
    v = Value("大阪市.relief.a", 1, DAY, None, "unverified", "大阪市 条例")
    explained, bulk = (check_trace(CheckContext.for_case(case, DAY, explain=e)) for e in (True, False))
    for trace in (explained, bulk):
        trace.record(v)
    assert (explained.read, bulk.read) == ([v], [])
    assert bulk.value("limitation.civil_code_revision", DAY) == date(2020, 4, 1)
