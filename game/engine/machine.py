"""The state machine of a scenario, built with ``transitions`` (the only module that imports it).

A scenario compiles once into a transition table (:class:`Table`): every choice is a trigger
``situation.choice`` and every situation with ``next`` routes has one trigger ``situation:next``
with one transition per route. The machine is built from that table (one machine per scenario,
cached) and moves :class:`Play` models: a play's ``situation`` is where the playthrough is, and
only firing a trigger changes it. Conditions are our own predicates over ``game.engine.rules``
(closures over the loaded Condition objects, never strings from a file); effects, flags and
entering a situation are our own callbacks. The analysis walks the same table without firing.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from game.engine.records import dataclass

from transitions import EventData, Machine, MachineError

from game.engine import rules
from game.engine.gcpause import without_cyclic_gc
from game.engine.model import Choice, Condition, Scenario, Situation

__all__ = ["MachineError", "Play", "Table", "ChoiceEdge", "RouteEdge", "compile_table", "table_for",
           "build_machine", "machine_for", "prepare", "choice_trigger", "route_trigger", "fire", "may_fire", "settle"]

Predicate = Callable[[EventData], bool]  # a transition's condition: our own code, never a string
Action = Callable[[EventData], None]  # a transition's callback

_TABLES: weakref.WeakKeyDictionary[Scenario, Table] = weakref.WeakKeyDictionary()
_MACHINES: weakref.WeakKeyDictionary[Scenario, Machine] = weakref.WeakKeyDictionary()


def choice_trigger(situation_id: str, choice_id: str) -> str:
    """The trigger of a choice; the same text a ``chose`` condition names it by."""
    return rules.chosen_key(situation_id, choice_id)


def route_trigger(situation_id: str) -> str:
    """The trigger that follows a situation's ``next`` routes (``:`` never occurs in an id)."""
    return f"{situation_id}:next"


@dataclass(frozen=True)
class ChoiceEdge:
    """A choice as a transition: from its situation to its ``goto``."""

    source: str
    choice: Choice
    trigger: str


@dataclass(frozen=True)
class RouteEdge:
    """One ``next`` route as a transition; the routes of a situation share one trigger."""

    source: str
    index: int
    dest: str
    trigger: str


@dataclass(frozen=True)
class Table:
    """The compiled transitions of a scenario, per situation id."""

    choices: dict[str, tuple[ChoiceEdge, ...]]
    routes: dict[str, tuple[RouteEdge, ...]]
    states: tuple[str, ...]


def compile_table(scenario: Scenario) -> Table:
    """The transition table of a loaded scenario."""
    choices = {situation.id: tuple(ChoiceEdge(situation.id, choice, choice_trigger(situation.id, choice.id))
                                   for choice in situation.choices)
               for situation in scenario.situations.values()}
    routes = {situation.id: tuple(RouteEdge(situation.id, index, entry.goto, route_trigger(situation.id))
                                  for index, entry in enumerate(situation.next))
              for situation in scenario.situations.values()}
    states = tuple(scenario.situations) + tuple(e for e in scenario.endings if e not in scenario.situations)
    return Table(choices, routes, states)


def table_for(scenario: Scenario) -> Table:
    """The (cached) transition table of a loaded scenario."""
    table = _TABLES.get(scenario)
    if table is None:
        table = compile_table(scenario)
        _TABLES[scenario] = table
    return table


class Play:
    """The model the machine moves: ``situation`` is where play is, ``state`` what conditions see.

    ``path`` lists the situations entered in order; ``unlocked`` the dossier documents readable.
    Only the machine's callbacks change a play once it has begun.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.situation = scenario.start
        self.state = rules.start_state(scenario)
        self.path: list[str] = []
        self.unlocked: list[str] = [d.id for d in scenario.dossier if d.available == "start"]
        self.arrive(scenario.start)

    def take(self, edge: ChoiceEdge) -> None:
        """A choice's effects and flags (called by the machine before it moves)."""
        self.state = rules.take(self.scenario, edge.source, edge.choice, self.state)

    def arrive(self, target: str) -> None:
        """Entering a situation or an ending (called by the machine after it moved)."""
        self.state = rules.enter(self.scenario, target, self.state)
        situation = self.scenario.situations.get(target)
        if situation is None:
            return
        self.path.append(target)
        self.unlocked.extend([d for d in situation.unlocks if d not in self.unlocked])


def _play_of(event: EventData) -> Play:
    model = event.model
    if not isinstance(model, Play):
        raise MachineError(f"the machine moves Play objects, not {type(model).__name__}")
    return model


def _requires(condition: Condition | None) -> Predicate | None:
    """The predicate of a choice's ``requires`` (None: always available)."""
    if condition is None:
        return None
    return lambda event: rules.holds(condition, _play_of(event).state)


def _routes_to(situation: Situation, index: int) -> Predicate:
    """The predicate of one ``next`` route: routing in this state takes it."""
    return lambda event: rules.routes_to(situation, index, _play_of(event).state)


