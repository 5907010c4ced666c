"""Panels that open on top of a screen: a titled box with a scrolling body and buttons.

The situation screen uses them for the dossier, the history, the feedback after a choice
and the findings of a reload (F5).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine.findings import Finding

from game.ui.toolkit.widgets import Action, Button, Column, Layer, Region, TextBlock, Ui
from game.ui.words import finding_text


def make_panel(ui: Ui, width: int, height: int, title: str, body: Callable[[Column], None],
               buttons: list[Button], on_close: Action, *, share: float = 0.62, centre: bool = False,
               closable: bool = True, close_label: str = "", name: str = "panel") -> Layer:
    """A panel layer: title bar with a close button, a scrolling body, a row of buttons."""
    unit = ui.theme.unit
    pad = unit * 3
    panel_width = min(width - 4 * unit, max(int(width * share), min(width - 4 * unit, ui.theme.column + 6 * unit)))
    inner = panel_width - 2 * pad
    max_height = height - 4 * unit

    close = Button(close_label or ui.t("ui.close"), on_close, "quiet", key=f"{name}:close", hint="Esc")
    close_width = close.natural_width(ui) if closable else 0
    heading = TextBlock(title, "heading", "bold")
    heading_height = heading.place(ui, 0, 0, inner - close_width - unit)
    close_height = close.place(ui, 0, 0, close_width) if closable else 0
    header_height = max(heading_height, close_height) + 2 * unit

    probe = Region(name, pygame.Rect(0, 0, inner, 10_000), scroll=True)
    column = Column(ui, probe, 0, 0, inner)
    body(column)
    body_height = max(column.y, unit)

    footer = Region(f"{name}:buttons", pygame.Rect(0, 0, inner, 10_000))
    footer_column = Column(ui, footer, 0, 0, inner)
    footer_height = footer_column.row(buttons, align="right") if buttons else 0

    wanted = header_height + body_height + footer_height + 2 * unit
    panel_height = min(max_height, wanted)
    rect = pygame.Rect(0, 0, panel_width, panel_height)
    if centre:
        rect.center = (width // 2, height // 2)
    else:
        rect.topright = (width - 2 * unit, 2 * unit)

    header = Region(f"{name}:header", pygame.Rect(rect.x + pad, rect.y + unit, inner, header_height))
    heading.place(ui, 0, (header_height - heading_height) // 2 - unit // 2, inner - close_width - unit)
    header.add(heading)
    if closable:
        close.place(ui, inner - close_width, (header_height - close_height) // 2 - unit // 2, close_width)
        header.add(close)

    body_top = rect.y + unit + header_height
    body_bottom = rect.bottom - footer_height - unit
    probe.viewport = pygame.Rect(rect.x + pad, body_top, inner + pad - unit, body_bottom - body_top)
    footer.viewport = pygame.Rect(rect.x + pad, body_bottom, inner, footer_height)
    return Layer([header, probe, footer], panel=rect, on_close=on_close)


def findings_body(ui: Ui, findings: list[Finding], intro: str) -> Callable[[Column], None]:
    """Body of the reload panel: what happened, then every finding with path:line."""

    def body(column: Column) -> None:
        column.add(TextBlock(intro, "text"))
        if findings:
            column.add(TextBlock(ui.t("coach_ui.findings.help"), "small", role="muted"))
        for finding in findings:
            role = "warning_text" if finding.is_error else "text"
            column.add(TextBlock(finding_text(finding, ui.lang), "small", role=role, rich=False,
                                 box="warning_bg" if finding.is_error else "surface_alt"), gap=ui.theme.unit // 2)

    return body
