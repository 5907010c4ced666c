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
  ``HIGH_SCORE`` or more while none of its choices uses a lever; not raised where the case
  says ``standard_route_fits: true`` (the 80 %).
- *Outcome and scores disagree*: routes to an ending with a declared ``outcome`` whose
  scores land in another quadrant (counted on the state graph, with one example route).
- *Give-away*: the expert option is the longest text (Dutch) among the available options
  in more than half of the expert route's decisions.
- *Strawman*: a choice whose own effects every sibling beats on both headline axes, that
  saves no effort, with a sibling always offered beside it (judged per situation, linear).
- *A flag typo*: an ending no playthrough reaches while conditions test a flag that no
  choice sets is an error, not a warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from game.engine.findings import ERROR, WARNING, Finding, did_you_mean, hint_with
from game.content.library import Entry
from game.engine.model import HEADLINE_AXES, Choice, Condition, Scenario, Situation
from game.engine import rules
from game.engine.validator import conditions, reachable_from_start

from scoring.analysis import Analysis, analyse
from scoring.scores import score

HIGH_SCORE = 70  # both headline scores at or above this: a route "to both-high scores"

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
            if choice.requires is not None:  # most choices have none: no generator for them
                yield from walk(choice.requires)
        for entry in situation.next:
            if entry.condition is not None:
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
            and all(same_condition(a, b) for a, b in zip(first.parts, second.parts, strict=True)))


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


PAIRWISE_CHOICES = 64  # up to this many choices in a situation every pair is compared; beyond, the Pareto front
MAX_COMPARISONS = 2_000_000  # comparisons of one group of choices on the Pareto front (about 1 s)


def check_dominated(scenario: Scenario) -> list[Finding]:
    """A choice no better than a sibling on any metric and worse on one, with the same consequences."""
    flags_read, chosen_read = _read_in_play(scenario, "flag"), _read_in_play(scenario, "chose")
    found = []
    for situation in scenario.situations.values():
        if len(situation.choices) > PAIRWISE_CHOICES:
            pairs = _dominated_by_front(situation, flags_read, chosen_read)
        else:
            pairs = _dominated_pairwise(situation, flags_read, chosen_read)
        for worse, better, lower in pairs:
            found.append(_warn(
                scenario, worse.line,
                f"choice {situation.id}.{worse.id} is dominated by {situation.id}.{better.id}: "
                f"no better on any metric and worse on {', '.join(lower)} ({_shown(_effects(worse))} "
                f"against {_shown(_effects(better))}), with the same consequences",
                "a tempting choice should win on something (often efficiency, or legality for a strict "
                "route); give it that gain, or remove the choice"))
    return found


Dominated = list[tuple[Choice, Choice, list[str]]]


def _dominated_pairwise(situation: Situation, flags_read: set[str], chosen_read: set[str]) -> Dominated:
    """Each dominated choice with the first sibling (in file order) that dominates it."""
    result = []
    for worse in situation.choices:
        for better in situation.choices:
            if better is worse or not _same_consequences(situation, worse, better, flags_read, chosen_read):
                continue
            lower = worse_on(worse, better)
            if lower is not None:
                result.append((worse, better, lower))
                break
    return result


def _dominated_by_front(situation: Situation, flags_read: set[str], chosen_read: set[str]) -> Dominated:
    """The same answer for a situation with many choices, without comparing every pair.

    Choices are grouped by their consequences (goto, flags read, requires). Within a group a
    dominating choice has a strictly larger sum of effects, and dominance is transitive, so in
    order of falling sum each choice only needs comparing with the undominated ones before it.
    """
    groups: dict[tuple[object, ...], list[Choice]] = {}
    for choice in situation.choices:
        if f"{situation.id}.{choice.id}" in chosen_read:
            continue  # a condition asks whether this one was chosen: nothing stands in for it
        key: tuple[object, ...] = (choice.goto, frozenset(set(choice.set_flags) & flags_read),
                                   frozenset(set(choice.clear_flags) & flags_read), _condition_key(choice.requires))
        groups.setdefault(key, []).append(choice)
    result: Dominated = []
    for group, members in groups.items():
        unconditional = groups.get(group[:3] + (None,), []) if group[3] is not None else []
        result += _front_pass(members, unconditional)
    order = {id(choice): index for index, choice in enumerate(situation.choices)}
    return sorted(result, key=lambda item: order[id(item[0])])


