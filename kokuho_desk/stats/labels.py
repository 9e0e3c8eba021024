"""The Japanese words of the statistics: check names, code labels, CSV headers, table titles."""

from __future__ import annotations

from kokuho_desk.model.case import ENFORCEMENT_LABELS, INSURANCE_LABELS, SEIZURE_ASSET_LABELS
from kokuho_desk.rules.result import VERDICT_LABELS, VERDICTS
from kokuho_desk.stats.bands import UNKNOWN
from kokuho_desk.stats.record import UNKNOWN_STATUS

# The fixed check ids of case-format.md, in the order of the CSV columns and the charts.
CHECK_LABELS = {
    "statutory_reduction": "法定軽減",
    "child_reduction": "子どもの均等割軽減",
    "childbirth_exemption": "産前産後の免除",
    "unemployment_reduction": "非自発的失業者の軽減",
    "premium_relief": "保険料の減免",
    "copayment_relief": "一部負担金の減免",
    "special_care_benefit": "特別療養費に代わる療養の給付",
    "enforcement_suspension": "執行停止",
    "realization_deferral": "換価の猶予",
    "seizure_limit": "差押禁止額",
    "limitation": "時効",
    "certificate": "資格確認書",
    "public_assistance": "生活保護",
}

INSURANCE = {**INSURANCE_LABELS, UNKNOWN_STATUS: UNKNOWN}
ENFORCEMENT = ENFORCEMENT_LABELS
SEIZURE_ASSETS = SEIZURE_ASSET_LABELS
VERDICT = VERDICT_LABELS
VERDICT_CODES = VERDICTS
REDUCTION_CLASSES = ("7割", "5割", "2割", "なし")  # premium.reduction of case-format.md


def check_label(check_id: str) -> str:
    return CHECK_LABELS.get(check_id, check_id)


# CSV header of each record field (the verdict columns follow, one per check).
COLUMNS = {
    "month": "初回相談月",
    "age_band": "世帯主の年齢",
    "household_band": "世帯人数",
    "prefecture": "都道府県",
    "area": "市区町村（少数は都道府県）",
    "income_band": "世帯の前年収入",
    "reduction": "法定軽減の区分",
    "arrears_band": "滞納額",
    "enforcement": "督促・差押え等",
    "seizure_assets": "差押えられた財産",
    "insurance": "資格の状態",
    "topics": "相談内容",
    "outcome": "結果",
}
VERDICT_COLUMN = "判定：{}"
LIST_SEPARATOR = "、"
NONE = "なし"

TABLE_TITLES = {
    "by_month": "月別の相談件数",
    "by_topic": "相談内容別の件数",
    "by_verdict": "判定別の件数",
    "by_enforcement": "督促・差押え等の件数",
    "by_seizure_asset": "差押えられた財産別の件数",
    "by_insurance": "資格の状態別の件数（特別療養費＝10割負担）",
    "by_reduction": "法定軽減の区分別の件数",
    "by_outcome": "結果別の件数",
    "reliefs": "救済の成果",
}
