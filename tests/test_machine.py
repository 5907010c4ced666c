"""The state machine is the play: sessions move only by firing its triggers, and agree with the analysis.

A random walk (hypothesis) through every library scenario ends in an ending and with axis
totals that the analysis of that scenario reports; the analysis walks the compiled table
without firing a trigger; one loop guard stops ``next`` routes that never end.
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT, catalogue
from game.content.library import check_file
from game.engine import machine
from game.engine.model import Scenario
from game.engine.rules import RouteLoop
from game.engine.session import ChoiceRefused, Session
from scoring.analysis import Analysis, analyse, axis_totals

CASE = """
format: 1
id: machine
title: {nl: "Machine"}
start: begin
metrics:
  geld: {label: {nl: "Geld"}, start: 5, min: 0, max: 10}
situations:
  begin:
    text: {nl: "Begin."}
    choices:
      - {id: rijk, text: {nl: "Rijk"}, effects: {geld: 3}, goto: midden}
      - {id: arm, text: {nl: "Arm"}, effects: {geld: -3}, goto: midden}
  midden:
    text: {nl: "Midden."}
    choices:
      - {id: sparen, text: {nl: "Sparen"}, requires: {metric: geld, gte: 6}, goto: weg}
      - {id: lenen, text: {nl: "Lenen"}, goto: weg}
  weg:
    next:
      - {if: {metric: geld, gte: 8}, goto: goed}
      - {goto: matig}
endings:
  goed: {title: {nl: "Goed"}, text: {nl: "Goed."}}
  matig: {title: {nl: "Matig"}, text: {nl: "Matig."}}
"""


# -- the machine holds the state ------------------------------------------------------------------

def test_a_trigger_that_does_nothing_leaves_the_session_where_it_started(scenario, monkeypatch):
    loaded = scenario(CASE)
    monkeypatch.setattr(machine, "fire", lambda play, trigger: None)
    session = Session(loaded)
    session.choose("rijk")
    assert session.situation is not None and session.situation.id == "begin"
    assert session.metrics["geld"] == 5  # the effects are the machine's callbacks: not applied either
    assert not session.finished and session.path == ["begin"]


def test_the_session_reports_what_the_machine_did(scenario, monkeypatch):
    loaded = scenario(CASE)
    real_fire = machine.fire

    def swapped(play: machine.Play, trigger: str) -> None:
        real_fire(play, "begin.arm" if trigger == "begin.rijk" else trigger)

    monkeypatch.setattr(machine, "fire", swapped)
    session = Session(loaded)
    session.choose("rijk")
    assert session.situation is not None and session.situation.id == "midden"
    assert session.metrics["geld"] == 2
    assert not {o.id: o.available for o in session.choices}["sparen"]


def test_availability_comes_from_the_machine(scenario, monkeypatch):
    loaded = scenario(CASE)
    monkeypatch.setattr(machine, "may_fire", lambda play, trigger: False)
    session = Session(loaded)
    assert [o.available for o in session.choices] == [False, False]
    with pytest.raises(ChoiceRefused) as refused:
        session.choose("rijk")
    assert refused.value.code == "unavailable"
    assert session.situation is not None and session.situation.id == "begin"


def test_next_routes_are_followed_by_firing_their_trigger(scenario):
    session = Session(scenario(CASE))
    session.choose("rijk")
    session.choose("sparen")
    assert session.ending is not None and session.ending.id == "goed"
    assert session.path == ["begin", "midden", "weg"]
    assert Session.replay(session.scenario, ["arm", "lenen"]).ending.id == "matig"


def test_one_machine_per_scenario_with_our_own_callables(scenario):
    loaded = scenario(CASE)
    built = machine.machine_for(loaded)
    assert machine.machine_for(loaded) is built
    assert set(built.events) == {"begin.rijk", "begin.arm", "midden.sparen", "midden.lenen", "weg:next"}
    for event in built.events.values():
        for transition in (t for ts in event.transitions.values() for t in ts):
            callbacks = [c.func for c in transition.conditions] + transition.before + transition.after
            assert callbacks and all(callable(c) and not isinstance(c, str) for c in callbacks)


def test_the_analysis_walks_the_table_without_firing(scenario, monkeypatch):
    loaded = scenario(CASE)

    def refuse(play: machine.Play, trigger: str) -> None:
        raise AssertionError("the analysis fired a trigger")

    monkeypatch.setattr(machine, "fire", refuse)
    analysis = analyse(loaded)
    assert analysis.playthroughs == 3 and analysis.endings == {"goed": True, "matig": True}


def test_one_loop_guard_for_next_routes_without_end(check):
    loaded, _findings = check("""
format: 1
id: rondje
title: {nl: "Rondje"}
start: a
situations:
  a:
    text: {nl: "A."}
    choices:
      - {id: door, text: {nl: "Door"}, goto: b}
  b:
    next:
      - {goto: c}
  c:
    next:
      - {goto: b}
endings:
  einde: {title: {nl: "Einde"}, text: {nl: "Einde."}}
""")
    assert loaded is not None
    session = Session(loaded)
    with pytest.raises(RouteLoop):
        session.choose("door")
    with pytest.raises(RouteLoop):
        analyse(loaded)


def test_the_engine_imports_no_text_renderer_or_scoring():
    code = ("import sys, game.engine.session, game.engine.machine, game.engine.rules; "
            "print(sorted(m for m in sys.modules if m.split('.')[:2] in "
            "(['game', 'render'], ['game', 'i18n'], ['game', 'ui'], ['game', 'store'], ['game', 'cli']) "
            "or m.split('.')[0] in ('scoring', 'pygame')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# -- random walks agree with the analysis ---------------------------------------------------------

LIBRARY = sorted(p for p in (ROOT / "scenarios").glob("*.yaml") if p.name != "levers.yaml")
FILES = LIBRARY + sorted(EXAMPLES.glob("*.yaml"))
MAX_CHOICES = 80  # a walk through a cyclic scenario stops here
MAX_UNDOS = 3  # choices taken back during one walk


@cache
def loaded_and_analysed(path: Path) -> tuple[Scenario, Analysis]:
    entry = check_file(path, catalogue())
    assert entry.ok and entry.scenario is not None, entry.findings
    return entry.scenario, analyse(entry.scenario)


def test_the_library_is_walked():
    assert len(LIBRARY) >= 10 and len(FILES) > len(LIBRARY)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_random_walk_ends_as_the_analysis_says(path: Path, data: st.DataObject) -> None:
    scenario, analysis = loaded_and_analysed(path)
    session = Session(scenario)
    undos = 0
    for _ in range(MAX_CHOICES):
        if session.finished:
            break
        options = [o for o in session.choices if o.available]
        if not options:
            assert session.situation is not None and session.situation.id in analysis.dead_ends
            return
        if session.history and undos < MAX_UNDOS and data.draw(st.integers(0, 9), label="undo when 0") == 0:
            session.undo()
            undos += 1
            options = [o for o in session.choices if o.available]  # where the last choice was made
        option = data.draw(st.sampled_from(options), label="choice")
        session.choose(option.id)
    if not session.finished:
        assert analysis.cyclic
        return
    ending = session.ending
    assert ending is not None
    resident, rules = axis_totals(scenario, session.metrics)
    assert (ending.id, resident, rules) in analysis.end_states()
    restored = Session.from_json(session.to_json(), scenario)
    assert restored.ending == ending and restored.metrics == session.metrics
