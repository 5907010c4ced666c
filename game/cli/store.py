"""The commands that read the session store: ``report``, ``export`` and ``forget``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from game.i18n import t, tn
from game.engine.model import LANGUAGES
from game.cli.command import EXIT_FINDINGS, EXIT_OK, open_store
from game.cli.xapi import add_export_options, export_other
from game.play.report import write_saved_report
from game.store.database import SavedSession, Store, StoreError, damage_text
from game.store.files import UnsafeTarget
from game.store.notes import notes_of


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """``--data-dir DIR`` after a command name (SUPPRESS keeps a value given before the command)."""
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="folder of the session store (default: $OMGEKEERD_DATA or the user data folder)")


def add_store_commands(commands: Any) -> None:
    """Register ``report``, ``export`` and ``forget`` on the CLI's sub-command parsers."""
    report = commands.add_parser("report", help="write a stored playthrough's debrief as one HTML file")
    report.add_argument("session", nargs="?", metavar="SESSION_ID", help="the session id (see play's output)")
    report.add_argument("--last", action="store_true", help="the most recently played session")
    report.add_argument("--player", metavar="NAME", help="with --last: the last session of this player")
    report.add_argument("--out", metavar="FILE.html", required=True, help="where to write the report")
    report.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    add_data_dir(report)
    report.set_defaults(handler=cmd_report)

    export = commands.add_parser("export", help="write every stored session as CSV, one row per choice")
    export.add_argument("--csv", metavar="FILE", help="the CSV file to write")
    export.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    add_export_options(export)  # --xapi FILE, --moodle (game/cli/xapi.py)
    add_data_dir(export)
    export.set_defaults(handler=cmd_export)

    forget = commands.add_parser("forget", help="delete everything stored about one player")
    forget.add_argument("name", metavar="NAME", help="the player's pseudonym")
    forget.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    add_data_dir(forget)
    forget.set_defaults(handler=cmd_forget)


def _fail(message: str) -> int:
    print(f"omgekeerd: {message}", file=sys.stderr)
    return EXIT_FINDINGS


# -- report --------------------------------------------------------------------------------

def cmd_report(args: argparse.Namespace) -> int:
    """Write the debrief of a stored session as a self-contained HTML file."""
    from game.cli.main import UsageError

    lang = args.lang
    if args.last == (args.session is not None):
        raise UsageError(t("cli.report.name_one", lang))
    if args.session is not None and not args.session.isdigit():
        raise UsageError(t("cli.report.not_an_id", lang, value=args.session))
    try:
        with open_reading(args) as store:
            saved = store.last(args.player) if args.last else store.get(int(args.session))
            notes = notes_of(store, saved.id) if saved is not None else None  # the coach's notes, in the report
    except StoreError as exc:
        return _fail(exc.message(lang))
    if saved is None:
        return _fail(t("no_sessions", lang) if args.last else t("store.no_session", lang).format(id=args.session))
    try:
        problem = write_saved_report(saved, args.out, lang, notes=notes)
    except UnsafeTarget as exc:
        return _fail(exc.message(lang))
    except OSError as exc:
        return _fail(t("cannot_write", lang).format(path=args.out, detail=exc.strerror or exc))
    if problem is not None:
        return _fail(problem)
    print(t("report_written", lang).format(path=args.out, id=saved.id))
    return EXIT_OK


# -- export and forget ---------------------------------------------------------------------

def cmd_export(args: argparse.Namespace) -> int:
    """Write every stored session as CSV for Dutch spreadsheet programs (or the xAPI exports)."""
    from game.store.csv_export import write_csv

    other = export_other(args)
    if other is not None:
        return other
    lang = args.lang
    try:
        with open_reading(args) as store:
            sessions = _Counted(store.iter_sessions())
            count = write_csv(sessions, args.csv, lang)  # streamed: one page of sessions in memory at a time
            damaged = dict(store.damaged)
    except StoreError as exc:
        return _fail(exc.message(lang))
    except UnsafeTarget as exc:
        return _fail(exc.message(lang))
    except OSError as exc:
        return _fail(t("cannot_write", lang).format(path=args.csv, detail=exc.strerror or exc))
    for session_id, reason in sorted(damaged.items()):  # one damaged session costs that session only
        print("omgekeerd: " + t("hardening.export_skipped", lang, id=session_id, reason=damage_text(reason, lang)),
              file=sys.stderr)
    print(tn("export_written", sessions.count, lang, path=args.csv, rows=tn("export_rows", count, lang)))
    return EXIT_FINDINGS if damaged else EXIT_OK


class _Counted:
    """The sessions passed through, counted on the way."""

    def __init__(self, sessions: Iterator[SavedSession]) -> None:
        self.sessions = sessions
        self.count = 0

    def __iter__(self) -> Iterator[SavedSession]:
        for saved in self.sessions:
            self.count += 1
            yield saved


def open_reading(args: argparse.Namespace) -> Store:
    """The store opened read-only for a reading command: a read-only folder or a full disk does not block it."""
    lang = args.lang
    return Store.open(getattr(args, "data_dir", None), read_only=True,
                      notify=lambda notice: print(f"omgekeerd: {notice.message(lang)}", file=sys.stderr))


def cmd_forget(args: argparse.Namespace) -> int:
    """Delete a player and everything stored about them."""
    lang = args.lang
    try:
        with open_store(args) as store:
            player = store.player(args.name)
            if player is None:
                return _fail(t("no_player", lang).format(name=args.name))
            count = store.forget(player.name)  # StoreError forget_pending when another window holds old pages
    except StoreError as exc:
        return _fail(exc.message(lang))
    print(tn("forgotten", count, lang, name=player.name))
    return EXIT_OK
