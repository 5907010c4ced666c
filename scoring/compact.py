"""The rules of play compiled to integers, for exploring every play state quickly and in little memory.

A compact play state is one tuple: ``(target index, mask, metric values...)``, with the values of
only the metrics some effect changes (the others keep their start: ``full`` puts them back). Targets
(situations and endings) are interned to indices, metrics are indexed by position and the
mask holds one bit per flag, visited situation and choice that some condition reads
(nothing else can change where play goes). An end state has mask -1. Conditions, effects
with clamping, flags and ``next`` routing are compiled from the loaded scenario into small
closures that do exactly what ``game.engine.rules`` does (the tests compare both on every
library scenario), with the same loop guard.
"""

from __future__ import annotations

import operator
from operator import itemgetter
from collections.abc import Callable
from game.engine.records import dataclass

from game.engine import rules
from game.engine.model import Condition, Metric, Scenario

Values = tuple[float, ...]
Predicate = Callable[[Values, int], bool]
Effect = tuple[int, float, float, float]  # (metric index, delta, min, max)

_OPS: dict[str, Callable[[float, float], bool]] = {
    "gte": operator.ge, "gt": operator.gt, "lte": operator.le, "lt": operator.lt, "eq": operator.eq}


@dataclass(slots=True)  # built once per choice of a case: no frozen __setattr__ (large cases)
class CompactChoice:
    """One choice of a situation: its predicate, effects, flag masks, chosen bit and goto index."""

    index: int  # position among the situation's choices
    id: str
    number: int  # position among every choice of the scenario
    requires: Predicate | None
    effects: tuple[Effect, ...]
    set_mask: int
    clear_mask: int
    goto: int


@dataclass(slots=True)  # built once per choice of a case: no frozen __setattr__ (large cases)
class Target:
    """A situation or an ending as play enters it."""

    id: str
    ending: bool  # play ends here (an ending id)
    situation: bool
    visited_bit: int  # the bit set on entering (0 when no condition reads it)
    ending_effects: tuple[Effect, ...]  # effects applied on entering an ending
    choices: tuple[CompactChoice, ...]
    routes: tuple[tuple[Predicate | None, int], ...]  # ``next``: (condition, goto index)