def _front_pass(members: list[Choice], also_better: list[Choice]) -> Dominated:
    """Members dominated by another member or by one of ``also_better`` (which may stand in for any).

    At most ``MAX_COMPARISONS`` comparisons per group (a budget like the analysis's): a
    situation of thousands of choices that all trade one metric against another would
    otherwise still compare nearly every pair; the choices after the budget are not checked.
    """
    candidates = [(choice, True) for choice in members] + [(choice, False) for choice in also_better]
    effects = {id(choice): _effects(choice) for choice, _ in candidates}
    candidates.sort(key=lambda item: -sum(effects[id(item[0])].values()))
    front: list[Choice] = []
    on_front: set[frozenset[tuple[str, float]]] = set()  # one choice per set of effects is enough
    result: Dominated = []
    budget = MAX_COMPARISONS
    for choice, is_member in candidates:
        budget -= len(front)
        if budget < 0:
            break
        mine = effects[id(choice)]
        dominator = next((better for better in front if _dominates(effects[id(better)], mine)), None)
        if dominator is None and frozenset(mine.items()) not in on_front:
            on_front.add(frozenset(mine.items()))
            front.append(choice)
        elif dominator is not None and is_member:
            result.append((choice, dominator, worse_on(choice, dominator) or []))
    return result


def _dominates(better: dict[str, float], worse: dict[str, float]) -> bool:
    """At least as good on every metric and better on one (a metric not named counts as 0)."""
    strictly = False
    for metric in better.keys() | worse.keys():
        difference = better.get(metric, 0) - worse.get(metric, 0)
        if difference < 0:
            return False
        strictly = strictly or difference > 0
    return strictly


def _condition_key(condition: Condition | None) -> tuple[object, ...] | None:
    """A hashable form of a condition, equal exactly when ``same_condition`` holds."""
    if condition is None:
        return None
    return (condition.kind, condition.name, condition.ops, tuple(_condition_key(p) for p in condition.parts))


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
    never_set = _flags_never_set(scenario)
    for ending in scenario.endings.values():
        if ending.id in graph and not analysis.endings.get(ending.id, False):
            if never_set:
                found.append(_unset_flag_error(scenario, ending.id, ending.line, never_set))
                continue
            found.append(_warn(scenario, ending.line,
                               f"ending {ending.id} can never be reached: the conditions on the way never hold", hint))
    for situation_id in analysis.dead_ends:
        situation = scenario.situations[situation_id]
        found.append(_warn(scenario, situation.lines.get("choices", situation.line),
                           f"in some playthroughs no choice of situation {situation_id} is available: "
                           "the player is stuck",
                           "add a choice without requires, or make sure one of the requires always holds here"))
    return found


def _flags_never_set(scenario: Scenario) -> list[str]:
    """Flags that conditions deciding play test but no choice sets (typos, mostly)."""
    set_somewhere = {f for s in scenario.situations.values() for c in s.choices for f in c.set_flags}
    return sorted(_read_in_play(scenario, "flag") - set_somewhere)


def _unset_flag_error(scenario: Scenario, ending_id: str, line: int, never_set: list[str]) -> Finding:
    """An ending no playthrough reaches while conditions test flags no choice sets: an error, not a warning."""
    set_somewhere = {f for s in scenario.situations.values() for c in s.choices for f in c.set_flags}
    suggestion = did_you_mean(never_set[0], set_somewhere)
    return Finding(scenario.path, line or 1, ERROR,
                   f"ending {ending_id} can never be reached: conditions test the flag "
                   f"{', '.join(repr(f) for f in never_set)}, which no choice sets",
                   hint_with(suggestion, "fix the flag's name in the condition or in a choice's set: list"))


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
    """A complete route to both-high scores whose choices use no lever (not where the standard route fits)."""
    if scenario.standard_route_fits:
        return []  # the case says the standard route is the right one here (the 80 %)
    if any(low == high for low, high in analysis.range.values()):
        return []  # a fixed axis is reported on its own; every route would be "high" on it
    route = analysis.route_without_lever(HIGH_SCORE)
    if route is None:
        return []
    replayed = rules.play_route(scenario, route)
    if replayed is None:
        return []
    where, state = replayed
    ending = scenario.endings.get(where)
    scores = score(scenario, analysis, dict(state.metrics))
    return [_warn(scenario, ending.line if ending else scenario.lines.get("endings", 1),
                  f"a route to ending {ending.id if ending else '?'} scores resident {scores.resident} and rules "
                  f"{scores.rules} ({HIGH_SCORE} or more on both) without using any lever: {', '.join(route)}",
                  "the best outcome should need the law turned around: name the lever a choice on this route "
                  "uses (levers: [...]), or lower the scores of this route")]


def fits_budget(scenario: Scenario, budget: int | None = None) -> bool:
    """Whether the analysis of the scenario stays within its budget (``scoring.analysis.MAX_STATES``)."""
    return not analyse(scenario, max_states=budget).approximate


