"""The progress page: one player's attempts across cases and weeks as one self-contained HTML file."""

from __future__ import annotations

from game.engine.records import dataclass
from functools import partial

from game.engine import markup
from game.engine.model import Text
from game.i18n import t, tn
from game.render.group_report import verdict_label
from game.render.report import _when, environment
from scoring.progress import Attempt, Progress

WIDTH, HEIGHT, LEFT, RIGHT_PAD, TOP, BOTTOM_PAD = 720, 240, 40, 16, 12, 28


@dataclass(frozen=True)
class ChartPoint:
    number: int  # the attempt's number in the table
    x: float
    resident: int
    rules: int
    title: str


@dataclass(frozen=True)
class LineChart:
    """Both scores of every finished attempt over time (x: the order played)."""

    alt: str
    points: list[ChartPoint]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT_PAD

    def y(self, value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM_PAD) * (1 - max(0.0, min(100.0, value)) / 100)

    def line(self, axis: str) -> str:
        return " ".join(f"{p.x:.1f},{self.y(getattr(p, axis)):.1f}" for p in self.points)


def line_chart(progress: Progress, lang: str) -> LineChart:
    numbered = [(n, a) for n, a in enumerate(progress.attempts, start=1) if a.finished and a.resident is not None]
    span = WIDTH - RIGHT_PAD - LEFT - 20
    points = []
    for index, (number, attempt) in enumerate(numbered):
        x = LEFT + 10 + (span * index / (len(numbered) - 1) if len(numbered) > 1 else span / 2)
        title = t("coaching.progress.point", lang, number=number, case=markup.plain(attempt.title.get(lang)),
                  resident=attempt.resident, rules=attempt.rules)
        points.append(ChartPoint(number, x, attempt.resident or 0, attempt.rules or 0, title))
    return LineChart(t("coaching.progress.chart_alt", lang), points)


def render_progress(progress: Progress, lang: str = "nl") -> str:
    """The progress page as one HTML document."""
    titles = {row.case: row.title for row in progress.cases}
    first = progress.attempts[0].when if progress.attempts else ""
    last = progress.attempts[-1].when if progress.attempts else ""
    facts = [(t("coaching.progress.cases", lang), str(len(progress.cases))),
             (t("coaching.progress.attempts", lang), str(len(progress.attempts))),
             (t("coaching.progress.period", lang), f"{_when(first, lang)[:10]} – {_when(last, lang)[:10]}")]

    def verdict(attempt: Attempt) -> str:
        if attempt.verdict is None:
            return t("coaching.state.open", lang)
        return verdict_label(attempt.verdict, lang)

    page = environment().get_template("progress.html.j2")
    return page.render(
        p=progress, lang=lang, facts=facts, chart=line_chart(progress, lang),
        page_title=markup.plain(f"{t('coaching.progress.kicker', lang)}: {progress.player}"),
        label=partial(t, lang=lang), text=lambda value: value.get(lang) if isinstance(value, Text) else str(value),
        when=lambda stamp: _when(stamp, lang), verdict=verdict,
        case_names=lambda ids: ", ".join(markup.plain(titles[i].get(lang)) if i in titles else i for i in ids),
        attempts_label=lambda count: tn("coaching.attempts", count, lang),
        lever=lambda lever_id: progress.lever_titles.get(lever_id, Text({})).get(lang) or lever_id,
    ) + "\n"
