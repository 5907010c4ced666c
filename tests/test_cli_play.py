"""The command line `play --text SCENARIO --choices ... [--json]`: what scripts rely on."""

from __future__ import annotations

import json

from conftest import EXAMPLES

EXAMPLE = str(EXAMPLES / "huurachterstand.yaml")


def test_scripted_json_has_the_documented_keys(cli):
    code, out, _ = cli("play", "--text", EXAMPLE, "--choices", "bellen,samen_plan", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["scenario"] == "huurachterstand"
    assert result["ending"] == "duurzaam"
    assert result["path"] == ["signaal", "gesprek", "afronding"]
    assert result["metrics"]["trust"] == 3 and result["metrics"]["schuld"] == 500
    assert result["flags"] == ["afspraak_gemaakt", "contact_gelegd"]
    assert result["thinking"] == {}
    assert result["levers"] == {"used": ["wgs-vroegsignalering"], "missed": []}
    assert result["scores"] == {"resident": 100, "rules": 100}
    assert result["quadrant"] == "omgekeerd"
    assert result["questions"]["involved"]["verdict"] == "yes"


def test_scripted_json_tallies_thinking_and_missed_levers(cli):
    code, out, _ = cli("play", "--text", EXAMPLE, "--choices", "standaardbrief,dossier_sluiten", "--json")
    result = json.loads(out)
    assert code == 0 and result["ending"] == "ontruiming"
    assert result["thinking"] == {"efficiency": 1, "rule": 1}
    assert result["levers"]["missed"] == ["wgs-vroegsignalering"]


def test_unknown_choice_stops_with_exit_1(cli):
    code, out, err = cli("play", "--text", EXAMPLE, "--choices", "bellen,vliegen", "--json")
    assert code == 1 and out == ""
    assert 'keuze 2 (vliegen) in situatie "gesprek" kan niet worden gemaakt' in err
    assert "samen_plan" in err  # the choices that do exist


def test_unavailable_choice_gives_requires_text(cli):
    code, _, err = cli("--lang", "en", "play", "--text", EXAMPLE, "--choices", "standaardbrief,alsnog_bellen", "--json")
    assert code == 0
    code, _, err = cli("play", "--text", str(EXAMPLES / "de-brief.yaml"), "--choices", "meteen_schrijven,persoonlijk")
    assert code == 1 and "eerst: gebeld" in err
    code, _, err = cli("play", "--text", EXAMPLE, "--lang", "en", "--choices", "bellen,overnemen")
    assert code == 0
    code, _, err = cli("play", "--text", EXAMPLE, "--lang", "en", "--choices", "standaardbrief,alsnog_bellen,x")
    assert code == 1 and "already ended" in err


def test_scripted_text_output_shows_the_story(cli):
    code, out, _ = cli("play", "--text", EXAMPLE, "--lang", "en", "--choices", "bellen,samen_plan")
    assert code == 0
    assert "Fatima puts an email on your desk." in out
    assert "1. Call Joost today and visit if he wants" in out
    assert "Joost answers. He is ashamed, but he wants to talk." in out  # feedback
    assert "Outcome: A way out, together" in out
    assert "Calling him straight away made the difference." in out  # epilogue


def test_broken_scenario_is_refused_with_findings(cli, write):
    path = write("format: 1\nid: kapot\nstart: nergens\nsituations: {}\nendings: {}\n", "kapot.yaml")
    code, out, err = cli("play", "--text", str(path), "--choices", "a", "--json", "--lang", "en")
    assert code == 1 and out == ""
    assert f"{path}:3: error: start names" in err


def test_library_id_that_does_not_exist(cli):
    code, _, err = cli("play", "--text", "bestaat-niet", "--choices", "a")
    assert code == 1 and 'no scenario "bestaat-niet"' in err


def test_text_mode_picker_plays_and_records(monkeypatch, capsys, tmp_path):
    from game.cli.main import pick_in_terminal
    from game.content.library import load_library
    from game.store.database import Store

    first = load_library().playable()[0]
    answers = iter(["1", "Tess", "", "q"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert pick_in_terminal("nl", str(tmp_path)) == 0
    out = capsys.readouterr().out
    assert first.title.get("nl") in out and "Gestopt." in out
    store = Store.open(str(tmp_path))
    try:
        saved = store.last_unfinished("Tess")
        assert saved is not None and saved.scenario_id == first.id and saved.choices == []
    finally:
        store.close()
