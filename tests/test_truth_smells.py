"""The smells that keep the scores honest: outcome disagreement, the give-away, the strawman, the 80 %, flag typos."""

from __future__ import annotations

from scoring.analysis import analyse
from scoring.smells import (check_give_away, check_high_route_without_lever, check_outcome_disagrees,
                            check_strawman, expert_longest, smells)

# bellen: resident +3, rules +1 -> goed (declared omgekeerd)
# boete:  rules +2, trust -1    -> goed as well, but its scores say "rules"
CASE = """
format: 1
id: casus
title: {nl: "Proef"}
start: melding
situations:
  melding:
    text: {nl: "Er is een melding."}
    choices:
      - id: bellen
        text: {nl: "Bellen en vragen hoe het gaat"}
        effects: {ownership: 3, legality: 1}
        levers: [pw-18]
        goto: goed
      - id: boete
        text: {nl: "Boete"}
        effects: {legality: 2, trust: -1}
        goto: goed
      - id: negeren
        text: {nl: "Niets doen"}
        effects: {legality: -1, trust: -2}
        goto: slecht
endings:
  goed:
    title: {nl: "Goed"}
    text: {nl: "Het gaat goed."}
    outcome: omgekeerd
  slecht:
    title: {nl: "Slecht"}
    text: {nl: "Het loopt vast."}
"""


def test_routes_whose_scores_disagree_with_the_declared_outcome_are_a_smell(scenario):
    loaded = scenario(CASE)
    found = check_outcome_disagrees(loaded, analyse(loaded))
    assert len(found) == 1
    smell = found[0]
    assert smell.line == 26  # the outcome: line of ending goed
    assert 'ending goed declares outcome "omgekeerd", but 1 of its 2 routes score in another quadrant' in smell.message
    assert 'e.g. boete (resident 25, rules 100: "rules")' in smell.message


def test_an_ending_without_outcome_or_with_agreeing_routes_is_no_smell(scenario):
    loaded = scenario(CASE.replace("    outcome: omgekeerd\n", ""))
    assert check_outcome_disagrees(loaded, analyse(loaded)) == []
    agreeing = scenario(CASE.replace("goto: goed\n      - id: negeren", "goto: slecht\n      - id: negeren"))
    assert check_outcome_disagrees(agreeing, analyse(agreeing)) == []


def test_the_strawman_is_beaten_on_both_axes_by_every_sibling_and_saves_no_effort(scenario):
    loaded = scenario(CASE)
    found = check_strawman(loaded)
    assert [(f.line, f.message.split(":")[0]) for f in found] == [(18, "choice melding.negeren is a strawman")]
    tempting = scenario(CASE.replace("{legality: -1, trust: -2}", "{legality: -1, trust: -2, efficiency: 2}"))
    assert check_strawman(tempting) == []  # it saves effort: a real temptation


def test_a_strawman_needs_a_sibling_that_is_always_offered_beside_it(scenario):
    guarded = CASE.replace("        effects: {ownership: 3, legality: 1}\n",
                           "        requires: {flag: x}\n        effects: {ownership: 3, legality: 1}\n")
    guarded = guarded.replace("        effects: {legality: 2, trust: -1}\n",
                              "        requires: {flag: x}\n        effects: {legality: 2, trust: -1}\n")
    assert check_strawman(scenario(guarded)) == []


def test_the_strawman_check_is_linear_in_the_number_of_choices(scenario):
    import time

    many = "\n".join(f"      - {{id: k{i}, text: {{nl: k{i}}}, effects: {{legality: {i % 7}, trust: {i % 5}}}, "
                     "goto: goed}" for i in range(10_000))
    loaded = scenario(CASE.replace("    choices:\n", "    choices:\n" + many + "\n", 1))
    started = time.monotonic()
    check_strawman(loaded)
    assert time.monotonic() - started < 2


