"""The start screen: language, a pseudonym (or an earlier one), background and mode."""

from __future__ import annotations

from functools import partial

import pygame

from game.engine.vocabulary import BACKGROUNDS

from game.ui.loading import progress_text
from game.ui.records import problem_text
from game.ui.toolkit.bindings import FULLSCREEN, NEXT, Binding
from game.ui.toolkit.chrome import button_bar, hint_bar, main_region, reading_column
from game.ui.screens.base import Screen
from game.ui.toolkit.widgets import Button, Column, Layer, TextBlock, TextInput, Ui

MODES = ("training", "assessment")
MAX_EARLIER = 8


class StartScreen(Screen):
    """Who plays, with which background, in which mode."""

    name = "start"
    follows_library = True  # a line says how far the library is while it loads behind this screen
    BINDINGS = (NEXT, Binding(("enter",), "activate", "keys.start.go"), Binding(("escape",), "back", "keys.start.quit"),
                FULLSCREEN)

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        settings = app.settings
        self.name_value = settings.last_player
        self.background = ""  # the last player's background, once the records are open (after the first frame)
        self.mode = app.mode
        self.focus_key = "input"

    def _players(self) -> list:
        records = self.app.records_if_open  # the first frame is drawn before the records are open
        try:
            return list(records.players()) if records is not None else []
        except Exception:
            return []

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    # -- actions ---------------------------------------------------------------------------------
    def set_name(self, value: str) -> None:
        self.name_value = value
        known = {p.name: p.background for p in self._players()}
        if value in known:
            self.background = known[value]

    def pick_player(self, name: str, background: str) -> None:
        self.name_value, self.background = name, background
        self.app.rebuild()

    def set_background(self, background: str) -> None:
        self.background = background
        self.app.rebuild()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.app.rebuild()

    def set_lang(self, lang: str) -> None:
        self.app.change_settings(lang=lang)

    def start(self) -> None:
        """Go to the library as this player (a pseudonym and a background are needed)."""
        ui = self.app.ui
        name = " ".join(self.name_value.split())
        if not name:
            self.app.toast(ui.t("ui.start.need_name"))
            self.set_focus("input")
            return
        if not self.background:  # the known background of this pseudonym, also when the records just opened
            self.background = {p.name: p.background for p in self.app.records.players()}.get(name, "")
        if not self.background:
            self.app.toast(ui.t("ui.start.need_background"))
            return
        try:
            if self.app.records is None:
                raise RuntimeError("no store")
            self.app.player = self.app.records.ensure_player(name, self.background)
        except Exception as exc:
            self.app.toast(ui.t("ui.store_problem", problem=problem_text(exc, self.app.ui.lang)))
            return
        self.app.mode = self.mode
        self.app.change_settings(last_player=name)
        self.go("library")

    def default_action(self) -> None:
        self.start()

    def open_settings(self) -> None:
        self.push("settings")

    def open_workshop(self) -> None:
        """Lead a workshop: pick a case for the room (no pseudonym needed)."""
        self.go("workshop_pick")

    def on_back(self) -> None:
        self.app.running = False

    # -- building --------------------------------------------------------------------------------
    def build(self, ui: Ui, width: int, height: int) -> None:
        players = self._players()
        if not self.background:
            self.background = {p.name: p.background for p in players}.get(self.name_value, "")
        layer = Layer()
        self.layers = [layer]
        hints = hint_bar(ui, layer, width, height, self.hints())
        unit = ui.theme.unit
        # the main button stays in view above the hint bar, however many earlier pseudonyms there are
        actions = button_bar(ui, layer, width, height - hints,
                             [Button(ui.t("ui.start.go"), self.start, "primary", key="go",
                                     hint=self.key_hint("activate"))])
        region = main_region(layer, width, 0, height - hints - actions)
        x, column_width = reading_column(ui, width)
        column = Column(ui, region, x, unit * 3, column_width)
        langs = [Button(label, partial(self.set_lang, code), "chip", key=f"lang:{code}",
                        selected=ui.lang == code) for code, label in (("nl", "Nederlands"), ("en", "English"))]
        settings = Button(ui.t("ui.settings"), self.open_settings, "quiet", key="settings")
        workshop = Button(ui.t("workshop.ui.start_button"), self.open_workshop, "quiet", key="workshop")
        top = column.y
        column.row(langs + [settings, workshop], align="right")
        column.y = top
        column.add(TextBlock("Omgekeerd", "title", "bold", role="accent"), gap=unit // 2)
        column.add(TextBlock(ui.t("ui.start.tagline"), "text", role="muted"), gap=unit * 2)

        column.add(TextBlock(ui.t("ui.start.who"), "heading", "bold"), gap=unit // 2)
        column.add(TextBlock(ui.t("ui.start.pseudonym_help"), "small", role="muted"))
        column.add(TextInput(self.name_value, self.set_name, self.start, placeholder=ui.t("ui.start.pseudonym"),
                             key="input"), gap=unit)
        earlier = [p for p in players if p.name][-MAX_EARLIER:]
        if earlier:
            column.add(TextBlock(ui.t("ui.start.earlier"), "small", role="muted"), gap=unit // 2)
            column.row([Button(p.name, partial(self.pick_player, p.name, p.background), "chip",
                               key=f"player:{p.name}", selected=p.name == self.name_value) for p in earlier])
        column.add(TextBlock(ui.t("ui.start.background"), "heading", "bold"))
        column.row([Button(ui.t(f"background.{b}"), partial(self.set_background, b), "chip",
                           key=f"background:{b}", selected=b == self.background) for b in BACKGROUNDS])
        column.add(TextBlock(ui.t("ui.start.mode"), "heading", "bold"))
        for mode in MODES:
            column.add(Button(f"**{ui.t(f'ui.mode.{mode}')}** · {ui.t(f'ui.mode.{mode}.explain')}",
                              partial(self.set_mode, mode), "choice", key=f"mode:{mode}",
                              selected=mode == self.mode), gap=unit // 2)
        loading = progress_text(self.app.library_progress, ui.lang)
        if loading:
            column.add(TextBlock(loading, "small", role="muted", rich=False))
        region.content_height = column.y + unit * 2
        records = self.app.records_if_open
        problem = records.problem_in(ui.lang) if records is not None else None
        if problem:
            column.add(TextBlock(ui.t("ui.store_problem", problem=problem), "small", role="warning_text",
                                 box="warning_bg"))
            region.content_height = column.y + unit * 2
