"""The one entry point. No subcommand opens the window; subcommands run headless.

Each subcommand lives in kokuho_desk/commands/<module>.py with a ``run(args) -> int``
and is imported only when called, so ``check`` never loads Qt and starts fast.
Exit status (case-format.md): 0 success, 2 invalid input (message on stderr), 1 internal error.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import types
from typing import Any, NoReturn

from kokuho_desk import APP_NAME, __version__

EXIT_OK, EXIT_ERROR, EXIT_INVALID = 0, 1, 2
COMMANDS = ("demo", "check", "case", "letter", "stats", "rescreen", "rates", "backup", "restore")  # build_parser's
SHORT_LIVED = {"check"}  # run as a short process of their own: no cyclic collection, kept dataclass code (main)


class JapaneseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own messages are English
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"コマンドの指定が正しくありません: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of `command` alone (main: the others' parsers are a few
    milliseconds of every start that does not use them)."""
    p = JapaneseArgumentParser(prog="kokuho-desk", description=f"{APP_NAME}: 国保料の滞納相談の記録・判定・申請書作成")
    p.add_argument("--version", action="version", version=f"kokuho-desk {__version__}")
    p.add_argument("--db", metavar="PATH", help="データベースのファイル（既定: ユーザーのデータフォルダ）")
    sub = p.add_subparsers(dest="command", parser_class=JapaneseArgumentParser)

    if command in (None, "demo"):
        s = sub.add_parser("demo", help="架空の相談事例を入れたデモ用データベースを作って開く")
        s.add_argument("--no-gui", action="store_true", help="作るだけで画面を開かない")
        s.add_argument("--count", type=int, default=48, help="事例の数（既定 48）")
        s.set_defaults(module="demo")

    if command in (None, "check"):
        s = sub.add_parser("check", help="ケースファイルを判定する（保険料の再計算と各制度の判定）")
        s.add_argument("file", help="ケースファイル（- で標準入力）")
        s.add_argument("--json", action="store_true", help="結果をJSONで出力する")
        s.add_argument(
            "--what-if",
            action="append",
            default=[],
            metavar="RULE",
            help="予定されている制度を仮に適用する（例: child_reduction_2027）",
        )
        s.set_defaults(module="check")

    if command in (None, "case"):
        s = sub.add_parser("case", help="ケースの取り込み・書き出し")
        case_sub = s.add_subparsers(dest="case_command", required=True, parser_class=JapaneseArgumentParser)
        c = case_sub.add_parser("import", help="ケースファイルをデータベースに取り込む")
        c.add_argument("file")
        c = case_sub.add_parser("export", help="ケースをケースファイルに書き出す")
        c.add_argument("id", type=int)
        c.add_argument("file")
        s.set_defaults(module="case")

    if command in (None, "letter"):
        s = sub.add_parser("letter", help="申請書・申立書のPDFを作る")
        s.add_argument("kind", nargs="?", help="書類の種類（--list で一覧）")
        s.add_argument("sources", nargs="*", metavar="FILE|ID", help="ケースファイルまたはケース番号（複数で一括作成）")
        s.add_argument("-o", "--out", help="出力するPDF（一括作成ではフォルダ）")
        s.add_argument("--list", action="store_true", help="作れる書類の一覧")
        s.add_argument("--font", help="日本語フォントのファイル（TTF）")
        s.add_argument("--desk", help="相談窓口（団体）の名称（代理人・同行者の欄に印刷）")
        s.add_argument("--volunteer", help="相談員（同行者）の氏名")
        s.add_argument("--desk-phone", help="相談窓口の電話番号")
        s.add_argument("--agent", help="委任状の代理人の氏名（省略時は --volunteer）")
        s.add_argument("--date", help="申請日（YYYY-MM-DD。省略時は空欄で、相談者が書きます）")
        s.set_defaults(module="letter")

    if command in (None, "stats"):
        s = sub.add_parser("stats", help="匿名化した統計の書き出し・統合")
        stats_sub = s.add_subparsers(dest="stats_command", required=True, parser_class=JapaneseArgumentParser)
        c = stats_sub.add_parser("desk", help="相談窓口のIDと名前を設定する（表示する）")
        c.add_argument("--id", dest="desk_id")
        c.add_argument("--name")
        c = stats_sub.add_parser("export", help="終わった四半期の統計表（秘匿処理済み）を書き出す")
        c.add_argument("--out", required=True, help="出力する .zip")
        c.add_argument("--k", type=int, default=5)
        c.add_argument("--reissue", action="append", metavar="2026Q1", help="書き出し済みの四半期を訂正して出し直す")
        c = stats_sub.add_parser("merge", help="複数の相談窓口の統計を統合する")
        c.add_argument("files", nargs="+")
        c.add_argument("--out", required=True, help="出力する .zip")
        c.add_argument("--k", type=int, default=5)
        s.set_defaults(module="stats")

    if command in (None, "rescreen"):
        s = sub.add_parser("rescreen", help="開いているケースを今日の制度で判定し直し、結果が変わったものを示す")
        s.add_argument("--as-of", help="判定する日（既定: 今日）。--what-if と使うとその日の年度で判定する")
        s.add_argument("--what-if", action="append", default=[], metavar="RULE")
        s.set_defaults(module="rescreen")

    if command in (None, "rates"):
        s = sub.add_parser("rates", help="相談窓口で入力した料率の書き出し・取り込み（窓口の間で受け渡す）")
        rates_sub = s.add_subparsers(dest="rates_command", required=True, parser_class=JapaneseArgumentParser)
        c = rates_sub.add_parser("export", help="入力した料率を料率ファイル（.toml、またはフォルダ）に書き出す")
        c.add_argument("file")
        c.add_argument("--municipality", help="書き出す自治体（既定: すべて）")
        c = rates_sub.add_parser("import", help="料率ファイル（.toml、またはフォルダ）を取り込む")
        c.add_argument("file")
        s.set_defaults(module="rates")

    if command in (None, "backup"):
        s = sub.add_parser("backup", help="データベースのバックアップを作る")
        s.add_argument("--out", help="バックアップファイル")
        s.set_defaults(module="backup")

    if command in (None, "restore"):
        s = sub.add_parser("restore", help="バックアップから戻す")
        s.add_argument("file")
        s.add_argument("--yes", action="store_true", help="確認せずに戻す（スクリプト用）")
        s.set_defaults(module="restore")

    return p


