"""Sources as a volunteer reads them: the law data cites our research notes and transcriptions
(「relief.md §3, verified-primary」, 「… jutaku_limit.json の転記」) for the engineers; what the
window shows keeps the public page and the article and drops those notes."""

from __future__ import annotations

import re

# A bracketed note that names one of our reference documents, a data file or a confidence mark.
_INTERNAL_NOTE = re.compile(r"\s*[（(][^（）()]*(?:\.md\b|\.json\b|verified-|unverified|の転記)[^（）()]*[)）]")
# The same notes where they stand unbracketed after a semicolon or at the end.
_LOOSE_NOTE = re.compile(r"[;；、]?\s*\b[\w-]+\.md\s*§[\w.\- ,§]*(?:item \d+)?|\bverified-(?:primary|secondary)\b")


# A clause (between semicolons) that only says which transcription a figure was taken from.
_TRANSCRIPTION = re.compile(r"\.json\b|\bdata/|の転記|Ailiber")


def for_volunteers(text: str) -> str:
    """``text`` without the notes meant for the engineers."""
    text = _INTERNAL_NOTE.sub("", text)
    text = _LOOSE_NOTE.sub("", text)
    clauses = [c.strip() for c in re.split(r"\s*[;；]\s*", text)]
    text = "; ".join(c for c in clauses if c and not _TRANSCRIPTION.search(c))
    return re.sub(r"\s{2,}", " ", text).strip(" ;；、")


def split_basis(basis: list[str]) -> tuple[list[str], list[str]]:
    """The articles and notices a verdict rests on (one line on a card), and the sources behind
    them (「出典: …」, opened on demand), each cleaned for volunteers."""
    articles, sources = [], []
    for item in basis:
        if item.startswith("出典"):
            sources.append(for_volunteers(item.removeprefix("出典:").removeprefix("出典：").strip()))
        else:
            articles.append(for_volunteers(item))
    return [a for a in articles if a], [s for s in sources if s]
