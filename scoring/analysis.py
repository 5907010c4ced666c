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
approximate. The library's largest case needs about 12,000 states (under 0.2 s).
"""

from __future__ import annotations

import hashlib
import json
import math
import time
import weakref
from game.engine.records import dataclass, field
from array import array
from pathlib import Path
from collections.abc import Callable, MutableSequence, Sequence
from typing import TYPE_CHECKING, TypeAlias

from game.engine.gcpause import without_cyclic_gc
from game.engine import rules
from game.engine.model import Condition, Scenario
from game.engine.rules import State
from game.content import kept
from scoring import keeping

if TYPE_CHECKING:  # the compact states load when a case is explored (not for an analysis read back)
    from scoring.compact import Compiled, Effect, Predicate

_END = "\x00end"
MAX_STATES = 25_000  # play states an exploration may visit (about 200 bytes and 4-8 µs each)
MAX_SECONDS = 2.0  # and the time it may take, whichever limit comes first
_CLOCK_EVERY = 256  # states between two looks at the clock

Key = tuple[object, ...]  # a play state as the route tools tell states apart (see _Explorer.public)
# One choice for the hot loop: requires, number, goto, effects, set mask, keep mask (~clear), position,
# the goto's ending effects, its visited bit, whether it has ``next`` routes, whether play ends there.
Move: TypeAlias = ("tuple[Predicate | None, int, int, tuple[Effect, ...], int, int, int, tuple[Effect, ...], int, "
                   "bool, bool]")


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
    explored: _Explorer | None = field(default=None, repr=False, compare=False)  # the state graph (see ``graph``)
    approximate: bool = False  # the exploration went over the budget: the scale is the metrics' widest
    too_large: str = ""  # why (the budget that was exceeded), when approximate
    start: dict[str, float] = field(default_factory=dict)  # axis totals before any choice: the 50 of the scale
    budget: tuple[int, float] = (0, 0.0)  # the (states, seconds) budget it was explored with
    kept_from: Scenario | None = field(default=None, repr=False, compare=False)  # read back from a kept record

    @property
    def graph(self) -> _Explorer | None:
        """The explored state graph the route tools walk (None when approximate). An analysis read back from a
        kept record (``scoring.keeping``) has none until it is asked for: then the same exploration runs once."""
        if self.explored is None and self.kept_from is not None and not self.approximate:
            scenario, self.kept_from = self.kept_from, None
            with without_cyclic_gc():
                explorer = _Explorer(scenario, max(self.budget[0], self.states + 1), math.inf)
                try:
                    root = explorer.explore()
                except OverBudget:  # cannot happen for the text it was kept for; then no route is known
                    return None
                explorer.order = _order(explorer, root)[0]
            self.explored = explorer
        return self.explored

    def quadrants(self) -> set[str]:
        """The quadrants (see scoring.scores.quadrant) that some complete playthrough ends in."""
        from scoring.scores import quadrant
        return {quadrant(self.scores(resident, rules)) for resident, rules in self.outcomes}

    def route_without_lever(self, threshold: int = 70) -> list[str] | None:
        """A route ending with both scores >= threshold whose choices use no lever, or None."""
        graph = self.graph
        if graph is None or self.approximate:
            return None
        order = graph.order if graph.order is not None else _order(graph, graph.root_id)[0]
        scored = self.scorer()
        targets, first, last = graph.compiled.targets, graph.first, graph.last
        edge_child, edge_choice, keys = graph.edge_child, graph.edge_choice, graph.keys
        situations = graph.scenario.situations
        free = [[not choice.levers for choice in situations[t.id].choices] if t.id in situations else []
                for t in targets]
        good = array("q", [-2]) * len(keys)  # per state: -2 no such route (or not known yet), -1 an end, else the edge
        for state in order:
            if state in graph.ends:
                _ending, resident, rules = graph.ends[state]
                scores = scored(resident, rules)
                good[state] = -1 if min(scores.resident, scores.rules) >= threshold else -2
                continue
            levers_free = free[int(keys[state][0])]
            for edge in range(first[state], last[state]):
                if levers_free[edge_choice[edge]] and good[edge_child[edge]] != -2:
                    good[state] = edge
                    break
        route: list[str] = []
        state = graph.root_id
        while state not in graph.ends:
            edge = good[state]
            if edge < 0:
                return None
            route.append(graph.choice_id(state, edge))
            state = edge_child[edge]
        return route

    def scorer(self) -> Callable[[float, float], Scores]:
        """``scores`` remembered per pair of totals (many end states share their totals), across calls while the
        range and the start stay as they are (the expert pass, the route tools and the smells share it)."""
        scale = (tuple(self.range.items()), tuple(self.start.items()))
        kept = self.__dict__.get("_scored")
        if kept is None or kept[0] != scale:
            kept = self.__dict__["_scored"] = (scale, {})
        known: dict[tuple[float, float], Scores] = kept[1]

        def scored(resident_total: float, rules_total: float) -> Scores:
            found = known.get((resident_total, rules_total))
            if found is None:
                found = known[(resident_total, rules_total)] = self.scores(resident_total, rules_total)
            return found
        return scored

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
    """Every play state reachable from the start, explored over compact states (``scoring.compact``).

    States are interned to integer ids as they are found; the edges of a state are two slices
    of flat integer arrays (child id, choice position), so a state costs a few hundred bytes.
    The public view the route tools read (``children``, ``terminal``, ``root``, ``node``) is
    built from these arrays only when asked for. The budget is checked as each new state is
    expanded (``within_budget``).
    """

    def __init__(self, scenario: Scenario, max_states: int | None = None, max_seconds: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.scenario = scenario
        self.max_states = MAX_STATES if max_states is None else max_states
        self.max_seconds = MAX_SECONDS if max_seconds is None else max_seconds
        self.clock = clock
        self.started = clock()
        from scoring.compact import Compiled

        self.compiled: Compiled = Compiled(scenario, *_referenced(scenario))
        self.metric_ids = self.compiled.metric_ids
        self.ending_index = {e: i for i, e in enumerate(scenario.endings)}
        self.memo: dict[tuple[float, ...], int] = {}
        self.keys: list[tuple[float, ...]] = []  # compact state by id
        self.kind = bytearray()  # by id: 0 found, 1 expanded, 2 an end state
        self.first = array("I")  # by id: its edges are first[id]:last[id] of the edge arrays
        self.last = array("I")
        self.edge_child = array("i")  # up to 2^31 states: far beyond any budget
        self.edge_choice = array("H")  # a choice's position in its situation
        self.ends: dict[int, tuple[str, float, float]] = {}
        self.expanded = 0
        self.seen = bytearray(len(self.compiled.targets))
        self.taken = bytearray(len(self.compiled.choice_ids))
        self.dead: set[int] = set()
        self.root_id = 0
        self.order: Sequence[int] | None = None  # every child before its parent, once summed
        self._view: tuple[Key, dict[Key, list[tuple[str, Key]]], dict[Key, tuple[str, float, float]]] | None = None

    # -- exploring -------------------------------------------------------------------------

    def intern(self, key: tuple[float, ...]) -> int:
        """The id of a compact state, a new one when it was not found before."""
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = len(self.keys)
            self.keys.append(key)
            self.kind.append(0)
            self.first.append(0)
            self.last.append(0)
        return found

    def explore(self) -> int:
        """Build the state graph from the start; returns the start id (cyclic GC paused meanwhile).

        The memo (compact key -> id) is dropped once every state is found: nothing after the exploration
        looks a key up, and it is a third of what the states cost (its table and one int object per id)."""
        with without_cyclic_gc():
            root = self._explore()
            self.memo = {}
            return root

    def _moves(self) -> list[tuple[Move, ...]]:
        """Per target, its choices as flat tuples for the hot loop (see ``_explore``)."""
        targets = self.compiled.targets
        return [tuple((c.requires, c.number, c.goto, c.effects, c.set_mask, ~c.clear_mask, c.index,
                       targets[c.goto].ending_effects, targets[c.goto].visited_bit, bool(targets[c.goto].routes),
                       targets[c.goto].ending) for c in target.choices) for target in targets]

    def _explore(self) -> int:
        compiled, seen, taken = self.compiled, self.seen, self.taken
        targets, kind, keys, memo = compiled.targets, self.kind, self.keys, self.memo
        first, last, ends, dead = self.first, self.last, self.ends, self.dead
        edge_child, edge_choice, apply, advance = self.edge_child, self.edge_choice, compiled.apply, compiled.advance
        moves = self._moves()
        ending = [t.ending for t in targets]
        seen[compiled.index[self.scenario.start]] = 1
        where, values, mask = compiled.begin(seen)
        self.root_id = root = self.intern((where, -1, *values) if ending[where] else (where, mask, *values))
        stack = [root]
        budget, clock_every = self.max_states, _CLOCK_EVERY
        expanded = self.expanded  # a local in the loop, written back at the end
        while stack:
            state = stack.pop()
            if kind[state]:
                continue
            if expanded >= budget or expanded % clock_every == 0:
                self.expanded = expanded  # what within_budget reads (and approximate, after OverBudget)
                self.within_budget()
            expanded += 1
            key = keys[state]
            where, mask = key[0], key[1]  # type: ignore[assignment]  # ints: a target index and a mask
            values = key[2:]
            if mask == -1:
                kind[state] = 2
                ends[state] = (targets[where].id, *compiled.totals(values))
                continue
            kind[state] = 1
            first[state] = len(edge_child)
            for (requires, number, goto, effects, set_mask, keep_mask, index, entering, visited_bit, routes,
                 ends_play) in moves[where]:
                if requires is not None and not requires(values, mask):
                    continue
                taken[number] = 1
                seen[goto] = 1
                after = apply(values, effects) if effects else values
                if entering:
                    after = apply(after, entering)
                after_mask = ((mask | set_mask) & keep_mask) | visited_bit
                there = goto
                if routes:
                    there, after, after_mask = advance(goto, after, after_mask, seen)
                    ends_play = ending[there]
                child_key = (there, -1, *after) if ends_play else (there, after_mask, *after)
                child = memo.get(child_key)
                if child is None:
                    child = memo[child_key] = len(keys)
                    keys.append(child_key)
                    kind.append(0)
                    first.append(0)
                    last.append(0)
                    stack.append(child)
                elif not kind[child]:
                    stack.append(child)
                edge_child.append(child)
                edge_choice.append(index)
            last[state] = len(edge_child)
            if last[state] == first[state]:
                dead.add(where)
        self.expanded = expanded
        return root

    def within_budget(self) -> None:
        """Raise OverBudget when the exploration has seen too many states or taken too long."""
        seen = self.expanded
        if seen >= self.max_states:
            raise OverBudget(f"more than {self.max_states:,} play states".replace(",", "."))
        if seen % _CLOCK_EVERY == 0 and self.clock() - self.started > self.max_seconds:
            raise OverBudget(f"more than {self.max_seconds:g} seconds of exploring ({seen:,} play states)"
                             .replace(",", "."))

    def edges(self, state: int) -> range:
        """Positions in the edge arrays of a state's edges."""
        return range(self.first[state], self.last[state])

    # -- what the analysis reports ---------------------------------------------------------

    @property
    def seen_situations(self) -> set[str]:
        return {t.id for t, seen in zip(self.compiled.targets, self.seen, strict=True) if seen}

    @property
    def choices_taken(self) -> set[str]:
        return {c for c, taken in zip(self.compiled.choice_ids, self.taken, strict=True) if taken}

    @property
    def dead_ends(self) -> set[str]:
        return {self.compiled.targets[where].id for where in self.dead}

    def choice_id(self, state: int, edge: int) -> str:
        """The id of the choice an edge makes."""
        return self.compiled.targets[int(self.keys[state][0])].choices[self.edge_choice[edge]].id

    # -- the public view: keys as the route tools know them --------------------------------

    def public(self, state: int) -> Key:
        """A state's public key: (situation, metric values, mask), or (_END, ending, metric values)."""
        key = self.keys[state]
        where = self.compiled.targets[int(key[0])].id
        values = self.compiled.full(key[2:])
        if key[1] == -1:
            return (_END, where, values)
        return (where, values, key[1])

    def _built(self) -> tuple[Key, dict[Key, list[tuple[str, Key]]], dict[Key, tuple[str, float, float]]]:
        if self._view is None:
            public = [self.public(state) for state in range(len(self.keys))]
            children = {public[state]: [(self.choice_id(state, e), public[self.edge_child[e]])
                                        for e in self.edges(state)]
                        for state in range(len(self.keys)) if self.kind[state] == 1}
            terminal = {public[state]: end for state, end in self.ends.items()}
            self._view = (public[self.root_id], children, terminal)
        return self._view

    @property
    def root(self) -> Key:
        return self._built()[0]

    @property
    def children(self) -> dict[Key, list[tuple[str, Key]]]:
        return self._built()[1]

    @property
    def terminal(self) -> dict[Key, tuple[str, float, float]]:
        return self._built()[2]

    def node(self, where: str, state: State) -> Key:
        """The public key of an engine play state (an ending keeps only its metric values)."""
        values = tuple(state.metrics[m] for m in self.metric_ids)
        if where in self.scenario.endings:
            return (_END, where, values)
        return (where, values, self.compiled.mask_of(state))


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


