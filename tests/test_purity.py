"""The engine core, the scoring and the command line never import pygame; the UI opens nothing at import."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import game
import scoring

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PATH": "", "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy",
                                 "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def core_modules() -> list[str]:
    """Every module of game/ outside game/ui, and every module of scoring/."""
    names = [m.name for m in pkgutil.walk_packages(game.__path__, "game.") if not m.name.startswith("game.ui")]
    return names + [m.name for m in pkgutil.walk_packages(scoring.__path__, "scoring.")]


def test_core_scoring_and_cli_leave_pygame_out() -> None:
    modules = ["game.engine.session", "game.content.library", "game.cli"] + core_modules()
    code = ("import importlib, json, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "from game.cli.main import build_parser\n"
            "build_parser().parse_args(['validate'])\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'pygame')))")
    assert json.loads(_run(code)) == []


def test_the_pure_parts_of_the_window_leave_pygame_out() -> None:
    modules = ["game.ui.settings", "game.ui.records", "game.ui.playthrough", "game.ui.launch"]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print('pygame' in sys.modules)")
    assert _run(code) == "False"


def test_importing_every_screen_opens_no_display() -> None:
    code = ("import importlib, pkgutil, game.ui, pygame\n"
            "for m in pkgutil.walk_packages(game.ui.__path__, 'game.ui.'): importlib.import_module(m.name)\n"
            "print(pygame.display.get_init(), pygame.font.get_init())")
    assert _run(code) == "False False"
