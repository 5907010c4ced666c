"""F5 in the game: read the scenario file again, replay the choices, show findings with path:line."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.store.database import Store
from uikit import library_folder, open_app, press, texts_on_screen, type_text


@pytest.fixture
def playing(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A game one choice into the gated case (training mode), and the case's file."""
    library = library_folder(tmp_path)
    app = open_app(tmp_path, library)
    type_text(app, "Sam")
    app.screen.set_background("wmo")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1, unicode="1")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1, unicode="1")
    press(app, pygame.K_RETURN)
    assert app.screen.session.situation.id == "keuken"
    yield app, library / "gesloten-deur.yaml"
    app.close()


def saved(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = Store.open(tmp_path / "data")
    try:
        return store.sessions("Sam")
    finally:
        store.close()


def test_f5_picks_up_an_edited_text_and_keeps_the_choices(playing, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, path = playing
    old_hash = app.screen.session.scenario.content_hash
    path.write_text(path.read_text(encoding="utf-8").replace("Ria vertelt over de trap.",
                                                            "Ria vertelt over de steile trap."), encoding="utf-8")
    press(app, pygame.K_F5)
    session = app.screen.session
    assert session.choice_ids == ["bellen"] and session.situation.id == "keuken"
    assert session.scenario.content_hash != old_hash
    assert "Ria vertelt over de steile trap." in texts_on_screen(app)
    assert "1 keuze opnieuw gespeeld" in (app.toast_text or "")
    record = saved(tmp_path)[-1]
    assert record.content_hash == session.scenario.content_hash and record.choices == ["bellen"]


def test_f5_on_a_broken_file_shows_findings_with_path_and_line_and_plays_on(playing) -> None:  # type: ignore[no-untyped-def]
    app, path = playing
    before = app.screen.session
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("goto: goed", "goto: nergens"), encoding="utf-8")
    press(app, pygame.K_F5)
    assert app.screen.panel == "reload"
    shown = texts_on_screen(app)
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "goto: nergens" in row)
    assert f"gesloten-deur.yaml:{line}: fout" in shown  # the severity in the window language
    assert "Je speelt verder met de vorige versie" in shown
    assert app.screen.session is before  # the old version plays on
    press(app, pygame.K_ESCAPE)
    assert app.screen.panel is None


def test_f5_when_a_made_choice_is_gone_replays_up_to_it_and_says_so(playing, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, path = playing
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- id: bellen", "- id: telefoneren"), encoding="utf-8")
    press(app, pygame.K_F5)
    assert app.screen.panel == "reload"
    assert "Keuze 1 (bellen) past niet meer" in texts_on_screen(app)
    assert app.screen.session.choice_ids == [] and app.screen.session.situation.id == "deur"
    assert saved(tmp_path)[-1].choices == []
