"""Sessions: conditions, next routing, clamping, flags, dossier, epilogues, undo and save/replay.

Every playthrough runs twice: directly, and through a JSON round trip of the session.
"""

from __future__ import annotations

import json

import pytest

from game.engine.machine import MachineError, Play, fire
from game.engine.session import ChoiceRefused, ReplayError, Session
from game.render.conditions import refusal_text, unavailable_reason

CASE = """
format: 1
id: toets
title: {nl: "Toets", en: "Test"}
start: begin
metrics:
  trust: {start: 1}
  geld: {label: {nl: "Geld"}, start: 5, min: 0, max: 10}
dossier:
  - {id: open, title: {nl: "Open"}, text: {nl: "Open stuk."}}
  - {id: later, title: {nl: "Later"}, text: {nl: "Later stuk."}, available: unlocked}
situations:
  begin:
    text: {nl: "Begin.", en: "Start."}
    choices:
      - id: rijk
        text: {nl: "Rijk"}
        effects: {geld: 20, trust: 1}
        set: [rijk, tijdelijk]
        thinking: [rule, efficiency]
        levers: [pw-18]
        missed_levers: [awb-3-4]
        feedback: {nl: "Veel geld.", en: "Much money."}
        goto: midden
      - id: arm
        text: {nl: "Arm"}
        effects: {geld: -20, trust: -5}
        thinking: [rule]
        goto: midden
  midden:
    text: {nl: "Midden."}
    unlocks: [later]
    choices:
      - id: metric_gte
        text: {nl: "Vertrouwen"}
        requires: {metric: trust, gte: 2}
        requires_text: {nl: "Eerst vertrouwen winnen.", en: "Win trust first."}
        clear: [tijdelijk]
        levers: [pw-18, awb-3-4]
        goto: vlag
      - id: verborgen
        text: {nl: "Verborgen"}
        requires: {metric: geld, eq: 0}
        hidden_unless_met: true
        goto: vlag
      - id: altijd
        text: {nl: "Altijd"}
        requires: {not: {flag: onmogelijk}}
        goto: vlag
      - id: weinig
        text: {nl: "Weinig geld"}
        requires: {metric: geld, lte: 0, gte: 0}
        goto: vlag
      - id: samengesteld
        text: {nl: "Samengesteld"}
        requires: {all: [{visited: begin}, {any: [{chose: begin.arm}, {metric: geld, lt: 3}]}]}
        goto: vlag
  vlag:
    next:
      - {if: {flag: tijdelijk}, goto: tussen}
      - {if: {metric: geld, gt: 9}, goto: rijk_einde}
      - {goto: arm_einde}
  tussen:
    text: {nl: "Tussen."}
    next:
      - {goto: rijk_einde}
endings:
  rijk_einde:
    title: {nl: "Rijk einde"}
    text: {nl: "Zes maanden later."}
    epilogue:
      - {if: {flag: rijk}, text: {nl: "Je koos rijk."}}
      - {if: {chose: midden.altijd}, text: {nl: "Je koos altijd."}}
      - {text: {nl: "Altijd getoond."}}
  arm_einde:
    title: {nl: "Arm einde"}
    text: {nl: "Zes maanden later, arm."}
"""


def why_not(session: Session, choice_id: str, lang: str) -> str:
    """The text a player sees for why a shown choice is not available."""
    option = {o.id: o for o in session.choices}[choice_id]
    assert not option.available
    return unavailable_reason(option, session.scenario).get(lang)


@pytest.fixture(params=["direct", "json"])
def play(request, scenario):
    """Play choices on a fresh session; the 'json' variant restores from a saved JSON each step."""
    loaded = scenario(CASE)

    def _play(*choice_ids: str) -> Session:
        session = Session(loaded)
        for choice_id in choice_ids:
            if request.param == "json":
                session = Session.from_json(json.dumps(json.loads(session.to_json())), loaded)
            session.choose(choice_id)
        if request.param == "json":
            session = Session.from_json(session.to_json(), loaded)
        return session

    return _play


def test_effects_are_clamped_to_min_and_max(play):
    assert play("rijk").metrics["geld"] == 10
    assert play("arm").metrics["geld"] == 0
    assert play("arm").metrics["trust"] == -4
    assert play("arm").metrics["ownership"] == 0


def test_metric_condition_and_requires_text(play):
    options = {o.id: o for o in play("arm").choices}
    assert not options["metric_gte"].available
    assert why_not(play("arm"), "metric_gte", "en") == "Win trust first."
    assert {o.id: o.available for o in play("rijk").choices}["metric_gte"]


def test_hidden_unless_met_and_generated_reason(play):
    assert "verborgen" not in [o.id for o in play("rijk").choices]
    assert "verborgen" in [o.id for o in play("arm").choices]
    assert why_not(play("rijk"), "samengesteld", "nl").startswith("Kan pas als:")


def test_not_all_any_visited_and_chose(play):
    options = {o.id: o.available for o in play("arm").choices}
    assert options["altijd"] and options["samengesteld"]


def test_metric_condition_with_two_comparisons(play):
    assert {o.id: o.available for o in play("arm").choices}["weinig"]
    assert why_not(play("rijk"), "weinig", "nl") == "Kan pas als: geld ≤ 0 en geld ≥ 0"


