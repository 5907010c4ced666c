"""The game window: one loop that owns the clock, the screen router, settings and progress.

The loop draws only when something changed, and waits for events when nothing does, so an
idle game uses next to no CPU. The router (``game.ui.router``) owns the stack of screens;
screens ask for the next one by name through ``go``, ``push`` and ``pop``. Global keys
(``toolkit.bindings.GLOBAL``): F11 fullscreen, Ctrl+plus/minus/0 text size, F5 reload. Nothing here
runs at import; ``App.open`` creates the window.
"""

from __future__ import annotations

import time
from dataclasses import replace
from game.engine.records import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Callable

import pygame

from game.ui.loading import LibraryLoad, ParsedFiles, Progress, load_now
from game.ui.toolkit.bindings import GLOBAL, find
from game.ui.toolkit.fonts import Fonts
from game.ui.router import Router
from game.ui.screens.base import ResultHandler, Screen
from game.ui.settings import TEXT_SIZES, Settings, SettingsFile, data_dir
from game.ui.toolkit.text import Typesetter
from game.ui.toolkit.theme import make_theme
from game.ui.toolkit.widgets import Ui, rounded

if TYPE_CHECKING:  # the library and the store are loaded after the first frame, not before it
    from game.content.library import Library
    from game.ui.records import PlayerInfo, Records

DEFAULT_SIZE = (1280, 720)
MINIMUM_SIZE = (960, 640)
ACTIVE_SECONDS = 1.5  # after input, block in event.wait for quick response; later poll slowly
IDLE_POLL_MS = 25
TITLE = "Omgekeerd"
PROGRESS_REDRAW = 0.1  # seconds between two rebuilds for a library that is still loading
ALLOWED_EVENTS = (pygame.QUIT, pygame.KEYDOWN, pygame.TEXTINPUT, pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN,
                  pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL, pygame.VIDEORESIZE, pygame.VIDEOEXPOSE,
                  pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED, pygame.WINDOWEXPOSED, pygame.WINDOWFOCUSGAINED,
                  pygame.WINDOWRESTORED, pygame.WINDOWMAXIMIZED, pygame.WINDOWSHOWN, pygame.WINDOWCLOSE)


@dataclass
class Options:
    """How the game was started."""

    data_dir: Path | None = None
    library_folder: Path | None = None
    lang: str | None = None  # --lang on the command line wins over the saved setting
    size: tuple[int, int] = DEFAULT_SIZE
    save_settings: bool = True


