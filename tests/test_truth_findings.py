"""Trainer findings of issue 10: findings in Dutch, Dutch words understood, untranslated texts listed, and the
small things a trainer ran into (new, hints, --choices, --resume, the text debrief, a folder without levers.yaml)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from game.store.database import Store

ROOT = Path(__file__).resolve().parent.parent

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
        effects: {ownership: 2, legality: 1}
        levers: [pw-18]
        goto: gesprek
      - id: boete
        text: {nl: "Boete", en: "Fine"}
        effects: {legality: 2, trust: -1}
        goto: gesprek
  gesprek:
    text: {nl: "Het gesprek.", en: "The talk."}
    choices:
      - id: luisteren
        text: {nl: "Luisteren", en: "Listen"}
        effects: {trust: 2}
        goto: goed
      - id: afkappen
        text: {nl: "Afkappen", en: "Cut short"}
        effects: {trust: -2, justification: -1}
        goto: slecht
endings:
  goed: {title: {nl: "Goed", en: "Good"}, text: {nl: "Het gaat goed.", en: "All is well."}, outcome: omgekeerd}
  slecht: {title: {nl: "Slecht", en: "Bad"}, text: {nl: "Het loopt vast.", en: "It is stuck."}}
debrief:
  reflection:
    nl: ["Wat deed je eerst?"]
    en: ["What did you do first?"]
  background: {nl: "De Participatiewet vraagt maatwerk.", en: "The Participation Act asks for tailoring."}
  sources: ["Participatiewet art. 18"]
"""


# -- findings in the reader's language -----------------------------------------------------------

def test_a_tab_is_called_a_tab_in_dutch(write, cli):
    path = write("format: 1\nid: casus\n\ttitle: x\n")
    code, out, _ = cli("validate", str(path), "--lang", "nl")
    assert code == 1
    assert f"{path}:3: fout: YAML-fout: er staat een tab op deze regel" in out
    assert "vervang de tab door spaties" in out


def test_an_unquoted_colon_gets_the_advice_to_quote_in_both_languages(write, cli):
    path = write('format: 1\nid: casus\ntitle: Let op: dit\n')
    _, dutch, _ = cli("validate", str(path))
    assert "zet een tekst met een dubbele punt tussen aanhalingstekens" in dutch
    _, english, _ = cli("validate", str(path), "--lang", "en")
    assert "put a text with a colon in double quotes" in english


@pytest.mark.parametrize("written, meant, where", [
    ("effects: {ownership: 2, legality: 1}", "effects: {vertrouwen: 2, legality: 1}", "trust"),
    ('    text: {nl: "Er is een melding.", en: "A report."}',
     '    speaker: teamleider\n    text: {nl: "Er is een melding.", en: "A report."}', "manager"),
    ("        levers: [pw-18]\n", "        levers: [pw-18]\n        thinking: [regel]\n", "rule"),
])
def test_did_you_mean_maps_the_dutch_words_a_trainer_types(check, written, meant, where):
    _, findings = check(CASE.replace(written, meant, 1))
    assert any(f'did you mean "{where}"?' in f.hint for f in findings if f.is_error), findings


def test_uitleg_is_explain(write, cli):
    path = write(CASE + "levers:\n  eigen-hefboom: {title: {nl: Eigen}, uitleg: {nl: Uitleg}}\n")
    _, out, _ = cli("validate", str(path))
    assert 'onbekende sleutel "uitleg" in lever eigen-hefboom; bedoel je "explain"?' in out


def test_findings_in_dutch_name_places_and_keep_ids(write, cli):
    path = write(CASE.replace("goto: slecht", "goto: slehct"))
    _, out, _ = cli("validate", str(path))
    assert 'fout: keuze gesprek.afkappen gaat naar "slehct", en dat is geen situatie of afloop;' in out
    assert '; bedoel je "slecht"?' in out
    assert "1 fout" in out


