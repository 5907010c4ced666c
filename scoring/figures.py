"""The truth figures of a set of scenarios, over every route: where verdict, questions and texts give the story away.

Counted on the analysis's state graph (``scoring.routes``), never by listing routes:

- routes whose quadrant differs from their ending's declared ``outcome`` (of the routes to
  endings that declare one);
- routes to an ending declared ``stuck`` whose "Is het efficiënt?" answers "Ja";
- the share of decisions on the expert route whose expert option is the longest text;
- for information, while endings declare no outcome: routes whose quadrant differs from the
  quadrant of their ending's best route, and routes whose scores say ``stuck`` while
  "Is het efficiënt?" answers "Ja".
"""

from __future__ import annotations

from game.engine.records import dataclass, field

from game.engine.model import Scenario

from scoring.analysis import Analysis, analyse
from scoring.routes import RouteGraph
from scoring.scores import four_questions, quadrant
from scoring.smells import expert_longest


@dataclass
class Figures:
    """The figures of one scenario, or the sum over several (``add``)."""

    routes: int = 0
    declared_routes: int = 0  # routes to endings with a declared outcome
    differing: int = 0  # of those, routes in another quadrant
    stuck_routes: int = 0  # routes to endings declared stuck
    stuck_efficient_yes: int = 0  # of those, routes answering "Ja" to "Is het efficiënt?"
    expert_decisions: int = 0
    expert_longest: int = 0
    unlike_best: int = 0  # routes in another quadrant than their ending's best route (information)
    scored_stuck: int = 0  # routes whose scores say stuck (information)
    scored_stuck_efficient_yes: int = 0  # of those, routes answering "Ja" to efficient (information)
    skipped: list[str] = field(default_factory=list)  # scenarios too large to count exactly

    def add(self, other: Figures) -> None:
        """Add another scenario's figures to these."""
        for name in ("routes", "declared_routes", "differing", "stuck_routes", "stuck_efficient_yes",
                     "expert_decisions", "expert_longest", "unlike_best", "scored_stuck",
                     "scored_stuck_efficient_yes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.skipped += other.skipped

    @property
    def longest_share(self) -> float:
        """The share (0-1) of expert decisions whose expert option is the longest text."""
        return self.expert_longest / self.expert_decisions if self.expert_decisions else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "routes": self.routes,
            "outcome_differs": {"routes": self.differing, "of": self.declared_routes},
            "stuck_efficient_yes": {"routes": self.stuck_efficient_yes, "of": self.stuck_routes},
            "expert_longest": {"decisions": self.expert_longest, "of": self.expert_decisions,
                               "share": round(self.longest_share, 3)},
            "information": {"unlike_best_route_of_ending": self.unlike_best,
                            "scored_stuck_efficient_yes": {"routes": self.scored_stuck_efficient_yes,
                                                           "of": self.scored_stuck}},
            "skipped": self.skipped,
        }


def figures(scenario: Scenario, analysis: Analysis | None = None) -> Figures:
    """The figures of one scenario."""
    analysis = analysis or analyse(scenario)
    result = Figures()
    if analysis.approximate or analysis.graph is None:
        result.skipped.append(scenario.id)
        return result
    graph = RouteGraph(analysis)
    ids = graph.graph.metric_ids
    best = {ending: quadrant(scores) for ending, scores in analysis.ending_best.items()}
    for key, ending_id, scores, count in graph.terminals():
        ending = scenario.endings[ending_id]
        kind = quadrant(scores)
        metrics = dict(zip(ids, key[2], strict=True))  # type: ignore[call-overload]
        result.routes += count
        result.unlike_best += count if kind != best.get(ending_id, kind) else 0
        if ending.outcome:
            result.declared_routes += count
            result.differing += count if kind != ending.outcome else 0
        if ending.outcome == "stuck":
            result.stuck_routes += count
            result.stuck_efficient_yes += count if _efficient(scenario, metrics, "stuck") else 0
        if kind == "stuck":
            result.scored_stuck += count
            result.scored_stuck_efficient_yes += count if _efficient(scenario, metrics, ending.outcome) else 0
    result.expert_longest, result.expert_decisions, _line = expert_longest(scenario, analysis)
    return result


def _efficient(scenario: Scenario, metrics: dict[str, float], outcome: str) -> bool:
    """Whether "Is het efficiënt?" answers "Ja" for these end values and outcome."""
    return any(q.id == "efficient" and q.verdict == "yes" for q in four_questions(scenario, metrics, outcome))


def total(scenarios: list[Scenario]) -> Figures:
    """The figures summed over scenarios."""
    result = Figures()
    for scenario in scenarios:
        result.add(figures(scenario))
    return result
