"""The case at a glance (kokuho_desk.rules.overview) and sources in plain words, without a window."""

from __future__ import annotations

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.overview import overview
from kokuho_desk.rules.plain_words import for_volunteers, split_basis


def _case(**extra):
    data = {
        "as_of": "2026-12-04",
        "municipality": "大阪市",
        "members": [
            {"relation": "head", "name": "山田 太郎", "birth_date": "1958-05-01", "insured": True},
            {"relation": "parent", "name": "山田 ハル", "birth_date": "1950-01-10", "insured": False},
        ],
    }
    data.update(extra)
    return case_from_dict(data)


def test_household_arrears_with_time_bar_and_total():
    """Ensure ages are counted on the consultation day and a 料 arrear due 2022-06-30 is marked as
    extinguished: 国保料 2年 (国保法110条) from the next day → complete at the end of 2024-06-30,
    before 2026-12-04; the 令和7年度 one (due 2026-03-31) is not. Total 120,000 + 80,000."""
    case = _case(
        arrears=[
            {"fiscal_year": 2025, "amount": 80000, "due_date": "2026-03-31"},
            {"fiscal_year": 2022, "amount": 120000, "due_date": "2022-06-30"},
        ]
    )
    o = overview(case)
    assert o.household == ["世帯主 山田 太郎（68歳・国保）", "親 山田 ハル（76歳・国保以外）"]
    assert [(a.year, a.amount, a.expired) for a in o.arrears] == [
        ("令和4年度", 120000, True),
        ("令和7年度", 80000, False),
    ]
    assert o.arrears_total == 200000


def test_actions_soonest_first_done_last_and_checks_not_repeated_once_in_the_log():
    """Ensure the log's open steps and the checks' steps come soonest deadline first, a done step
    last, and a check's step already recorded in the log is listed once (as the log's)."""
    case = _case(
        log=[
            {
                "date": "2026-11-01",
                "note": "初回",
                "next_action": "書類をそろえる",
                "due_date": "2026-11-20",
                "done": True,
            },
            {"date": "2026-12-04", "note": "", "next_action": "減免申請書を出す", "due_date": "2026-12-25"},
            {"date": "2026-12-04", "note": "", "next_action": "差押えの解除を申し入れる", "due_date": "2026-12-10"},
        ]
    )
    o = overview(case, run_checks(case))
    texts = [a.text for a in o.actions]
    assert texts.index("差押えの解除を申し入れる") < texts.index("減免申請書を出す")
    assert texts[-1] == "書類をそろえる" and o.actions[-1].done
    dues = [a.due for a in o.actions if not a.done and a.due]
    assert dues == sorted(dues)
    assert len(texts) == len(set(texts))


def test_notice_sentence_says_how_much_more_the_bill_is():
    """Ensure the notice against the recomputed premium is one sentence with the difference."""
    case = _case(
        notice={"fiscal_year": 2025, "total": 999999},
        fiscal_year=2025,
        members=[
            {
                "relation": "head",
                "name": "山田 太郎",
                "birth_date": "1958-05-01",
                "income": {"salary": 1200000, "declared": True},
            }
        ],
    )
    report = run_checks(case)
    o = overview(case, report)
    computed = report.premium.total
    assert o.notice == (
        f"通知書の保険料 999,999円 は、この計算（{computed:,}円）より {999999 - computed:,}円 多くなっています。"
    )


def test_sources_lose_our_research_notes():
    """Ensure notes for engineers (document sections, confidence marks, transcriptions) are dropped
    and the public page stays."""
    text = (
        "出典: 国保法110条1項 rodo.co.jp https://www.rodo.co.jp/laws/123540/ (relief.md §6, verified-secondary); "
        "Ailiber1/seikatsuhogo kijun_r8.json の転記"
    )
    assert for_volunteers(text) == "出典: 国保法110条1項 rodo.co.jp https://www.rodo.co.jp/laws/123540/"
    articles, sources = split_basis(["国民健康保険法第110条（保険料 2年）", text])
    assert articles == ["国民健康保険法第110条（保険料 2年）"]
    assert sources == ["国保法110条1項 rodo.co.jp https://www.rodo.co.jp/laws/123540/"]
