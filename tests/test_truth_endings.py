"""Endings carry the outcome: ``outcome:`` and ``effects:`` on an ending, the verdict, the four questions, the scale."""

from __future__ import annotations

import pytest

from game.engine.session import Session
from scoring.analysis import analyse
from scoring.debrief import build_debrief
from scoring.scores import four_questions, quadrant, scale_word, score

# Two routes from the start (all totals start at 0):
#   bellen -> goed    resident +2, rules +1      (both better than at the start)
#   boete  -> uitzetting: rules +2, trust -1; the ending costs security -3 and efficiency -4
CASE = """
format: 1
id: casus
title: {nl: "Proef", en: "Trial"}
start: melding
situations:
  melding:
    text: {nl: "Er is een melding.", en: "A report."}
    choices:
      - id: bellen
        text: {nl: "Bellen", en: "Call"}
        effects: {ownership: 2, legality: 1, efficiency: 1}
        goto: goed
      - id: boete
        text: {nl: "Boete opleggen", en: "Impose a fine"}
        effects: {legality: 2, trust: -1, efficiency: 2, self_reliance: 1}
        goto: uitzetting
endings:
  goed:
    title: {nl: "Goed", en: "Good"}
    text: {nl: "Het gaat goed.", en: "All is well."}
    outcome: omgekeerd
  uitzetting:
    title: {nl: "Uitzetting", en: "Eviction"}
    text: {nl: "Hij wordt uitgezet.", en: "He is evicted."}
    outcome: OUTCOME
    effects: {security: -3, efficiency: -4, legality: 20}
"""


def case(outcome: str = "stuck") -> str:
    return CASE.replace("OUTCOME", outcome)


def play(scenario, *choices: str) -> Session:
    session = Session(scenario)
    for choice in choices:
        session.choose(choice)
    return session


def test_an_ending_declares_its_outcome_and_its_effects(scenario):
    loaded = scenario(case())
    assert loaded.endings["goed"].outcome == "omgekeerd" and loaded.endings["goed"].effects == {}
    assert loaded.endings["uitzetting"].outcome == "stuck"
    assert loaded.endings["uitzetting"].effects == {"security": -3, "efficiency": -4, "legality": 20}


def test_ending_effects_apply_when_it_is_reached_and_are_clamped(scenario):
    session = play(scenario(case()), "boete")
    assert session.finished and session.ending.id == "uitzetting"
    assert session.metrics["security"] == -3 and session.metrics["efficiency"] == -2
    assert session.metrics["legality"] == 10  # 2 + 20, held at the standard maximum


def test_the_analysis_sees_the_same_ending_effects_as_play(scenario):
    loaded = scenario(case())
    analysis = analyse(loaded)
    assert analysis.end_states() == {("goed", 2, 1), ("uitzetting", -3, 10)}


@pytest.mark.parametrize("written, suggested", [
    ("vastgelopen", "stuck"), ("regels", "rules"), ("lief", "kind"), ("aardig", "kind"), ("omgekeert", "omgekeerd"),
])
def test_an_unknown_outcome_is_an_error_at_its_line_with_a_suggestion(check, written, suggested):
    _, findings = check(case(written))
    errors = [f for f in findings if f.is_error]
    assert len(errors) == 1
    assert errors[0].line == 25
    assert f'unknown outcome "{written}"' in errors[0].message
    assert f'did you mean "{suggested}"?' in errors[0].hint


def test_an_ending_effect_on_an_unknown_metric_is_an_error_at_its_line(check):
    _, findings = check(case().replace("legality: 20}", "legallity: 1}"))
    errors = [f for f in findings if f.is_error]
    assert [(f.line, f.message) for f in errors] == [(26, 'ending uitzetting changes unknown metric "legallity"')]
    assert 'did you mean "legality"?' in errors[0].hint


def test_endings_without_outcome_keep_the_quadrant_of_their_scores(scenario):
    plain = case().replace("    outcome: omgekeerd\n", "").replace("    outcome: stuck\n", "")
    loaded = scenario(plain)
    debrief = build_debrief(play(loaded, "boete"))
    assert not debrief.outcome_declared
    assert debrief.quadrant == debrief.score_quadrant == "rules"


def test_the_verdict_is_the_declared_outcome_and_the_scores_stay_computed(scenario):
    loaded = scenario(case())
    debrief = build_debrief(play(loaded, "boete"))
    assert debrief.quadrant == "stuck"  # what the story says
    assert debrief.score_quadrant == "rules"  # what the two numbers alone say (rules 100, resident 0)
    assert (debrief.scores.resident, debrief.scores.rules) == (0, 100)
    assert debrief.scores_differ


def test_a_stuck_ending_never_answers_yes_to_right_solution_or_efficient(scenario):
    loaded = scenario(case().replace("{security: -3, efficiency: -4, legality: 20}", "{security: 3}"))
    session = play(loaded, "boete")
    assert session.metrics["efficiency"] == 2 and session.metrics["security"] == 3  # both went up
    verdicts = {q.id: q.verdict for q in four_questions(loaded, session.metrics, "stuck")}
    assert verdicts["right_solution"] == "no" and verdicts["efficient"] == "no"
    assert verdicts["allowed"] == "partly"  # legality up, justification unchanged
    undeclared = {q.id: q.verdict for q in four_questions(loaded, session.metrics)}
    assert undeclared["right_solution"] == "yes" and undeclared["efficient"] == "yes"
    assert {q.id: q.verdict for q in build_debrief(session).questions} == verdicts


