"""The window loads the library in the background: progress on screen, cases as they come, never a freeze."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

import game.content.library as content
from game.ui.app import PROGRESS_REDRAW
from uikit import GATED, ROOT, library_folder, open_app, press, texts_on_screen, type_text

CASES = 40


@pytest.fixture
def large(tmp_path: Path) -> Path:
    """A library of 40 cases (and one broken file at the end)."""
    folder = library_folder(tmp_path)
    (folder / "gesloten-deur.yaml").unlink()
    case = textwrap.dedent(GATED).lstrip()
    for number in range(1, CASES + 1):
        text = case.replace("id: gesloten-deur", f"id: deur-{number:02d}")
        text = text.replace('"De gesloten deur"', f'"Deur nummer {number}"').replace('"The closed door"',
                                                                                    f'"Door number {number}"')
        (folder / f"deur-{number:02d}.yaml").write_text(text, encoding="utf-8")
    (folder / "zz-kapot.yaml").write_text("format: 1\nid: zz-kapot\nstart: nergens\nsituations: {}\nendings: {}\n",
                                          encoding="utf-8")
    return folder


class Gate:
    """Holds the loading thread before each file until the test lets that many files through."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.allowed = 0
        self.condition = threading.Condition()
        self.started = 0
        real = content.check_file

        def gated(path: Path, catalogue: dict) -> content.Entry:  # type: ignore[type-arg]
            with self.condition:
                self.started += 1
                number = self.started
                self.condition.wait_for(lambda: self.allowed >= number, timeout=20)
            return real(path, catalogue)

        monkeypatch.setattr(content, "check_file", gated)

    def allow(self, files: int) -> None:
        with self.condition:
            self.allowed = files
            self.condition.notify_all()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(monkeypatch)
    yield held
    held.allow(10_000)  # a test that fails never leaves the thread waiting


