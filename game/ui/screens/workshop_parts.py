"""Widgets and helpers the workshop screens share: the QR picture, the bars of a spread, the projector's type."""

from __future__ import annotations

from dataclasses import replace
from game.engine.records import dataclass

import pygame

from game.ui.toolkit.chart import ChartPlan, QuadrantChart
from game.ui.toolkit.fit import type_steps
from game.ui.toolkit.theme import make_theme
from game.ui.toolkit.widgets import Column, DrawState, TextBlock, Ui, Widget

BARS_TEXT_SHARE = 0.7  # of a column's width, for a choice's text beside its bars
ROOM_WORDS = {"ui.chart.you": "workshop.ui.chart.room", "fit.chart.together": "workshop.ui.chart.together"}


class Picture(Widget):
    """A picture (the QR code), centred, scaled to a side of ``side`` pixels without smoothing."""

    def __init__(self, image: pygame.Surface, side: int, key: str = "picture") -> None:
        super().__init__(key)
        self.image = pygame.transform.scale(image, (side, side))
        self.side = side

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.rect = pygame.Rect(x + max(0, (width - self.side) // 2), y, self.side, self.side)
        return self.side

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        surface.blit(self.image, self.screen_rect(origin))


class OptionText(TextBlock):
    """A choice on the projector: a box with tight padding (the room reads the words, not the box)."""

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.pad = max(4, int(ui.theme.unit * 0.7))
        inner = width - 2 * self.pad
        self.layout = ui.layout(self.text, self.size, inner, self.style, self.rich)
        height = self.layout.height + 2 * self.pad
        self.rect = pygame.Rect(x, y, width, height)
        return height


class Bars(Widget):
    """A choice's votes per round as horizontal bars (earlier rounds light, the last solid), with the count."""

    def __init__(self, counts: list[int], total: int, key: str = "") -> None:
        super().__init__(key)
        self.counts, self.total = counts, max(1, total)

    @property
    def label(self) -> str:
        return " → ".join(str(count) for count in self.counts)

    def _bar(self, ui: Ui) -> int:
        return max(ui.theme.unit, int(ui.layout("9", "small").line_height * 0.9))

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        height = len(self.counts) * (self._bar(ui) + ui.theme.unit // 2)
        self.rect = pygame.Rect(x, y, width, height)
        return height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        rect = self.screen_rect(origin)
        unit, bar = ui.theme.unit, self._bar(ui)
        label_width = ui.layout("999", "small", 1000, "bold").text_width + unit
        for index, count in enumerate(self.counts):
            top = rect.y + index * (bar + unit // 2)
            track = pygame.Rect(rect.x + label_width, top, rect.width - label_width, bar)
            pygame.draw.rect(surface, ui.colour("surface_alt"), track)
            filled = track.copy()
            filled.width = int(track.width * count / self.total)
            latest = index == len(self.counts) - 1
            pygame.draw.rect(surface, ui.colour("accent") if latest else ui.colour("border"), filled)
            pygame.draw.rect(surface, ui.colour("muted") if not latest and count else ui.colour("border"),
                             filled if not latest and count else track, 1)
            layout = ui.layout(str(count), "small", label_width, "bold" if latest else "regular", rich=False)
            layout.draw(surface, rect.x, top + (bar - layout.height) // 2, ui.colour("text"))


def projector_steps(app: object, ui: Ui, width: int, height: int) -> list[Ui]:
    """The type a workshop screen tries for the room, largest first: always projector type (body text at
    least 32 px at 1920x1080), whatever the laptop's own setting."""
    settings = replace(app.settings, projector=True)  # type: ignore[attr-defined]
    projector_ui = replace(ui, theme=make_theme(settings, width, height))
    return type_steps(projector_ui, settings, width, height)


@dataclass
class RoomWords(Ui):
    """A Ui whose chart tags speak of the room ("The room") instead of the player ("You")."""

    def t(self, key: str, **values: object) -> str:
        return super().t(ROOM_WORDS.get(key, key), **values)


class RoomChart(QuadrantChart):
    """The quadrant chart of a room's route, the room's end point tagged as the room's."""

    @staticmethod
    def _words(ui: Ui) -> Ui:
        return RoomWords(ui.theme, ui.fonts, ui.typesetter, ui.lang, ui.keyboard)

    def plan(self, ui: Ui, rect: pygame.Rect) -> ChartPlan:
        return super().plan(self._words(ui), rect)

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        super().draw(surface, self._words(ui), origin, state)


def beside(column: Column, block: TextBlock, bars: Bars, share: float = BARS_TEXT_SHARE) -> None:
    """A choice's text on the left and its bars on the right, in one row of the column."""
    unit = column.ui.theme.unit
    text_width = int(column.width * share)
    bars_width = column.width - text_width - unit * 2
    top = column.y
    block.place(column.ui, column.x, top, text_width)
    column.region.add(block)
    bars_height = bars.place(column.ui, 0, 0, bars_width)
    bars.place(column.ui, column.x + text_width + unit * 2, top + max(0, (block.rect.height - bars_height) // 2),
               bars_width)
    column.region.add(bars)
    column.y = max(block.rect.bottom, bars.rect.bottom) + unit // 2


def excerpt(text: str, limit: int = 160) -> str:
    """The start of a situation's text (its first paragraph, at most ``limit`` characters), enough to recognise."""
    first = text.strip().split("\n")[0].strip()
    return first if len(first) <= limit else first[:limit - 1].rstrip() + "…"
