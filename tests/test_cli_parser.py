"""The command line is parsed by the one subcommand's parser when argv names it (cli._command_in):
the same arguments as with every parser built, and argparse's own help and errors unchanged."""

import pytest

from kokuho_desk import cli

ARGVS = [
    ["demo", "--no-gui", "--count", "3"],
    ["check", "case.json", "--json", "--what-if", "child_reduction_2027"],
    ["--db", "desk.db", "case", "export", "12", "out.json"],
    ["--db=desk.db", "letter", "genmen", "1", "-o", "out.pdf", "--volunteer", "山田"],
    ["stats", "export", "--out", "q.zip", "--k", "3"],
    ["rescreen", "--as-of", "2026-12-04"],
    ["rates", "import", "rates.toml"],
    ["backup", "--out", "b.bak"],
    ["restore", "b.bak", "--yes"],
]


def _subcommands(parser):
    (action,) = [a for a in parser._actions if a.dest == "command"]
    return tuple(action.choices)


def test_every_subcommand_is_listed_for_the_fast_path():
    """Ensure cli.COMMANDS names exactly the subcommands build_parser() makes."""
    assert _subcommands(cli.build_parser()) == cli.COMMANDS


@pytest.mark.parametrize("argv", ARGVS, ids=lambda a: next(w for w in a if w in cli.COMMANDS))
def test_one_subcommands_parser_reads_argv_as_all_of_them_do(argv):
    """Ensure the parser of the named subcommand alone gives the same arguments as the full parser."""
    command = cli._command_in(argv)
    assert command in argv and command in cli.COMMANDS
    assert _subcommands(cli.build_parser(command)) == (command,)
    assert cli.build_parser(command).parse_args(argv) == cli.build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [[], ["--version"], ["-h", "check"], ["--db"], ["chek", "a.json"], ["a.json"]])
def test_anything_else_builds_every_parser(argv):
    """Ensure help, --version, a misspelt or missing subcommand get the full parser (its usual output)."""
    assert cli._command_in(argv) is None


def test_a_misspelt_subcommand_still_lists_every_choice(capsys):
    """Ensure `kokuho-desk chek` exits 2 with the Japanese message naming the real subcommands."""
    with pytest.raises(SystemExit) as exit_:
        cli.main(["chek", "a.json"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "コマンドの指定が正しくありません" in err and "check" in err and "restore" in err
