"""Recorded text play: ``play --text`` and ``play --resume`` with every choice saved in the session store."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from game.cli.command import EXIT_FINDINGS, EXIT_OK, as_run, open_store
from game.i18n import t, tn
from game.engine.model import BACKGROUNDS, LANGUAGES
from game.play.resume import source_for
from game.play.service import ASSESSMENT, TRAINING, Playthrough, Resumed
from game.engine.session import ChoiceRefused, Step
from game.store.database import Player, Store, StoreError, check_name
from game.render.conditions import refusal_text
from game.render.terminal import TextScreen, play_interactive, play_scripted

DEFAULT_PLAYER = "speler"

Read = Callable[[str], str]



def play_recorded(args: argparse.Namespace, read: Read = input) -> int:
    """``play --text`` / ``play --resume``: play in the terminal and save every choice at once."""
    lang = args.lang
    try:
        store = open_store(args)
    except StoreError as exc:
        print(f"omgekeerd: {exc.message(lang)}", file=sys.stderr)
        return EXIT_FINDINGS
    try:
        if args.resume:
            return _resume(args, store, read)
        return _new(args, store, read)
    except StoreError as exc:
        print(f"omgekeerd: {exc.message(lang)}", file=sys.stderr)
        return EXIT_FINDINGS
    except (EOFError, KeyboardInterrupt):
        print()
        print(t("stopped", lang))
        return EXIT_OK
    finally:
        store.close()


# -- a new playthrough ---------------------------------------------------------------------

def _new(args: argparse.Namespace, store: Store, read: Read) -> int:
    from game.cli.main import UsageError, load_playable

    if not args.scenario:
        raise UsageError(t("cli.play.name_scenario", args.lang))
    entry = load_playable(args.scenario, args.lang)
    scenario = entry.scenario
    assert scenario is not None
    player = choose_player(args, store, read, interactive=args.choices is None)
    play = Playthrough.start(store, scenario, player=player.name, background=player.background,
                             mode=ASSESSMENT if args.assessment else TRAINING, lang=args.lang,
                             source=source_for(args.scenario, scenario))
    return _play(args, play, read, fresh=True)


def choose_player(args: argparse.Namespace, store: Store, read: Read, interactive: bool) -> Player:
    """The player of ``--player`` (asked when interactive, else "speler"), with their background."""
    lang = args.lang
    name = args.player
    while not name:
        if not interactive:
            name = DEFAULT_PLAYER
            break
        name = read(f"{t('ask_player', lang).format(default=DEFAULT_PLAYER)}: ").strip() or DEFAULT_PLAYER
        try:
            name = check_name(name)
        except StoreError as exc:
            print(exc.message(lang))
            name = ""
    background = args.background
    known = store.player(name)
    if background is None and interactive and (known is None or known.background is None):
        background = ask_background(lang, read)
    return store.ensure_player(name, background)


def ask_background(lang: str, read: Read) -> str | None:
    """Ask the player's background (number or Enter to skip)."""
    print()
    for number, key in enumerate(BACKGROUNDS, start=1):
        print(f"{number}. {t(f'background.{key}', lang)}")
    while True:
        answer = read(t("ask_background", lang, count=len(BACKGROUNDS)) + ": ").strip().lower()
        if not answer:
            return None
        if answer in BACKGROUNDS:
            return answer
        if answer.isdigit() and 1 <= int(answer) <= len(BACKGROUNDS):
            return BACKGROUNDS[int(answer) - 1]
        print(t("not_a_choice", lang))


# -- playing and finishing -----------------------------------------------------------------

def _play(args: argparse.Namespace, play: Playthrough, read: Read, fresh: bool) -> int:
    """Play on (scripted or interactively), saving each choice; debrief when the ending is reached."""
    lang = args.lang

    def choose(choice_id: str) -> Step:
        try:
            return play.choose(choice_id)
        except StoreError:
            print(t("not_saved", lang), file=sys.stderr)
            raise

    if args.choices is not None:
        return _scripted(args, play, choose)
    session = play.session
    screen = TextScreen(sys.stdout, lang)
    if fresh:
        screen.line(t("saved_as", lang).format(id=play.session_id, player=play.player))
    else:
        screen.heading(session.scenario.title.get(lang) or session.scenario.id)
        screen.history(session)
    ended = play_interactive(session, read, screen, training=play.training, show_intro=fresh,
                             choose=choose, undo=play.undo)
    if not ended:
        screen.line()
        screen.line(t("stopped", lang))
        screen.line(as_run(t("resume_hint", lang)))
        return EXIT_OK
    _finish(play, screen)
    return EXIT_OK


