"""Progress of one player across weeks: the cases played, every finished attempt's scores over time, recurring patterns.

It renders ``scoring.progress.Progress`` (made by ``game.play.coaching.progress_of``): a small
chart of both scores per finished attempt, the attempts in order, the thinking errors that
came back in more than one case and the levers never used.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.play import coaching
from scoring.progress import Attempt, Progress

from game.ui.records import problem_text
from game.ui.screens.base import Screen
from game.ui.toolkit.bindings import NEXT, SCROLL, Binding
from game.ui.toolkit.chrome import hint_bar, main_region, reading_column, top_bar
from game.ui.toolkit.widgets import Button, Column, DrawState, Layer, TextBlock, Ui, Widget
from game.ui.words import moment, verdict_name

SCORE_TOP = 100


class ScoreChart(Widget):
    """Both headline scores (0–100) of each finished attempt, first to last: two lines with dots."""

    def __init__(self, attempts: list[Attempt], labels: tuple[str, str]) -> None:
        super().__init__("chart")
        self.attempts, self.labels = attempts, labels

    @property
    def label(self) -> str:
        return " / ".join(self.labels)

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        height = max(ui.theme.unit * 18, ui.theme.text_px * 9)
        self.rect = pygame.Rect(x, y, width, height)
        return height

    def _points(self, area: pygame.Rect, values: list[int]) -> list[tuple[int, int]]:
        count = len(values)
        step = area.width / max(1, count - 1) if count > 1 else 0
        return [(int(area.x + (index * step if count > 1 else area.width / 2)),
                 int(area.bottom - area.height * max(0, min(SCORE_TOP, value)) / SCORE_TOP))
                for index, value in enumerate(values)]

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        rect = self.screen_rect(origin)
        unit = ui.theme.unit
        legend = [ui.layout(text, "small", 10_000) for text in self.labels]
        legend_height = legend[0].line_height + unit
        axis = ui.layout(str(SCORE_TOP), "small", 10_000)
        area = pygame.Rect(rect.x + axis.text_width + unit * 2, rect.y + legend_height + unit,
                           rect.width - axis.text_width - unit * 4,
                           rect.height - legend_height - axis.line_height - unit * 2)
        pygame.draw.rect(surface, ui.colour("surface_alt"), area)
        for value in (0, 50, SCORE_TOP):
            y = int(area.bottom - area.height * value / SCORE_TOP)
            pygame.draw.line(surface, ui.colour("border"), (area.x, y), (area.right, y), 1)
            mark = ui.layout(str(value), "small", 10_000)
            mark.draw(surface, area.x - unit - mark.text_width, y - mark.line_height // 2, ui.colour("muted"))
        series = ((ui.colour("accent"), [a.resident or 0 for a in self.attempts]),
                  (ui.colour("good"), [a.rules or 0 for a in self.attempts]))
        x = area.x
        for (colour, values), text in zip(series, legend, strict=True):
            points = self._points(area, values)
            if len(points) > 1:
                pygame.draw.lines(surface, colour, False, points, max(2, unit // 3))
            for point in points:
                pygame.draw.circle(surface, colour, point, max(4, unit // 2))
            pygame.draw.circle(surface, colour, (x + unit // 2, rect.y + legend[0].line_height // 2), max(4, unit // 2))
            text.draw(surface, x + unit * 2, rect.y, ui.colour("text"))
            x += text.text_width + unit * 5
        for number, (x_at, _y) in enumerate(self._points(area, [0] * len(self.attempts)), start=1):
            mark = ui.layout(str(number), "small", 10_000)
            mark.draw(surface, x_at - mark.text_width // 2, area.bottom + unit // 2, ui.colour("muted"))

class ProgressScreen(Screen):
    """What one player has played over time, and what keeps coming back."""

    name = "progress"
    BINDINGS = (NEXT, SCROLL, Binding(("p",), "playthroughs", "coach_ui.keys.playthroughs"),
                Binding(("escape",), "back", "coach_ui.keys.back"))

    def __init__(self, app, back: str = "library") -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.back = back
        self.progress: Progress | None = None
        self._load()

    def _load(self) -> None:
        records, player = self.app.records, self.app.player
        if records is None or player is None:
            return
        try:
            self.progress = coaching.progress_of(records.store, player.name, coaching.Cases(self.app.library))
        except Exception as exc:  # a store or replay problem is told, never a crash
            self.app.toast(self.app.ui.t("ui.store_problem", problem=problem_text(exc, self.app.settings.lang)), 8)

    def action_playthroughs(self) -> None:
        self.go("playthroughs")

    def on_back(self) -> None:
        self.go(self.back if self.back in ("library", "playthroughs") else "library")

    def build(self, ui: Ui, width: int, height: int) -> None:
        unit = ui.theme.unit
        layer = Layer()
        self.layers = [layer]
        player = self.app.player
        bar = top_bar(ui, layer, width, ui.t("coach_ui.progress.title"), player.name if player else "", [
            Button(ui.t("coach_ui.playthroughs.open"), self.action_playthroughs, "quiet", key="playthroughs",
                   hint=self.key_hint("playthroughs")),
            Button(ui.t("ui.back"), self.on_back, "secondary", key="back", hint=self.key_hint("back"))])
        hints = hint_bar(ui, layer, width, height, self.hints())
        region = main_region(layer, width, bar, height - hints)
        x, column_width = reading_column(ui, width, wide=True)
        column = Column(ui, region, x, unit * 3, column_width)
        progress = self.progress
        finished = [a for a in progress.attempts if a.finished] if progress is not None else []
        if progress is None or not finished:
            column.add(TextBlock(ui.t("coach_ui.progress.none"), "text", role="muted"))
        else:
            self._overview(ui, column, progress, finished)
            self._recurring(ui, column, progress)
            self._never_used(ui, column, progress)
        region.content_height = column.y + unit * 2

    def _overview(self, ui: Ui, column: Column, progress: Progress, finished: list[Attempt]) -> None:
        unit, lang = ui.theme.unit, ui.lang
        cases = {a.case for a in finished}
        column.add(TextBlock(f"**{ui.tn('coach_ui.progress.cases', len(cases))}** · "
                             f"{ui.tn('coach_ui.progress.attempts', len(progress.attempts))}", "heading"), gap=unit)
        column.add(TextBlock(ui.t("coach_ui.progress.chart"), "small", role="muted"), gap=unit // 2)
        column.add(ScoreChart(finished, (ui.t("axis.resident"), ui.t("axis.rules"))), gap=unit * 2)
        column.add(TextBlock(ui.t("coach_ui.progress.attempts_title"), "heading", "bold"), gap=unit // 2)
        lines = [ui.t("coach_ui.progress.attempt", number=number, when=moment(a.when, lang),
                      title=a.title.get(lang) or a.case, resident=a.resident, rules=a.rules,
                      verdict=verdict_name(a.verdict, lang))
                 for number, a in enumerate(finished, start=1)]
        column.add(TextBlock("\n".join(lines), "small", rich=False), gap=unit * 2)

    def _recurring(self, ui: Ui, column: Column, progress: Progress) -> None:
        unit, lang = ui.theme.unit, ui.lang
        column.add(TextBlock(ui.t("coach_ui.progress.recurring"), "heading", "bold"), gap=unit // 2)
        recurring = progress.recurring
        if not recurring:
            column.add(TextBlock(ui.t("coach_ui.progress.no_recurring"), "text", role="muted"), gap=unit * 2)
            return
        titles = {row.case: row.title.get(lang) or row.case for row in progress.cases}
        lines = [ui.tn("coach_ui.progress.recurring_line", len(p.cases), name=ui.t(f"thinking.{p.id}.name"),
                       cases=", ".join(titles.get(case, case) for case in p.cases)) for p in recurring]
        column.add(TextBlock("\n".join(f"- {line}" for line in lines)), gap=unit * 2)

    def _never_used(self, ui: Ui, column: Column, progress: Progress) -> None:
        unit, lang = ui.theme.unit, ui.lang
        column.add(TextBlock(ui.t("coach_ui.progress.unused"), "heading", "bold"), gap=unit // 2)
        if not progress.never_used:
            column.add(TextBlock(ui.t("coach_ui.progress.all_used"), "text", role="muted"), gap=unit * 2)
            return
        column.add(TextBlock(ui.t("coach_ui.progress.unused_help"), "small", role="muted"), gap=unit // 2)
        names: list[Any] = [progress.lever_titles[lever].get(lang) if lever in progress.lever_titles else lever
                            for lever in progress.never_used]
        column.add(TextBlock("\n".join(f"- {name}" for name in names)), gap=unit * 2)
