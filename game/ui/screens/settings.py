"""Settings: language, text size, high contrast, fullscreen and projector mode; the workshop's address and
sending to the LRS (``settings_network``); the keys.

The key list is made from the key bindings of the window and of every screen the router
knows (``app.router.screens``), so a key is described where it is bound, once.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from game.ui.screens.base import Screen
from game.ui.screens.settings_network import AddressPart, SyncPart
from game.ui.settings import TEXT_SIZES
from game.ui.toolkit.bindings import COMMON, GLOBAL, NEXT, Binding, key_list
from game.ui.toolkit.chrome import button_bar, hint_bar, main_region, reading_column, top_bar
from game.ui.toolkit.widgets import Button, Column, Layer, TextBlock, Ui


class SettingsScreen(Screen):
    """Changes apply at once and are saved."""

    name = "settings"
    BINDINGS = (NEXT, Binding(("enter",), "activate", "keys.settings.select"),
                Binding(("escape",), "back", "keys.settings.done"))

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.address = AddressPart(app)
        self.sync = SyncPart(app)

    def on_back(self) -> None:
        """Back to the screen that opened the settings; a typed address is saved when it is good."""
        self.address.save_pending()
        self.dismiss()

    def change(self, **changes: object) -> None:
        """Apply and save a setting (the app says so when the disk refuses)."""
        self.app.change_settings(**changes)

    def update(self, dt: float) -> None:
        """Show the result of *Send now* as soon as its thread is done."""
        if self.sync.poll():
            self.app.rebuild()

    def default_action(self) -> None:
        self.on_back()

    def _switch(self, ui: Ui, column: Column, title: str, explain: str, value: bool, field: str) -> None:
        column.add(TextBlock(title, "text", "bold"), gap=ui.theme.unit // 4)
        if explain:
            column.add(TextBlock(explain, "small", role="muted"), gap=ui.theme.unit // 2)
        column.row([Button(ui.t("ui.on"), partial(self.change, **{field: True}), "chip",
                           key=f"{field}:on", selected=value),
                    Button(ui.t("ui.off"), partial(self.change, **{field: False}), "chip",
                           key=f"{field}:off", selected=not value)])
        column.space(ui.theme.unit)

    def build(self, ui: Ui, width: int, height: int) -> None:
        unit = ui.theme.unit
        settings = self.app.settings
        layer = Layer()
        self.layers = [layer]
        bar = top_bar(ui, layer, width, ui.t("ui.settings"))
        hints = hint_bar(ui, layer, width, height, self.hints())
        actions = button_bar(ui, layer, width, height - hints, [
            Button(ui.t("ui.done"), self.on_back, "primary", key="done", hint=self.key_hint("back"))])
        region = main_region(layer, width, bar, height - hints - actions)
        x, column_width = reading_column(ui, width)
        column = Column(ui, region, x, unit * 3, column_width)

        column.add(TextBlock(ui.t("ui.settings.language"), "text", "bold"), gap=unit // 2)
        column.row([Button(label, partial(self.change, lang=code), "chip", key=f"lang:{code}",
                           selected=settings.lang == code) for code, label in (("nl", "Nederlands"),
                                                                                ("en", "English"))])
        column.space(unit)
        column.add(TextBlock(ui.t("ui.settings.text_size"), "text", "bold"), gap=unit // 4)
        column.add(TextBlock(ui.t("ui.settings.text_size_help"), "small", role="muted"), gap=unit // 2)
        column.row([Button(ui.t(f"ui.settings.size{step}"), partial(self.change, text_size=step),
                           "chip", key=f"size:{step}", selected=settings.text_size == step)
                    for step in range(len(TEXT_SIZES))])
        column.space(unit)
        self._switch(ui, column, ui.t("ui.settings.contrast"), ui.t("ui.settings.contrast_help"),
                     settings.high_contrast, "high_contrast")
        self._switch(ui, column, ui.t("ui.settings.fullscreen"), ui.t("ui.settings.fullscreen_help"),
                     settings.fullscreen, "fullscreen")
        self._switch(ui, column, ui.t("ui.settings.projector"), ui.t("ui.settings.projector_help"),
                     settings.projector, "projector")
        self.address.build(ui, column)
        self.sync.build(ui, column)
        if not ui.theme.projector:
            column.add(TextBlock(ui.t("ui.settings.keys"), "text", "bold"), gap=unit // 2)
            rows = key_list(COMMON + GLOBAL, (screen.BINDINGS for screen in self.app.router.screens.values()),
                            ui.lang)
            keys = "\n".join(f"- **{key}**: {what}" for key, what in rows)
            column.add(TextBlock(keys, "small"), gap=unit * 2)
            column.add(TextBlock(ui.t("ui.settings.data", folder=str(self.app.folder)), "small", role="muted",
                                 rich=False))
        problem = self.app.records.problem_in(ui.lang) if self.app.records is not None else None
        if problem:
            column.add(TextBlock(ui.t("ui.store_problem", problem=problem), "small", role="warning_text",
                                 box="warning_bg"))
        region.content_height = column.y + unit * 2
