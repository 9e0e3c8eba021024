"""The command line is parsed by the one subcommand's parser when argv names it (cli._command_in), a plain
`check` by hand (cli._plain_check): the same arguments as with every parser built, and argparse's own
help and errors unchanged."""

import pytest

from kokuho_desk import arguments, cli

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
    """Ensure cli.COMMANDS names exactly the subcommands arguments.build_parser() makes."""
    assert _subcommands(arguments.build_parser()) == cli.COMMANDS


@pytest.mark.parametrize("argv", ARGVS, ids=lambda a: next(w for w in a if w in cli.COMMANDS))
def test_one_subcommands_parser_reads_argv_as_all_of_them_do(argv):
    """Ensure the parser of the named subcommand alone gives the same arguments as the full parser."""
    command = cli._command_in(argv)
    assert command in argv and command in cli.COMMANDS
    assert _subcommands(arguments.build_parser(command)) == (command,)
    assert arguments.build_parser(command).parse_args(argv) == arguments.build_parser().parse_args(argv)


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


# `check` as a desk or a script writes it: read without building the parser (cli._plain_check).
PLAIN_CHECKS = [
    ["check", "case.json"],
    ["check", "case.json", "--json"],
    ["check", "--json", "case.json"],
    ["check", "-", "--json"],
    ["check", "-"],
    ["check", "case.json", "--json", "--json"],
    ["check", "case.json", "--what-if", "child_reduction_2027"],
    ["check", "--what-if", "a", "case.json", "--what-if", "b", "--json"],
    ["check", "--what-if=x", "case.json"],
    ["check", "--what-if=", "case.json"],
    ["check", "--what-if=a=b", "--what-if", "a b", "case.json"],
    ["check", "--what-if", "check", "check"],
    ["check", ""],
    ["check", "ケース 1.json", "--json"],
    ["check", "a=b.json"],
    ["--db", "desk.db", "check", "case.json", "--json"],
    ["--db=desk.db", "check", "-"],
    ["--db=", "check", "case.json"],
    ["--db", "", "check", "case.json"],
    ["--db", "check", "check", "case.json"],
    ["--db", "a.db", "--db=b.db", "check", "case.json"],
    ["--db=a b.db", "check", "case.json"],
]
# Left to argparse: help, errors, abbreviations, `--`, anything starting with "-" but "-" itself.
OTHER_CHECKS = [
    ["check"],
    ["check", "--json"],
    ["check", "a.json", "b.json"],
    ["check", "-h"],
    ["check", "a.json", "--help"],
    ["-h", "check", "a.json"],
    ["--version", "check", "a.json"],
    ["check", "a.json", "--js"],
    ["check", "a.json", "--what", "x"],
    ["check", "a.json", "--json=1"],
    ["check", "a.json", "--what-if"],
    ["check", "a.json", "--what-if", "-"],
    ["check", "a.json", "--what-if", "--json"],
    ["check", "a.json", "--what-if", "-x"],
    ["check", "--", "-a.json"],
    ["check", "--", "a.json"],
    ["check", "-a.json"],
    ["check", "-1"],
    ["check", "-a b.json"],
    ["check", "a.json", "--db", "x"],
    ["check", "a.json", "-"],
    ["--db", "check", "a.json"],
    ["--db", "-", "check", "a.json"],
    ["--db"],
    ["--d", "x", "check", "a.json"],
    ["--dbx=1", "check", "a.json"],
    ["x", "check", "a.json"],
    ["demo", "check", "a.json"],
    [],
]


def _parsed(argv, parser=None):
    """What the full parser makes of argv, or its exit status."""
    try:
        return (parser or arguments.build_parser()).parse_args(argv)
    except SystemExit as e:
        return e.code


@pytest.mark.parametrize("argv", PLAIN_CHECKS, ids=" ".join)
def test_a_plain_check_is_read_as_its_parser_reads_it(argv, capsys):
    """Ensure each plain `check` is read by hand, to the same arguments in the same order as argparse."""
    plain = cli._plain_check(argv)
    assert plain is not None
    assert list(vars(plain).items()) == list(vars(_parsed(argv)).items())


@pytest.mark.parametrize("argv", OTHER_CHECKS, ids=" ".join)
def test_anything_else_is_left_to_the_parser(argv, capsys):
    """Ensure help, errors, abbreviations, `--` and words starting with "-" are not read by hand."""
    assert cli._plain_check(argv) is None


def test_the_hand_reading_never_drifts_from_the_parser(capsys):
    """Ensure every argument list made of the words a check is given (up to 4 words after `check`,
    after nothing, `--db x` or `--db=x`) is read by hand either as argparse reads it or not at all,
    and that argparse rejects none of those read by hand."""
    import itertools

    words = ["a.json", "-", "--json", "--what-if", "--what-if=r", "r", "-x", "--", "", "check"]
    parser, read = arguments.build_parser(), 0
    for prefix in ([], ["--db", "x"], ["--db=x"]):
        for n in range(5):
            for rest in itertools.product(words, repeat=n):
                argv = [*prefix, "check", *rest]
                plain = cli._plain_check(argv)
                if plain is not None:
                    read += 1
                    assert list(vars(plain).items()) == list(vars(_parsed(argv, parser)).items()), argv
    assert read > 1000  # most of them: the plain forms are many
