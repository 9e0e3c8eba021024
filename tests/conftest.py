"""Shared fixtures. Qt runs offscreen unless a display is asked for explicitly."""

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Subcommands refuse to create a plain database; tests of other things use plain temporary ones
# (the encrypted path has its own tests in tests/security).
os.environ.setdefault("KOKUHO_DESK_NO_ENCRYPTION", "1")
# The parsed law cache of this run (and its subprocesses) in a folder of its own, never the user's.
if "KOKUHO_DESK_CACHE_DIR" not in os.environ:
    os.environ["KOKUHO_DESK_CACHE_DIR"] = tempfile.mkdtemp(prefix="kokuho-desk-test-cache-")
    atexit.register(shutil.rmtree, os.environ["KOKUHO_DESK_CACHE_DIR"], True)

import pytest

REPO = Path(__file__).resolve().parent.parent
# The worked examples the tests rely on live in the repository (tests/data/examples, with their
# sources inside each file), so a clone alone passes. A sibling ../shared/examples, where a desk
# or CI has one, adds whatever it holds beyond them.
EXAMPLES = REPO / "tests" / "data" / "examples"
SHARED_EXAMPLES = REPO.parent / "shared" / "examples"


def example_files(kind: str = "premium") -> list[Path]:
    """The in-repository examples of `kind`, plus each shared one that is new or differs from ours."""
    ours = {p.name: p for p in sorted((EXAMPLES / kind).glob("*.json"))}
    extra = [
        p
        for p in sorted((SHARED_EXAMPLES / kind).glob("*.json"))
        if p.name not in ours or p.read_bytes() != ours[p.name].read_bytes()
    ]
    return [*ours.values(), *extra]


def example_path(example_id: str, kind: str = "premium") -> Path:
    """An in-repository worked example by id."""
    return EXAMPLES / kind / f"{example_id}.json"


@pytest.fixture
def example_case_dict():
    """A fresh copy of a worked example's case dict, by id."""

    def load(example_id: str) -> dict:
        return json.loads(example_path(example_id).read_text(encoding="utf-8"))["case"]

    return load