def too_large(scenario: Scenario, analysis: Analysis) -> Finding:
    """The one finding for a scenario whose exploration went over the budget: why, and what to do."""
    return _warn(scenario, scenario.lines.get("situations", 1),
                 f"the scoring checks skipped this scenario: it has {analysis.too_large} because "
                 f"{_why_so_many(scenario)}; its scores cannot be scaled exactly (play still ends, and its "
                 "debrief says the scale is approximate)",
                 "give metrics of your own a smaller range or fewer different effect sizes, read fewer flags in "
                 "conditions, or let choices that go back to an earlier situation stop (requires) after a round")


def _why_so_many(scenario: Scenario) -> str:
    """The likeliest reason a scenario has that many play states, in words."""
    back = _back_edge(scenario)
    if back:
        return (f"choices lead back to an earlier situation ({back[0]} -> {back[1]}), "
                "so every round adds new metric values")
    flags = _read_in_play(scenario, "flag")
    if len(flags) > 8:
        return f"conditions read {len(flags)} flags, and every combination of them is a different state"
    return (f"its {len(scenario.situations)} situations and {len(scenario.metrics)} metrics combine into "
            "that many different metric values")


def _back_edge(scenario: Scenario) -> tuple[str, str] | None:
    """A goto (choice or next) that closes a circle in the situation graph, found without recursion."""
    targets = {s.id: [c.goto for c in s.choices] + [r.goto for r in s.next] for s in scenario.situations.values()}
    state: dict[str, int] = {}
    for root in targets:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(targets[root]))]
        while stack:
            node, todo = stack[-1]
            target = next(todo, None)
            if target is None:
                state[node] = 2
                stack.pop()
            elif target in targets and state.get(target) == 1:
                return node, target
            elif target in targets and target not in state:
                state[target] = 1
                stack.append((target, iter(targets[target])))
    return None


# -- the truth of the scores (issue 10) ------------------------------------------------------

GIVE_AWAY_SHARE = 0.5  # the expert option is the longest in more than this share of decisions: a give-away
GIVE_AWAY_MIN_DECISIONS = 3  # fewer decisions on the expert route say too little


def check_outcome_disagrees(scenario: Scenario, analysis: Analysis) -> list[Finding]:
    """An ending that declares an outcome while routes to it score in another quadrant."""
    from scoring.routes import ending_routes

    found = []
    for summary in ending_routes(scenario, analysis).values():
        example = summary.example
        if not summary.differing or example is None:
            continue
        ending = scenario.endings[summary.ending]
        found.append(_warn(
            scenario, ending.lines.get("outcome", ending.line),
            f'ending {ending.id} declares outcome "{ending.outcome}", but {summary.differing} of its '
            f"{summary.routes} routes score in another quadrant, e.g. {','.join(example.choices)} "
            f'(resident {example.scores.resident}, rules {example.scores.rules}: "{example.quadrant}")',
            "the debrief follows the ending; give the choices on these routes (or the ending, under effects:) "
            "effects that match the story, or let these routes end elsewhere ('omgekeerd analyze --routes "
            "FILE.csv' lists every route)"))
    return found


def expert_longest(scenario: Scenario, analysis: Analysis) -> tuple[int, int, int]:
    """On the expert route: (decisions where its option is the longest text, decisions with a choice, first line).

    Played by the engine's rules (``game.engine.rules``), as a session plays it, without the state machine.
    """
    longest = decisions = 0
    first = 0
    try:
        where, state = rules.begin(scenario)
    except Exception:  # noqa: BLE001 - a case whose start loops is reported by the validator
        return 0, 0, 0
    for choice_id in analysis.expert_route:
        situation = scenario.situations.get(where)
        if situation is None:
            break
        options = [c for c in situation.choices if rules.allows(c, state)]
        expert = next((c for c in options if c.id == choice_id), None)
        if expert is None:
            break
        if len(options) >= 2:
            decisions += 1
            others = max(len(c.text.get("nl")) for c in options if c is not expert)
            if len(expert.text.get("nl")) > others:
                longest += 1
                first = first or expert.line
        try:
            where, state = rules.step(scenario, where, expert, state)
        except Exception:  # noqa: BLE001 - a route that no longer plays ends the count, never validate
            break
    return longest, decisions, first


def check_give_away(scenario: Scenario, analysis: Analysis) -> list[Finding]:
    """The expert option is the longest text on offer in most decisions of the expert route."""
    longest, decisions, first = expert_longest(scenario, analysis)
    if decisions < GIVE_AWAY_MIN_DECISIONS or longest <= GIVE_AWAY_SHARE * decisions:
        return []
    return [_warn(scenario, first,
                  f"the expert option is the longest text in {longest} of {decisions} decisions on the expert "
                  f"route ({round(100 * longest / decisions)} %): experienced players pick it without reading",
                  "give the other options reasons of their own and a similar length, or say the expert option "
                  "more briefly; aim for at most 40 %")]


