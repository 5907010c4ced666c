"""analyze shows every ending's routes: counts, spread, best and worst, quadrants; --json, --routes CSV, --figures."""

from __future__ import annotations

import csv
import json

import pytest

from scoring.analysis import analyse
from scoring.routes import TooManyRoutes, ending_routes, every_route

# Routes (all totals start at 0; resident range -2..3, rules -1..2):
#   bellen         -> goed   resident 3, rules 1
#   boete          -> goed   resident -1, rules 2   (scores say "rules")
#   negeren        -> slecht resident -2, rules -1
CASE = """
format: 1
id: casus
title: {nl: "Proef", en: "Trial"}
start: melding
situations:
  melding:
    text: {nl: "Er is een melding."}
    choices:
      - id: bellen
        text: {nl: "Bellen"}
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
  nooit:
    title: {nl: "Nooit"}
    text: {nl: "Nooit."}
"""


def test_every_ending_gets_its_routes_spread_best_worst_and_quadrants(scenario):
    loaded = scenario(CASE)
    summary = ending_routes(loaded, analyse(loaded))
    assert list(summary) == ["goed", "slecht"]
    goed = summary["goed"]
    assert goed.routes == 2 and goed.outcome == "omgekeerd"
    assert (goed.resident.low, goed.resident.high, goed.resident.median) == (25, 100, 62.5)
    assert goed.best.choices == ("bellen",) and goed.worst.choices == ("boete",)
    assert goed.quadrants == {"omgekeerd": 1, "rules": 1}
    assert goed.differing == 1 and goed.example is not None and goed.example.choices == ("boete",)
    assert summary["slecht"].differing == 0  # no outcome declared


def test_routes_are_counted_not_listed_and_agree_with_the_analysis(scenario):
    many = "\n".join(f"""  s{i}:
    text: {{nl: "Stap {i}."}}
    choices:
      - {{id: a, text: {{nl: a}}, effects: {{trust: 1}}, goto: s{i + 1}}}
      - {{id: b, text: {{nl: b}}, effects: {{legality: 1}}, goto: s{i + 1}}}""" for i in range(20))
    text = CASE.replace("        goto: goed\n      - id: boete", "        goto: s0\n      - id: boete", 1)
    text = text.replace("endings:\n", many + "\n  s20:\n    text: {nl: \"Klaar.\"}\n    choices:\n"
                        "      - {id: klaar, text: {nl: klaar}, goto: goed}\nendings:\n")
    bounds = "metrics:\n  trust: {max: 30}\n  legality: {max: 30}\n"
    loaded = scenario(text.replace("situations:\n", bounds + "situations:\n"))
    analysis = analyse(loaded)
    summary = ending_routes(loaded, analysis)
    assert analysis.playthroughs == 2 ** 20 + 2
    assert sum(s.routes for s in summary.values()) == analysis.playthroughs
    with pytest.raises(TooManyRoutes) as refused:
        next(every_route(analysis))
    assert refused.value.count == 2 ** 20 + 2


def test_analyze_prints_every_ending_with_its_routes(write, cli):
    path = write(CASE)
    code, out, _ = cli("analyze", str(path), "--lang", "en")
    assert code == 0
    assert "  resident axis total: -2 to 3, at the start 0 (score 50)" in out
    assert "  ending goed (outcome omgekeerd): 2 routes" in out
    assert "    resident 25 to 100 (median 62.5), rules 75 to 100 (median 87.5)" in out
    assert "    quadrants: omgekeerd 1, rules 1, kind 0, stuck 0" in out
    assert "    best route (resident 100, rules 75): bellen" in out
    assert "    worst route (resident 25, rules 100): boete" in out
    assert "    1 route lands in another quadrant than the outcome, e.g. boete (resident 25, rules 100: rules)" in out
    assert "  ending nooit: not reachable" in out


def test_analyze_in_dutch_after_the_command(write, cli):
    code, out, _ = cli("analyze", str(write(CASE)), "--lang", "nl")
    assert code == 0 and "  afloop goed (uitkomst omgekeerd): 2 routes" in out and "(mediaan 62,5)" in out