class Compiled:
    """A scenario's rules over compact states."""

    def __init__(self, scenario: Scenario, flags: set[str], visited: set[str], chosen: set[str]) -> None:
        self.scenario = scenario
        self.ints: dict[int, int] = {}  # whole-number metric values, one object each (see ``apply``)
        self.metric_ids = list(scenario.metrics)  # the order of the public keys' values
        # A compact state holds only the metrics some effect changes; the others keep their start value.
        changed = {m for situation in scenario.situations.values() for c in situation.choices for m in c.effects} | \
            {m for ending in scenario.endings.values() for m in ending.effects}
        live = [m for m in self.metric_ids if m in changed]
        self.metric_index = {m: i for i, m in enumerate(live)}  # positions in a compact state's values
        self.fixed = {m: scenario.metrics[m].start for m in self.metric_ids if m not in changed}
        self.layout = tuple((self.metric_index.get(m, -1), self.fixed.get(m, 0)) for m in self.metric_ids)
        names = [("flag", n) for n in sorted(flags)] + [("visited", n) for n in sorted(visited)] + \
            [("chose", n) for n in sorted(chosen)]
        self.bits = {name: 1 << i for i, name in enumerate(names)}
        ids = list(scenario.situations) + [e for e in scenario.endings if e not in scenario.situations]
        self.index = {target: i for i, target in enumerate(ids)}
        self.choice_ids: list[str] = []  # "situation.choice" by choice number
        self.targets = [self._target(target) for target in ids]
        self.resident = self._axis("resident")
        self.rules = self._axis("rules")
        # Totals add the values in the axis's order, a fixed metric's start in its place; a fixed 0 (an int)
        # changes no sum, so then only the changed metrics are added.
        self.plain_totals = all(index >= 0 or (type(fixed) is int and fixed == 0)
                                for index, fixed in self.resident + self.rules)
        self.resident_at = tuple(index for index, _fixed in self.resident if index >= 0)
        self.rules_at = tuple(index for index, _fixed in self.rules if index >= 0)
        self._resident_of, self._rules_of = _picker(self.resident_at), _picker(self.rules_at)

    def _axis(self, axis: str) -> tuple[tuple[int, float], ...]:
        """An axis's metrics in order: (position in the values, or -1 for a fixed one, and its fixed value)."""
        return tuple((self.metric_index.get(m, -1), self.fixed.get(m, 0)) for m in self.scenario.axis_metrics(axis))

    # -- compiling -------------------------------------------------------------------------

    def _effects(self, effects: dict[str, float]) -> tuple[Effect, ...]:
        metrics: dict[str, Metric] = self.scenario.metrics
        return tuple((self.metric_index[m], delta, metrics[m].min, metrics[m].max)
                     for m, delta in effects.items() if m in metrics)

    def _mask(self, kind: str, names: list[str]) -> int:
        mask = 0
        for name in names:
            mask |= self.bits.get((kind, name), 0)
        return mask

    def _target(self, target: str) -> Target:
        scenario = self.scenario
        situation = scenario.situations.get(target)
        ending = scenario.endings.get(target)
        ending_effects = self._effects(ending.effects) if ending is not None and situation is None else ()
        choices: list[CompactChoice] = []
        routes: list[tuple[Predicate | None, int]] = []
        if situation is not None:
            for index, choice in enumerate(situation.choices):
                key = rules.chosen_key(target, choice.id)
                number = len(self.choice_ids)
                self.choice_ids.append(key)
                choices.append(CompactChoice(
                    index, choice.id, number, self.condition(choice.requires), self._effects(choice.effects),
                    self._mask("flag", list(choice.set_flags)) | self.bits.get(("chose", key), 0),
                    self._mask("flag", list(choice.clear_flags)), self.index.get(choice.goto, -1)))
            routes = [(self.condition(entry.condition), self.index.get(entry.goto, -1)) for entry in situation.next]
        visited_bit = self.bits.get(("visited", target), 0) if situation is not None else 0
        return Target(target, ending is not None, situation is not None, visited_bit,
                      ending_effects, tuple(choices), tuple(routes))

    def condition(self, condition: Condition | None) -> Predicate | None:
        """A condition as a predicate over (metric values, mask); None always holds."""
        if condition is None:
            return None
        kind = condition.kind
        if kind == "metric":
            return self._metric(condition)
        if kind in ("flag", "visited", "chose"):
            bit = self.bits.get((kind, condition.name), 0)
            return lambda _m, k: bool(k & bit)
        parts = [self.condition(part) or (lambda _m, _k: True) for part in condition.parts]
        if kind == "all":
            return lambda m, k: all(p(m, k) for p in parts)
        if kind == "any":
            return lambda m, k: any(p(m, k) for p in parts)
        if kind == "not":
            first = parts[0]
            return lambda m, k: not first(m, k)
        raise ValueError(f"unknown condition kind {kind!r}")

    def _metric(self, condition: Condition) -> Predicate:
        index = self.metric_index.get(condition.name)
        ops = [(_OPS[op], bound) for op, bound in condition.ops]
        if index is None:  # a metric no effect changes reads its start; one the scenario does not have reads 0
            value = self.fixed.get(condition.name, 0)
            constant = all(op(value, bound) for op, bound in ops)
            return lambda _m, _k: constant
        if len(ops) == 1:
            (op, bound), = ops
            return lambda m, _k: op(m[index], bound)
        return lambda m, _k: all(op(m[index], bound) for op, bound in ops)

    # -- playing ---------------------------------------------------------------------------

    def apply(self, values: Values, effects: tuple[Effect, ...]) -> Values:
        """Metric values after effects, each clamped as ``rules.clamp`` does.

        Whole-number values are shared objects (one per value, ``self.ints``): millions of states hold a few
        thousand different values, so a state's key costs its tuple and no int objects of its own."""
        if not effects:
            return values
        changed = list(values)
        ints = self.ints
        for index, delta, low, high in effects:
            value = changed[index] + delta  # max(low, min(high, value)) without the calls, the same object kept:
            if not value < high:  # min gives high unless value is smaller,
                value = high
            if not value > low:  # max gives low unless value is larger
                value = low
            changed[index] = ints.setdefault(value, value) if type(value) is int else value
        return tuple(changed)

    def enter(self, target: int, values: Values, mask: int) -> tuple[Values, int]:
        """As ``rules.enter``: an ending applies its effects, a situation counts as visited."""
        entered = self.targets[target]
        if entered.ending_effects:
            values = self.apply(values, entered.ending_effects)
        return values, mask | entered.visited_bit

    def advance(self, where: int, values: Values, mask: int, seen: bytearray) -> tuple[int, Values, int]:
        """As ``rules.advance``: follow ``next`` routes until a decision or an ending (``seen`` marks each)."""
        targets = self.targets
        for _ in range(rules.MAX_AUTO_MOVES):
            routes = targets[where].routes
            if not routes:
                return where, values, mask
            goto = routes[-1][1]
            for condition, target in routes:
                if condition is None or condition(values, mask):
                    goto = target
                    break
            seen[goto] = 1
            values, mask = self.enter(goto, values, mask)
            where = goto
        raise rules.RouteLoop(self.scenario.id, targets[where].id)

    def begin(self, seen: bytearray) -> tuple[int, Values, int]:
        """As ``rules.begin``: where play first waits, with its values and mask."""
        start = self.index[self.scenario.start]
        values = tuple(self.scenario.metrics[m].start for m in self.metric_index)
        values, mask = self.enter(start, values, 0)
        return self.advance(start, values, mask, seen)

    def totals(self, values: Values) -> tuple[float, float]:
        """(resident total, rules total), summed as ``scoring.analysis.axis_totals`` does."""
        if self.plain_totals:
            return sum(self._resident_of(values)), sum(self._rules_of(values))  # in the same order as before
        return (sum(values[i] if i >= 0 else fixed for i, fixed in self.resident),
                sum(values[i] if i >= 0 else fixed for i, fixed in self.rules))

    def full(self, values: Values) -> Values:
        """A compact state's values with the fixed metrics put back: one per metric, in the scenario's order."""
        if not self.fixed:
            return tuple(values)
        return tuple(values[i] if i >= 0 else fixed for i, fixed in self.layout)

    def mask_of(self, state: rules.State) -> int:
        """The mask of an engine state (only the bits some condition reads)."""
        mask = 0
        for (kind, name), bit in self.bits.items():
            held = {"flag": state.flags, "visited": state.visited, "chose": state.chosen}[kind]
            if name in held:
                mask |= bit
        return mask


def _picker(indexes: tuple[int, ...]) -> Callable[[Values], tuple[float, ...]]:
    """The values at ``indexes``, in that order, as a tuple (itemgetter gives a bare value for one index)."""
    if len(indexes) > 1:
        return itemgetter(*indexes)
    if indexes:
        only = indexes[0]
        return lambda values: (values[only],)
    return lambda _values: ()
