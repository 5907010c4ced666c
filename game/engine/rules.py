"""The rules of play, written once: conditions, effects with clamping, flags, ``next`` routing, one loop guard.

Every interpreter of a scenario uses these pure functions: the state machine's predicates and
callbacks (one playthrough, ``game.engine.machine``), the analysis (every playthrough) and the
graph (the expert route), so all of them agree on what a choice does and where play goes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from game.engine.records import dataclass, field

from game.engine.model import Choice, Condition, Metric, Scenario, Situation

MAX_AUTO_MOVES = 10_000  # ``next`` routes followed in a row before play counts as a loop without end

_OPS: dict[str, Callable[[float, float], bool]] = {
    "gte": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "lte": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
    "eq": lambda a, b: a == b,
}


class RouteLoop(RuntimeError):
    """``next`` routes that keep moving without ever reaching a decision or an ending."""

    def __init__(self, scenario_id: str, situation_id: str) -> None:
        super().__init__(f"scenario {scenario_id}: next routes loop without end (at situation {situation_id})")
        self.scenario_id = scenario_id
        self.situation_id = situation_id


@dataclass(frozen=True)
class State:
    """What conditions can see: metric values, flags, visited situations, choices made."""

    metrics: Mapping[str, float] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    visited: frozenset[str] = frozenset()
    chosen: frozenset[str] = frozenset()  # "situation.choice"


# A hop follows one ``next`` route: (the situation, the index of the route taken, the state) -> (where, state).
Hop = Callable[[Situation, int, State], tuple[str, State]]


def holds(condition: Condition | None, state: State) -> bool:
    """Whether a condition holds in a state. No condition always holds."""
    if condition is None:
        return True
    kind = condition.kind
    if kind == "metric":
        value = state.metrics.get(condition.name, 0)
        return all(_OPS[op](value, bound) for op, bound in condition.ops)
    if kind == "flag":
        return condition.name in state.flags
    if kind == "visited":
        return condition.name in state.visited
    if kind == "chose":
        return condition.name in state.chosen
    if kind == "all":
        return all(holds(part, state) for part in condition.parts)
    if kind == "any":
        return any(holds(part, state) for part in condition.parts)
    if kind == "not":
        return not holds(condition.parts[0], state)
    raise ValueError(f"unknown condition kind {kind!r}")


def allows(choice: Choice, state: State) -> bool:
    """Whether a choice can be made in a state (its ``requires`` holds)."""
    return holds(choice.requires, state)


def start_metrics(scenario: Scenario) -> dict[str, float]:
    """The metric values at the start of a playthrough."""
    return {metric_id: metric.start for metric_id, metric in scenario.metrics.items()}


def start_state(scenario: Scenario) -> State:
    """The state before the start situation is entered."""
    return State(start_metrics(scenario))


def clamp(value: float, metric: Metric) -> float:
    """A metric value held inside the metric's [min, max]."""
    return max(metric.min, min(metric.max, value))


def apply_effects(metrics: Mapping[str, float], choice: Choice, scenario: Scenario) -> dict[str, float]:
    """Metric values after a choice's effects, each clamped to its [min, max]."""
    return apply_changes(metrics, choice.effects, scenario)


def apply_changes(metrics: Mapping[str, float], effects: Mapping[str, float], scenario: Scenario) -> dict[str, float]:
    """Metric values after ``effects`` (a choice's or an ending's), each clamped to its [min, max]."""
    result = dict(metrics)
    for metric_id, delta in effects.items():
        metric = scenario.metrics.get(metric_id)
        if metric is not None:
            result[metric_id] = clamp(result.get(metric_id, metric.start) + delta, metric)
    return result


def apply_flags(flags: frozenset[str], choice: Choice) -> frozenset[str]:
    """Flags after a choice: ``set`` adds, then ``clear`` removes."""
    if not choice.set_flags and not choice.clear_flags:
        return flags
    return (flags | frozenset(choice.set_flags)) - frozenset(choice.clear_flags)


