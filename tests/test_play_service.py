"""The recorded-play service and atomic writes: one set of rules for the window and the terminal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.store.files import UnsafeTarget, write_atomic


# -- writing a file atomically ---------------------------------------------------------------

def test_an_atomic_write_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "verslag.html"
    target.write_text("oud", encoding="utf-8")
    write_atomic(target, "nieuw — één")
    assert target.read_text(encoding="utf-8") == "nieuw — één"
    assert os.listdir(tmp_path) == ["verslag.html"]


def test_a_symlink_target_is_refused_and_nothing_is_written_through_it(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders.txt"
    elsewhere.write_text("van iemand anders", encoding="utf-8")
    link = tmp_path / "verslag.html"
    link.symlink_to(elsewhere)
    with pytest.raises(UnsafeTarget) as refused:
        write_atomic(link, "<html>")
    assert "symbolische link" in refused.value.message("nl") and "symbolic link" in refused.value.message("en")
    assert elsewhere.read_text(encoding="utf-8") == "van iemand anders" and link.is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["elders.txt", "verslag.html"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_or_a_folder_target_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeTarget, match="FIFO"):
        write_atomic(fifo, "x")  # would block forever if it opened the pipe
    with pytest.raises(UnsafeTarget, match="folder"):
        write_atomic(tmp_path, "x")
    assert sorted(os.listdir(tmp_path)) == ["pijp"]


def test_a_write_that_fails_halfway_leaves_the_old_file_untouched(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "verslag.html"
    target.write_text("oud", encoding="utf-8")

    def broken_fsync(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "nieuw")
    assert target.read_text(encoding="utf-8") == "oud" and os.listdir(tmp_path) == ["verslag.html"]


# -- one service, the same store contents from the window and the terminal ------------------

from dataclasses import asdict  # noqa: E402

from game.engine.session import ChoiceRefused  # noqa: E402
from game.play.memory import MemoryStore  # noqa: E402
from game.play.service import ASSESSMENT, TRAINING, Playthrough, set_aside  # noqa: E402
from game.store.database import SavedSession, Store, StoreError  # noqa: E402
from game.ui.playthrough import Playthrough as WindowPlaythrough  # noqa: E402
from game.ui.records import Records  # noqa: E402
from storekit import load, write_scenario  # noqa: E402

# bellen, luisteren, take it back, formulier, maatwerk (the ending "goed")
SEQUENCE_KEYS = ("1", "1", "u", "2", "1")
CLOCK_FIELDS = ("started", "updated", "finished_at", "choice_times", "uid")  # uid: per install


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_scenario(tmp_path / "cases")


def contents(saved: SavedSession | None) -> dict[str, object]:
    """What the store holds about a playthrough, without the clock."""
    assert saved is not None
    return {k: v for k, v in asdict(saved).items() if k not in CLOCK_FIELDS}


def answers(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


def as_the_window_does(records: Records, case: Path) -> int:
    """The calls the intro, situation and ending screens make, in the same order."""
    records.ensure_player("Sam", "wmo")
    play = WindowPlaythrough.begin(load(case), records, player="Sam", background="wmo", mode=TRAINING, lang="nl",
                                   source=str(case.resolve()))
    play.choose("bellen")
    play.choose("luisteren")
    assert play.undo()
    play.choose("formulier")
    play.choose("maatwerk")
    assert play.finish() is not None
    return play.session_id


def test_the_window_and_the_terminal_leave_the_same_record_for_the_same_play(tmp_path, cli, case, monkeypatch):
    answers(monkeypatch, *SEQUENCE_KEYS)
    code, out, _ = cli("play", "--text", str(case), "--player", "Sam", "--background", "wmo",
                       "--data-dir", str(tmp_path / "terminal"))
    assert code == 0 and "De laatste keuze is teruggenomen." in out
    with Store.open(tmp_path / "terminal") as store:
        by_terminal = contents(store.get(1))
    with Store.open(tmp_path / "window") as store:
        by_window = contents(store.get(as_the_window_does(Records(store), case)))
    memory = MemoryStore()
    in_memory = contents(memory.get(as_the_window_does(Records(memory), case)))

    assert by_terminal["choices"] == ["bellen", "formulier", "maatwerk"]
    assert by_terminal["finished"] and by_terminal["ending"] == "goed" and by_terminal["quadrant"]
    assert by_window == by_terminal == in_memory


def test_the_game_window_and_the_terminal_leave_the_same_record(tmp_path, cli, monkeypatch) -> None:
    """The real window, clicked through headless, against the terminal with the same choices (and an undo)."""
    from uikit import click, library_folder, open_app, type_text

    library = library_folder(tmp_path)
    app = open_app(tmp_path, library)
    try:
        click(app, "input")
        type_text(app, "Sam")
        click(app, "background:wmo")
        click(app, "go")
        click(app, "card:gesloten-deur")
        click(app, "begin")
        click(app, "choice:bellen")
        click(app, "feedback:undo")  # take the call back
        click(app, "choice:brief")
        click(app, "feedback:continue")
        click(app, "choice:indiceren")
        assert app.screen.name == "ending"
    finally:
        app.close()
    answers(monkeypatch, "1", "u", "2", "2")  # the same: call, take it back, letter, standard assessment
    code, _, _ = cli("play", "--text", str(library / "gesloten-deur.yaml"), "--player", "Sam",
                     "--background", "wmo", "--data-dir", str(tmp_path / "terminal"))
    assert code == 0
    with Store.open(tmp_path / "data") as store:
        by_window = contents(store.get(1))
    with Store.open(tmp_path / "terminal") as store:
        by_terminal = contents(store.get(1))
    assert by_window["choices"] == ["brief", "indiceren"] and by_window["ending"] == "matig"
    assert (by_window.pop("source"), by_terminal.pop("source")) == (
        "gesloten-deur", str((library / "gesloten-deur.yaml").resolve()))  # opened from the library, or a file
    assert by_window == by_terminal


def test_a_choice_the_store_cannot_save_is_not_made(case: Path) -> None:
    store = MemoryStore()
    play = Playthrough.start(store, load(case), player="Sam", background=None, mode=TRAINING, lang="nl",
                             source=str(case))
    play.choose("bellen")
    set_aside(store, play.session_id)  # from now on the store refuses every step
    with pytest.raises(StoreError):
        play.choose("luisteren")
    assert play.session.choice_ids == ["bellen"] == store.get(play.session_id).choices
    assert play.session.situation.id == "gesprek"


def test_a_refused_choice_is_neither_made_nor_saved(case: Path) -> None:
    store = MemoryStore()
    play = Playthrough.start(store, load(case), player="Sam", background=None, mode=TRAINING, lang="nl",
                             source=str(case))
    play.choose("brief")
    play.choose("luisteren")
    with pytest.raises(ChoiceRefused):
        play.choose("maatwerk")  # needs the call first
    assert store.get(play.session_id).choices == ["brief", "luisteren"] == play.session.choice_ids


def test_undo_only_in_training_and_never_after_the_ending_is_saved(case: Path) -> None:
    store = MemoryStore()
    scenario = load(case)
    test = Playthrough.start(store, scenario, player="Sam", background=None, mode=ASSESSMENT, lang="nl",
                             source=str(case))
    test.choose("bellen")
    assert not test.undo() and store.get(test.session_id).choices == ["bellen"]
    play = Playthrough.start(store, scenario, player="Sam", background=None, mode=TRAINING, lang="nl",
                             source=str(case))
    for choice_id in ("bellen", "luisteren", "maatwerk"):
        play.choose(choice_id)
    debrief = play.finish()
    assert debrief is not None and not play.undo()
    saved = store.get(play.session_id)
    assert saved.choices == ["bellen", "luisteren", "maatwerk"] and saved.finished
    assert (saved.resident, saved.rules, saved.quadrant) == (debrief.scores.resident, debrief.scores.rules,
                                                             debrief.quadrant)


# -- resume and set aside ----------------------------------------------------------------------

def test_resume_continues_exactly_where_the_stored_choices_end(tmp_path, cli, case) -> None:
    data = tmp_path / "data"
    assert cli("play", "--text", str(case), "--choices", "bellen,formulier", "--player", "Sam",
               "--data-dir", str(data))[0] == 0
    with Store.open(data) as store:
        resumed = Playthrough.resume(store, store.last_unfinished("Sam"))
        play = resumed.playthrough
        assert play is not None and resumed.problem is None
        assert play.session.choice_ids == ["bellen", "formulier"] and play.session.situation.id == "besluit"
        assert play.last_step is not None and play.last_step.choice == "formulier"
        play.choose("maatwerk")
        play.finish()
        saved = store.get(play.session_id)
    assert play.session_id == 1 and saved.choices == ["bellen", "formulier", "maatwerk"] and saved.ending == "goed"


def test_a_playthrough_set_aside_is_no_longer_offered_to_resume(tmp_path, cli, case) -> None:
    data = tmp_path / "data"
    cli("play", "--text", str(case), "--choices", "brief", "--player", "Sam", "--data-dir", str(data))
    cli("play", "--text", str(case), "--choices", "bellen", "--player", "Sam", "--data-dir", str(data))
    with Store.open(data) as store:
        play = Playthrough.resume(store, store.last_unfinished("Sam")).playthrough
        assert play is not None and play.session_id == 2
        play.set_aside()
        offered = store.last_unfinished("Sam")
        assert offered is not None and offered.id == 1  # the older one is offered again
        set_aside(store, 1)
        assert store.last_unfinished("Sam") is None
        assert [s.abandoned for s in store.sessions("Sam")] == [True, True]  # kept, not deleted
    code, out, _ = cli("play", "--resume", "--player", "Sam", "--data-dir", str(data))
    assert code == 1 and "geen onafgemaakte" in out.lower()


def test_starting_again_sets_the_old_playthrough_aside_and_records_a_new_one(case: Path) -> None:
    store = MemoryStore()
    scenario = load(case)
    first = Playthrough.start(store, scenario, player="Sam", background="jeugd", mode=ASSESSMENT, lang="nl",
                              source=str(case))
    first.choose("bellen")
    again = Playthrough.start_again(store, store.get(first.session_id), scenario)
    assert store.get(first.session_id).abandoned and store.get(first.session_id).choices == ["bellen"]
    assert (again.session_id, again.mode, again.session.choice_ids) == (2, ASSESSMENT, [])
    assert store.last_unfinished("Sam").id == 2


# -- the report, written atomically -------------------------------------------------------------

def finished_play(store: Store | MemoryStore, case: Path) -> Playthrough:
    play = Playthrough.start(store, load(case), player="Sam", background="wmo", mode=TRAINING, lang="nl",
                             source=str(case))
    for choice_id in ("bellen", "luisteren", "maatwerk"):
        play.choose(choice_id)
    play.finish()
    return play


def test_the_report_of_a_playthrough_is_written_whole(tmp_path: Path, case: Path) -> None:
    target = tmp_path / "verslag.html"
    finished_play(MemoryStore(), case).write_report(target)
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Sam" in html and html.rstrip().endswith("</html>")
    assert os.listdir(tmp_path) == ["cases", "verslag.html"]


def test_a_failing_render_leaves_an_existing_report_untouched(tmp_path, case, monkeypatch, cli) -> None:
    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("template broke")

    target = tmp_path / "verslag.html"
    target.write_text("het vorige verslag", encoding="utf-8")
    monkeypatch.setattr("game.render.report.render_report", broken)
    with pytest.raises(RuntimeError):
        finished_play(MemoryStore(), case).write_report(target)
    assert target.read_text(encoding="utf-8") == "het vorige verslag"
    assert sorted(os.listdir(tmp_path)) == ["cases", "verslag.html"]


def test_the_report_command_refuses_a_symlink_and_writes_nothing_through_it(tmp_path, cli, case) -> None:
    data = str(tmp_path / "data")
    cli("play", "--text", str(case), "--choices", "bellen,luisteren,maatwerk", "--data-dir", data)
    elsewhere = tmp_path / "elders.txt"
    elsewhere.write_text("niet van jou", encoding="utf-8")
    link = tmp_path / "verslag.html"
    link.symlink_to(elsewhere)
    code, out, err = cli("report", "1", "--out", str(link), "--data-dir", data)
    assert code == 1 and "symbolische link" in err and "Kies een andere bestandsnaam" in err
    assert elsewhere.read_text(encoding="utf-8") == "niet van jou" and link.is_symlink()
    code, _, err = cli("--lang", "en", "report", "1", "--out", str(link), "--data-dir", data)
    assert code == 1 and "is a symbolic link" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_the_report_command_refuses_a_fifo(tmp_path, cli, case) -> None:
    data = str(tmp_path / "data")
    cli("play", "--text", str(case), "--choices", "bellen", "--data-dir", data)
    fifo = tmp_path / "verslag.html"
    os.mkfifo(fifo)
    code, _, err = cli("report", "1", "--out", str(fifo), "--data-dir", data)
    assert code == 1 and "FIFO" in err and "niets geschreven" in err


def test_a_playthrough_report_replaces_a_file_but_never_writes_through_a_link(tmp_path, case) -> None:
    with Store.open(tmp_path / "data") as store:
        play = finished_play(store, case)
        play.write_report(tmp_path / "een.html")
        assert "Sam" in (tmp_path / "een.html").read_text(encoding="utf-8")
        (tmp_path / "link.html").symlink_to(tmp_path / "een.html")
        with pytest.raises(UnsafeTarget):
            play.write_report(tmp_path / "link.html")
