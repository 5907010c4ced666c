"""The screen router: every screen by name in one registry, and the stack of open screens.

Screens never import each other. A screen asks for the next one by name with keyword
arguments (``self.go("ending", play=play)``); the router makes it from the registry and
owns the stack: ``replace`` the top (the usual step), ``push`` a screen on top (settings)
and ``pop`` back to the one below, which gets what the popped screen dismissed with.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from game.engine.records import dataclass
from typing import TYPE_CHECKING, Any

from game.ui.screens.base import ResultHandler, Screen

if TYPE_CHECKING:
    from game.ui.app import App

# The one registry of screens: add a new screen here as its name (its route) and "module:Class".
# A screen's module is imported when it is first asked for, so the first frame imports only the
# start screen (not coaching, the report renderer or Jinja2).
SCREEN_PATHS: Mapping[str, str] = {
    "start": "game.ui.screens.start:StartScreen",
    "library": "game.ui.screens.library:LibraryScreen",
    "intro": "game.ui.screens.intro:IntroScreen",
    "situation": "game.ui.screens.situation:SituationScreen",
    "ending": "game.ui.screens.ending:EndingScreen",
    "debrief": "game.ui.screens.debrief:DebriefScreen",
    "route": "game.ui.screens.route:RouteScreen",
    "settings": "game.ui.screens.settings:SettingsScreen",
    "playthroughs": "game.ui.screens.playthroughs:PlaythroughsScreen",
    "coach": "game.ui.screens.coach:CoachScreen",
    "progress": "game.ui.screens.progress:ProgressScreen",
    "workshop": "game.ui.screens.workshop:WorkshopScreen",
    "workshop_pick": "game.ui.screens.workshop_pick:WorkshopPickScreen",
    "workshop_debrief": "game.ui.screens.workshop_debrief:WorkshopDebriefScreen",
}


class LazyScreens(Mapping[str, type[Screen]]):
    """Screen classes by name, each imported from its module on first use and kept."""

    def __init__(self, paths: Mapping[str, str]) -> None:
        self.paths = paths
        self.loaded: dict[str, type[Screen]] = {}

    def __getitem__(self, name: str) -> type[Screen]:
        kind = self.loaded.get(name)
        if kind is None:
            module, _, attribute = self.paths[name].partition(":")  # KeyError for an unknown name
            kind = getattr(importlib.import_module(module), attribute)
            if not (isinstance(kind, type) and issubclass(kind, Screen)) or kind.name != name:
                raise TypeError(f"{self.paths[name]} is not a screen called {name!r}")
            self.loaded[name] = kind
        return kind

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


SCREENS: Mapping[str, type[Screen]] = LazyScreens(SCREEN_PATHS)


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
