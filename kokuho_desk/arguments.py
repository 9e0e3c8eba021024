"""The command line's grammar: every subcommand's arguments and help, and argparse's errors in Japanese.

Built only for what cli.main does not read by hand (a plain `check` is read without it: cli._plain_check).
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from kokuho_desk import APP_NAME, __version__
from kokuho_desk.cli import EXIT_INVALID


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