def _order(explorer: _Explorer, root: int) -> tuple[array[int], bool]:
    """State ids with every child before its parent (as ``_postorder``); and whether a cycle exists."""
    mark = bytearray(len(explorer.keys))
    first, last, edge_child = explorer.first, explorer.last, explorer.edge_child
    order = array("i")  # 4 bytes a state, no int objects (ids fit 32 bits, as the edge arrays hold them)
    cyclic = False
    stack = [root, first[root]]
    mark[root] = 1
    while stack:
        position = stack.pop()
        state = stack[-1]
        if position < last[state]:
            stack.append(position + 1)
            child = edge_child[position]
            if not mark[child]:
                mark[child] = 1
                stack += [child, first[child]]
            elif mark[child] == 1:
                cyclic = True
            continue
        stack.pop()
        mark[state] = 2
        order.append(state)
    return order, cyclic


_memo: dict[str, tuple[weakref.ref[Scenario], Analysis]] = {}
_MEMO_SIZE = 8  # analyses kept (the scenarios of one command, a window's recent cases)


def analyse(scenario: Scenario, max_states: int | None = None, max_seconds: float | None = None) -> Analysis:
    """Explore every playthrough of a (valid) scenario, within the budget (else an approximate analysis).

    One exploration per scenario object and content: a later call with a budget that the
    earlier exact result fits in (or the same budget) gets the same Analysis back.
    """
    budget = MAX_STATES if max_states is None else max_states
    seconds = MAX_SECONDS if max_seconds is None else max_seconds
    known = _memo.get(scenario.content_hash)
    if known is not None and known[0]() is scenario:
        earlier = known[1]
        if (not earlier.approximate and earlier.states <= budget) or \
                (earlier.approximate and earlier.budget == (budget, seconds)):
            return earlier
    store = keeping.keeper()
    result = _kept(store.get(_record_name(scenario)), scenario, budget) if store is not None else None
    if result is None:
        result = _explored(scenario, budget, seconds)
        if store is not None and not result.approximate:  # an approximate one depends on the clock: not kept
            store.put(_record_name(scenario), _record(result))
    result.budget = (budget, seconds)
    _memo.pop(scenario.content_hash, None)
    _memo[scenario.content_hash] = (weakref.ref(scenario), result)
    while len(_memo) > _MEMO_SIZE:
        del _memo[next(iter(_memo))]
    return result


