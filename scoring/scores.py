"""Scores of one playthrough: the two headline axes, the quadrant and the four questions."""

from __future__ import annotations

from game.engine.records import dataclass

from game.engine.model import Ending, Scenario, Text
from game.engine.rules import start_metrics
from game.i18n import t, texts

from scoring.analysis import Analysis, Scores, axis_totals

HIGH = 50  # where the case began: a headline score above this is "high" for the quadrant

QUADRANTS = ("omgekeerd", "rules", "kind", "stuck")  # texts: quadrant.<id>.label | .title | .text

QUESTIONS: list[tuple[str, tuple[str, ...]]] = [  # (id, metrics); the text is question.<id>
    ("involved", ("ownership",)),
    ("right_solution", ("self_reliance", "security")),
    ("efficient", ("efficiency",)),
    ("allowed", ("legality", "justification")),
]

VERDICTS = ("yes", "partly", "no")  # texts: verdict.<id>
NEVER_YES_WHEN_STUCK = ("right_solution", "efficient")  # an ending declared stuck answers these "no"
OWN_METRICS = {"right_solution": "resident", "efficient": "efficiency", "allowed": "rules"}  # question -> axis

SCALE_WORDS = ((80, "much_better"), (51, "better"), (50, "same"), (21, "worse"), (0, "much_worse"))  # scale.<id>


@dataclass(frozen=True)
class Question:
    """One of the four questions with its verdict and the metric changes behind it."""

    id: str
    verdict: str  # yes | partly | no
    changes: dict[str, float]

    @property
    def question_key(self) -> str:
        """The catalogue key of the question's text."""
        return f"question.{self.id}"

    @property
    def verdict_key(self) -> str:
        """The catalogue key of the verdict's word (Ja, Deels, Nee)."""
        return f"verdict.{self.verdict}"

    @property
    def question(self) -> Text:
        """The question in every language (for renderers that take a Text)."""
        return Text(texts(self.question_key))

    @property
    def verdict_text(self) -> Text:
        """The verdict in every language (for renderers that take a Text)."""
        return Text(texts(self.verdict_key))


def score(scenario: Scenario, analysis: Analysis, metrics: dict[str, float]) -> Scores:
    """Headline scores (0-100) of metric values, normalised by the analysed range."""
    resident, rules = axis_totals(scenario, metrics)
    return analysis.scores(resident, rules)


def scale_word(value: int) -> str:
    """What a 0-100 score means in words (the catalogue's ``scale.<id>``): 50 is where the case began."""
    return next(word for bound, word in SCALE_WORDS if value >= bound)


def verdict(ending: Ending | None, scores: Scores) -> str:
    """The headline verdict of a route: its ending's declared outcome, else the quadrant of its scores."""
    return ending.outcome if ending is not None and ending.outcome else quadrant(scores)


def quadrant(scores: Scores) -> str:
    """omgekeerd (both high) | rules | kind | stuck; high is above 50, better than where the case began."""
    resident_high, rules_high = scores.resident > HIGH, scores.rules > HIGH
    if resident_high and rules_high:
        return "omgekeerd"
    if rules_high:
        return "rules"
    return "kind" if resident_high else "stuck"


def four_questions(scenario: Scenario, metrics: dict[str, float], outcome: str = "") -> list[Question]:
    """The municipality's four questions, each judged by how its metrics moved from the start.

    The end values include the ending's effects, so what an outcome costs (an eviction, a
    nursing-home admission) counts. Metrics of your own take part by their axis (resident:
    the right solution; efficiency: efficient; rules: allowed). An ending declared ``stuck``
    answers "no" to the right solution and to efficient.
    """
    start = start_metrics(scenario)
    result = []
    for question_id, metric_ids in QUESTIONS:
        axis = OWN_METRICS.get(question_id)
        own = [m.id for m in scenario.metrics.values() if not m.standard and m.axis == axis] if axis else []
        changes = {m: metrics.get(m, 0) - start.get(m, 0) for m in list(metric_ids) + own if m in scenario.metrics}
        answer = _verdict(list(changes.values()))
        if outcome == "stuck" and question_id in NEVER_YES_WHEN_STUCK:
            answer = "no"
        result.append(Question(question_id, answer, changes))
    return result


def _verdict(values: list[float]) -> str:
    """yes: every metric went up; partly: one went up, or none changed; no: none up and one down."""
    if values and all(v > 0 for v in values):
        return "yes"
    if any(v > 0 for v in values) or all(v == 0 for v in values):
        return "partly"
    return "no"


def questions_json(questions: list[Question]) -> dict[str, dict[str, object]]:
    """The questions as JSON: verdict, the Dutch question and the metric changes."""
    return {q.id: {"verdict": q.verdict, "question": t(q.question_key, "nl"),
                   "changes": {k: int(v) if float(v).is_integer() else v for k, v in q.changes.items()}}
            for q in questions}
