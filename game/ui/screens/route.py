"""Another choice: the decisions of a playthrough with the alternatives; try one and play on from there."""

from __future__ import annotations

from typing import Any


from game.ui.records import problem_text
from game.ui.toolkit.bindings import NEXT, Binding
from game.ui.toolkit.chrome import button_bar, hint_bar, main_region, reading_column, top_bar
from game.ui.playthrough import Playthrough
from game.ui.screens.base import Screen
from game.ui.toolkit.widgets import Button, Column, Layer, Rule, TextBlock, Ui


def first_paragraph(text: str) -> str:
    """The text up to its first empty line (a whole paragraph, never a cut sentence)."""
    return text.strip().split("\n\n", 1)[0]


class RouteScreen(Screen):
    """Pick a decision and an alternative to see where that route leads."""

    name = "route"
    BINDINGS = (NEXT, Binding(("enter",), "activate", "keys.route.try"),
                Binding(("escape",), "back", "keys.route.back"))

    def __init__(self, app, play: Playthrough, debrief: Any) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.play, self.debrief = play, debrief

    def try_choice(self, index: int, choice_id: str) -> None:
        """Replay the choices before decision ``index``, then make ``choice_id`` there (training mode)."""
        ui = self.app.ui
        before = [step.choice for step in self.debrief.route[:index]]
        try:
            branch = self.play.branch(before)
        except Exception as exc:
            self.app.toast(ui.t("ui.store_problem", problem=problem_text(exc, self.app.ui.lang)), 8)
            return
        self.go("situation", play=branch, first_choice=choice_id)

    def on_back(self) -> None:
        self.go("debrief", play=self.play)

    def build(self, ui: Ui, width: int, height: int) -> None:
        lang, unit = ui.lang, ui.theme.unit
        layer = Layer()
        self.layers = [layer]
        bar = top_bar(ui, layer, width, ui.t("ui.route.title"), self.play.scenario.title.get(lang))
        hints = hint_bar(ui, layer, width, height, self.hints())
        actions = button_bar(ui, layer, width, height - hints, [
            Button(ui.t("ui.route.back"), self.on_back, "secondary", key="back", hint=self.key_hint("back"))])
        region = main_region(layer, width, bar, height - hints - actions)
        x, column_width = reading_column(ui, width)
        column = Column(ui, region, x, unit * 3, column_width)
        column.add(TextBlock(ui.t("ui.route.help"), "text", role="muted"), gap=unit * 2)
        for index, step in enumerate(self.debrief.route):
            column.add(TextBlock(ui.t("ui.history.step", number=index + 1), "small", "bold", role="muted"),
                       gap=unit // 2)
            column.add(TextBlock(first_paragraph(step.situation_text.get(lang)), "small"), gap=unit)
            column.add(TextBlock(ui.t("ui.history.chose", choice=step.choice_text.get(lang)), "small", "bold",
                                 role="accent"), gap=unit)
            for alt_id, text, available in step.alternatives:
                column.add(Button(ui.t("ui.route.try", choice=text.get(lang)),
                                  lambda i=index, c=alt_id: self.try_choice(i, c), "secondary", fill=True,
                                  key=f"try:{index}:{alt_id}", enabled=available,
                                  note="" if available else ui.t("ui.route.unavailable")), gap=unit // 2)
            column.space(unit)
            column.add(Rule(), gap=unit * 2)
        if not self.debrief.route:
            column.add(TextBlock(ui.t("history_empty"), role="muted"))
        region.content_height = column.y + unit * 2