def test_analyze_json_carries_every_ending_s_routes(write, cli):
    code, out, _ = cli("analyze", str(write(CASE)), "--json")
    result = json.loads(out)
    goed = result["ending_routes"]["goed"]
    assert goed["routes"] == 2 and goed["outcome"] == "omgekeerd"
    assert goed["resident"] == {"low": 25, "high": 100, "median": 62.5}
    assert goed["best"] == {"choices": ["bellen"], "resident": 100, "rules": 75, "quadrant": "omgekeerd"}
    assert goed["quadrants"] == {"omgekeerd": 1, "rules": 1, "kind": 0, "stuck": 0}
    assert goed["differing_from_outcome"] == 1
    assert result["start"] == {"resident": 0, "rules": 0}
    assert "nooit" not in result["ending_routes"]


def test_analyze_routes_writes_every_route_as_csv(write, cli, tmp_path):
    target = tmp_path / "routes.csv"
    code, out, _ = cli("analyze", str(write(CASE)), "--routes", str(target), "--lang", "en")
    assert code == 0 and f"wrote 3 routes to {target}" in out
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["route"], r["ending"], r["outcome"], r["resident"], r["rules"], r["quadrant"]) for r in rows] == [
        ("bellen", "goed", "omgekeerd", "100", "75", "omgekeerd"),
        ("boete", "goed", "omgekeerd", "25", "100", "rules"),
        ("negeren", "slecht", "", "0", "0", "stuck"),
    ]


def test_analyze_routes_refuses_millions_of_routes_in_words(write, cli, tmp_path, monkeypatch):
    monkeypatch.setattr("game.cli.analyze.MAX_LISTED_ROUTES", 2)
    target = tmp_path / "routes.csv"
    code, _, err = cli("analyze", str(write(CASE)), "--routes", str(target), "--lang", "en")
    assert code == 1 and not target.exists()
    assert "casus has 3 routes, more than the 2 a list can hold; nothing was written." in err
    assert "'analyze casus' counts them per ending" in err


def test_analyze_without_a_scenario_says_what_to_name(cli):
    code, _, err = cli("analyze", "--lang", "en")
    assert code == 2 and "name one scenario: analyze SCENARIO, or analyze --figures" in err


def test_figures_count_disagreements_stuck_efficiency_and_the_give_away(write, cli, tmp_path):
    folder = tmp_path / "bieb"
    folder.mkdir()
    (folder / "casus.yaml").write_text(CASE.lstrip("\n").replace("    text: {nl: \"Het loopt vast.\"}\n",
                                       "    text: {nl: \"Het loopt vast.\"}\n    outcome: stuck\n"), encoding="utf-8")
    import shutil
    from pathlib import Path
    shutil.copy(Path(__file__).resolve().parent.parent / "scenarios" / "levers.yaml", folder)
    code, out, _ = cli("analyze", "--figures", str(folder), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["scenarios"] == ["casus"] and result["routes"] == 3
    assert result["outcome_differs"] == {"routes": 1, "of": 3}
    assert result["stuck_efficient_yes"] == {"routes": 0, "of": 1}
    assert result["expert_longest"]["of"] == 1
    code, out, _ = cli("analyze", "--figures", str(folder), "--lang", "en")
    assert "  routes in another quadrant than their ending's outcome: 1 of 3 (endings with an outcome)" in out


def test_play_json_gives_the_declared_outcome_as_the_quadrant_and_the_scores_quadrant_beside_it(write, cli, tmp_path):
    code, out, err = cli("play", "--text", str(write(CASE)), "--choices", "boete", "--json",
                         "--data-dir", str(tmp_path / "data"))
    assert code == 0, err
    result = json.loads(out)
    assert result["quadrant"] == "omgekeerd" and result["score_quadrant"] == "rules"


def test_analyze_of_a_scenario_too_large_says_its_routes_were_not_counted(write, cli, monkeypatch):
    monkeypatch.setattr("scoring.analysis.MAX_STATES", 2)
    code, out, _ = cli("analyze", str(write(CASE)), "--lang", "en")
    assert code == 0
    assert "  ending goed: routes not counted (too many play states)" in out and "not reachable" not in out
