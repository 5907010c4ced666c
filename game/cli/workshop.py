"""``omgekeerd workshop [CASE]``: open a workshop room on the local network, in the window or the terminal.

By default the window opens straight in workshop mode (on CASE, or on the case list) and the
join address with the room code is printed here once the room listens. With ``--terminal``
(or when there is no display, which is said in one line) the facilitator leads the room here
with one-letter commands instead. ``--offline``: no server at all; the facilitator types the
counts (window only).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING
from collections.abc import Callable

from game.engine.model import LANGUAGES
from game.i18n import t, tn
from game.cli.command import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:  # the room and its web server load only when a workshop opens
    from game.workshop.recording import GroupRecorder
    from game.workshop.room import Room

DEFAULT_PORT = 8080
Read = Callable[[str], str]


def add_workshop_command(commands: argparse._SubParsersAction) -> None:
    """Register ``workshop`` on the command line's sub-parsers."""
    from game.cli.store import add_data_dir

    workshop = commands.add_parser("workshop", help="open a workshop room: the group votes from their phones")
    workshop.add_argument("case", nargs="?", metavar="CASE", help="library id or path to a .yaml file")
    workshop.add_argument("--host", metavar="H", default=None,
                          help="address to listen on (default: the window's setting, else this laptop's address "
                               "on the local network)")
    workshop.add_argument("--port", metavar="P", type=int, default=None,
                          help=f"port to listen on (default: the window's setting, else {DEFAULT_PORT}; "
                               "0 picks a free one)")
    workshop.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    workshop.add_argument("--assessment", action="store_true", help="assessment mode: phones see no feedback")
    workshop.add_argument("--terminal", "--no-window", dest="terminal", action="store_true",
                          help="lead the room in this terminal instead of the window (for scripts, or no display)")
    workshop.add_argument("--offline", action="store_true",
                          help="no network: the window asks for the counts (hands or cards) instead of phones")
    add_data_dir(workshop)
    workshop.set_defaults(handler=cmd_workshop)


