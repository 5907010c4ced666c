"""The report: one self-contained, printable HTML page rendered from a Debrief (no assets, no pygame).

The page is rendered by Jinja2 from the templates in ``game/render/templates`` (shipped as
package data), with autoescaping on and undefined names failing. Everything that comes from
a scenario is escaped; the only markup taken from it is the format's ``*cursief*`` and
``**vet**``, parsed by :mod:`game.engine.markup`. The quadrant chart with the playthrough's
trajectory is inline SVG. Interface strings are the catalogue's ``report.`` section.
"""

from __future__ import annotations

import re
from game.engine.records import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined

from game.engine import markup
from game.engine.model import Text, standard_metrics
from game.i18n import t

from scoring.debrief import BACKGROUND_NAMES, Debrief, LeverNote, RouteStep
from scoring.scores import HIGH, Question

if TYPE_CHECKING:
    from game.render.coaching import CoachSection  # the coach section (issue 13) renders through coach.html.j2

_URL = re.compile(r"^https?://[^\s<>\"']+$")
EXCERPT = 110  # characters of a situation's text beside the expert route


@dataclass(frozen=True)
class ReportInfo:
    """What the store knows about the playthrough (all optional)."""

    session_id: int | None = None
    player: str = ""
    mode: str = ""
    started: str = ""
    finished_at: str | None = None
    source: str = ""
    content_hash: str = ""


@dataclass(frozen=True)
class Fact:
    """One line of the header's facts (a ``code`` value is shown as code)."""

    label: str
    value: str
    code: bool = False


@dataclass(frozen=True)
class ScoreCard:
    """One axis score in the header: its number, bar width and meaning in words."""

    label: str
    value: int
    width: int  # of the bar, in percent
    meaning: str = ""  # what the number means in words (scale.<id>)


@dataclass(frozen=True)
class QuestionRow:
    """One of the four questions with how its metrics moved."""

    question: Question
    moved: str


@dataclass(frozen=True)
class LeverGroup:
    """The levers of one kind (used, missed, other), under their heading."""

    key: str  # its heading in the catalogue: report.<key>
    kind: str
    notes: list[LeverNote]


@dataclass(frozen=True)
class BackgroundNote:
    """What the case says to the player's background."""

    heading: str
    text: Text


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the report templates: autoescaped, strict, markup parser at hand."""
    from game.render.template_cache import template_cache

    env = Environment(loader=PackageLoader("game.render", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # The compiled code depends on these options: a cached template is used only with the same ones.
    env.bytecode_cache = template_cache(f"{env.autoescape}|{env.trim_blocks}|{env.lstrip_blocks}|"
                                        f"{env.block_start_string}{env.variable_start_string}")
    env.globals.update(markup_runs=markup.runs, markup_paragraphs=markup.paragraphs)
    env.filters.update(f1=lambda value: f"{value:.1f}", points=_points)
    return env


def label(key: str, lang: str, **params: object) -> str:
    """An interface string of the report (the catalogue entry ``report.<key>``)."""
    return t(f"report.{key}", lang, **params)


def _text(value: Text | str, lang: str) -> str:
    return value.get(lang) if isinstance(value, Text) else str(value)


def render_report(debrief: Debrief, lang: str = "nl", info: ReportInfo | None = None,
                  coach: CoachSection | None = None) -> str:
    """The whole report as one HTML document (with the coach section when ``coach`` is given)."""
    info = info or ReportInfo()
    title = debrief.title.get(lang) or debrief.scenario_id
    heading = f'{label("report", lang)}: {title}' + (f" – {info.player}" if info.player else "")
    page = environment().get_template("report.html.j2")
    return page.render(
        d=debrief, lang=lang, title=title, page_title=markup.plain(heading),
        label=partial(label, lang=lang), text=partial(_text, lang=lang),
        after=partial(_after, lang=lang), excerpt=_excerpt, is_link=_is_link,
        facts=_facts(debrief, lang, info), score_cards=_score_cards(debrief, lang),
        expert_sentence=_expert_sentence(debrief, lang), background_note=_background_note(debrief, lang),
        chart=chart(debrief, lang), questions=_questions(debrief, lang),
        expert_at={step.situation: step for step in debrief.expert_route},
        lever_groups=_lever_groups(debrief), reflection=debrief.reflection.lines(lang), coach=coach,
        scale_note=t("scale.explain", lang), differs=_differs(debrief, lang),
    ) + "\n"


def _differs(debrief: Debrief, lang: str) -> str:
    """When the scores land elsewhere than the ending's declared outcome: the note that says so."""
    if not debrief.scores_differ:
        return ""
    return t("scale.differs", lang, quadrant=t(f"quadrant.{debrief.score_quadrant}.label", lang))