def test_efficient_weighs_what_the_ending_costs(scenario):
    loaded = scenario(case("rules"))
    session = play(loaded, "boete")  # efficiency +2 by the choice, -4 by the eviction
    verdicts = {q.id: q.verdict for q in four_questions(loaded, session.metrics, "rules")}
    assert verdicts["efficient"] == "no"


def test_own_metrics_take_part_in_the_questions_of_their_axis(scenario):
    own = case().replace("start: melding\n", "start: melding\nmetrics:\n  kosten: {axis: efficiency, start: 0}\n"
                         "  huisvesting: {axis: resident, start: 0}\n")
    own = own.replace("effects: {ownership: 2, legality: 1, efficiency: 1}",
                      "effects: {ownership: 2, legality: 1, efficiency: 1, kosten: -1, huisvesting: 1}")
    loaded = scenario(own)
    questions = {q.id: q for q in four_questions(loaded, play(loaded, "bellen").metrics)}
    assert questions["efficient"].changes == {"efficiency": 1, "kosten": -1}
    assert questions["efficient"].verdict == "partly"
    assert questions["right_solution"].changes == {"self_reliance": 0, "security": 0, "huisvesting": 1}
    assert "kosten" not in questions["allowed"].changes


def test_fifty_is_where_the_case_began_and_each_side_is_stretched_on_its_own(scenario):
    loaded = scenario(case("rules"))
    analysis = analyse(loaded)
    assert analysis.start == {"resident": 0, "rules": 0}
    assert score(loaded, analysis, Session(loaded).metrics).resident == 50
    good = score(loaded, analysis, play(loaded, "bellen").metrics)
    assert (good.resident, good.rules) == (100, 55)  # rules +1 of a best +10: just better than at the start
    assert quadrant(good) == "omgekeerd"
    assert build_debrief(play(loaded, "bellen")).trajectory == [(50, 50), (100, 55)]


def test_a_total_equal_to_the_start_is_fifty_and_not_high(scenario):
    loaded = scenario(case("rules").replace("effects: {ownership: 2, legality: 1, efficiency: 1}",
                                            "effects: {ownership: 2}"))
    result = score(loaded, analyse(loaded), play(loaded, "bellen").metrics)
    assert result.rules == 50 and quadrant(result) == "kind"


def test_a_total_just_above_the_start_never_shows_fifty(scenario):
    extreme = case("rules").replace("legality: 20}", "legality: 20}").replace(
        "metrics", "metrics").replace("start: melding\n", "start: melding\nmetrics:\n  legality: {max: 1000}\n")
    loaded = scenario(extreme.replace("legality: 20}", "legality: 900}"))
    result = score(loaded, analyse(loaded), play(loaded, "bellen").metrics)
    assert result.rules == 51  # +1 of a best +902 rounds to 50, but it is better than the start


def test_one_extreme_route_does_not_shift_the_labels_of_the_others(scenario):
    loaded = scenario(case("rules"))
    before = quadrant(score(loaded, analyse(loaded), play(loaded, "bellen").metrics))
    stretched = scenario(case("rules").replace("{security: -3, efficiency: -4, legality: 20}",
                                               "{security: -10, trust: -10, ownership: -10}"))
    after = quadrant(score(stretched, analyse(stretched), play(stretched, "bellen").metrics))
    assert before == after == "omgekeerd"


@pytest.mark.parametrize("value, word", [(100, "much_better"), (80, "much_better"), (79, "better"), (51, "better"),
                                         (50, "same"), (49, "worse"), (21, "worse"), (20, "much_worse"),
                                         (0, "much_worse")])
def test_every_score_has_words(value, word):
    assert scale_word(value) == word


def test_the_text_debrief_says_what_the_numbers_mean_and_that_the_story_decides(scenario):
    import io

    from game.render.terminal import TextScreen
    from game.render.terminal_debrief import show_debrief

    loaded = scenario(case())
    out = io.StringIO()
    show_debrief(TextScreen(out, "nl"), build_debrief(play(loaded, "boete")))
    text = " ".join(out.getvalue().split())
    assert "Bewonersgericht: 0/100, veel slechter dan bij het begin" in text
    assert "50 is hoe de zaak begon." in text
    assert "Vastgelopen" in text
    assert "Je scores alleen zouden passen bij: Regelvast." in text


def test_the_expert_route_never_ends_in_an_ending_the_case_calls_a_failure(scenario):
    # the route with the best scores ends in "uitzetting"; declared stuck, it is not the example to follow
    loaded = scenario(case().replace("{security: -3, efficiency: -4, legality: 20}", "{ownership: 10, legality: 20}"))
    assert analyse(loaded).expert_route == ["bellen"]
    undeclared = scenario(case().replace("    outcome: OUTCOME\n", "").replace("    outcome: stuck\n", "")
                          .replace("{security: -3, efficiency: -4, legality: 20}", "{ownership: 10, legality: 20}"))
    assert analyse(undeclared).expert_route == ["boete"]