def frames_until(app, done: int, limit: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Run frames (as the loop does) until the background load has checked ``done`` files."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        app.pump()
        progress = app.library_progress
        if progress is None or progress.done >= done:
            settle = time.monotonic() + PROGRESS_REDRAW + 0.02  # the screen shows a load's progress ten times a second
            while time.monotonic() < settle:
                app.pump()
                time.sleep(0.01)
            app.pump()
            return
        time.sleep(0.01)
    raise AssertionError(f"the library load never reached {done} files")


def to_library(app) -> None:  # type: ignore[no-untyped-def]
    type_text(app, "Sam")
    app.screen.set_background("handhaving")
    press(app, pygame.K_RETURN)
    assert app.screen.name == "library"


def test_progress_shows_while_loading_and_the_cases_come_as_they_are_checked(large: Path, tmp_path: Path,
                                                                          gate: Gate) -> None:
    app = open_app(tmp_path, large)
    try:
        app.load_library()
        to_library(app)  # the player gets to the library while no file is loaded yet
        frames_until(app, 0)
        shown = texts_on_screen(app)
        assert "Bibliotheek laden… 0 van 41 casussen" in shown
        assert "Deur nummer" not in shown and "Er zijn geen speelbare" not in shown
        gate.allow(7)
        frames_until(app, 7)
        shown = texts_on_screen(app)
        assert "Bibliotheek laden… 7 van 41 casussen" in shown
        assert "Deur nummer 7" in shown and "Deur nummer 8" not in shown
        press(app, pygame.K_1, unicode="1")  # a case that is there can be opened while the rest loads
        assert app.screen.name == "intro" and app.screen.scenario.id == "deur-01"
        press(app, pygame.K_ESCAPE)
        gate.allow(10_000)
        frames_until(app, CASES + 1)
        shown = texts_on_screen(app)
        assert "Bibliotheek laden" not in shown
        assert "Deur nummer 40" in shown and "zz-kapot.yaml:3: fout" in shown  # a broken file shows its finding
        assert len(app.screen.filtered()) == CASES
    finally:
        app.close()


def test_the_progress_line_is_english_too(large: Path, tmp_path: Path, gate: Gate) -> None:
    app = open_app(tmp_path, large, lang="en")
    try:
        app.load_library()
        gate.allow(1)
        frames_until(app, 1)
        assert "Loading library… 1 of 41 cases" in texts_on_screen(app)  # under the start screen's questions
    finally:
        app.close()


def test_typing_and_quitting_work_while_a_file_takes_long(large: Path, tmp_path: Path, gate: Gate) -> None:
    app = open_app(tmp_path, large)
    app.load_library()
    type_text(app, "Ria")  # the loader is held on its first file: the window still answers
    assert app.screen.name_value == "Ria"
    app.running = True
    press(app, pygame.K_ESCAPE)
    assert not app.running  # Escape on the start screen closes the game...
    started = time.monotonic()
    app.close()  # ...and closing does not wait for the file in hand
    assert time.monotonic() - started < 2.0


def test_a_fault_in_the_loading_thread_becomes_the_files_finding(large: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real = content.check_file

    def faulty(path: Path, catalogue: dict) -> content.Entry:  # type: ignore[type-arg]
        if path.name == "deur-03.yaml":
            raise RuntimeError("disk went away")
        return real(path, catalogue)

    monkeypatch.setattr(content, "check_file", faulty)
    app = open_app(tmp_path, large)
    try:
        app.load_library()
        to_library(app)
        frames_until(app, CASES + 1)
        shown = texts_on_screen(app)
        assert "deur-03.yaml" in shown and "RuntimeError: disk went away" in shown
        assert "Deur nummer 4" in shown and len(app.screen.filtered()) == CASES - 1
    finally:
        app.close()


def test_a_folder_that_cannot_be_listed_is_a_finding_not_a_crash(large: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable(folder: Path) -> list[Path]:
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(content, "scenario_files", unreadable)
    app = open_app(tmp_path, large)
    try:
        app.load_library()
        to_library(app)
        frames_until(app, 1)
        shown = texts_on_screen(app)
        assert "Niet speelbaar" in shown and "Permission denied" in shown
    finally:
        app.close()


def test_loading_again_reads_only_the_files_that_changed(large: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, large)
    try:
        assert len(app.library.playable()) == CASES
        reads = app._parsed.reads
        changed = large / "deur-05.yaml"
        changed.write_text(changed.read_text(encoding="utf-8").replace("Deur nummer 5", "Deur vijf"), encoding="utf-8")
        os.utime(changed, ns=(time.time_ns(), time.time_ns() + 10_000_000))
        library = app.reload_library()
        assert app._parsed.reads == reads + 1
        assert library.find("deur-05").scenario.title.get("nl") == "Deur vijf"  # type: ignore[union-attr]
        duplicate = large / "deur-41.yaml"
        duplicate.write_text((large / "deur-01.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        again = app.reload_library()
        messages = [f.message for e in again.entries for f in e.findings if "already used" in f.message]
        assert messages == ['the id "deur-01" is already used by ' + content.display_path(large / "deur-01.yaml")]
    finally:
        app.close()


def test_the_first_frame_needs_neither_the_store_nor_the_library() -> None:
    probe = textwrap.dedent("""
        import sys, tempfile
        from pathlib import Path
        from game.ui.app import App, Options
        app = App(Options(data_dir=Path(tempfile.mkdtemp()))).open()
        app.show(app.make("start"))
        before = [m for m in ("game.content.library", "game.engine.loader", "game.xapi.recorder",
                              "game.xapi.statements", "game.play.memory") if m in sys.modules]
        before.append(app.records_if_open)
        app.frame()
        app.after_first_frame()
        print(before, app.records_if_open is not None and app.records.problem is None)
        app.close()
    """)
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    shown = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                           env=env).stdout.strip().split("\n")[-1]
    assert shown == "[None] True"  # nothing of them before the first frame; the store is open right after it


def test_the_loop_opens_the_records_and_loads_the_library_after_the_first_frame(large: Path, tmp_path: Path,
                                                                                gate: Gate) -> None:
    from game.ui.app import App, Options

    app = App(Options(data_dir=tmp_path / "data", library_folder=large)).open()
    drawn: list[object] = []
    frame = app.frame

    def first_frame() -> bool:
        if not drawn:
            drawn.append(app.records_if_open)
        return frame()

    app.frame = first_frame  # type: ignore[method-assign]
    try:
        pygame.event.clear()
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        app.run(app.make("start"))  # draws, opens the records, starts the load, handles the QUIT, returns
        assert drawn == [None] and app.records_if_open is not None and app.records.problem is None
        progress = app.library_progress  # the loader waits at the gate, and the loop did not wait for it
        assert progress is not None and progress.done == 0 and not progress.finished
        assert (tmp_path / "data" / "omgekeerd.sqlite3").exists()
    finally:
        app.close()


def test_screens_left_after_a_library_load_can_still_be_collected(tmp_path):
    """The window loads and analyses cases with the cyclic collector paused; what was alive meanwhile (a
    screen, whose widgets hold cycles) must still be collected once the player leaves it."""
    import gc
    import weakref

    from game.engine import gcpause

    class Widget:  # a screen's widget and its parent: a cycle, as the toolkit's are
        def __init__(self) -> None:
            self.parent = self

    app = open_app(tmp_path, library_folder(tmp_path))
    try:
        screen = Widget()
        gone = weakref.ref(screen)
        with gcpause.without_cyclic_gc():  # what loading a case and analysing it do
            pass
        del screen
        gc.collect()
        assert gone() is None
    finally:
        app.close()
        gcpause.freeze_after_pause(True)
        gc.unfreeze()