def _axis_deltas(axes: tuple[list[str], ...], choice: Choice) -> tuple[float, ...]:
    """What a choice's own effects add to each axis's total (``axes``: the metric ids of each axis)."""
    effects = choice.effects
    return tuple(sum(effects.get(m, 0) for m in metrics) for metrics in axes)


def _lowest_but(values: list[float]) -> Callable[[int], float]:
    """For each index, the lowest of ``values`` without that one (from the two lowest: no pairs compared)."""
    first, second = (0, 1) if values[0] <= values[1] else (1, 0)  # the lowest and the next (first wins a tie)
    for index in range(2, len(values)):
        if values[index] < values[first]:
            first, second = index, first
        elif values[index] < values[second]:
            second = index
    return lambda index: values[second] if index == first else values[first]


def _offered_beside(choices: list[Choice]) -> Callable[[Choice], bool]:
    """Whether another choice is offered whenever this one is (no ``requires``, or the same one)."""
    keys = Counter(_condition_key(c.requires) for c in choices)
    free = keys[None]
    return lambda choice: free - (choice.requires is None) > 0 or (
        choice.requires is not None and keys[_condition_key(choice.requires)] > 1)


def check_strawman(scenario: Scenario) -> list[Finding]:
    """A choice that every sibling beats on both headline axes, in every state where it is offered.

    Judged on the choices' own effects. It holds in every state when it holds for all
    siblings and one of them is offered whenever the choice is (no ``requires``, or the same).
    A choice that saves effort (more efficiency than some sibling) tempts, so it is no
    strawman. Linear per situation: each choice is compared with the lowest sibling values only.
    """
    found = []
    axes = tuple(scenario.axis_metrics(axis) for axis in ("resident", "rules", "efficiency"))
    for situation in scenario.situations.values():
        choices = situation.choices
        if len(choices) < 2:
            continue
        deltas = [_axis_deltas(axes, c) for c in choices]
        lowest = [_lowest_but([d[axis] for d in deltas]) for axis in range(3)]
        offered_beside = _offered_beside(choices)
        for index, choice in enumerate(choices):
            resident, rules_delta, efficiency = deltas[index]
            if not (lowest[0](index) > resident and lowest[1](index) > rules_delta
                    and lowest[2](index) >= efficiency and offered_beside(choice)):
                continue
            found.append(_warn(
                scenario, choice.line,
                f"choice {situation.id}.{choice.id} is a strawman: every other choice of {situation.id} scores "
                f"better on both the resident and the rules axis and it saves no effort ({_shown(_effects(choice))})",
                "nobody thoughtful picks it, so it teaches nothing: give it the gain that makes it tempting "
                "(speed, a rule that seems to demand it, less risk), or remove it"))
    return found


STATIC_CHECKS: tuple[StaticCheck, ...] = (check_dominated, check_same_effects, check_unchanged_metrics,
                                          check_unread_flags, check_strawman)
ANALYSED_CHECKS: tuple[AnalysedCheck, ...] = (check_unreachable, check_fixed_axis, check_high_route_without_lever,
                                              check_outcome_disagrees, check_give_away)


def smells(scenario: Scenario, analysis: Analysis | None = None) -> list[Finding]:
    """Every scoring smell of a scenario without errors, sorted by line. Never raises."""
    found: list[Finding] = []
    try:
        for check in STATIC_CHECKS:
            found += check(scenario)
        analysis = analysis or analyse(scenario)
        if analysis.approximate:
            return sorted(set(found + [too_large(scenario, analysis)]), key=lambda f: (f.line, f.severity, f.message))
        for analysed_check in ANALYSED_CHECKS:
            found += analysed_check(scenario, analysis)
    except Exception as exc:  # noqa: BLE001 - the checks must never stop validate; say what happened instead
        problem = f"{type(exc).__name__}: {exc}"
        found.append(_warn(scenario, 1, f"the scoring checks could not finish on this scenario ({problem})",
                           "run 'omgekeerd analyze' on it with OMGEKEERD_DEBUG=1 and report the problem"))
    return sorted(set(found), key=lambda f: (f.line, f.severity, f.message))


def with_smells(entry: Entry) -> list[Finding]:
    """An entry's findings plus its scoring smells (none while it has errors), sorted by line."""
    if not entry.ok or entry.scenario is None:
        return entry.findings
    return sorted(set(entry.findings) | set(smells(entry.scenario)), key=lambda f: (f.line, f.severity, f.message))