# -- what the sections show ---------------------------------------------------------------

def _facts(debrief: Debrief, lang: str, info: ReportInfo) -> list[Fact]:
    facts = []
    if info.player:
        facts.append(Fact(label("player", lang), info.player))
    if info.session_id is not None:
        facts.append(Fact(label("session", lang), str(info.session_id)))
    if info.started:
        facts.append(Fact(label("played", lang), _when(info.finished_at or info.started, lang)))
    if debrief.player_background:
        facts.append(Fact(label("background", lang), BACKGROUND_NAMES[debrief.player_background].get(lang)))
    if info.mode:
        facts.append(Fact(label("mode", lang), label(f"mode.{info.mode}", lang)))
    if info.content_hash:
        facts.append(Fact(label("version", lang), info.content_hash, code=True))
    return facts


def _when(stamp: str, lang: str) -> str:
    """An ISO UTC timestamp as a date and time a reader expects."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})", stamp)
    if not match:
        return stamp
    year, month, day, hour, minute = match.groups()
    day_text = f"{day}-{month}-{year}" if lang == "nl" else f"{year}-{month}-{day}"
    return f"{day_text} {hour}:{minute} UTC"


def _score_cards(debrief: Debrief, lang: str) -> list[ScoreCard]:
    scores = debrief.scores
    words = debrief.score_words
    axes = (("resident", scores.resident), ("rules", scores.rules))
    return [ScoreCard(label(key, lang), value, max(0, min(100, value)), t(meaning, lang))
            for (key, value), meaning in zip(axes, words, strict=True)]


def _expert_sentence(debrief: Debrief, lang: str) -> str:
    if debrief.expert_scores is None or debrief.follows_expert:
        return ""
    return label("expert_scores", lang,
                 resident=f'{label("resident", lang).lower()} {debrief.expert_scores.resident}',
                 rules=f'{label("rules", lang).lower()} {debrief.expert_scores.rules}')


def _background_note(debrief: Debrief, lang: str) -> BackgroundNote | None:
    if not (debrief.expertise_note and debrief.player_background):
        return None
    name = BACKGROUND_NAMES[debrief.player_background].get(lang)
    return BackgroundNote(label("for_background", lang, name=name), debrief.expertise_note)


def _questions(debrief: Debrief, lang: str) -> list[QuestionRow]:
    labels = {m.id: m.label or Text({lang: t(f"metric.{m.id}", lang)}) for m in standard_metrics().values()}
    rows = []
    for question in debrief.questions:
        moved = ", ".join(f"{labels.get(k, Text({'nl': k})).get(lang).lower()} {_signed(v)}"
                          for k, v in question.changes.items()) or "–"
        rows.append(QuestionRow(question, moved))
    return rows


def _signed(value: float) -> str:
    number = int(value) if float(value).is_integer() else value
    return f"+{number}" if value > 0 else str(number)


def _after(step: RouteStep, lang: str) -> str:
    resident, rules = step.scores_after
    return (f'{label("after", lang)}: {label("resident", lang).lower()} {resident} · '
            f'{label("rules", lang).lower()} {rules}')


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    """The start of a text on one line, without its markers, cut at a word."""
    flat = " ".join(markup.plain(text).split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


def _lever_groups(debrief: Debrief) -> list[LeverGroup]:
    groups = [LeverGroup("levers_used", "used", debrief.levers_used),
              LeverGroup("levers_missed", "missed", debrief.levers_missed),
              LeverGroup("levers_elsewhere", "elsewhere", debrief.levers_elsewhere)]
    return [group for group in groups if group.notes or group.kind != "elsewhere"]


def _is_link(source: str) -> bool:
    """Whether a source is a web address (only http and https are made links)."""
    return bool(_URL.match(source.strip()))


# -- the chart ------------------------------------------------------------------------------

SIZE, LEFT, TOP, PLOT = 420, 56, 16, 340  # the plot square is PLOT wide, at (LEFT, TOP)


@dataclass(frozen=True)
class Point:
    """A point of the quadrant chart, in SVG units."""

    x: float
    y: float


@dataclass(frozen=True)
class Area:
    """One quadrant of the chart (``current``: the one the playthrough ends in)."""

    kind: str
    x: float
    y: float
    width: float
    height: float
    current: bool
    label: str


@dataclass(frozen=True)
class Tick:
    """A scale mark on both axes of the chart."""

    value: int
    across: float  # x of the tick on the resident axis
    up: float  # y of the tick on the rules axis


@dataclass(frozen=True)
class Marker:
    """A dot of the player's course, labelled with the steps that ended there (S = start)."""

    x: float
    y: float
    last: bool
    names: str
    anchor: str
    dx: int


