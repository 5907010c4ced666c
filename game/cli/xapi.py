"""The xAPI commands: ``sync`` (send the outbox to the LRS) and ``export --xapi`` / ``export --csv --moodle``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from game.engine.model import LANGUAGES
from game.i18n import t, tn
from game.store.database import StoreError

EXIT_OK, EXIT_PROBLEM = 0, 1


def add_xapi_commands(commands: Any) -> None:
    """Register ``sync`` on the CLI's sub-command parsers."""
    from game.cli.store import add_data_dir

    sync = commands.add_parser("sync", help="send the queued learning records (xAPI) to the configured LRS")
    sync.add_argument("--batch-size", type=int, default=100, metavar="N", help="statements per request (100)")
    sync.add_argument("--retry-rejected", action="store_true",
                      help="send the statements the LRS refused before once more")
    sync.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    add_data_dir(sync)
    sync.set_defaults(handler=cmd_sync)


def add_export_options(export: argparse.ArgumentParser) -> None:
    """``export --xapi FILE`` and ``export --csv FILE --moodle``."""
    export.add_argument("--xapi", metavar="FILE", help="write every learning record as xAPI JSON (for an LRS import)")
    export.add_argument("--moodle", action="store_true",
                        help="with --csv: a Moodle gradebook/completion CSV (pseudonymous identifier, case, score)")


def export_other(args: argparse.Namespace) -> int | None:
    """Run ``--xapi`` / ``--moodle`` when asked; None when it is the plain CSV export."""
    from game.cli.main import UsageError

    lang = args.lang
    if not getattr(args, "xapi", None) and not getattr(args, "moodle", False):
        if not getattr(args, "csv", None):
            raise UsageError(t("xapi.export_what", lang))
        return None
    if args.moodle and not args.csv:
        raise UsageError(t("xapi.moodle_needs_csv", lang))
    return _export(args)


def _export(args: argparse.Namespace) -> int:
    from game.cli.command import open_store
    from game.xapi.config import load
    from game.xapi.exports import write_moodle, write_statements
    from game.xapi.groups import queue_groups
    from game.xapi.recorder import Recorder

    lang = args.lang
    recorder = Recorder.from_config(load())
    try:
        with open_store(args) as store:
            if args.xapi:
                queue_groups(store, recorder)
                count = write_statements(store, args.xapi)
                print(tn("xapi.exported", count, lang, path=args.xapi))
            if args.moodle:
                salt = recorder.salt(store.outbox.install())
                count = write_moodle(store, args.csv, salt, lang)
                print(tn("xapi.moodle_written", count, lang, path=args.csv))
    except StoreError as exc:
        return _fail(exc.message(lang))
    except OSError as exc:
        return _fail(t("cannot_write", lang, path=getattr(exc, "filename", None) or args.xapi or args.csv,
                       detail=exc.strerror or exc))
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    """Send the outbox in batches and say what was sent, refused (with reasons) and is still queued."""
    from game.cli.command import open_store
    from game.xapi.config import config_path, load
    from game.xapi.groups import queue_groups
    from game.xapi.recorder import Recorder
    from game.xapi.sync import sync

    lang = args.lang
    config = load()
    for problem in config.problems:
        print(t("xapi.config_problem", lang, problem=problem), file=sys.stderr)
    try:
        with open_store(args) as store:
            queue_groups(store, Recorder.from_config(config))
            if args.retry_rejected:
                print(tn("xapi.retried", store.outbox.retry_rejected(), lang))
            report = sync(store, config, batch_size=max(1, args.batch_size))
    except StoreError as exc:
        return _fail(exc.message(lang))
    print(tn("xapi.sent", report.sent, lang))
    if report.rejected:
        print(tn("xapi.rejected_now", len(report.rejected), lang))
        for statement_id, reason in report.rejected:
            print(t("xapi.rejected_line", lang, id=statement_id, reason=reason))
    print(tn("xapi.queued", report.queued, lang))
    if report.rejected_total:
        print(tn("xapi.rejected_kept", report.rejected_total, lang))
    if report.problem:
        path = config.path or config_path()
        print("omgekeerd: " + t(f"xapi.{report.problem}", lang, path=path, endpoint=config.endpoint or "",
                                detail=report.detail), file=sys.stderr)
    return EXIT_PROBLEM if report.problem or report.rejected else EXIT_OK


def _fail(message: str) -> int:
    print(f"omgekeerd: {message}", file=sys.stderr)
    return EXIT_PROBLEM