def test_a_dutch_finding_shows_control_characters_escaped(write, cli):
    path = write(CASE.replace("goto: slecht", 'goto: "sle\\e[2Jcht"'))
    _, out, _ = cli("validate", str(path))
    assert "\x1b" not in out and 'gaat naar "sle\\x1b[2Jcht"' in out


def test_validate_require_en_lists_every_untranslated_text_with_its_line(write, cli):
    text = CASE.replace('text: {nl: "Het gesprek.", en: "The talk."}', 'text: {nl: "Het gesprek."}')
    text = text.replace('text: {nl: "Afkappen", en: "Cut short"}', 'text: "Afkappen"')
    path = write(text)
    code, out, _ = cli("validate", str(path), "--require", "en", "--lang", "en")
    assert code == 1
    assert f'{path}:19: error: situation gesprek text has no English ("en")' in out
    assert f'{path}:26: error: choice gesprek.afkappen text has no English ("en")' in out
    assert cli("validate", str(path), "--lang", "en")[0] == 0  # without --require a missing English text is fine
    _, dutch, _ = cli("validate", str(path), "--require", "en")
    assert 'situatie gesprek text heeft geen Engelse tekst ("en")' in dutch


# -- the small things ------------------------------------------------------------------------------

def test_a_library_folder_without_levers_yaml_uses_the_shipped_catalogue(tmp_path, cli, monkeypatch):
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "casus.yaml").write_text(CASE.lstrip("\n"), encoding="utf-8")
    monkeypatch.setenv("OMGEKEERD_SCENARIOS", str(folder))
    code, out, _ = cli("validate", str(folder), "--lang", "en")
    assert code == 0 and "pw-18" not in out


def test_new_refuses_an_id_the_library_has_even_elsewhere(tmp_path, cli, monkeypatch):
    folder = tmp_path / "bieb"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios" / "levers.yaml", folder)
    (folder / "casus.yaml").write_text(CASE.lstrip("\n"), encoding="utf-8")
    monkeypatch.setenv("OMGEKEERD_SCENARIOS", str(folder))
    target = tmp_path / "elders" / "casus.yaml"
    target.parent.mkdir()
    code, _, err = cli("new", "casus", "--out", str(target), "--lang", "en")
    assert code == 1 and not target.exists()
    assert 'the library already has a scenario "casus"' in err


