"""Japanese substring search over cases: the search text and the query.

Both sides go through ``search_key`` (NFKC: 全角英数→半角, 半角ｶﾅ→全角; lower case;
ひらがな→カタカナ), so 「１丁目」 finds 「1丁目」 and 「やまだ」 finds 「ヤマダ」.
A query is split on whitespace and every term must match. The FTS5 trigram index
matches nothing for terms under 3 characters (Japanese surnames are often 1–2), so
those run as an escaped LIKE on the base table instead — never on the FTS table
(SQLite 3.40 returns nothing for multi-byte LIKE there; ../shared/reference/stack.md §4).
Terms are quoted as FTS5 strings, so ``-``, ``*``, ``"`` or ``AND`` are plain text.
"""

from __future__ import annotations

from kokuho_desk.model.case import Case
from kokuho_desk.model.normalize import nfkc

TRIGRAM = 3
_HIRAGANA_TO_KATAKANA = {c: c + 0x60 for c in range(ord("ぁ"), ord("ゖ") + 1)}


def search_key(text: str) -> str:
    return nfkc(text).lower().translate(_HIRAGANA_TO_KATAKANA)


def case_search_text(case: Case) -> str:
    """What search looks through: names (also without spaces), kana, address, notes, log notes."""
    parts: list[str] = []
    for m in case.members:
        for value in (m.name, m.kana):
            if value:
                parts += [value, value.replace(" ", "")]
    if case.contact:
        parts += [case.contact.address or "", case.contact.postal_code or ""]
    parts += [case.notes or "", case.municipality or ""]
    if case.hardship:
        parts.append(case.hardship.description or "")
    if case.medical:
        parts.append(case.medical.note or "")
    parts += [e.note or "" for e in case.enforcement]
    for entry in case.log:
        parts += [entry.note or "", entry.next_action or ""]
    return search_key("\n".join(p for p in parts if p))


def query_terms(query: str) -> list[str]:
    return search_key(query).split()


def fts_phrase(terms: list[str]) -> str:
    """An FTS5 MATCH expression: each term a quoted string, all required."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def like_pattern(term: str) -> str:
    """``%term%`` with LIKE's own wildcards escaped (ESCAPE '\\')."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def match_conditions(query: str) -> tuple[list[str], list[str]] | None:
    """SQL conditions on ``cases c`` (all must hold) and their parameters; None for an empty query."""
    terms = query_terms(query)
    if not terms:
        return None
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    conditions: list[str] = []
    params: list[str] = []
    if long_terms:
        conditions.append("c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)")
        params.append(fts_phrase(long_terms))
    for t in short_terms:
        conditions.append("c.search_text LIKE ? ESCAPE '\\'")
        params.append(like_pattern(t))
    return conditions, params
