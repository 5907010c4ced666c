"""Scoring smells: warnings about how a valid scenario scores its choices, for ``validate``.

Each ``check_*`` function returns validator-style findings (severity "warning", with the
file, the line and what to do). The static checks read the scenario alone; the others use
the analysis of every playthrough (``scoring.analysis``). A scenario with errors gets no
smells: its errors come first.

Decisions (documented for authors in docs/authoring.md):

- *Dominated choice*: choice A is dominated by sibling B when B is at least as good on every
  metric and better on one (a metric a choice does not name counts as 0), and taking B
  instead of A changes nothing else that play depends on: both go to the same place, they
  set and clear the same flags as far as a ``requires`` or ``next`` condition reads them,
  no such condition asks whether A or B was chosen, and B is available whenever A is (no
  ``requires``, or the same one). When the consequences differ, later effects can make up
  for a worse start, so comparing the choices' own effects would not be fair. Levers,
  thinking errors, feedback and epilogue flags do not excuse a dominated choice: they do
  not change the scores.
- *Same effects*: a situation with two or more choices that all have the same effects (zero
  effects dropped), wherever they lead: the decision there does not move any score.
- *Never changes / never read*: a metric declared under ``metrics:`` that no choice changes;
  a flag that a choice sets but no condition reads (``requires``, ``next`` and epilogue ``if``).
- *Unreachable*: an ending, situation or choice that the graph can reach but the conditions
  never let the player reach or make; and a situation where in some playthrough no choice is
  available (the player would be stuck).
- *Fixed axis*: every complete playthrough ends on the same resident (or rules) total.
- *Both high without a lever*: a complete route whose resident and rules scores are both
  ``HIGH_SCORE`` or more while none of its choices uses a lever.
"""

from __future__ import annotations

from typing import Callable, Iterator

from game.engine.findings import WARNING, Finding
from game.content.library import Entry
from game.engine.model import HEADLINE_AXES, Choice, Condition, Scenario, Situation
from game.engine.rules import State
from game.engine.session import ReplayError, Session
from game.engine.validator import conditions, reachable_from_start

from scoring.analysis import Analysis, analyse
from scoring.scores import score

HIGH_SCORE = 70  # both headline scores at or above this: a route "to both-high scores"
MAX_WORK = 2_000_000  # play states weighted by the situations visited on the way: about 2 s of analysis

StaticCheck = Callable[[Scenario], list[Finding]]
AnalysedCheck = Callable[[Scenario, Analysis], list[Finding]]


def _warn(scenario: Scenario, line: int, message: str, hint: str) -> Finding:
    return Finding(scenario.path, line or 1, WARNING, message, hint)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _effects(choice: Choice) -> dict[str, float]:
    """A choice's effects without the zero ones."""
    return {metric: delta for metric, delta in choice.effects.items() if delta}


def _shown(effects: dict[str, float]) -> str:
    if not effects:
        return "no effects"
    return "{" + ", ".join(f"{m}: {_number(v)}" for m, v in sorted(effects.items())) + "}"


# -- what conditions read ------------------------------------------------------------------

def _play_conditions(scenario: Scenario) -> Iterator[Condition]:
    """Conditions that decide play (choice ``requires`` and ``next`` ifs), nested parts too."""
    def walk(condition: Condition | None) -> Iterator[Condition]:
        if condition is None:
            return
        yield condition
        for part in condition.parts:
            yield from walk(part)

    for situation in scenario.situations.values():
        for choice in situation.choices:
            yield from walk(choice.requires)
        for entry in situation.next:
            yield from walk(entry.condition)


def _read_in_play(scenario: Scenario, kind: str) -> set[str]:
    """Names (flags, or "situation.choice") that conditions deciding play test."""
    return {c.name for c in _play_conditions(scenario) if c.kind == kind}


def same_condition(first: Condition | None, second: Condition | None) -> bool:
    """Whether two conditions test the same thing (their lines aside)."""
    if first is None or second is None:
        return first is second
    return (first.kind == second.kind and first.name == second.name and first.ops == second.ops
            and len(first.parts) == len(second.parts)
            and all(same_condition(a, b) for a, b in zip(first.parts, second.parts)))


# -- static checks -------------------------------------------------------------------------

def _same_consequences(situation: Situation, worse: Choice, better: Choice,
                       flags_read: set[str], chosen_read: set[str]) -> bool:
    """Whether ``better`` can stand in for ``worse`` without changing what play depends on."""
    if worse.goto != better.goto:
        return False
    if {f"{situation.id}.{worse.id}", f"{situation.id}.{better.id}"} & chosen_read:
        return False
    if set(worse.set_flags) & flags_read != set(better.set_flags) & flags_read:
        return False
    if set(worse.clear_flags) & flags_read != set(better.clear_flags) & flags_read:
        return False
    return better.requires is None or same_condition(better.requires, worse.requires)


