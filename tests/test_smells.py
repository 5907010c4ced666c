"""Scoring smells: each is found on a small scenario made for it, and not on the library."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game.content.library import load_library
from scoring import smells as smells_module
from scoring.smells import smells

# A clean little case: two real trade-offs, a lever on the only both-high route, every flag read.
CLEAN = """
format: 1
id: casus
title: {nl: "Casus", en: "Case"}
start: melding
situations:
  melding:
    text: {nl: "Er komt een melding binnen."}
    choices:
      - id: bellen
        text: {nl: "Bellen"}
        effects: {trust: 2, efficiency: -1}
        set: [gebeld]
        goto: besluit
      - id: brief
        text: {nl: "Brief sturen"}
        effects: {efficiency: 1, trust: -1}
        goto: besluit
  besluit:
    text: {nl: "Wat besluit je?"}
    choices:
      - id: maatwerk
        text: {nl: "Maatwerk met de wet als toets"}
        requires: {flag: gebeld}
        effects: {security: 2, legality: 2}
        levers: [pw-18]
        goto: goed
      - id: streng
        text: {nl: "Streng de regel volgen"}
        effects: {legality: 1, security: -2}
        goto: streng
      - id: gunnen
        text: {nl: "Gewoon geven"}
        effects: {security: 2, legality: -2}
        goto: lief
endings:
  goed: {title: {nl: "Goed"}, text: {nl: "Goed."}}
  streng: {title: {nl: "Streng"}, text: {nl: "Streng."}}
  lief: {title: {nl: "Lief"}, text: {nl: "Lief."}}
