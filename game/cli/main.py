"""The command line: ``python main.py`` / ``omgekeerd`` and its commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.i18n import t, tn
from game.engine.vocabulary import BACKGROUNDS, LANGUAGES
from game.render.safe_output import safe_terminal
from game.cli.command import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

# The library, the loader and the finding shapes load where a command uses them: the window's first frame and
# ``--help`` need none of them (issue 16).
if TYPE_CHECKING:
    from game.content.library import Entry, Library
    from game.engine.findings import Finding
    from game.engine.session import Session



class UsageError(Exception):
    """A command used wrongly: exit 2 with the message."""


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it ($COLUMNS, the terminal, else 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter given its width: argparse would import shutil (with bz2 and lzma, 1.5 ms) to
    find it, as every ``add_argument`` makes a formatter."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _Retry(Exception):
    """The slim parser could not parse: parse again with every command (which prints the right usage)."""


class _SlimParser(Parser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Retry(message)


# The commands defined here: parsed without importing the store, coaching, xAPI, workshop and window modules.
OWN_COMMANDS = ("validate", "play", "analyze", "list", "graph", "new")
# The other commands by the module that registers them: one command parses with its own module only.
OTHER_COMMANDS = {**dict.fromkeys(("sessions", "note", "progress", "group-report", "export-sessions", "import"),
                                  "sessions"),
                  **dict.fromkeys(("report", "export", "forget"), "store"), "sync": "xapi", "workshop": "workshop",
                  "screenshots": "ui"}


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """``--data-dir DIR`` after a command name (as ``game.cli.store.add_data_dir``, without importing the store)."""
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="folder of the session store (default: $OMGEKEERD_DATA or the user data folder)")


# -- validate -------------------------------------------------------------------------------

def _library_findings(library: Library) -> list[Finding]:
    """The library's findings plus the scoring smells of each scenario without errors."""
    from scoring.smells import with_smells
    return library.catalogue_findings + [f for entry in library.entries for f in with_smells(entry)]


def _validate_paths(paths: Sequence[str], lang: str) -> list[Finding]:
    from game.content.library import display_path, load_library, resolve
    from game.engine.loader import load_catalogue

    findings: list[Finding] = []
    if not paths:
        library = load_library(play=False)
        if not library.folder.is_dir():
            raise UsageError(t("cli.no_library", lang, folder=display_path(library.folder)))
        return _library_findings(library)
    for name in paths:
        path = Path(name)
        if path.is_dir():
            library = load_library(path, play=False)
            if not library.entries and not (path / "levers.yaml").is_file():
                raise UsageError(t("cli.no_scenario_files", lang, name=name))
            findings += _library_findings(library)
        elif not path.exists():
            raise UsageError(t("cli.no_such_path", lang, name=name))
        elif path.name == "levers.yaml":
            findings += load_catalogue(name)[1]
        else:
            from scoring.smells import with_smells
            findings += with_smells(resolve(name, play=False))
    return findings


def _untranslated(paths: Sequence[str], lang: str) -> list[Finding]:
    """``validate --require LANG``: every text of the scenarios named (default: the library) without ``lang``."""
    from game.content.library import load_library, resolve
    from game.engine.languages import missing_language

    entries: list[Entry] = []
    for name in paths or [str(load_library(play=False).folder)]:
        path = Path(name)
        if path.is_dir():
            entries += load_library(path, play=False).entries
        elif path.exists() and path.name != "levers.yaml":
            entries.append(resolve(name, play=False))
    return [f for entry in entries if entry.scenario is not None for f in missing_language(entry.scenario, lang)]


def cmd_validate(args: argparse.Namespace) -> int:
    """Check scenario files and print every finding."""
    from game.cli.findings import render
    from game.engine.findings import count

    lang = args.lang
    findings = _validate_paths(args.paths, lang)
    if args.require:
        findings = sorted(set(findings) | set(_untranslated(args.paths, args.require)),
                          key=lambda f: (f.path, f.line, f.severity, f.message))
    for finding in findings:
        print(render(finding, lang))
    errors, warnings = count(findings)
    print(t("cli.validate.summary", lang, errors=tn("cli.validate.errors", errors, lang),
            warnings=tn("cli.validate.warnings", warnings, lang)) if findings else t("cli.validate.clean", lang))
    return EXIT_FINDINGS if errors else EXIT_OK


# -- play -----------------------------------------------------------------------------------

