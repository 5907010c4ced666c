"""Starting a workshop: pick a case, training or assessment, with phones or without a network."""

from __future__ import annotations

from functools import partial
from typing import Any

from game.engine.model import Scenario
from game.ui.loading import progress_text
from game.ui.screens.base import Screen
from game.ui.toolkit.bindings import Binding
from game.ui.toolkit.chrome import button_bar, hint_bar, main_region, reading_column, top_bar
from game.ui.toolkit.fit import ChoiceButton
from game.ui.toolkit.widgets import Button, Column, Layer, TextBlock, Ui

MODES = ("training", "assessment")


class WorkshopPickScreen(Screen):
    """The facilitator picks the case the room will take (1–9 or a click), and how the room votes."""

    name = "workshop_pick"
    follows_library = True  # the cases appear while the library loads
    BINDINGS = (
        Binding(("1-9",), "pick", "keys.library.open", with_key=True),
        Binding(("m",), "mode", "workshop.ui.keys.mode"),
        Binding(("w",), "network", "workshop.ui.keys.network"),
        Binding(("escape",), "back", "keys.back"),
    )

    def __init__(self, app: Any, host: str | None = None, port: int | None = None, network: bool = True,
                 mode: str | None = None, announce: Any = None) -> None:
        """``host``/``port`` from the command line (None: not given, the setting decides when the room opens)."""
        super().__init__(app)
        kept = app.kept.setdefault("workshop", {"host": None, "port": None, "announce": None})
        if host is not None or port is not None or announce is not None:  # given by the command line: kept for later
            kept.update(host=host, port=port, announce=announce)
        self.host, self.port, self.network, self.announce = kept["host"], kept["port"], network, kept["announce"]
        self.mode = mode if mode in MODES else app.mode if app.mode in MODES else "training"

    def cases(self) -> list[Scenario]:
        return [s for s in self.app.library_so_far.playable() if s.situations]

    def start(self, scenario: Scenario) -> None:
        """Open the room on this case: its join screen (or, without a network, the first decision)."""
        self.go("workshop", scenario=scenario, host=self.host, port=self.port, network=self.network,
                mode=self.mode, announce=self.announce)

    def action_pick(self, pressed: str) -> None:
        cases = self.cases()
        number = int(pressed) - 1
        if 0 <= number < len(cases):
            self.start(cases[number])

    def action_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self.app.rebuild()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.app.rebuild()

    def action_network(self) -> None:
        self.set_network(not self.network)

    def set_network(self, network: bool) -> None:
        self.network = network
        self.app.rebuild()

    def on_back(self) -> None:
        self.go("start")

    def build(self, ui: Ui, width: int, height: int) -> None:
        layer = Layer()
        self.layers = [layer]
        lang, unit = ui.lang, ui.theme.unit
        bar = top_bar(ui, layer, width, ui.t("workshop.ui.pick_title"))
        hints = hint_bar(ui, layer, width, height, self.hints())
        actions = button_bar(ui, layer, width, height - hints,
                             [Button(ui.t("ui.back"), self.on_back, "quiet", key="back")])
        region = main_region(layer, width, bar, height - hints - actions)
        x, column_width = reading_column(ui, width)
        column = Column(ui, region, x, unit * 3, column_width)
        column.add(TextBlock(ui.t("workshop.ui.pick_help"), "small", role="muted"))
        column.add(TextBlock(ui.t("workshop.ui.how_votes"), "text", "bold"), gap=unit // 2)
        column.row([Button(ui.t("workshop.ui.with_phones"), partial(self.set_network, True), "chip", key="net:on",
                           selected=self.network),
                    Button(ui.t("workshop.ui.without_network"), partial(self.set_network, False), "chip",
                           key="net:off", selected=not self.network)])
        column.row([Button(ui.t(f"ui.mode.{mode}"), partial(self.set_mode, mode), "chip", key=f"mode:{mode}",
                           selected=mode == self.mode) for mode in MODES])
        column.add(TextBlock(ui.t(f"workshop.ui.mode.{self.mode}"), "small", role="muted"), gap=unit * 2)
        cases = self.cases()
        loading = progress_text(self.app.library_progress, lang)
        if loading:
            column.add(TextBlock(loading, "small", "bold", role="muted", rich=False), gap=unit // 2)
        elif not cases:
            column.add(TextBlock(ui.t("workshop.ui.no_cases"), role="warning_text", box="warning_bg"))
        for number, scenario in enumerate(cases, start=1):
            summary = scenario.summary.get(lang).split("\n\n")[0] if scenario.summary else ""
            column.add(ChoiceButton(scenario.title.get(lang) or scenario.id, partial(self.start, scenario), "choice",
                                    key=f"case:{scenario.id}", number=number if number <= 9 else None,
                                    note=summary), gap=unit // 2)
        region.content_height = column.y + unit * 2
