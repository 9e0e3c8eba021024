"""The count tables replay the attacks that succeeded on the row-level export (issue 18)."""

import json
import random
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kokuho_desk.model.case import ReliefOutcome
from kokuho_desk.stats.export import ExportError, export_desk
from kokuho_desk.stats.merge import MergeError, merge_files
from kokuho_desk.stats.output import OutputError, write_output
from kokuho_desk.stats.package import read_stats_file, write_stats_file
from kokuho_desk.stats.policy import InvalidK, load_policy
from kokuho_desk.store import open_store
from tests.stats.attack import assert_protected, grids
from tests.stats.builders import MARKER, make_case, phone, postal_code
from tests.stats.conftest import TODAY

MUNICIPALITIES = [
    ("大阪市", "大阪府大阪市北区"),
    ("堺市", "大阪府堺市堺区"),
    ("防府市", "山口県防府市"),
    ("洞爺湖町", "北海道虻田郡洞爺湖町"),
]


def distinct_cases(n: int, seed: int = 1, start: int = 0) -> list:
    """n households that differ in everything a municipality knows: month of first consultation,
    area, insurance status, seized asset, arrears, household size, income (the linkage attack's keys)."""
    rng = random.Random(seed)
    out = []
    for i in range(start, start + n):
        town, address = MUNICIPALITIES[0 if i % 7 else rng.randrange(4)]
        out.append(
            make_case(
                i,
                municipality=town,
                address=address,
                as_of=date(2026, 10, 1),
                first_log=date(2026, rng.randint(4, 9), rng.randint(1, 28)),
                members=rng.randint(1, 4),
                salary=rng.choice([None, 0, rng.randint(1, 6_000_000)]),
                arrears=rng.randint(0, 900_000),
                seized=rng.choice([None, "salary", "pension", "deposit", "other"]),
                insurance=rng.choice(["mynacard", "certificate", "special_care", "none", None]),
            )
        )
    return out


def export(store, out: Path, today=TODAY, **kw):
    f, entries = export_desk(store, today=today, **kw)
    write_stats_file(f, out, load_policy())
    store.record_stats_export(f.export_id, entries, "test")
    return read_stats_file(out)


def test_linkage_singles_out_no_one(desk_store, tmp_path):
    """(a) 160 households, each unique on what the municipality knows: every published count is 0 or ≥ 5,
    and no hidden count can be narrowed to fewer than 5 values from the rows, columns and totals."""
    store = desk_store()
    for case in distinct_cases(160):
        store.create(case)
    f = export(store, tmp_path / "a.zip")
    assert f.periods == ["2026Q1", "2026Q2"]
    hidden = assert_protected(f, 5)
    assert hidden > 0  # small counts existed and were hidden
    published = [c.value for c in f.cells if c.value is not None]
    assert published and all(v == 0 or v >= 5 for v in published)


def test_shared_totals_are_hidden_alike_in_every_table(desk_store, tmp_path):
    """A row total that several tables share (the households of an area) is hidden in all or in none,
    and the 10割負担 column of the insurance table equals the row totals of the 10割負担 table."""
    store = desk_store()
    for case in distinct_cases(160, seed=5):
        store.create(case)
    f = export(store, tmp_path / "a.zip")
    g = grids(f)
    for period in f.periods:
        totals = {
            t: {a: v for (a, c), v in grid.items() if c == "total"}
            for (t, p), grid in g.items()
            if p == period and t in ("insurance", "certificate", "burden")
        }
        assert totals["insurance"] == totals["certificate"] == totals["burden"]
        special = {a: v for (a, c), v in g[("insurance", period)].items() if c == "special_care"}
        assert special == {a: v for (a, c), v in g[("special_care", period)].items() if c == "total"}


def test_six_cases_publish_no_small_count(desk_store, tmp_path):
    """(c) A desk with 6 cases publishes no count from 1 to 4, and its hidden ones are not recoverable."""
    store = desk_store()
    for case in distinct_cases(6, seed=3):
        store.create(case)
    f = export(store, tmp_path / "six.zip")
    assert_protected(f, 5)
    assert all(c.value is None or c.value == 0 or c.value >= 5 for c in f.cells)


