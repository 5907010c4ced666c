"""The command line parses every command the same way whether it builds one command's parser or all of them."""

from __future__ import annotations

import argparse

import pytest

from game.cli.main import OTHER_COMMANDS, OWN_COMMANDS, _parsed, build_parser

ARGUMENTS = [
    [], ["--lang", "en"], ["--data-dir", "/tmp/x"],
    ["validate"], ["validate", "a.yaml", "b", "--require", "en"], ["--lang", "en", "validate", "--lang", "nl"],
    ["play", "traplift", "--text", "--choices", "a,b", "--json", "--data-dir", "d"], ["play", "--resume", "--text"],
    ["analyze", "traplift", "--json"], ["analyze", "--figures", "scenarios"], ["list", "--lang", "en"],
    ["graph", "traplift", "--format", "dot", "--out", "g.dot"], ["new", "mijn-casus", "--out", "x.yaml"],
    ["report", "--last", "--out", "r.html"], ["--data-dir", "d", "report", "3", "--out", "r.html"],
    ["export", "--csv", "x.csv"], ["sessions"], ["--lang", "en", "sessions"], ["progress", "anna", "--out", "p.html"],
    ["sync"], ["workshop", "--terminal", "--port", "8081"], ["screenshots", "shots"],
]


def namespace(args: argparse.Namespace) -> dict[str, object]:
    return {k: (v.__qualname__ if callable(v) else v) for k, v in vars(args).items()}


@pytest.mark.parametrize("given", ARGUMENTS, ids=lambda a: " ".join(a) or "(no command)")
def test_one_commands_parser_gives_what_the_whole_parser_gives(given: list[str]) -> None:
    assert namespace(_parsed(given)) == namespace(build_parser().parse_args(given))


def test_every_command_is_parsed_by_its_own_module() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == set(OWN_COMMANDS) | set(OTHER_COMMANDS)


@pytest.mark.parametrize("given", [["report", "--nonsense"], ["play", "--choices"], ["workshop", "--port"],
                                   ["sync", "extra"], ["nonsense"]])
def test_a_usage_error_prints_the_whole_programs_usage(given: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        _parsed(given)
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("usage: omgekeerd") and "error:" in error


@pytest.mark.parametrize("columns", [None, "55", "200", "0", "-3", "breed"])
def test_help_is_as_wide_as_argparse_would_make_it(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from game.cli.main import _columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _columns() == shutil.get_terminal_size().columns
