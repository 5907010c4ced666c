"""The validator: every rule gives `path:line: error|warning: what; what to do`, all in one run."""

from __future__ import annotations

import time

import pytest

BASE = """
format: 1
id: casus
title: {nl: "Casus", en: "Case"}
start: melding
metrics:
  schuld: {label: {nl: "Schuld"}, start: 100, min: 0, max: 1000}
dossier:
  - id: brief
    title: {nl: "Brief"}
    text: {nl: "Tekst van de brief."}
    available: unlocked
situations:
  melding:
    text: {nl: "Er komt een melding binnen.", en: "A report comes in."}
    unlocks: [brief]
    choices:
      - id: bellen
        text: {nl: "Bellen"}
        effects: {trust: 1}
        set: [gebeld]
        levers: [pw-18]
        thinking: [rule]
        goto: gesprek
      - id: brief_sturen
        text: {nl: "Brief sturen"}
        effects: {schuld: 50}
        goto: gesprek
  gesprek:
    text: {nl: "Het gesprek."}
    next:
      - {if: {flag: gebeld}, goto: goed}
      - {goto: slecht}
endings:
  goed: {title: {nl: "Goed"}, text: {nl: "Zes maanden later gaat het goed."}}
  slecht: {title: {nl: "Slecht"}, text: {nl: "Zes maanden later gaat het slecht."}}
"""


def lines_of(findings):
    return [str(f) for f in findings]


def one(findings, needle):
    """The single finding whose text contains ``needle``."""
    hits = [f for f in findings if needle in str(f)]
    assert len(hits) == 1, f"{needle!r} in {lines_of(findings)}"
    return hits[0]


def test_base_scenario_is_clean(check):
    scenario, findings = check(BASE)
    assert scenario is not None
    assert findings == []


def test_unknown_key_names_key_line_and_suggestion(check):
    _, findings = check(BASE.replace("    text: {nl: \"Het gesprek.\"}", "    txet: {nl: \"Het gesprek.\"}"))
    finding = one(findings, 'unknown key "txet"')
    assert finding.is_error and finding.line == 29
    assert 'did you mean "text"?' in str(finding)
    assert str(finding).startswith(f"{finding.path}:29: error: ")


def test_missing_required_keys(check):
    _, findings = check(BASE.replace("start: melding\n", ""))
    assert 'the scenario has no "start"' in str(one(findings, '"start"'))
    _, findings = check(BASE.replace("        goto: gesprek\n      - id: brief_sturen", "      - id: brief_sturen"))
    assert "no \"goto\"" in str(one(findings, 'no "goto"'))


def test_wrong_types(check):
    _, findings = check(BASE.replace("effects: {trust: 1}", "effects: {trust: veel}"))
    finding = one(findings, "effect on trust must be a number")
    assert finding.line == 19
    _, findings = check(BASE.replace("start: melding", "start: melding\nminutes: [10]"))
    assert one(findings, "minutes must be a number, not a list").line == 5


def test_unsupported_format(check):
    _, findings = check(BASE.replace("format: 1", "format: 2"))
    finding = one(findings, 'format "2" is not supported')
    assert finding.line == 1 and "format: 1" in finding.hint


def test_yaml_syntax_error_has_parser_line(check):
    _, findings = check(BASE.replace('    text: {nl: "Het gesprek."}', '    text: {nl: "Het gesprek."'))
    finding = one(findings, "YAML syntax")
    assert finding.is_error and 29 <= finding.line <= 31


def test_empty_file_and_not_utf8(check):
    _, findings = check("")
    assert "the file is empty" in str(one(findings, "empty"))
    _, findings = check("# alleen commentaar\n")
    assert one(findings, "the file is empty")
    _, findings = check("format: 1\nid: x\ntitle: \"caf\xe9\"\n".encode("latin-1"))
    finding = one(findings, "not UTF-8")
    assert finding.line == 3 and "UTF-8" in finding.hint


