"""The Japanese 計算書: where each yen of the premium comes from, and what each check found.

Plain text (the output of ``kokuho-desk check`` without ``--json``); the letters and the UI can
reuse the same lines. Written to be checked with a calculator: the difference from the notice
comes first in plain words, every reduction applied is named, and an amount charged for part
of the year shows its months (× 月数/12); where the amount changes within the year (a reduction
that starts or ends, 非自発的失業) the line says it is the sum of the months.
"""

from __future__ import annotations

from kokuho_desk.model.case import RELATION_LABELS, age_on
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.wareki import fiscal_year_label, format_wareki
from kokuho_desk.rules.engine import CheckReport
from kokuho_desk.rules.municipality import RateTable
from kokuho_desk.rules.premium import NO_REDUCTION, PremiumResult, ReductionJudgement, member_label
from kokuho_desk.rules.premium_parts import MemberLine, PartResult
from kokuho_desk.rules.result import REVIEW_MARK

RULE = "─" * 40
UNEMPLOYMENT_NOTE = "非自発的失業"  # the premium's note on a member whose wages count at 30/100


def _incomes(report: CheckReport, p: PremiumResult) -> list[str]:
    case = report.case
    out = [f"■ 世帯員と前年（{p.fiscal_year - 1}年分）の所得"]
    for i, m in enumerate(case.members):
        who = f"{member_label(case, i)}（{RELATION_LABELS.get(m.relation, '')}"
        if m.birth_date:
            who += f"・{age_on(m.birth_date, report.as_of)}歳"
        who += "・国保" if m.insured else ("・後期高齢者医療へ移行" if m.late_elderly_transferred else "・国保以外")
        out.append(f"  {who}）")
        inc = p.incomes.get(i)
        if m.income is not None and m.income.declared is False:
            out.append("    所得の申告なし（未申告）")
        if inc is None:
            continue
        parts = []
        if inc.salary_revenue:
            parts.append(f"給与収入 {yen(inc.salary_revenue)} → 給与所得 {yen(inc.salary + inc.adjustment)}")
        if inc.adjustment:
            parts.append(f"所得金額調整控除 −{yen(inc.adjustment)}")
        if inc.pension_revenue:
            parts.append(
                f"公的年金等 {yen(inc.pension_revenue)}（{'65歳以上' if inc.elderly else '65歳未満'}）"
                f" → 雑所得 {yen(inc.pension)}"
            )
        if inc.business:
            parts.append(f"事業所得 {yen(inc.business)}")
        if inc.other:
            parts.append(f"その他の所得 {yen(inc.other)}")
        if parts:
            out.append("    " + "、".join(parts))
        out.append(
            f"    総所得金額等 {yen(inc.total)} − 基礎控除 {yen(inc.deduction)} = "
            f"所得割の算定基礎（旧ただし書き所得） {yen(inc.base)}"
        )
    return out


def _judgement(report: CheckReport, j: ReductionJudgement) -> list[str]:
    out = [f"■ 法定軽減の判定（基準日 {format_wareki(j.day)}）"]
    if j.income is None:
        out += [f"  {r}" for r in j.reasons] or ["  法定軽減なし"]
        return out
    out.append(
        f"  軽減判定所得 {yen(j.income)}（世帯主・被保険者・特定同一世帯所属者の所得の合計。"
        "65歳以上の年金は15万円を控除）"
    )
    unemployment = j.unemployment_line(report.case)
    if unemployment:
        out.append(f"  うち{unemployment}")
    out.append(f"  被保険者等 {j.persons}人、給与所得者等 {j.earners}人")
    out.append(
        "  基準額: 7割 {} / 5割 {} / 2割 {}（いずれも以下）".format(
            yen(j.lines["7割"]), yen(j.lines["5割"]), yen(j.lines["2割"])
        )
    )
    out.append(f"  → {f'{j.reduction}軽減' if j.reduction != NO_REDUCTION else '軽減なし'}")
    out += [f"  {r}" for r in j.reasons]
    return out


def applied_reductions(p: PremiumResult) -> list[str]:
    """Every reduction in the recomputed total, named once (法定軽減, 非自発的失業, 18歳以下, 特定世帯 …)."""
    names: list[str] = []
    for part in p.parts.values():
        for note in [*part.notes, *(n for line in part.members for n in line.notes)]:
            if note not in names:
                names.append(note)
    return names


def _months(months: int) -> str:
    return "" if months == 12 else f" × {months}/12か月"


def _income_line(part: PartResult, line: MemberLine) -> str:
    rate = part.income_rate_percent
    annual = int(line.base * rate / 100)  # 1円未満切捨て, as the premium computes it
    head = f"  所得割 {line.label}: "
    if annual * line.months // 12 == line.income_based:
        return (
            head
            + f"{yen(line.base)} × {rate}% = {yen(annual)}{_months(line.months)}"
            + (f" = {yen(line.income_based)}" if line.months != 12 else "")
        )
    unemployed = [n for n in line.notes if n.startswith(UNEMPLOYMENT_NOTE)]
    if unemployed:  # the base above is before the treatment: give the amount with its name
        return head + f"{yen(line.income_based)}（{unemployed[0]}で計算した額{_months(line.months)}）"
    return head + f"{yen(line.income_based)}（算定基礎が月により変わるため、{line.months}か月分の月ごとの額の合計）"