def chosen_key(situation_id: str, choice_id: str) -> str:
    """How a ``chose`` condition names a choice made: ``situation.choice``."""
    return f"{situation_id}.{choice_id}"


def take(scenario: Scenario, situation_id: str, choice: Choice, state: State) -> State:
    """The state right after making a choice in a situation (before its ``goto`` is entered)."""
    return State(apply_effects(state.metrics, choice, scenario), apply_flags(state.flags, choice),
                 state.visited, state.chosen | {chosen_key(situation_id, choice.id)})


def enter(scenario: Scenario, target: str, state: State) -> State:
    """The state after entering a situation or an ending.

    Only situations count as visited. Entering an ending applies the ending's ``effects``
    (clamped, like a choice's): play ends there, so they apply once per playthrough.
    """
    ending = scenario.endings.get(target)
    if ending is not None and target not in scenario.situations:
        if not ending.effects:
            return state
        return State(apply_changes(state.metrics, ending.effects, scenario), state.flags, state.visited, state.chosen)
    if target not in scenario.situations or target in state.visited:
        return state
    return State(state.metrics, state.flags, state.visited | {target}, state.chosen)


def route(situation: Situation, state: State) -> tuple[int, str]:
    """Where a ``next`` situation moves on to: (index, goto) of the first entry whose ``if`` holds."""
    for index, entry in enumerate(situation.next):
        if holds(entry.condition, state):
            return index, entry.goto
    return len(situation.next) - 1, situation.next[-1].goto


def routes_to(situation: Situation, index: int, state: State) -> bool:
    """Whether ``next`` routing in this state takes the route at ``index``."""
    return bool(situation.next) and route(situation, state)[0] == index


def hop(scenario: Scenario, situation: Situation, index: int, state: State) -> tuple[str, State]:
    """Follow one ``next`` route without a machine: (its goto, the state after entering it)."""
    target = situation.next[index].goto
    return target, enter(scenario, target, state)


def advance(scenario: Scenario, where: str, state: State, follow: Hop | None = None) -> tuple[str, State]:
    """Follow ``next`` routes from ``where`` (already entered) until a decision or an ending.

    ``follow`` moves one route (the session fires the machine's trigger there); by default
    the route is followed in the data alone. Raises RouteLoop after MAX_AUTO_MOVES routes.
    """
    for _ in range(MAX_AUTO_MOVES):
        situation = scenario.situations.get(where)
        if situation is None or not situation.next:
            return where, state
        index, _target = route(situation, state)
        if follow is None:
            where, state = hop(scenario, situation, index, state)
        else:
            where, state = follow(situation, index, state)
    raise RouteLoop(scenario.id, where)


def begin(scenario: Scenario, follow: Hop | None = None) -> tuple[str, State]:
    """Where play first waits for the player, and the state there."""
    return advance(scenario, scenario.start, enter(scenario, scenario.start, start_state(scenario)), follow)


def step(scenario: Scenario, situation_id: str, choice: Choice, state: State,
         follow: Hop | None = None) -> tuple[str, State]:
    """Make a choice and follow ``next`` routes: (where play waits or ends, the state there)."""
    after = enter(scenario, choice.goto, take(scenario, situation_id, choice, state))
    return advance(scenario, choice.goto, after, follow)


def play_route(scenario: Scenario, route: list[str]) -> tuple[str, State] | None:
    """Where a route of choice ids ends and the state there, as a session plays it (None: a choice is not there
    or not allowed, or the ``next`` routes loop)."""
    try:
        where, state = begin(scenario)
        for choice_id in route:
            situation = scenario.situations.get(where)
            choice = next((c for c in situation.choices if c.id == choice_id and allows(c, state)), None) \
                if situation is not None else None
            if choice is None:
                return None
            where, state = step(scenario, where, choice, state)
    except Exception:  # noqa: BLE001 - a route that does not play (a loop of next routes) is no route
        return None
    return where, state
