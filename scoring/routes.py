"""Routes per ending: how many routes end there, their spread, the best and the worst, and every route for a CSV.

Everything is counted on the analysis's state graph (``scoring.analysis``), never by listing
routes: the number of routes into a state is the sum over the states before it, taken in
topological order (edges back into a cycle are left out, as the analysis's own count does).
Only ``every_route`` lists routes one by one, and it refuses above ``MAX_LISTED_ROUTES``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from game.engine.records import dataclass, field

from game.engine.model import Scenario

from scoring.analysis import Analysis, Key, Scores, _order
from scoring.scores import QUADRANTS, quadrant

MAX_LISTED_ROUTES = 100_000  # every_route (analyze --routes) refuses scenarios with more routes


@dataclass(frozen=True)
class Route:
    """One complete route: its choices, its ending and the scores it ends with."""

    choices: tuple[str, ...]
    ending: str
    scores: Scores

    @property
    def quadrant(self) -> str:
        return quadrant(self.scores)

    def to_json(self) -> dict[str, object]:
        return {"choices": list(self.choices), "resident": self.scores.resident, "rules": self.scores.rules,
                "quadrant": self.quadrant}


@dataclass
class Spread:
    """Lowest, highest and median of one score over routes (each route counted once)."""

    low: int
    high: int
    median: float

    def to_json(self) -> dict[str, object]:
        median = int(self.median) if float(self.median).is_integer() else self.median
        return {"low": self.low, "high": self.high, "median": median}


@dataclass
class EndingRoutes:
    """What the routes to one ending score: count, spread, best and worst route, quadrants."""

    ending: str
    outcome: str  # the ending's declared outcome, or ""
    routes: int
    resident: Spread
    rules: Spread
    best: Route
    worst: Route
    quadrants: dict[str, int] = field(default_factory=dict)  # routes per quadrant of their scores
    differing: int = 0  # routes whose quadrant is not the declared outcome (0 when none is declared)
    example: Route | None = None  # one such route (the most common end state among them)

    def to_json(self) -> dict[str, object]:
        return {"routes": self.routes, "outcome": self.outcome or None,
                "resident": self.resident.to_json(), "rules": self.rules.to_json(),
                "best": self.best.to_json(), "worst": self.worst.to_json(),
                "quadrants": {q: self.quadrants.get(q, 0) for q in QUADRANTS},
                "differing_from_outcome": self.differing,
                "example_differing": self.example.to_json() if self.example else None}


class RouteGraph:
    """The analysis's state graph with, per state, the number of routes into it and one way to get there.

    Works on the explorer's flat arrays by state id (no public keys but for the end states it yields).
    """

    def __init__(self, analysis: Analysis) -> None:
        graph = analysis.graph
        assert graph is not None and not analysis.approximate, "routes need an exact analysis"
        self.analysis = analysis
        self.graph = graph
        order = graph.order if graph.order is not None else _order(graph, graph.root_id)[0]
        size = len(graph.keys)
        self.cyclic = analysis.cyclic
        self.position = array("q", [size]) * size if self.cyclic else array("q")  # the order, for back edges
        if self.cyclic:
            for index, state in enumerate(order):
                self.position[state] = index
        self.into = [0] * size
        self.into[graph.root_id] = 1
        self.parent = array("q", [-1]) * size  # the edge one route into a state comes by
        self.parent_state = array("q", [-1]) * size  # and the state that edge leaves
        edge_child, parent, into, parent_state = graph.edge_child, self.parent, self.into, self.parent_state
        first, last, root = graph.first, graph.last, graph.root_id
        for state in reversed(order):
            routes = into[state]
            for edge in self.forward(state) if self.cyclic else range(first[state], last[state]):
                child = edge_child[edge]
                into[child] += routes
                if parent[child] < 0 and child != root:
                    parent[child], parent_state[child] = edge, state

    def forward(self, state: int) -> list[int]:
        """The edges out of a state that do not go back into a cycle (without a cycle: all of them)."""
        edges = range(self.graph.first[state], self.graph.last[state])
        if not self.cyclic:
            return list(edges)
        here, position, edge_child = self.position[state], self.position, self.graph.edge_child
        return [edge for edge in edges if position[edge_child[edge]] < here]

    def choices_to(self, state: int) -> tuple[str, ...]:
        """The choices of one route from the start to a state."""
        route: list[str] = []
        while self.parent[state] >= 0:
            edge = self.parent[state]
            state = self.parent_state[state]
            route.append(self.graph.choice_id(state, edge))
        return tuple(reversed(route))

    def end_states(self) -> Iterator[tuple[int, str, Scores, int]]:
        """Every end state: (its id, the ending, its scores, how many routes end in it)."""
        scored = self.analysis.scorer()
        for state, (ending, resident, rules) in self.graph.ends.items():
            count = self.into[state]
            if count:
                yield state, ending, scored(resident, rules), count

    def terminals(self) -> Iterator[tuple[Key, str, Scores, int]]:
        """Every end state: (its public key, the ending, its scores, how many routes end in it)."""
        for state, ending, scores, count in self.end_states():
            yield self.graph.public(state), ending, scores, count


def _spread(values: list[tuple[int, int]]) -> Spread:
    """The spread of (value, how many routes) pairs."""
    values = sorted(values)
    total = sum(n for _v, n in values)

    def at(index: int) -> int:
        seen = 0
        for value, n in values:
            seen += n
            if index < seen:
                return value
        return values[-1][0]

    return Spread(values[0][0], values[-1][0], (at((total - 1) // 2) + at(total // 2)) / 2)


def _rank(scores: Scores) -> tuple[int, int]:
    return min(scores.resident, scores.rules), scores.resident + scores.rules


def ending_routes(scenario: Scenario, analysis: Analysis) -> dict[str, EndingRoutes]:
    """Per reachable ending (in file order): its routes, counted, spread and split by quadrant."""
    if analysis.graph is None or analysis.approximate:
        return {}
    routes = RouteGraph(analysis)
    found: dict[str, list[tuple[int, Scores, int]]] = {}
    for key, ending, scores, count in routes.end_states():
        found.setdefault(ending, []).append((key, scores, count))
    result = {}
    for ending_id, declared in scenario.endings.items():
        states = found.get(ending_id)
        if not states:
            continue
        best = max(states, key=lambda s: (_rank(s[1]), s[2]))
        worst = min(states, key=lambda s: (_rank(s[1]), -s[2]))
        quadrants: dict[str, int] = {}
        for _key, scores, count in states:
            quadrants[quadrant(scores)] = quadrants.get(quadrant(scores), 0) + count
        summary = EndingRoutes(
            ending_id, declared.outcome, sum(c for _k, _s, c in states),
            _spread([(s.resident, c) for _k, s, c in states]), _spread([(s.rules, c) for _k, s, c in states]),
            Route(routes.choices_to(best[0]), ending_id, best[1]),
            Route(routes.choices_to(worst[0]), ending_id, worst[1]), quadrants)
        if declared.outcome:
            differing = [s for s in states if quadrant(s[1]) != declared.outcome]
            summary.differing = sum(c for _k, _s, c in differing)
            if differing:
                key, scores, _count = max(differing, key=lambda s: s[2])
                summary.example = Route(routes.choices_to(key), ending_id, scores)
        result[ending_id] = summary
    return result


class TooManyRoutes(Exception):
    """A scenario with more routes than ``every_route`` lists; ``count`` says how many it has."""

    def __init__(self, count: int, limit: int) -> None:
        super().__init__(f"{count} routes, more than {limit}")
        self.count = count
        self.limit = limit


def every_route(analysis: Analysis, limit: int = MAX_LISTED_ROUTES) -> Iterator[Route]:
    """Every complete route, one by one; TooManyRoutes (before the first) when there are more than ``limit``."""
    if analysis.graph is None or analysis.approximate or analysis.playthroughs > limit:
        raise TooManyRoutes(analysis.playthroughs, limit)
    routes = RouteGraph(analysis)
    graph = routes.graph
    scored = analysis.scorer()
    stack: list[tuple[int, tuple[str, ...]]] = [(graph.root_id, ())]
    while stack:
        state, choices = stack.pop()
        if state in graph.ends:
            ending, resident, rules = graph.ends[state]
            yield Route(choices, ending, scored(resident, rules))
            continue
        for edge in reversed(routes.forward(state)):
            stack.append((graph.edge_child[edge], choices + (graph.choice_id(state, edge),)))
