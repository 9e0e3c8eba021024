"""Free text → a fixed category: the 相談内容 (topics) and the outcome of a case.

Only the category label is exported, never the text it came from. The categories and
their keywords are policy data (resources/stats/policy.toml).
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from kokuho_desk.stats.policy import Policy

OTHER = "その他"
OPEN = "継続中"
NOT_RECORDED = "未記入"


@cache
def _keywords(policy: Policy, kind: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(label, keywords) of the policy's categories of one kind (topics | outcomes), in order."""
    return tuple((c.label, c.keywords) for c in getattr(policy, kind))


@lru_cache(maxsize=65536)  # desks repeat the same topics and outcome phrases
def _match(text: str, policy: Policy, kind: str) -> str:
    """The first category, in the policy's order, with a keyword anywhere in the text (NFKC), else その他.

    Listed first wins wherever the keywords stand: 「減免は認められなかった」 is 不成立, not 減免."""
    text = unicodedata.normalize("NFKC", text)
    for label, keywords in _keywords(policy, kind):
        for keyword in keywords:
            if keyword in text:
                return label
    return OTHER


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
