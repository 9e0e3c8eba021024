"""k-anonymity: generalisation then suppression; every QI combination occurs ≥ k times."""

from collections import Counter
from operator import attrgetter

from hypothesis import given, settings
from hypothesis import strategies as st

from kokuho_desk.stats.anonymize import MASKED, anonymize
from kokuho_desk.stats.policy import load_policy
from kokuho_desk.stats.record import Record

QIS = load_policy().quasi_identifiers
MASKABLE = load_policy().cell_suppression
BASE = Record(month="2025-04", age_band="60〜69歳", household_band="1人", prefecture="大阪府", area="大阪市",
              income_band="100万円未満", reduction="7割", arrears_band="なし", enforcement=(), seizure_assets=(),
              insurance="mynacard", verdicts=(), topics=(), outcome="継続中")

records_strategy = st.lists(st.builds(
    lambda age, size, place, income: BASE._replace(age_band=age, household_band=size, prefecture=place[0],
                                             area=place[1], income_band=income),
    st.sampled_from(["20〜29歳", "60〜69歳", "80歳以上", "不明", MASKED]),
    st.sampled_from(["1人", "2人", "5人以上"]),
    st.sampled_from([("大阪府", "大阪市"), ("大阪府", "堺市"), ("大阪府", "大阪府"), ("山口県", "防府市"),
                     ("不明", "不明")]),
    st.sampled_from(["収入なし", "100万円未満", "500万円以上"]),
), max_size=300)


@settings(max_examples=150, deadline=None)
@given(records=records_strategy, k=st.integers(min_value=2, max_value=8))
def test_every_qi_combination_occurs_at_least_k_times(records, k):
    """Ensure every combination of quasi-identifiers in the output occurs ≥ k times and nothing is invented."""
    kept, report = anonymize(records, k, QIS, MASKABLE)
    sizes = Counter(map(attrgetter(*QIS), kept))
    assert all(n >= k for n in sizes.values())
    assert report.rows_suppressed == len(records) - len(kept)
    originals = {(r.prefecture, r.area) for r in records}
    assert all(r.area == r.prefecture or (r.prefecture, r.area) in originals for r in kept)  # areas only coarsen
    assert Counter(r.prefecture for r in kept) <= Counter(r.prefecture for r in records)
    for name in MASKABLE:  # a cell is its own value or 秘匿, never another value
        assert Counter(getattr(r, name) for r in kept) - Counter(getattr(r, name) for r in records) <= \
            Counter({MASKED: len(kept)})
    # a class that reached k before masking loses no record
    before, _ = anonymize(records, k, QIS)
    assert Counter(map(attrgetter(*QIS), before)) <= Counter(map(attrgetter(*QIS), kept))


def test_small_municipality_becomes_its_prefecture():
    """Ensure a municipality with fewer than k records is shown as its prefecture, and counted."""
    records = [BASE] * 5 + [BASE._replace(area="堺市")] * 3
    kept, report = anonymize(records, 5, QIS)
    assert Counter(r.area for r in kept) == Counter({"大阪市": 5})
    assert (report.municipalities_generalised, report.rows_generalised_by_municipality) == (1, 3)
    assert report.rows_suppressed == 3


def test_small_class_is_lifted_to_prefecture_before_suppression():
    """Ensure rows of a class below k join the prefecture class instead of being dropped when that reaches k."""
    big_city = [BASE] * 6 + [BASE._replace(age_band="20〜29歳")] * 2
    prefecture_level = [BASE._replace(age_band="20〜29歳", area="大阪府")] * 3
    kept, report = anonymize(big_city + prefecture_level, 5, QIS)
    assert report.rows_generalised_by_class == 2 and report.rows_suppressed == 0
    assert Counter((r.age_band, r.area) for r in kept) == Counter({("60〜69歳", "大阪市"): 6,
                                                                     ("20〜29歳", "大阪府"): 5})


def test_report_names_no_municipality():
    """Ensure the steps report counts only, never the names of what was generalised."""
    records = [BASE] * 5 + [BASE._replace(area="堺市")]
    _, report = anonymize(records, 5, QIS)
    assert "堺市" not in repr(report.steps())


def test_cells_are_masked_before_a_row_is_dropped():
    """Ensure rows of classes below k lose their income band (秘匿) and stay when that makes k; full classes stay untouched."""
    small = [BASE._replace(income_band="収入なし")] * 2 + [BASE._replace(income_band="500万円以上")] * 3
    kept, report = anonymize([BASE] * 5 + small, 5, QIS, MASKABLE)
    assert Counter((r.area, r.income_band) for r in kept) == Counter({("大阪市", "100万円未満"): 5,
                                                                        ("大阪府", MASKED): 5})
    assert dict(report.cells_masked) == {"income_band": 5, "household_band": 0, "age_band": 0}
    assert (report.rows_masked, report.rows_suppressed) == (5, 0)


def test_masking_goes_on_field_by_field_then_drops():
    """Ensure household size and then age are masked only while a class is still below k, and a row that never reaches k is dropped."""
    rows = [BASE._replace(area="大阪府", income_band=i, household_band=h)
            for i, h in [("収入なし", "1人"), ("収入なし", "2人"), ("500万円以上", "1人"), ("500万円以上", "2人"),
                         ("100万円未満", "5人以上")]]
    lone = BASE._replace(prefecture="山口県", area="山口県")
    kept, report = anonymize(rows + [lone], 5, QIS, MASKABLE)
    assert [(r.age_band, r.household_band, r.income_band) for r in kept] == [("60〜69歳", MASKED, MASKED)] * 5
    assert dict(report.cells_masked) == {"income_band": 6, "household_band": 6, "age_band": 1}
    assert report.rows_suppressed == 1
