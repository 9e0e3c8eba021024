"""Shared fixtures. Qt runs offscreen unless a display is asked for explicitly."""

import json
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Subcommands refuse to create a plain database; tests of other things use plain temporary ones
# (the encrypted path has its own tests in tests/security).
os.environ.setdefault("KOKUHO_DESK_NO_ENCRYPTION", "1")

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLES = SHARED / "examples"


def example_files(kind: str = "premium") -> list[Path]:
    return sorted((EXAMPLES / kind).glob("*.json"))


@pytest.fixture
def example_case_dict():
    """A fresh copy of a shared worked example's case dict, by id."""

    def load(example_id: str) -> dict:
        return json.loads((EXAMPLES / "premium" / f"{example_id}.json").read_text(encoding="utf-8"))["case"]

    return load
