"""The coaching commands: ``sessions``, ``note``, ``progress``, ``group-report``, ``export-sessions`` and ``import``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from game.cli.command import EXIT_FINDINGS, EXIT_OK, open_store
from game.cli.store import add_data_dir, open_reading
from game.engine.model import LANGUAGES
from game.i18n import has, t, tn
from game.play.coaching import SessionRow, list_sessions
from game.store.database import StoreError
from game.store.files import UnsafeTarget, write_atomic

Ask = Callable[[str], str]


def _fail(message: str) -> int:
    print(f"omgekeerd: {message}", file=sys.stderr)
    return EXIT_FINDINGS


def add_session_commands(commands: Any) -> None:
    """Register the coaching commands on the CLI's sub-command parsers."""
    sessions = commands.add_parser("sessions", help="list the stored playthroughs (of one player)")
    sessions.add_argument("name", nargs="?", metavar="NAME", help="only this player's playthroughs")
    sessions.add_argument("--json", action="store_true", help="print the list as JSON")
    sessions.add_argument("--set-aside", type=int, metavar="ID", help="set an unfinished playthrough aside")
    sessions.add_argument("--delete", type=int, metavar="ID", help="delete one playthrough (asks first)")
    sessions.add_argument("--yes", action="store_true", help="with --delete: do not ask")
    _common(sessions, cmd_sessions)

    note = commands.add_parser("note", help="write a coach's note with a stored playthrough")
    note.add_argument("session", type=int, metavar="SESSION_ID", help="the session id (see: omgekeerd sessions)")
    note.add_argument("text", metavar="TEXT", help="the note (empty: remove it)")
    note.add_argument("--step", type=int, default=0, metavar="N", help="the step it belongs to (default: overall)")
    _common(note, cmd_note)

    progress = commands.add_parser("progress", help="write a player's progress across cases as one HTML file")
    progress.add_argument("name", metavar="NAME", help="the player's pseudonym")
    progress.add_argument("--out", metavar="FILE.html", required=True, help="where to write the page")
    _common(progress, cmd_progress)

    group = commands.add_parser("group-report", help="write the group report of a case or a workshop as HTML")
    group.add_argument("target", metavar="CASE|GROUP_ID",
                       help="a case id (every stored playthrough of it) or a workshop group session id (a number)")
    group.add_argument("--out", metavar="FILE.html", required=True, help="where to write the report")
    group.add_argument("--names", action="store_true", help="show the pseudonyms (hidden by default)")
    _common(group, cmd_group_report)

    export = commands.add_parser("export-sessions", help="write this laptop's playthroughs as one portable file")
    export.add_argument("--out", metavar="FILE", required=True, help="the file to write (JSON)")
    export.add_argument("--player", metavar="NAME", help="only this player's playthroughs")
    _common(export, cmd_export_sessions)

    merge = commands.add_parser("import", help="merge portable files of other laptops into this store")
    merge.add_argument("files", nargs="+", metavar="FILE", help="files written by export-sessions")
    _common(merge, cmd_import)


def _common(parser: argparse.ArgumentParser, handler: Callable[[argparse.Namespace], int]) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    add_data_dir(parser)
    parser.set_defaults(handler=handler)


# -- sessions --------------------------------------------------------------------------------

def verdict_text(verdict: str | None, lang: str) -> str:
    """A verdict in words: a declared outcome (``outcome.<id>``) or a quadrant's label; '–' when none."""
    if verdict is None:
        return "–"
    for key in (f"outcome.{verdict}", f"quadrant.{verdict}.label"):
        if has(key):
            return t(key, lang)
    return verdict


def row_json(row: SessionRow) -> dict[str, object]:
    """One line of the list as JSON (``sessions --json``)."""
    return {"id": row.id, "uid": row.uid, "player": row.player, "case": row.case, "title": row.title.get("nl"),
            "started": row.started, "played": row.played, "mode": row.mode, "state": row.state,
            "imported": row.imported, "steps": row.steps, "resident": row.resident, "rules": row.rules,
            "verdict": row.verdict}


