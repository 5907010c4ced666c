"""The state machine of a scenario, built with ``transitions`` (the only module that imports it).

Situations and endings are states; every choice and every ``next`` entry is a trigger named
``situation.choice`` or ``situation.next.N``. Conditions stay in our own code: the session
decides what is allowed and fires exactly one trigger; an impossible trigger raises.
"""

from __future__ import annotations

import weakref

from transitions import Machine, MachineError

from game.engine.model import Scenario

__all__ = ["MachineError", "StateHolder", "build_machine", "machine_for", "choice_trigger", "next_trigger"]

_MACHINES: "weakref.WeakKeyDictionary[Scenario, Machine]" = weakref.WeakKeyDictionary()


class StateHolder:
    """The model object ``transitions`` moves: it only carries the current state."""

    def __init__(self, state: str) -> None:
        self.state = state


def choice_trigger(situation_id: str, choice_id: str) -> str:
    return f"{situation_id}.{choice_id}"


def next_trigger(situation_id: str, index: int) -> str:
    return f"{situation_id}.next.{index}"


def build_machine(scenario: Scenario) -> Machine:
    """One machine per scenario; models are plain ``StateHolder`` objects fired by event."""
    states = list(scenario.situations) + [e for e in scenario.endings if e not in scenario.situations]
    transitions = []
    for situation in scenario.situations.values():
        for choice in situation.choices:
            transitions.append({"trigger": choice_trigger(situation.id, choice.id),
                                "source": situation.id, "dest": choice.goto})
        for index, entry in enumerate(situation.next):
            transitions.append({"trigger": next_trigger(situation.id, index),
                                "source": situation.id, "dest": entry.goto})
    return Machine(model=None, states=states, transitions=transitions, initial=scenario.start,
                   auto_transitions=False, ignore_invalid_triggers=False)


def machine_for(scenario: Scenario) -> Machine:
    """The (cached) machine of a loaded scenario."""
    machine = _MACHINES.get(scenario)
    if machine is None:
        machine = build_machine(scenario)
        _MACHINES[scenario] = machine
    return machine


def fire(scenario: Scenario, holder: StateHolder, trigger: str) -> str:
    """Fire one trigger on a holder and return the new state; raises MachineError if invalid."""
    machine = machine_for(scenario)
    event = machine.events.get(trigger)
    if event is None:
        raise MachineError(f"no trigger {trigger!r} in scenario {scenario.id}")
    event.trigger(holder)
    return holder.state
