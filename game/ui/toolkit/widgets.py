"""Our small widget layer on pygame-ce: text blocks, buttons, a text field, scrollable regions.

Every widget has a ``rect`` in the coordinates of its region, ``place`` (lay out for a width,
return the height), ``draw`` and, when focusable, ``activate``. A ``Region`` is a viewport
with widgets that may scroll; a ``Layer`` is a stack of regions (the screen, or a panel on
top of it). Screens rebuild their widgets from their own state whenever something changes;
text layouts are cached, so rebuilding is cheap.
"""

from __future__ import annotations

from game.engine.records import dataclass, field
from collections.abc import Callable, Iterable

import pygame

from game.i18n import t as translate
from game.i18n import tn as translate_count

from game.ui.toolkit.fonts import Fonts
from game.ui.toolkit.text import TextLayout, Typesetter
from game.ui.toolkit.theme import Colour, Theme

Action = Callable[[], None]


@dataclass
class Ui:
    """What widgets need to lay out and draw: theme, fonts, typesetter, language, focus mode."""

    theme: Theme
    fonts: Fonts
    typesetter: Typesetter
    lang: str
    keyboard: bool = False  # show the focus ring (after keyboard use)

    def t(self, key: str, **values: object) -> str:
        """An interface string in the current language, with ``{name}`` values filled in."""
        text = translate(key, self.lang)
        return text.format(**values) if values else text

    def tn(self, key: str, count: int, **values: object) -> str:
        """An interface string with a real plural: the form for ``count`` (also filled in as ``{count}``)."""
        return translate_count(key, count, self.lang, **values)

    def px(self, size: str) -> int:
        theme = self.theme
        return {"small": theme.small_px, "text": theme.text_px, "heading": theme.heading_px,
                "title": theme.title_px}.get(size, theme.text_px)

    def colour(self, role: str) -> Colour:
        return getattr(self.theme.palette, role)

    def layout(self, text: str, size: str = "text", width: int = 10_000, style: str = "regular",
               rich: bool = True) -> TextLayout:
        return self.typesetter.layout(text, self.px(size), width, style, rich)


@dataclass
class DrawState:
    focused: bool = False
    hovered: bool = False


class Widget:
    """Base widget: a rectangle in region coordinates; not focusable."""

    focusable = False

    def __init__(self, key: str = "") -> None:
        self.key = key
        self.rect = pygame.Rect(0, 0, 0, 0)

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        """Lay out at (x, y) within ``width``; return the height used."""
        self.rect = pygame.Rect(x, y, width, 0)
        return 0

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        """Draw at ``rect`` moved by ``origin``."""

    def activate(self) -> None:
        """Do what a click or Enter does."""

    def handle_key(self, event: pygame.event.Event, ui: Ui) -> bool:
        """A focused widget may take a key first (a text field does); True when it did."""
        return False

    @property
    def label(self) -> str:
        """Text that names the widget (tests find buttons by it)."""
        return ""

    def screen_rect(self, origin: tuple[int, int]) -> pygame.Rect:
        return self.rect.move(origin)


def rounded(surface: pygame.Surface, colour: Colour, rect: pygame.Rect, radius: int, width: int = 0) -> None:
    pygame.draw.rect(surface, colour, rect, width, border_radius=radius)


class Spacer(Widget):
    def __init__(self, height: int) -> None:
        super().__init__()
        self.height = height

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.rect = pygame.Rect(x, y, width, self.height)
        return self.height


