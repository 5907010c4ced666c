"""Resuming: a killed game loses nothing committed; a changed scenario replays or says which choice no longer fits."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.play.resume import restore
from game.store.database import Store
from storekit import THREE_STEPS, edit, load, write_scenario

ROOT = Path(__file__).resolve().parent.parent


def saved_after(data: Path, path: Path, choices: list[str], source: str | None = None):
    """Start a session on the file at ``path``, make ``choices``, and return it as saved."""
    scenario = load(path)
    with Store.open(data) as store:
        session_id = store.start_session("anna", scenario, source or str(path.resolve()), "training", "nl")
        for choice in choices:
            store.record_choice(session_id, choice)
        return store.get(session_id)


# -- a crash loses nothing that was committed ----------------------------------------------

def _choices_saved(data: Path) -> int:
    if not (data / "omgekeerd.sqlite3").exists():
        return 0
    with Store.open(data) as store:
        saved = store.last_unfinished()
        return len(saved.choices) if saved else 0


def _wait_until(condition, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        assert process.poll() is None, process.stderr.read() if process.stderr else "the game stopped"
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_game_killed_after_two_choices_resumes_with_both(tmp_path):
    case = write_scenario(tmp_path / "cases")
    data = tmp_path / "data"
    env = dict(os.environ, OMGEKEERD_DATA=str(tmp_path / "elsewhere"), SDL_VIDEODRIVER="dummy",
               SDL_AUDIODRIVER="dummy", PYTHONUNBUFFERED="1")
    game = subprocess.Popen(
        [sys.executable, "main.py", "play", "--text", str(case), "--player", "anna", "--background", "wmo",
         "--data-dir", str(data)],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert game.stdin is not None
        for made, answer in enumerate(("1", "1"), start=1):  # bellen, luisteren
            game.stdin.write(answer + "\n")
            game.stdin.flush()
            _wait_until(lambda made=made: _choices_saved(data) == made, game)
        game.send_signal(signal.SIGKILL)
        game.wait(timeout=10)
    finally:
        if game.poll() is None:
            game.kill()
    assert game.returncode == -signal.SIGKILL
    resumed = subprocess.run(
        [sys.executable, "main.py", "play", "--resume", "--data-dir", str(data), "--choices", "maatwerk"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert resumed.returncode == 0, resumed.stderr
    assert "je had 2 keuzes gemaakt" in resumed.stdout
    assert "Afloop: Goed geregeld" in resumed.stdout  # maatwerk needs the flag set by the first choice
    with Store.open(data) as store:
        (saved,) = store.sessions()
        assert saved.choices == ["bellen", "luisteren", "maatwerk"] and saved.finished


# -- the scenario changed under a saved session ----------------------------------------------

def test_an_unchanged_scenario_resumes_where_it_was(tmp_path):
    case = write_scenario(tmp_path / "cases")
    restored = restore(saved_after(tmp_path / "data", case, ["bellen", "luisteren"]))
    assert restored.problem is None and not restored.changed
    assert restored.session.choice_ids == ["bellen", "luisteren"]
    assert restored.session.situation.id == "besluit"


def test_a_changed_scenario_whose_choices_still_fit_continues_on_the_new_version(tmp_path):
    case = write_scenario(tmp_path / "cases")
    saved = saved_after(tmp_path / "data", case, ["bellen", "luisteren"])
    edit(case, '"Het gesprek met Sam."', '"Het gesprek met Sam, aan de keukentafel."')
    restored = restore(saved)
    assert restored.problem is None and restored.changed
    assert restored.session.scenario.content_hash != saved.content_hash
    assert restored.session.choice_ids == ["bellen", "luisteren"]
    assert restored.session.situation.id == "besluit"


def test_a_removed_choice_is_named_with_number_id_situation_and_reason(tmp_path):
    case = write_scenario(tmp_path / "cases")
    saved = saved_after(tmp_path / "data", case, ["bellen", "luisteren"])
    edit(case, "- id: luisteren", "- id: doorvragen")
    restored = restore(saved)
    assert restored.session is None and restored.changed
    assert restored.misfit is not None
    assert (restored.misfit.number, restored.misfit.choice_id, restored.misfit.situation) == (2, "luisteren", "gesprek")
    assert restored.problem == ('De casus is gewijzigd sinds je begon. Keuze 2 (luisteren: "Luisteren naar wat Sam '
                                'wil") in situatie "gesprek" ("Het gesprek met Sam.") past niet meer: die keuze '
                                "bestaat daar niet meer.")
    assert restored.scenario is not None  # the new version, to start again with


def test_a_choice_that_is_no_longer_available_says_why(tmp_path):
    case = write_scenario(tmp_path / "cases")
    saved = saved_after(tmp_path / "data", case, ["brief", "luisteren"])
    edit(case, "      - id: luisteren\n", "      - id: luisteren\n        requires: {flag: gebeld}\n")
    restored = restore(saved, lang="en")
    assert restored.misfit.number == 2
    assert "not available there now" in restored.problem and "gebeld" in restored.problem


def test_a_rerouted_scenario_names_where_play_now_goes(tmp_path):
    case = write_scenario(tmp_path / "cases")
    saved = saved_after(tmp_path / "data", case, ["bellen", "luisteren"])
    edit(case, "        feedback: {nl: \"Sam neemt op.\", en: \"Sam answers.\"}\n        goto: gesprek",
         "        feedback: {nl: \"Sam neemt op.\", en: \"Sam answers.\"}\n        goto: besluit")
    restored = restore(saved, lang="en")
    assert restored.misfit.situation == "gesprek"
    assert 'you now come to situation "besluit" instead' in restored.problem


def test_a_deleted_file_resumes_from_the_saved_copy(tmp_path):
    case = write_scenario(tmp_path / "cases")
    saved = saved_after(tmp_path / "data", case, ["bellen"])
    case.unlink()
    restored = restore(saved)
    assert restored.problem is None and not restored.changed
    assert restored.session.choice_ids == ["bellen"] and "bewaarde versie" in restored.note


def test_a_library_scenario_is_found_by_its_id(tmp_path, monkeypatch):
    library = tmp_path / "library"
    case = write_scenario(library)
    (library / "levers.yaml").write_text((ROOT / "scenarios" / "levers.yaml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    monkeypatch.setenv("OMGEKEERD_SCENARIOS", str(library))
    saved = saved_after(tmp_path / "data", case, ["bellen"], source="drie-stappen")
    edit(case, '"Het gesprek met Sam."', '"Het gesprek met Sam, thuis."')
    restored = restore(saved)
    assert restored.problem is None and restored.changed
    assert restored.session.situation.text.get("nl") == "Het gesprek met Sam, thuis."


def test_nothing_loadable_is_a_message_not_a_crash(tmp_path):
    case = write_scenario(tmp_path / "cases")
    saved = saved_after(tmp_path / "data", case, ["bellen"])
    case.unlink()
    from dataclasses import replace
    damaged = replace(saved, content="format: 1\nid: [kapot")
    restored = restore(damaged, lang="en")
    assert restored.session is None and f"Session {saved.id} cannot go on" in restored.problem


# -- the same through the command line -------------------------------------------------------

def test_resume_after_an_edit_that_still_fits_says_so_and_finishes(tmp_path, cli):
    case = write_scenario(tmp_path / "cases")
    data = str(tmp_path / "data")
    assert cli("play", "--text", str(case), "--choices", "bellen", "--data-dir", data)[0] == 0
    edit(case, '"Het besluit."', '"Het besluit over Sam."')
    code, out, _ = cli("play", "--resume", "--choices", "luisteren,maatwerk", "--data-dir", data)
    assert code == 0
    assert "De casus is gewijzigd sinds je begon. Je keuzes passen nog" in out
    assert "Het besluit over Sam." in out and "Afloop: Goed geregeld" in out
    with Store.open(data) as store:
        (saved,) = store.sessions()
        assert saved.finished and saved.content_hash == load(case).content_hash


def test_resume_after_an_edit_that_no_longer_fits_offers_a_restart(tmp_path, cli, monkeypatch):
    case = write_scenario(tmp_path / "cases")
    data = str(tmp_path / "data")
    cli("play", "--text", str(case), "--choices", "bellen,luisteren", "--data-dir", data)
    edit(case, "- id: luisteren", "- id: doorvragen")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _ = cli("play", "--resume", "--data-dir", data)
    assert code == 0 and "Keuze 2 (luisteren" in out and "Opnieuw beginnen" in out
    assert "Sessie 1 is bewaard zoals ze was." in out
    monkeypatch.setattr("sys.stdin", io.StringIO("j\n1\n1\n1\n"))
    code, out, _ = cli("play", "--resume", "--data-dir", data)
    assert code == 0 and "je begint opnieuw in sessie 2" in out
    with Store.open(data) as store:
        old, new = store.sessions()
        assert old.abandoned and old.choices == ["bellen", "luisteren"]  # kept, set aside
        assert new.finished and new.choices == ["bellen", "doorvragen", "maatwerk"]


def test_resume_scripted_with_a_misfit_keeps_the_session_and_exits_1(tmp_path, cli):
    case = write_scenario(tmp_path / "cases")
    data = str(tmp_path / "data")
    cli("play", "--text", str(case), "--choices", "bellen,luisteren", "--data-dir", data)
    case.write_text(THREE_STEPS.replace("- id: bellen", "- id: opbellen"), encoding="utf-8")
    code, out, _ = cli("--lang", "en", "play", "--resume", "--choices", "maatwerk", "--data-dir", data)
    assert code == 1
    assert 'Choice 1 (bellen: "Call Sam") in situation "melding"' in out
    assert "Session 1 was kept as it was." in out


def test_resume_without_an_unfinished_session_says_so(tmp_path, cli):
    code, out, _ = cli("play", "--resume", "--data-dir", str(tmp_path / "data"))
    assert code == 1 and "Er is geen onafgemaakte speelsessie" in out
