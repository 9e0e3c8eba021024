"""The Japanese words of the statistics: check names and the marks of the tables."""

from __future__ import annotations

# The fixed check ids of case-format.md.
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
    "seizure_limit": "差押禁止額を超える差押えの解除",
    "limitation": "時効",
    "certificate": "資格確認書の交付",
    "public_assistance": "生活保護",
}

SUPPRESSED = "X"  # 秘匿 (e-Stat's mark for a hidden figure)
TOTAL = "計"


def check_label(check_id: str) -> str:
    return CHECK_LABELS.get(check_id, check_id)
