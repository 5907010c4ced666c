"""The screen router: every screen by name in one registry, and the stack of open screens.

Screens never import each other. A screen asks for the next one by name with keyword
arguments (``self.go("ending", play=play)``); the router makes it from the registry and
owns the stack: ``replace`` the top (the usual step), ``push`` a screen on top (settings)
and ``pop`` back to the one below, which gets what the popped screen dismissed with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from collections.abc import Mapping

from game.ui.screens.base import ResultHandler, Screen
from game.ui.screens.coach import CoachScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.intro import IntroScreen
from game.ui.screens.library import LibraryScreen
from game.ui.screens.playthroughs import PlaythroughsScreen
from game.ui.screens.progress import ProgressScreen
from game.ui.screens.route import RouteScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.situation import SituationScreen
from game.ui.screens.start import StartScreen
from game.ui.screens.workshop import WorkshopScreen
from game.ui.screens.workshop_debrief import WorkshopDebriefScreen
from game.ui.screens.workshop_pick import WorkshopPickScreen

if TYPE_CHECKING:
    from game.ui.app import App

# The one registry of screens: add a new screen's class here (its ``name`` is its route).
SCREENS: Mapping[str, type[Screen]] = {screen.name: screen for screen in (
    StartScreen, LibraryScreen, IntroScreen, SituationScreen, EndingScreen, DebriefScreen, RouteScreen,
    SettingsScreen, PlaythroughsScreen, CoachScreen, ProgressScreen, WorkshopScreen,
    WorkshopPickScreen, WorkshopDebriefScreen,
)}


class UnknownScreen(KeyError):
    """A screen was asked for by a name the registry does not have."""


@dataclass
class Entry:
    """A screen on the stack, with the handler for the result of the screen pushed on top of it."""

    screen: Screen
    on_result: ResultHandler | None = None


class Router:
    """The app's stack of screens; the top one is the current screen."""

    def __init__(self, app: App, screens: Mapping[str, type[Screen]] = SCREENS) -> None:
        self.app = app
        self.screens = screens
        self.stack: list[Entry] = []

    @property
    def current(self) -> Screen | None:
        return self.stack[-1].screen if self.stack else None

    @property
    def names(self) -> list[str]:
        """The names of the screens on the stack, bottom first."""
        return [entry.screen.name for entry in self.stack]

    def make(self, name: str, **args: Any) -> Screen:
        """A new screen of the kind called ``name``, given ``args``."""
        kind = self.screens.get(name)
        if kind is None:
            raise UnknownScreen(f"no screen called {name!r}; known: {', '.join(sorted(self.screens))}")
        return kind(self.app, **args)

    def replace(self, screen: Screen) -> None:
        """Put ``screen`` in the place of the current one (the first screen when the stack is empty)."""
        if self.stack:
            self.stack.pop()
        self.stack.append(Entry(screen))
        self._enter(screen)

    def push(self, screen: Screen, on_result: ResultHandler | None = None) -> None:
        """Open ``screen`` on top; ``on_result`` is called with its result when it is popped."""
        if self.stack:
            self.stack[-1].on_result = on_result
        self.stack.append(Entry(screen))
        self._enter(screen)

    def pop(self, result: Any = None) -> bool:
        """Close the current screen and show the one below; False when there is none below."""
        if len(self.stack) < 2:
            return False
        self.stack.pop()
        below = self.stack[-1]
        handler, below.on_result = below.on_result, None
        self._enter(below.screen)
        if handler is not None:
            handler(result)
        return True

    def _enter(self, screen: Screen) -> None:
        self.app.rebuild()
        screen.on_enter()
