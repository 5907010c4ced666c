"""A session: one playthrough of a scenario, wrapped in a small API for screens and the CLI.

The session owns the play state; the ``transitions`` machine moves the situation. A session
is fully described by the scenario id, its content hash and the ordered choice ids, and is
restored by replaying them (``Session.from_dict``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from game.engine import machine as state_machine
from game.render.conditions import describe_condition
from game.engine.model import Choice, Document, Ending, Scenario, Situation, Text
from game.engine.rules import State, apply_effects, apply_flags, holds, route, start_metrics

SAVE_VERSION = 1
MAX_AUTO_MOVES = 10_000


class ChoiceRefused(Exception):
    """A choice that does not exist here or is not available; ``reason`` says why."""

    def __init__(self, choice_id: str, reason: str, situation_id: str = "", text: Text | None = None) -> None:
        super().__init__(reason)
        self.choice_id = choice_id
        self.reason = reason
        self.situation_id = situation_id
        self.text = text or Text({"nl": reason})

    def reason_in(self, lang: str) -> str:
        """The reason in a language (falls back to Dutch)."""
        return self.text.get(lang)


class ReplayError(Exception):
    """Saved choices that no longer fit the scenario: ``index`` is the first one that fails."""

    def __init__(self, index: int, choice_id: str, reason: str) -> None:
        super().__init__(f"choice {index + 1} ({choice_id}) no longer fits: {reason}")
        self.index = index
        self.choice_id = choice_id
        self.reason = reason


@dataclass(frozen=True)
class ChoiceOption:
    """A choice as the player sees it now: available or not, and why not."""

    choice: Choice
    available: bool
    reason: Text

    @property
    def id(self) -> str:
        return self.choice.id


@dataclass(frozen=True)
class Step:
    """One choice made: where, which, its feedback, and the metric values after it."""

    situation: str
    choice: str
    feedback: Text
    metrics: dict[str, float]
    passed: tuple[str, ...] = ()  # situations entered after the choice, before the next decision
    unlocked: tuple[str, ...] = ()  # dossier documents unlocked by it


@dataclass
class _Play:
    current: str
    metrics: dict[str, float]
    flags: frozenset[str] = frozenset()
    visited: list[str] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)
    unlocked: list[str] = field(default_factory=list)


class Session:
    """One playthrough. Screens use: situation, choices, choose(), finished, ending, epilogue."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._reset()

    # -- state ---------------------------------------------------------------------------
    def _reset(self) -> None:
        scenario = self.scenario
        self._holder = state_machine.StateHolder(scenario.start)
        self._play = _Play(scenario.start, start_metrics(scenario))
        self._steps: list[Step] = []
        self._choices: list[Choice] = []
        self._enter(scenario.start)
        self._play.unlocked[:0] = [d.id for d in scenario.dossier if d.available == "start"]
        self._advance()

    def _state(self) -> State:
        play = self._play
        return State(play.metrics, play.flags, frozenset(play.visited), frozenset(play.chosen))

    def _enter(self, target: str) -> list[str]:
        """Record entering a situation (visited, unlocks); return documents newly unlocked."""
        play = self._play
        play.current = target
        situation = self.scenario.situations.get(target)
        if situation is None:
            return []
        play.visited.append(target)
        new = [d for d in situation.unlocks if d not in play.unlocked]
        play.unlocked.extend(new)
        return new

    def _advance(self) -> tuple[list[str], list[str]]:
        """Follow ``next`` routes until a decision or an ending; return (passed, unlocked)."""
        passed: list[str] = []
        unlocked: list[str] = []
        for _ in range(MAX_AUTO_MOVES):
            situation = self.scenario.situations.get(self._play.current)
            if situation is None or not situation.next:
                return passed, unlocked
            index, target = route(situation, self._state())
            state_machine.fire(self.scenario, self._holder, state_machine.next_trigger(situation.id, index))
            unlocked += self._enter(target)
            if target in self.scenario.situations:
                passed.append(target)
        raise RuntimeError(f"scenario {self.scenario.id}: next routes loop without end")

    # -- the API screens use -------------------------------------------------------------
    @property
    def situation(self) -> Situation | None:
        """The situation the player is in, or None when the playthrough has ended."""
        return self.scenario.situations.get(self._play.current)

    @property
    def finished(self) -> bool:
        return self._play.current in self.scenario.endings

    @property
    def ending(self) -> Ending | None:
        return self.scenario.endings.get(self._play.current) if self.finished else None

    @property
    def epilogue(self) -> list[Text]:
        """The epilogue paragraphs of the ending whose conditions hold."""
        ending = self.ending
        if ending is None:
            return []
        state = self._state()
        return [e.text for e in ending.epilogue if holds(e.condition, state)]

    @property
    def all_choices(self) -> list[ChoiceOption]:
        """Every choice of the current situation, hidden ones included."""
        situation = self.situation
        if situation is None or self.finished:
            return []
        state = self._state()
        options = []
        for choice in situation.choices:
            available = holds(choice.requires, state)
            reason = Text({})
            if not available:
                reason = choice.requires_text if choice.requires_text else describe_condition(choice.requires, self.scenario)
            options.append(ChoiceOption(choice, available, reason))
        return options

    @property
    def choices(self) -> list[ChoiceOption]:
        """The choices the player sees: hidden ones (``hidden_unless_met``) left out."""
        return [o for o in self.all_choices if o.available or not o.choice.hidden_unless_met]

    def choose(self, choice_id: str) -> Step:
        """Make a choice; raises ChoiceRefused when it does not exist here or is unavailable."""
        situation = self.situation
        if situation is None or self.finished:
            raise ChoiceRefused(choice_id, "the playthrough has ended")
        option = next((o for o in self.all_choices if o.choice.id == choice_id), None)
        if option is None:
            known = ", ".join(o.id for o in self.choices)
            reason = Text({"nl": f'situatie "{situation.id}" heeft geen keuze "{choice_id}" (keuzes hier: {known})',
                           "en": f'situation "{situation.id}" has no choice "{choice_id}" (choices here: {known})'})
            raise ChoiceRefused(choice_id, reason.get("en"), situation.id, reason)
        if not option.available:
            raise ChoiceRefused(choice_id, option.reason.get("nl"), situation.id, option.reason)
        choice = option.choice
        play = self._play
        play.metrics = apply_effects(play.metrics, choice, self.scenario)
        play.flags = apply_flags(play.flags, choice)
        play.chosen.append(f"{situation.id}.{choice.id}")
        state_machine.fire(self.scenario, self._holder, state_machine.choice_trigger(situation.id, choice.id))
        unlocked = self._enter(choice.goto)
        passed = [choice.goto] if choice.goto in self.scenario.situations else []
        more_passed, more_unlocked = self._advance()
        step = Step(situation.id, choice.id, choice.feedback, dict(play.metrics),
                    tuple(passed + more_passed), tuple(unlocked + more_unlocked))
        self._steps.append(step)
        self._choices.append(choice)
        return step

    def undo(self) -> None:
        """Take back the last choice (by replaying the ones before it)."""
        if not self._steps:
            return
        keep = self.choice_ids[:-1]
        self._reset()
        for choice_id in keep:
            self.choose(choice_id)

    # -- what the playthrough amounts to -------------------------------------------------
    @property
    def history(self) -> list[Step]:
        return list(self._steps)

    @property
    def choice_ids(self) -> list[str]:
        return [step.choice for step in self._steps]

    @property
    def choices_made(self) -> list[Choice]:
        return list(self._choices)

    @property
    def path(self) -> list[str]:
        """Situation ids visited, in order."""
        return list(self._play.visited)

    @property
    def metrics(self) -> dict[str, float]:
        return dict(self._play.metrics)

    @property
    def flags(self) -> set[str]:
        return set(self._play.flags)

    @property
    def documents(self) -> list[Document]:
        """Dossier documents the player can read now, in dossier order."""
        unlocked = set(self._play.unlocked)
        return [d for d in self.scenario.dossier if d.id in unlocked]

    @property
    def thinking(self) -> dict[str, int]:
        """How often each thinking error showed."""
        return dict(Counter(error for choice in self._choices for error in choice.thinking))

    @property
    def levers_used(self) -> list[str]:
        return _unique(lever for choice in self._choices for lever in choice.levers)

    @property
    def levers_missed(self) -> list[str]:
        return _unique(lever for choice in self._choices for lever in choice.missed_levers)

    # -- saving ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"save_version": SAVE_VERSION, "scenario": self.scenario.id,
                "content_hash": self.scenario.content_hash, "choices": self.choice_ids}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def replay(cls, scenario: Scenario, choice_ids: list[str]) -> "Session":
        """A session with these choices made; ReplayError names the first that does not fit."""
        session = cls(scenario)
        for index, choice_id in enumerate(choice_ids):
            try:
                session.choose(choice_id)
            except ChoiceRefused as exc:
                raise ReplayError(index, choice_id, exc.reason) from None
        return session

    @classmethod
    def from_dict(cls, data: Any, scenario: Scenario) -> "Session":
        """Restore a saved session by replaying its choices (a changed scenario may refuse)."""
        if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
            raise ValueError("this is not a saved Omgekeerd session")
        version = data.get("save_version")
        if not isinstance(version, int) or version > SAVE_VERSION:
            raise ValueError(f"this save has version {version}; this Omgekeerd reads up to {SAVE_VERSION}")
        if data.get("scenario") != scenario.id:
            raise ValueError(f"this save belongs to scenario {data.get('scenario')!r}, not {scenario.id!r}")
        return cls.replay(scenario, [str(c) for c in data["choices"]])

    @classmethod
    def from_json(cls, text: str, scenario: Scenario) -> "Session":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"the save cannot be read: {exc.msg}") from None
        return cls.from_dict(data, scenario)


def _unique(items: Any) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