def test_unknown_targets_with_suggestions(check):
    _, findings = check(BASE.replace("start: melding", "start: meldingg"))
    assert 'did you mean "melding"?' in str(one(findings, 'start names "meldingg"'))
    _, findings = check(BASE.replace("- {goto: slecht}", "- {goto: slect}"))
    finding = one(findings, '"slect"')
    assert 'did you mean "slecht"?' in str(finding) and finding.line == 32


def test_duplicate_ids(check):
    _, findings = check(BASE.replace("      - id: brief_sturen", "      - id: bellen"))
    assert one(findings, 'choice id "bellen" appears twice').is_error
    _, findings = check(BASE.replace("  slecht: {title", "  gesprek: {title"))
    assert one(findings, '"gesprek" is both a situation and an ending').is_error
    _, findings = check(BASE.replace("  gesprek:\n", "  melding:\n"))
    assert one(findings, 'the key "melding" appears twice').is_error


def test_unknown_metric_lever_thinking_and_flag(check):
    _, findings = check(BASE.replace("effects: {trust: 1}", "effects: {trus: 1}"))
    assert 'did you mean "trust"?' in str(one(findings, 'unknown metric "trus"'))
    _, findings = check(BASE.replace("levers: [pw-18]", "levers: [pw-81]"))
    assert one(findings, 'unknown lever "pw-81"').is_error
    _, findings = check(BASE.replace("thinking: [rule]", "thinking: [rules]"))
    assert 'did you mean "rule"?' in str(one(findings, 'unknown thinking error "rules"'))
    _, findings = check(BASE.replace("{if: {flag: gebeld}", "{if: {flag: gebelt}"))
    finding = one(findings, 'flag "gebelt"')
    assert finding.severity == "warning" and 'did you mean "gebeld"?' in str(finding)


def test_missing_dutch_text(check):
    _, findings = check(BASE.replace('text: {nl: "Het gesprek."}', 'text: {en: "The talk."}'))
    assert one(findings, "has no Dutch text").line == 29


def test_choices_together_with_next(check):
    _, findings = check(BASE.replace("    text: {nl: \"Het gesprek.\"}\n",
                                     "    text: {nl: \"Het gesprek.\"}\n    choices: [{id: a, text: A, goto: goed}]\n"))
    assert one(findings, "has both choices and next").is_error


def test_next_whose_last_entry_has_a_condition(check):
    _, findings = check(BASE.replace("- {goto: slecht}", "- {if: {flag: gebeld}, goto: slecht}"))
    assert one(findings, "last next entry of situation gesprek has an if").line == 32


def test_unreachable_situation_and_no_ending(check):
    extra = BASE.replace("endings:", "  wees:\n    text: {nl: \"Niemand komt hier.\"}\n"
                                     "    choices: [{id: a, text: A, goto: wees}]\nendings:")
    _, findings = check(extra)
    assert one(findings, "situation wees cannot be reached from start").is_error
    assert one(findings, "from situation wees no ending can be reached").is_error


def test_all_problems_in_one_run(check):
    broken = (BASE.replace("start: melding", "start: begin")
              .replace("thinking: [rule]", "thinking: [regel]")
              .replace("levers: [pw-18]", "levers: [onbekend]"))
    _, findings = check(broken)
    assert len([f for f in findings if f.is_error]) >= 3


def test_python_tag_never_runs(check, tmp_path):
    marker = tmp_path / "ran"
    _, findings = check(f"format: 1\nid: !!python/object/apply:os.system ['touch {marker}']\n")
    assert "tags" in str(one(findings, "tags"))
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(check):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))
    started = time.perf_counter()
    _, findings = check(bomb)
    assert time.perf_counter() - started < 2
    assert one(findings, "anchors").line == 1


def test_very_deep_and_very_large_files(check):
    _, findings = check("format: 1\nid: " + "[" * 5000 + "]" * 5000 + "\n")
    assert one(findings, "nested").is_error
    _, findings = check(b"format: 1\nid: x\n" + b"# " + b"x" * (9 * 1024 * 1024) + b"\n")
    assert one(findings, "too large").is_error