def test_successive_exports_cannot_be_subtracted(desk_store, tmp_path):
    """(b) The second export covers only the quarter that ended since; a case added later to an
    exported quarter is not in it, and re-issuing that quarter with one more case is refused
    (the two versions would differ by 1)."""
    store = desk_store()
    for case in distinct_cases(60, seed=2):
        store.create(case)
    first = export(store, tmp_path / "1.zip", today=date(2026, 10, 5))
    assert first.periods == ["2026Q1", "2026Q2"]
    with pytest.raises(ExportError, match="書き出し済み"):
        export_desk(store, today=date(2026, 10, 20))
    late = make_case(900, as_of=date(2026, 10, 1), first_log=date(2026, 5, 2))  # into an exported quarter
    store.create(late)
    store.create(make_case(901, as_of=date(2026, 11, 1), first_log=date(2026, 11, 1)))
    second = export(store, tmp_path / "2.zip", today=date(2027, 1, 5))
    assert second.periods == ["2026Q3"]
    assert not {c.period for c in second.cells} & {c.period for c in first.cells}
    with pytest.raises(ExportError, match="差し引き"):
        export_desk(store, today=date(2027, 1, 5), reissue=("2026Q1",))
    with pytest.raises(ExportError, match="まだ書き出していない"):
        export_desk(store, today=date(2027, 1, 5), reissue=("2025Q4",))


def test_reissue_with_enough_corrections_gets_a_new_version(desk_store, tmp_path):
    """A quarter re-issued after 5 more cases comes out whole as version 2; the merge keeps version 2."""
    store = desk_store()
    for i in range(10):
        store.create(make_case(i, as_of=date(2026, 10, 1), first_log=date(2026, 5, 1)))
    v1 = export(store, tmp_path / "1.zip")
    for i in range(10, 15):
        store.create(make_case(i, as_of=date(2026, 10, 1), first_log=date(2026, 5, 1)))
    v2 = export(store, tmp_path / "2.zip", reissue=("2026Q1",))
    assert v2.desks[0]["periods"] == {"2026Q1": 2}
    merged = merge_files([("1", v1), ("2", v2)], today=TODAY)
    total = next(
        c.value
        for c in merged.cells
        if c.table == "insurance" and c.period == "2026Q1" and c.prefecture == "計" and c.column == "total"
    )
    assert total == 15


def test_same_desk_under_two_ids_is_refused(desk_store, tmp_path):
    """(d) One database (one desk key) exported under two ids for the same quarter: the merge refuses."""
    store = desk_store()
    for case in distinct_cases(20):
        store.create(case)
    a = export(store, tmp_path / "a.zip")
    renamed = read_stats_file(tmp_path / "a.zip")  # the same database's file, its id changed
    renamed.desks = [dict(renamed.desks[0], id="osaka-2")]
    with pytest.raises(MergeError, match="二重に数える"):
        merge_files([("a", a), ("b", renamed)], today=TODAY)


def test_one_id_with_two_keys_is_refused(desk_store, tmp_path):
    """Two databases that both call themselves osaka-kita: the merge refuses."""
    files = []
    for name in ("x.db", "y.db"):
        store = desk_store(name)
        for case in distinct_cases(20):
            store.create(case)
        files.append((name, export(store, tmp_path / f"{name}.zip")))
    with pytest.raises(MergeError, match="別々の相談窓口"):
        merge_files(files, today=TODAY)


def test_export_refuses_without_desk_identity_and_k_below_5(tmp_path):
    """An export without the desk's id and name, or with k=2, is refused in Japanese."""
    with open_store(tmp_path / "bare.db") as store:
        store.create(make_case(1))
        with pytest.raises(ExportError, match="相談窓口のIDと名前"):
            export_desk(store, today=TODAY)
        store.set_desk_identity("a", "A")
        with pytest.raises(InvalidK, match="5 以上"):
            export_desk(store, today=TODAY, k=2)


def _expected(cases) -> Counter:
    """Households per (table, quarter) of the merged file, counted from the builders' own fields
    (not the tables code): all, seized, 10割負担, and the recorded relief decisions."""
    n = Counter()
    for c in cases:
        first = min([c.as_of, *(e.entry_date for e in c.log)])
        q = f"{first.year if first.month >= 4 else first.year - 1}Q{(first.month - 4) % 12 // 3 + 1}"
        for table in ("insurance", "certificate", "burden"):
            n[(table, q)] += 1
        if c.seizures:
            n[("seizure_asset", q)] += 1
            n[("seizure_protected", q)] += 1
        if c.insurance and c.insurance.status == "special_care":
            n[("special_care", q)] += 1
        for r in c.reliefs:
            n[(f"relief_{r.relief}:{r.decision}", q)] += 1
    return n


