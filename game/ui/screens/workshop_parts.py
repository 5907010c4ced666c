"""Widgets and helpers the workshop screens share: the QR picture, the bars of a spread, the projector's type."""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.ui.toolkit.fit import type_steps
from game.ui.toolkit.theme import make_theme
from game.ui.toolkit.widgets import DrawState, Ui, Widget


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


class Bars(Widget):
    """A choice's votes per round as horizontal bars (earlier rounds light, the last solid), with the count."""

    def __init__(self, counts: list[int], total: int, key: str = "") -> None:
        super().__init__(key)
        self.counts, self.total = counts, max(1, total)

    @property
    def label(self) -> str:
        return " → ".join(str(count) for count in self.counts)

    def _bar(self, ui: Ui) -> int:
        return max(ui.theme.unit * 2, ui.layout("9", "text").line_height)

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        height = len(self.counts) * (self._bar(ui) + ui.theme.unit // 2)
        self.rect = pygame.Rect(x, y, width, height)
        return height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        rect = self.screen_rect(origin)
        unit, bar = ui.theme.unit, self._bar(ui)
        label_width = ui.layout("999", "text", 1000, "bold").text_width + unit * 2
        for index, count in enumerate(self.counts):
            top = rect.y + index * (bar + unit // 2)
            track = pygame.Rect(rect.x + label_width, top, rect.width - label_width, bar)
            pygame.draw.rect(surface, ui.colour("surface_alt"), track)
            filled = track.copy()
            filled.width = int(track.width * count / self.total)
            latest = index == len(self.counts) - 1
            pygame.draw.rect(surface, ui.colour("accent") if latest else ui.colour("muted"), filled)
            pygame.draw.rect(surface, ui.colour("border"), track, 1)
            layout = ui.layout(str(count), "text", label_width, "bold" if latest else "regular", rich=False)
            layout.draw(surface, rect.x, top + (bar - layout.height) // 2, ui.colour("text"))


def projector_steps(app: object, ui: Ui, width: int, height: int) -> list[Ui]:
    """The type a workshop screen tries for the room, largest first: always projector type (body text at
    least 32 px at 1920x1080), whatever the laptop's own setting."""
    settings = replace(app.settings, projector=True)  # type: ignore[attr-defined]
    projector_ui = replace(ui, theme=make_theme(settings, width, height))
    return type_steps(projector_ui, settings, width, height)