def test_long_sentence_warning_points_at_its_line(check):
    long = " ".join(["woord"] * 30) + "."
    _, findings = check(BASE.replace('    text: {nl: "Het gesprek."}',
                                     f'    text:\n      nl: |\n        Kort.\n        {long}'))
    finding = one(findings, "a sentence of 30 words")
    assert finding.severity == "warning" and finding.line == 32


def test_lever_not_in_force_on_scenario_date(check):
    _, findings = check(BASE.replace("start: melding", "start: melding\ndate: 2010-01-01"))
    assert one(findings, 'lever "pw-18" is not in force').severity == "warning"


def test_scenario_own_levers_are_known(check):
    own = BASE.replace("levers: [pw-18]", "levers: [hardheid-lindeveen]") + (
        "levers:\n  hardheid-lindeveen:\n    title: {nl: \"Hardheidsclausule Lindeveen\"}\n"
        "    explain: {nl: \"Eigen beleid.\"}\n")
    scenario, findings = check(own)
    assert findings == [] and "hardheid-lindeveen" in scenario.own_levers


@pytest.mark.parametrize("content", [
    "[1, 2, 3]", "just text", "format: 1\nid: x\nsituations: 5\nendings: []\nstart: 3\n",
    "format: 1\nid: x\nstart: a\nsituations: {a: {text: hi, choices: [{id: a, text: a, goto: a, "
    "requires: {metric: trust}}]}}\nendings: {e: {title: t, text: t}}\n",
    "format: 1\nid: x\nstart: a\nsituations: {a: {text: hi, next: [{if: {all: []}, goto: e}, {goto: a}]}}\n"
    "endings: {e: {title: t, text: t}}\n",
    "format: 1\nid: x\nstart: a\nsituations: {a: {next: [{goto: b}]}, b: {next: [{goto: a}]}}\n"
    "endings: {e: {title: t, text: t}}\n",
    "\x00\x01\x02", "? [a]\n: b\n", "format: 1\n'': x\n",
])
def test_strange_input_gives_findings_not_tracebacks(check, content):
    _, findings = check(content)
    assert findings and all(f.is_error or f.severity == "warning" for f in findings)


def test_validate_cli_exit_codes(cli, write, tmp_path):
    # BASE never changes a rules metric; validate's scoring smells would say so (scoring/smells.py)
    good = write(BASE.replace("effects: {schuld: 50}", "effects: {schuld: 50, legality: 1}"), "casus.yaml")
    code, out, _ = cli("validate", str(good))
    assert code == 0 and "geen problemen gevonden" in out
    bad = write(BASE.replace("start: melding", "start: nergens"), "fout.yaml")
    code, out, _ = cli("validate", str(bad), "--lang", "en")
    assert code == 1 and f"{bad}:4: error: start names \"nergens\"" in out
    code, _, err = cli("validate", str(tmp_path / "bestaat-niet.yaml"))
    assert code == 2 and "bestaat niet" in err
    code, _, _ = cli("validate", "--bogus")
    assert code == 2


def test_validate_library_and_examples_pass(cli):
    code, out, _ = cli("validate")
    assert code == 0, out
    code, out, _ = cli("validate", "scenarios/examples")
    assert code == 0 and "geen problemen gevonden" in out, out


def test_validate_does_not_import_pygame():
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, "-X", "importtime", "main.py", "validate", "scenarios/examples"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    imported = [line for line in result.stderr.splitlines() if "import time:" in line]
    assert any("game.engine.validator" in line for line in imported)
    assert not [line for line in imported if "pygame" in line]


def test_format_must_be_the_whole_number_one(check):
    for written in ("1.0", '"1"'):
        _, findings = check(BASE.replace("format: 1", f"format: {written}"))
        assert "format must be the whole number 1" in str(one(findings, "format must be"))


def test_unknown_language_code_is_a_warning(check):
    _, findings = check(BASE.replace('text: {nl: "Het gesprek."}', 'text: {nl: "Het gesprek.", de: "Das Gespräch."}'))
    assert one(findings, 'language "de"').severity == "warning"


def test_validate_a_folder_without_scenarios_is_a_usage_error(cli, tmp_path):
    code, out, err = cli("validate", str(tmp_path))
    assert code == 2 and "geen casusbestanden" in err and out == ""
