"""The store through the command line: --data-dir after the command, recording play, debrief, forget, errors."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from game.store.database import DB_NAME, Store
from storekit import write_scenario


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_scenario(tmp_path / "cases")


def answers(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    """What the player types, line by line."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


def test_data_dir_is_accepted_after_the_command_name_by_every_store_command(tmp_path, cli, case):
    data = tmp_path / "chosen"
    default = Path(os.environ["OMGEKEERD_DATA"])
    assert cli("play", "--text", str(case), "--choices", "bellen,luisteren,maatwerk", "--data-dir", str(data))[0] == 0
    assert cli("report", "1", "--out", str(tmp_path / "r.html"), "--data-dir", str(data))[0] == 0
    assert cli("export", "--csv", str(tmp_path / "e.csv"), "--data-dir", str(data))[0] == 0
    code, out, _ = cli("forget", "speler", "--data-dir", str(data))
    assert code == 0 and "1 sessie." in out
    assert (data / DB_NAME).is_file() and not (default / DB_NAME).exists()


def test_data_dir_before_the_command_and_the_environment_also_work(tmp_path, cli, case, monkeypatch):
    assert cli("--data-dir", str(tmp_path / "before"), "play", "--text", str(case), "--choices", "bellen")[0] == 0
    with Store.open(tmp_path / "before") as store:
        assert store.last_unfinished().choices == ["bellen"]
    monkeypatch.setenv("OMGEKEERD_DATA", str(tmp_path / "env"))
    assert cli("play", "--text", str(case), "--choices", "brief")[0] == 0
    with Store.open(tmp_path / "env") as store:
        assert store.last_unfinished().choices == ["brief"]


def test_scripted_play_records_the_playthrough_and_its_scores(tmp_path, cli, case):
    data = str(tmp_path / "data")
    code, out, _ = cli("play", "--text", str(case), "--choices", "brief,formulier,afwijzen", "--json",
                       "--player", "Anna", "--background", "jeugd", "--data-dir", data)
    result = json.loads(out)
    assert code == 0 and result["session"] == 1
    with Store.open(data) as store:
        saved = store.get(1)
    assert (saved.player, saved.background, saved.mode) == ("Anna", "jeugd", "training")
    assert saved.choices == ["brief", "formulier", "afwijzen"] and saved.finished and saved.ending == "slecht"
    assert (saved.resident, saved.rules, saved.quadrant) == (
        result["scores"]["resident"], result["scores"]["rules"], result["quadrant"])


def test_a_finished_text_playthrough_ends_with_the_debrief_and_the_session_id(tmp_path, cli, case):
    code, out, _ = cli("play", "--text", str(case), "--choices", "brief,luisteren,afwijzen",
                       "--data-dir", str(tmp_path / "data"))
    assert code == 0
    debrief = out.split("Nabespreking")[1]
    for expected in ("Bewonersgericht: ", "Rechtmatig: ", "De vier vragen:", "Is het efficiënt?",
                     "Efficiëntie-denken", "Wettelijke mogelijkheden die je gebruikte: geen",
                     "Wettelijke mogelijkheden die je liet liggen: Afstemming", "De route van de expert",
                     "1. Sam bellen", "python main.py report 1 --out verslag.html"):
        assert expected in debrief, expected


def test_interactive_play_asks_pseudonym_and_background_and_saves_each_choice(tmp_path, cli, case, monkeypatch):
    answers(monkeypatch, "Carla", "3", "1", "2", "u", "q")  # bellen, formulier, take it back, stop
    data = str(tmp_path / "data")
    code, out, _ = cli("play", "--text", str(case), "--data-dir", data)
    assert code == 0
    assert "Je schuilnaam (geen echte naam" in out and "Wmo-consulent" in out
    assert "bewaard als sessie 1 van Carla" in out
    assert "De laatste keuze is teruggenomen." in out
    assert "Je keuzes tot nu toe zijn bewaard." in out and "play --resume" in out
    with Store.open(data) as store:
        saved = store.last_unfinished()
    assert (saved.player, saved.background, saved.choices) == ("Carla", "wmo", ["bellen"])


def test_interactive_resume_shows_the_history_and_plays_on(tmp_path, cli, case, monkeypatch):
    data = str(tmp_path / "data")
    cli("play", "--text", str(case), "--choices", "bellen", "--player", "Dana", "--data-dir", data)
    answers(monkeypatch, "1", "1")
    code, out, _ = cli("--lang", "en", "play", "--resume", "--data-dir", data)
    assert code == 0
    assert "You continue session 1 (Dana); you had made 1 choice." in out
    assert "1. Call Sam" in out.split("History")[1]
    assert "Outcome: Well arranged" in out and "Debrief" in out


def test_assessment_mode_is_kept_when_resuming(tmp_path, cli, case, monkeypatch):
    data = str(tmp_path / "data")
    cli("play", "--text", str(case), "--assessment", "--choices", "bellen", "--data-dir", data)
    answers(monkeypatch, "u", "q")
    code, out, _ = cli("play", "--resume", "--data-dir", data)
    assert code == 0 and "Er is geen keuze om terug te nemen." in out
    with Store.open(data) as store:
        saved = store.last_unfinished()
    assert saved.mode == "assessment" and saved.choices == ["bellen"]


def test_forget_removes_one_player_and_names_an_unknown_one(tmp_path, cli, case):
    data = str(tmp_path / "data")
    cli("play", "--text", str(case), "--choices", "bellen", "--player", "Eva", "--data-dir", data)
    cli("play", "--text", str(case), "--choices", "brief", "--player", "Fred", "--data-dir", data)
    code, out, _ = cli("forget", "eva", "--data-dir", data)
    assert code == 0 and "Alles van Eva is verwijderd: 1 sessie." in out
    code, _, err = cli("forget", "Eva", "--data-dir", data)
    assert code == 1 and 'Er is geen speler "Eva".' in err
    with Store.open(data) as store:
        assert [p.name for p in store.players()] == ["Fred"]


def test_a_damaged_database_gives_one_line_for_every_command_and_is_kept(tmp_path, cli, case):
    data = tmp_path / "data"
    data.mkdir()
    damaged = b"SQLite? no. " * 300
    (data / DB_NAME).write_bytes(damaged)
    runs = [("play", "--text", str(case), "--choices", "bellen"), ("play", "--resume"),
            ("report", "--last", "--out", str(tmp_path / "r.html")), ("export", "--csv", str(tmp_path / "e.csv")),
            ("forget", "Eva")]
    for argv in runs:
        code, _, err = cli(*argv, "--data-dir", str(data))
        assert code == 1, argv
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert str(data / DB_NAME) in err and "bewaard zoals het was" in err
    assert (data / DB_NAME).read_bytes() == damaged
    assert not (tmp_path / "r.html").exists() and not (tmp_path / "e.csv").exists()


def test_a_bad_pseudonym_is_refused_before_playing(tmp_path, cli, case):
    code, out, err = cli("play", "--text", str(case), "--choices", "bellen", "--player", "x" * 60,
                         "--data-dir", str(tmp_path / "data"))
    assert code == 1 and "De schuilnaam" in err and out == ""
