"""The audit log's hash chain: each entry holds the SHA-256 of its own content and of the entry before.

An entry's hash covers (at, user, action, case_id, detail, prev_hash) as canonical JSON, so
changing, deleting or reordering any entry breaks the chain from there on; ``verify`` walks
the entries in id order and names the first one that does not fit. Ids are never reused
(AUTOINCREMENT) and triggers refuse UPDATE, DELETE and an INSERT over an existing id
(``INSERT OR REPLACE``): see migration 0007.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64  # the prev_hash of the first entry


def entry_hash(at: object, user: object, action: object, case_id: object, detail: object, prev_hash: str) -> str:
    content = json.dumps([at, user, action, case_id, detail, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first entry that does not fit the chain; str() is the Japanese explanation."""

    entry_id: int
    reason: str

    def __str__(self) -> str:
        return f"操作記録の番号 {self.entry_id} で記録のつながりが切れています（{self.reason}）。この記録以降は書き換えられた可能性があります。"


def verify(rows: Iterable[tuple]) -> ChainBreak | None:
    """Check rows (id, at, user, action, case_id, detail, prev_hash, hash) in id order; the first break or None."""
    previous = GENESIS
    for row in rows:
        entry_id, at, user, action, case_id, detail, prev_hash, own = row
        if prev_hash != previous:
            return ChainBreak(entry_id, "前の記録が削除・変更されたか、順序が入れ替わっています")
        try:
            expected = entry_hash(at, user, action, case_id, detail, prev_hash)
        except (TypeError, ValueError):
            expected = None
        if own != expected:
            return ChainBreak(entry_id, "この記録の内容が書き換えられています")
        previous = own
    return None
