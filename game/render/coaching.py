"""What the coaching pages share: the coach section of the report, the end-point chart and the spread table.

The report (``game.render.report``), the progress page and the group report render these
through the templates ``coach.html.j2``, ``endpoints.svg.j2`` and ``spread.html.j2``;
the helpers here turn the pure objects of ``scoring`` into the few strings they show.
"""

from __future__ import annotations

from collections.abc import Sequence
from game.engine.records import dataclass, field

from game.engine import markup
from game.engine.model import Text
from game.i18n import t
from game.render.report import HIGH, LEFT, PLOT, SIZE, TOP, Area, Tick, plot_x, plot_y
from game.render.report import label as report_label
from game.store.notes import CoachNotes
from scoring.coach import CoachView, Reach
from scoring.group import EndMark

EXCERPT = 120


def signed(value: float) -> str:
    """A change with its sign (+2, -1, 0; 1.5 stays 1.5)."""
    number = int(value) if float(value).is_integer() else round(value, 1)
    return f"+{number}" if value > 0 else str(number)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The start of a text on one line, without markers, cut at a word."""
    flat = " ".join(markup.plain(text).split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class CoachSection:
    """The coach view and notes of a playthrough, with what its template needs in one language."""

    view: CoachView
    notes: CoachNotes
    lang: str

    def label(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def text(self, value: Text | str) -> str:
        return value.get(self.lang) if isinstance(value, Text) else str(value)

    def excerpt(self, text: str) -> str:
        return excerpt(text)

    def lever(self, lever_id: str) -> str:
        title = self.view.levers.get(lever_id)
        return (title.get(self.lang) if title else "") or lever_id

    def effect(self, effect: tuple[float, float]) -> str:
        return self.label("coaching.coach.effect_value", resident=signed(effect[0]), rules=signed(effect[1]))

    def reach(self, reach: Reach) -> str:
        best, worst = reach.best, reach.worst
        if best == worst:
            return self.label("coaching.coach.reach_one", ending=markup.plain(self.text(best.title) or best.ending),
                              resident=best.scores.resident, rules=best.scores.rules)
        return self.label("coaching.coach.reach", best=markup.plain(self.text(best.title) or best.ending),
                          best_resident=best.scores.resident, best_rules=best.scores.rules,
                          worst=markup.plain(self.text(worst.title) or worst.ending),
                          worst_resident=worst.scores.resident, worst_rules=worst.scores.rules)


# -- the end-point chart ----------------------------------------------------------------------

@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    count: int  # playthroughs ending on this point
    title: str  # the tooltip and the accessible name


@dataclass(frozen=True)
class EndChart:
    """The quadrants with one dot per end point (bigger where more playthroughs ended)."""

    alt: str
    areas: list[Area]
    ticks: list[Tick]
    axis_resident: str
    axis_rules: str
    dots: list[Dot] = field(default_factory=list)
    size: int = SIZE
    left: int = LEFT
    top: int = TOP
    plot: int = PLOT
    bottom: int = TOP + PLOT


def end_chart(marks: Sequence[EndMark], lang: str, names: bool, current: str | None = None) -> EndChart:
    """The end-point chart of a group (labels are pseudonyms only with ``names``)."""
    mid_x, mid_y = plot_x(HIGH), plot_y(HIGH)
    right, bottom = LEFT + PLOT, TOP + PLOT
    boxes = [("rules", LEFT, TOP, mid_x - LEFT, mid_y - TOP),
             ("omgekeerd", mid_x, TOP, right - mid_x, mid_y - TOP),
             ("stuck", LEFT, mid_y, mid_x - LEFT, bottom - mid_y),
             ("kind", mid_x, mid_y, right - mid_x, bottom - mid_y)]
    areas = [Area(kind, x, y, w, h, kind == current, report_label("q." + kind, lang)) for kind, x, y, w, h in boxes]
    grouped: dict[tuple[int, int], list[str]] = {}
    for mark in marks:
        grouped.setdefault((mark.resident, mark.rules), []).append(mark.label)
    dots = []
    for (resident, rules), labels in sorted(grouped.items()):
        who = ", ".join(labels) if names else ""
        title = t("coaching.group.dot", lang, resident=resident, rules=rules, count=len(labels)) + (
            f" – {who}" if who else "")
        dots.append(Dot(plot_x(resident), plot_y(rules), len(labels), title))
    return EndChart(t("coaching.group.chart_alt", lang), areas, [Tick(v, plot_x(v), plot_y(v)) for v in (0, 50, 100)],
                    report_label("axis.resident", lang), report_label("axis.rules", lang), dots)


def dot_radius(count: int, most: int) -> float:
    """A dot's radius: 5 for one playthrough, up to 16 for the most common end point."""
    if most <= 1:
        return 6.0
    return 5.0 + 11.0 * (count - 1) / (most - 1)
