"""A whole playthrough with the mouse: every step is a click at a widget's place on screen."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.store.database import Store
from uikit import click, click_at, library_folder, open_app, texts_on_screen, type_text


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    game = open_app(tmp_path, library_folder(tmp_path), lang="en")
    yield game
    game.close()


def sessions(tmp_path: Path) -> list:
    store = Store.open(tmp_path / "data")
    try:
        return store.sessions()
    finally:
        store.close()


def test_a_whole_playthrough_by_mouse(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    click(app, "input")
    type_text(app, "Robin")
    click(app, "background:jeugd")
    click(app, "mode:assessment")
    click(app, "go")
    assert app.screen.name == "library"
    assert app.player.name == "Robin" and app.player.background == "jeugd"

    click(app, "card:gesloten-deur")
    assert app.screen.name == "intro"
    assert "Lives alone" in texts_on_screen(app)
    click(app, "begin")
    assert app.screen.name == "situation"

    click(app, "choice:bellen")
    assert app.screen.panel is None  # assessment: no feedback
    assert app.screen.session.situation.id == "keuken"

    click(app, "open:dossier")
    assert app.screen.panel == "dossier"
    click(app, "doc:verslag")
    assert "Ria needs help with the stairs." in texts_on_screen(app)
    click_at(app, (5, app.size[1] // 2))  # outside the panel closes it
    assert app.screen.panel is None

    click(app, "open:history")
    assert "Your choice: Call Ria and make an appointment" in texts_on_screen(app)
    click(app, "history:close")
    assert app.screen.panel is None

    click(app, "choice:samen")
    assert app.screen.name == "ending"
    assert "Ria lives safely at home" in texts_on_screen(app)
    click(app, "debrief")
    assert app.screen.name == "debrief"
    assert "The four questions" in texts_on_screen(app)

    saved = sessions(tmp_path)
    assert len(saved) == 1
    assert saved[0].player == "Robin" and saved[0].mode == "assessment" and saved[0].lang == "en"
    assert saved[0].choices == ["bellen", "samen"] and saved[0].finished and saved[0].ending == "goed"

    click(app, "report")  # the HTML report goes to the data folder
    reports = list((tmp_path / "data" / "reports").glob("gesloten-deur-*.html"))
    assert len(reports) == 1 and str(reports[0]) in (app.toast_text or "")
    page = reports[0].read_text(encoding="utf-8")
    assert "The closed door" in page and "Robin" in page

    click(app, "replay")  # play again: a new playthrough is recorded
    assert app.screen.name == "situation" and app.screen.session.choice_ids == []
    assert len(sessions(tmp_path)) == 2


def test_training_feedback_undo_and_another_choice_by_mouse(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    click(app, "input")
    type_text(app, "Robin")
    click(app, "background:wmo")
    click(app, "go")
    click(app, "card:gesloten-deur")
    click(app, "begin")
    click(app, "choice:brief")
    assert app.screen.panel == "feedback"
    assert "The letter stays unopened." in texts_on_screen(app)
    click(app, "feedback:undo")
    assert app.screen.session.choice_ids == []
    assert sessions(tmp_path)[-1].choices == []

    click(app, "choice:brief")
    click(app, "feedback:continue")
    click(app, "choice:samen")  # greyed out: nothing happens but the reason
    assert app.screen.session.choice_ids == ["brief"]
    click(app, "choice:indiceren")
    click(app, "feedback:continue") if app.screen.name == "situation" else None
    assert app.screen.name == "ending"
    click(app, "debrief")
    click(app, "other")
    assert app.screen.name == "route"
    click(app, "try:0:bellen")  # the other first choice, played on from there
    assert app.screen.name == "situation"
    assert app.screen.session.choice_ids == ["bellen"]
    assert app.screen.panel == "feedback"
    latest = sessions(tmp_path)[-1]
    assert latest.choices == ["bellen"] and latest.mode == "training" and not latest.finished
    assert sessions(tmp_path)[0].finished  # the first playthrough is kept as it was


def test_settings_by_mouse_apply_at_once_and_come_back_after_a_restart(tmp_path: Path) -> None:
    library = library_folder(tmp_path)
    app = open_app(tmp_path, library)
    try:
        click(app, "settings")
        assert app.screen.name == "settings"
        click(app, "size:4")
        click(app, "projector:on")
        click(app, "lang:en")
        assert app.ui.lang == "en" and app.ui.theme.projector
        assert "Language" in texts_on_screen(app)
        click(app, "done")
        assert app.screen.name == "start"
    finally:
        app.close()
    again = open_app(tmp_path, library, lang=None)  # type: ignore[arg-type]
    try:
        assert (again.settings.text_size, again.settings.projector, again.settings.lang) == (4, True, "en")
    finally:
        again.close()


def test_the_window_can_be_resized_down_to_1024_by_768(app) -> None:  # type: ignore[no-untyped-def]
    app.window.size = (1024, 768)
    pygame.event.post(pygame.event.Event(pygame.WINDOWRESIZED, x=1024, y=768))
    app.pump()
    assert app.size == (1024, 768)
    click(app, "input")
    type_text(app, "Robin")
    click(app, "background:wmo")
    click(app, "go")
    assert app.screen.name == "library"
