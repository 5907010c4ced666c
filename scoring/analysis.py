"""Analysis: every playthrough a scenario allows, explored with memoisation on the play state.

A state is the situation plus what can still matter: all metric values (they decide the
end totals, with clamping) and only the flags, visited situations and choices that some
condition reads. Paths that reach the same state share one node, so scenarios with
millions of playthroughs are analysed from a few thousand states.

The budget (one rule for every exploration: the analysis, and through it the smells, the
graph and the debrief's scale): at most ``MAX_STATES`` play states and ``MAX_SECONDS``
seconds. Within it the results are exact. Beyond it ``analyse`` stops and returns an
*approximate* analysis (``approximate`` is True, ``too_large`` says why): the scale of the
scores is then the widest one the metrics allow (every axis metric at its min or max), the
endings and the expert route are unknown, and ``validate`` says so. Play is never held up:
a session still ends, is stored as finished and gets a debrief that says its scale is
approximate. The library's largest case needs about 4,000 states (0.3 s).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from collections.abc import Callable

from game.engine import rules
from game.engine.machine import table_for
from game.engine.model import Condition, Scenario, Situation
from game.engine.rules import State

_END = "\x00end"
MAX_STATES = 25_000  # play states an exploration may visit (about 1 KB and 85 µs each)
MAX_SECONDS = 2.0  # and the time it may take, whichever limit comes first
_CLOCK_EVERY = 256  # states between two looks at the clock

Key = tuple[object, ...]  # a play state as the memo tells states apart (see _Explorer.key)


@dataclass(frozen=True)
class Scores:
    """Headline scores of one playthrough on 0-100, with the raw axis totals."""

    resident: int
    rules: int
    resident_total: float
    rules_total: float


@dataclass
class Analysis:
    """What the exploration found; ``range`` holds [min, max] of each headline axis total."""

    scenario_id: str
    situations: list[str]
    endings: dict[str, bool]
    playthroughs: int
    range: dict[str, tuple[float, float]]
    expert_route: list[str]
    expert_ending: str | None
    expert_scores: Scores | None
    states: int
    choices_taken: set[str] = field(default_factory=set)
    dead_ends: list[str] = field(default_factory=list)
    cyclic: bool = False
    ending_best: dict[str, Scores] = field(default_factory=dict)  # best route to each ending
    outcomes: set[tuple[float, float]] = field(default_factory=set)  # reachable (resident, rules) end totals
    graph: _Explorer | None = field(default=None, repr=False)
    approximate: bool = False  # the exploration went over the budget: the scale is the metrics' widest
    too_large: str = ""  # why (the budget that was exceeded), when approximate
    start: dict[str, float] = field(default_factory=dict)  # axis totals before any choice: the 50 of the scale

    def quadrants(self) -> set[str]:
        """The quadrants (see scoring.scores.quadrant) that some complete playthrough ends in."""
        from scoring.scores import quadrant
        return {quadrant(self.scores(resident, rules)) for resident, rules in self.outcomes}

    def route_without_lever(self, threshold: int = 70) -> list[str] | None:
        """A route ending with both scores >= threshold whose choices use no lever, or None."""
        graph = self.graph
        if graph is None or self.approximate:
            return None
        good: dict[Key, tuple[str, Key] | None] = {}
        order, _cyclic = _postorder(graph.root, graph.children)
        for key in order:
            if key in graph.terminal:
                _ending, resident, rules = graph.terminal[key]
                scores = self.scores(resident, rules)
                good[key] = ("", key) if min(scores.resident, scores.rules) >= threshold else None
                continue
            situation = graph.scenario.situations[str(key[0])]
            good[key] = None
            for choice_id, child in graph.children.get(key, []):
                choice = situation.choice(choice_id)
                if choice is not None and not choice.levers and good.get(child) is not None:
                    good[key] = (choice_id, child)
                    break
        route: list[str] = []
        key = graph.root
        while key not in graph.terminal:
            move = good.get(key)
            if move is None:
                return None
            choice_id, key = move
            route.append(choice_id)
        return route

    def end_states(self) -> set[tuple[str, float, float]]:
        """Every (ending id, resident total, rules total) that some complete playthrough ends with."""
        return set(self.graph.terminal.values()) if self.graph is not None and not self.approximate else set()

    def scores(self, resident_total: float, rules_total: float) -> Scores:
        """Raw axis totals on 0-100: 50 where the case began, 100 the best end, 0 the worst (see ``anchored``)."""
        return Scores(self.score_of("resident", resident_total), self.score_of("rules", rules_total),
                      resident_total, rules_total)

    def exact(self, axis: str, total: float) -> float:
        """An axis total on the 0-100 scale, unrounded."""
        if axis not in self.start:
            return normalise(total, self.range[axis])
        return anchored(total, self.start[axis], self.range[axis])

    def score_of(self, axis: str, total: float) -> int:
        """An axis total as a whole score; only a total equal to the start's shows 50."""
        value = _round(self.exact(axis, total))
        start = self.start.get(axis)
        low, high = self.range[axis]
        if start is None or high <= low:
            return value
        if total > start:
            return max(51, value)
        return min(49, value) if total < start else 50

    def to_json(self) -> dict[str, object]:
        return {
            "scenario": self.scenario_id,
            "situations": self.situations,
            "endings": self.endings,
            "playthroughs": self.playthroughs,
            "range": {axis: [_num(lo), _num(hi)] for axis, (lo, hi) in self.range.items()},
            "expert_route": self.expert_route,
            "expert_ending": self.expert_ending,
            "expert_scores": ({"resident": self.expert_scores.resident, "rules": self.expert_scores.rules}
                              if self.expert_scores else None),
            "states": self.states,
            "dead_ends": self.dead_ends,
            "cyclic": self.cyclic,
            "approximate": self.approximate,
            "too_large": self.too_large,
            "start": {axis: _num(total) for axis, total in self.start.items()},
        }


