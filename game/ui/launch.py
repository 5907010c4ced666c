"""Starting the game window from the command line, and the ``screenshots`` command.

Nothing here imports pygame at import time: ``game.cli`` registers the command through this
module and stays free of pygame until the window is really opened.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any
from collections.abc import Callable

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
YES = ("", "j", "ja", "y", "yes")


class NoDisplay(Exception):
    """There is no screen to open a window on."""


def _quiet_pygame() -> None:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the game has no sound; no audio device noise


def check_display() -> None:
    """Raise NoDisplay when no window can be shown (no X11/Wayland session, or SDL finds no screen)."""
    asked = os.environ.get("SDL_VIDEODRIVER")
    if not asked and sys.platform.startswith(("linux", "freebsd", "openbsd")) \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        raise NoDisplay("no DISPLAY or WAYLAND_DISPLAY")
    _quiet_pygame()
    import pygame

    try:
        pygame.display.init()
    except pygame.error as exc:
        raise NoDisplay(str(exc)) from None
    if not asked and pygame.display.get_driver() in ("offscreen", "dummy"):
        pygame.display.quit()
        raise NoDisplay("only an off-screen video driver")


def start_window(args: argparse.Namespace, text_mode: Callable[[str], int]) -> int:
    """``python main.py``: open the game; with no display, say so in one line and offer the text mode."""
    from game.i18n import t

    lang = args.lang
    try:
        check_display()
    except NoDisplay:
        if sys.stdin is not None and sys.stdin.isatty():
            try:
                answer = input(f"{t('ui.no_display', lang)} {t('ui.offer_text_mode', lang)} ").strip().lower()
            except (EOFError, KeyboardInterrupt):
                print()
                return EXIT_FAILED
            return text_mode(lang) if answer in YES else EXIT_OK
        print(f"omgekeerd: {t('ui.no_display', lang)} {t('ui.text_mode_hint', lang)}", file=sys.stderr)
        return EXIT_FAILED
    return run_game(data_dir=getattr(args, "data_dir", None), lang=_explicit_lang(args))


def _explicit_lang(args: argparse.Namespace) -> str | None:
    """The --lang given on the command line (None: use the saved setting)."""
    given = any(a == "--lang" or a.startswith("--lang=") for a in sys.argv[1:])
    return args.lang if given or args.lang != "nl" else None


def run_game(data_dir: str | Path | None = None, lang: str | None = None,
             library_folder: Path | None = None) -> int:
    """Open the window on the start screen and run until it is closed."""
    _quiet_pygame()
    from game.ui.app import App, Options

    app = App(Options(data_dir=Path(data_dir) if data_dir else None, lang=lang, library_folder=library_folder))
    app.open()
    try:
        app.run(app.make("start"))
    finally:
        app.close()
    return EXIT_OK


def explicit_lang(args: argparse.Namespace) -> str | None:
    """The --lang given on the command line, or None to use the saved setting."""
    return _explicit_lang(args)


def run_window(first: str, first_args: dict[str, Any], data_dir: str | Path | None = None,
               lang: str | None = None) -> int:
    """Open the window on the screen called ``first`` (made with ``first_args``); a screen still open at the end
    that holds something open (a workshop room) is closed with it."""
    _quiet_pygame()
    from game.ui.app import App, Options

    app = App(Options(data_dir=Path(data_dir) if data_dir else None, lang=lang))
    app.open()
    try:
        app.run(app.make(first, **first_args))
    finally:
        close_room = getattr(app.screen, "close_room", None)
        if callable(close_room):
            close_room()
        app.close()
    return EXIT_OK


# -- screenshots -------------------------------------------------------------------------------

def add_ui_commands(commands: Any) -> None:
    """Register ``screenshots`` on the CLI's sub-command parsers."""
    from game.engine.model import LANGUAGES

    shots = commands.add_parser("screenshots", help="render every screen of the game headless to PNG files")
    shots.add_argument("folder", metavar="DIR", help="folder for the PNG files (made when missing)")
    shots.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    shots.add_argument("--size", metavar="WxH", default="1280x720", help="window size (default 1280x720)")
    shots.add_argument("--library", metavar="DIR", help="scenario folder (default: the library)")
    shots.set_defaults(handler=cmd_screenshots)


def parse_size(text: str) -> tuple[int, int]:
    """'1280x720' -> (1280, 720); ValueError when it is not a sensible size."""
    width, _, height = text.lower().partition("x")
    size = (int(width), int(height))
    if not (320 <= size[0] <= 7680 and 240 <= size[1] <= 4320):
        raise ValueError(text)
    return size


def cmd_screenshots(args: argparse.Namespace) -> int:
    """Render every screen headless to PNG files in DIR."""
    try:
        size = parse_size(args.size)
    except ValueError:
        from game.i18n import t
        print(t("cli.error", args.lang, message=t("cli.bad_size", args.lang, value=repr(args.size))), file=sys.stderr)
        return EXIT_USAGE
    if "pygame" not in sys.modules:
        os.environ["SDL_VIDEODRIVER"] = "dummy"  # headless, also on a desktop
    _quiet_pygame()
    from game.ui.screenshots import render_screenshots

    library = Path(args.library) if args.library else None
    written = render_screenshots(Path(args.folder), args.lang, size, library)
    for path in written:
        print(path)
    return EXIT_OK