GIVE_AWAY = """
format: 1
id: casus
title: {nl: "Proef"}
start: een
situations:
  een:
    text: {nl: "Een."}
    choices:
      - {id: kort, text: {nl: "Kort"}, goto: twee}
      - id: lang_goed
        text: {nl: "Een lange en zorgvuldige keuze"}
        effects: {ownership: 1, legality: 1}
        levers: [pw-18]
        goto: twee
  twee:
    text: {nl: "Twee."}
    choices:
      - {id: kort, text: {nl: "Kort"}, goto: drie}
      - {id: lang_goed, text: {nl: "Een lange en zorgvuldige keuze"}, effects: {ownership: 1, legality: 1}, goto: drie}
  drie:
    text: {nl: "Drie."}
    choices:
      - {id: kort, text: {nl: "LANGE_KORTE"}, goto: goed}
      - {id: lang_goed, text: {nl: "Een lange en zorgvuldige keuze"}, effects: {ownership: 1, legality: 1}, goto: goed}
endings:
  goed: {title: {nl: "Goed"}, text: {nl: "Goed."}}
"""


def test_the_give_away_reports_the_share_of_decisions_where_the_expert_option_is_longest(scenario):
    loaded = scenario(GIVE_AWAY.replace("LANGE_KORTE", "Kort"))
    analysis = analyse(loaded)
    assert analysis.expert_route == ["lang_goed", "lang_goed", "lang_goed"]
    assert expert_longest(loaded, analysis)[:2] == (3, 3)
    found = check_give_away(loaded, analysis)
    assert len(found) == 1 and found[0].line == 10
    assert "the expert option is the longest text in 3 of 3 decisions on the expert route (100 %)" in found[0].message


def test_no_give_away_when_the_other_options_are_as_long(scenario):
    loaded = scenario(GIVE_AWAY.replace("LANGE_KORTE", "Een nog langere keuze die niet de beste is"))
    analysis = analyse(loaded)
    assert expert_longest(loaded, analysis)[:2] == (2, 3)
    assert check_give_away(loaded, GIVE_AWAY and analysis) != []  # 2 of 3 is still most
    shorter = scenario(GIVE_AWAY.replace("LANGE_KORTE", "Een nog langere keuze die niet de beste is")
                       .replace('{id: kort, text: {nl: "Kort"}, goto: drie}',
                                '{id: kort, text: {nl: "Een keuze die ook heel lang is, langer"}, goto: drie}'))
    assert check_give_away(shorter, analyse(shorter)) == []  # 1 of 3


HIGH_WITHOUT_LEVER = CASE.replace("        levers: [pw-18]\n", "")


def test_both_high_without_a_lever_is_a_smell_unless_the_standard_route_fits(scenario):
    loaded = scenario(HIGH_WITHOUT_LEVER)
    assert check_high_route_without_lever(loaded, analyse(loaded)) != []
    fits = scenario(HIGH_WITHOUT_LEVER.replace("start: melding\n", "start: melding\nstandard_route_fits: true\n"))
    assert fits.standard_route_fits
    assert check_high_route_without_lever(fits, analyse(fits)) == []


def test_standard_route_fits_must_be_true_or_false(check):
    _, findings = check(CASE.replace("start: melding\n", "start: melding\nstandard_route_fits: ja\n"))
    assert [f.message for f in findings if f.is_error] == ["standard_route_fits must be true or false"]


def test_a_flag_typo_that_makes_an_ending_unreachable_is_an_error(scenario):
    typo = CASE.replace("        goto: slecht\n", "        set: [negeerd]\n        goto: vervolg\n")
    typo = typo.replace("endings:\n", "  vervolg:\n    text: {nl: \"Vervolg.\"}\n    next:\n"
                        "      - {if: {flag: genegeerd}, goto: slecht}\n      - {goto: goed}\nendings:\n")
    loaded = scenario(typo)
    errors = [f for f in smells(loaded) if f.is_error]
    assert len(errors) == 1
    assert errors[0].message == ("ending slecht can never be reached: conditions test the flag 'genegeerd', "
                                 "which no choice sets")
    assert 'did you mean "negeerd"?' in errors[0].hint