def worse_on(worse: Choice, better: Choice) -> list[str] | None:
    """The metrics on which ``worse`` is lower, when it is nowhere higher; else None."""
    a, b = _effects(worse), _effects(better)
    names = sorted(set(a) | set(b))
    if any(a.get(m, 0) > b.get(m, 0) for m in names):
        return None
    lower = [m for m in names if a.get(m, 0) < b.get(m, 0)]
    return lower or None


def check_dominated(scenario: Scenario) -> list[Finding]:
    """A choice no better than a sibling on any metric and worse on one, with the same consequences."""
    flags_read, chosen_read = _read_in_play(scenario, "flag"), _read_in_play(scenario, "chose")
    found = []
    for situation in scenario.situations.values():
        for worse in situation.choices:
            for better in situation.choices:
                if better is worse or not _same_consequences(situation, worse, better, flags_read, chosen_read):
                    continue
                lower = worse_on(worse, better)
                if lower is None:
                    continue
                found.append(_warn(
                    scenario, worse.line,
                    f"choice {situation.id}.{worse.id} is dominated by {situation.id}.{better.id}: "
                    f"no better on any metric and worse on {', '.join(lower)} ({_shown(_effects(worse))} "
                    f"against {_shown(_effects(better))}), with the same consequences",
                    "a tempting choice should win on something (often efficiency, or legality for a strict "
                    "route); give it that gain, or remove the choice"))
                break
    return found


def check_same_effects(scenario: Scenario) -> list[Finding]:
    """A situation whose choices (two or more) all have the same effects."""
    found = []
    for situation in scenario.situations.values():
        if len(situation.choices) < 2:
            continue
        effects = [_effects(choice) for choice in situation.choices]
        if all(e == effects[0] for e in effects):
            found.append(_warn(
                scenario, situation.lines.get("choices", situation.line),
                f"all {len(effects)} choices of situation {situation.id} have the same effects "
                f"({_shown(effects[0])}): the decision here changes no score",
                "give each choice the effects that show what it gains and costs; if only the story "
                "differs, that is fine for one situation, but say in the feedback why it matters"))
    return found


def check_unchanged_metrics(scenario: Scenario) -> list[Finding]:
    """A metric declared under ``metrics:`` that no choice changes."""
    changed = {m for s in scenario.situations.values() for c in s.choices for m in _effects(c)}
    found = []
    for metric in scenario.metrics.values():
        if metric.line and metric.id not in changed:
            kind = "the standard metric" if metric.standard else "metric"
            found.append(_warn(
                scenario, metric.line,
                f'{kind} "{metric.id}" is declared under metrics: but no choice changes it',
                f"give a choice an effect on it (effects: {{{metric.id}: 1}}), or remove it from metrics:"))
    return found


def check_unread_flags(scenario: Scenario) -> list[Finding]:
    """A flag that a choice sets but no condition reads (epilogue conditions included)."""
    read = {c.name for c, _where in conditions(scenario) if c.kind == "flag"}
    first: dict[str, tuple[str, int]] = {}
    for situation in scenario.situations.values():
        for choice in situation.choices:
            for flag in choice.set_flags:
                first.setdefault(flag, (f"{situation.id}.{choice.id}", choice.lines.get("set", choice.line)))
    return [_warn(scenario, line, f'flag "{flag}" is set (by choice {where}) but no condition reads it',
                  "test it where it matters (requires: {flag: ...}, a next if, or an epilogue if), "
                  "or remove it from set:")
            for flag, (where, line) in first.items() if flag not in read]


# -- checks with the analysis --------------------------------------------------------------

def check_unreachable(scenario: Scenario, analysis: Analysis) -> list[Finding]:
    """Endings, situations and choices the graph reaches but the conditions never allow; dead ends."""
    graph = reachable_from_start(scenario)
    seen = set(analysis.situations)
    hint = "check the requires and next conditions on the way there ('omgekeerd analyze' shows what is reachable)"
    found = []
    for situation in scenario.situations.values():
        if situation.id in graph and situation.id not in seen:
            found.append(_warn(scenario, situation.line,
                               f"situation {situation.id} can never be reached: the conditions on the way never hold",
                               hint))
            continue
        if situation.id not in seen:
            continue
        for choice in situation.choices:
            if f"{situation.id}.{choice.id}" not in analysis.choices_taken:
                found.append(_warn(scenario, choice.line,
                                   f"choice {situation.id}.{choice.id} can never be made: its requires never "
                                   f"holds when a player is in {situation.id}", hint))
    for ending in scenario.endings.values():
        if ending.id in graph and not analysis.endings.get(ending.id, False):
            found.append(_warn(scenario, ending.line,
                               f"ending {ending.id} can never be reached: the conditions on the way never hold", hint))
    for situation_id in analysis.dead_ends:
        situation = scenario.situations[situation_id]
        found.append(_warn(scenario, situation.lines.get("choices", situation.line),
                           f"in some playthroughs no choice of situation {situation_id} is available: the player is stuck",
                           "add a choice without requires, or make sure one of the requires always holds here"))
    return found


