"""Scores of one playthrough: the two headline axes, the quadrant and the four questions."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Scenario, Text
from game.engine.rules import start_metrics

from scoring.analysis import Analysis, Scores, axis_totals

HIGH = 50  # a headline score at or above this is "high" for the quadrant

QUADRANTS: dict[str, tuple[Text, Text]] = {
    "omgekeerd": (
        Text({"nl": "Omgekeerd denken: bewonersgericht én rechtmatig",
              "en": "Reverse thinking: resident-centred and lawful"}),
        Text({"nl": "Je begon bij wat de bewoner nodig had en gebruikte de wet als toets achteraf. "
                    "Zo is de oplossing goed voor de bewoner en houdt ze stand.",
              "en": "You started from what the resident needed and used the law as the closing test. "
                    "The solution helps the resident and will hold up."})),
    "rules": (
        Text({"nl": "Regelvast: rechtmatig, maar de bewoner betaalt de prijs",
              "en": "Rule-bound: lawful, but the resident pays the price"}),
        Text({"nl": "Je besluiten kloppen juridisch en zijn vaak efficiënt. "
                    "Maar de bewoner komt er slechter uit dan nodig was.",
              "en": "Your decisions are legally sound and often efficient. "
                    "But the resident ends up worse off than necessary."})),
    "kind": (
        Text({"nl": "Goedbedoeld maar kwetsbaar: bewonersgericht zonder stevige grondslag",
              "en": "Kind but fragile: resident-centred without a sound legal basis"}),
        Text({"nl": "De bewoner is geholpen, maar de besluiten hebben geen stevige basis. "
                    "Bij bezwaar, controle of een nieuwe collega kan het omvallen.",
              "en": "The resident was helped, but the decisions lack a sound basis. "
                    "An objection, an audit or a new colleague can undo it."})),
    "stuck": (
        Text({"nl": "Vastgelopen: niet bewonersgericht en niet rechtmatig",
              "en": "Stuck: neither resident-centred nor lawful"}),
        Text({"nl": "De bewoner is niet geholpen en de besluiten staan juridisch zwak. "
                    "Kijk in de route waar een andere keuze had geholpen.",
              "en": "The resident was not helped and the decisions are legally weak. "
                    "Look in the route for where another choice would have helped."})),
}

QUESTIONS: list[tuple[str, tuple[str, ...], Text]] = [
    ("involved", ("ownership",),
     Text({"nl": "Is de bewoner zo veel mogelijk betrokken bij de eigen oplossing?",
           "en": "Is the resident as involved as possible in their own solution?"})),
    ("right_solution", ("self_reliance", "security"),
     Text({"nl": "Is het de juiste oplossing voor het probleem?", "en": "Is it the right solution for the problem?"})),
    ("efficient", ("efficiency",),
     Text({"nl": "Is het efficiënt?", "en": "Is it efficient?"})),
    ("allowed", ("legality", "justification"),
     Text({"nl": "Mag het volgens de regels?", "en": "Is it allowed by the rules?"})),
]

VERDICTS: dict[str, Text] = {
    "yes": Text({"nl": "Ja", "en": "Yes"}),
    "partly": Text({"nl": "Deels", "en": "Partly"}),
    "no": Text({"nl": "Nee", "en": "No"}),
}


@dataclass(frozen=True)
class Question:
    """One of the four questions with its verdict and the metric changes behind it."""

    id: str
    question: Text
    verdict: str  # yes | partly | no
    changes: dict[str, float]

    @property
    def verdict_text(self) -> Text:
        return VERDICTS[self.verdict]


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
    for question_id, metric_ids, text in QUESTIONS:
        ids = list(metric_ids) + extra.get(question_id, [])
        changes = {m: metrics.get(m, 0) - start.get(m, 0) for m in ids if m in scenario.metrics}
        values = list(changes.values())
        if values and all(v > 0 for v in values):
            verdict = "yes"
        elif any(v > 0 for v in values) or all(v == 0 for v in values):
            verdict = "partly"
        else:
            verdict = "no"
        result.append(Question(question_id, text, verdict, changes))
    return result


def questions_json(questions: list[Question]) -> dict[str, dict[str, object]]:
    return {q.id: {"verdict": q.verdict, "question": q.question.get("nl"),
                   "changes": {k: int(v) if float(v).is_integer() else v for k, v in q.changes.items()}}
            for q in questions}
