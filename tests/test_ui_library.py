"""The library screen: cards, filters, progress marks, and broken files listed instead of a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from uikit import EXAMPLES, click, library_folder, open_app, press, texts_on_screen, type_text


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = library_folder(tmp_path)
    for example in ("huurachterstand.yaml", "de-brief.yaml"):
        shutil.copy(EXAMPLES / example, folder / example)
    (folder / "kapot.yaml").write_text("format: 1\nid: kapot\nstart: nergens\nsituations: {}\nendings: {}\n",
                                       encoding="utf-8")
    (folder / "geen-yaml.yaml").write_bytes(b"\xff\xfe: [unclosed\n")
    return folder


def to_library(app) -> None:  # type: ignore[no-untyped-def]
    type_text(app, "Sam")
    app.screen.set_background("handhaving")
    press(app, pygame.K_RETURN)
    assert app.screen.name == "library"


def test_cards_show_title_summary_minutes_audience_and_tags(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        shown = texts_on_screen(app)
        for text in ("Een brief van de woningcorporatie", "twee maanden huurachterstand", "5 minuten",
                     "voor inkomen, wijkteam", "#schulden", "De gesloten deur", "3 minuten"):
            assert text in shown
    finally:
        app.close()


def test_broken_files_are_listed_with_their_first_findings(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        shown = texts_on_screen(app)
        assert "Niet speelbaar" in shown
        assert "kapot.yaml" in shown and "geen-yaml.yaml" in shown
        assert "kapot.yaml:3: fout" in shown  # path:line of the first finding, the severity in Dutch
        assert [s.id for s in app.screen.filtered()] == ["de-brief", "gesloten-deur", "huurachterstand"]
    finally:
        app.close()


def test_filters_by_audience_and_topic(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        click(app, "audience:handhaving")
        assert [s.id for s in app.screen.filtered()] == ["de-brief"]
        click(app, "audience:*")
        click(app, "tag:schulden")
        assert [s.id for s in app.screen.filtered()] == ["huurachterstand"]
        press(app, pygame.K_1, unicode="1")  # the number keys follow the filtered cards
        assert app.screen.name == "intro" and app.screen.scenario.id == "huurachterstand"
    finally:
        app.close()


def test_many_topics_open_in_a_panel(tmp_path: Path) -> None:
    app = open_app(tmp_path, Path(__file__).resolve().parent.parent / "scenarios")
    try:
        to_library(app)
        topics = sorted({t for s in app.library.playable() for t in s.tags})
        if len(topics) <= 8:
            pytest.skip("the library has few topics; they are shown inline")
        press(app, pygame.K_t, unicode="t")
        assert len(app.screen.layers) == 2
        click(app, f"topic:{topics[0]}")
        assert app.screen.tag == topics[0] and len(app.screen.layers) == 1
        assert all(topics[0] in s.tags for s in app.screen.filtered())
    finally:
        app.close()


def test_finished_cases_are_marked_with_the_last_scores(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        click(app, "card:gesloten-deur")
        click(app, "begin")
        click(app, "choice:bellen")
        click(app, "feedback:continue")
        click(app, "choice:samen")
        click(app, "feedback:continue")
        assert app.screen.name == "ending"
        click(app, "library")
        debrief_scores = app.records.sessions("Sam")[-1]
        shown = texts_on_screen(app)
        assert (f"✓ Uitgespeeld (1×) · laatste score: bewoner {debrief_scores.resident}, "
                f"regels {debrief_scores.rules}") in shown
    finally:
        app.close()


def test_an_empty_library_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    app = open_app(tmp_path, empty)
    try:
        to_library(app)
        assert "Er zijn geen speelbare casussen" in texts_on_screen(app)
    finally:
        app.close()
