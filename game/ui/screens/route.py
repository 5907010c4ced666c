"""Another choice: the decisions of a playthrough with the alternatives; try one and play on from there.

Each alternative says where it would lead (the best and the worst ending still reachable,
from the analysis), the expert's choice is marked, and so is the step where the route left
the expert route (``scoring.coach``).
"""

from __future__ import annotations

from functools import partial
from typing import Any


from scoring.coach import CoachOption, CoachView, build_coach_view

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
        self._view: CoachView | None | bool = False

    @property
    def view(self) -> CoachView | None:
        """Where every alternative would have led (None when the case cannot be analysed)."""
        if self._view is False:
            try:
                scenario = self.play.scenario
                self._view = build_coach_view(scenario, self.app.analysis_for(scenario), self.play.session.choice_ids)
            except Exception:  # without the analysis the alternatives are shown without previews
                self._view = None
        return self._view if isinstance(self._view, CoachView) else None

    def _option(self, index: int, choice_id: str) -> CoachOption | None:
        view = self.view
        if view is None or index >= len(view.steps):
            return None
        return next((o for o in view.steps[index].options if o.id == choice_id), None)

    def preview(self, ui: Ui, option: CoachOption | None) -> str:
        """'★ The expert's choice · Leads to: …' for an alternative ('' without an analysis)."""
        if option is None:
            return ""
        parts = ["★ " + ui.t("coach_ui.coach.expert")] if option.expert else []
        if option.reach is not None:
            best, worst = option.reach.best, option.reach.worst
            for key, point in ((("coach_ui.coach.leads_to", best),) if best == worst else
                               (("coach_ui.coach.best", best), ("coach_ui.coach.worst", worst))):
                parts.append(ui.t(key, ending=point.title.get(ui.lang) or point.ending,
                                  resident=point.scores.resident, rules=point.scores.rules))
        return "\n".join(parts)

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
        view = self.view
        for index, step in enumerate(self.debrief.route):
            heading = ui.t("ui.history.step", number=index + 1)
            if view is not None and view.first_departure == index + 1:
                column.add(TextBlock(f"{heading} · {ui.t('coach_ui.coach.departure')}", "small", "bold",
                                     role="warning_text", box="warning_bg", key=f"departure:{index + 1}"),
                           gap=unit // 2)
            else:
                column.add(TextBlock(heading, "small", "bold", role="muted"), gap=unit // 2)
            column.add(TextBlock(first_paragraph(step.situation_text.get(lang)), "small"), gap=unit)
            chosen = self.preview(ui, self._option(index, step.choice))
            column.add(TextBlock(ui.t("ui.history.chose", choice=step.choice_text.get(lang)), "small", "bold",
                                 role="accent"), gap=unit // 4 if chosen else unit)
            if chosen:
                column.add(TextBlock(chosen, "small", role="muted", rich=False), gap=unit)
            for alt_id, text, available in step.alternatives:
                column.add(Button(ui.t("ui.route.try", choice=text.get(lang)),
                                  partial(self.try_choice, index, alt_id), "secondary", fill=True,
                                  key=f"try:{index}:{alt_id}", enabled=available,
                                  note=self.preview(ui, self._option(index, alt_id)) if available
                                  else ui.t("ui.route.unavailable")), gap=unit // 2)
            column.space(unit)
            column.add(Rule(), gap=unit * 2)
        if not self.debrief.route:
            column.add(TextBlock(ui.t("history_empty"), role="muted"))
        region.content_height = column.y + unit * 2
