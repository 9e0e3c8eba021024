"""Free-text topics and outcomes map to fixed categories."""

import pytest

from kokuho_desk.stats.categories import outcome_category, relief_labels, topic_categories


@pytest.mark.parametrize("text, category", [
    ("保険料の減免が決定した", "保険料の減免"),
    ("分納誓約で合意し差押えが解除された", "差押えの解除・返還"),
    ("滞納処分の執行停止が決定した", "執行停止"),
    ("一部負担金の減免が認められた", "一部負担金の減免・猶予"),
    ("減免は認められなかった", "不成立"),
    ("生活保護の申請につないだ", "生活保護の申請・開始"),
    ("山田さんが来所（メモ）", "その他"),
])
def test_outcome_text_maps_to_a_category(policy, text, category):
    """Ensure a closed case's outcome text becomes its first matching category, else その他."""
    assert outcome_category("closed", text, policy) == category


def test_open_and_unrecorded_outcomes(policy):
    """Ensure open cases are 継続中 and closed cases without an outcome are 未記入."""
    assert outcome_category("open", "保険料の減免が決定した", policy) == "継続中"
    assert outcome_category("closed", "  ", policy) == "未記入"


def test_topics_are_distinct_categories_in_policy_order(policy):
    """Ensure topics map to distinct categories, full-width text normalised, その他 last."""
    cats = topic_categories(("相談者の独り言", "給与の差押え", "１０割負担", "差し押さえ予告"), policy)
    assert cats == ("差押え", "10割負担（特別療養費）", "その他")


def test_relief_categories_exclude_failures(policy):
    """Ensure 不成立 and 分納 are not counted as reliefs, and 減免 is."""
    reliefs = relief_labels(policy)
    assert "保険料の減免" in reliefs and "不成立" not in reliefs and "分納の合意" not in reliefs