class App:
    """The running game: window, loop, settings, library, progress and the current screen."""

    def __init__(self, options: Options | None = None) -> None:
        from game.engine.gcpause import freeze_after_pause

        freeze_after_pause(False)  # a long session: every screen it leaves must stay collectable
        self.options = options or Options()
        self.folder = data_dir(self.options.data_dir)
        self.settings_file = SettingsFile(self.folder)
        self.settings: Settings = Settings()
        self._records: Records | None = None  # opened after the first frame, or when a screen asks for it first
        self.window: pygame.Window | None = None
        self.surface: pygame.Surface | None = None
        self.fonts = Fonts()
        self.typesetter = Typesetter(self.fonts)
        self.ui: Ui = None  # type: ignore[assignment]  # set in open()
        self.router = Router(self)
        self.player: PlayerInfo | None = None
        self.mode = "training"
        self.running = False
        self.dirty = True
        self.needs_build = True
        self.frames = 0
        self._library: Library | None = None
        self._parsed = ParsedFiles()  # checked files by path, mtime and size: a reload reads only what changed
        self._load: LibraryLoad | None = None  # the library being loaded in the background
        self._load_seen = 0
        self._load_shown = 0.0
        self._load_unshown = False  # the load has more than the screen shows
        self._load_progressive = True  # show the cases of a load as they come (not for a reload)
        self._after_load: list[Callable[[], None]] = []
        self._analyses: dict[str, Any] = {}
        self._toast: tuple[str, float] | None = None
        self._toast_screen: Screen | None = None  # the screen a toast belongs to (it goes when that screen goes)
        self.kept: dict[str, Any] = {}  # what a screen keeps between visits (the library's filter)
        self._last_input = 0.0
        self._last_frame = time.monotonic()

    # -- opening and closing ------------------------------------------------------------------
    def open(self) -> App:
        """Create the window and read the settings (progress is read after the first frame)."""
        pygame.display.init()
        pygame.font.init()
        self.settings = self.settings_file.load()
        if self.options.lang:
            self.settings = replace(self.settings, lang=self.options.lang)
        self.window = pygame.Window(TITLE, self.options.size, resizable=True)
        self.window.minimum_size = MINIMUM_SIZE
        if self.settings.fullscreen:
            self.window.set_fullscreen(True)
        self.surface = self.window.get_surface()
        pygame.event.set_allowed(None)
        pygame.event.set_blocked(None)
        pygame.event.set_allowed(list(ALLOWED_EVENTS))
        pygame.key.set_repeat(400, 40)
        self._make_ui()
        return self

    @property
    def records(self) -> Records:
        """Progress: the session store (or memory records with the problem), opened on first use."""
        if self._records is None:
            from game.ui.records import open_records

            self._records = open_records(self.options.data_dir or self.folder)
            self.rebuild()  # a screen built without them shows them now
        return self._records

    @records.setter
    def records(self, records: Records) -> None:
        self._records = records

    @property
    def records_if_open(self) -> Records | None:
        """The records when they are open, without opening them (what the first frame may show)."""
        return self._records

    def close(self) -> None:
        if self._load is not None:
            self._load.cancel()  # a load in progress stops after its file; the thread never holds the window
            self._load = None
        if self._records is not None:
            self._records.close()
        if self.window is not None:
            self.window.destroy()
            self.window = None
        pygame.display.quit()

    # -- state the screens share --------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size() if self.surface else self.options.size

    @property
    def library(self) -> Library:
        """The whole scenario library: waits for a background load; loaded here when none was started."""
        if self._load is not None:
            self._load.wait()
            self._poll_load()
        if self._library is None:
            self._library = load_now(self.options.library_folder, self._parsed)
        return self._library

    @property
    def library_so_far(self) -> Library:
        """What is loaded of the library now, never waiting for a background load (then: the whole library)."""
        if self._load is not None:
            self._poll_load()
        if self._library is not None:
            return self._library
        return self.library

    @property
    def library_progress(self) -> Progress | None:
        """How far the background load is (None: no load running)."""
        return self._load.poll()[2] if self._load is not None else None

    def load_library(self, progressive: bool = True) -> None:
        """Load the library in a background thread; the loop shows the cases as they come when ``progressive``."""
        if self._load is not None:
            self._load.cancel(0)
        self._load = LibraryLoad(self.options.library_folder, self._parsed).start()
        self._load_seen, self._load_shown, self._load_unshown, self._load_progressive = 0, 0.0, False, progressive

    def after_library(self, action: Callable[[], None]) -> None:
        """Do ``action`` once the whole library is loaded: now, or in the frame the background load ends."""
        if self._load is None:
            action()
        else:
            self._after_load.append(action)

    def reload_library(self) -> Library:
        """Read the library again now (only the files that changed are read from disk)."""
        self._drop_load()
        self._library = load_now(self.options.library_folder, self._parsed)
        self._loaded()
        return self._library

    def set_library(self, library: Library) -> None:
        self._drop_load()
        self._library = library
        self._loaded()

    def _drop_load(self) -> None:
        if self._load is not None:
            self._load.cancel(0)
            self._load = None

    def _loaded(self) -> None:
        """The whole library is there: do what waited for it."""
        waiting, self._after_load = self._after_load, []
        for action in waiting:
            action()

    def _poll_load(self) -> None:
        """Take what the background load has now; rebuild a screen that shows the library (not too often)."""
        load = self._load
        assert load is not None
        version, library, progress = load.poll()
        if version != self._load_seen:
            self._load_seen, self._load_unshown = version, True
            if progress.finished or self._load_progressive:
                self._library = library if library is not None else self._library
            if progress.finished:
                self._load = None
                self._loaded()
        now = time.monotonic()
        if self._load_unshown and (progress.finished or now - self._load_shown >= PROGRESS_REDRAW):
            self._load_shown, self._load_unshown = now, False
            if getattr(self.screen, "follows_library", False):
                self.rebuild()

    def analysis_for(self, scenario: Any) -> Any:
        """The analysis of a scenario, computed once per content (only for the debrief)."""
        from scoring.analysis import analyse

        key = f"{scenario.id}:{scenario.content_hash}"
        if key not in self._analyses:
            self._analyses[key] = analyse(scenario)
        return self._analyses[key]

    def _make_ui(self) -> None:
        width, height = self.size
        theme = make_theme(self.settings, width, height)
        keyboard = self.ui.keyboard if self.ui is not None else False
        self.ui = Ui(theme, self.fonts, self.typesetter, self.settings.lang, keyboard)

    def change_settings(self, **changes: Any) -> bool:
        """Apply and save new settings (fullscreen switches the window at once); False when the disk refused."""
        before = self.settings
        self.settings = replace(self.settings, **changes).clamped()
        saved = not self.options.save_settings or self.settings_file.save(self.settings)
        if not saved:
            self.toast(self.ui.t("ui.settings_not_saved"))
        if self.window is not None and before.fullscreen != self.settings.fullscreen:
            if self.settings.fullscreen:
                self.window.set_fullscreen(True)
            else:
                self.window.set_windowed()
            self.surface = self.window.get_surface()
        self._make_ui()
        self.rebuild()
        return saved

    # -- navigation and redraw ----------------------------------------------------------------
    @property
    def screen(self) -> Screen | None:
        """The current screen: the top of the router's stack."""
        return self.router.current

    def make(self, name: str, **args: Any) -> Screen:
        """A screen by its name in the registry (``router.SCREENS``)."""
        return self.router.make(name, **args)

    def go(self, name: str, **args: Any) -> None:
        """Replace the current screen by the screen called ``name``."""
        self.router.replace(self.make(name, **args))

    def push(self, name: str, on_result: ResultHandler | None = None, **args: Any) -> None:
        """Open the screen called ``name`` on top of the current one."""
        self.router.push(self.make(name, **args), on_result)

    def pop(self, result: Any = None) -> bool:
        """Back to the screen below the current one, handing it ``result``."""
        return self.router.pop(result)

    def show(self, screen: Screen) -> None:
        """Make ``screen`` (already made) the current screen, in the place of the current one."""
        self.router.replace(screen)

    def invalidate(self) -> None:
        """Redraw on the next frame."""
        self.dirty = True

    def rebuild(self) -> None:
        """Build the current screen again, then redraw."""
        self.needs_build = True
        self.dirty = True

    def toast(self, message: str, seconds: float = 4.0) -> None:
        """A short message at the bottom of the window."""
        self._toast = (message, time.monotonic() + seconds)
        self._toast_screen = None  # the screen shown when the next frame is drawn: this one, or the one it opens
        self.dirty = True

    @property
    def toast_text(self) -> str | None:
        return self._toast[0] if self._toast else None

    # -- events -------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        """One event: window events and global keys here, the rest to the screen."""
        kind = event.type
        if kind in (pygame.QUIT, pygame.WINDOWCLOSE):
            self.running = False
            return
        if kind in (pygame.VIDEORESIZE, pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED):
            if self.window is not None:
                self.surface = self.window.get_surface()
            self._make_ui()
            self.rebuild()
            return
        if kind in (pygame.VIDEOEXPOSE, pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED,
                    pygame.WINDOWMAXIMIZED, pygame.WINDOWFOCUSGAINED):
            self.dirty = True
            return
        if kind == pygame.KEYDOWN and self._global_key(event):
            return
        if kind == pygame.MOUSEBUTTONDOWN and self.ui.keyboard:
            self.ui.keyboard = False
            self.dirty = True
        if self.screen is not None:
            if self.needs_build:
                self._build()
            self.screen.handle_event(event)

    def _global_key(self, event: pygame.event.Event) -> bool:
        """The keys of the whole window (``toolkit.bindings.GLOBAL``); True when the key was one of them."""
        found = find(GLOBAL, event)
        if found is None:
            return False
        binding, pressed = found
        action = getattr(self, f"action_{binding.action}")
        if binding.with_key:
            action(pressed)
        else:
            action()
        return True

    def action_fullscreen(self) -> None:
        self.change_settings(fullscreen=not self.settings.fullscreen)

    def action_text_size(self, pressed: str) -> None:
        self._text_size(-1 if pressed.endswith("minus") else +1)

    def action_text_normal(self) -> None:
        self.change_settings(text_size=Settings().text_size)

    def action_reload(self) -> None:
        """F5: the screen reloads what it shows; otherwise the library is read again."""
        if self.screen is None:
            return
        reload: Callable[[], None] | None = getattr(self.screen, "on_reload", None)
        if reload is not None:
            reload()
        else:
            self.load_library(progressive=False)
            self.after_library(lambda: self.toast(self.ui.t("ui.reloaded_library")))
            self.rebuild()

    def _text_size(self, step: int) -> None:
        size = max(0, min(len(TEXT_SIZES) - 1, self.settings.text_size + step))
        if size != self.settings.text_size:
            self.change_settings(text_size=size)
        self.toast(self.ui.t("ui.text_size_now", step=size + 1, steps=len(TEXT_SIZES)), 1.5)

    # -- one frame ------------------------------------------------------------------------------
    def _build(self) -> None:
        if self.screen is not None:
            width, height = self.size
            self.screen.rebuild(self.ui, width, height)
        self.needs_build = False

    def frame(self) -> bool:
        """Let the screen update, then build and draw if needed; True when a frame was drawn."""
        now = time.monotonic()
        if self._load is not None:
            self._poll_load()
        if self.screen is not None:
            self.screen.update(now - self._last_frame)
        self._last_frame = now
        self._expire_toast()
        if self.needs_build:
            self._build()
        if not self.dirty or self.screen is None or self.surface is None:
            return False
        self.screen.draw(self.surface)
        self._draw_toast()
        if self.window is not None:
            self.window.flip()
        self.dirty = False
        self.frames += 1
        return True

    def pump(self) -> None:
        """Handle every queued event, then draw if needed (tests drive the game with this)."""
        for event in pygame.event.get():
            self.handle(event)
        self.frame()

    def _expire_toast(self) -> None:
        """A toast ends at its time, or when the screen it was shown on is left (it never covers the next one)."""
        if self._toast is None:
            return
        if self._toast_screen is None:
            self._toast_screen = self.screen
        if time.monotonic() >= self._toast[1] or self._toast_screen is not self.screen:
            self._toast = None
            self._toast_screen = None
            self.dirty = True

    def _draw_toast(self) -> None:
        if self._toast is None or self.surface is None:
            return
        ui = self.ui
        width, height = self.size
        layout = ui.layout(self._toast[0], "text", min(width - 8 * ui.theme.unit, ui.theme.column))
        box = pygame.Rect(0, 0, layout.text_width + 4 * ui.theme.unit, layout.height + 2 * ui.theme.unit)
        box.midbottom = (width // 2, height - 3 * ui.theme.unit)
        rounded(self.surface, ui.colour("text"), box, ui.theme.radius)
        if ui.theme.high_contrast:
            rounded(self.surface, ui.colour("accent"), box, ui.theme.radius, 2)
        layout.draw(self.surface, box.x + 2 * ui.theme.unit, box.y + ui.theme.unit, ui.colour("background"))

    # -- the loop -------------------------------------------------------------------------------
    def run(self, first: Screen) -> None:
        """Show ``first`` and run until the window closes."""
        self.show(first)
        self.running = True
        self.frame()
        self.after_first_frame()
        self._last_input = time.monotonic()
        while self.running:
            events = pygame.event.get()
            if not events:
                events = self._wait()
            if events:
                self._last_input = time.monotonic()
            for event in events:
                self.handle(event)
                if self.closing:
                    break
            self.frame()

    def after_first_frame(self) -> None:
        """What the first frame does not need: the records (then the screen is built again with them), and the
        library, loaded in the background."""
        if self._library is None and self._load is None:
            self.load_library()
        _ = self.records

    @property
    def closing(self) -> bool:
        """The window is to close (a handled event asked for it)."""
        return not self.running

    def _wait(self) -> list[pygame.event.Event]:
        """Block briefly while the player is active; poll slowly (cheaply) when idle."""
        timeout = IDLE_POLL_MS
        if self._toast is not None:
            timeout = max(1, min(timeout, int((self._toast[1] - time.monotonic()) * 1000) + 1))
        if time.monotonic() - self._last_input < ACTIVE_SECONDS:
            event = pygame.event.wait(timeout)
            return [] if event.type == pygame.NOEVENT else [event]
        pygame.time.wait(timeout)
        return []
