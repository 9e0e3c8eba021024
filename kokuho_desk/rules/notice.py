"""The notified premium against ours: the difference and its most likely causes.

The classic wrong bill lacks a reduction that needs a 届出 or a 申告 (非自発的失業, 産前産後,
法定軽減 for lack of an income declaration). Each is tried by leaving it out of the computation;
a notified total that equals one of those variants names its cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kokuho_desk.model.wareki import fiscal_year_label
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.municipality import PART_LABELS
from kokuho_desk.rules.premium import REDUCTION_CLASSES, PremiumResult, Variant, premium

_GENERAL_CAUSES = (
    "年度の途中の加入・脱退・年齢到達（40歳・65歳・75歳）の月割",
    "市区町村が把握している所得（申告・給与支払報告書）と、ここに入力した所得の違い",
    "料率・限度額の年度違い、または市区町村独自の減免・端数処理",
)


@dataclass
class NoticeComparison:
    """The premium notice compared with the premium computed from the case, with the likely causes of a difference."""

    notified: int
    computed: int
    difference: int  # notified − computed: positive means the bill is higher than our figure
    parts: dict[str, int] = field(default_factory=dict)  # part → notified − computed
    matched: list[str] = field(default_factory=list)  # causes whose variant gives the notified total exactly
    causes: list[str] = field(default_factory=list)  # likely causes, most likely first

    def to_dict(self) -> dict[str, Any]:
        return {
            "notified": self.notified,
            "computed": self.computed,
            "difference": self.difference,
            "parts": dict(self.parts),
            "matched": list(self.matched),
            "causes": list(self.causes),
        }


def _variants(ctx: CheckContext, p: PremiumResult) -> list[tuple[str, Variant]]:
    out = []
    if p.reduction in REDUCTION_CLASSES:
        out.append(
            (
                f"法定軽減（{p.reduction}）が適用されていない（所得の申告漏れ・世帯の所得の把握違いの可能性）",
                Variant(statutory=False),
            )
        )
    if any(m.unemployment for m in ctx.case.members):
        out.append(("非自発的失業者の軽減（申請が必要）が適用されていない", Variant(unemployment=False)))
    if any(m.childbirth for m in ctx.case.members):
        out.append(("産前産後期間の保険料免除（届出が必要）が適用されていない", Variant(childbirth=False)))
    if p.judgement and p.judgement.undeclared:
        out.append(("未申告の世帯員の所得を申告した場合の額になっている", Variant(assume_declared=True)))
    return out


def compare_notice(ctx: CheckContext) -> NoticeComparison | None:
    """None when the case has no notified total or our total cannot be computed."""
    notice = ctx.case.notice
    p = premium(ctx)
    if notice is None or notice.total is None or p.total is None:
        return None
    diff = notice.total - p.total
    cmp = NoticeComparison(notice.total, p.total, diff)
    for part, amount in notice.parts.items():
        if part in p.parts:
            cmp.parts[part] = amount - p.parts[part].total
    if notice.fiscal_year is not None and notice.fiscal_year != p.fiscal_year:
        cmp.causes.append(
            f"通知書は{fiscal_year_label(notice.fiscal_year)}、計算は{fiscal_year_label(p.fiscal_year)}です"
        )
    if diff == 0 or not ctx.explain:  # bulk judgement keeps only the difference
        return cmp
    tried = []
    for label, variant in _variants(ctx, p):
        other = premium(ctx, variant)
        if other.total is None or other.total == p.total:
            continue
        if other.total == notice.total:
            cmp.matched.append(label)
        else:
            tried.append((abs(other.total - notice.total), label, other.total))
    cmp.causes += [
        f"{label}（その場合 {total:,}円）" for _, label, total in sorted(tried) if (total - p.total) * diff > 0
    ]
    cmp.causes += [f"{PART_LABELS[part]}で {d:+,}円 の差" for part, d in cmp.parts.items() if d]
    cmp.causes += list(_GENERAL_CAUSES)
    return cmp
