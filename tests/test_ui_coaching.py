"""The window's coaching screens (my playthroughs, the coach view with notes, progress) and issue 13's window fixes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game.play.coaching import Cases, coach_view_of
from game.store.database import Store
from game.store.notes import notes_of

from uikit import EXAMPLES, click, library_folder, open_app, press, tab_to, texts_on_screen, type_text


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The gated test case and the example letter case."""
    folder = library_folder(tmp_path)
    shutil.copy(EXAMPLES / "de-brief.yaml", folder / "de-brief.yaml")
    return folder


def to_library(app, name: str = "Sam") -> None:  # type: ignore[no-untyped-def]
    tab_to(app, "input")
    press(app, pygame.K_BACKSPACE, mod=pygame.KMOD_LCTRL)  # an earlier pseudonym may be filled in
    type_text(app, name)
    app.screen.set_background("wmo")
    press(app, pygame.K_RETURN)
    assert app.screen.name == "library"


def open_case(app, case: str) -> None:  # type: ignore[no-untyped-def]
    """From the library, open a case by its card and begin it."""
    click(app, f"card:{case}")
    assert app.screen.name == "intro"
    press(app, pygame.K_RETURN)
    assert app.screen.name == "situation"


def choose(app, number: int) -> None:  # type: ignore[no-untyped-def]
    """Make the choice with this number; in training, go on past the feedback."""
    press(app, getattr(pygame, f"K_{number}"), unicode=str(number))
    if app.screen.name == "situation" and getattr(app.screen, "panel", None) == "feedback":
        press(app, pygame.K_RETURN)


def finish_gated(app) -> None:  # type: ignore[no-untyped-def]
    """Play "De gesloten deur" to its end: call Ria, then the standard assessment."""
    open_case(app, "gesloten-deur")
    choose(app, 1)
    choose(app, 2)
    assert app.screen.name == "ending"


def to_playthroughs(app) -> None:  # type: ignore[no-untyped-def]
    while app.screen.name != "library":
        press(app, pygame.K_ESCAPE)
    press(app, pygame.K_p, unicode="p")
    assert app.screen.name == "playthroughs"


def two_cases_one_unfinished_each(app) -> None:  # type: ignore[no-untyped-def]
    """Finish the gated case once; leave it unfinished once and the letter case unfinished once."""
    to_library(app)
    finish_gated(app)
    press(app, pygame.K_ESCAPE)  # ending -> library
    open_case(app, "gesloten-deur")
    choose(app, 2)  # one choice, then stop
    press(app, pygame.K_ESCAPE)
    assert app.screen.name == "library"
    open_case(app, "de-brief")
    choose(app, 1)
    press(app, pygame.K_ESCAPE)
    assert app.screen.name == "library"


def rows(app) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """The text of each row of the playthrough list, by session id."""
    app.frame()
    found = {}
    for region in app.screen.layers[0].regions:
        for widget in region.widgets:
            if widget.key.startswith("row:"):
                found[int(widget.key.split(":")[1])] = widget.label
    return found


