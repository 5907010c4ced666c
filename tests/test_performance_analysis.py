"""The compact analysis finds exactly what a straightforward walk over ``game.engine.rules`` finds, on every library scenario."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from game.content.library import catalogue_for, check_file
from game.engine import rules
from game.engine.model import Condition, Scenario
from scoring.analysis import analyse, axis_totals

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in (ROOT / "scenarios").glob("*.yaml") if p.name != "levers.yaml") + \
    sorted((ROOT / "scenarios" / "examples").glob("*.yaml"))


def read_names(scenario: Scenario) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Flags, visited situations and choices some condition reads."""
    found: dict[str, set[str]] = {"flag": set(), "visited": set(), "chose": set()}

    def walk(condition: Condition | None) -> None:
        if condition is not None:
            found.get(condition.kind, set()).add(condition.name)
            for part in condition.parts:
                walk(part)

    for situation in scenario.situations.values():
        for choice in situation.choices:
            walk(choice.requires)
        for entry in situation.next:
            walk(entry.condition)
    return frozenset(found["flag"]), frozenset(found["visited"]), frozenset(found["chose"])


def reference(scenario: Scenario) -> dict[str, object]:
    """Every play state by a plain recursive walk of rules.begin/rules.step, memoised on the engine's State."""
    flags, visited, chosen = read_names(scenario)
    metric_ids = list(scenario.metrics)

    def key(where: str, state: rules.State) -> tuple[object, ...]:
        values = tuple(state.metrics[m] for m in metric_ids)
        if where in scenario.endings:
            return ("end", where, values)
        return (where, values, state.flags & flags, state.visited & visited, state.chosen & chosen)

    seen = {scenario.start}

    def follow(situation, index, state):  # type: ignore[no-untyped-def]
        where, after = rules.hop(scenario, situation, index, state)
        seen.add(where)
        return where, after

    memo: dict[tuple[object, ...], tuple[int, frozenset[tuple[str, float, float]]]] = {}
    taken: set[str] = set()
    dead: set[str] = set()

    def walk(where: str, state: rules.State) -> tuple[int, frozenset[tuple[str, float, float]]]:
        here = key(where, state)
        if here in memo:
            return memo[here]
        if where in scenario.endings:
            memo[here] = (1, frozenset({(where, *axis_totals(scenario, dict(state.metrics)))}))
            return memo[here]
        memo[here] = (0, frozenset())  # none of the library scenarios is cyclic
        count, ends = 0, frozenset()
        situation = scenario.situations[where]
        allowed = [c for c in situation.choices if rules.allows(c, state)]
        if not allowed:
            dead.add(where)
        for choice in allowed:
            taken.add(rules.chosen_key(where, choice.id))
            seen.add(choice.goto)
            n, e = walk(*rules.step(scenario, where, choice, state, follow))
            count, ends = count + n, ends | e
        memo[here] = (count, ends)
        return memo[here]

    count, ends = walk(*rules.begin(scenario, follow))
    residents = [r for _e, r, _l in ends] or [0.0]
    rule_totals = [r for _e, _r, r in ends] or [0.0]
    return {"playthroughs": count, "end_states": set(ends), "states": len(memo),
            "range": {"resident": (min(residents), max(residents)), "rules": (min(rule_totals), max(rule_totals))},
            "situations": [s for s in scenario.situations if s in seen], "choices_taken": taken,
            "dead_ends": sorted(dead), "endings": {e: any(end == e for end, _r, _l in ends) for e in scenario.endings}}


@cache
def loaded(path: Path) -> Scenario | None:
    entry = check_file(path, catalogue_for(path)[0])
    return entry.scenario if entry.ok else None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_compact_analysis_agrees_with_a_plain_walk(path: Path) -> None:
    scenario = loaded(path)
    if scenario is None:
        pytest.skip("the scenario has errors right now")
    analysis, expected = analyse(scenario), reference(scenario)
    assert not analysis.approximate and not analysis.cyclic
    assert analysis.playthroughs == expected["playthroughs"]
    assert analysis.end_states() == expected["end_states"]
    assert analysis.states == expected["states"]
    assert analysis.range == expected["range"]
    assert analysis.situations == expected["situations"]
    assert analysis.choices_taken == expected["choices_taken"]
    assert analysis.dead_ends == expected["dead_ends"]
    assert analysis.endings == expected["endings"]


@pytest.mark.parametrize("path", FILES[:3], ids=lambda p: p.stem)
def test_the_expert_route_replays_to_its_scores(path: Path) -> None:
    from game.engine.session import Session

    scenario = loaded(path)
    if scenario is None:
        pytest.skip("the scenario has errors right now")
    analysis = analyse(scenario)
    session = Session.replay(scenario, analysis.expert_route)
    assert session.finished and session.ending is not None and session.ending.id == analysis.expert_ending
    assert analysis.expert_scores == analysis.scores(*axis_totals(scenario, dict(session.metrics)))


def test_one_exploration_per_scenario_and_budget() -> None:
    scenario = loaded(FILES[0])
    if scenario is None:
        pytest.skip("the scenario has errors right now")
    first = analyse(scenario)
    assert analyse(scenario) is first  # the budget pass of validate and the analysis share one exploration
    assert analyse(scenario, max_states=first.states) is first
    assert analyse(scenario, max_states=first.states - 1).approximate  # a smaller budget explores again
