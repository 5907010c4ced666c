"""A session: one playthrough of a scenario, wrapped in a small API for screens and the CLI.

The ``transitions`` machine holds the play (``game.engine.machine``): the current situation,
metrics, flags and what was entered are those of its :class:`~game.engine.machine.Play` model,
moved only by firing triggers. A session is fully described by the scenario id, its content
hash and the ordered choice ids, and is restored by replaying them through the machine
(``Session.from_dict``). No player-facing text lives here: a refused choice carries a reason
code and parameters that the callers render from the string catalogue.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from game.engine.records import dataclass
from typing import TypedDict

from game.engine import machine as state_machine
from game.engine.model import Choice, Document, Ending, Scenario, Situation, Text
from game.engine.rules import holds

__all__ = ["SAVE_VERSION", "ENDED", "NO_SUCH_CHOICE", "UNAVAILABLE", "ChoiceRefused",
           "ReplayError", "ChoiceOption", "Step", "Session"]

SAVE_VERSION = 1

# Why a choice is refused (the catalogue renders them: ``refused.<code>``)
ENDED = "ended"
NO_SUCH_CHOICE = "no_such_choice"
UNAVAILABLE = "unavailable"


class SaveData(TypedDict):
    """A saved session as JSON data."""

    save_version: int
    scenario: str
    content_hash: str
    choices: list[str]


class ChoiceRefused(Exception):
    """A choice that cannot be made: ``code`` says why (ended, no_such_choice, unavailable).

    ``params`` fill the catalogue text (``situation``, ``choice``, ``known``: the choice ids
    the player can see here, comma-separated).
    """

    def __init__(self, choice_id: str, code: str, situation_id: str = "",
                 params: dict[str, str] | None = None) -> None:
        super().__init__(f"{code}: choice {choice_id!r}" + (f" in situation {situation_id!r}" if situation_id else ""))
        self.choice_id = choice_id
        self.code = code
        self.situation_id = situation_id
        self.params = {"choice": choice_id, "situation": situation_id, **(params or {})}


class ReplayError(Exception):
    """Saved choices that no longer fit the scenario: ``index`` is the first one that fails.

    ``refused`` is the ChoiceRefused of that choice; ``reason`` its code.
    """

    def __init__(self, index: int, choice_id: str, refused: ChoiceRefused) -> None:
        super().__init__(f"choice {index + 1} ({choice_id}) no longer fits: {refused}")
        self.index = index
        self.choice_id = choice_id
        self.refused = refused
        self.reason = refused.code


@dataclass(frozen=True)
class ChoiceOption:
    """A choice as the player sees it now: available or not (``game.render.conditions`` says why not)."""

    choice: Choice
    available: bool

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


class Session:
    """One playthrough. Screens use: situation, choices, choose(), finished, ending, epilogue."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._reset()

    # -- state ---------------------------------------------------------------------------
    def _reset(self) -> None:
        self._play = state_machine.Play(self.scenario)
        self._steps: list[Step] = []
        self._choices: list[Choice] = []
        state_machine.settle(self._play)

    # -- the API screens use -------------------------------------------------------------
    @property
    def situation(self) -> Situation | None:
        """The situation the player is in (the machine's state), or None when the playthrough has ended."""
        return self.scenario.situations.get(self._play.situation)

    @property
    def finished(self) -> bool:
        return self._play.situation in self.scenario.endings

    @property
    def ending(self) -> Ending | None:
        return self.scenario.endings.get(self._play.situation) if self.finished else None

    @property
    def epilogue(self) -> list[Text]:
        """The epilogue paragraphs of the ending whose conditions hold."""
        ending = self.ending
        if ending is None:
            return []
        return [e.text for e in ending.epilogue if holds(e.condition, self._play.state)]

    @property
    def all_choices(self) -> list[ChoiceOption]:
        """Every choice of the current situation, hidden ones included; availability from the machine."""
        situation = self.situation
        if situation is None or self.finished:
            return []
        play, trigger = self._play, state_machine.choice_trigger
        return [ChoiceOption(choice, state_machine.may_fire(play, trigger(situation.id, choice.id)))
                for choice in situation.choices]

    @property
    def choices(self) -> list[ChoiceOption]:
        """The choices the player sees: hidden ones (``hidden_unless_met``) left out."""
        return [o for o in self.all_choices if o.available or not o.choice.hidden_unless_met]

    def choose(self, choice_id: str) -> Step:
        """Make a choice by firing its trigger; ChoiceRefused when it does not exist here or is unavailable."""
        situation = self.situation
        if situation is None or self.finished:
            raise ChoiceRefused(choice_id, ENDED)
        choice = situation.choice(choice_id)
        if choice is None:
            known = ", ".join(o.id for o in self.choices)
            raise ChoiceRefused(choice_id, NO_SUCH_CHOICE, situation.id, {"known": known})
        play = self._play
        trigger = state_machine.choice_trigger(situation.id, choice.id)
        if not state_machine.may_fire(play, trigger):
            raise ChoiceRefused(choice_id, UNAVAILABLE, situation.id)
        entered, readable = len(play.path), len(play.unlocked)
        state_machine.fire(play, trigger)
        state_machine.settle(play)
        step = Step(situation.id, choice.id, choice.feedback, dict(play.state.metrics),
                    tuple(play.path[entered:]), tuple(play.unlocked[readable:]))
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
        return list(self._play.path)

    @property
    def metrics(self) -> dict[str, float]:
        return dict(self._play.state.metrics)

    @property
    def flags(self) -> set[str]:
        return set(self._play.state.flags)

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
    def to_dict(self) -> SaveData:
        """The save: scenario id, content hash and the ordered choice ids."""
        return {"save_version": SAVE_VERSION, "scenario": self.scenario.id,
                "content_hash": self.scenario.content_hash, "choices": self.choice_ids}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def replay(cls, scenario: Scenario, choice_ids: list[str]) -> Session:
        """A session with these choices made; ReplayError names the first that does not fit."""
        session = cls(scenario)
        for index, choice_id in enumerate(choice_ids):
            try:
                session.choose(choice_id)
            except ChoiceRefused as exc:
                raise ReplayError(index, choice_id, exc) from None
        return session

    @classmethod
    def from_dict(cls, data: object, scenario: Scenario) -> Session:
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
    def from_json(cls, text: str, scenario: Scenario) -> Session:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"the save cannot be read: {exc.msg}") from None
        return cls.from_dict(data, scenario)


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
