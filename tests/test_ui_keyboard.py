"""A whole playthrough by keyboard only: start, library, introduction, situations, dossier,
history, feedback, undo, ending and debrief; checked against what the engine and the store hold."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.store.database import Store
from uikit import library_folder, open_app, press, tab_to, texts_on_screen, type_text

CTRL = pygame.KMOD_LCTRL


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    game = open_app(tmp_path, library_folder(tmp_path))
    yield game
    game.close()


def saved_sessions(tmp_path: Path) -> list:
    store = Store.open(tmp_path / "data")
    try:
        return store.sessions("Sam")
    finally:
        store.close()


def start_as_sam(app, background: str = "wmo") -> None:  # type: ignore[no-untyped-def]
    """On the start screen: type the pseudonym, Tab to a background and choose it, Enter to go on."""
    assert app.screen.name == "start"
    type_text(app, "Sam")
    tab_to(app, f"background:{background}")
    press(app, pygame.K_RETURN)
    tab_to(app, "input")
    press(app, pygame.K_RETURN)
    assert app.screen.name == "library"


def test_a_whole_playthrough_by_keyboard(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start_as_sam(app)
    assert "De gesloten deur" in texts_on_screen(app)

    press(app, pygame.K_1, unicode="1")  # the first card
    assert app.screen.name == "intro"
    assert "Ria Smit" in texts_on_screen(app)
    press(app, pygame.K_RETURN)  # begin
    assert app.screen.name == "situation"
    assert "Ria doet de deur niet open" in texts_on_screen(app)

    press(app, pygame.K_2, unicode="2")  # a letter: training mode shows its feedback
    assert app.screen.panel == "feedback"
    assert "De brief blijft ongeopend." in texts_on_screen(app)
    assert saved_sessions(tmp_path)[-1].choices == ["brief"]

    press(app, pygame.K_z, mod=CTRL)  # take it back
    assert app.screen.panel is None
    assert app.screen.session.choice_ids == []
    assert saved_sessions(tmp_path)[-1].choices == []

    press(app, pygame.K_1, unicode="1")  # call Ria instead
    press(app, pygame.K_RETURN)  # continue after the feedback
    assert app.screen.session.situation.id == "keuken"

    press(app, pygame.K_d, unicode="d")  # the dossier: the visit report is new
    assert app.screen.panel == "dossier"
    shown = texts_on_screen(app)
    assert "Verslag huisbezoek" in shown and "Ria heeft hulp nodig bij de trap." in shown
    press(app, pygame.K_ESCAPE)
    assert app.screen.panel is None

    press(app, pygame.K_h, unicode="h")  # the history shows the earlier situation and choice
    assert "Jouw keuze: Ria bellen en een afspraak maken" in texts_on_screen(app)
    press(app, pygame.K_ESCAPE)

    press(app, pygame.K_1, unicode="1")  # together (available now: trust is 2)
    assert app.screen.panel == "feedback"
    press(app, pygame.K_SPACE)
    assert app.screen.name == "ending"
    assert "Ria woont veilig thuis" in texts_on_screen(app)
    press(app, pygame.K_RETURN)
    assert app.screen.name == "debrief"

    debrief = app.screen.debrief
    saved = saved_sessions(tmp_path)[-1]
    assert saved.choices == ["bellen", "samen"] == app.screen.play.session.choice_ids
    assert saved.finished and saved.ending == "goed"
    assert (saved.resident, saved.rules, saved.quadrant) == (debrief.scores.resident, debrief.scores.rules,
                                                              debrief.quadrant)
    assert saved.mode == "training" and saved.background == "wmo"
    shown = texts_on_screen(app)
    assert "De vier vragen" in shown and "Wat had Ria nodig?" in shown


def test_an_unavailable_choice_is_greyed_with_its_reason_and_cannot_be_made(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start_as_sam(app)
    press(app, pygame.K_1, unicode="1")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_2, unicode="2")  # the letter: trust drops
    press(app, pygame.K_RETURN)
    found = app.screen.widget_by_key("choice:samen")
    assert found is not None
    button = found[1]
    assert not button.enabled and "Ria moet je eerst vertrouwen." in button.note
    press(app, pygame.K_1, unicode="1")  # try it anyway
    assert app.screen.session.situation.id == "keuken"
    assert "Ria moet je eerst vertrouwen." in (app.toast_text or "")
    assert saved_sessions(tmp_path)[-1].choices == ["brief"]


def test_assessment_mode_gives_no_feedback_and_no_undo(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    type_text(app, "Sam")
    tab_to(app, "background:inkomen")
    press(app, pygame.K_RETURN)
    tab_to(app, "mode:assessment")
    press(app, pygame.K_SPACE)
    tab_to(app, "go")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1, unicode="1")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1, unicode="1")
    assert app.screen.panel is None  # no feedback
    press(app, pygame.K_z, mod=CTRL)
    assert app.screen.session.choice_ids == ["bellen"]
    assert saved_sessions(tmp_path)[-1].choices == ["bellen"]
    assert saved_sessions(tmp_path)[-1].mode == "assessment"
    press(app, pygame.K_1, unicode="1")
    assert app.screen.name == "ending"


def test_resume_after_closing_the_game(tmp_path: Path) -> None:
    library = library_folder(tmp_path)
    first = open_app(tmp_path, library)
    start_as_sam(first)
    press(first, pygame.K_1, unicode="1")
    press(first, pygame.K_RETURN)
    press(first, pygame.K_1, unicode="1")
    press(first, pygame.K_RETURN)
    press(first, pygame.K_ESCAPE)  # stop: progress is kept
    assert first.screen.name == "library"
    first.close()

    again = open_app(tmp_path, library)
    try:
        assert again.screen.name_value == "Sam"  # the last player is remembered
        press(again, pygame.K_RETURN)
        assert again.screen.name == "library"
        assert "Verder waar je was: De gesloten deur (1 keuze gemaakt)" in texts_on_screen(again)
        press(again, pygame.K_r, unicode="r")
        assert again.screen.name == "situation"
        assert again.screen.session.choice_ids == ["bellen"]
        assert again.screen.session.situation.id == "keuken"
        press(again, pygame.K_1, unicode="1")
        press(again, pygame.K_RETURN)
        assert again.screen.name == "ending"
        sessions = saved_sessions(tmp_path)
        assert len(sessions) == 1 and sessions[0].choices == ["bellen", "samen"] and sessions[0].finished
    finally:
        again.close()


def test_text_size_fullscreen_and_contrast_keys_persist(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = app.ui.theme.text_px
    press(app, pygame.K_EQUALS, mod=CTRL)
    assert app.ui.theme.text_px > before
    press(app, pygame.K_F11)
    assert app.settings.fullscreen
    press(app, pygame.K_F11)
    app.change_settings(high_contrast=True)
    settings = (tmp_path / "data" / "settings.json").read_text(encoding="utf-8")
    assert '"text_size": 3' in settings and '"high_contrast": true' in settings and '"fullscreen": false' in settings