def _per_capita_line(line: MemberLine) -> str:
    notes = "・".join(n for n in line.notes if not n.startswith(UNEMPLOYMENT_NOTE))  # that one is in 所得割
    head = f"  均等割 {line.label}: {yen(line.per_capita_full)}"
    if line.per_capita_unit * line.months // 12 == line.per_capita:
        reduced = f" → {notes}後 {yen(line.per_capita_unit)}" if line.per_capita_unit != line.per_capita_full else ""
        tail = f"{_months(line.months)} = {yen(line.per_capita)}" if line.months != 12 else ""
        return head + reduced + tail
    return head + (
        f"（年額）。{notes or '軽減'}が月により変わるため、{line.months}か月分の月ごとの額の合計 {yen(line.per_capita)}"
    )


def _parts(p: PremiumResult, rates: RateTable, total: int) -> list[str]:
    out = ["■ 保険料の内訳"]
    applied = applied_reductions(p)
    out.append(f"  適用した軽減: {'、'.join(applied) if applied else 'なし'}")
    for part in p.parts.values():
        if not part.months:
            out.append(f"【{part.label}】 該当する被保険者がいないため 0円")
            continue
        out.append(
            f"【{part.label}】 所得割率 {part.income_rate_percent}%・均等割 {yen(rates.parts[part.part].per_capita)}"
            f"・平等割 {yen(part.per_household_full)}・限度額 {yen(rates.parts[part.part].cap)}"
            f"（{part.months}か月）"
        )
        out += [_income_line(part, line) for line in part.members]
        out += [_per_capita_line(line) for line in part.members]
        if part.per_household_full:
            notes = "・".join(part.notes)
            reduced = (
                f" → {notes}後 {yen(part.per_household_unit)}"
                if part.per_household_unit != part.per_household_full
                else ""
            )
            if part.per_household_unit * part.months // 12 == part.per_household:
                tail = f"{_months(part.months)} = {yen(part.per_household)}" if part.months != 12 else ""
            else:
                tail = f"（月により変わるため、{part.months}か月分の月ごとの額の合計 {yen(part.per_household)}）"
            out.append(f"  平等割: {yen(part.per_household_full)}{reduced}{tail}")
        out.append(
            f"  計 所得割 {yen(part.income_based)} + 均等割 {yen(part.per_capita)} + 平等割 "
            f"{yen(part.per_household)} = {yen(part.before_cap)}"
        )
        if part.capped:
            out.append(f"  限度額 {yen(part.cap)} を超えるため {yen(part.cap)}")
        if part.rounding > 1:
            out.append(f"  {part.rounding}円未満切捨て")
        out.append(f"  {part.label} {yen(part.total)}")
    out.append(f"■ 年間保険料 合計 {yen(total)}")
    return out


def notice_difference(notified: int, computed: int) -> str:
    """The difference in words a client understands."""
    diff = notified - computed
    if diff == 0:
        return "通知書の額と再計算の額は同じです。"
    return f"通知書の額は再計算より {yen(abs(diff))}{'多く' if diff > 0 else '少なく'}なっています。"


def _notice(report: CheckReport) -> list[str]:
    n = report.notice
    if n is None:
        return []
    out = [
        "■ 通知書との比較",
        f"  {notice_difference(n.notified, n.computed)}",
        f"  通知書 {yen(n.notified)} − 再計算 {yen(n.computed)} = {n.notified - n.computed:+,}円",
    ]
    for label in n.matched:
        out.append(f"  通知額は「{label}」場合の額と一致します")
    if n.causes:
        out.append("  考えられる原因:")
        out += [f"   ・{c}" for c in n.causes]
    return out


def render(report: CheckReport) -> str:
    case = report.case
    p = report.premium
    fy = case.effective_fiscal_year
    kind = p.kind if p else "料"
    lines = [f"{fiscal_year_label(fy)} 国民健康保険{kind} 計算書", RULE]
    lines.append(
        f"相談日 {format_wareki(report.as_of)}"
        + (f"　自治体 {case.municipality}" if case.municipality else "")
        + (f"　料率 {p.rates.origin}" if p and p.rates else "")
    )
    if report.what_if:
        lines.append(f"仮定（what-if）: {'・'.join(sorted(report.what_if))}（予定の制度を仮に適用）")
    if report.notice is not None:  # the answer first: does the notice match?
        lines.append(notice_difference(report.notice.notified, report.notice.computed))
    if p is not None:
        lines += _incomes(report, p)
        if p.judgement is not None:
            lines += _judgement(report, p.judgement)
        if p.total is not None and p.rates is not None:
            lines += _parts(p, p.rates, p.total)
        else:
            lines.append("■ 保険料は計算できません")
        lines += [f"  {r}" for r in p.reasons if p.total is None or r.startswith(REVIEW_MARK)]
        if p.missing:
            lines.append(f"  不足している項目: {', '.join(p.missing)}")
        lines += _notice(report)
    lines += [RULE, "■ 判定"]
    for c in report.checks:
        lines.append(f"【{c.title}】 {c.verdict_label}")
        lines += [f"  ・{r}" for r in c.reasons]
        if c.missing:
            lines.append(f"  不足している項目: {', '.join(c.missing)}")
        for a in c.next_actions:
            due = f"（期限 {format_wareki(a.due_date)}）" if a.due_date else ""
            lines.append(f"  → {a.action}{due}")
        if c.basis:
            lines.append(f"  根拠: {'、'.join(c.basis)}")
    if p is not None:
        lines += [RULE, "■ 出典"]
        lines += [f"  ・{s}" for s in p.sources()]
        if p.needs_review:
            lines.append(f"  ※ {REVIEW_MARK}の値（未確認の数値）を使っています。市区町村に確認してください")
    return "\n".join(lines) + "\n"
