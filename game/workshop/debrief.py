"""The group debrief of a workshop: the room's route and scores beside the expert's, the spread, where it split.

Pure: built from the case, its analysis and the decisions as the room took them (from a room,
or from a stored group session: the same :class:`GroupDecision` either way), so the projector
and the stored session always show the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from game.engine.records import dataclass

from game.engine.model import Scenario, Text
from game.engine.session import Session
from game.store.database import Store
from game.store.groups import GroupDecision, get_group
from game.workshop.room import Room
from scoring.analysis import Analysis
from scoring.coach import reflection_questions
from scoring.debrief import build_debrief

SPLIT_SHARE = 2 / 3  # a decision where no choice won this share of the last round's votes split the room


@dataclass(frozen=True)
class SpreadChoice:
    """One choice at a decision: its votes in every round, and whether it was the expert's or followed."""

    id: str
    text: Text
    counts: tuple[int, ...]
    expert: bool
    followed: bool


@dataclass(frozen=True)
class DecisionSpread:
    """How the room voted at one decision."""

    number: int  # 1-based
    situation_id: str
    text: Text
    choices: tuple[SpreadChoice, ...]
    rounds: int
    voters: tuple[int, ...]  # votes cast per round
    split: bool  # no choice won two thirds of the last round
    seconds: float


@dataclass(frozen=True)
class GroupDebrief:
    """Everything the projector's group debrief and the report show."""

    scenario_id: str
    title: Text
    ending_title: Text
    ending_text: Text
    scores: tuple[int, int]  # (resident, rules) where the room's route ended
    expert_scores: tuple[int, int] | None
    trajectory: list[tuple[int, int]]  # (resident, rules) at the start and after every decision
    follows_expert: bool
    decisions: tuple[DecisionSpread, ...]
    reflection: tuple[Text, ...]

    @property
    def splits(self) -> list[int]:
        """The numbers of the decisions where the room split."""
        return [d.number for d in self.decisions if d.split]


def room_decisions(room: Room) -> list[GroupDecision]:
    """The decisions a room followed, in the shape the store keeps them."""
    return [GroupDecision(d.situation_id, tuple(d.counts()), d.followed or "", d.seconds) for d in room.decisions]


def stored_debrief(store: Store, group_id: int) -> GroupDebrief | None:
    """The group debrief of a stored group session, on the case exactly as it was played (None: no such session,
    or its case can no longer be read)."""
    from game.play.coaching import Cases, _group_as_saved  # the case as the session saved it

    group = get_group(store, group_id)
    rows = store._read("SELECT text FROM contents WHERE hash = ?", (group.content_hash,)) if group else []
    if group is None or not rows:
        return None
    cases = Cases()
    scenario = cases.scenario(_group_as_saved(group, str(rows[0]["text"])))
    if scenario is None:
        return None
    try:
        return build_group_debrief(scenario, cases.analysis(scenario), group.decisions)
    except Exception:  # noqa: BLE001 - a stored choice the case no longer has: the report goes without the rounds
        return None


def build_group_debrief(scenario: Scenario, analysis: Analysis, decisions: Sequence[GroupDecision]) -> GroupDebrief:
    """The group debrief of the decisions a room took on ``scenario``."""
    session = Session.replay(scenario, [d.followed for d in decisions])
    debrief = build_debrief(session, analysis)
    expert_at = dict(_expert_at(scenario, analysis))
    spreads = tuple(_spread(scenario, number, decision, expert_at.get(decision.situation_id))
                    for number, decision in enumerate(decisions, start=1))
    ending = session.ending
    expert = debrief.expert_scores
    return GroupDebrief(
        scenario.id, scenario.title, ending.title if ending else Text({}), ending.text if ending else Text({}),
        debrief.trajectory[-1], (expert.resident, expert.rules) if expert else None, list(debrief.trajectory),
        debrief.follows_expert, spreads, reflection_questions(scenario))


def _spread(scenario: Scenario, number: int, decision: GroupDecision, expert: str | None) -> DecisionSpread:
    situation = scenario.situations.get(decision.situation_id)
    choices = situation.choices if situation else []
    rounds = decision.rounds or ({},)
    spread = tuple(SpreadChoice(c.id, c.text, tuple(int(r.get(c.id, 0)) for r in rounds), c.id == expert,
                                c.id == decision.followed) for c in choices)
    last = rounds[-1]
    total = sum(last.values())
    split = total > 0 and max(last.values(), default=0) < SPLIT_SHARE * total
    return DecisionSpread(number, decision.situation_id, situation.text if situation else Text({}), spread,
                          len(decision.rounds), tuple(sum(r.values()) for r in rounds), split, decision.seconds)


def _expert_at(scenario: Scenario, analysis: Analysis) -> list[tuple[str, str]]:
    """(situation, choice) along the expert route."""
    session = Session(scenario)
    found = []
    for choice_id in analysis.expert_route:
        situation = session.situation
        if situation is None:
            break
        found.append((situation.id, choice_id))
        session.choose(choice_id)
    return found
