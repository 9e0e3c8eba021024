"""How hard a new passphrase is to guess: zxcvbn's score (0–4), in Japanese, with a verdict.

zxcvbn (Dropbox's estimator, PyPI ``zxcvbn``) rates a passphrase by what an attacker
tries first: common passwords, words, dates, repeats (``aaaa…``), keyboard rows,
sequences. Score 0–1 → refused (``password1234``, ``aaaaaaaaaaaaaaaa``), 2 → allowed
with a warning, 3–4 → 「強い」. Used by the window's passphrase dialog and the
subcommands whenever a passphrase is set. The demo database's passphrase ``demo``
is made by ``kokuho-desk demo`` without this check: that database holds only
fictitious cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from zxcvbn import zxcvbn

REFUSE_BELOW = 2  # scores 0 and 1
WARN_BELOW = 3  # score 2
# Words an attacker would try first for this program.
_PROGRAM_WORDS = ["kokuho", "kokuho-desk", "国保", "国保デスク", "desk", "passphrase", "パスフレーズ"]


@dataclass(frozen=True)
class Strength:
    """How hard a passphrase is to guess, with the message to show the user."""

    score: int  # zxcvbn: 0 (guessed at once) … 4 (very hard)
    message: str  # Japanese, for the user

    @property
    def refused(self) -> bool:
        return self.score < REFUSE_BELOW

    @property
    def weak(self) -> bool:
        return self.score < WARN_BELOW


def assess(passphrase: str) -> Strength:
    """The strength of ``passphrase`` and what to tell the user."""
    score = int(zxcvbn(passphrase[:100], user_inputs=_PROGRAM_WORDS)["score"]) if passphrase else 0
    if score < REFUSE_BELOW:
        message = (
            "弱すぎるため使えません。よく使われる言葉・同じ文字の繰り返し・数字の並びは"
            "すぐに見破られます。言葉をいくつか組み合わせて長くしてください"
        )
    elif score < WARN_BELOW:
        message = "使えますが、見破られやすいパスフレーズです。言葉をもう一つ二つ足すと安全です"
    else:
        message = "強いパスフレーズです"
    return Strength(score, message)
