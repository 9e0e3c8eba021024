"""Writing an output file of the statistics: the one place that creates one. Never overwrites,
never follows a link, user-only permissions (kokuho_desk.safe_output)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kokuho_desk.safe_output import OutputRefused
from kokuho_desk.safe_output import write_output as write_safely


class OutputError(OSError):
    """The file cannot be written; str(e) is the Japanese message."""


def write_output(path: Path, data: bytes, *, protect: Iterable[Path] = ()) -> Path:
    try:
        return write_safely(path, data, protect=protect, overwrite=False)
    except OutputRefused as e:
        raise OutputError(str(e)) from None
    except OSError as e:
        raise OutputError(f"書き出せませんでした: {path}（{e.strerror}）") from None
