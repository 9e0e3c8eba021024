"""Search: trigram MATCH for terms of 3+ characters, escaped LIKE for 1–2, NFKC and kana folding."""

import pytest

from kokuho_desk.store.search import fts_phrase, like_pattern, search_key
from tests.store.conftest import make_case


@pytest.fixture
def cases(store):
    """A handful of cases with names, kana, addresses and notes."""
    ids = {
        "yamada": store.create(
            make_case(
                "山田 太郎", "ヤマダ タロウ", address="大阪府大阪市北区梅田1丁目2-3", notes="給与の差押えについて相談"
            )
        ),
        "hayashi": store.create(make_case("林 花子", "はやし はなこ", address="山口県防府市見本町5-10")),
        "nguyen": store.create(
            make_case(
                "グエン・ヴァン・ミホン",
                "グエン ヴァン ミホン",
                address='東京都架空区例町3-1 サンプル荘_101 "南"棟*2 50%',
                notes='在留カードあり。100%の負担は困難、_下線_と"引用"と*印',
            )
        ),
        "yamamoto": store.create(
            make_case("山本 一", "ヤマモト ハジメ", address="大阪府堺市見本区1-1 A-1号室 K2棟", notes="社宅に住む")
        ),
    }
    return ids


def _ids(results):
    return sorted(s.id for s in results)


def test_surname_finds_full_name(store, cases):
    """Ensure 山田 (2 characters, LIKE) finds 山田 太郎 and only him."""
    assert _ids(store.search("山田")) == [cases["yamada"]]


def test_one_character_term_works(store, cases):
    """Ensure a 1-character query (林) finds by LIKE on the base table."""
    assert _ids(store.search("林")) == [cases["hayashi"]]
    assert _ids(store.search("山")) == sorted([cases["yamada"], cases["hayashi"], cases["yamamoto"]])


def test_full_name_with_or_without_space(store, cases):
    """Ensure 山田 太郎, 山田太郎 and 山田　太郎 (full-width space) all find the case."""
    for q in ("山田 太郎", "山田太郎", "山田　太郎"):
        assert _ids(store.search(q)) == [cases["yamada"]], q


def test_kana_search_katakana_and_hiragana(store, cases):
    """Ensure kana queries find by kana in either script and in half-width katakana."""
    assert _ids(store.search("ヤマダ")) == [cases["yamada"]]
    assert _ids(store.search("やまだ")) == [cases["yamada"]]
    assert _ids(store.search("ﾔﾏﾀﾞ")) == [cases["yamada"]]
    assert _ids(store.search("ハヤシ")) == [cases["hayashi"]]


def test_full_width_digits_and_letters_match_half_width(store, cases):
    """Ensure ＮＦＫＣ: 梅田１丁目 finds 梅田1丁目 and ａ－１ finds A-1."""
    assert _ids(store.search("梅田１丁目")) == [cases["yamada"]]
    assert _ids(store.search("ａ－１")) == [cases["yamamoto"]]


def test_all_terms_must_match_mixing_short_and_long(store, cases):
    """Ensure every term must match: 3+ char terms by MATCH, short ones by LIKE, together."""
    assert _ids(store.search("大阪府 山田")) == [cases["yamada"]]
    assert _ids(store.search("差押え 山")) == [cases["yamada"]]
    assert _ids(store.search("差押え 林")) == []
    assert _ids(store.search("見本 大阪府")) == [cases["yamamoto"]]


def test_notes_and_address_are_searched(store, cases):
    """Ensure notes and address text are found, and 1–2 character terms look at names and address only."""
    assert _ids(store.search("在留カード")) == [cases["nguyen"]]
    assert _ids(store.search("防府市")) == [cases["hayashi"]]
    assert _ids(store.search("社宅")) == []
    assert _ids(store.search("社宅に")) == [cases["yamamoto"]]


