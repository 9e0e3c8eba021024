"""Free text → a fixed category: the 相談内容 (topics) and the outcome of a case.

Only the category label is exported, never the text it came from. The categories and
their keywords are policy data (resources/stats/policy.toml).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from kokuho_desk.stats.policy import Category, Policy

OTHER = "その他"
OPEN = "継続中"
NOT_RECORDED = "未記入"


def _match(text: str, categories: tuple[Category, ...]) -> str:
    text = unicodedata.normalize("NFKC", text)
    return next((c.label for c in categories if any(k in text for k in c.keywords)), OTHER)


def topic_categories(topics: Iterable[str], policy: Policy) -> tuple[str, ...]:
    """The distinct categories of a case's topics, in the policy's order (その他 last)."""
    found = {_match(t, policy.topics) for t in topics if t and t.strip()}
    order = [c.label for c in policy.topics] + [OTHER]
    return tuple(label for label in order if label in found)


def outcome_category(status: str, outcome: str | None, policy: Policy) -> str:
    """継続中 for an open case, 未記入 for a closed one without an outcome, else its category."""
    if status != "closed":
        return OPEN
    if not outcome or not outcome.strip():
        return NOT_RECORDED
    return _match(outcome, policy.outcomes)


def relief_labels(policy: Policy) -> tuple[str, ...]:
    """The outcome categories that count as a relief obtained (救済の成果)."""
    return tuple(c.label for c in policy.outcomes if c.relief)