"""


@pytest.fixture
def smells_of(scenario):
    """Smells of inline YAML that has no errors."""
    return lambda text: smells(scenario(text))


def line_of(text: str, needle: str) -> int:
    """The line (1-based, as in the written file) of the first line of ``text`` containing ``needle``."""
    lines = textwrap.dedent(text).lstrip("\n").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def only(findings, needle):
    """The single finding whose text contains ``needle``."""
    hits = [f for f in findings if needle in str(f)]
    assert len(hits) == 1, f"{needle!r} in {[str(f) for f in findings]}"
    return hits[0]


def test_the_clean_case_has_no_smells(smells_of):
    assert [str(f) for f in smells_of(CLEAN)] == []


def test_a_dominated_choice(smells_of):
    text = CLEAN.replace("        effects: {efficiency: 1, trust: -1}\n        goto: besluit",
                         "        effects: {trust: 1, efficiency: -1}\n        set: [gebeld]\n        goto: besluit")
    finding = only(smells_of(text), "dominated")
    assert finding.severity == "warning" and finding.line == line_of(text, "- id: brief")
    assert "choice melding.brief is dominated by melding.bellen" in finding.message
    assert "worse on trust" in finding.message and finding.hint


def test_a_missing_metric_counts_as_zero_in_dominance(smells_of):
    text = CLEAN.replace("effects: {legality: 1, security: -2}\n        goto: streng",
                         "effects: {legality: 1, security: -2}\n        goto: lief") \
                .replace("effects: {security: 2, legality: -2}\n        goto: lief",
                         "effects: {security: -2}\n        goto: lief")
    finding = only(smells_of(text), "dominated")
    assert "besluit.gunnen is dominated by besluit.streng" in finding.message and "worse on legality" in finding.message


def test_no_dominance_when_a_flag_that_play_reads_differs(smells_of):
    # brief is now worse than bellen on trust and better on nothing, but bellen sets the flag
    # that opens maatwerk: the consequences differ, so the choices' own effects are not compared
    text = CLEAN.replace("effects: {efficiency: 1, trust: -1}", "effects: {trust: -1, efficiency: -1}")
    assert not [f for f in smells_of(text) if "dominated" in f.message]


def test_no_dominance_when_the_better_choice_goes_elsewhere(smells_of):
    # streng is better than gunnen on legality and worse on security: not comparable; gunnen with
    # nothing but a loss is worse than streng, but they end differently, so later effects may count
    text = CLEAN.replace("effects: {security: 2, legality: -2}", "effects: {legality: -2, security: -2}")
    assert not [f for f in smells_of(text) if "dominated" in f.message]


def test_no_dominance_when_the_better_choice_is_not_always_available(smells_of):
    text = CLEAN.replace("effects: {efficiency: 1, trust: -1}\n        goto: besluit",
                         "effects: {trust: 1, efficiency: -1}\n        set: [gebeld]\n        goto: besluit") \
                .replace("        set: [gebeld]\n        goto: besluit\n      - id: brief",
                         "        set: [gebeld]\n        requires: {metric: trust, gte: 1}\n        goto: besluit\n      - id: brief")
    assert not [f for f in smells_of(text) if "dominated" in f.message]


def test_a_situation_whose_choices_all_have_the_same_effects(smells_of):
    text = CLEAN.replace("effects: {efficiency: 1, trust: -1}", "effects: {trust: 2, efficiency: -1, ownership: 0}")
    finding = only(smells_of(text), "same effects")
    assert finding.line == line_of(text, "choices:")
    assert "all 2 choices of situation melding have the same effects ({efficiency: -1, trust: 2})" in finding.message


def test_a_declared_metric_that_never_changes(smells_of):
    text = CLEAN.replace("start: melding\n", "start: melding\nmetrics:\n  schuld: {label: {nl: \"Schuld\"}, start: 100, min: 0, max: 1000}\n"
                                             "  trust: {start: 1}\n")
    findings = smells_of(text)
    assert only(findings, '"schuld"').line == line_of(text, "schuld:")
    assert 'metric "schuld" is declared under metrics: but no choice changes it' in only(findings, '"schuld"').message
    assert not [f for f in findings if '"trust"' in f.message]  # declared and changed
    changed = text.replace("effects: {trust: 2, efficiency: -1}", "effects: {trust: 2, efficiency: -1, schuld: -50}")
    assert not [f for f in smells_of(changed) if "schuld" in f.message]


def test_a_flag_that_is_set_but_never_read(smells_of):
    text = CLEAN.replace("effects: {efficiency: 1, trust: -1}", "effects: {efficiency: 1, trust: -1}\n        set: [brief_gestuurd]")
    finding = only(smells_of(text), "brief_gestuurd")
    assert finding.line == line_of(text, "set: [brief_gestuurd]")
    assert 'flag "brief_gestuurd" is set (by choice melding.brief) but no condition reads it' in finding.message
    read_in_epilogue = text.replace("  lief: {title: {nl: \"Lief\"}, text: {nl: \"Lief.\"}}",
                                    "  lief:\n    title: {nl: \"Lief\"}\n    text: {nl: \"Lief.\"}\n"
                                    "    epilogue:\n      - {if: {flag: brief_gestuurd}, text: {nl: \"Per brief.\"}}")
    assert not [f for f in smells_of(read_in_epilogue) if "brief_gestuurd" in f.message]


def test_an_ending_and_a_choice_that_conditions_make_unreachable(smells_of):
    text = CLEAN.replace("        requires: {flag: gebeld}\n", "        requires: {all: [{flag: gebeld}, {metric: trust, lt: 0}]}\n")
    findings = smells_of(text)
    choice = only(findings, "choice besluit.maatwerk can never be made")
    assert choice.line == line_of(text, "- id: maatwerk")
    ending = only(findings, "ending goed can never be reached")
    assert ending.line == line_of(text, "  goed:")


def test_a_situation_that_conditions_make_unreachable_and_a_dead_end(smells_of):
    text = CLEAN.replace("        goto: streng\n", "        goto: bezwaar\n").replace(
        "endings:\n",
        "  bezwaar:\n    text: {nl: \"Bezwaar.\"}\n    choices:\n      - {id: afwachten, text: {nl: \"Afwachten\"}, goto: streng}\n"
        "  geheim:\n    text: {nl: \"Geheim.\"}\n    choices:\n      - {id: door, text: {nl: \"Door\"}, goto: lief}\n"
        "endings:\n").replace("      - id: streng\n", "      - id: streng\n        requires: {visited: geheim}\n").replace(
        "      - id: gunnen\n", "      - id: geheim_pad\n        text: {nl: \"Geheim\"}\n        requires: {metric: trust, gt: 5}\n"
        "        goto: geheim\n      - id: gunnen\n        requires: {flag: gebeld}\n")
    findings = smells_of(text)
    assert "situation geheim can never be reached" in str(only(findings, "situation geheim"))
    assert only(findings, "choice besluit.streng can never be made")
    stuck = only(findings, "player is stuck")
    assert "no choice of situation besluit is available" in stuck.message


def test_a_headline_axis_that_cannot_vary(smells_of):
    text = CLEAN.replace("legality: 2", "self_reliance: 2").replace("legality: 1", "ownership: 1").replace("legality: -2", "trust: -2")
    finding = only(smells_of(text), "axis cannot vary")
    assert "the rules axis cannot vary: every playthrough ends with a rules total of 0" in finding.message
    assert finding.line == line_of(text, "situations:")
    assert not [f for f in smells_of(text) if "without using any lever" in f.message]


def test_a_both_high_route_without_a_lever(smells_of):
    text = CLEAN.replace("        levers: [pw-18]\n", "")
    finding = only(smells_of(text), "without using any lever")
    assert finding.line == line_of(text, "  goed:")
    assert "a route to ending goed scores resident 100 and rules 100" in finding.message
    assert finding.message.endswith("bellen, maatwerk")


def test_smells_never_stop_validate(cli, write, monkeypatch):
    def broken(_scenario):
        raise RecursionError("too deep")

    monkeypatch.setattr(smells_module, "analyse", broken)
    code, out, err = cli("validate", str(write(CLEAN.replace("        levers: [pw-18]\n", ""))), "--lang", "en")
    assert code == 0 and not err
    assert "casus.yaml:1: warning: the scoring checks could not finish on this scenario (RecursionError: too deep)" in out


def chain(situations: int) -> str:
    """A long chain of situations with three diverging choices each: very many play states."""
    lines = ["format: 1", "id: keten", "title: {nl: Keten}", "start: s0", "situations:"]
    for i in range(situations):
        target = f"s{i + 1}" if i + 1 < situations else "einde"
        lines += [f"  s{i}:", f"    text: {{nl: Situatie {i}}}", "    choices:"]
        lines += [f"      - {{id: k{c}, text: {{nl: Keuze}}, effects: {{{effect}: 1}}, goto: {target}}}"
                  for c, effect in enumerate(("trust", "legality", "security"))]
    lines += ["endings:", "  einde: {title: {nl: Einde}, text: {nl: Einde.}}"]
    return "\n".join(lines) + "\n"


def test_a_scenario_too_large_to_analyse_quickly_gets_one_warning_instead(cli, write):
    code, out, _ = cli("validate", str(write(chain(150), "keten.yaml")), "--lang", "en")
    assert code == 0
    assert "keten.yaml:5: warning: the scoring checks skipped this scenario: it has more than " in out


def test_the_budget_stops_the_analysed_checks(smells_of, monkeypatch):
    monkeypatch.setattr("scoring.analysis.MAX_STATES", 5)
    found = [str(f) for f in smells_of(CLEAN.replace("        levers: [pw-18]\n", ""))]
    assert len(found) == 1 and "skipped" in found[0]


def test_validate_shows_smells_as_warnings_with_path_and_line(cli, write):
    text = CLEAN.replace("        levers: [pw-18]\n", "")
    path = write(text)
    code, out, _ = cli("validate", str(path), "--lang", "en")
    assert code == 0
    assert f"{path}:{line_of(text, '  goed:')}: warning: a route to ending goed scores" in out
    assert "0 errors, 1 warning" in out
    folder_code, folder_out, _ = cli("validate", str(path.parent), "--lang", "en")
    assert folder_code == 0 and f"{path}:{line_of(text, '  goed:')}: warning: a route" in folder_out


def test_a_scenario_with_errors_gets_its_errors_not_smells(cli, write):
    path = write(CLEAN.replace("        levers: [pw-18]\n", "").replace("goto: lief", "goto: nergens"))
    code, out, _ = cli("validate", str(path), "--lang", "en")
    assert code == 1 and "nergens" in out and "without using any lever" not in out


def test_validate_with_smells_does_not_import_pygame():
    code = ("import sys, io, contextlib\nfrom game.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['validate', 'scenarios/examples'])\n"
            "print('pygame' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.stdout.strip() == "False", result.stderr


LIBRARY = [s for s in load_library().playable()]


# issue 10's smells that the content issue fixes in the cases (tests/test_library_content.py records them)
PENDING_CONTENT = ("is a strawman", "the expert option is the longest text")


@pytest.mark.parametrize("scenario", LIBRARY, ids=[s.id for s in LIBRARY])
def test_no_smells_in_the_library(scenario):
    assert [str(f) for f in smells(scenario) if not any(p in f.message for p in PENDING_CONTENT)] == []