def test_results_come_newest_case_first(store, cases):
    """Ensure search results are ordered newest case first, by both query paths."""
    assert [s.id for s in store.search("大阪府")] == [cases["yamamoto"], cases["yamada"]]
    assert [s.id for s in store.search("大阪")] == [cases["yamamoto"], cases["yamada"]]


@pytest.mark.parametrize(
    "query, who",
    [
        ("A-1", "yamamoto"),
        ("-1号", "yamamoto"),
        ("K2", "yamamoto"),
        ("100%", "nguyen"),
        ("%", "nguyen"),
        ("_", "nguyen"),
        ("_下線_", "nguyen"),
        ('"引用"', "nguyen"),
        ('"', "nguyen"),
        ("*2", "nguyen"),
        ("と*印", "nguyen"),
        ("*", "nguyen"),
        ("ヴァン・ミホン", "nguyen"),
        ('"南"棟', "nguyen"),
    ],
)
def test_special_characters_are_plain_text(store, cases, query, who):
    """Ensure -, *, ", % and _ in a query are matched literally, never as syntax or wildcards."""
    assert _ids(store.search(query)) == [cases[who]]


@pytest.mark.parametrize("query", ["AND", "OR NOT", "NEAR(山田)", "col:山田", "^山田", "\\", "'; DROP TABLE cases; --"])
def test_query_syntax_words_do_not_crash(store, cases, query):
    """Ensure FTS5 operators and SQL fragments in a query are plain text and find nothing here."""
    assert store.search(query) == []
    assert store.count() == 4


def test_empty_query_finds_nothing(store, cases):
    """Ensure a blank query returns no rows rather than everything."""
    assert store.search("") == [] and store.search(" 　 ") == []


def test_search_status_filter_paging_and_update(store, cases):
    """Ensure search honours status and paging, and sees updated text (the index follows saves)."""
    store.close_case(cases["yamamoto"], "解決")
    assert _ids(store.search("大阪府", status="open")) == [cases["yamada"]]
    assert _ids(store.search("大阪府", status="closed")) == [cases["yamamoto"]]
    assert len(store.search("見本", limit=1)) == 1
    assert _ids(store.search("見本", limit=1, offset=1)) + _ids(store.search("見本", limit=1)) == _ids(
        store.search("見本")
    )
    store.update(cases["hayashi"], make_case("林 花子", "ハヤシ ハナコ", notes="新しいメモ：年金の差押え"))
    assert _ids(store.search("年金の差押え")) == [cases["hayashi"]]
    assert _ids(store.search("防府市")) == []


def test_helpers_normalise_and_escape():
    """Ensure search_key folds width, case and hiragana, and the FTS and LIKE quoting escape syntax."""
    assert search_key("ＡＢＣ　やまだ ﾀﾛｳ") == "abc ヤマダ タロウ"
    assert fts_phrase(['a"b', "山田太"]) == '"a""b" "山田太"'
    assert like_pattern("10%_\\") == "%10\\%\\_\\\\%"


def test_same_person_matches_the_reading_as_search_does_and_the_birth_date(store):
    """Ensure a head read 「やまだ　たろう」 born 1970-05-01 finds the closed case of 「ヤマダ タロウ」 born that day,
    not one born another day nor one with another reading."""
    from dataclasses import replace
    from datetime import date

    same = store.create(make_case("山田 太郎", "ヤマダ タロウ", status="closed"))
    other_day = make_case("山田 太郎", "ヤマダ タロウ")
    other_day = replace(other_day, members=[replace(other_day.members[0], birth_date=date(1971, 5, 1))])
    store.create(other_day)
    store.create(make_case("山田 次郎", "ヤマダ ジロウ"))
    found = store.same_person("やまだ　たろう", date(1970, 5, 1))
    assert [(s.id, s.status) for s in found] == [(same, "closed")]
    assert store.same_person("ﾔﾏﾀﾞﾀﾛｳ", date(1970, 5, 1))[0].id == same
    assert store.same_person("　", date(1970, 5, 1)) == []