def _round(value: float) -> int:
    """Round half up, as people expect of a score (37.5 -> 38, 12.5 -> 13)."""
    return int(math.floor(value + 0.5))


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def normalise(total: float, bounds: tuple[float, float]) -> float:
    """A total on 0-100 between the lowest and highest end total; 100 when they are equal."""
    low, high = bounds
    if high <= low:
        return 100.0
    return max(0.0, min(100.0, 100.0 * (total - low) / (high - low)))


def anchored(total: float, start: float, bounds: tuple[float, float]) -> float:
    """A total on 0-100 anchored at the start: the start total is 50, the best end total 100, the worst 0.

    Each side is a straight line of its own, so an extreme route only stretches its own side:
    above 50 means better than where the case began, below 50 worse. When every route ends
    on the same total (a fixed axis) every score is 100, as before.
    """
    low, high = bounds
    if high <= low:
        return 100.0
    if total == start:
        return 50.0
    if total > start:
        top = max(high, start)
        return 100.0 if top == start else min(100.0, 50 + 50 * (total - start) / (top - start))
    bottom = min(low, start)
    return 0.0 if bottom == start else max(0.0, 50 * (total - bottom) / (start - bottom))


def start_totals(scenario: Scenario) -> dict[str, float]:
    """The headline axis totals before any choice (the metrics' start values)."""
    resident, rules_total = axis_totals(scenario, rules.start_metrics(scenario))
    return {"resident": resident, "rules": rules_total}


def axis_totals(scenario: Scenario, metrics: dict[str, float]) -> tuple[float, float]:
    """(resident total, rules total) of metric values."""
    resident = sum(metrics.get(m, 0) for m in scenario.axis_metrics("resident"))
    rules = sum(metrics.get(m, 0) for m in scenario.axis_metrics("rules"))
    return resident, rules


def _referenced(scenario: Scenario) -> tuple[set[str], set[str], set[str]]:
    """Flags, visited situations and choices that a condition on play can read."""
    flags: set[str] = set()
    visited: set[str] = set()
    chosen: set[str] = set()

    def walk(condition: Condition | None) -> None:
        if condition is None:
            return
        {"flag": flags, "visited": visited, "chose": chosen}.get(condition.kind, set()).add(condition.name)
        for part in condition.parts:
            walk(part)

    for situation in scenario.situations.values():
        for choice in situation.choices:
            walk(choice.requires)
        for entry in situation.next:
            walk(entry.condition)
    return flags, visited, chosen