# -- analyses kept between runs (scoring.keeping) -------------------------------------------------------
# A record is the Analysis without its state graph, as JSON. It is used only for the same scenario text
# (the name holds its content hash, the record its id), by the same code (a fingerprint of every module of
# the engine and the scoring, which decide what the analysis finds) and within the budget asked for; any
# other record, or one that is not well formed, is a miss and the case is explored again.

RECORD_FORMAT = 1


def code_fingerprint() -> str:
    """The fingerprint of the modules of ``game.engine`` and ``scoring``: a kept analysis holds for this code only."""
    return kept.code_fingerprint(Path(__file__).parent, Path(rules.__file__).parent)


def _record_name(scenario: Scenario) -> str:
    return f"analysis-{scenario.content_hash}"


def _scores_record(scores: Scores | None) -> list[float] | None:
    return None if scores is None else [scores.resident, scores.rules, scores.resident_total, scores.rules_total]


def _record(result: Analysis) -> dict[str, object]:
    """An exact analysis as a JSON-shaped record (numbers keep int or float, as JSON does), with its checksum."""
    record: dict[str, object] = {"format": RECORD_FORMAT, "code": code_fingerprint(), "scenario": result.scenario_id,
            "situations": result.situations, "endings": result.endings, "playthroughs": result.playthroughs,
            "range": {axis: list(bounds) for axis, bounds in result.range.items()},
            "expert_route": result.expert_route, "expert_ending": result.expert_ending,
            "expert_scores": _scores_record(result.expert_scores), "states": result.states,
            "choices_taken": sorted(result.choices_taken), "dead_ends": result.dead_ends, "cyclic": result.cyclic,
            "ending_best": {ending: _scores_record(s) for ending, s in result.ending_best.items()},
            "outcomes": sorted([list(pair) for pair in result.outcomes]), "start": result.start}
    record["digest"] = _digest(record)
    return record


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("not a number")
    return value


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not a whole number")
    return value