def test_the_list_shows_every_playthrough_of_two_cases_and_continues_each_unfinished_one(library: Path,
                                                                                           tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        two_cases_one_unfinished_each(app)
        to_playthroughs(app)
        shown = rows(app)
        assert len(shown) == 3
        by_text = {text.splitlines()[0]: sid for sid, text in shown.items() if "Nog bezig" in text}
        assert set(by_text) == {"**De gesloten deur**", "**De brief**"}
        finished = [text for text in shown.values() if "Uitgespeeld" in text]
        assert len(finished) == 1 and "bewoner" in finished[0] and "regels" in finished[0]
        assert all("Oefenen" in text for text in shown.values())
        assert "Nog bezig · 1 keuze gemaakt" in shown[by_text["**De brief**"]]  # a real singular

        # continue the gated one (not the one played last): it picks up after its one choice
        click(app, f"continue:{by_text['**De gesloten deur**']}")
        assert app.screen.name == "situation"
        assert app.screen.play.session_id == by_text["**De gesloten deur**"]
        assert app.screen.play.session.choice_ids == ["brief"]
        press(app, pygame.K_ESCAPE)

        # and the letter case too
        to_playthroughs(app)
        click(app, f"continue:{by_text['**De brief**']}")
        assert app.screen.name == "situation"
        assert app.screen.play.session.choice_ids == ["eerst_bellen"]
    finally:
        app.close()


def test_a_finished_playthrough_opens_its_debrief_and_its_coach_view(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        two_cases_one_unfinished_each(app)
        to_playthroughs(app)
        finished = next(sid for sid, text in rows(app).items() if "Uitgespeeld" in text)
        click(app, f"debrief:{finished}")
        assert app.screen.name == "debrief"
        assert "Ria" in texts_on_screen(app) or "gesloten" in texts_on_screen(app).lower()
        press(app, pygame.K_c, unicode="c")  # the debrief's key to the coach view
        assert app.screen.name == "coach" and app.screen.session_id == finished
        press(app, pygame.K_ESCAPE)
        assert app.screen.name == "debrief"
        to_playthroughs(app)
        click(app, f"coach:{finished}")
        assert app.screen.name == "coach"
    finally:
        app.close()


def test_set_aside_and_delete_with_a_confirmation(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        two_cases_one_unfinished_each(app)
        to_playthroughs(app)
        letter = next(sid for sid, text in rows(app).items() if "De brief" in text)
        click(app, f"aside:{letter}")
        assert "Opzij gezet · 1 keuze gemaakt" in rows(app)[letter]
        assert app.screen.widget_by_key(f"continue:{letter}") is None

        click(app, f"delete:{letter}")
        assert "Deze speelbeurt verwijderen?" in texts_on_screen(app)
        press(app, pygame.K_ESCAPE)  # Esc keeps it
        assert letter in rows(app)
        click(app, f"delete:{letter}")
        click(app, "delete:confirm")
        assert letter not in rows(app) and len(rows(app)) == 2
        assert app.records.get(letter) is None
    finally:
        app.close()


def test_the_coach_view_shows_every_alternative_with_where_it_would_have_led(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        finish_gated(app)
        press(app, pygame.K_RETURN)  # to the debrief
        press(app, pygame.K_c, unicode="c")
        shown = texts_on_screen(app)
        saved = app.records.get(app.screen.session_id)
        view = coach_view_of(saved, Cases(app.library))
        for step in view.steps:
            for option in step.options:
                assert option.text.get("nl") in shown
                if option.reach is not None and option.reach.best == option.reach.worst:
                    point = option.reach.best
                    assert (f"Leidt tot: {point.title.get('nl')} (bewoner {point.scores.resident}, "
                            f"regels {point.scores.rules})") in shown
        assert "Gekozen" in shown and "Keuze van de expert" in shown
        assert "Stap 2 · Hier week de route af van de expert" in shown  # the expert works together with Ria
        assert "Bij stap 2 ging de route voor het eerst een andere kant op dan de expert." in shown
        assert "Wat had Ria nodig?" in shown
    finally:
        app.close()


def test_notes_typed_in_the_coach_view_survive_a_restart_and_are_in_the_report(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        finish_gated(app)
        press(app, pygame.K_RETURN)
        press(app, pygame.K_c, unicode="c")
        session_id = app.screen.session_id
        tab_to(app, "note:2")
        type_text(app, "Vraag door")
        press(app, pygame.K_RETURN)
        assert app.toast_text == "Notitie bewaard."
        tab_to(app, "note:0")
        type_text(app, "Goed gesprek")
    finally:
        app.close()

    again = open_app(tmp_path, library)
    try:
        to_library(again)
        to_playthroughs(again)
        click(again, f"coach:{session_id}")
        fields = {w.key: w.value for _r, w in again.screen.focusables() if w.key.startswith("note:")}
        assert fields["note:2"] == "Vraag door" and fields["note:0"] == "Goed gesprek"
    finally:
        again.close()

    with Store.open(tmp_path / "data") as store:
        notes = notes_of(store, session_id)
        assert notes.at(2) == "Vraag door" and notes.overall == "Goed gesprek"


def test_the_coach_view_saves_a_report_with_the_notes(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        finish_gated(app)
        press(app, pygame.K_RETURN)
        press(app, pygame.K_c, unicode="c")
        tab_to(app, "note:1")
        type_text(app, "Mooi dat je belde")
        tab_to(app, "note:0")
        type_text(app, "Volgende keer samen oefenen")
        click(app, "report")
        written = sorted((tmp_path / "data" / "reports").glob("*.html"))
        assert len(written) == 1 and str(written[0]) in (app.toast_text or "")
        html = written[0].read_text(encoding="utf-8")
        assert "Mooi dat je belde" in html and "Volgende keer samen oefenen" in html
    finally:
        app.close()


def test_progress_shows_cases_attempts_recurring_errors_and_levers_never_used(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        press(app, pygame.K_g, unicode="g")
        assert "Nog geen uitgespeelde speelbeurten" in texts_on_screen(app)
        press(app, pygame.K_ESCAPE)
        finish_gated(app)
        press(app, pygame.K_ESCAPE)
        finish_gated(app)
        press(app, pygame.K_ESCAPE)
        press(app, pygame.K_g, unicode="g")
        assert app.screen.name == "progress"
        shown = texts_on_screen(app)
        assert "1 casus uitgespeeld" in shown and "2 speelbeurten" in shown
        assert shown.count("De gesloten deur · bewoner") == 2
        assert "Denkfouten die terugkomen" in shown and "Hefbomen die je nog nooit gebruikte" in shown
        assert app.screen.widget_by_key("chart") is None  # a picture, not a button
        assert any(w.key == "chart" for r in app.screen.layers[0].regions for w in r.widgets)
    finally:
        app.close()


# -- window fixes (issue 13) ----------------------------------------------------------------------

def test_the_start_button_of_a_returning_player_is_above_the_hint_bar(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app, "Sam")
        for name in ("Alex", "Bo", "Chris", "Dee"):
            press(app, pygame.K_ESCAPE)
            to_library(app, name)
        press(app, pygame.K_ESCAPE)
        assert app.screen.name == "start"
        app.frame()
        hints = app.screen.region("hints")
        region, button = app.screen.widget_by_key("go")
        rect = button.screen_rect(region.origin)
        assert rect.bottom <= hints.viewport.top and rect.top >= 0
        assert region.viewport.contains(rect)
    finally:
        app.close()


def test_enter_after_a_click_goes_on_instead_of_clicking_again(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        type_text(app, "Sam")
        click(app, "background:jeugd")
        click(app, "mode:assessment")
        press(app, pygame.K_RETURN)
        assert app.screen.name == "library" and app.mode == "assessment"
    finally:
        app.close()


def test_a_toast_goes_with_its_screen(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        app.toast("Iets om te melden", 30)
        app.frame()
        assert app.toast_text == "Iets om te melden"
        open_case(app, "gesloten-deur")
        app.frame()
        assert app.toast_text is None
        assert "Iets om te melden" not in texts_on_screen(app)
    finally:
        app.close()


def test_a_toast_raised_while_changing_screen_is_shown_on_the_new_one(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        app.toast("Welkom terug", 30)
        app.go("playthroughs")
        app.frame()
        assert app.toast_text == "Welkom terug"
    finally:
        app.close()


def test_the_topic_filter_is_kept_after_playing(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        click(app, "tag:test")
        assert [s.id for s in app.screen.filtered()] == ["gesloten-deur"]
        finish_gated(app)
        press(app, pygame.K_ESCAPE)
        assert app.screen.name == "library"
        assert app.screen.tag == "test"
        assert "card:de-brief" not in {w.key for _r, w in app.screen.focusables()}
    finally:
        app.close()


def many_cases(tmp_path: Path, count: int) -> Path:
    folder = library_folder(tmp_path)
    text = (folder / "gesloten-deur.yaml").read_text(encoding="utf-8")
    for number in range(2, count + 1):
        copy = text.replace("id: gesloten-deur", f"id: deur-{number:02d}")
        copy = copy.replace('"De gesloten deur"', f'"Deur {number:02d}"')
        (folder / f"deur-{number:02d}.yaml").write_text(copy, encoding="utf-8")
    return folder


def test_with_twelve_cases_two_digits_open_case_eleven_and_one_digit_waits(tmp_path: Path) -> None:
    app = open_app(tmp_path, many_cases(tmp_path, 12))
    try:
        to_library(app)
        assert len(app.screen.filtered()) == 12
        eleventh = app.screen.filtered()[10]
        assert f"11. {eleventh.title.get('nl')}" in texts_on_screen(app)
        press(app, pygame.K_1, unicode="1")
        assert app.screen.name == "library" and "Casus 1…" in (app.toast_text or "")
        press(app, pygame.K_1, unicode="1")
        assert app.screen.name == "intro" and app.screen.scenario.id == eleventh.id
        press(app, pygame.K_ESCAPE)
        press(app, pygame.K_1, unicode="1")
        press(app, pygame.K_RETURN)  # Enter opens case 1 at once
        assert app.screen.name == "intro" and app.screen.scenario.id == app.library.playable()[0].id
        press(app, pygame.K_ESCAPE)
        press(app, pygame.K_1, unicode="1")
        app.screen.update(2.0)  # or a moment passes
        assert app.screen.name == "intro"
        press(app, pygame.K_ESCAPE)
        press(app, pygame.K_5, unicode="5")  # no 50th case: 5 opens at once
        assert app.screen.name == "intro"
    finally:
        app.close()


def test_a_wide_window_shows_more_than_two_cards_side_by_side(tmp_path: Path) -> None:
    app = open_app(tmp_path, many_cases(tmp_path, 6), size=(1920, 1080))
    try:
        to_library(app)
        app.frame()
        main = app.screen.region("main")
        cards = [w for w in main.widgets if w.key.startswith("card:")]
        visible = [c for c in cards if main.viewport.contains(c.screen_rect(main.origin))]
        assert len({c.rect.x for c in cards}) >= 3
        assert len(visible) >= 3
    finally:
        app.close()


def test_the_resume_button_counts_one_choice_in_the_singular(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        open_case(app, "gesloten-deur")
        choose(app, 1)
        press(app, pygame.K_ESCAPE)
        shown = texts_on_screen(app)
        assert "(1 keuze gemaakt)" in shown and "(1 keuzes gemaakt)" not in shown
    finally:
        app.close()


def test_another_choice_marks_the_expert_and_says_where_each_alternative_leads(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        to_library(app)
        finish_gated(app)
        press(app, pygame.K_RETURN)
        press(app, pygame.K_a, unicode="a")
        assert app.screen.name == "route"
        saved = app.records.get(app.screen.play.session_id)
        view = coach_view_of(saved, Cases(app.library))
        together = next(o for o in view.steps[1].options if o.id == "samen")
        assert together.expert and together.reach is not None
        _region, button = app.screen.widget_by_key("try:1:samen")
        point = together.reach.best
        assert "★ Keuze van de expert" in button.note
        assert f"Leidt tot: {point.title.get('nl')} (bewoner {point.scores.resident}" in button.note
        assert "Stap 2 · Hier week de route af van de expert" in texts_on_screen(app)
    finally:
        app.close()


def test_the_playthrough_list_works_with_the_keyboard_alone(library: Path, tmp_path: Path) -> None:
    app = open_app(tmp_path, library)
    try:
        two_cases_one_unfinished_each(app)
        to_playthroughs(app)
        letter = next(sid for sid, text in rows(app).items() if "De brief" in text)
        tab_to(app, f"delete:{letter}")
        press(app, pygame.K_RETURN)
        assert app.screen.focus_key == "delete:cancel"  # the safe answer first
        press(app, pygame.K_TAB)
        press(app, pygame.K_RETURN)
        assert letter not in rows(app)
        gated = next(sid for sid, text in rows(app).items() if "Nog bezig" in text)
        tab_to(app, f"continue:{gated}")
        press(app, pygame.K_RETURN)
        assert app.screen.name == "situation" and app.screen.play.session_id == gated
    finally:
        app.close()


def test_without_a_store_the_coach_view_says_notes_are_not_kept_and_typing_works(library: Path,
                                                                                tmp_path: Path) -> None:
    from game.ui.records import MemoryRecords

    app = open_app(tmp_path, library)
    try:
        app.records = MemoryRecords("de schijf is vol")
        to_library(app)
        finish_gated(app)
        press(app, pygame.K_RETURN)
        press(app, pygame.K_c, unicode="c")
        assert app.screen.name == "coach"
        assert "Notities worden nu niet bewaard: de schijf is vol" in texts_on_screen(app)
        tab_to(app, "note:1")
        type_text(app, "Toch genoteerd")
        assert app.screen.notes[1] == "Toch genoteerd" and app.toast_text is None
    finally:
        app.close()
