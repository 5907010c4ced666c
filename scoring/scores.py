"""Scores of one playthrough: the two headline axes, the quadrant and the four questions."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Scenario, Text
from game.engine.rules import start_metrics
from game.i18n import t, texts

from scoring.analysis import Analysis, Scores, axis_totals

HIGH = 50  # a headline score at or above this is "high" for the quadrant

QUADRANTS = ("omgekeerd", "rules", "kind", "stuck")  # texts: quadrant.<id>.label | .title | .text

QUESTIONS: list[tuple[str, tuple[str, ...]]] = [  # (id, metrics); the text is question.<id>
    ("involved", ("ownership",)),
    ("right_solution", ("self_reliance", "security")),
    ("efficient", ("efficiency",)),
    ("allowed", ("legality", "justification")),
]

VERDICTS = ("yes", "partly", "no")  # texts: verdict.<id>


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


def quadrant(scores: Scores) -> str:
    """omgekeerd (both high) | rules | kind | stuck."""
    resident_high, rules_high = scores.resident >= HIGH, scores.rules >= HIGH
    if resident_high and rules_high:
        return "omgekeerd"
    if rules_high:
        return "rules"
    return "kind" if resident_high else "stuck"


def four_questions(scenario: Scenario, metrics: dict[str, float]) -> list[Question]:
    """The municipality's four questions, each judged by how its metrics moved from the start."""
    start = start_metrics(scenario)
    result = []
    own = {axis: [m.id for m in scenario.metrics.values() if not m.standard and m.axis == axis]
           for axis in ("resident", "rules", "efficiency")}
    extra = {"right_solution": own["resident"], "efficient": own["efficiency"], "allowed": own["rules"]}
    for question_id, metric_ids in QUESTIONS:
        ids = list(metric_ids) + extra.get(question_id, [])
        changes = {m: metrics.get(m, 0) - start.get(m, 0) for m in ids if m in scenario.metrics}
        values = list(changes.values())
        if values and all(v > 0 for v in values):
            verdict = "yes"
        elif any(v > 0 for v in values) or all(v == 0 for v in values):
            verdict = "partly"
        else:
            verdict = "no"
        result.append(Question(question_id, verdict, changes))
    return result


def questions_json(questions: list[Question]) -> dict[str, dict[str, object]]:
    """The questions as JSON: verdict, the Dutch question and the metric changes."""
    return {q.id: {"verdict": q.verdict, "question": t(q.question_key, "nl"),
                   "changes": {k: int(v) if float(v).is_integer() else v for k, v in q.changes.items()}}
            for q in questions}