def _scripted(args: argparse.Namespace, play: Playthrough, choose: Callable[[str], Step]) -> int:
    from game.cli.main import scored_json

    lang = args.lang
    session = play.session
    choice_ids = [c.strip() for c in args.choices.split(",") if c.strip()]
    screen = None if args.json else TextScreen(sys.stdout, lang)
    try:
        play_scripted(session, choice_ids, screen, choose=choose)
    except ChoiceRefused as exc:
        done = len(session.choice_ids)
        where = t("cli.play.in_situation", lang, situation=exc.situation_id) if exc.situation_id else ""
        reason = refusal_text(exc, session.scenario, lang)
        print(t("cli.play.refused", lang, number=done + 1, choice=exc.choice_id, where=where, reason=reason),
              file=sys.stderr)
        play.set_aside()  # a scripted run that failed is kept, but never offered to resume
        print(t("truth.play.set_aside", lang, id=play.session_id), file=sys.stderr)
        return EXIT_FINDINGS
    if session.finished:
        _finish(play, screen)
    if args.json:
        result = scored_json(session)
        result["session"] = play.session_id
        print(json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False))
    elif not session.finished and screen is not None:
        screen.line()
        screen.line(t("saved_as", lang).format(id=play.session_id, player=play.player))
        screen.line(as_run(t("resume_hint", lang)))
    return EXIT_OK


def _finish(play: Playthrough, screen: TextScreen | None) -> None:
    """Score the finished playthrough, save the result, and print the debrief."""
    from game.render.terminal_debrief import show_debrief

    debrief = play.finish()
    if screen is not None and debrief is not None:
        show_debrief(screen, debrief)
        screen.line()
        screen.line(as_run(t("report_hint", screen.lang).format(id=play.session_id)))


# -- resuming ------------------------------------------------------------------------------

def _resume(args: argparse.Namespace, store: Store, read: Read) -> int:
    from game.cli.main import UsageError

    lang = args.lang
    if args.scenario:
        raise UsageError(t("cli.play.resume_no_scenario", lang))
    saved = store.last_unfinished(args.player)
    if saved is None:
        print(t("no_unfinished", lang))
        return EXIT_FINDINGS
    if not getattr(args, "lang_given", False) and saved.lang in LANGUAGES:
        lang = args.lang = saved.lang  # continue in the language the session was played in
    args.assessment = saved.mode == ASSESSMENT
    resumed = Playthrough.resume(store, saved, lang=lang)
    if resumed.restored.note:
        print(resumed.restored.note)
    play = resumed.playthrough
    if play is None:
        print(resumed.problem)
        if not resumed.can_restart or args.choices is not None:
            print(t("kept_unfinished", lang).format(id=saved.id))
            return EXIT_FINDINGS
        return _offer_restart(args, store, resumed, read)
    if resumed.restored.changed:
        print(t("resume_changed", lang))
    print(tn("resuming", len(saved.choices), lang, id=saved.id, player=saved.player))
    return _play(args, play, read, fresh=False)


def _offer_restart(args: argparse.Namespace, store: Store, resumed: Resumed[Playthrough], read: Read) -> int:
    """Ask whether to start the case again; yes sets the old session aside (kept) and starts a new one."""
    lang = args.lang
    old_id = resumed.saved.id
    try:
        answer = read(f"{t('offer_restart', lang)} ").strip().lower()
    except EOFError:
        answer = ""
    if answer not in t("yes_answers", lang).split(","):
        print(t("kept_unfinished", lang).format(id=old_id))
        return EXIT_OK
    assert resumed.restored.scenario is not None  # checked by can_restart
    play = Playthrough.start_again(store, resumed.saved, resumed.restored.scenario, lang=lang)
    print(t("restarted", lang).format(old=old_id, new=play.session_id))
    return _play(args, play, read, fresh=True)
