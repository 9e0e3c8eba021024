"""Free text → a fixed category: the 相談内容 (topics) and the outcome of a case.

Only the category label is exported, never the text it came from. The categories and
their keywords are policy data (resources/stats/policy.toml).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from kokuho_desk.stats.policy import Category, Policy

OTHER = "その他"
OPEN = "継続中"
NOT_RECORDED = "未記入"


@cache
def _matcher(policy: Policy, kind: str) -> tuple[tuple[Category, ...], re.Pattern, dict[str, int]]:
    """The policy's categories of one kind (topics | outcomes), one regex finding every keyword at every position (a lookahead, so overlapping
    keywords are all seen), and each keyword's category index; the earlier category
    is listed first, so it wins when two keywords start at the same place."""
    categories = getattr(policy, kind)
    index = {}
    for i, c in enumerate(categories):
        for k in c.keywords:
            index.setdefault(k, i)
    keywords = sorted(index, key=lambda k: (index[k], -len(k)))
    return categories, re.compile("(?=(" + "|".join(map(re.escape, keywords)) + "))"), index


@lru_cache(maxsize=65536)  # desks repeat the same topics and outcome phrases
def _match(text: str, policy: Policy, kind: str) -> str:
    categories, pattern, index = _matcher(policy, kind)
    found = [index[k] for k in pattern.findall(unicodedata.normalize("NFKC", text))]
    return categories[min(found)].label if found else OTHER


@lru_cache(maxsize=4096)
def topic_categories(topics: tuple[str, ...], policy: Policy) -> tuple[str, ...]:
    """The distinct categories of a case's topics, in the policy's order (その他 last)."""
    found = {_match(t, policy, "topics") for t in topics if t and t.strip()}
    order = [c.label for c in policy.topics] + [OTHER]
    return tuple(label for label in order if label in found)


def outcome_category(status: str, outcome: str | None, policy: Policy) -> str:
    """継続中 for an open case, 未記入 for a closed one without an outcome, else its category."""
    if status != "closed":
        return OPEN
    if not outcome or not outcome.strip():
        return NOT_RECORDED
    return _match(outcome, policy, "outcomes")


def relief_labels(policy: Policy) -> tuple[str, ...]:
    """The outcome categories that count as a relief obtained (救済の成果)."""
    return tuple(c.label for c in policy.outcomes if c.relief)