def load_playable(name: str, lang: str = "nl", play: bool = True) -> Entry:
    """Resolve a SCENARIO argument and refuse it (exit 1) when it has errors (shown in ``lang``).

    ``play=False``: for a command that does not play it (no play machine built)."""
    from game.cli.findings import render
    from game.content.library import resolve
    from game.engine.findings import ERROR

    entry = resolve(name, play=play)
    errors = [f for f in entry.findings if f.severity == ERROR]
    if entry.scenario is None or errors:
        for finding in errors or entry.findings:
            print(render(finding, lang), file=sys.stderr)
        raise SystemExit(EXIT_FINDINGS)
    return entry


def playthrough_json(session: Session) -> dict[str, Any]:
    """The machine-readable result of a playthrough (``play --json``)."""
    ending = session.ending
    return {
        "scenario": session.scenario.id,
        "content_hash": session.scenario.content_hash,
        "finished": session.finished,
        "ending": ending.id if ending else None,
        "path": session.path,
        "choices": session.choice_ids,
        "metrics": {k: _number(v) for k, v in session.metrics.items()},
        "flags": sorted(session.flags),
        "thinking": session.thinking,
        "levers": {"used": session.levers_used, "missed": session.levers_missed},
    }


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def scored_json(session: Session) -> dict[str, Any]:
    """``playthrough_json`` plus headline scores, quadrant and the four questions."""
    from scoring.analysis import analyse
    from scoring.scores import four_questions, quadrant, questions_json, score, verdict

    result = playthrough_json(session)
    scores = score(session.scenario, analyse(session.scenario), session.metrics)
    ending = session.ending
    result["scores"] = {"resident": scores.resident, "rules": scores.rules}
    result["quadrant"] = verdict(ending, scores)  # the ending's declared outcome, else the scores' quadrant
    result["score_quadrant"] = quadrant(scores)
    result["questions"] = questions_json(four_questions(session.scenario, session.metrics,
                                                        ending.outcome if ending else ""))
    return result


def cmd_analyze(args: argparse.Namespace) -> int:
    """Explore every playthrough of a scenario: ranges, every ending's routes, the expert route (game.cli.analyze)."""
    from game.cli.analyze import UsageProblem, cmd_analyze as analyze

    try:
        return analyze(args, load_playable)
    except UsageProblem as exc:
        raise UsageError(str(exc)) from None


def cmd_play(args: argparse.Namespace) -> int:
    """Play a scenario in the terminal (``--text`` or not), interactively or with --choices.

    Every choice is saved in the session store at once; the window is opened by ``omgekeerd``.
    """
    from game.cli.play import play_recorded

    if args.json and args.choices is None:
        raise UsageError(t("cli.json_needs_choices", args.lang))
    return play_recorded(args, input)


# -- authoring: graph and new ----------------------------------------------------------------

