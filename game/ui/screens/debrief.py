"""The debrief: quadrant chart with the route, the four questions, thinking errors, levers,
own route beside the expert route, reflection questions. It renders ``scoring.debrief.Debrief``.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from collections.abc import Callable
from typing import Any

import pygame

from game.ui.records import problem_text
from game.ui.toolkit.chart import QuadrantChart
from game.ui.toolkit.bindings import SCROLL, Binding
from game.ui.toolkit.chrome import button_bar, hint_bar, main_region, reading_column, top_bar
from game.ui.playthrough import Playthrough
from game.ui.screens.base import Screen
from game.ui.toolkit.widgets import Button, Column, DrawState, Layer, Rule, TextBlock, Ui, Widget, rounded

VERDICT_ROLES = {"yes": "good", "partly": "muted", "no": "bad"}


def report_writer() -> Callable[..., Any] | None:
    """``scoring.report.render_report`` when that module is there, else None (the button is hidden)."""
    try:
        module = importlib.import_module("game.render.report")
    except Exception:  # no report module: the button stays hidden
        return None
    function = getattr(module, "render_report", None)
    return function if callable(function) else None


class Verdict(Widget):
    """One of the four questions: a coloured verdict beside the question."""

    def __init__(self, verdict: str, verdict_text: str, question: str) -> None:
        super().__init__()
        self.verdict, self.verdict_text, self.question = verdict, verdict_text, question
        self._question: Any = None
        self._pill_width = 0

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        unit = ui.theme.unit
        widest = max(ui.layout(ui.t(k), "small", 10_000, "bold").text_width for k in
                     ("verdict.yes", "verdict.partly", "verdict.no"))
        self._pill_width = widest + unit * 3
        self._question = ui.layout(self.question, "text", width - self._pill_width - unit * 2)
        self.rect = pygame.Rect(x, y, width, max(self._question.height, ui.layout("Ag", "small").line_height + unit))
        return self.rect.height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        rect = self.screen_rect(origin)
        unit = ui.theme.unit
        label = ui.layout(self.verdict_text, "small", 10_000, "bold")
        pill = pygame.Rect(rect.x, rect.y, self._pill_width, label.line_height + unit // 2)
        role = VERDICT_ROLES.get(self.verdict, "muted")
        rounded(surface, ui.colour(role), pill, pill.height // 2, 2)
        label.draw(surface, pill.centerx - label.text_width // 2, pill.y + unit // 4, ui.colour(role))
        self._question.draw(surface, rect.x + self._pill_width + unit * 2, rect.y, ui.colour("text"))


class DebriefScreen(Screen):
    """What the playthrough amounted to, for reflection and coaching."""

    name = "debrief"
    BINDINGS = (SCROLL, Binding(("r",), "replay", "keys.debrief.replay"),
                Binding(("a",), "other_choice", "keys.debrief.other"),
                Binding(("s", "ctrl+s"), "report", "fit.keys.report"),  # Ctrl+S as in the coach view
                Binding(("c",), "coach", "coach_ui.keys.coach"),
                Binding(("escape",), "back", "keys.debrief.library"))

    def __init__(self, app, play: Playthrough) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.play = play
        self._debrief: Any = None

    @property
    def debrief(self) -> Any:
        if self._debrief is None:
            self._debrief = self.play.debrief(self.app.analysis_for)
        return self._debrief

    # -- actions -----------------------------------------------------------------------------------
    def action_replay(self) -> None:
        """Play the case again from the start."""
        play = self.play
        try:
            again = play.restart(mode=self.app.mode)
        except Exception as exc:
            self.app.toast(self.app.ui.t("ui.store_problem", problem=problem_text(exc, self.app.ui.lang)), 8)
            return
        self.go("situation", play=again)

    def action_other_choice(self) -> None:
        """See the decisions with their alternatives, to try another one."""
        self.go("route", play=self.play, debrief=self.debrief)

    def action_coach(self) -> None:
        """C: the coach view of this playthrough (all choices, where each would have led, notes)."""
        self.go("coach", session_id=self.play.session_id, back="debrief", play=self.play)

    def shows(self, binding: Binding) -> bool:
        """S (save the report) is in the hint bar only when reports can be written."""
        return binding.show and (binding.action != "report" or report_writer() is not None)

    def action_report(self) -> None:
        """S: save the HTML report (also in projector mode, where the hint bar is left out)."""
        self.write_report()

    def write_report(self) -> None:
        """Write the HTML report into the data folder (atomically) and say where it is."""
        ui = self.app.ui
        if report_writer() is None:
            return
        folder = self.app.folder / "reports"
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"{self.play.scenario.id}-{stamp}.html"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.play.write_report(path, self.app.analysis_for, ui.lang)
        except Exception as exc:  # a report problem is told, not a crash
            self.app.toast(ui.t("ui.debrief.report_failed", problem=problem_text(exc, ui.lang)), 8)
            return
        self.app.toast(ui.t("ui.debrief.report_written", path=str(path)), 10)

    def on_back(self) -> None:
        self.go("library")

    def on_reload(self) -> None:
        """F5: back to the ending, which reads the case again and replays the choices."""
        self.go("ending", play=self.play, reload_on_enter=True)


    # -- building ----------------------------------------------------------------------------------
    def build(self, ui: Ui, width: int, height: int) -> None:
        lang, unit = ui.lang, ui.theme.unit
        debrief = self.debrief
        layer = Layer()
        self.layers = [layer]
        bar = top_bar(ui, layer, width, ui.t("ui.debrief.title", title=debrief.title.get(lang)),
                      "" if ui.theme.projector else ui.t(f"ui.mode.{self.play.mode}"))
        hints = hint_bar(ui, layer, width, height, self.hints())
        key = self.key_hint
        buttons = [Button(ui.t("ui.library.back"), self.on_back, "secondary", key="library", hint=key("back")),
                   Button(ui.t("ui.debrief.other"), self.action_other_choice, "secondary", key="other",
                          hint=key("other_choice")),
                   Button(ui.t("ui.debrief.replay"), self.action_replay, "secondary", key="replay", hint=key("replay"))]
        buttons.insert(1, Button(ui.t("coach_ui.action.coach"), self.action_coach, "secondary", key="coach",
                                 hint=key("coach")))
        if report_writer() is not None:
            buttons.insert(1, Button(ui.t("ui.debrief.report"), self.write_report, "secondary", key="report",
                                     hint=key("report")))
        if ui.theme.projector:  # few elements on a projector, each with its key; the other keys still work
            buttons = [b for b in buttons if b.key in ("library", "report", "replay")]
        actions = button_bar(ui, layer, width, height - hints, buttons)
        region = main_region(layer, width, bar, height - hints - actions)
        x, column_width = reading_column(ui, width, wide=True)
        column = Column(ui, region, x, unit * 3, column_width)
        self._summary(ui, column, region.viewport.height)
        self._questions(ui, column)
        self._thinking(ui, column)
        self._levers(ui, column)
        self._routes(ui, column)
        self._reflection(ui, column)
        region.content_height = column.y + unit * 2

    def _heading(self, ui: Ui, column: Column, key: str) -> None:
        column.space(ui.theme.unit)
        column.add(Rule(), gap=ui.theme.unit * 2)
        column.add(TextBlock(ui.t(key), "heading", "bold"), gap=ui.theme.unit)

    def _summary(self, ui: Ui, column: Column, view_height: int) -> None:
        lang, unit = ui.lang, ui.theme.unit
        debrief = self.debrief
        expert = debrief.expert_scores
        size = min(int(column.width * 0.42), max(unit * 30, int(view_height * 0.8)), unit * 60)
        chart = QuadrantChart(debrief.trajectory, (expert.resident, expert.rules) if expert else None, size)
        side_by_side = column.width - size >= ui.theme.text_px * 18
        top = column.y
        if side_by_side:
            chart.place(ui, column.x, top, size)
            column.region.add(chart)
            text = Column(ui, column.region, column.x + size + unit * 3, top, column.width - size - unit * 3)
        else:
            text = column
        text.add(TextBlock(ui.t(f"quadrant.{debrief.quadrant}.title"), "heading", "bold", role="accent"), gap=unit)
        text.add(TextBlock(ui.t(f"quadrant.{debrief.quadrant}.text")), gap=unit * 2)
        if debrief.scores_differ:
            text.add(TextBlock(ui.t("scale.differs", quadrant=ui.t(f"quadrant.{debrief.score_quadrant}.label")),
                               "small", role="muted"), gap=unit)
        scores = debrief.scores
        resident_words, rules_words = debrief.score_words
        lines = [ui.t("scale.score", axis=ui.t("score.resident"), score=f"**{scores.resident}**",
                      words=ui.t(resident_words)),
                 ui.t("scale.score", axis=ui.t("score.rules"), score=f"**{scores.rules}**", words=ui.t(rules_words)),
                 ui.t("scale.explain")]
        if debrief.scale_approximate:  # the case went over the exploration budget (scoring.analysis)
            lines.append(ui.t("hardening.scale_approximate"))
        if debrief.ending_title:
            lines.append(ui.t("ui.debrief.ending", title=debrief.ending_title.get(lang)))
        if expert is not None:
            lines.append(ui.t("debrief.follows_expert") if debrief.follows_expert else
                         ui.t("ui.debrief.expert", resident=expert.resident, rules=expert.rules))
        text.add(TextBlock("\n".join(lines), "text"), gap=unit)
        if debrief.expertise_note and not ui.theme.projector:
            text.add(TextBlock(ui.t("ui.debrief.for_you", background=ui.t(f"background.{debrief.player_background}"))
                               + "\n" + debrief.expertise_note.get(lang), "small", box="surface_alt"))
        if side_by_side:
            column.y = max(chart.rect.bottom + unit * 2, text.y)
        else:
            chart.place(ui, column.x, column.y, size)
            column.region.add(chart)
            column.y = chart.rect.bottom + unit * 2

    def _questions(self, ui: Ui, column: Column) -> None:
        self._heading(ui, column, "debrief.questions")
        for question in self.debrief.questions:
            column.add(Verdict(question.verdict, ui.t(question.verdict_key), ui.t(question.question_key)))

    def _thinking(self, ui: Ui, column: Column) -> None:
        lang = ui.lang
        self._heading(ui, column, "debrief.thinking")
        if not self.debrief.thinking:
            column.add(TextBlock(ui.t("ui.debrief.no_thinking"), role="muted"))
            return
        for shown in self.debrief.thinking:
            column.add(TextBlock(f"**{ui.t(shown.name_key)}**: {ui.t(shown.explain_key)}"), gap=ui.theme.unit // 2)
            where = "\n".join(f"- {text.get(lang)}" for _id, text in shown.choices)
            column.add(TextBlock(ui.t("ui.debrief.in_choices") + "\n" + where, "small", role="muted"),
                       gap=ui.theme.unit * 2, indent=ui.theme.unit * 2)

    def _levers(self, ui: Ui, column: Column) -> None:
        lang, unit = ui.lang, ui.theme.unit
        debrief = self.debrief
        self._heading(ui, column, "ui.debrief.levers")
        groups = (("ui.debrief.levers_used", debrief.levers_used, "good"),
                  ("ui.debrief.levers_missed", debrief.levers_missed, "bad"),
                  ("debrief.levers_elsewhere", debrief.levers_elsewhere, "muted"))
        if not any(notes for _k, notes, _r in groups):
            column.add(TextBlock(ui.t("ui.debrief.no_levers"), role="muted"))
            return
        for key, notes, role in groups:
            if not notes:
                continue
            column.add(TextBlock(ui.t(key), "text", "bold", role=role), gap=unit // 2)
            for note in notes:
                text = f"**{note.title.get(lang)}**"
                if note.explain and not ui.theme.projector:
                    text += "\n" + note.explain.get(lang)
                if note.source and not ui.theme.projector:
                    text += f"\n*{note.source}*"
                column.add(TextBlock(text, "small"), gap=unit, indent=unit * 2)
            column.space(unit)

    def _routes(self, ui: Ui, column: Column) -> None:
        lang, unit = ui.lang, ui.theme.unit
        debrief = self.debrief
        self._heading(ui, column, "ui.debrief.routes")
        routes = [(ui.t("ui.debrief.own_route"), debrief.route, debrief.scores),
                  (ui.t("ui.debrief.expert_route"), debrief.expert_route, debrief.expert_scores)]
        gap = unit * 3
        two = column.width >= ui.theme.text_px * 30
        width = (column.width - gap) // 2 if two else column.width
        if debrief.follows_expert:
            column.add(TextBlock(ui.t("ui.debrief.same_route"), role="good"), gap=unit)
            routes = routes[:1]
        top, bottom = column.y, column.y
        for index, (title, route, scores) in enumerate(routes):
            x = column.x + (index * (width + gap) if two else 0)
            sub = Column(ui, column.region, x, top if two else bottom, width)
            score = ui.t("ui.debrief.route_scores", resident=scores.resident, rules=scores.rules) if scores else ""
            sub.add(TextBlock(f"**{title}**" + (f"\n{score}" if score else ""), "text", box="surface_alt"))
            for number, step in enumerate(route, start=1):
                sub.add(TextBlock(f"{number}. {step.choice_text.get(lang)}", "small"), gap=unit // 4)
                sub.add(TextBlock(ui.t("ui.debrief.after", resident=step.scores_after[0], rules=step.scores_after[1]),
                                  "small", role="muted", rich=False), gap=unit, indent=unit * 2)
            bottom = max(bottom, sub.y + (0 if two else unit))
        column.y = bottom + unit

    def _reflection(self, ui: Ui, column: Column) -> None:
        lang, unit = ui.lang, ui.theme.unit
        debrief = self.debrief
        questions = debrief.reflection.lines(lang)
        if questions:
            self._heading(ui, column, "ui.debrief.reflection")
            column.add(TextBlock("\n".join(f"- {q}" for q in questions)), gap=unit * 2)
        if ui.theme.projector:
            return
        if debrief.background:
            self._heading(ui, column, "ui.debrief.background")
            column.add(TextBlock(debrief.background.get(lang)), gap=unit * 2)
        if debrief.sources:
            column.add(TextBlock(ui.t("ui.debrief.sources"), "small", "bold", role="muted"), gap=unit // 2)
            column.add(TextBlock("\n".join(f"- {s}" for s in debrief.sources), "small", role="muted", rich=False))
