"""The group report of one case: many playthroughs (or one workshop group) side by side. Pure: no store, no text.

Each playthrough's end point on the quadrant chart, the spread of choices at every decision,
how often each thinking error showed and the levers used and missed. A workshop group session
gives the same shape: the spread is the room's votes in the last round of each decision,
and its one end point is where the route the room followed ended.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from game.engine.records import dataclass

from game.engine import rules
from game.engine.model import THINKING_ERRORS, Scenario, Text

from scoring.analysis import Analysis, axis_totals
from scoring.coach import verdict_of
from scoring.scores import QUADRANTS, quadrant


@dataclass(frozen=True)
class GroupPlay:
    """One playthrough as the group report counts it."""

    label: str  # the pseudonym (shown only when names are on)
    finished: bool
    resident: int
    rules: int
    verdict: str
    quadrant: str
    route: tuple[tuple[str, str], ...]  # (situation, choice) of every decision
    thinking: tuple[str, ...]  # every thinking error shown, once per choice that showed it
    levers_used: tuple[str, ...]
    levers_missed: tuple[str, ...]


@dataclass(frozen=True)
class SpreadOption:
    choice: str
    text: Text
    count: int
    percent: int  # of the decision's total, rounded
    expert: bool
    followed: bool = False  # a workshop room followed this choice


@dataclass(frozen=True)
class Spread:
    """How the choices at one decision were spread."""

    situation: str
    text: Text
    total: int
    options: tuple[SpreadOption, ...]


@dataclass(frozen=True)
class EndMark:
    """One end point on the quadrant chart."""

    label: str
    resident: int
    rules: int
    quadrant: str


@dataclass(frozen=True)
class Counted:
    """A thinking error or a lever with its counts over the group."""

    id: str
    plays: int  # playthroughs in which it showed (or was used)
    times: int  # how often in all (for levers: playthroughs that passed it by)


@dataclass(frozen=True)
class GroupReport:
    scenario_id: str
    title: Text
    plays: int
    finished: int
    marks: tuple[EndMark, ...]
    quadrants: dict[str, int]
    verdicts: dict[str, int]
    spread: tuple[Spread, ...]
    thinking: tuple[Counted, ...]  # in the catalogue's order, only those that showed
    levers_used: tuple[Counted, ...]  # ``times``: 0
    levers_missed: tuple[Counted, ...]  # ``plays``: playthroughs that passed it by, never used it
    lever_titles: dict[str, Text]
    workshop: bool = False


def play_of(scenario: Scenario, analysis: Analysis, label: str, choice_ids: Sequence[str]) -> GroupPlay | None:
    """A stored playthrough replayed with the engine's rules; None when a choice no longer fits."""
    where, state = rules.begin(scenario)
    route: list[tuple[str, str]] = []
    thinking: list[str] = []
    used: dict[str, None] = {}
    missed: dict[str, None] = {}
    for choice_id in choice_ids:
        situation = scenario.situations.get(where)
        choice = situation.choice(choice_id) if situation else None
        if situation is None or choice is None or not rules.allows(choice, state):
            return None
        route.append((where, choice_id))
        thinking.extend(choice.thinking)
        used.update(dict.fromkeys(choice.levers))
        missed.update(dict.fromkeys(choice.missed_levers))
        where, state = rules.step(scenario, where, choice, state)
    scores = analysis.scores(*axis_totals(scenario, dict(state.metrics)))
    finished = where in scenario.endings
    return GroupPlay(label, finished, scores.resident, scores.rules,
                     verdict_of(scenario, where if finished else None, scores), quadrant(scores), tuple(route),
                     tuple(thinking), tuple(used), tuple(lever for lever in missed if lever not in used))


