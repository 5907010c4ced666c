"""The coach view of one playthrough: every decision with all its choices, their effect and where each would have led.

Built for a team leader sitting with a professional after a playthrough. For every decision
it lists the choice made and every alternative with its feedback, its effect on both axes,
its thinking errors and levers, and the best and the worst ending still reachable after it
(from the analysis's state graph). The expert's choice is marked, and so is the first step
where the route left the expert route. Pure: no store, no files, no interface text.
"""

from __future__ import annotations

from collections.abc import Sequence
from game.engine.records import dataclass

from game.engine import rules
from game.engine.model import Choice, Scenario, Text
from game.engine.rules import State

from scoring.analysis import Analysis, Key, Scores, axis_totals
from scoring.scores import quadrant


@dataclass(frozen=True)
class EndPoint:
    """One ending a playthrough can reach, with its headline scores."""

    ending: str
    title: Text
    scores: Scores
    outcome: str = ""  # the ending's declared outcome ("" when the scores decide)

    @property
    def rank(self) -> tuple[int, float, float, float, str]:
        """How good it is, as the expert route judges: an ending declared other than omgekeerd comes last,
        then the lower score, then the sum (ties: resident, id)."""
        resident, rules_score = self.scores.resident, self.scores.rules
        fits = 1 if self.outcome in ("", "omgekeerd") else 0
        return (fits, min(resident, rules_score), resident + rules_score, resident, self.ending)


@dataclass(frozen=True)
class Reach:
    """The best and the worst ending still reachable from a play state."""

    best: EndPoint
    worst: EndPoint


@dataclass(frozen=True)
class CoachOption:
    """One choice at a decision: what it says and does, and where it would have led."""

    id: str
    text: Text
    feedback: Text
    available: bool
    chosen: bool
    expert: bool
    effect: tuple[float, float]  # change of the (resident, rules) axis totals
    thinking: tuple[str, ...]  # thinking error ids (names: thinking.<id>.name)
    levers: tuple[str, ...]  # lever ids it uses
    missed_levers: tuple[str, ...]  # lever ids it passes by
    reach: Reach | None  # None when it cannot be made, or the analysis has no state graph


@dataclass(frozen=True)
class CoachStep:
    """One decision of the playthrough."""

    number: int  # 1-based
    situation: str
    situation_text: Text
    options: tuple[CoachOption, ...]  # in the scenario's order, the chosen one among them
    on_expert_route: bool  # every choice up to and including this one was the expert's
    left_expert_route: bool  # the first step whose choice differs from the expert's

    @property
    def chosen(self) -> CoachOption:
        return next(option for option in self.options if option.chosen)

    @property
    def expert(self) -> CoachOption | None:
        return next((option for option in self.options if option.expert), None)


@dataclass(frozen=True)
class CoachView:
    """Everything the coach view shows of one playthrough."""

    scenario_id: str
    title: Text
    finished: bool
    ending: EndPoint | None
    verdict: str  # the ending's declared outcome, else the quadrant
    steps: tuple[CoachStep, ...]
    first_departure: int | None  # number of the first step off the expert route (None: never left it)
    expert_ending: EndPoint | None
    reflection: tuple[Text, ...]
    levers: dict[str, Text]  # lever id -> title, for every lever named in the steps


def verdict_of(scenario: Scenario, ending_id: str | None, scores: Scores) -> str:
    """The verdict of a playthrough: its ending's declared ``outcome`` when the model has one, else the quadrant."""
    ending = scenario.endings.get(ending_id) if ending_id else None
    outcome = getattr(ending, "outcome", None) if ending is not None else None
    return str(outcome) if outcome else quadrant(scores)


def _end_point(scenario: Scenario, ending_id: str, scores: Scores) -> EndPoint:
    ending = scenario.endings[ending_id]
    return EndPoint(ending_id, ending.title, scores, str(getattr(ending, "outcome", "") or ""))


def reach_table(analysis: Analysis) -> dict[Key, Reach]:
    """The best and worst reachable ending of every state in the analysis's graph (children first)."""
    graph = analysis.graph
    if graph is None:
        return {}
    scenario = graph.scenario
    table: dict[Key, Reach] = {}
    for key in _children_first(graph.root, graph.children):
        if key in graph.terminal:
            ending, resident, rules_total = graph.terminal[key]
            point = _end_point(scenario, ending, analysis.scores(resident, rules_total))
            table[key] = Reach(point, point)
            continue
        found = [table[child] for _choice, child in graph.children.get(key, []) if child in table]
        if found:
            table[key] = Reach(max((r.best for r in found), key=lambda p: p.rank),
                               min((r.worst for r in found), key=lambda p: p.rank))
    return table


