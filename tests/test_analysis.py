"""Analysis and scoring on a small scenario whose playthroughs are known by hand."""

from __future__ import annotations

import pytest

from game.engine.session import Session
from scoring.analysis import analyse
from scoring.debrief import build_debrief
from scoring.scores import four_questions, quadrant, score

# Four playthroughs:
#   luisteren, toetsen   -> goed      resident 4, rules 3   (the expert route)
#   luisteren, gunnen    -> lief      resident 5, rules -2
#   regel, toetsen       -> streng    resident 0, rules 4
#   regel, gunnen        -> hidden: gunnen requires trust >= 1, so regel leads only to toetsen
# plus 'weglopen' from the start straight to 'vast': resident -3, rules -2.
CASE = """
format: 1
id: bekend
title: {nl: "Bekend"}
start: vraag
metrics:
  trust: {min: -2, max: 3}
situations:
  vraag:
    text: {nl: "Wat doe je?"}
    choices:
      - id: luisteren
        text: {nl: "Luisteren"}
        effects: {trust: 2, ownership: 1}
        goto: besluit
      - id: regel
        text: {nl: "Regel toepassen"}
        effects: {trust: -1, legality: 1}
        thinking: [rule]
        missed_levers: [pw-18]
        goto: besluit
      - id: weglopen
        text: {nl: "Weglopen"}
        effects: {trust: -5, legality: -1, justification: -1, ownership: -1}
        thinking: [efficiency]
        goto: vast
  besluit:
    text: {nl: "Besluit."}
    choices:
      - id: toetsen
        text: {nl: "Toetsen aan de wet"}
        effects: {legality: 2, justification: 1, security: 1}
        levers: [pw-18]
        goto: uitkomst
      - id: gunnen
        text: {nl: "Gewoon geven"}
        requires: {metric: trust, gte: 1}
        effects: {security: 2, legality: -1, justification: -1}
        goto: uitkomst
  uitkomst:
    next:
      - {if: {chose: besluit.gunnen}, goto: lief}
      - {if: {metric: trust, gte: 1}, goto: goed}
      - {goto: streng}
endings:
  goed: {title: {nl: "Goed"}, text: {nl: "Goed."}}
  lief: {title: {nl: "Lief"}, text: {nl: "Lief."}}
  streng: {title: {nl: "Streng"}, text: {nl: "Streng."}}
  vast: {title: {nl: "Vast"}, text: {nl: "Vast."}}
  nooit: {title: {nl: "Nooit"}, text: {nl: "Nooit."}}
"""


@pytest.fixture
def known(scenario):
    unused = "\n  ongebruikt:\n    text: {nl: x}\n    choices: [{id: a, text: a, goto: nooit}]"
    hidden = "\n      - {id: verborgen_pad, text: {nl: x}, requires: {flag: nooit_gezet}, goto: ongebruikt}"
    return scenario(CASE.replace("      - {goto: streng}", "      - {goto: streng}" + unused)
                    .replace("        goto: vast\n", "        goto: vast" + hidden + "\n"))


def test_analysis_finds_every_playthrough_and_the_ranges(known):
    analysis = analyse(known)
    assert analysis.playthroughs == 4
    assert analysis.range == {"resident": (-3, 5), "rules": (-2, 4)}
    assert analysis.endings == {"goed": True, "lief": True, "streng": True, "vast": True, "nooit": False}
    assert "ongebruikt" not in analysis.situations
    assert "vraag.verborgen_pad" not in analysis.choices_taken


def test_end_states_are_each_ending_with_its_axis_totals(known):
    assert analyse(known).end_states() == {("goed", 4, 3), ("lief", 5, -2), ("streng", 0, 4), ("vast", -3, -2)}


def test_expert_route_maximises_the_lower_score(known):
    analysis = analyse(known)
    assert analysis.expert_route == ["luisteren", "toetsen"]
    assert analysis.expert_ending == "goed"
    assert (analysis.expert_scores.resident, analysis.expert_scores.rules) == (90, 88)


def play(scenario, *choices):
    session = Session(scenario)
    for choice in choices:
        session.choose(choice)
    return session


@pytest.mark.parametrize("choices, ending, scores, kind", [
    (("luisteren", "toetsen"), "goed", (90, 88), "omgekeerd"),
    (("luisteren", "gunnen"), "lief", (100, 0), "kind"),
    (("regel", "toetsen"), "streng", (50, 100), "rules"),  # resident total as at the start: 50, not high
    (("weglopen",), "vast", (0, 0), "stuck"),
])
def test_scores_and_quadrants_of_every_route(known, choices, ending, scores, kind):
    analysis = analyse(known)
    session = play(known, *choices)
    result = score(known, analysis, session.metrics)
    assert session.ending.id == ending
    assert (result.resident, result.rules) == scores
    assert quadrant(result) == kind


def test_four_questions(known):
    verdicts = {q.id: q.verdict for q in four_questions(known, play(known, "luisteren", "toetsen").metrics)}
    assert verdicts == {"involved": "yes", "right_solution": "partly", "efficient": "partly", "allowed": "yes"}
    verdicts = {q.id: q.verdict for q in four_questions(known, play(known, "weglopen").metrics)}
    assert verdicts == {"involved": "no", "right_solution": "partly", "efficient": "partly", "allowed": "no"}


def test_debrief_for_a_rule_route(known):
    session = play(known, "regel", "toetsen")
    debrief = build_debrief(session, player_background="handhaving")
    assert debrief.quadrant == "rules"
    assert debrief.trajectory == [(50, 50), (33, 63), (50, 100)]  # 50 is where the case began
    assert [t.id for t in debrief.thinking] == ["rule"]
    assert debrief.thinking[0].choices[0][0] == "vraag.regel"
    assert [lever.id for lever in debrief.levers_used] == ["pw-18"]
    assert session.levers_missed == ["pw-18"]
    assert debrief.levers_missed == []  # missed at first, used later: the debrief lists it as used
    assert [step.choice for step in debrief.expert_route] == ["luisteren", "toetsen"]
    assert not debrief.follows_expert
    alternatives = {alt_id: available for alt_id, _text, available in debrief.route[1].alternatives}
    assert alternatives == {"gunnen": False}
    assert debrief.ending_id == "streng"


def test_a_scenario_with_millions_of_playthroughs(scenario):
    layers = 22
    lines = ["format: 1", "id: breed", "title: {nl: Breed}", "start: s0", "situations:"]
    for i in range(layers):
        target = f"s{i + 1}" if i + 1 < layers else "einde"
        lines += [f"  s{i}:", "    text: {nl: x}", "    choices:",
                  f"      - {{id: a, text: a, effects: {{trust: 1}}, goto: {target}}}",
                  f"      - {{id: b, text: b, effects: {{legality: 1}}, goto: {target}}}"]
    lines += ["endings:", "  einde: {title: {nl: e}, text: {nl: e}}"]
    analysis = analyse(scenario("\n".join(lines) + "\n"))
    assert analysis.playthroughs == 2 ** layers
    assert analysis.range == {"resident": (0, 10), "rules": (0, 10)}


def test_quadrants_reachable_and_high_routes_need_a_lever(known, scenario):
    analysis = analyse(known)
    assert analysis.quadrants() == {"omgekeerd", "kind", "rules", "stuck"}
    assert analysis.route_without_lever(70) is None
    without = scenario(CASE.replace("        levers: [pw-18]\n", ""))
    assert analyse(without).route_without_lever(70) == ["luisteren", "toetsen"]