def test_the_header_of_a_new_case_names_the_real_output_path(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("new", "mijn-casus", "--out", "werk.yaml", "--lang", "en")
    assert code == 0
    header = (tmp_path / "werk.yaml").read_text(encoding="utf-8")
    assert "python main.py validate werk.yaml" in header and "play --text werk.yaml" in header
    assert "scenarios/mijn-casus.yaml" not in header


@pytest.mark.parametrize("started, expected", [("main.py", "python main.py play --resume"),
                                               ("/usr/local/bin/omgekeerd", "omgekeerd play --resume")])
def test_hints_name_the_command_the_user_ran(write, cli, tmp_path, monkeypatch, started, expected):
    monkeypatch.setattr("sys.argv", [started])
    code, out, _ = cli("play", "--text", str(write(CASE)), "--choices", "bellen", "--data-dir", str(tmp_path / "d"))
    assert code == 0 and expected in out


def test_a_failed_choices_run_is_not_offered_to_resume(write, cli, tmp_path):
    data = str(tmp_path / "d")
    code, _, err = cli("play", "--text", str(write(CASE)), "--choices", "bellen,bestaat_niet", "--data-dir", data,
                       "--lang", "en")
    assert code == 1 and "not offered to resume" in err
    with Store.open(data) as store:
        assert store.last_unfinished() is None
    code, out, _ = cli("play", "--resume", "--data-dir", data, "--lang", "en")
    assert code == 1 and "There is no unfinished playthrough" in out


def test_resume_continues_in_the_language_the_session_was_played_in(write, cli, tmp_path, monkeypatch):
    data = str(tmp_path / "d")
    cli("play", "--text", str(write(CASE)), "--choices", "bellen", "--data-dir", data, "--lang", "en")
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    code, out, _ = cli("play", "--resume", "--data-dir", data)
    assert code == 0
    assert "You continue session 1" in out and "Listen" in out


def test_the_text_debrief_shows_reflection_background_and_sources(write, cli, tmp_path):
    code, out, _ = cli("play", "--text", str(write(CASE)), "--choices", "bellen,luisteren",
                       "--data-dir", str(tmp_path / "d"))
    assert code == 0
    text = " ".join(out.split())
    assert "Om over na te denken: - Wat deed je eerst?" in text
    assert "Achtergrond: De Participatiewet vraagt maatwerk." in text
    assert "Bronnen: - Participatiewet art. 18" in text


BROKEN = """
format: 1
id: casus
titel: "x"
start: melding
situations:
  melding:
    speaker: collega
    text: {nl: "Er is een melding."}
    choices:
      - id: bellen
        text: {nl: "Bellen"}
        effects: {legalty: 1}
        requires: {flag: huisbezoek_gedaan}
        levers: [pw-onbekend]
        set: [gebeld]
        goto: gesprekk
  los:
    text: {nl: "Los."}
    choices: [{id: a, text: {nl: a}, goto: los}]
endings:
  einde: {title: {nl: "Einde"}, text: {nl: "Einde."}}
"""


def test_in_english_the_catalogue_renders_the_engine_s_own_words(check):
    from game.cli.findings import message, render

    _, findings = check(BROKEN)
    assert len(findings) >= 6
    recognised = [f for f in findings if message(f, "en")[1] is not None]
    assert len(recognised) >= 5
    assert [render(f, "en") for f in findings] == [str(f) for f in findings]


def test_in_dutch_the_common_findings_are_dutch(check):
    from game.cli.findings import render

    _, findings = check(BROKEN)
    shown = "\n".join(render(f, "nl") for f in findings)
    for dutch in ('onbekende sleutel "titel" in de casus; bedoel je "title"?', 'onbekende spreker "collega"',
                  'verandert de onbekende meetwaarde "legalty"; bedoel je "legality"?',
                  'noemt de onbekende hefboom "pw-onbekend"', 'gaat naar "gesprekk"',
                  "situatie los is vanaf de start niet te bereiken", "vanuit situatie los is geen afloop te bereiken"):
        assert dutch in shown, dutch
    assert ": fout: " in shown and "error" not in shown


LOOP = """
format: 1
id: casus
title: {nl: "Lus"}
start: a
situations:
  a:
    text: {nl: "A."}
    choices:
      - {id: terug, text: {nl: "Nog eens"}, effects: {trust: 1}, requires: {metric: trust, lt: 2}, goto: a}
      - {id: door, text: {nl: "Door"}, effects: {legality: 1}, goto: b}
      - {id: weg, text: {nl: "Weg"}, effects: {legality: -1, trust: -1}, goto: b}
  b:
    text: {nl: "B."}
    choices:
      - {id: weer, text: {nl: "Terug"}, goto: a}
      - {id: klaar, text: {nl: "Klaar"}, goto: einde}
endings:
  einde: {title: {nl: "Einde"}, text: {nl: "Einde."}, outcome: kind}
"""


def test_the_scoring_checks_in_dutch_and_in_the_engine_s_english(scenario):
    from game.cli.findings import message, render
    from game.content.library import load_library
    from scoring.smells import smells

    found = smells(scenario(LOOP)) + [f for s in load_library().playable()[:3] for f in smells(s)]
    kinds = {message(f, "en")[1] for f in found}
    assert {"findings.same_effects", "findings.no_lever", "findings.outcome_differs", "findings.give_away",
            "findings.strawman"} <= kinds
    assert [render(f, "en") for f in found] == [str(f) for f in found]
    dutch = "\n".join(render(f, "nl") for f in found)
    for words in ('heeft als uitkomst "kind", maar', "is een stropop", "de keuze van de expert is de langste tekst",
                  "zonder een wettelijke mogelijkheid te gebruiken", "hebben dezelfde gevolgen"):
        assert words in dutch, words
