"""Parts every screen shares: the top bar, the key hint line and the centred reading column."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.ui.toolkit.bindings import Binding, hint_text
from game.ui.toolkit.widgets import Button, Column, Layer, Region, TextBlock, Ui


def margin(ui: Ui) -> int:
    return ui.theme.unit * 3


def top_bar(ui: Ui, layer: Layer, width: int, title: str, subtitle: str = "",
            buttons: list[Button] | None = None) -> int:
    """A bar across the top with a title (and subtitle) on the left and buttons on the right."""
    unit = ui.theme.unit
    side = margin(ui)
    buttons = buttons or []
    room = width - 2 * side - sum(b.natural_width(ui) + unit for b in buttons)
    if room < ui.theme.text_px * 14:  # a narrow window: the keys are in the hint line already
        for button in buttons:
            button.hint = ""
    button_height = max((b.place(ui, 0, 0, b.natural_width(ui)) for b in buttons), default=0)
    title_block = TextBlock(title, "text", "bold")
    sub_block = TextBlock(subtitle, "small", role="muted") if subtitle else None
    buttons_width = sum(b.rect.width for b in buttons) + unit * max(0, len(buttons) - 1)
    text_width = max(unit * 10, width - 2 * side - buttons_width - 2 * unit)
    height = title_block.place(ui, 0, 0, text_width) + (sub_block.place(ui, 0, 0, text_width) if sub_block else 0)
    bar_height = max(height, button_height) + 2 * unit
    region = Region("top", pygame.Rect(0, 0, width, bar_height), background="surface")
    top = (bar_height - height) // 2
    title_block.place(ui, side, top, text_width)
    region.add(title_block)
    if sub_block:
        sub_block.place(ui, side, title_block.rect.bottom, text_width)
        region.add(sub_block)
    x = width - side
    for button in reversed(buttons):
        x -= button.rect.width
        button.place(ui, x, (bar_height - button.rect.height) // 2, button.rect.width)
        region.add(button)
        x -= unit
    layer.regions.append(region)
    layer.regions.append(Region("top-line", pygame.Rect(0, bar_height - 1, width, 1), background="border"))
    return bar_height


def hint_bar(ui: Ui, layer: Layer, width: int, height: int, bindings: Sequence[Binding]) -> int:
    """A quiet line with the keys of ``bindings`` at the bottom (left out in projector mode); returns its height."""
    text = hint_text(bindings, ui.lang)
    if ui.theme.projector or not text:
        return 0
    unit = ui.theme.unit
    block = TextBlock(text, "small", role="muted", rich=False)
    block_height = block.place(ui, margin(ui), 0, width - 2 * margin(ui))
    bar = block_height + unit * 2
    region = Region("hints", pygame.Rect(0, height - bar, width, bar), background="background")
    block.place(ui, margin(ui), unit, width - 2 * margin(ui))
    region.add(block)
    layer.regions.append(region)
    return bar


def button_bar(ui: Ui, layer: Layer, width: int, bottom: int, buttons: list[Button], name: str = "actions") -> int:
    """A bar of buttons above ``bottom`` (right-aligned, wrapping); returns its height."""
    unit = ui.theme.unit
    side = margin(ui)
    if sum(b.natural_width(ui) + unit for b in buttons) > width - 2 * side:  # keys are in the hint line too
        for button in buttons:
            button.hint = ""
    probe = Region(name, pygame.Rect(0, 0, width, 10_000))
    column = Column(ui, probe, side, unit, width - 2 * side)
    end = column.row(buttons, align="right")
    height = end + unit // 2
    region = Region(name, pygame.Rect(0, bottom - height, width, height), background="surface")
    for widget in probe.widgets:
        region.add(widget)
    layer.regions.append(region)
    layer.regions.append(Region(name + "-line", pygame.Rect(0, bottom - height, width, 1), background="border"))
    return height


def main_region(layer: Layer, width: int, top: int, bottom: int) -> Region:
    """The scrolling main region between the bars (``top`` to ``bottom``), first in the layer."""
    region = Region("main", pygame.Rect(0, top, width, bottom - top), scroll=True)
    layer.regions.insert(0, region)
    return region


def reading_column(ui: Ui, width: int, wide: bool = False) -> tuple[int, int]:
    """(x, width) of the centred reading column inside a window of ``width``."""
    side = margin(ui)
    limit = ui.theme.column if not wide else int(ui.theme.column * 1.3)
    column = min(width - 2 * side - ui.theme.unit * 2, limit)
    return (width - column) // 2, column


def panel_rect(ui: Ui, width: int, height: int, share: float = 0.62, side: str = "right") -> pygame.Rect:
    """The rectangle of a panel on top of the screen."""
    unit = ui.theme.unit
    panel_width = min(width - 4 * unit, max(int(width * share), min(width - 4 * unit, ui.theme.column + 8 * unit)))
    top = unit * 2
    rect = pygame.Rect(0, top, panel_width, height - 2 * top)
    if side == "right":
        rect.right = width - unit * 2
    else:
        rect.centerx = width // 2
    return rect