def cmd_graph(args: argparse.Namespace) -> int:
    """Draw a scenario as a graph: Mermaid or DOT text, or SVG through Graphviz's dot."""
    from game.render.graph import GraphvizFailed, GraphvizMissing, render

    entry = load_playable(args.scenario, args.lang, play=False)
    assert entry.scenario is not None
    try:
        text = render(entry.scenario, args.format, args.lang)
    except (GraphvizMissing, GraphvizFailed) as exc:
        print(f"omgekeerd: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as exc:
        print("omgekeerd: " + t("cli.not_written", args.lang, path=args.out, detail=exc.strerror or exc),
              file=sys.stderr)
        return EXIT_FINDINGS
    print(t("cli.wrote", args.lang, path=args.out))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Write a ready-to-edit scenario file (default: scenarios/ID.yaml in the library)."""
    from game.cli.command import as_run
    from game.content.library import default_folder, display_path, load_library
    from game.content.scaffold import ScaffoldError, check_id, write_scaffold

    lang = args.lang
    try:
        check_id(args.id)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    folder = default_folder()
    path = Path(display_path(Path(args.out) if args.out else folder / f"{args.id}.yaml"))
    existing = load_library(folder).find(args.id) if folder.is_dir() else None
    if existing is not None and not path.exists():  # the library has this id, wherever the new file goes
        print("omgekeerd: " + t("cli.new.exists_in_library", lang, id=args.id, path=display_path(Path(existing.path))),
              file=sys.stderr)
        return EXIT_FINDINGS
    try:
        write_scaffold(args.id, path, display_path(path))
    except ScaffoldError as exc:
        print(f"omgekeerd: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    shown = display_path(path)
    print(t("cli.wrote", lang, path=shown))
    if path.stem != args.id:
        print(t("cli.new.name_differs", lang, id=args.id))
    print(as_run(t("cli.new.next", lang, path=shown)))
    return EXIT_OK


# -- list and the start without arguments ----------------------------------------------------

def cmd_list(args: argparse.Namespace) -> int:
    """List the scenarios of the library (from the listing cache while no file changed)."""
    from game.cli.findings import render
    from game.content.library import library_listing

    for item in library_listing():
        if item.ok:
            print(f"{item.scenario_id:28} {item.title_in(args.lang)}")
        else:
            shown = render(item.first_error, args.lang) if item.first_error else ""
            print(f"{item.stem:28} ! {t('broken_scenario', args.lang)}: {shown}")
    return EXIT_OK


def pick_in_terminal(lang: str, data_dir: str | None = None) -> int:
    """Text mode start: show the library, let the player pick a case, play it (recorded)."""
    from game.cli.findings import render
    from game.cli.play import play_recorded
    from game.content.library import display_path, load_library
    from game.render.terminal import TextScreen

    library = load_library()
    screen = TextScreen(sys.stdout, lang)
    playable = library.playable()
    for entry in library.broken():
        first = next((f for f in entry.findings if f.is_error), None)
        print(f"! {t('broken_scenario', lang)}: {render(first, lang) if first else ''}")
    if not playable:
        print(t("cli.no_playable", lang, folder=display_path(library.folder)))
        return EXIT_FINDINGS
    screen.heading(t("pick_scenario", lang))
    for number, scenario in enumerate(playable, start=1):
        minutes = f" ({scenario.minutes} {t('minutes', lang)})" if scenario.minutes else ""
        screen.para(f"{number}. {scenario.title.get(lang)}{minutes}", "", hanging="   ")
    try:
        while True:
            answer = input(f"\n{t('choose_prompt', lang)} (1-{len(playable)}, q): ").strip().lower()
            if answer in ("q", "quit"):
                return EXIT_OK
            if answer.isdigit() and 1 <= int(answer) <= len(playable):
                break
    except (EOFError, KeyboardInterrupt):
        print()
        return EXIT_OK
    chosen = playable[int(answer) - 1]
    args = argparse.Namespace(scenario=chosen.id, resume=False, choices=None, json=False, player=None,
                              background=None, assessment=False, lang=lang, data_dir=data_dir)
    return play_recorded(args, input)


def cmd_start(args: argparse.Namespace) -> int:
    """No command: open the game window; with no display, say so in one line and offer the text mode."""
    from game.ui.launch import start_window
    return start_window(args, lambda lang: pick_in_terminal(lang, getattr(args, "data_dir", None)))


# -- the parser ------------------------------------------------------------------------------

def build_parser(full: bool = True, only: str | None = None) -> Parser:
    """The command line parser; ``full=False`` registers only OWN_COMMANDS and the module ``only`` of
    OTHER_COMMANDS (and never prints an error)."""
    kind = Parser if full else _SlimParser
    parser = kind(prog="omgekeerd", description="Omgekeerd: casework dilemmas of the social domain.")
    parser.add_argument("--lang", choices=LANGUAGES, default="nl", help="language (nl or en)")
    parser.add_argument("--data-dir", metavar="DIR", default=None,
                        help="folder of the session store (default: $OMGEKEERD_DATA or the user data folder)")
    parser.set_defaults(handler=cmd_start)
    commands = parser.add_subparsers(dest="command", parser_class=kind)

    validate = commands.add_parser("validate", help="check scenario files (default: the library)")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or folders")
    validate.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    validate.add_argument("--require", choices=LANGUAGES, metavar="LANG",
                          help="also list every text without this language (nl or en), each with its line")
    validate.set_defaults(handler=cmd_validate)

    play = commands.add_parser("play", help="play a scenario")
    play.add_argument("scenario", nargs="?", metavar="SCENARIO", help="library id or path to a .yaml file")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    play.add_argument("--choices", metavar="ID,ID,...", help="make these choices without asking")
    play.add_argument("--json", action="store_true", help="with --choices: print the result as JSON")
    play.add_argument("--assessment", action="store_true", help="assessment mode: no feedback, no undo")
    play.add_argument("--resume", action="store_true", help="continue the last unfinished playthrough (text mode)")
    play.add_argument("--player", metavar="NAME", help="your pseudonym (default: asked, or 'speler' with --choices)")
    play.add_argument("--background", choices=BACKGROUNDS, help="your background, for the debrief")
    add_data_dir(play)
    play.set_defaults(handler=cmd_play)

    analyze = commands.add_parser("analyze", help="explore every playthrough of a scenario")
    analyze.add_argument("scenario", nargs="*", metavar="SCENARIO",
                         help="library id or path to a .yaml file "
                              "(with --figures: files or folders, default the library)")
    analyze.add_argument("--json", action="store_true", help="print the analysis as JSON")
    analyze.add_argument("--routes", metavar="FILE.csv", help="write every route (choices, ending, scores, quadrant) "
                         "as CSV; refused above 100.000 routes")
    analyze.add_argument("--figures", action="store_true", help="the truth figures over every route of every "
                         "scenario named (default: the library)")
    analyze.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    analyze.set_defaults(handler=cmd_analyze)

    listing = commands.add_parser("list", help="list the scenarios of the library")
    listing.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    listing.set_defaults(handler=cmd_list)

    graph = commands.add_parser("graph", help="draw a scenario as a graph (Mermaid, DOT or SVG)")
    graph.add_argument("scenario", metavar="SCENARIO", help="library id or path to a .yaml file")
    graph.add_argument("--format", choices=("mermaid", "dot", "svg"), default="mermaid",
                       help="mermaid (default) or dot text; svg needs Graphviz's dot program")
    graph.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    graph.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    graph.set_defaults(handler=cmd_graph)

    new = commands.add_parser("new", help="write a ready-to-edit scenario file to start from")
    new.add_argument("id", metavar="ID", help="the new scenario's id: small letters, digits and -")
    new.add_argument("--out", metavar="FILE", help="where to write it (default: scenarios/ID.yaml)")
    new.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    new.set_defaults(handler=cmd_new)

    for module in (("store", "sessions", "xapi", "workshop", "ui") if full else (only,) if only else ()):
        _register(module, commands)
    return parser


def _register(module: str, commands: Any) -> None:
    """Register the commands of one module of OTHER_COMMANDS (importing it)."""
    if module == "store":
        from game.cli.store import add_store_commands
        add_store_commands(commands)
    elif module == "sessions":
        from game.cli.sessions import add_session_commands
        add_session_commands(commands)  # sessions, note, progress, group-report, export-sessions, import
    elif module == "xapi":
        from game.cli.xapi import add_xapi_commands
        add_xapi_commands(commands)
    elif module == "workshop":
        from game.cli.workshop import add_workshop_command  # the room and its server load only when it runs
        add_workshop_command(commands)
    elif module == "ui":
        from game.ui.launch import add_ui_commands  # the window's commands; pygame loads only when one runs
        add_ui_commands(commands)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``python main.py`` and the ``omgekeerd`` command."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    given = sys.argv[1:] if argv is None else list(argv)
    try:
        args = _parsed(given)
    except SystemExit as exc:  # --help, or a usage error already printed
        return int(exc.code or 0)
    args.lang_given = any(a == "--lang" or a.startswith("--lang=") for a in given)  # play --resume keeps the session's
    from game.content.kept import analysis_records
    from scoring.keeping import kept_in

    # no scenario text drives the terminal (escape sequences are shown escaped); an analysis made for a scenario
    # text is kept in the user cache folder for the next command on the same text and code (scoring.keeping)
    with safe_terminal(), kept_in(analysis_records()):
        return _dispatch(args)


def _command_of(given: Sequence[str]) -> str | None:
    """The command word of the arguments (the first that is neither an option nor an option's value)."""
    skip = False
    for word in given:
        if skip:
            skip = False
        elif word in ("--lang", "--data-dir"):
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def _parsed(given: Sequence[str]) -> argparse.Namespace:
    """The parsed arguments: a command of this module, or none (the window), loads only this module's parser;
    another command adds only the module that registers it; help and usage errors use every command."""
    command = _command_of(given)
    if (command in (*OWN_COMMANDS, None) or command in OTHER_COMMANDS) and \
            not any(w in ("-h", "--help") for w in given):
        try:
            return build_parser(full=False, only=OTHER_COMMANDS.get(command or "")).parse_args(given)
        except _Retry:
            pass
    return build_parser().parse_args(given)


def _dispatch(args: argparse.Namespace) -> int:
    """Run the chosen command; every failure becomes an exit code and one line."""
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except UsageError as exc:
        print(t("cli.error", args.lang, message=exc), file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:
        return int(exc.code or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for a user; say what happened in one line
        if os.environ.get("OMGEKEERD_DEBUG"):
            raise
        print(t("cli.unexpected", args.lang, error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return EXIT_FINDINGS