def _command_in(argv: list[str]) -> str | None:
    """The subcommand argv names when nothing but --db comes before it; else None, and every parser is
    built (so help, --version and argparse's own errors read as usual)."""
    i = 0
    while i < len(argv) and (argv[i] == "--db" or argv[i].startswith("--db=")):
        i += 1 if "=" in argv[i] else 2
    return argv[i] if i < len(argv) and argv[i] in COMMANDS else None


def _plain_check(argv: list[str]) -> argparse.Namespace | None:
    """The arguments of a plain `[--db PATH] check FILE|- [--json] [--what-if RULE]...`, read as its
    parser reads them but without building it (its help formatter imports shutil, and gettext looks for
    catalogs: ~4 ms of a check process); None for anything else — help, an error, an abbreviation, `--`, a
    word or value starting with "-" — which the parser then reads. tests/test_cli_parser.py holds the
    two to the same result over many argument lists."""
    db, i = None, 0
    while i < len(argv) and argv[i] != "check":
        if argv[i] == "--db" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            db, i = argv[i + 1], i + 2
        elif argv[i].startswith("--db="):
            db, i = argv[i].removeprefix("--db="), i + 1
        else:
            return None
    files, json, what_if = [], False, []
    words = iter(argv[i + 1 :])
    for word in words:
        if word == "--json":
            json = True
        elif word == "--what-if":
            value = next(words, "-")  # none: argparse's error
            if value.startswith("-"):
                return None
            what_if.append(value)
        elif word.startswith("--what-if="):
            what_if.append(word.removeprefix("--what-if="))
        elif word == "-" or not word.startswith("-"):
            files.append(word)
        else:
            return None
    if i == len(argv) or len(files) != 1:
        return None
    return argparse.Namespace(db=db, command="check", file=files[0], json=json, what_if=what_if, module="check")


def main(argv: list[str] | None = None) -> int:
    from kokuho_desk.process_safety import harden_process

    harden_process()  # no core dumps, private files (process_safety.py)
    words = sys.argv[1:] if argv is None else argv
    args = _plain_check(words) or build_parser(_command_in(words)).parse_args(words)
    module = getattr(args, "module", None) or "gui"
    if argv is not None or module not in SHORT_LIVED:
        return _run(module, args)
    # A `check` process judges one small case and ends: the collector's passes over the objects its
    # imports create, during the run and again at exit, cost about a tenth of it; its few cycles end
    # with the process. Its dataclasses reuse the code an earlier check compiled (dataclass_code.py).
    # (Only as a process of its own: a test calling main() keeps its collector.)
    _import_dataclasses_lightly()
    from kokuho_desk import dataclass_code

    gc.disable()
    try:
        with dataclass_code.kept():
            status = _run(module, args)
    finally:
        gc.freeze()  # exit without walking them again
    _end_now(status)
    return status


def _end_now(status: int) -> None:
    """End the process with status once all it wrote is out, without the interpreter's teardown
    (freeing every module and object, ~1.5 ms of a check): what a check leaves ends with the process.
    Returns, for the usual exit, when the output cannot be flushed (its error is then reported as
    usual) or something registered an atexit call."""
    import atexit

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 — a closed pipe: the usual exit reports it
        return
    if atexit._ncallbacks() == 0:  # atexit has no public count of its calls
        os._exit(status)


class _ImportedOnFirstUse(types.ModuleType):
    """Stands for the module of its name: imports it when one of its attributes is first asked for."""

    def __getattr__(self, attr: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


# What dataclasses imports for what a check process rarely or never asks of it: inspect (with ast, dis
# and tokenize: ~7 ms) for a signature as the docstring of a class without one (the model's all have
# one: tests/model/test_dataclass_docstrings.py), copy (with weakref: ~1 ms) for asdict's deep copies.
DATACLASSES_RARELY_USE = ("inspect", "copy")


def _import_dataclasses_lightly() -> None:
    """dataclasses imported with a stand-in for each module it rarely uses, which imports the module on
    first use. Only while dataclasses is imported: any other importer gets the modules themselves."""
    if "dataclasses" in sys.modules:
        return
    stand_ins = {name: _ImportedOnFirstUse(name) for name in DATACLASSES_RARELY_USE if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        import dataclasses  # noqa: F401 — imported now, with the stand-ins
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def _run(module: str, args: argparse.Namespace) -> int:
    try:
        command = importlib.import_module(f"kokuho_desk.commands.{module}")
    except ModuleNotFoundError as e:
        if e.name == f"kokuho_desk.commands.{module}":
            print(f"このコマンドはまだ使えません: {module}", file=sys.stderr)
            return EXIT_ERROR
        raise
    try:
        return int(command.run(args) or 0)
    except KeyboardInterrupt:
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # noqa: BLE001 — the last guard: say it in Japanese, keep the trace for reports
        import traceback  # only on this path: it costs a `check` several milliseconds to import

        traceback.print_exc()
        print("内部エラーが発生しました。上の内容を開発者に知らせてください。", file=sys.stderr)
        return EXIT_ERROR
