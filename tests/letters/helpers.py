"""Test data for the letters: a case with every field they use, a report with the checks
that act on it, and PDF text extraction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kokuho_desk.model.next_action import NextAction
from kokuho_desk.rules.premium import PremiumResult, ReductionJudgement
from kokuho_desk.rules.premium_parts import PartResult
from kokuho_desk.rules.result import CheckResult

TODAY = date(2025, 11, 23)

CASE = {
    "format": "kokuho-desk/case-1",
    "as_of": "2025-11-20",
    "fiscal_year": 2025,
    "municipality": "大阪市",
    "contact": {
        "postal_code": "530-0001",
        "address": "大阪府大阪市北区梅田一丁目2番3号\u3000梅田ハイツ101号",
        "phone": "06-1234-5678",
    },
    "members": [
        {
            "name": "山田 太郎",
            "kana": "やまだ たろう",
            "relation": "head",
            "birth_date": "1968-04-10",
            "income": {"declared": True, "salary": 1800000, "pension": 0},
        },
        {
            "name": "山田 花子",
            "relation": "spouse",
            "birth_date": "1970-09-01",
            "income": {"declared": True, "salary": 0},
        },
    ],
    "finances": {"savings": 50000, "monthly_income": 98000, "monthly_rent": 42000, "expected_annual_income": 600000},
    "arrears": [
        {"fiscal_year": 2023, "amount": 58000, "late_fee": 4200, "due_date": "2024-03-31"},
        {"fiscal_year": 2024, "amount": 61000, "late_fee": 1800, "due_date": "2025-03-31"},
    ],
    "seizures": [{"date": "2025-10-25", "asset": "salary", "amount": 80000, "monthly_gross": 150000, "dependents": 1}],
    "insurance": {"status": "special_care", "special_care_since": "2025-04-01"},
    "medical": {
        "needs_care": True,
        "inpatient": True,
        "monthly_cost": 300000,
        "institution": "北野病院",
        "patient": "山田 花子",
        "since": "2025-11-01",
        "note": "心不全で入院治療が必要",
    },
    "notice": {"fiscal_year": 2025, "total": 120000, "next_due_date": "2025-12-01"},
    "hardship": {
        "reasons": ["unemployment", "illness"],
        "since": "2025-08-31",
        "description": "勤め先の倒産で失業し、配偶者が入院した",
    },
}


@dataclass
class FakeReport:
    """Stands in for the engine's CheckReport (the checks and the recomputed premium)."""

    checks: list[CheckResult]
    premium: PremiumResult | None = None


def _check(cid: str, title: str, reasons: list[str], basis: list[str], **kw) -> CheckResult:
    return CheckResult(id=cid, verdict=kw.pop("verdict", "likely"), title=title, reasons=reasons, basis=basis, **kw)


CHECKS = [
    _check("statutory_reduction", "法定軽減（7割・5割・2割）", ["前年の所得により5割軽減"], ["地方税法第703条の5"]),
    _check(
        "copayment_relief",
        "一部負担金の減免（国保法第44条）",
        ["世帯の月収入 98,000円 は生活保護基準 131,250円 以下", "預貯金 50,000円 は基準の3か月分以下"],
        ["国民健康保険法第44条"],
        figures={"minimum_living_cost": 131250},
    ),
    _check(
        "special_care_benefit",
        "特別療養費に代わる療養の給付",
        ["世帯員が入院治療を必要としている", "10割の一時払いが困難（預貯金 50,000円）"],
        ["令和7年10月17日 厚生労働省保険局国民健康保険課 事務連絡"],
    ),
    _check(
        "enforcement_suspension",
        "滞納処分の執行停止",
        ["世帯の月収入 98,000円 は最低生活費 131,250円 を下回る"],
        ["地方税法第15条の7"],
    ),
    _check(
        "premium_relief",
        "保険料（税）の減免",
        ["今年の所得見込み 600,000円 は前年の2分の1以下"],
        ["国民健康保険法第77条"],
    ),
    _check("realization_deferral", "換価の猶予", ["一時に納付すると生活の維持が困難"], ["地方税法第15条の6"]),
    _check(
        "seizure_limit",
        "差押禁止額",
        ["給与 150,000円 のうち差押禁止額 142,000円 を超えて差し押さえられている"],
        ["国税徴収法第76条"],
        figures={"protected_amount": 142000, "excess": 72000},
        needs_review=True,
    ),
    _check(
        "certificate",
        "資格確認書の交付",
        ["マイナ保険証を持っていない"],
        ["国民健康保険法第9条第2項"],
        next_actions=[NextAction("資格確認書を申請する", date(2025, 12, 1), "certificate")],
    ),
]


def _part(part: str, income_based: int, per_capita: int, per_household: int) -> PartResult:
    """A whole-year part under the 5割軽減, without members (the letters print the part's sums only)."""
    total = income_based + per_capita + per_household
    return PartResult(
        part,
        Decimal("9.0"),
        income_based,
        per_capita,
        per_household,
        0,
        0,
        12,
        total,
        650000,
        False,
        1,
        total,
        [],
        ["5割軽減"],
    )


# A recomputed premium as the letters read it (figures chosen to be told apart, not computed).
PREMIUM = PremiumResult(
    fiscal_year=2025,
    judgement=ReductionJudgement("5割", Decimal("0.5"), date(2025, 4, 1)),
    parts={"medical": _part("medical", 40000, 30000, 15000), "support": _part("support", 13500, 12000, 8000)},
    total=118500,
    kind="料",
)


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF without page numbers and whitespace (CJK lines wrap anywhere)."""
    import io
    import re

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(pdf)).pages
    texts = [page.extract_text() for page in pages]
    if len(pages) > 1:  # the page number is drawn last: drop it so a paragraph split over pages reads whole
        texts = [t.rstrip().removesuffix(f"{i} / {len(pages)}") for i, t in enumerate(texts, 1)]
    return re.sub(r"\s+", "", "".join(texts))


def squash(text: str) -> str:
    import re

    return re.sub(r"\s+", "", text)