class Rule(Widget):
    """A thin horizontal line."""

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.rect = pygame.Rect(x, y, width, max(1, ui.theme.unit // 4))
        return self.rect.height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        rect = self.screen_rect(origin)
        pygame.draw.line(surface, ui.colour("border"), rect.topleft, rect.topright, 1)


class TextBlock(Widget):
    """Wrapped text, optionally on a box (a quiet panel with padding)."""

    def __init__(self, text: str, size: str = "text", style: str = "regular", role: str = "text",
                 rich: bool = True, box: str | None = None, border: str | None = None, key: str = "",
                 center: bool = False, max_width: int | None = None) -> None:
        super().__init__(key)
        self.text, self.size, self.style, self.role, self.rich = text, size, style, role, rich
        self.box, self.border, self.center, self.max_width = box, border, center, max_width
        self.layout: TextLayout | None = None
        self.pad = 0

    @property
    def label(self) -> str:
        return self.text

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.pad = ui.theme.pad if self.box else 0
        inner = min(width, self.max_width or width) - 2 * self.pad
        self.layout = ui.layout(self.text, self.size, inner, self.style, self.rich)
        height = self.layout.height + 2 * self.pad
        self.rect = pygame.Rect(x, y, width if self.box else min(width, self.max_width or width), height)
        return height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        if self.layout is None:
            return
        rect = self.screen_rect(origin)
        if self.box:
            rounded(surface, ui.colour(self.box), rect, ui.theme.radius)
        if self.border:
            rounded(surface, ui.colour(self.border), rect, ui.theme.radius, 2)
        x = rect.x + self.pad
        if self.center:
            x = rect.centerx - self.layout.text_width // 2
        self.layout.draw(surface, x, rect.y + self.pad, ui.colour(self.role))


class Button(Widget):
    """A button: primary, secondary, quiet, chip (a toggle) or choice (numbered, full width).

    A note (such as the reason a choice is unavailable) goes under the label; a badge (such as
    "new") sits at the right of the label, or at the right of the note when there is one.
    """

    focusable = True

    def __init__(self, label: str, action: Action | None, kind: str = "secondary", *, key: str = "",
                 number: int | None = None, enabled: bool = True, note: str = "", selected: bool = False,
                 fill: bool = False, hint: str = "", badge: str = "") -> None:
        super().__init__(key or f"button:{label}")
        self.text, self.action, self.kind = label, action, kind
        self.number, self.enabled, self.note, self.selected = number, enabled, note, selected
        self.fill, self.hint, self.badge = fill or kind == "choice", hint, badge
        self._label: TextLayout | None = None
        self._note: TextLayout | None = None
        self._number_w = 0

    @property
    def label(self) -> str:
        return self.text

    def _size(self) -> str:
        return "small" if self.kind in ("chip", "quiet") else "text"

    def _style(self) -> str:
        return "bold" if self.kind == "primary" else "regular"

    def _padding(self, ui: Ui) -> tuple[int, int]:
        unit = ui.theme.unit
        if self.kind == "chip":
            return int(unit * 1.5), unit // 2 + 2
        if self.kind == "choice":
            return unit * 2, int(unit * 1.2)
        return unit * 2, unit

    def _extras(self, ui: Ui) -> tuple[int, int]:
        """(width of the hint, width of the badge), each with its gap."""
        unit = ui.theme.unit
        hint = ui.layout(self.hint, "small", 10_000).text_width + unit * 2 if self.hint else 0
        badge = ui.layout(self.badge, "small", 10_000, "bold").text_width + unit * 3 if self.badge else 0
        return hint, badge

    def natural_width(self, ui: Ui) -> int:
        """The width the button takes when its label fits on one line."""
        pad_x, _ = self._padding(ui)
        hint, badge = self._extras(ui)
        label = ui.layout(self.text, self._size(), 10_000, self._style()).text_width
        return label + 2 * pad_x + hint + (badge if not self.note else 0) + 4

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        unit = ui.theme.unit
        pad_x, pad_y = self._padding(ui)
        own = width if self.fill else min(width, self.natural_width(ui))
        self._number_w = ui.layout("9", "text", 100, "bold").text_width + unit * 3 if self.number is not None else 0
        hint, badge = self._extras(ui)
        inner = own - 2 * pad_x - self._number_w - hint
        self._label = ui.layout(self.text, self._size(), inner - (0 if self.note else badge), self._style())
        height = self._label.height + 2 * pad_y
        self._note = None
        if self.note:
            self._note = ui.layout(self.note, "small", inner - badge, "italic")
            height += self._note.height + unit // 4
        self.rect = pygame.Rect(x, y, own, height)
        return height

    def colours(self, ui: Ui, state: DrawState) -> tuple[Colour, Colour, Colour | None]:
        """(background, text, border) for the button's kind and state."""
        p = ui.theme.palette
        high = ui.theme.high_contrast
        if not self.enabled:
            return p.disabled_bg, p.disabled_text, p.border
        if self.kind == "primary":
            if state.hovered and high:
                return p.hover, p.accent, p.accent
            darker: Colour = (max(0, p.accent[0] - 22), max(0, p.accent[1] - 22), max(0, p.accent[2] - 22))
            return (darker if state.hovered else p.accent), p.accent_text, None
        if self.kind == "chip" and self.selected:
            return p.accent, p.accent_text, None
        if self.kind == "quiet":
            return (p.hover if state.hovered else p.background), p.accent, (p.border if high else None)
        text = p.accent if self.kind in ("secondary", "chip") else p.text
        return (p.hover if state.hovered else p.surface), text, p.border

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        if self._label is None:
            return
        rect = self.screen_rect(origin)
        unit, radius = ui.theme.unit, ui.theme.radius
        pad_x, pad_y = self._padding(ui)
        background, text, border = self.colours(ui, state)
        rounded(surface, background, rect, radius)
        if border is not None:
            rounded(surface, border, rect, radius, 1 if not ui.theme.high_contrast else 2)
        if self.selected and self.kind != "chip":
            rounded(surface, ui.colour("accent"), rect, radius, 3)
        x = rect.x + pad_x
        first_line = self._label.line_height
        if self.number is not None:
            self._draw_number(surface, ui, x, rect.y + pad_y + first_line // 2)
            x += self._number_w
        self._label.draw(surface, x, rect.y + pad_y, text)
        note_y = rect.y + pad_y + self._label.height + unit // 4
        if self._note is not None:
            self._note.draw(surface, x, note_y, ui.colour("disabled_text") if not self.enabled else ui.colour("muted"))
        right = rect.right - pad_x
        if self.hint:
            hint = ui.layout(self.hint, "small", 10_000)
            hint.draw(surface, right - hint.text_width, rect.y + pad_y + (first_line - hint.line_height) // 2,
                      text if self.kind == "primary" else ui.colour("muted"))
            right -= hint.text_width + unit * 2
        if self.badge:
            centre = note_y + self._note.line_height // 2 if self._note else rect.y + pad_y + first_line // 2
            self._draw_badge(surface, ui, right, centre)
        if state.focused:
            ring = rect.inflate(ui.theme.ring * 2 + 2, ui.theme.ring * 2 + 2)
            rounded(surface, ui.colour("focus"), ring, radius + ui.theme.ring, ui.theme.ring)

    def _draw_number(self, surface: pygame.Surface, ui: Ui, x: int, centre_y: int) -> None:
        unit = ui.theme.unit
        number = ui.layout(str(self.number), "text", 100, "bold")
        size = number.line_height - unit // 2
        box = pygame.Rect(x - unit // 2, centre_y - size // 2, self._number_w - unit * 2 + unit // 2, size)
        rounded(surface, ui.colour("accent") if self.enabled else ui.colour("border"), box, ui.theme.radius)
        number.draw(surface, box.centerx - number.text_width // 2, box.centery - number.line_height // 2,
                    ui.colour("accent_text") if self.enabled else ui.colour("disabled_text"))

    def _draw_badge(self, surface: pygame.Surface, ui: Ui, right: int, centre_y: int) -> None:
        unit = ui.theme.unit
        badge = ui.layout(self.badge, "small", 10_000, "bold")
        pill = pygame.Rect(0, 0, badge.text_width + unit * 2, badge.line_height)
        pill.midright = (right, centre_y)
        rounded(surface, ui.colour("new_bg"), pill, pill.h // 2)
        if ui.theme.high_contrast:
            rounded(surface, ui.colour("new_text"), pill, pill.h // 2, 1)
        badge.draw(surface, pill.x + unit, pill.y, ui.colour("new_text"))

    def activate(self) -> None:
        if self.enabled and self.action is not None:
            self.action()


class TextInput(Widget):
    """A one-line text field; typing goes in while it has focus, Enter submits."""

    focusable = True

    def __init__(self, value: str, on_change: Callable[[str], None], on_submit: Action | None = None, *,
                 placeholder: str = "", key: str = "input", max_length: int = 40) -> None:
        super().__init__(key)
        self.value, self.on_change, self.on_submit = value, on_change, on_submit
        self.placeholder, self.max_length = placeholder, max_length

    @property
    def label(self) -> str:
        return self.placeholder

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        height = ui.layout("Ag", "text").line_height + ui.theme.unit * 2
        self.rect = pygame.Rect(x, y, width, height)
        return height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        rect = self.screen_rect(origin)
        unit = ui.theme.unit
        rounded(surface, ui.colour("surface"), rect, ui.theme.radius)
        rounded(surface, ui.colour("accent") if state.focused else ui.colour("border"), rect, ui.theme.radius,
                2 if state.focused else 1)
        shown = self.value or self.placeholder
        role = "text" if self.value else "muted"
        layout = ui.layout(shown, "text", 10_000, rich=False)
        clip = surface.get_clip()
        inner = rect.inflate(-2 * unit, 0)
        surface.set_clip(inner.clip(clip) if clip else inner)
        offset = max(0, layout.text_width - inner.width + unit) if self.value else 0
        layout.draw(surface, inner.x - offset, rect.y + unit, ui.colour(role))
        if state.focused:
            caret_x = inner.x - offset + (layout.text_width if self.value else 0) + 1
            pygame.draw.line(surface, ui.colour("text"), (caret_x, rect.y + unit), (caret_x, rect.bottom - unit), 2)
        surface.set_clip(clip)
        if state.focused and ui.keyboard:
            ring = rect.inflate(ui.theme.ring * 2 + 2, ui.theme.ring * 2 + 2)
            rounded(surface, ui.colour("focus"), ring, ui.theme.radius + ui.theme.ring, ui.theme.ring)

    def handle_key(self, event: pygame.event.Event, ui: Ui) -> bool:
        if event.type == pygame.TEXTINPUT:
            text = "".join(ch for ch in event.text if ch.isprintable())
            if text:
                self.value = (self.value + text)[: self.max_length]
                self.on_change(self.value)
            return True
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_BACKSPACE:
            self.value = self.value[:-1] if not event.mod & pygame.KMOD_CTRL else ""
            self.on_change(self.value)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.on_submit:
                self.on_submit()
            return True
        # printable keys arrive as TEXTINPUT; swallow their KEYDOWN so shortcuts do not fire
        return bool(event.unicode and event.unicode.isprintable() and not event.mod & pygame.KMOD_CTRL)


class Region:
    """A viewport of widgets; scrolls when its content is taller than the viewport."""

    def __init__(self, name: str, viewport: pygame.Rect, *, scroll: bool = False, background: str | None = None,
                 border: str | None = None) -> None:
        self.name, self.viewport, self.scrollable = name, pygame.Rect(viewport), scroll
        self.background, self.border = background, border
        self.widgets: list[Widget] = []
        self.content_height = 0
        self.scroll = 0
        self.ui: Ui | None = None  # a region laid out with its own (smaller) type draws with it

    def add(self, widget: Widget) -> Widget:
        self.widgets.append(widget)
        self.content_height = max(self.content_height, widget.rect.bottom)
        return widget

    def extend(self, widgets: Iterable[Widget]) -> None:
        for widget in widgets:
            self.add(widget)

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height - self.viewport.height) if self.scrollable else 0

    def clamp(self) -> None:
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    @property
    def origin(self) -> tuple[int, int]:
        return self.viewport.x, self.viewport.y - self.scroll

    def widget_at(self, pos: tuple[int, int]) -> Widget | None:
        if not self.viewport.collidepoint(pos):
            return None
        for widget in reversed(self.widgets):
            if widget.focusable and widget.screen_rect(self.origin).collidepoint(pos):
                return widget
        return None

    def scroll_by(self, amount: int) -> bool:
        before = self.scroll
        self.scroll += amount
        self.clamp()
        return before != self.scroll

    def ensure_visible(self, widget: Widget, margin: int = 12) -> None:
        if not self.scrollable:
            return
        if widget.rect.top - margin < self.scroll:
            self.scroll = widget.rect.top - margin
        elif widget.rect.bottom + margin > self.scroll + self.viewport.height:
            self.scroll = widget.rect.bottom + margin - self.viewport.height
        self.clamp()

    def draw(self, surface: pygame.Surface, ui: Ui, focus: Widget | None, hover: Widget | None) -> None:
        if self.ui is not None:
            self.ui.keyboard = ui.keyboard  # the focus ring follows the player's last input
            ui = self.ui
        if self.background:
            surface.fill(ui.colour(self.background), self.viewport)
        if self.border:
            pygame.draw.rect(surface, ui.colour(self.border), self.viewport, 1)
        clip = surface.get_clip()
        surface.set_clip(self.viewport)
        origin = self.origin
        top, bottom = self.scroll - 40, self.scroll + self.viewport.height + 40
        for widget in self.widgets:
            if widget.rect.bottom < top or widget.rect.top > bottom:
                continue
            state = DrawState(focused=widget is focus and (ui.keyboard or isinstance(widget, TextInput)),
                              hovered=widget is hover)
            widget.draw(surface, ui, origin, state)
        surface.set_clip(clip)
        if self.max_scroll:
            self._draw_scrollbar(surface, ui)

    def _draw_scrollbar(self, surface: pygame.Surface, ui: Ui) -> None:
        view = self.viewport
        width = max(4, ui.theme.unit // 2)
        track = pygame.Rect(view.right - width - 2, view.y + 4, width, view.height - 8)
        share = view.height / max(1, self.content_height)
        thumb_h = max(ui.theme.unit * 3, int(track.height * share))
        thumb_y = track.y + int((track.height - thumb_h) * (self.scroll / max(1, self.max_scroll)))
        rounded(surface, ui.colour("border"), track, width // 2)
        rounded(surface, ui.colour("muted"), pygame.Rect(track.x, thumb_y, width, thumb_h), width // 2)


@dataclass
class Layer:
    """Regions drawn and handled together; a panel layer sits on top of the screen and takes input."""

    regions: list[Region] = field(default_factory=list)
    panel: pygame.Rect | None = None  # the panel's own rectangle (for a panel layer)
    on_close: Action | None = None

    def focusables(self) -> list[tuple[Region, Widget]]:
        return [(region, w) for region in self.regions for w in region.widgets if w.focusable]

    def region(self, name: str) -> Region | None:
        return next((r for r in self.regions if r.name == name), None)


class Column:
    """Places widgets one under another in a region, with a gap."""

    def __init__(self, ui: Ui, region: Region, x: int, y: int, width: int, gap: int | None = None) -> None:
        self.ui, self.region, self.x, self.y, self.width = ui, region, x, y, width
        self.gap = ui.theme.unit if gap is None else gap

    def add(self, widget: Widget, gap: int | None = None, indent: int = 0) -> Widget:
        widget.place(self.ui, self.x + indent, self.y, self.width - indent)
        self.region.add(widget)
        self.y = widget.rect.bottom + (self.gap if gap is None else gap)
        return widget

    def space(self, amount: int) -> None:
        self.y += amount

    def row(self, buttons: list[Button], gap: int | None = None, align: str = "left") -> int:
        """Place buttons side by side, wrapping onto a new line when they do not fit."""
        gap = self.ui.theme.unit if gap is None else gap
        lines: list[list[Button]] = [[]]
        used = 0
        for button in buttons:
            width = min(self.width, button.natural_width(self.ui))
            if lines[-1] and used + gap + width > self.width:
                lines.append([])
                used = 0
            lines[-1].append(button)
            used += width + (gap if len(lines[-1]) > 1 else 0)
        for line in lines:
            total = sum(min(self.width, b.natural_width(self.ui)) for b in line) + gap * (len(line) - 1)
            x = self.x + (self.width - total if align == "right" else 0)
            tallest = 0
            for button in line:
                button.place(self.ui, x, self.y, min(self.width, button.natural_width(self.ui)))
                self.region.add(button)
                x = button.rect.right + gap
                tallest = max(tallest, button.rect.height)
            self.y += tallest + gap
        return self.y
