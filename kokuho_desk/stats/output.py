"""Writing an output file of the statistics: the one place that creates one (so that a safer
writer can replace it). Never overwrites: an existing file is refused."""

from __future__ import annotations

from pathlib import Path


class OutputError(OSError):
    """The file cannot be written; str(e) is the Japanese message."""


def write_output(path: Path, data: bytes) -> Path:
    if path.is_symlink() or path.exists():
        raise OutputError(f"同じ名前のファイルがすでにあります。別の名前にしてください: {path}")
    try:
        with open(path, "xb") as f:
            f.write(data)
    except OSError as e:
        raise OutputError(f"書き出せませんでした: {path}（{e.strerror}）") from None
    return path