def check_fixed_axis(scenario: Scenario, analysis: Analysis) -> list[Finding]:
    """A headline axis on which every complete playthrough ends on the same total."""
    found = []
    for axis in HEADLINE_AXES:
        low, high = analysis.range[axis]
        if low == high:
            metrics = ", ".join(scenario.axis_metrics(axis)) or "none declared"
            found.append(_warn(scenario, scenario.lines.get("situations", 1),
                               f"the {axis} axis cannot vary: every playthrough ends with a {axis} total of "
                               f"{_number(low)}, so every player scores 100 on it",
                               f"give choices different effects on the {axis} metrics ({metrics})"))
    return found


def check_high_route_without_lever(scenario: Scenario, analysis: Analysis) -> list[Finding]:
    """A complete route to both-high scores whose choices use no lever."""
    if any(low == high for low, high in analysis.range.values()):
        return []  # a fixed axis is reported on its own; every route would be "high" on it
    route = analysis.route_without_lever(HIGH_SCORE)
    if route is None:
        return []
    try:
        session = Session.replay(scenario, route)
    except ReplayError:
        return []
    ending = session.ending
    scores = score(scenario, analysis, session.metrics)
    return [_warn(scenario, ending.line if ending else scenario.lines.get("endings", 1),
                  f"a route to ending {ending.id if ending else '?'} scores resident {scores.resident} and rules "
                  f"{scores.rules} ({HIGH_SCORE} or more on both) without using any lever: {', '.join(route)}",
                  "the best outcome should need the law turned around: name the lever a choice on this route "
                  "uses (levers: [...]), or lower the scores of this route")]


class _TooManyStates(Exception):
    """The play-state graph is larger than the budget."""


def fits_budget(scenario: Scenario, budget: int | None = None) -> bool:
    """Whether exploring the scenario as the analysis does stays within ``budget`` units of work.

    A unit is one play state plus one for every situation visited before it (the analysis
    copies that set at every step), so the budget bounds the time, not only the memory.
    """
    from scoring.analysis import Key, _Explorer  # the analysis's own exploration, so the count is the same

    limit = MAX_WORK if budget is None else budget

    class Counting(_Explorer):
        work = 0

        def node(self, where: str, state: State) -> Key:
            self.work += 1 + len(state.visited)
            if self.work > limit:
                raise _TooManyStates
            return super().node(where, state)

    try:
        Counting(scenario).explore()
    except _TooManyStates:
        return False
    return True


def _too_large(scenario: Scenario) -> Finding:
    return _warn(scenario, scenario.lines.get("situations", 1),
                 "the scoring checks skipped this scenario: it has so many different play states "
                 "that exploring them (and so computing its scores) takes seconds",
                 "give metrics of your own a smaller range or fewer different effect sizes "
                 "(the analysis tells states apart by every metric value)")


STATIC_CHECKS: tuple[StaticCheck, ...] = (check_dominated, check_same_effects, check_unchanged_metrics,
                                          check_unread_flags)
ANALYSED_CHECKS: tuple[AnalysedCheck, ...] = (check_unreachable, check_fixed_axis, check_high_route_without_lever)


def smells(scenario: Scenario, analysis: Analysis | None = None) -> list[Finding]:
    """Every scoring smell of a scenario without errors, sorted by line. Never raises."""
    found: list[Finding] = []
    try:
        for check in STATIC_CHECKS:
            found += check(scenario)
        if analysis is None and not fits_budget(scenario):
            return sorted(set(found + [_too_large(scenario)]), key=lambda f: (f.line, f.severity, f.message))
        analysis = analysis or analyse(scenario)
        for analysed_check in ANALYSED_CHECKS:
            found += analysed_check(scenario, analysis)
    except Exception as exc:  # the checks must never stop validate; say what happened instead
        found.append(_warn(scenario, 1, f"the scoring checks could not finish on this scenario ({type(exc).__name__}: {exc})",
                           "run 'omgekeerd analyze' on it with OMGEKEERD_DEBUG=1 and report the problem"))
    return sorted(set(found), key=lambda f: (f.line, f.severity, f.message))


def with_smells(entry: Entry) -> list[Finding]:
    """An entry's findings plus its scoring smells (none while it has errors), sorted by line."""
    if not entry.ok or entry.scenario is None:
        return entry.findings
    return sorted(set(entry.findings) | set(smells(entry.scenario)), key=lambda f: (f.line, f.severity, f.message))