@dataclass(frozen=True)
class Chart:
    """The quadrant chart: its areas, ticks, axis labels and the routes drawn on it."""

    alt: str
    areas: list[Area]
    ticks: list[Tick]
    axis_resident: str
    axis_rules: str
    expert: list[Point]
    you: list[Point]
    markers: list[Marker]
    size: int = SIZE
    left: int = LEFT
    top: int = TOP
    plot: int = PLOT
    bottom: int = TOP + PLOT


def plot_x(resident: float) -> float:
    """The x of a resident score (0-100) on the quadrant chart."""
    return LEFT + PLOT * max(0.0, min(100.0, resident)) / 100


def plot_y(rules: float) -> float:
    """The y of a rules score (0-100) on the quadrant chart (up is higher)."""
    return TOP + PLOT * (1 - max(0.0, min(100.0, rules)) / 100)


def _point(scores: tuple[int, int]) -> Point:
    return Point(plot_x(scores[0]), plot_y(scores[1]))


def _points(points: list[Point]) -> str:
    return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)


def _areas(debrief: Debrief, lang: str) -> list[Area]:
    mid_x, mid_y = plot_x(HIGH), plot_y(HIGH)
    right, bottom = LEFT + PLOT, TOP + PLOT
    boxes = [("rules", LEFT, TOP, mid_x - LEFT, mid_y - TOP),
             ("omgekeerd", mid_x, TOP, right - mid_x, mid_y - TOP),
             ("stuck", LEFT, mid_y, mid_x - LEFT, bottom - mid_y),
             ("kind", mid_x, mid_y, right - mid_x, bottom - mid_y)]
    return [Area(kind, x, y, w, h, kind == debrief.quadrant, label("q." + kind, lang)) for kind, x, y, w, h in boxes]


def chart(debrief: Debrief, lang: str) -> Chart:
    """What the quadrant chart draws: areas, ticks, the player's course and the expert's."""
    expert: list[Point] = []
    if debrief.trajectory and not debrief.follows_expert:
        expert = [_point(debrief.trajectory[0])] + [_point(step.scores_after) for step in debrief.expert_route]
    return Chart(label("chart_alt", lang), _areas(debrief, lang),
                 [Tick(value, plot_x(value), plot_y(value)) for value in (0, 50, 100)],
                 label("axis.resident", lang), label("axis.rules", lang), expert,
                 [_point(scores) for scores in debrief.trajectory], _markers(debrief.trajectory))


def quadrant_svg(debrief: Debrief, lang: str) -> str:
    """The four quadrants with the player's trajectory (and the expert's, dashed) as an SVG document."""
    return environment().get_template("quadrant.svg.j2").render(chart=chart(debrief, lang))


def _markers(points: list[tuple[int, int]]) -> list[Marker]:
    """Numbered dots for the start (S) and every choice; a point equal to the one before gets no new label."""
    labelled: dict[tuple[int, int], list[str]] = {}
    for number, point in enumerate(points):
        labelled.setdefault(point, []).append("S" if number == 0 else str(number))
    markers = []
    for point, names in labelled.items():
        x, y = plot_x(point[0]), plot_y(point[1])
        anchor = "end" if x > LEFT + PLOT - 40 else "start"
        markers.append(Marker(x, y, point == points[-1], ",".join(names), anchor, -10 if anchor == "end" else 10))
    return markers