def test_merged_tables_of_three_desks_add_up_to_the_cases(desk_store, tmp_path):
    """Three desks, merged: every published grand total equals the households of its population in
    that quarter, and the relief decisions recorded in the cases are counted in their columns."""
    all_cases, files = [], []
    for d in range(3):
        store = desk_store(f"{d}.db", desk_id=f"desk-{d}", desk_name=f"相談会{d}")
        cases = distinct_cases(50, seed=10 + d, start=1000 * d)
        for i, case in enumerate(cases):
            if i % 3 == 0:
                case.reliefs = [
                    ReliefOutcome(
                        "premium_relief",
                        applied=date(2026, 6, 1),
                        decision="granted" if i % 2 else "refused",
                        decided=date(2026, 7, 1),
                    )
                ]
            store.create(case)
        all_cases += cases
        files.append((f"{d}", export(store, tmp_path / f"{d}.zip")))
    merged = merge_files(files, today=TODAY)
    assert [d["id"] for d in merged.desks] == ["desk-0", "desk-1", "desk-2"]
    assert_protected(merged, 5)
    expected = _expected(all_cases)
    checked = 0
    for c in merged.cells:
        if c.prefecture != "計" or c.value is None:
            continue
        if c.column == "total" and (c.table, c.period) in expected:
            assert c.value == expected[(c.table, c.period)], (c.table, c.period)
            checked += 1
        if c.table == "relief_premium_relief" and c.column in ("granted", "refused"):
            assert c.value == expected[(f"relief_premium_relief:{c.column}", c.period)]
            checked += 1
    assert checked >= 6  # which totals stay published depends on the complementary suppression
    published = {(c.table, c.period) for c in merged.cells if c.prefecture == "計" and c.column == "total" and c.value}
    assert {("insurance", "2026Q1"), ("insurance", "2026Q2")} & published


def test_merged_unification_table_adds_up_to_the_cases(desk_store, tmp_path):
    """Three desks, each with 5 households of 大阪市, 5 of 堺市 and 5 of 防府市 first seen in 2026Q1 (令和8年度):
    one member aged 36 with a salary of 4,000,000円, whom the unification costs 42,743円 a year in 大阪市
    (worked out in test_cells: band 3万〜5万円未満高い). Merged, the 大阪府統一 table counts the 30 households of
    大阪府 (防府市 is not in it): 15 in 大阪市's row in that band, 15 in 堺市's row as 未登録 (堺市's rates before
    the unification are not in the data), and the total row says the same."""
    towns = [("大阪市", "大阪府大阪市北区"), ("堺市", "大阪府堺市堺区"), ("防府市", "山口県防府市")]
    files = []
    for d in range(3):
        store = desk_store(f"{d}.db", desk_id=f"desk-{d}", desk_name=f"相談会{d}")
        for i in range(15):
            town, address = towns[i % 3]
            store.create(
                make_case(
                    1000 * d + i,
                    municipality=town,
                    address=address,
                    birth=date(1990, 5, 17),
                    salary=4_000_000,
                    as_of=date(2026, 10, 1),
                    first_log=date(2026, 5, 1 + i),
                )
            )
        files.append((f"{d}", export(store, tmp_path / f"{d}.zip")))
    merged = merge_files(files, today=TODAY)
    assert_protected(merged, 5)
    table = {
        (c.municipality or c.prefecture, c.column): c.value
        for c in merged.cells
        if c.table == "unification" and c.period == "2026Q1"
    }
    assert {key: v for key, v in table.items() if v} == {
        ("大阪市", "b2"): 15,
        ("大阪市", "total"): 15,
        ("堺市", "no_own"): 15,
        ("堺市", "total"): 15,
        ("計", "b2"): 15,
        ("計", "no_own"): 15,
        ("計", "total"): 30,
    }
    assert ("防府市", "total") not in table or table[("防府市", "total")] == 0