def _take(edge: ChoiceEdge) -> Action:
    return lambda event: _play_of(event).take(edge)


def _arrive(dest: str) -> Action:
    return lambda event: _play_of(event).arrive(dest)


def _empty_machine(scenario: Scenario, table: Table) -> Machine:
    return Machine(model=None, states=list(table.states), initial=scenario.start, auto_transitions=False,
                   ignore_invalid_triggers=False, send_event=True, model_attribute="situation")


def _add_situation(machine: Machine, table: Table, situation: Situation) -> None:
    """The transitions out of one situation: its choices and its ``next`` routes."""
    for edge in table.choices[situation.id]:
        machine.add_transition(edge.trigger, edge.source, edge.choice.goto,
                               conditions=_requires(edge.choice.requires), before=_take(edge),
                               after=_arrive(edge.choice.goto))
    for route in table.routes[situation.id]:
        machine.add_transition(route.trigger, route.source, route.dest,
                               conditions=_routes_to(situation, route.index), after=_arrive(route.dest))


def build_machine(scenario: Scenario, table: Table | None = None) -> Machine:
    """The machine of a scenario, built from its transition table; models are :class:`Play` objects."""
    table = table or table_for(scenario)
    machine = _empty_machine(scenario, table)
    for situation in scenario.situations.values():
        _add_situation(machine, table, situation)
    return machine


def machine_for(scenario: Scenario) -> Machine:
    """The (cached) machine of a loaded scenario, with every transition."""
    machine = _MACHINES.get(scenario)
    if machine is None:
        machine = build_machine(scenario)
        _MACHINES[scenario] = machine
    return machine


class _PlayMachine:
    """The machine play fires on: the same transitions, added per situation when play first waits there.

    So the first choice of a large scenario costs its states and one situation's transitions,
    not the whole table (10,000 situations: well under 50 ms instead of over half a second).
    """

    def __init__(self, scenario: Scenario) -> None:
        self.table = table_for(scenario)
        self.machine = _empty_machine(scenario, self.table)
        self.ready: set[str] = set()
        self.situations = scenario.situations  # not the scenario: the cache is keyed by it weakly
        self.sources = {edge.trigger: source for source, edges in self.table.choices.items() for edge in edges}
        self.sources.update({edges[0].trigger: source for source, edges in self.table.routes.items() if edges})

    def at(self, source: str, trigger: str) -> Machine:
        """The machine with the transitions out of ``source`` and of the trigger's own situation added."""
        for where in (source, self.sources.get(trigger)):
            if where is not None and where not in self.ready:
                self.ready.add(where)
                situation = self.situations.get(where)
                if situation is not None:
                    _add_situation(self.machine, self.table, situation)
        return self.machine


_PLAY_MACHINES: weakref.WeakKeyDictionary[Scenario, _PlayMachine] = weakref.WeakKeyDictionary()


def prepare(scenario: Scenario) -> None:
    """Build the play machine at load time (its states and trigger table), so the first choice is quick."""
    if scenario not in _PLAY_MACHINES:
        with without_cyclic_gc():  # tens of thousands of small objects beside a large loaded model
            _PLAY_MACHINES[scenario] = _PlayMachine(scenario)


def _machine_at(play: Play, trigger: str) -> Machine:
    """The play machine of a play's scenario, ready to fire ``trigger`` from where the play is."""
    lazy = _PLAY_MACHINES.get(play.scenario)
    if lazy is None:
        prepare(play.scenario)
        lazy = _PLAY_MACHINES[play.scenario]
    return lazy.at(play.situation, trigger)


def fire(play: Play, trigger: str) -> None:
    """Fire one trigger on a play; MachineError when it is unknown, invalid here or its condition fails."""
    machine = _machine_at(play, trigger)
    event = machine.events.get(trigger)
    if event is None:
        raise MachineError(f"no trigger {trigger!r} in scenario {play.scenario.id}")
    if not event.trigger(play):
        raise MachineError(f"trigger {trigger!r} is not allowed in situation {play.situation!r}")


def may_fire(play: Play, trigger: str) -> bool:
    """Whether a trigger would fire on a play now (its predicates hold), without firing it."""
    machine = _machine_at(play, trigger)
    event = machine.events.get(trigger)
    if event is None:
        return False
    transitions = event.transitions.get(play.situation, [])
    if not transitions:
        return False
    data = EventData(machine.get_state(play.situation), event, machine, play, (), {})
    return any(all(condition.check(data) for condition in transition.conditions) for transition in transitions)


def _follow(play: Play) -> rules.Hop:
    """A hop for ``rules.advance`` that moves the play by firing the route trigger."""

    def follow(situation: Situation, _index: int, _state: rules.State) -> tuple[str, rules.State]:
        fire(play, route_trigger(situation.id))
        return play.situation, play.state

    return follow


def settle(play: Play) -> None:
    """Follow ``next`` routes through the machine until play waits for a choice or ends."""
    rules.advance(play.scenario, play.situation, play.state, _follow(play))