def row_line(row: SessionRow, lang: str) -> str:
    """One line of the list in the terminal."""
    scores = (t("coaching.list.scores", lang, resident=row.resident, rules=row.rules)
              if row.resident is not None and row.rules is not None else "")
    state = t(f"coaching.state.{row.state}", lang) + (f" · {t('coaching.imported', lang)}" if row.imported else "")
    return t("coaching.list.line", lang, id=row.id, when=row.played[:16].replace("T", " "), player=row.player,
             title=row.title.get(lang), mode=t(f"coaching.mode.{row.mode}", lang), state=state,
             steps=tn("coaching.steps", row.steps, lang), scores=scores, verdict=verdict_text(row.verdict, lang))


def cmd_sessions(args: argparse.Namespace) -> int:
    """List playthroughs; or set one aside, or delete one."""
    if args.set_aside is not None or args.delete is not None:
        return _change(args, input)
    lang = args.lang
    try:
        with open_reading(args) as store:
            if args.name and store.player(args.name) is None:
                return _fail(t("no_player", lang).format(name=args.name))
            rows = list_sessions(store, args.name)
    except StoreError as exc:
        return _fail(exc.message(lang))
    if args.json:
        print(json.dumps([row_json(r) for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print(t("coaching.list.empty", lang))
    for row in rows:
        print(row_line(row, lang))
    return EXIT_OK


def _change(args: argparse.Namespace, ask: Ask) -> int:
    from game.play.coaching import delete_session, set_aside_session

    lang = args.lang
    try:
        with open_store(args) as store:
            if args.set_aside is not None:
                set_aside_session(store, args.set_aside)
                print(t("coaching.set_aside", lang, id=args.set_aside))
                return EXIT_OK
            saved = store.get(args.delete)
            if saved is None:
                return _fail(t("store.no_session", lang, id=args.delete))
            if not args.yes and not _confirmed(ask, t("coaching.delete.ask", lang, id=saved.id, player=saved.player,
                                                      case=saved.scenario_id), lang):
                print(t("coaching.delete.kept", lang, id=saved.id))
                return EXIT_OK
            delete_session(store, saved.id)
    except StoreError as exc:
        return _fail(exc.message(lang))
    print(t("coaching.delete.done", lang, id=args.delete))
    return EXIT_OK


def _confirmed(ask: Ask, question: str, lang: str) -> bool:
    try:
        answer = ask(question + " ").strip().casefold()
    except (EOFError, KeyboardInterrupt):
        return False
    return answer in {t("coaching.yes", lang).casefold(), "y", "yes", "j", "ja"}


# -- notes -----------------------------------------------------------------------------------

def cmd_note(args: argparse.Namespace) -> int:
    """Save a coach's note with a session (step 0: the overall note)."""
    from game.store.notes import set_note

    lang = args.lang
    if args.step < 0:
        return _fail(t("coaching.note.bad_step", lang, step=args.step))
    try:
        with open_store(args) as store:
            saved = store.get(args.session)
            if saved is None:
                return _fail(t("store.no_session", lang, id=args.session))
            if args.step > len(saved.choices):
                return _fail(t("coaching.note.bad_step", lang, step=args.step))
            kept = set_note(store, args.session, args.step, args.text)
    except StoreError as exc:
        return _fail(exc.message(lang))
    key = "coaching.note.saved" if kept else "coaching.note.removed"
    print(t(key, lang, id=args.session, step=args.step or t("coaching.note.overall", lang)))
    return EXIT_OK


# -- pages -----------------------------------------------------------------------------------

def _write_page(path: str, html: str, lang: str) -> int | None:
    try:
        write_atomic(path, html)
    except UnsafeTarget as exc:
        return _fail(exc.message(lang))
    except OSError as exc:
        return _fail(t("cannot_write", lang).format(path=path, detail=exc.strerror or exc))
    return None


def cmd_progress(args: argparse.Namespace) -> int:
    """Write a player's progress page."""
    from game.play.coaching import progress_of
    from game.render.progress_report import render_progress

    lang = args.lang
    try:
        with open_reading(args) as store:
            if store.player(args.name) is None:
                return _fail(t("no_player", lang).format(name=args.name))
            progress = progress_of(store, args.name)
    except StoreError as exc:
        return _fail(exc.message(lang))
    if progress is None:
        return _fail(t("coaching.progress.none", lang, name=args.name))
    failed = _write_page(args.out, render_progress(progress, lang), lang)
    if failed is not None:
        return failed
    print(t("coaching.progress.written", lang, path=args.out, attempts=tn("coaching.attempts", len(progress.attempts),
                                                                          lang)))
    return EXIT_OK


def cmd_group_report(args: argparse.Namespace) -> int:
    """Write the group report of a case (all its playthroughs) or of one workshop group session (a number)."""
    from game.play.coaching import group_of_case, group_report_of
    from game.render.group_report import render_group

    lang = args.lang
    target = str(args.target).strip()
    try:
        with open_reading(args) as store:
            rounds = None
            if target.isdigit():  # all digits: a workshop group session's id (docs/workshop.md)
                from game.workshop.debrief import stored_debrief

                report = group_report_of(store, int(target))
                rounds = stored_debrief(store, int(target)) if report is not None else None
                missing = t("coaching.group.no_workshop", lang, id=target)
            else:
                report = group_of_case(store, target, names=args.names)
                missing = t("coaching.group.no_case", lang, case=target)
    except StoreError as exc:
        return _fail(exc.message(lang))
    if report is None:
        return _fail(missing)
    failed = _write_page(args.out, render_group(report, lang, names=args.names, rounds=rounds), lang)
    if failed is not None:
        return failed
    counted = (tn("coaching.decisions", len(report.spread), lang) if report.workshop
               else tn("coaching.plays", report.plays, lang))
    print(t("coaching.group.written", lang, path=args.out, plays=counted))
    return EXIT_OK


# -- export and import ---------------------------------------------------------------------

def cmd_export_sessions(args: argparse.Namespace) -> int:
    """Write every stored playthrough (of one player) as one portable, checksummed file."""
    from game.store.portable import export_text

    lang = args.lang
    try:
        with open_reading(args) as store:
            if args.player and store.player(args.player) is None:
                return _fail(t("no_player", lang).format(name=args.player))
            text = export_text(store, args.player)
            count = len(store.sessions(args.player))
            damaged = dict(store.damaged)
    except StoreError as exc:
        return _fail(exc.message(lang))
    for session_id, reason in sorted(damaged.items()):
        print("omgekeerd: " + t("hardening.export_skipped", lang, id=session_id, reason=reason), file=sys.stderr)
    failed = _write_page(args.out, text, lang)
    if failed is not None:
        return failed
    print(t("coaching.exported", lang, path=args.out, plays=tn("coaching.plays", count, lang)))
    return EXIT_FINDINGS if damaged else EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Merge portable files, each in one transaction; a refused file changes nothing and is named."""
    from game.store.portable import PortableError, import_file

    lang = args.lang
    refused = 0
    try:
        with open_store(args) as store:
            for name in args.files:
                try:
                    merged = import_file(store, name)
                except PortableError as exc:
                    refused += 1
                    print(f"omgekeerd: {exc.message(lang)}", file=sys.stderr)
                    continue
                print(t("coaching.imported_file", lang, file=name, added=tn("coaching.added", merged.added, lang),
                        updated=merged.updated, known=merged.known))
    except StoreError as exc:
        return _fail(exc.message(lang))
    return EXIT_FINDINGS if refused else EXIT_OK
