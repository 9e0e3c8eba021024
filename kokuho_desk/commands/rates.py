"""`kokuho-desk rates export PATH` / `kokuho-desk rates import PATH`: move the rate tables a desk
entered itself (「相談窓口で入力した料率」, docs/desk-rates.md) between desks.

The file is a municipality profile (docs/municipality-profiles.md), validated on import by the same
code as the bundled profiles. PATH ending in .toml is one file (one municipality); any other PATH is
a folder with one 「<自治体名>.toml」 per municipality. An import is one transaction: a malformed file
changes nothing (exit status 2, the file and field named on stderr); a year the bundled data already
has is skipped with a message (bundled data is never replaced); a table already stored unchanged is
left as it is, so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import sys
from argparse import Namespace
from collections import defaultdict
from pathlib import Path

from kokuho_desk.cli import EXIT_INVALID, EXIT_OK
from kokuho_desk.commands.passphrase import open_cli_store
from kokuho_desk.model.desk_rate import DeskRate
from kokuho_desk.model.wareki import fiscal_year_label
from kokuho_desk.rules import desk_rates
from kokuho_desk.rules.municipality import ProfileError
from kokuho_desk.store import StoreError


def run(args: Namespace) -> int:
    try:
        if args.rates_command == "export":
            return _export(args.db, Path(args.file), args.municipality)
        return _import(args.db, Path(args.file))
    except StoreError as e:
        return _refused(str(e))


def _refused(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_INVALID


def _is_file(path: Path) -> bool:
    return path.suffix.lower() == ".toml"


def _export(db: str | None, path: Path, municipality: str | None) -> int:
    with open_cli_store(db) as store:
        by_name: dict[str, list[DeskRate]] = defaultdict(list)
        for entry in store.desk_rates():
            by_name[entry.municipality].append(entry)
        if municipality is not None:
            key = desk_rates.canonical_name(municipality)
            by_name = {key: by_name[key]} if key in by_name else {}
        if not by_name:
            whose = f"{municipality}の" if municipality else ""
            return _refused(f"書き出す料率がありません（{whose}相談窓口で入力した料率はまだありません）")
        if _is_file(path) and len(by_name) > 1:
            return _refused(
                f"料率は{len(by_name)}自治体分あります（{'、'.join(by_name)}）。フォルダを指定するか、"
                "--municipality で自治体を1つ選んでください"
            )
        files = (
            {path: next(iter(by_name.values()))}
            if _is_file(path)
            else {path / f"{name}.toml": entries for name, entries in by_name.items()}
        )
        try:
            texts = {file: desk_rates.profile_text(file.stem, entries) for file, entries in files.items()}
            for file, text in texts.items():
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_text(text, encoding="utf-8", newline="\n")
        except ProfileError as e:
            return _refused(f"書き出せません: {e}")
        except OSError as e:
            return _refused(f"ファイルに書き出せません: {path}（{e.strerror}）")
        store.audit("desk_rates_export", None, f"{'、'.join(by_name)} → {path}")
    for file, entries in files.items():
        years = "・".join(fiscal_year_label(e.fiscal_year) for e in sorted(entries, key=lambda e: e.fiscal_year))
        print(f"{entries[0].municipality}（{years}）の料率を書き出しました: {file}")
    return EXIT_OK


def _import(db: str | None, path: Path) -> int:
    if _is_file(path):
        files = [path]
    elif path.is_dir() and any(path.glob("*.toml")):
        files = sorted(path.glob("*.toml"))
    else:
        return _refused(f"料率のファイル（.toml）か、それが入ったフォルダを指定してください: {path}")
    entries: list[DeskRate] = []
    try:
        for file in files:
            entries += desk_rates.entries_from_file(file)
    except ProfileError as e:
        return _refused(f"料率のファイルを取り込めません（何も変わっていません）:\n  {e}")
    except OSError as e:
        return _refused(f"ファイルを読めません（何も変わっていません）: {e.filename}（{e.strerror}）")
    kept = []
    for entry in entries:
        bundled = desk_rates.bundled_name(entry.municipality, entry.fiscal_year)
        if bundled is not None:
            print(
                f"{entry.municipality} {fiscal_year_label(entry.fiscal_year)}: 国保デスクに同梱の料率（{bundled}）があるため"
                "取り込みません（同梱の料率をそのまま使います）",
                file=sys.stderr,
            )
        else:
            kept.append(entry)
    with open_cli_store(db) as store:
        written = store.save_desk_rates(kept, "desk_rates_import")
    for entry in kept:
        state = "取り込みました" if any(w.same_table(entry) for w in written) else "同じ料率が入っています（変更なし）"
        print(f"{entry.municipality} {fiscal_year_label(entry.fiscal_year)}: {state}")
    return EXIT_OK
