"""The group debrief on the projector: the room's route beside the expert's, the spread, and the questions one by one.

Pages, turned with the arrow keys (a presenter's remote sends them) or Page Up/Down: the chart
with the ending and both scores; the spread of every decision (each round's votes, the choice
followed, the expert's, where the room split); then each reflection question alone, large.
"""

from __future__ import annotations

from typing import Any

from game.engine.model import Scenario
from game.store.groups import GroupDecision
from game.ui.screens.base import Screen
from game.ui.screens.workshop_parts import Bars, RoomChart, beside, excerpt, projector_steps
from game.ui.toolkit.bindings import Binding
from game.ui.toolkit.chrome import hint_bar, main_region, margin, top_bar
from game.ui.toolkit.widgets import Column, Layer, Rule, TextBlock, Ui

CHART, SPREAD = "chart", "spread"


class WorkshopDebriefScreen(Screen):
    """The room's debrief of one workshop (from the room just closed, or a stored group session)."""

    name = "workshop_debrief"
    BINDINGS = (
        Binding(("right",), "next_page", "workshop.ui.keys.next_page", keys_label="workshop.ui.keys.right"),
        Binding(("left",), "previous_page", "workshop.ui.keys.previous_page", keys_label="workshop.ui.keys.left"),
        Binding(("s",), "report", "fit.keys.report"),
        Binding(("escape",), "back", "workshop.ui.keys.done"),
    )

    def __init__(self, app: Any, scenario: Scenario, decisions: list[GroupDecision],
                 group_id: int | None = None) -> None:
        super().__init__(app)
        from game.workshop.debrief import build_group_debrief

        self.scenario = scenario
        self.group_id = group_id
        self.decisions = list(decisions)
        self.debrief = build_group_debrief(scenario, app.analysis_for(scenario), decisions)
        self.pages = [CHART, SPREAD] + [f"question:{n}" for n in range(len(self.debrief.reflection))]
        self.page = 0

    def action_next_page(self) -> None:
        self._turn(1)

    def action_previous_page(self) -> None:
        self._turn(-1)

    def _turn(self, step: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, self.page + step))
        self.forget_scroll("main")
        self.app.rebuild()

    def default_action(self) -> None:
        self._turn(1)

    def action_report(self) -> None:
        """S: save the group report (HTML, the same as ``omgekeerd group-report ID``) into the data folder."""
        import datetime as _dt

        from game.render.group_report import render_group
        from game.store.files import write_atomic
        from scoring.group import build_workshop_group

        ui = self.app.ui
        decisions = [(d.situation_id, d.rounds[-1] if d.rounds else {}, d.followed) for d in self.decisions]
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.app.folder / "reports" / f"workshop-{self.scenario.id}-{stamp}.html"
        try:
            report = build_workshop_group(self.scenario, self.app.analysis_for(self.scenario), decisions,
                                          f"#{self.group_id}" if self.group_id is not None else "")
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, render_group(report, ui.lang, rounds=self.debrief))
        except Exception as exc:  # noqa: BLE001 - a report problem is told, not a crash
            self.app.toast(ui.t("ui.debrief.report_failed", problem=str(exc)), 8)
            return
        self.app.toast(ui.t("ui.debrief.report_written", path=str(path)), 10)

    def on_back(self) -> None:
        self.go("start")

    def build(self, ui: Ui, width: int, height: int) -> None:
        layer = Layer()
        self.layers = [layer]
        room_ui = projector_steps(self.app, ui, width, height)[0]
        small_ui = projector_steps(self.app, ui, width, height)[-1]
        page = self.pages[self.page]
        saved = ui.t("workshop.ui.saved_as", id=self.group_id) if self.group_id is not None else ""
        subtitle = " · ".join(s for s in (ui.t("workshop.ui.page", page=self.page + 1, pages=len(self.pages)), saved)
                              if s)
        bar = top_bar(small_ui, layer, width, ui.t("workshop.ui.debrief_title",
                                                    title=self.scenario.title.get(ui.lang)), subtitle)
        for region in layer.regions:
            region.ui = small_ui
        hints = hint_bar(ui, layer, width, height, self.hints())
        region = main_region(layer, width, bar, height - hints)
        use = small_ui if page == SPREAD else room_ui
        region.ui = use
        side = margin(use)
        column = Column(use, region, side, use.theme.unit * 2, width - 2 * side)
        if page == CHART:
            self._chart(use, column, height - bar - hints)
        elif page == SPREAD:
            self._spread(use, column)
        else:
            self._question(use, column, int(page.split(":")[1]), height - bar - hints)
        region.content_height = column.y + use.theme.unit * 2

    def _chart(self, ui: Ui, column: Column, room: int) -> None:
        """The chart of the room's route and the expert's end point, beside the ending and both scores."""
        debrief, unit, lang = self.debrief, ui.theme.unit, ui.lang
        size = max(unit * 20, min(room - unit * 6, int(column.width * 0.45)))
        chart = RoomChart(debrief.trajectory, debrief.expert_scores, size)
        chart.place(ui, column.x, column.y, size)
        column.region.add(chart)
        text = Column(ui, column.region, column.x + size + unit * 3, column.y, column.width - size - unit * 3)
        if debrief.ending_title:
            text.add(TextBlock(debrief.ending_title.get(lang), "heading", "bold", role="accent", key="ending"))
        resident, rules = debrief.scores
        text.add(TextBlock(ui.t("workshop.ui.room_scores", resident=resident, rules=rules), key="room-scores"))
        if debrief.expert_scores is not None:
            text.add(TextBlock(ui.t("workshop.ui.expert_scores", resident=debrief.expert_scores[0],
                                    rules=debrief.expert_scores[1]), key="expert-scores"))
        text.add(TextBlock(ui.t("workshop.ui.followed_expert" if debrief.follows_expert
                                else "workshop.ui.left_expert"), "small", role="muted"))
        splits = debrief.splits
        text.add(TextBlock(ui.t("workshop.ui.splits", numbers=", ".join(map(str, splits))) if splits
                           else ui.t("workshop.ui.no_splits"), "small", role="muted", key="splits"))
        column.y = max(chart.rect.bottom, text.y) + unit

    def _spread(self, ui: Ui, column: Column) -> None:
        """Every decision: each choice's votes per round, the choice followed, the expert's, a split."""
        lang, unit = ui.lang, ui.theme.unit
        for decision in self.debrief.decisions:
            heading = ui.t("workshop.ui.decision", number=decision.number)
            if decision.split:
                heading += " · " + ui.t("workshop.ui.split")
            column.add(TextBlock(heading, "heading", "bold", role="warning_text" if decision.split else "accent",
                                 key=f"decision:{decision.number}"), gap=unit // 2)
            column.add(TextBlock(excerpt(decision.text.get(lang)), "small", role="muted"), gap=unit)
            total = max(decision.voters, default=0)
            for choice in decision.choices:
                marks = [ui.t("workshop.ui.followed")] if choice.followed else []
                if choice.expert:
                    marks.append(ui.t("workshop.ui.expert"))
                label = choice.text.get(lang) + (f" ({', '.join(marks)})" if marks else "")
                beside(column, TextBlock(label, "text", "bold" if choice.followed else "regular", rich=False,
                                         key=f"spread:{decision.number}:{choice.id}"),
                       Bars(list(choice.counts), total, key=f"spread-bars:{decision.number}:{choice.id}"))
            column.add(Rule(), gap=unit * 2)

    def _question(self, ui: Ui, column: Column, number: int, room: int) -> None:
        """One reflection question, large, in the middle of the screen."""
        question = self.debrief.reflection[number].get(ui.lang)
        column.add(TextBlock(ui.t("workshop.ui.question", number=number + 1, count=len(self.debrief.reflection)),
                             "heading", role="muted", center=True))
        column.space(max(0, room // 6))
        column.add(TextBlock(question, "title", "bold", center=True, key="question"))