def test_no_name_address_or_text_leaves_the_desk(desk_store, tmp_path):
    """Canary: no marker (names, kana, address, notes, log, outcome text), postal code or phone in any file of the zip."""
    store = desk_store()
    cases = distinct_cases(40)
    for case in cases:
        store.create(case)
    out = tmp_path / "c.zip"
    export(store, out)
    with zipfile.ZipFile(out) as z:
        text = "".join(z.read(name).decode("utf-8-sig") for name in z.namelist())
    assert MARKER not in text
    for i in range(40):
        assert postal_code(i) not in text and phone(i) not in text
    assert "大阪市北区" not in text  # the address is read for the prefecture only


def test_office_opens_the_csv_in_excel(desk_store, tmp_path):
    """Each table is a CSV with a BOM and Japanese headings; data.json names the desk; no file is overwritten."""
    store = desk_store()
    for case in distinct_cases(30):
        store.create(case)
    out = tmp_path / "o.zip"
    export(store, out)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        table = z.read("02_資格の状態（相談世帯）.csv")
        data = json.loads(z.read("data.json"))
    assert "00_概要.csv" in names and "01_項目の説明.csv" in names
    assert table.startswith(b"\xef\xbb\xbf")
    header = table.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:4] == ["年度・四半期", "都道府県", "市区町村", "全国地方公共団体コード"]
    assert header[-1] == "計" and "特別療養費（10割負担）" in header
    assert data["desks"][0]["id"] == "osaka-kita"
    with pytest.raises(OutputError, match="もうあります"):
        write_output(out, b"")


def test_a_changed_case_is_counted_anew(desk_store, policy):
    """The counted cells kept beside a judgement go with it when the case changes: the next count sees the change."""
    from kokuho_desk.stats.counted import counted_cases, decode

    store = desk_store()
    case_id = store.create(make_case(1, as_of=date(2026, 6, 1), insurance="certificate"))
    (text,) = counted_cases(store, policy)
    assert ("insurance", "certificate") in decode(text)[2]
    assert counted_cases(store, policy) == {text: 1}  # kept: read back as is
    case = store.get(case_id)
    case.insurance.status = "special_care"
    store.update(case_id, case)
    (text,) = counted_cases(store, policy)
    assert ("insurance", "special_care") in decode(text)[2]


def test_judging_a_case_keeps_what_it_counts_for(desk_store, policy):
    """Judging keeps the counted cells beside the judgement (the export reads them instead of the case);
    the export then counts the case from them, and the next save removes both."""
    from kokuho_desk.stats.counted import counted_cases, decode, record_judged
    from kokuho_desk.stats.verdicts import judge

    store = desk_store()
    case_id = store.create(make_case(1, as_of=date(2026, 6, 1), first_log=date(2026, 5, 7), insurance="special_care"))
    case = store.get(case_id)
    assert record_judged(store, [(case_id, case, judge(case))]) == 1
    (text,) = [r[0] for r in store._db.execute("SELECT stats FROM judgements WHERE case_id = ?", [case_id])]
    quarter, area, cells = decode(text)
    assert (quarter.key, area.municipality) == ("2026Q1", "大阪市")
    assert ("insurance", "special_care") in cells
    assert counted_cases(store, policy) == {text: 1}
    store.update(case_id, case)
    assert not list(store._db.execute("SELECT stats FROM judgements WHERE case_id = ?", [case_id]))


def test_counted_in_parts_counts_the_same(desk_store, policy):
    """Ensure the texts handed on a few distinct at a time (as the export folds them, so memory stays
    flat) add up to the same counts as all texts at once, and fold into the same cell counts."""

    from kokuho_desk.stats.counted import counted_batches, counted_cases
    from kokuho_desk.stats.counts import Counts
    from kokuho_desk.stats.periods import Quarter

    store = desk_store()
    rng = random.Random(3)
    for i in range(24):
        store.create(
            make_case(
                i,
                municipality=rng.choice(["大阪市", "堺市", "足立区"]),
                first_log=date(2025, rng.randint(4, 12), 1),
                members=rng.randint(1, 4),
                seized=rng.choice([None, "salary", "deposit"]),
            )
        )
    whole = counted_cases(store, policy)
    parts = list(counted_batches(store, policy, distinct=3))
    assert len(parts) > 2 and all(len(p) <= 3 for p in parts)
    assert sum(parts, Counter()) == whole and sum(whole.values()) == 24
    last = Quarter.of(TODAY)
    folded = Counts({}, last)
    for p in parts:
        folded.add(p)
    at_once = Counts(whole, last)
    assert folded.counter and folded.counter == at_once.counter and folded.periods == at_once.periods