class _Explorer:
    """Every play state reachable from the start, found by walking the scenario's transition table.

    Moves are made with ``game.engine.rules`` (the same rules the machine's predicates and
    callbacks use), without firing triggers, within the budget (``within_budget``).
    """

    def __init__(self, scenario: Scenario, max_states: int | None = None, max_seconds: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.scenario = scenario
        self.max_states = MAX_STATES if max_states is None else max_states
        self.max_seconds = MAX_SECONDS if max_seconds is None else max_seconds
        self.clock = clock
        self.started = clock()
        self.table = table_for(scenario)
        self.metric_ids = list(scenario.metrics)
        self.flags_read, self.visited_read, self.chosen_read = _referenced(scenario)
        self.ending_index = {e: i for i, e in enumerate(scenario.endings)}
        self.children: dict[Key, list[tuple[str, Key]]] = {}
        self.terminal: dict[Key, tuple[str, float, float]] = {}
        self.seen_situations: set[str] = set()
        self.choices_taken: set[str] = set()
        self.dead_ends: set[str] = set()
        self.cyclic = False
        self.root: Key = ()

    def key(self, situation: str, state: State) -> Key:
        metrics = tuple(state.metrics[m] for m in self.metric_ids)
        return (situation, metrics, state.flags & self.flags_read, state.visited & self.visited_read,
                state.chosen & self.chosen_read)

    def follow(self, situation: Situation, index: int, state: State) -> tuple[str, State]:
        """One ``next`` route, noting the situation it enters."""
        where, state = rules.hop(self.scenario, situation, index, state)
        self.seen_situations.add(where)
        return where, state

    def successors(self, situation_id: str, state: State) -> list[tuple[str, str, State]]:
        """(choice id, where play waits or ends, state there) for every choice available here."""
        scenario = self.scenario
        result = []
        for edge in self.table.choices[situation_id]:
            choice = edge.choice
            if not rules.allows(choice, state):
                continue
            self.choices_taken.add(edge.trigger)
            self.seen_situations.add(choice.goto)
            where, after = rules.step(scenario, situation_id, choice, state, self.follow)
            result.append((choice.id, where, after))
        return result

    def explore(self) -> Key:
        """Build the state graph from the start; returns the start key."""
        scenario = self.scenario
        self.seen_situations.add(scenario.start)
        where, state = rules.begin(scenario, self.follow)
        root = self.node(where, state)
        self.root = root
        stack = [(root, where, state)]
        while stack:
            key, where, state = stack.pop()
            if key in self.children or key in self.terminal:
                continue
            self.within_budget()
            if where in scenario.endings:
                resident, rules_total = axis_totals(scenario, dict(state.metrics))
                self.terminal[key] = (where, resident, rules_total)
                continue
            edges = []
            for choice_id, target, after in self.successors(where, state):
                child = self.node(target, after)
                edges.append((choice_id, child))
                if child not in self.children and child not in self.terminal:
                    stack.append((child, target, after))
            if not edges:
                self.dead_ends.add(where)
            self.children[key] = edges
        return root

    def within_budget(self) -> None:
        """Raise OverBudget when the exploration has seen too many states or taken too long."""
        seen = len(self.children) + len(self.terminal)
        if seen >= self.max_states:
            raise OverBudget(f"more than {self.max_states:,} play states".replace(",", "."))
        if seen % _CLOCK_EVERY == 0 and self.clock() - self.started > self.max_seconds:
            raise OverBudget(f"more than {self.max_seconds:g} seconds of exploring ({seen:,} play states)"
                             .replace(",", "."))

    def node(self, where: str, state: State) -> Key:
        """The memo key of a play state (an ending keeps only its metric values)."""
        if where in self.scenario.endings:
            return (_END, where, tuple(state.metrics[m] for m in self.metric_ids))
        return self.key(where, state)


class OverBudget(Exception):
    """The exploration went over the budget; the message says which limit."""


def _postorder(root: Key, children: dict[Key, list[tuple[str, Key]]]) -> tuple[list[Key], bool]:
    """States in an order where every child comes before its parent; and whether a cycle exists."""
    order, mark, cyclic = [], {}, False
    stack: list[tuple[Key, int]] = [(root, 0)]
    mark[root] = 1
    while stack:
        key, index = stack.pop()
        edges = children.get(key, [])
        if index < len(edges):
            stack.append((key, index + 1))
            child = edges[index][1]
            state = mark.get(child)
            if state is None:
                mark[child] = 1
                stack.append((child, 0))
            elif state == 1:
                cyclic = True
            continue
        mark[key] = 2
        order.append(key)
    return order, cyclic


def analyse(scenario: Scenario, max_states: int | None = None, max_seconds: float | None = None) -> Analysis:
    """Explore every playthrough of a (valid) scenario, within the budget (else an approximate analysis)."""
    explorer = _Explorer(scenario, max_states, max_seconds)
    try:
        root = explorer.explore()
    except OverBudget as exc:
        return approximate(scenario, explorer, str(exc))
    order, cyclic = _postorder(root, explorer.children)
    infinite = float("inf")
    count: dict[Key, int] = {}
    bounds: dict[Key, tuple[float, float, float, float]] = {}
    endings: dict[Key, int] = {}
    for key in order:
        if key in explorer.terminal:
            ending, resident, rules = explorer.terminal[key]
            count[key] = 1
            bounds[key] = (resident, resident, rules, rules)
            endings[key] = 1 << explorer.ending_index[ending]
            continue
        total, mask = 0, 0
        lo_r = lo_l = infinite
        hi_r = hi_l = -infinite
        for _choice, child in explorer.children.get(key, []):
            if child not in count:  # a back edge of a cycle
                continue
            total += count[child]
            mask |= endings[child]
            if count[child]:
                c = bounds[child]
                lo_r, hi_r, lo_l, hi_l = min(lo_r, c[0]), max(hi_r, c[1]), min(lo_l, c[2]), max(hi_l, c[3])
        count[key], endings[key] = total, mask
        bounds[key] = (lo_r, hi_r, lo_l, hi_l)
    top = bounds[root]
    ranges = {"resident": (top[0], top[1]) if count[root] else (0.0, 0.0),
              "rules": (top[2], top[3]) if count[root] else (0.0, 0.0)}
    names = list(scenario.endings)
    reachable_mask = endings[root]
    result = Analysis(scenario.id, [s for s in scenario.situations if s in explorer.seen_situations],
                      {e: bool(reachable_mask >> i & 1) for i, e in enumerate(names)}, count[root], ranges,
                      [], None, None, len(order), explorer.choices_taken, sorted(explorer.dead_ends), cyclic)
    result.start = start_totals(scenario)
    result.outcomes = {(resident, rules) for _ending, resident, rules in explorer.terminal.values()}
    result.graph = explorer
    _expert(result, root, order, explorer, count)
    return result


def widest_range(scenario: Scenario, axis: str) -> tuple[float, float]:
    """The lowest and highest total an axis can have: each of its metrics at its min or its max."""
    metrics = [scenario.metrics[m] for m in scenario.axis_metrics(axis) if m in scenario.metrics]
    return float(sum(m.min for m in metrics)), float(sum(m.max for m in metrics))


def approximate(scenario: Scenario, explorer: _Explorer, reason: str) -> Analysis:
    """What is known when the exploration went over the budget: the widest scale, nothing exact."""
    from game.engine.validator import reachable_from_start

    graph_reach = reachable_from_start(scenario)
    return Analysis(
        scenario.id, [s for s in scenario.situations if s in graph_reach],
        {e: e in graph_reach for e in scenario.endings}, 0,
        {axis: widest_range(scenario, axis) for axis in ("resident", "rules")},
        [], None, None, len(explorer.children) + len(explorer.terminal), set(explorer.choices_taken),
        [], False, approximate=True, too_large=reason, start=start_totals(scenario))


def _expert(result: Analysis, root: Key, order: list[Key], explorer: _Explorer, count: dict[Key, int]) -> None:
    """The route that maximises the lower of the two scores (ties: higher sum, fewer choices).

    A route to an ending whose declared outcome is not ``omgekeerd`` comes after every other
    route, so the example the debrief shows never ends in a story the case calls a failure.
    """
    best: dict[Key, tuple[tuple[int, float, float, int], str | None, Key | None, str]] = {}
    declared = {e.id: e.outcome for e in explorer.scenario.endings.values()}
    for key in order:
        if key in explorer.terminal:
            ending, resident, rules = explorer.terminal[key]
            scores = result.scores(resident, rules)
            exact_r = result.exact("resident", resident)
            exact_l = result.exact("rules", rules)
            fits = 0 if declared.get(ending) not in ("", "omgekeerd") else 1
            best[key] = ((fits, min(exact_r, exact_l), exact_r + exact_l, 0), None, None, ending)
            known = result.ending_best.get(ending)
            if known is None or (min(scores.resident, scores.rules), scores.resident + scores.rules) > \
                    (min(known.resident, known.rules), known.resident + known.rules):
                result.ending_best[ending] = scores
            continue
        choice_best = None
        for choice_id, child in explorer.children.get(key, []):
            if child not in best or not count.get(child):
                continue
            (fits, low, total, length), _c, _n, ending = best[child]
            candidate = ((fits, low, total, length - 1), choice_id, child, ending)
            if choice_best is None or candidate[0] > choice_best[0]:
                choice_best = candidate
        if choice_best is not None:
            best[key] = choice_best
    if root not in best:
        return
    route_ids: list[str] = []
    at: Key | None = root
    while at is not None and at in best:
        _value, taken, following, _ending = best[at]
        if taken is None:
            break
        route_ids.append(taken)
        at = following
    result.expert_route = route_ids
    result.expert_ending = best[root][3]
    if at is not None and at in explorer.terminal:
        _ending, resident, rules = explorer.terminal[at]
        result.expert_scores = result.scores(resident, rules)