def _spread_rows(scenario: Scenario, analysis: Analysis, counts: Mapping[str, Counter[str]]) -> tuple[Spread, ...]:
    expert = _expert_at(scenario, analysis)
    rows = []
    for situation_id, situation in scenario.situations.items():
        tally = counts.get(situation_id)
        if not tally or not situation.choices:
            continue
        total = sum(tally.values())
        rows.append(Spread(situation_id, situation.text, total, tuple(
            SpreadOption(c.id, c.text, tally.get(c.id, 0), _percent(tally.get(c.id, 0), total),
                         expert.get(situation_id) == c.id) for c in situation.choices)))
    return tuple(rows)


def _expert_at(scenario: Scenario, analysis: Analysis) -> dict[str, str]:
    """The expert route's choice at each situation it passes."""
    where, state = rules.begin(scenario)
    found: dict[str, str] = {}
    for choice_id in analysis.expert_route:
        situation = scenario.situations.get(where)
        choice = situation.choice(choice_id) if situation else None
        if choice is None:
            break
        found.setdefault(where, choice_id)
        where, state = rules.step(scenario, where, choice, state)
    return found


def _percent(part: int, whole: int) -> int:
    return int(100 * part / whole + 0.5) if whole else 0


def _lever_titles(scenario: Scenario, ids: Sequence[str]) -> dict[str, Text]:
    return {i: scenario.levers[i].title if i in scenario.levers else Text({"nl": i}) for i in ids}


def build_group(scenario: Scenario, analysis: Analysis, plays: Sequence[GroupPlay]) -> GroupReport:
    """The group report of many playthroughs of one case."""
    counts: dict[str, Counter[str]] = {}
    shown_in: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    used: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for play in plays:
        for situation, choice in play.route:
            counts.setdefault(situation, Counter())[choice] += 1
        shown.update(play.thinking)
        shown_in.update(set(play.thinking))
        used.update(play.levers_used)
        missed.update(play.levers_missed)
    thinking = tuple(Counted(e, shown_in[e], shown[e]) for e in THINKING_ERRORS if shown[e])
    levers = sorted(set(used) | set(missed))
    return GroupReport(
        scenario.id, scenario.title, len(plays), sum(p.finished for p in plays),
        tuple(EndMark(p.label, p.resident, p.rules, p.quadrant) for p in plays if p.finished),
        {q: sum(1 for p in plays if p.finished and p.quadrant == q) for q in QUADRANTS},
        dict(sorted(Counter(p.verdict for p in plays if p.finished).items())),
        _spread_rows(scenario, analysis, counts), thinking,
        tuple(Counted(lever, used[lever], 0) for lever in sorted(used, key=lambda x: (-used[x], x))),
        tuple(Counted(lever, missed[lever], missed[lever]) for lever in sorted(missed, key=lambda x: (-missed[x], x))),
        _lever_titles(scenario, levers))


def build_workshop_group(scenario: Scenario, analysis: Analysis,
                         decisions: Sequence[tuple[str, Mapping[str, int], str]], label: str) -> GroupReport:
    """The group report of one workshop group session: (situation, last-round votes, choice followed) per decision."""
    play = play_of(scenario, analysis, label, [followed for _situation, _votes, followed in decisions])
    expert = _expert_at(scenario, analysis)
    spread = []
    for situation_id, votes, followed in decisions:
        situation = scenario.situations.get(situation_id)
        if situation is None:
            continue
        total = sum(max(0, int(v)) for v in votes.values())
        spread.append(Spread(situation_id, situation.text, total, tuple(
            SpreadOption(c.id, c.text, int(votes.get(c.id, 0)), _percent(int(votes.get(c.id, 0)), total),
                         expert.get(situation_id) == c.id, c.id == followed) for c in situation.choices)))
    base = build_group(scenario, analysis, [play] if play else [])
    return GroupReport(base.scenario_id, base.title, base.plays, base.finished, base.marks, base.quadrants,
                       base.verdicts, tuple(spread), base.thinking, base.levers_used, base.levers_missed,
                       base.lever_titles, workshop=True)