def _texts(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("not a list of texts")
    return list(value)


def _map(value: object) -> dict[str, object]:
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise ValueError("not a map")
    return dict(value)


def _pair(value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError("not a pair")
    return _number(value[0]), _number(value[1])


def _scores_of(value: object) -> Scores | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 4:
        raise ValueError("not scores")
    return Scores(_whole(value[0]), _whole(value[1]), _number(value[2]), _number(value[3]))


def _kept(record: object, scenario: Scenario, budget: int) -> Analysis | None:
    """The analysis a kept record holds, when it is one of ``scenario``'s text by this code within ``budget``
    and agrees with the scenario: every id one of its own, the scale and the start as the case gives them, the
    expert route playing to its ending with its scores. Anything else is a miss (None), never an error."""
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT or \
            record.get("code") != code_fingerprint() or record.get("scenario") != scenario.id or \
            record.get("digest") != _digest(record):
        return None
    try:
        result = _kept_fields(record, scenario, budget)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if result is None or not _agrees(result, scenario):
        return None
    result.kept_from = scenario
    return result


def _digest(record: dict[str, object]) -> str:
    """A checksum of a record's content (everything but the checksum): a damaged record is a miss."""
    body = {key: value for key, value in record.items() if key != "digest"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()[:32]


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("not true or false")
    return value


def _kept_fields(record: dict[str, object], scenario: Scenario, budget: int) -> Analysis | None:
    states, playthroughs = _whole(record["states"]), _whole(record["playthroughs"])
    if not 0 < states <= budget or playthroughs < 0:
        return None
    endings = {ending: _bool(reached) for ending, reached in _map(record["endings"]).items()}
    situations = _texts(record["situations"])
    ranges = {axis: _pair(bounds) for axis, bounds in _map(record["range"]).items()}
    expert_ending = record["expert_ending"]
    choices = {rules.chosen_key(s.id, c.id) for s in scenario.situations.values() for c in s.choices}
    taken = set(_texts(record["choices_taken"]))
    dead_ends = _texts(record["dead_ends"])
    best = {ending: _scores_of(value) for ending, value in _map(record["ending_best"]).items()}
    outcomes = record["outcomes"]
    if list(endings) != list(scenario.endings) or not set(situations) <= set(scenario.situations) or \
            set(ranges) != {"resident", "rules"} or any(low > high for low, high in ranges.values()) or \
            not (expert_ending is None or expert_ending in endings) or not taken <= choices or \
            not set(dead_ends) <= set(situations) or not set(best) <= set(endings) or \
            any(scores is None for scores in best.values()) or not isinstance(outcomes, list):
        return None
    start = {axis: _number(total) for axis, total in _map(record["start"]).items()}
    ends = {_pair(pair) for pair in outcomes}
    scale = {"resident": (min(r for r, _ in ends), max(r for r, _ in ends)),
             "rules": (min(r for _, r in ends), max(r for _, r in ends))} if ends else \
        {"resident": (0.0, 0.0), "rules": (0.0, 0.0)}
    if start != start_totals(scenario) or ranges != scale:  # the scale is the reachable ends' (as summed)
        return None
    return Analysis(scenario.id, situations, endings, playthroughs, ranges, _texts(record["expert_route"]),
                    expert_ending if isinstance(expert_ending, str) else None, _scores_of(record["expert_scores"]),
                    states, taken, dead_ends, _bool(record["cyclic"]),
                    {ending: scores for ending, scores in best.items() if scores is not None}, ends, start=start)


def _agrees(result: Analysis, scenario: Scenario) -> bool:
    """Whether the expert route plays, by the engine's rules, to the expert ending with the expert scores."""
    if result.expert_ending is None:
        return not result.expert_route and result.expert_scores is None
    played = rules.play_route(scenario, result.expert_route)
    if played is None:
        return False
    where, state = played
    return where == result.expert_ending and \
        result.expert_scores == result.scores(*axis_totals(scenario, dict(state.metrics)))


def _explored(scenario: Scenario, max_states: int, max_seconds: float) -> Analysis:
    """One exploration and what it finds."""
    with without_cyclic_gc():
        explorer = _Explorer(scenario, max_states, max_seconds)
        try:
            root = explorer.explore()
        except OverBudget as exc:
            return approximate(scenario, explorer, str(exc))
        return _summed(scenario, explorer, root)




def _summed(scenario: Scenario, explorer: _Explorer, root: int) -> Analysis:
    """Counts, ranges, reachable endings and the expert route over the explored states."""
    order, cyclic = _order(explorer, root)
    explorer.order = order
    infinite = float("inf")
    size = len(explorer.keys)
    count: MutableSequence[int] = array("Q", bytes(8 * size))  # playthroughs: a list if they outgrow 64 bits
    shared: dict[int, int] | None = None  # then the counts by value
    counted = bytearray(size)
    lo_r, hi_r = array("d", [infinite]) * size, array("d", [-infinite]) * size  # 8 bytes a state each
    lo_l, hi_l = array("d", [infinite]) * size, array("d", [-infinite]) * size
    names = list(scenario.endings)
    endings: MutableSequence[int] = array("Q", bytes(8 * size)) if len(names) <= 64 else [0] * size
    ends, edge_child, kind, first, last = explorer.ends, explorer.edge_child, explorer.kind, explorer.first, \
        explorer.last
    for state in order:  # the hot loop of the analysis: comparisons rather than min/max calls, locals only
        counted[state] = 1
        if kind[state] == 2:  # an end state
            ending, resident, rules_total = ends[state]
            count[state] = 1
            lo_r[state] = hi_r[state] = resident
            lo_l[state] = hi_l[state] = rules_total
            endings[state] = 1 << explorer.ending_index[ending]
            continue
        total, mask = 0, 0
        low_r = low_l = infinite
        high_r = high_l = -infinite
        for edge in range(first[state], last[state]):
            child = edge_child[edge]
            if cyclic and not counted[child]:  # a back edge of a cycle
                continue
            paths = count[child]
            total += paths
            mask |= endings[child]
            if paths:
                value = lo_r[child]
                if value < low_r:
                    low_r = value
                value = hi_r[child]
                if value > high_r:
                    high_r = value
                value = lo_l[child]
                if value < low_l:
                    low_l = value
                value = hi_l[child]
                if value > high_l:
                    high_l = value
        if shared is None:
            try:
                count[state] = total
            except OverflowError:  # more playthroughs than 64 bits hold: Python ints from here on,
                count, shared = list(count), {}
        if shared is not None:  # each value one object, as many states have equal counts (ints of kilobytes)
            count[state] = shared.setdefault(total, total)
        endings[state] = mask
        lo_r[state], hi_r[state], lo_l[state], hi_l[state] = low_r, high_r, low_l, high_l
    # The ranges as the end states hold them (an int stays an int): the arrays hold floats.
    backwards = list(ends.values())[::-1]  # the first end state with a value wins, as min and max keep the first
    written = [{float(end[1]): end[1] for end in backwards}, {float(end[2]): end[2] for end in backwards}]
    ranges = {"resident": (written[0][lo_r[root]], written[0][hi_r[root]]) if count[root] else (0.0, 0.0),
              "rules": (written[1][lo_l[root]], written[1][hi_l[root]]) if count[root] else (0.0, 0.0)}
    reachable_mask = endings[root]
    del lo_r, hi_r, lo_l, hi_l, endings, counted  # 41 bytes a state the expert pass below need not hold as well
    seen = explorer.seen_situations
    result = Analysis(scenario.id, [s for s in scenario.situations if s in seen],
                      {e: bool(reachable_mask >> i & 1) for i, e in enumerate(names)}, count[root], ranges,
                      [], None, None, len(order), explorer.choices_taken, sorted(explorer.dead_ends), cyclic)
    result.start = start_totals(scenario)
    result.outcomes = {(resident, rules_total) for _ending, resident, rules_total in ends.values()}
    result.explored = explorer
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
        [], None, None, explorer.expanded, explorer.choices_taken,
        [], False, approximate=True, too_large=reason, start=start_totals(scenario))


def _expert(result: Analysis, root: int, order: Sequence[int], explorer: _Explorer, count: Sequence[int]) -> None:
    """The route that maximises the lower of the two scores (ties: higher sum, fewer choices).

    A route to an ending whose declared outcome is not ``omgekeerd`` comes after every other
    route, so the example the debrief shows never ends in a story the case calls a failure.
    """
    size = len(explorer.keys)
    declared = {e.id: e.outcome for e in explorer.scenario.endings.values()}
    known_value = bytearray(size)  # per state: whether a best route on is known, and its
    fits = bytearray(size)  # whether it ends in an ending not declared a failure,
    low = array("d", bytes(8 * size))  # lower score,
    both = array("d", bytes(8 * size))  # sum of the scores
    length = array("i", bytes(4 * size))  # and minus its number of choices
    via = array("i", bytes(4 * size))  # the edge the best route takes (-1: an end state; edges fit 32 bits)
    ends, edge_child = explorer.ends, explorer.edge_child
    scored = result.scorer()
    valued: dict[tuple[str, float, float], tuple[float, float, int]] = {}  # per distinct end: many states share one

    kind, first, last = explorer.kind, explorer.first, explorer.last
    for state in order:
        if kind[state] == 2:  # an end state
            end = ends[state]
            value = valued.get(end)
            if value is None:
                ending, resident, rules_total = end
                exact_r, exact_l = result.exact("resident", resident), result.exact("rules", rules_total)
                value = valued[end] = (min(exact_r, exact_l), exact_r + exact_l,
                                       0 if declared.get(ending) not in ("", "omgekeerd") else 1)
                scores = scored(resident, rules_total)
                known = result.ending_best.get(ending)
                if known is None or (min(scores.resident, scores.rules), scores.resident + scores.rules) > \
                        (min(known.resident, known.rules), known.resident + known.rules):
                    result.ending_best[ending] = scores
            known_value[state], via[state] = 1, -1
            low[state], both[state], fits[state] = value
            continue
        best: tuple[int, float, float, int] | None = None
        for edge in range(first[state], last[state]):
            child = edge_child[edge]
            if not known_value[child] or not count[child]:
                continue
            candidate = (fits[child], low[child], both[child], length[child] - 1)
            if best is None or candidate > best:
                best, via[state] = candidate, edge
        if best is not None:
            known_value[state] = 1
            fits[state], low[state], both[state], length[state] = best
    if not known_value[root]:
        return
    route_ids: list[str] = []
    at = root
    while via[at] >= 0:
        edge = via[at]
        route_ids.append(explorer.choice_id(at, edge))
        at = edge_child[edge]
    result.expert_route = route_ids
    result.expert_ending, resident, rules_total = ends[at]
    result.expert_scores = result.scores(resident, rules_total)
