"""Hardening, loading: one file's fault stays in that file, with its line (issue 15, points 2-4, 8, 9, 13)."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from game.content.library import load_library
from game.engine import source

GOOD = """
format: 1
id: goed
title: {nl: "Goed", en: "Good"}
start: melding
situations:
  melding:
    text: {nl: "Er komt een melding binnen."}
    choices:
      - id: bellen
        text: {nl: "Bellen"}
        effects: {trust: 1}
        goto: einde
      - id: schrijven
        text: {nl: "Schrijven"}
        goto: einde
endings:
  einde: {title: {nl: "Einde"}, text: {nl: "Zes maanden later."}}
"""


def errors(findings):
    return [str(f) for f in findings if f.is_error]


def the_error(findings, needle):
    hits = [f for f in findings if f.is_error and needle in str(f)]
    assert len(hits) == 1, [str(f) for f in findings]
    return hits[0]


@pytest.fixture
def library(tmp_path, monkeypatch):
    """A library folder with the real lever catalogue and the given files in it."""
    folder = tmp_path / "bieb"
    folder.mkdir()
    shutil.copy(Path(__file__).resolve().parent.parent / "scenarios" / "levers.yaml", folder / "levers.yaml")
    monkeypatch.setenv("OMGEKEERD_SCENARIOS", str(folder))

    def _library(**files: str) -> Path:
        for name, text in files.items():
            (folder / f"{name}.yaml").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return folder

    return _library


# -- point 2: a date with a time, a datetime valid_from ------------------------------------------

def test_a_date_with_a_time_is_a_finding_at_its_line(check):
    _, findings = check(GOOD.replace("start: melding", "date: 2026-03-01 10:00:00\nstart: melding"))
    finding = the_error(findings, "date has a time")
    assert finding.line == 4
    assert "date: 2026-03-01" in finding.hint


def test_a_datetime_valid_from_on_a_lever_is_a_finding(check):
    text = GOOD.replace("start: melding", "date: 2026-03-01\nlevers:\n  eigen-regel:\n"
                        "    title: {nl: Regel}\n    explain: {nl: Uitleg}\n"
                        "    valid_from: 2026-01-01T08:00:00Z\nstart: melding")
    text = text.replace("effects: {trust: 1}", "effects: {trust: 1}\n        levers: [eigen-regel]")
    _, findings = check(text)
    assert the_error(findings, "valid_from has a time").line == 9


def test_one_bad_file_does_not_take_list_validate_or_play_down(library, cli):
    library(goed=GOOD, kapot=GOOD.replace("id: goed", "id: kapot").replace(
        "start: melding", "date: 2026-03-01 10:00:00\nstart: melding"))
    code, out, _ = cli("list")
    assert code == 0 and "goed" in out and "kapot" in out and "kapot.yaml:4" in out
    code, out, _ = cli("validate", "--lang", "en")
    assert code == 1 and "kapot.yaml:4: error: date has a time" in out
    code, out, err = cli("play", "--text", "goed", "--choices", "bellen", "--json")
    assert code == 0, err
    assert json.loads(out)["ending"] == "einde"


def test_an_unexpected_fault_while_loading_becomes_a_finding_with_a_line(check, monkeypatch):
    from game.engine import loader

    def broken(*_args, **_kwargs):
        raise TypeError("can't compare datetime.datetime to datetime.date")

    monkeypatch.setattr(loader, "load_ending", broken)
    scenario, findings = check(GOOD)
    assert scenario is None
    finding = the_error(findings, "TypeError")
    assert finding.line > 1  # the element in hand when it happened, not just "the file"


def test_an_unexpected_fault_while_validating_stays_in_its_entry(library, monkeypatch):
    from game.engine import validator

    def broken(_scenario):
        raise RuntimeError("boom")

    library(goed=GOOD)
    monkeypatch.setattr(validator, "CHECKS", validator.CHECKS + (broken,))
    entry = load_library().entries[0]
    assert not entry.ok and "RuntimeError: boom" in errors(entry.findings)[0]


# -- point 3: empty or blank ids and targets ---------------------------------------------------------

@pytest.mark.parametrize("before, after, where", [
    ("goto: einde\n      - id: schrijven", 'goto: ""\n      - id: schrijven', 'choice melding.bellen goto is empty'),
    ("goto: einde\nendings", 'goto: "   "\nendings', "choice melding.schrijven goto is empty"),
    ("start: melding", 'start: " "', "start is empty"),
    ("- id: bellen", '- id: ""', "choice id in situation melding is empty"),
])
def test_empty_or_blank_ids_and_targets_are_errors_with_their_line(check, before, after, where):
    text = GOOD.replace(before, after, 1)
    assert text != GOOD
    _, findings = check(text)
    finding = the_error(findings, where)
    assert finding.line == text.lstrip("\n").splitlines().index(
        next(ln for ln in text.lstrip("\n").splitlines() if after.split("\n")[0].strip() in ln)) + 1
    assert "e.g." in finding.hint


def test_an_empty_goto_makes_the_case_unplayable(library, cli):
    library(goed=GOOD.replace("goto: einde\n      - id: schrijven", 'goto: ""\n      - id: schrijven'))
    code, _, err = cli("play", "--text", "goed", "--choices", "bellen")
    assert code == 1 and "goto is empty" in err


# -- point 4: huge and non-finite numbers, strict JSON -----------------------------------------------

@pytest.mark.parametrize("value", ["1" + "0" * 400, "1e400", ".inf", "-.inf", ".nan", "1" + "0" * 5000, "2000000000"],
                         ids=["400 digits", "1e400", "inf", "-inf", "nan", "5000 digits", "2e9"])
def test_huge_or_non_finite_numbers_are_findings(check, value):
    _, findings = check(GOOD.replace("effects: {trust: 1}", f"effects: {{trust: {value}}}"))
    finding = the_error(findings, "too large or not a number")
    assert finding.line == 11 and len(str(finding)) < 400


def test_a_huge_metric_bound_is_a_finding(check):
    _, findings = check(GOOD.replace("start: melding", "metrics:\n  trust: {max: 1e999}\nstart: melding"))
    assert the_error(findings, "metric trust max").line == 5


def test_analyze_json_is_strict_json(library, cli):
    library(goed=GOOD)
    code, out, _ = cli("analyze", "goed", "--json")
    assert code == 0
    json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))


# -- points 8 and 9: control characters --------------------------------------------------------------

def test_a_control_character_is_reported_at_its_own_line_on_one_line(check):
    text = GOOD.replace('text: {nl: "Bellen"}', 'text: {nl: "Bel\x07len"}')
    _, findings = check(text)
    finding = the_error(findings, "control character")
    assert finding.line == 10
    assert "\n" not in str(finding) and "\x07" not in str(finding) and "\\x07" in str(finding)


def test_escape_sequences_in_key_names_are_shown_escaped(check):
    _, findings = check(GOOD.replace("start: melding", '"\\e]0;titel\\a\\e[2J": 1\nstart: melding'))
    shown = str(the_error(findings, "unknown key"))
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b]0;titel\\x07\\x1b[2J" in shown


def test_a_finding_is_one_line_of_sane_length(check):
    _, findings = check(GOOD.replace("start: melding", f'? "{"x" * 600_000}\\nnog"\n: 1\nstart: melding'))
    shown = str(the_error(findings, "unknown key"))
    assert "\n" not in shown and len(shown) < 1000 and "more characters" in shown


# -- point 13: the cause first -----------------------------------------------------------------------

def test_an_unknown_goto_comes_before_its_knock_on_findings(check):
    text = GOOD.replace("goto: einde\nendings", "goto: eind\nendings").replace(
        "goto: einde\n      - id: schrijven", "goto: tussen\n      - id: schrijven")
    text = text.replace("endings:", "  tussen:\n    text: {nl: Tussen}\n"
                        "    choices: [{id: a, text: A, goto: melding}]\nendings:")
    _, findings = check(text)
    shown = errors(findings)
    assert 'goes to "eind"' in shown[0], shown
    assert any("no ending can be reached" in line for line in shown[1:])


# -- YAML 1.2 scalars ------------------------------------------------------------------------------------

SCALARS = """
no: No
on: on
yes: yes
off: off
time: 1:30
octal_looking: 017
nine: 09
octal: 0o17
hex: 0x1F
lower: true
capital: False
upper: TRUE
mixed: tRUE
empty:
tilde: ~
float: 2.5
exponent: 1e3
underscore: 1_000
day: 2026-03-01
"""


def test_yaml_12_core_schema_scalars():
    root, findings = source.parse(SCALARS, "s.yaml")
    assert not findings and root is not None
    assert root.plain() == {
        "no": "No", "on": "on", "yes": "yes", "off": "off", "time": "1:30",
        "octal_looking": 17, "nine": 9, "octal": "0o17", "hex": "0x1F",
        "lower": True, "capital": False, "upper": True, "mixed": "tRUE",
        "empty": None, "tilde": None, "float": 2.5, "exponent": 1000.0, "underscore": "1_000",
        "day": __import__("datetime").date(2026, 3, 1),
    }


WORDS = ["true", "True", "TRUE", "tRUE", "truer", "t", "false", "False", "FALSE", "f", "fals", "null", "Null",
         "NULL", "nULL", "nul", "n", "no", "None", "~", "~x", "notes", "nl", "text", "Tekst", "017", "-3", "+4", ".5",
         ".inf", "-.inf", ".nan", ".NaN", "1e3", "0.", "+", ".", "0x1F", "1:30", "2026-03-01", "12:00"]


def test_every_plain_word_is_typed_as_the_core_schema_resolvers_type_it():
    text = "".join(f"k{i}: {word}\n" for i, word in enumerate(WORDS)) + "empty:\n"
    root, findings = source.parse(text, "s.yaml")
    assert not findings and root is not None
    # the resolvers, one by one (repr: the same types, and nan equal to nan)
    assert repr(root.plain()) == repr(yaml.load(text, Loader=source.ScenarioLoader))


def test_the_loader_class_types_like_the_scenario_reader():
    assert yaml.load(SCALARS, Loader=source.ScenarioLoader)["on"] == "on"
    assert yaml.load("a: 017", Loader=source.ScenarioLoader) == {"a": 17}
    node = yaml.compose("a: 1\nb: yes\n", Loader=source.ScenarioLoader)
    assert node.value[1][0].start_mark.line == 1  # marks kept


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="libyaml not installed")
def test_with_and_without_libyaml_the_tree_is_the_same(monkeypatch):
    with_c, _ = source.parse(SCALARS + GOOD.replace("format", "fmt"), "s.yaml")
    monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    without_c, _ = source.parse(SCALARS + GOOD.replace("format", "fmt"), "s.yaml")
    assert with_c == without_c


def test_a_yes_no_answer_in_a_text_stays_text(check):
    scenario, findings = check(GOOD.replace('text: {nl: "Bellen"}', "text: {nl: Nee, en: No}"))
    assert not errors(findings)
    assert scenario.situations["melding"].choices[0].text.get("en") == "No"
