"""Where the program may write a file the user named (a letter, a case file, statistics).

``check_output(path, protect=[db], overwrite=…)`` refuses, with a Japanese message
(OutputRefused):

- the database itself, its WAL/-shm files or anything in its backups folder;
- a symbolic link (the file written would be elsewhere than the name says);
- an existing file when ``overwrite`` is False (statistics are never replaced silently).

``write_output`` checks, then writes without following a link (O_NOFOLLOW where the
system has it) a new file readable by the user only (0600 on POSIX).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

PRIVATE_FILE_MODE = 0o600


class OutputRefused(ValueError):
    """The output path is not safe to write; str(e) is the Japanese message."""


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _protected(db: Path) -> list[Path]:
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


def check_output(path: str | Path, *, protect: Iterable[Path] = (), overwrite: bool = True) -> Path:
    """The output path if it is safe to write; OutputRefused otherwise (see the module's docstring)."""
    path = Path(path)
    if path.is_symlink():
        raise OutputRefused(f"リンク（シンボリックリンク）には書き出しません。別の名前を指定してください: {path}")
    target = path.resolve()
    for db in protect:
        db = Path(db)
        if any(target == p.resolve() or _same(path, p) for p in _protected(db)):
            raise OutputRefused(f"データベースのファイルには書き出せません。別の名前を指定してください: {path}")
        if (db.parent / "backups").resolve() in target.parents:
            raise OutputRefused(f"バックアップのフォルダには書き出せません。別の場所を指定してください: {path}")
    if not overwrite and path.exists():
        raise OutputRefused(f"そのファイルはもうあります。上書きしないので、別の名前を指定してください: {path}")
    return path


def write_output(path: str | Path, data: bytes, *, protect: Iterable[Path] = (), overwrite: bool = True) -> Path:
    """Write ``data`` to a checked output path: no link followed, mode 0600 for a new file; OSError as usual."""
    path = check_output(path, protect=protect, overwrite=overwrite)
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    flags |= os.O_TRUNC if overwrite else os.O_EXCL
    fd = os.open(path, flags, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path
