"""Data files parsed once: the validated result kept as plain data, keyed by a hash of the files.

Parsing TOML is slow: the law's files took a ``kokuho-desk check`` longer than all its judging, the
master list and the rate profiles longer still. The parsed (for the law: also validated) result is
kept in the user's cache folder (paths.cache_dir) and reused by every process — the CLI, the window
and the worker processes of a rescreen — until a file changes.

- The key is a BLAKE2b-256 digest of the loader's version, the app's and Python's versions and every source
  file's relative path and bytes: editing, adding, removing or renaming a file rebuilds the cache.
- The form is ``marshal`` of plain data only (str, int, float, bool, None, list, dict, tuple);
  ``marshal.loads`` builds values and never runs code, unlike pickle. Dates are tagged tuples.
  (dataclass_code.py alone keeps code objects here, for the ``check`` process: see there.)
- A cache file that is unreadable, of another key or damaged (its payload carries its own BLAKE2b digest:
  a flipped bit is never read as another figure) is ignored and replaced; it is
  written to a temporary file and renamed into place, so a reader never sees half a file; a
  cache folder that cannot be written (read-only, full disk) just means parsing every time.
"""

from __future__ import annotations

import marshal
import os
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from kokuho_desk import __version__, paths

try:  # BLAKE2 as hashlib gives it (hashlib.blake2b is this function) without importing hashlib, which loads
    from _blake2 import blake2b  # OpenSSL for its other hashes: ~2.5 ms of every `kokuho-desk check`
except ImportError:  # a Python without that built-in module: the same function through hashlib
    from hashlib import blake2b

_TAGGED = "tagged"  # a value holding dates or times: ("tagged", encoded value); plain data has no tuples


class TomlFileError(ValueError):
    """A file toml_files could not read; the caller words the message for its data."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file, self.reason = file, reason


def read_sources(root: Path, *, recursive: bool = True) -> dict[str, bytes]:
    """Every *.toml file under root (and its subfolders, if recursive), by relative POSIX path, in path
    order. Walked with os.scandir: Path.rglob took three times as long (a third of a check's loading)."""
    found: list[tuple[list[str], str]] = []  # (the relative path's parts, the file)

    def walk(folder: str, parts: list[str]) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".toml") and entry.is_file():
                    found.append(([*parts, entry.name], entry.path))
                elif recursive and entry.is_dir():
                    walk(entry.path, [*parts, entry.name])

    walk(os.fspath(root), [])
    found.sort()  # by parts, as Paths sort
    sources = {}
    for parts, file in found:
        with open(file, "rb") as f:
            sources["/".join(parts)] = f.read()
    return sources


# The version of toml_files' cached form: bump it when to_plain/from_plain change.
_TOML_FILES_VERSION = "toml-files-1"


def toml_files(name: str, root: Path, *, recursive: bool = True) -> dict[str, dict[str, Any]]:
    """Every *.toml file under root as tomllib parses it, by relative POSIX path: parsed once per change
    of the files and kept under name. TomlFileError (file name, tomllib's reason) when one is not TOML."""
    sources = read_sources(root, recursive=recursive)
    key = content_key(sources, _TOML_FILES_VERSION)
    cached = load(name, key)
    if isinstance(cached, dict):
        try:
            return {relative: from_plain(plain) for relative, plain in cached.items()}
        except (TypeError, ValueError, KeyError, IndexError):
            pass  # a corrupt cache file: parse again and replace it
    import tomllib  # only when the cache misses

    tables = {}
    for relative, source in sources.items():
        try:
            tables[relative] = tomllib.loads(source.decode("utf-8"))
        except UnicodeDecodeError:
            raise TomlFileError(Path(relative).name, "UTF-8 の文字として読めません") from None
        except tomllib.TOMLDecodeError as e:
            raise TomlFileError(Path(relative).name, f"TOMLとして読めません（{e}）") from None
    save(name, key, {relative: to_plain(data) for relative, data in tables.items()})
    return tables


def content_key(sources: dict[str, bytes], loader_version: str) -> str:
    """A digest of what a cached form was built from: the loader, the app's and Python's versions and
    the files (a new release rebuilds every cache, whatever loader version it forgot to bump)."""
    digest = blake2b(f"{loader_version}\0{__version__}\0{sys.version_info[:2]}\0".encode(), digest_size=32)
    for relative, data in sources.items():
        digest.update(relative.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _file(name: str) -> Path:
    return paths.cache_dir() / f"{name}.marshal"


def load(name: str, key: str) -> Any | None:
    """The plain data cached under name for key; None when absent, unreadable, stale or corrupt."""
    try:
        stored = _file(name).read_bytes()
    except OSError:
        return None
    header, payload = stored[:_HEADER], stored[_HEADER:]
    if header != _header(key, payload):  # another key, or a damaged payload (a flipped bit is a wrong figure)
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


# A cache file: the key (64 hexadecimal digits), the BLAKE2b-256 digest of the payload, the payload (marshal).
_HEADER = 64 + 32


def _header(key: str, payload: bytes) -> bytes:
    return key.encode("ascii") + blake2b(payload, digest_size=32).digest()


def save(name: str, key: str, plain: Any) -> None:
    """Keep plain data under name for key, atomically; silently nothing when the folder is not writable."""
    target = _file(name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when writing

        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                payload = marshal.dumps(plain)
                f.write(_header(key, payload) + payload)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def _has_tagged(obj: Any) -> bool:
    if isinstance(obj, dict):
        return any(_has_tagged(v) for v in obj.values())
    if isinstance(obj, list):
        return any(_has_tagged(v) for v in obj)
    return isinstance(obj, (date, time))  # datetime is a date


def _tag(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _tag(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_tag(v) for v in obj]
    if isinstance(obj, datetime):
        return ("datetime", obj.isoformat())
    if isinstance(obj, date):
        return ("date", obj.isoformat())
    if isinstance(obj, time):
        return ("time", obj.isoformat())
    return obj


_UNTAG = {"datetime": datetime.fromisoformat, "date": date.fromisoformat, "time": time.fromisoformat}


def _untag(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _untag(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_untag(v) for v in obj]
    if isinstance(obj, tuple):
        return _UNTAG[obj[0]](obj[1])
    return obj


def to_plain(value: Any) -> Any:
    """A TOML value in a form marshal keeps: itself, or ("tagged", …) when it holds dates or times."""
    return (_TAGGED, _tag(value)) if _has_tagged(value) else value


def from_plain(plain: Any) -> Any:
    """The TOML value to_plain was given (a KeyError, IndexError or ValueError if plain is corrupt)."""
    if isinstance(plain, tuple):
        if plain[0] != _TAGGED:
            raise ValueError("unknown tag")
        return _untag(plain[1])
    return plain