def test_flags_set_and_clear_route_next(play):
    session = play("rijk", "altijd")
    assert session.flags == {"rijk", "tijdelijk"}
    assert session.path == ["begin", "midden", "vlag", "tussen"]
    assert session.ending.id == "rijk_einde"
    session = play("rijk", "metric_gte")
    assert session.flags == {"rijk"}
    assert session.path == ["begin", "midden", "vlag"]
    assert session.ending.id == "rijk_einde"
    assert play("arm", "altijd").ending.id == "arm_einde"


def test_epilogue_follows_conditions(play):
    texts = [t.get("nl") for t in play("rijk", "altijd").epilogue]
    assert texts == ["Je koos rijk.", "Je koos altijd.", "Altijd getoond."]
    assert [t.get("nl") for t in play("rijk", "metric_gte").epilogue] == ["Je koos rijk.", "Altijd getoond."]


def test_dossier_unlocks(play):
    assert [d.id for d in play().documents] == ["open"]
    assert [d.id for d in play("rijk").documents] == ["open", "later"]


def test_tallies_of_thinking_errors_and_levers(play):
    session = play("rijk", "metric_gte")
    assert session.thinking == {"rule": 1, "efficiency": 1}
    assert session.levers_used == ["pw-18", "awb-3-4"]
    assert session.levers_missed == ["awb-3-4"]


def test_feedback_and_language_fallback(scenario):
    session = Session(scenario(CASE))
    step = session.choose("rijk")
    assert step.feedback.get("en") == "Much money."
    assert step.unlocked == ("later",)
    assert session.situation.text.get("en") == "Midden."  # no English: Dutch


def test_refused_choices_say_why(scenario):
    session = Session(scenario(CASE))
    session.choose("arm")
    with pytest.raises(ChoiceRefused) as unavailable:
        session.choose("metric_gte")
    assert unavailable.value.code == "unavailable" and unavailable.value.situation_id == "midden"
    assert refusal_text(unavailable.value, session.scenario, "nl") == "Nu niet mogelijk. Eerst vertrouwen winnen."
    with pytest.raises(ChoiceRefused) as unknown:
        session.choose("bestaat_niet")
    assert unknown.value.code == "no_such_choice"
    assert refusal_text(unknown.value, session.scenario, "en") == (
        'situation "midden" has no choice "bestaat_niet" '
        "(choices here: metric_gte, verborgen, altijd, weinig, samengesteld)")
    assert session.choice_ids == ["arm"]
    session.choose("altijd")
    with pytest.raises(ChoiceRefused) as ended:
        session.choose("altijd")
    assert ended.value.code == "ended"
    assert refusal_text(ended.value, session.scenario, "nl") == "Het spel is al afgelopen."


def test_undo_takes_back_the_last_choice(scenario):
    session = Session(scenario(CASE))
    session.choose("rijk")
    session.choose("altijd")
    assert session.finished
    session.undo()
    assert not session.finished and session.situation.id == "midden"
    assert session.choice_ids == ["rijk"] and session.metrics["geld"] == 10


def test_save_is_scenario_hash_and_choices(scenario):
    loaded = scenario(CASE)
    session = Session(loaded)
    session.choose("rijk")
    saved = session.to_dict()
    assert saved == {"save_version": 1, "scenario": "toets", "content_hash": loaded.content_hash, "choices": ["rijk"]}


def test_replay_names_the_choice_that_no_longer_fits(scenario):
    loaded = scenario(CASE)
    with pytest.raises(ReplayError) as caught:
        Session.replay(loaded, ["arm", "metric_gte"])
    assert caught.value.index == 1 and caught.value.choice_id == "metric_gte"
    assert caught.value.reason == "unavailable" and caught.value.refused.situation_id == "midden"
    assert refusal_text(caught.value.refused, loaded, "en") == "Not possible now. Win trust first."
    with pytest.raises(ValueError, match="not a saved"):
        Session.from_json("[1, 2]", loaded)
    with pytest.raises(ValueError, match="version 99"):
        Session.from_dict({"save_version": 99, "scenario": "toets", "choices": []}, loaded)


def test_machine_refuses_an_invalid_trigger(scenario):
    loaded = scenario(CASE)
    play = Play(loaded)
    fire(play, "begin.rijk")
    assert play.situation == "midden"
    with pytest.raises(MachineError):
        fire(play, "begin.rijk")  # a choice of another situation
    with pytest.raises(MachineError):
        fire(play, "to_arm_einde")  # no auto transitions
    with pytest.raises(MachineError):
        fire(play, "midden.verborgen")  # its condition (geld = 0) does not hold
    assert play.situation == "midden"


def test_speaker_name_may_be_given_per_language(scenario):
    loaded = scenario(CASE.replace('    text: {nl: "Begin.", en: "Start."}',
                                   '    speaker: colleague\n'
                                   '    speaker_name: {nl: "Bas (werkconsulent)", en: "Bas (work coach)"}\n'
                                   '    text: {nl: "Begin.", en: "Start."}'))
    situation = Session(loaded).situation
    assert situation.speaker_label("en") == "Bas (work coach)"
    assert situation.speaker_label("nl") == "Bas (werkconsulent)" == situation.speaker_name
