"""Japanese substring search over cases: what is indexed and how a query runs.

Both sides go through ``search_key`` (NFKC: 全角英数→半角, 半角ｶﾅ→全角; lower case;
ひらがな→カタカナ), so 「１丁目」 finds 「1丁目」 and 「やまだ」 finds 「ヤマダ」. Names
and kana are indexed without their spaces: the query is split on whitespace and every
term must match, so 「山田 太郎」 and 「山田太郎」 both find 山田 太郎.

Terms of 3+ characters use the FTS5 trigram index over all searchable text (names,
kana, address, notes, log notes), quoted so that ``-``, ``*``, ``"`` or ``AND`` are plain
text. The trigram index matches nothing under 3 characters (and Japanese surnames are
often 1–2), so shorter terms run as an escaped LIKE on the base table — over
``cases.name_key`` (names, kana and address: short rows, a fast scan), never on the FTS
table (SQLite 3.40 returns nothing for multi-byte LIKE there; ../shared/reference/stack.md §4).
A 1–2 character term therefore finds names and addresses, not words in the notes.
Results come newest case first (by id), which lets the index stop at the first page.
"""

from __future__ import annotations

from dataclasses import dataclass

from kokuho_desk.model.case import Case
from kokuho_desk.model.normalize import nfkc

TRIGRAM = 3
_HIRAGANA_TO_KATAKANA = {c: c + 0x60 for c in range(ord("ぁ"), ord("ゖ") + 1)}


def search_key(text: str) -> str:
    return nfkc(text).lower().translate(_HIRAGANA_TO_KATAKANA)


def reading_key(kana: str) -> str:
    """A name reading compared as search compares it, and without spaces: 「やまだ　たろう」 = 「ヤマダタロウ」."""
    return "".join(search_key(kana).split())


def _join(parts: list[str | None]) -> str:
    return search_key("\n".join(p for p in parts if p))


def case_name_key(case: Case) -> str:
    """Names and kana (without spaces), address and postal code: what short terms search."""
    parts: list[str | None] = [v.replace(" ", "") for m in case.members for v in (m.name, m.kana) if v]
    if case.contact:
        parts += [case.contact.address, case.contact.postal_code]
    return _join(parts)


def case_search_text(case: Case) -> str:
    """Everything search looks through: the name key, municipality, notes, log notes."""
    parts: list[str | None] = [case_name_key(case), case.notes, case.municipality]
    if case.hardship:
        parts.append(case.hardship.description)
    if case.medical:
        parts.append(case.medical.note)
    parts += [e.note for e in case.enforcement]
    parts += [text for entry in case.log for text in (entry.note, entry.next_action)]
    return _join(parts)


def fts_phrase(terms: list[str]) -> str:
    """An FTS5 MATCH expression: each term a quoted string, all required."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def like_pattern(term: str) -> str:
    """``%term%`` with LIKE's own wildcards escaped (ESCAPE '\\')."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class SearchPlan:
    """The FROM clause (with ``cases c``), the conditions that must all hold, and the order."""

    source: str
    conditions: list[str]
    params: list[str]
    order_by: str


def plan(query: str) -> SearchPlan | None:
    """How to run ``query``; None when it has no terms."""
    terms = search_key(query).split()
    if not terms:
        return None
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    conditions = ["c.name_key LIKE ? ESCAPE '\\'"] * len(short_terms)
    params = [like_pattern(t) for t in short_terms]
    if not long_terms:
        return SearchPlan("cases c", conditions, params, "c.id DESC")
    return SearchPlan(
        "cases_fts f JOIN cases c ON c.id = f.rowid",
        ["cases_fts MATCH ?", *conditions],
        [fts_phrase(long_terms), *params],
        "f.rowid DESC",
    )