def cmd_workshop(args: argparse.Namespace) -> int:
    """Open the window in workshop mode; with ``--terminal`` or without a display, lead the room here."""
    from game.engine.gcpause import freeze_after_pause
    from game.ui.launch import NoDisplay, check_display

    freeze_after_pause(False)  # the room runs for hours: what it leaves must stay collectable

    if not args.terminal:
        try:
            check_display()
        except NoDisplay:
            print(f"omgekeerd: {t('workshop.ui.cli.no_display', args.lang)} {t('workshop.cli.no_window', args.lang)}",
                  file=sys.stderr)
        else:
            return window_workshop(args)
    if args.offline:
        print(f"omgekeerd: {t('workshop.ui.cli.offline_needs_window', args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    return terminal_workshop(args)


def window_workshop(args: argparse.Namespace) -> int:
    """The window, straight in workshop mode: on CASE's join screen, or on the case list."""
    from game.cli.main import load_playable
    from game.ui.launch import explicit_lang, run_window

    scenario = load_playable(args.case, args.lang).scenario if args.case else None
    lang = args.lang

    def announce(url: str, code: str) -> None:
        print(t("workshop.cli.join", lang, url=url))
        print(t("workshop.cli.code", lang, code=code), flush=True)

    first: dict[str, object] = {"host": args.host, "port": args.port, "network": not args.offline,
                                "mode": "assessment" if args.assessment else "training", "announce": announce}
    if scenario is not None:
        first["scenario"] = scenario
    print(t("workshop.ui.cli.window", lang), flush=True)
    return run_window("workshop" if scenario is not None else "workshop_pick", first,
                      data_dir=getattr(args, "data_dir", None), lang=explicit_lang(args))


def listen_address(args: argparse.Namespace) -> tuple[str | None, int]:
    """``--host``/``--port`` when given, else the window's setting in the data folder (host None: the LAN address)."""
    from game.ui.settings import SettingsFile, data_dir, workshop_address

    return workshop_address(SettingsFile(data_dir(getattr(args, "data_dir", None))).load(), args.host, args.port)


def terminal_workshop(args: argparse.Namespace) -> int:
    """Open the room, print its join address with the code, and lead it here until it closes."""
    from game.cli.main import load_playable
    from game.engine.session import Session
    from game.play.resume import source_for
    from game.store.database import Store, StoreError
    from game.workshop.qr import join_qr_text
    from game.workshop.recording import GroupRecorder
    from game.workshop.room import Room
    from game.workshop.server import RoomServer

    lang = args.lang
    if not args.case:
        print(f"omgekeerd: {t('workshop.cli.no_case', lang)}", file=sys.stderr)
        return EXIT_USAGE
    entry = load_playable(args.case)
    assert entry.scenario is not None
    room = Room(Session(entry.scenario), time.monotonic(), lang=lang,
                mode="assessment" if args.assessment else "training")
    try:
        store = Store.open(getattr(args, "data_dir", None))
    except StoreError as exc:
        print(f"omgekeerd: {exc.message(lang)}", file=sys.stderr)
        return EXIT_FINDINGS
    host, port = listen_address(args)
    server = RoomServer(room)
    try:
        address = server.start(host, port)
    except OSError as exc:
        store.close()
        print("omgekeerd: " + t("workshop.cli.cannot_bind", lang, host=host or "-", port=port,
                                 detail=exc.strerror or exc), file=sys.stderr)
        return EXIT_FINDINGS
    recorder = GroupRecorder(store, room, source_for(args.case, entry.scenario))
    try:
        url = address.url(room.code)
        print(t("workshop.cli.join", lang, url=url))
        print(t("workshop.cli.code", lang, code=room.code))
        print(join_qr_text(url))
        print(t("workshop.cli.no_window", lang))
        lead(room, recorder, input, lang)
    except (EOFError, KeyboardInterrupt):
        print()
    finally:
        room.close()
        server.stop()
        recorder.finish()
        print(t("workshop.cli.saved", lang, id=recorder.group_id))
        print(t("workshop.cli.stopped", lang))
        store.close()
    return EXIT_OK


# -- leading the room from the terminal ----------------------------------------------------------

def lead(room: Room, recorder: GroupRecorder, read: Read, lang: str) -> None:
    """The facilitator's loop: one command a line, until ``q`` or the case ends."""
    from game.workshop.room import FINISHED, RoomError

    show_decision(room, lang)
    print(t("workshop.cli.keys", lang))
    while room.phase != FINISHED:
        answer = read(f"{t('workshop.cli.prompt', lang)} ({tn('workshop.cli.phones', room.phones, lang)}) > ")
        command, _, rest = answer.strip().lower().partition(" ")
        if command in ("q", "quit"):
            return
        try:
            command_done = _command(room, recorder, command, rest.strip(), lang)
        except RoomError as exc:
            print(t(f"workshop.error.{exc.key}", lang))
            continue
        if not command_done:
            print(t("workshop.cli.keys", lang))
    ending = room.session.ending
    if ending is not None:
        print(t("workshop.cli.ended", lang, title=ending.title.get(lang)))


def _command(room: Room, recorder: GroupRecorder, command: str, rest: str, lang: str) -> bool:
    """Carry out one facilitator command; False when it is not one."""
    from game.workshop.room import FINISHED, RoomError

    if command == "o":
        room.open_vote()
    elif command == "c":
        room.close_vote()
    elif command == "r":
        room.close_vote()
        room.reveal()
        show_spread(room, lang)
        return True
    elif command == "2":
        room.second_round()
    elif command == "t":
        numbers = rest.split()
        options = room.session.choices
        if len(numbers) != len(options) or not all(n.isdigit() for n in numbers):
            raise RoomError("bad_counts", 422)
        room.type_counts({o.id: int(n) for o, n in zip(options, numbers, strict=True)})
        show_spread(room, lang)
        return True
    elif command == "w":
        show_reasons(room, lang)
        return True
    elif command == "v":
        options = room.session.choices
        chosen = None
        if rest.isdigit() and 1 <= int(rest) <= len(options):
            chosen = options[int(rest) - 1].id
        followed = room.follow(time.monotonic(), chosen)
        recorder.followed(followed)
        print(t("workshop.cli.followed", lang, choice=_choice_text(followed.decision.followed or "", lang, room,
                                                                        followed.step.situation)))
        if room.mode == "training" and followed.step.feedback:
            print(followed.step.feedback.get(lang))
        if room.phase != FINISHED:
            show_decision(room, lang)
        return True
    elif command != "s":
        return False
    show_status(room, lang)
    return True


def _choice_text(choice_id: str, lang: str, room: Room, situation_id: str) -> str:
    situation = room.session.scenario.situations.get(situation_id)
    choice = next((c for c in situation.choices if c.id == choice_id), None) if situation else None
    return choice.text.get(lang) if choice else choice_id


def show_decision(room: Room, lang: str) -> None:
    """The situation and its numbered choices (unavailable ones marked with their reason)."""
    from game.render.conditions import unavailable_reason

    situation = room.session.situation
    if situation is None:
        return
    print()
    print(situation.text.get(lang))
    for number, option in enumerate(room.session.choices, start=1):
        why = unavailable_reason(option, room.session.scenario).get(lang)
        mark = "" if option.available else f"  ({t('unavailable', lang)}: {why})"
        print(f"  {number}. {option.choice.text.get(lang)}{mark}")


def show_status(room: Room, lang: str) -> None:
    """Phase, round and how many voted (never the spread: that waits for ``r``)."""
    decision = room.decision
    number = decision.round.number if decision and decision.round else 0
    phase = t(f"workshop.cli.phase.{room.phase}", lang)
    print(t("workshop.cli.status", lang, phase=phase, round=number, voters=room.voters(), phones=room.phones))


def show_spread(room: Room, lang: str) -> None:
    """Votes per choice in this round, with the shift from the round before."""
    counts, shift = room.counts(), room.shift()
    for number, option in enumerate(room.session.choices, start=1):
        moved = f" ({shift[option.id]:+d})" if option.id in shift else ""
        print(f"  {number}. {counts.get(option.id, 0):3d}{moved}  {option.choice.text.get(lang)}")


def show_reasons(room: Room, lang: str) -> None:
    """The reasons of this round (already one line without control characters)."""
    for reason in room.reasons():
        choice = room.ballot_of(reason.token) or ""
        situation = room.decision.situation_id if room.decision else ""
        print(t("workshop.cli.reason", lang, choice=_choice_text(choice, lang, room, situation), text=reason.text))