def _children_first(root: Key, children: dict[Key, list[tuple[str, Key]]]) -> list[Key]:
    """Every state from ``root`` with each child before its parent (a back edge of a cycle is skipped)."""
    order: list[Key] = []
    seen = {root}
    stack: list[tuple[Key, int]] = [(root, 0)]
    while stack:
        key, index = stack.pop()
        edges = children.get(key, [])
        if index < len(edges):
            stack.append((key, index + 1))
            child = edges[index][1]
            if child not in seen:
                seen.add(child)
                stack.append((child, 0))
            continue
        order.append(key)
    return order


class Reacher:
    """Where a play state can still lead, looked up in one analysis (its table is built once)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._table: dict[Key, Reach] | None = None

    def reach(self, where: str, state: State) -> Reach | None:
        """Best and worst ending reachable from ``where`` in ``state`` (as ``rules.begin``/``rules.step`` give them)."""
        graph = self.analysis.graph
        if graph is None:
            return None
        if self._table is None:
            self._table = reach_table(self.analysis)
        return self._table.get(graph.node(where, state))


def _effect(scenario: Scenario, choice: Choice, state: State) -> tuple[float, float]:
    before = axis_totals(scenario, dict(state.metrics))
    after = axis_totals(scenario, rules.apply_effects(state.metrics, choice, scenario))
    return after[0] - before[0], after[1] - before[1]


def _expert_choice(options: Sequence[CoachOption], expert_route: Sequence[str], index: int,
                   on_route: bool) -> str | None:
    """The expert's choice here: the expert route's while play is on it, else the one keeping the best ending."""
    if on_route and index < len(expert_route):
        return expert_route[index]
    reachable = [o for o in options if o.reach is not None]
    if not reachable:
        return None
    return max(reachable, key=lambda o: o.reach.best.rank[:3] if o.reach else (0, 0.0, 0.0)).id


def build_coach_view(scenario: Scenario, analysis: Analysis, choice_ids: Sequence[str],
                     reacher: Reacher | None = None) -> CoachView:
    """The coach view of a playthrough (its choices in order); stops at the first choice that cannot be made."""
    reacher = reacher or Reacher(analysis)
    where, state = rules.begin(scenario)
    steps: list[CoachStep] = []
    on_route, departure = True, None
    named: dict[str, Text] = {}
    for index, choice_id in enumerate(choice_ids):
        situation = scenario.situations.get(where)
        made = situation.choice(choice_id) if situation else None
        if situation is None or made is None or not rules.allows(made, state):
            break
        options = []
        for choice in situation.choices:
            available = rules.allows(choice, state)
            reach = reacher.reach(*rules.step(scenario, where, choice, state)) if available else None
            options.append(CoachOption(choice.id, choice.text, choice.feedback, available, choice.id == choice_id,
                                       False, _effect(scenario, choice, state), tuple(choice.thinking),
                                       tuple(choice.levers), tuple(choice.missed_levers), reach))
            for lever in (*choice.levers, *choice.missed_levers):
                named.setdefault(lever, scenario.levers[lever].title if lever in scenario.levers else Text({}))
        expert = _expert_choice(options, analysis.expert_route, index, on_route)
        options = [CoachOption(o.id, o.text, o.feedback, o.available, o.chosen, o.id == expert, o.effect, o.thinking,
                               o.levers, o.missed_levers, o.reach) for o in options]
        left = on_route and expert is not None and choice_id != expert
        if left:
            on_route, departure = False, index + 1
        steps.append(CoachStep(index + 1, situation.id, situation.text, tuple(options), on_route, left))
        where, state = rules.step(scenario, where, made, state)
    return _view(scenario, analysis, reacher, steps, departure, where, state, named)


def _view(scenario: Scenario, analysis: Analysis, reacher: Reacher, steps: list[CoachStep],
          departure: int | None, where: str, state: State, named: dict[str, Text]) -> CoachView:
    finished = where in scenario.endings
    resident, rules_total = axis_totals(scenario, dict(state.metrics))
    scores = analysis.scores(resident, rules_total)
    ending = _end_point(scenario, where, scores) if finished else None
    expert = None
    if analysis.expert_ending and analysis.expert_scores and analysis.expert_ending in scenario.endings:
        expert = _end_point(scenario, analysis.expert_ending, analysis.expert_scores)
    return CoachView(scenario.id, scenario.title, finished, ending,
                     verdict_of(scenario, where if finished else None, scores), tuple(steps), departure, expert,
                     reflection_questions(scenario), named)


def reflection_questions(scenario: Scenario) -> tuple[Text, ...]:
    """The reflection questions, one Text each, paired across languages by position (Dutch sets the number)."""
    text = scenario.debrief.reflection
    langs = {lang: text.lines(lang) for lang in text.values}
    count = len(langs.get("nl", next(iter(langs.values()), [])))
    return tuple(Text({lang: lines[n] for lang, lines in langs.items() if n < len(lines)}) for n in range(count))
