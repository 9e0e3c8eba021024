"""What every check returns: a verdict that explains itself.

The JSON shape is fixed by case-format.md (`kokuho-desk check --json`):
``{"id", "verdict", "title", "reasons", "basis", "missing", "figures"}``; we add
``next_actions`` (dated deadlines) and ``needs_review`` (an unverified figure was used:
the UI and the letters show 要確認).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kokuho_desk.model.next_action import NextAction
from kokuho_desk.rules.context import PROVISIONAL, CheckContext, Trace
from kokuho_desk.rules.params import UnknownParameterError, Value, parameter

VERDICTS = ("eligible", "likely", "not_eligible", "needs_info")
VERDICT_LABELS = {
    "eligible": "該当",
    "likely": "該当の可能性あり",
    "not_eligible": "非該当",
    "needs_info": "情報不足",
}
REVIEW_MARK = "要確認"


@dataclass
class CheckResult:
    """One check's verdict with its reasons, the articles it rests on, what is missing and its figures."""

    id: str
    verdict: str
    title: str
    reasons: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    next_actions: list[NextAction] = field(default_factory=list)
    needs_review: bool = False

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")

    @property
    def verdict_label(self) -> str:
        label = VERDICT_LABELS[self.verdict]
        return f"{label}（{REVIEW_MARK}）" if self.needs_review else label

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "verdict": self.verdict,
            "title": self.title,
            "reasons": list(self.reasons),
            "basis": list(self.basis),
            "missing": list(self.missing),
            "figures": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in self.figures.items()},
            "next_actions": [a.to_dict() for a in self.next_actions],
            "needs_review": self.needs_review,
        }


class _Uncited(Trace):
    """The trace of a bulk judgement (CheckContext.explain off), whose result cites nothing: what a
    remembered or shared computation read is not copied onto it (the values it reads itself are
    kept as on any trace, and nothing asks for them)."""

    def record(self, *values: Value) -> None:
        pass


def check_trace(ctx: CheckContext) -> Trace:
    """The trace a check reads the law through: one that cites (a Trace), or in bulk judgement one
    that does not keep what its sub-computations read (_Uncited)."""
    return Trace(ctx) if ctx.explain else _Uncited(ctx)


def _description(v: Value) -> str:
    try:
        return parameter(v.param).description
    except UnknownParameterError:  # a municipality's setting or a master-list fact: named by its key
        return v.param


def _review_notes(values: list[Value]) -> list[str]:
    """What the volunteer must know about the values a verdict used that are not verified law: a
    planned rule assumed (what-if), an earlier year's value standing in, or a value not yet
    confirmed in a primary source (a derived one, computed from published figures, says so)."""

    def names(vs: list[Value]) -> str:
        return "、".join(
            dict.fromkeys(_description(v) + ("（計算で導いた値）" if v.status == "derived" else "") for v in vs)
        )

    planned = [v for v in values if v.status == "planned"]
    provisional = [v for v in values if v.status == PROVISIONAL]
    other = [v for v in values if v.status not in ("planned", PROVISIONAL)]
    notes = []
    if planned:
        notes.append(f"予定の制度を仮定しています（まだ施行されていません）: {names(planned)}")
    if provisional:
        notes.append(f"その年度の値がまだないため、前の年度の値で仮に計算しています: {names(provisional)}")
    if other:
        notes.append(f"確認できていない値を使っています: {names(other)}")
    return notes


def finish(
    check_id: str,
    title: str,
    verdict: str,
    trace: Trace,
    *,
    reasons: list[str],
    basis: list[str],
    missing: list[str] | None = None,
    figures: dict[str, Any] | None = None,
    actions: list[NextAction] | None = None,
    review: list[str] | None = None,
) -> CheckResult:
    """The one way a check assembles its result: the law articles, then the source of every value
    the trace read; a 要確認 reason for the values that are not verified law and for each data gap
    the check found (`review`). Without explanations (bulk judgement: CheckContext.explain) only the
    verdict, the figures and what is missing: the checks then build no reasons or next steps
    (CheckReport.explained judges a check again for those)."""
    lacking = list(dict.fromkeys(missing)) if missing else []
    amounts = dict(figures) if figures else {}
    if not trace.ctx.explain:
        return CheckResult(check_id, verdict, title, [], [], lacking, amounts)
    steps = list(actions or [])
    notes = list(review or []) + _review_notes(trace.unverified())
    cited = list(basis) + [f"出典: {s}" for s in trace.sources() if f"出典: {s}" not in basis]
    said = list(reasons) + [f"{REVIEW_MARK}: {note}" for note in notes]
    return CheckResult(check_id, verdict, title, said, cited, lacking, amounts, steps, needs_review=bool(notes))
