"""The rules of play as pure functions: conditions, effects with clamping, and ``next`` routing.

Shared by the session (one playthrough) and the analysis (all playthroughs), so both agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from game.engine.model import Choice, Condition, Metric, Scenario, Situation

_OPS = {
    "gte": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "lte": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
    "eq": lambda a, b: a == b,
}


@dataclass(frozen=True)
class State:
    """What conditions can see: metric values, flags, visited situations, choices made."""

    metrics: Mapping[str, float] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    visited: frozenset[str] = frozenset()
    chosen: frozenset[str] = frozenset()  # "situation.choice"


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


def start_metrics(scenario: Scenario) -> dict[str, float]:
    """The metric values at the start of a playthrough."""
    return {metric_id: metric.start for metric_id, metric in scenario.metrics.items()}


def clamp(value: float, metric: Metric) -> float:
    return max(metric.min, min(metric.max, value))


def apply_effects(metrics: Mapping[str, float], choice: Choice, scenario: Scenario) -> dict[str, float]:
    """Metric values after a choice's effects, each clamped to its [min, max]."""
    result = dict(metrics)
    for metric_id, delta in choice.effects.items():
        metric = scenario.metrics.get(metric_id)
        if metric is not None:
            result[metric_id] = clamp(result.get(metric_id, metric.start) + delta, metric)
    return result


def apply_flags(flags: frozenset[str], choice: Choice) -> frozenset[str]:
    """Flags after a choice: ``set`` adds, then ``clear`` removes."""
    return (flags | frozenset(choice.set_flags)) - frozenset(choice.clear_flags)


def route(situation: Situation, state: State) -> tuple[int, str]:
    """Where a ``next`` situation moves on to: (index, goto) of the first entry whose ``if`` holds."""
    for index, entry in enumerate(situation.next):
        if holds(entry.condition, state):
            return index, entry.goto
    return len(situation.next) - 1, situation.next[-1].goto


def choice_available(choice: Choice, state: State) -> bool:
    return holds(choice.requires, state)
