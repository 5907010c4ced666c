"""The base of every screen: layers of regions, focus, hover, scrolling, keys and navigation.

A screen builds its widgets from its own state in ``build``; the app calls ``build`` again
after every change of state, window size or settings. Input: ``handle_event`` gives a
focused text field the key first, then the screen's declared ``BINDINGS``, then the
common keys (Tab, arrows, Enter/Space, Esc, Page Up/Down; ``bindings.COMMON``) and the mouse.
A screen never imports another screen: it asks the app's router for the next one by name
(``self.go("debrief", play=...)``, ``self.push("settings")``, ``self.dismiss()``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from collections.abc import Callable

import pygame

from game.ui.toolkit.bindings import COMMON, GLOBAL, Binding, find, key_name
from game.ui.toolkit.widgets import Layer, Region, TextInput, Ui, Widget

if TYPE_CHECKING:
    from game.ui.app import App

ResultHandler = Callable[[Any], None]


class Screen:
    """One screen of the game. Subclasses implement ``build`` and may override the hooks.

    ``name`` is the name the router knows the screen by; ``BINDINGS`` are the screen's keys,
    in the order of its hint bar (an action ``x`` is the method ``action_x``).
    """

    name = "screen"
    main_region = "main"
    BINDINGS: tuple[Binding, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for binding in cls.BINDINGS:
            if binding not in GLOBAL and not callable(getattr(cls, f"action_{binding.action}", None)):
                raise TypeError(f"{cls.__name__}: key {binding.keys} names action {binding.action!r}, "
                                f"but there is no method action_{binding.action}")

    def __init__(self, app: App) -> None:
        self.app = app
        self.layers: list[Layer] = []
        self.focus_key: str | None = None
        self.hover_key: str | None = None
        self._pressed: str | None = None
        self._scrolls: dict[str, int] = {}

    # -- building ----------------------------------------------------------------------------
    def build(self, ui: Ui, width: int, height: int) -> None:
        """Create ``self.layers`` for the current state and window size."""
        raise NotImplementedError

    def rebuild(self, ui: Ui, width: int, height: int) -> None:
        """Build again, keeping the scroll position of every region."""
        for layer in self.layers:
            for region in layer.regions:
                self._scrolls[region.name] = region.scroll
        self.layers = []
        self.build(ui, width, height)
        for layer in self.layers:
            for region in layer.regions:
                region.scroll = self._scrolls.get(region.name, 0)
                region.clamp()
        focused = self.focused()
        if focused is None and self.focus_key is not None and not self._focus_exists(self.focus_key):
            self.focus_key = None

    def forget_scroll(self, *names: str) -> None:
        """Start these regions at the top on the next build."""
        for name in names:
            self._scrolls.pop(name, None)

    # -- navigation: the app's router owns the stack ---------------------------------------------
    def go(self, name: str, **args: Any) -> None:
        """Replace this screen by the screen called ``name``, made with ``args``."""
        self.app.go(name, **args)

    def push(self, name: str, on_result: ResultHandler | None = None, **args: Any) -> None:
        """Open the screen called ``name`` on top of this one; ``on_result`` gets what it dismisses with."""
        self.app.push(name, on_result, **args)

    def dismiss(self, result: Any = None) -> None:
        """Close this screen and go back to the one below it (with ``result`` for its handler)."""
        self.app.pop(result)

    # -- keys --------------------------------------------------------------------------------------
    def shows(self, binding: Binding) -> bool:
        """Whether the hint bar shows this binding now (a screen may hide one in some states)."""
        return binding.show

    def hints(self) -> list[Binding]:
        """The bindings in the hint bar, in the order declared."""
        return [binding for binding in self.BINDINGS if self.shows(binding)]

    def key_hint(self, action: str) -> str:
        """The key of ``action`` as a button shows it ("Esc", "D"), from the same bindings as the keys."""
        for binding in self.BINDINGS + COMMON + GLOBAL:
            if binding.action == action:
                return key_name(binding.keys[0], self.app.ui.lang)
        raise KeyError(f"{type(self).__name__} has no key for the action {action!r}")

    def run_action(self, binding: Binding, pressed: str) -> None:
        """Do what ``binding`` is for (``pressed`` is the key, for the actions that want it)."""
        action = getattr(self, f"action_{binding.action}")
        if binding.with_key:
            action(pressed)
        else:
            action()

    def action_activate(self) -> None:
        """Enter/Space: press the focused widget; with nothing focused, the screen's main action."""
        focused = self.focused()
        if focused is not None:
            self.app.ui.keyboard = True
            focused.activate()
        else:
            self.default_action()

    def action_back(self) -> None:
        """Esc: close the open panel, otherwise back."""
        if self.top.on_close is not None and len(self.layers) > 1:
            self.top.on_close()
        else:
            self.on_back()

    def action_focus_next(self) -> None:
        self.move_focus(1)

    def action_focus_previous(self) -> None:
        self.move_focus(-1)

    def action_scroll(self, pressed: str) -> None:
        """Arrows move the focus in the scrolling region (or scroll it); pages, Home and End scroll."""
        if pressed in ("up", "down"):
            self._arrow(-1 if pressed == "up" else 1)
        else:
            self._page(pressed)

    # -- hooks for subclasses ----------------------------------------------------------------
    def on_back(self) -> None:
        """Esc with no panel open."""

    def default_action(self) -> None:
        """Enter when nothing has focus."""

    def update(self, dt: float) -> None:
        """Time passed (seconds); screens here are static, so nothing by default."""

    def on_enter(self) -> None:
        """The screen became the current one."""

    # -- queries -------------------------------------------------------------------------
    @property
    def top(self) -> Layer:
        return self.layers[-1] if self.layers else Layer()

    def focusables(self) -> list[tuple[Region, Widget]]:
        return self.top.focusables()

    def _focus_exists(self, key: str) -> bool:
        return any(w.key == key for _r, w in self.focusables())

    def focused(self) -> Widget | None:
        if self.focus_key is None:
            return None
        return next((w for _r, w in self.focusables() if w.key == self.focus_key), None)

    def widget(self, label: str) -> tuple[Region, Widget] | None:
        """The focusable widget whose label is or starts with ``label`` (for tests and hints)."""
        for region, widget in self.focusables():
            if widget.label == label:
                return region, widget
        for region, widget in self.focusables():
            if widget.label.startswith(label):
                return region, widget
        return None

    def widget_by_key(self, key: str) -> tuple[Region, Widget] | None:
        """The focusable widget with this key in the top layer."""
        return next(((r, w) for r, w in self.focusables() if w.key == key), None)

    def widget_centre(self, label: str) -> tuple[int, int] | None:
        """Screen position of a widget's centre (by key, else by label), scrolled into view first."""
        found = self.widget_by_key(label) or self.widget(label)
        if found is None:
            return None
        region, widget = found
        region.ensure_visible(widget)
        rect = widget.screen_rect(region.origin).clip(region.viewport)
        return rect.center

    def region(self, name: str) -> Region | None:
        for layer in reversed(self.layers):
            found = layer.region(name)
            if found is not None:
                return found
        return None

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        """Handle one event; True when something changed on screen."""
        kind = event.type
        if kind == pygame.MOUSEMOTION:
            return self._hover(event.pos)
        if kind == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._press(event.pos)
        if kind == pygame.MOUSEBUTTONUP and event.button == 1:
            return self._release(event.pos)
        if kind == pygame.MOUSEWHEEL:
            return self._wheel(event)
        if kind in (pygame.KEYDOWN, pygame.TEXTINPUT):
            focused = self.focused()
            if focused is not None and focused.handle_key(event, self.app.ui):
                self.app.rebuild()
                return True
            if kind == pygame.KEYDOWN:
                return self._key(event)
        return False

    def _key(self, event: pygame.event.Event) -> bool:
        """A key press: the screen's own bindings first, then the common keys."""
        found = find([b for b in self.BINDINGS if b not in GLOBAL] + list(COMMON), event)
        if found is None:
            return False
        self.run_action(*found)
        return True

    def move_focus(self, step: int) -> None:
        """Tab / Shift+Tab: the next or previous focusable widget of the top layer."""
        items = self.focusables()
        self.app.ui.keyboard = True
        if not items:
            self.app.invalidate()
            return
        keys = [w.key for _r, w in items]
        if self.focus_key in keys:
            index = (keys.index(self.focus_key) + step) % len(keys)
        else:
            index = 0 if step > 0 else len(keys) - 1
        self.set_focus(keys[index])

    def set_focus(self, key: str | None) -> None:
        self.focus_key = key
        for region, widget in self.focusables():
            if widget.key == key:
                region.ensure_visible(widget)
        self.app.invalidate()

    def _arrow(self, step: int) -> bool:
        """Up/Down: move focus within the focused widget's scrolling region, else scroll."""
        scroller = self.scroll_region()
        items = [w for r, w in self.focusables() if scroller is not None and r is scroller]
        if items and (self.focused() in items or not self.focus_key):
            keys = [w.key for w in items]
            if self.focus_key in keys:
                index = max(0, min(len(keys) - 1, keys.index(self.focus_key) + step))
            else:
                index = 0
            self.app.ui.keyboard = True
            self.set_focus(keys[index])
            return True
        if scroller is not None and scroller.scroll_by(step * self.app.ui.theme.text_px * 3):
            self.app.invalidate()
            return True
        return False

    def scroll_region(self) -> Region | None:
        """The main scrolling region of the top layer."""
        top = self.top
        return top.region(self.main_region) or next((r for r in top.regions if r.scrollable), None)

    def _page(self, key: str) -> bool:
        region = self.scroll_region()
        if region is None:
            return False
        page = int(region.viewport.height * 0.85)
        before = region.scroll
        if key == "pageup":
            region.scroll_by(-page)
        elif key == "pagedown":
            region.scroll_by(page)
        elif key == "home":
            region.scroll = 0
        else:
            region.scroll = region.max_scroll
        region.clamp()
        if before != region.scroll:
            self.app.invalidate()
        return True

    def _hit(self, pos: tuple[int, int]) -> Widget | None:
        for region in reversed(self.top.regions):
            found = region.widget_at(pos)
            if found is not None:
                return found
        return None

    def _hover(self, pos: tuple[int, int]) -> bool:
        found = self._hit(pos)
        key = found.key if found is not None else None
        if key != self.hover_key:
            self.hover_key = key
            self.app.invalidate()
            return True
        return False

    def _press(self, pos: tuple[int, int]) -> bool:
        found = self._hit(pos)
        self._pressed = found.key if found is not None else None
        return False

    def _release(self, pos: tuple[int, int]) -> bool:
        found = self._hit(pos)
        pressed, self._pressed = self._pressed, None
        top = self.top
        if found is None:
            if top.panel is not None and not top.panel.collidepoint(pos) and top.on_close is not None:
                top.on_close()
                return True
            return False
        if found.key != pressed:
            return False
        self.app.ui.keyboard = False
        # a click focuses a text field only: Enter after a click goes on (the screen's main action), not clicks again
        self.focus_key = found.key if isinstance(found, TextInput) else None
        found.activate()
        self.app.invalidate()
        return True

    def _wheel(self, event: pygame.event.Event) -> bool:
        pos = pygame.mouse.get_pos()
        regions = [r for r in self.top.regions if r.scrollable]
        target = next((r for r in regions if r.viewport.collidepoint(pos)), None) or self.scroll_region()
        if target is None:
            return False
        if target.scroll_by(-int(event.y) * self.app.ui.theme.text_px * 3):
            self.app.invalidate()
            return True
        return False

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """Draw every layer; a panel layer gets a shade over what lies below."""
        ui = self.app.ui
        surface.fill(ui.colour("background"))
        hover = None
        focus = self.focused()
        for index, layer in enumerate(self.layers):
            is_top = index == len(self.layers) - 1
            if layer.panel is not None:
                shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
                shade.fill(ui.theme.palette.shade)
                surface.blit(shade, (0, 0))
                pygame.draw.rect(surface, ui.colour("surface"), layer.panel, border_radius=ui.theme.radius)
                pygame.draw.rect(surface, ui.colour("border"), layer.panel, 1 if not ui.theme.high_contrast else 2,
                                 border_radius=ui.theme.radius)
            if is_top and self.hover_key is not None:
                hover = next((w for _r, w in layer.focusables() if w.key == self.hover_key), None)
            for region in layer.regions:
                region.draw(surface, ui, focus if is_top else None, hover if is_top else None)
