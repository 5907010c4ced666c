"""The workshop in the window (headless): start screen to group debrief with 40 phones over HTTP, typed counts
without a network, the facilitator's view, what is stored, and the server that binds only while the room is open."""

from __future__ import annotations

import json
import socket
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pygame
import pytest

from game.store.database import Store
from game.store.groups import get_group, list_groups
from game.ui.screens.workshop import WorkshopScreen
from uikit import GATED, click, library_folder, open_app, press, texts_on_screen

NOTES = """    facilitator_notes:
      nl: "Vraag wie Ria al eens sprak. <b>Niet</b> voorzeggen."
      en: "Ask who has spoken to Ria. <b>Do not</b> prompt."
"""


def with_notes(folder: Path) -> None:
    """The test case with facilitator notes on its first situation."""
    path = folder / "gesloten-deur.yaml"
    text = path.read_text(encoding="utf-8")
    marker = '    text: {nl: "Bram zegt: Ria doet de deur niet open."'
    path.write_text(text.replace(marker, NOTES + marker, 1), encoding="utf-8")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Any]:
    folder = library_folder(tmp_path)
    with_notes(folder)
    app = open_app(tmp_path, folder)
    app.kept["workshop"] = {"host": "127.0.0.1", "port": 0, "announce": None}  # as `--host 127.0.0.1 --port 0`
    yield app
    close = getattr(app.screen, "close_room", None)
    if close is not None:
        close()
    app.close()


@pytest.fixture
def projector(tmp_path: Path) -> Iterator[tuple[Any, WorkshopScreen]]:
    app = open_app(tmp_path, library_folder(tmp_path))
    scenario = app.library.find("gesloten-deur").scenario
    screen = WorkshopScreen(app, scenario, host="127.0.0.1", port=0)
    app.show(screen)
    app.frame()
    yield app, screen
    screen.close_room()
    app.close()


def post(screen: WorkshopScreen, path: str, body: dict[str, Any]) -> dict[str, Any]:
    assert screen.server is not None and screen.server.address is not None
    request = urllib.request.Request(screen.server.address.url().rstrip("/") + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def labels(app: Any) -> dict[str, str]:
    app.frame()
    return {w.key: w.label for layer in app.screen.layers for r in layer.regions for w in r.widgets if w.key}


def vote(screen: WorkshopScreen, tokens: list[str], choices: list[str]) -> None:
    for token, choice in zip(tokens, choices, strict=True):
        post(screen, "/api/vote", {"code": screen.room.code, "token": token, "choice": choice})


def stored(app: Any) -> Store:
    return app.records.store


# -- the whole workshop -----------------------------------------------------------------------------------

def test_a_whole_workshop_from_the_start_screen_to_the_group_debrief_with_forty_phones(app, tmp_path):
    click(app, "workshop")  # start screen -> Workshop
    assert app.screen.name == "workshop_pick" and "De gesloten deur" in texts_on_screen(app)
    press(app, pygame.K_1)  # the first case
    screen = app.screen
    assert isinstance(screen, WorkshopScreen)
    room = screen.room
    port = screen.server.address.port
    assert f"http://127.0.0.1:{port}/?code={room.code}" in texts_on_screen(app)

    tokens = [post(screen, "/api/join", {"code": room.code})["token"] for _ in range(40)]
    app.pump()
    assert "40 telefoons doen mee" in texts_on_screen(app)  # the window noticed without any key

    press(app, pygame.K_o)
    vote(screen, tokens, ["bellen"] * 25 + ["brief"] * 15)
    post(screen, "/api/vote", {"code": room.code, "token": tokens[39], "choice": "bellen"})  # a change of vote
    post(screen, "/api/reason", {"code": room.code, "token": tokens[0], "reason": "<b>Bellen</b> is persoonlijk"})
    app.pump()
    shown = texts_on_screen(app)
    assert "ronde 1: 40 van 40 stemden" in shown and "bars:bellen" not in labels(app)  # the spread stays hidden

    press(app, pygame.K_f)  # the facilitator's view: counts, the reason as typed, the expert, where options lead
    shown = labels(app)
    assert shown["fac-votes:bellen"] == "ronde 1: 26" and shown["fac-votes:brief"] == "ronde 1: 14"
    assert shown["reason:1"] == "“<b>Bellen</b> is persoonlijk” — stemde 1"
    assert "★ expert" in shown["fac-option:bellen"] and "★ expert" not in shown["fac-option:brief"]
    assert shown["fac-leads:bellen"].startswith("Leidt op zijn best tot Ria woont veilig thuis (bewoner ")
    assert "op zijn slechtst tot Een oplossing van papier" in shown["fac-leads:bellen"]
    assert shown["notes"] == "Vraag wie Ria al eens sprak. <b>Niet</b> voorzeggen."
    press(app, pygame.K_p)  # the reason goes on the projector
    press(app, pygame.K_f)
    shown = labels(app)
    assert shown["featured"] == "Uit de zaal: “<b>Bellen</b> is persoonlijk”" and "notes" not in shown

    press(app, pygame.K_u)
    assert labels(app)["bars:bellen"] == "26" and labels(app)["bars:brief"] == "14"
    assert screen.timer.running  # the discussion starts with the reveal
    press(app, pygame.K_n)
    vote(screen, tokens, ["bellen"] * 35 + ["brief"] * 5)
    press(app, pygame.K_u)
    shown = labels(app)
    assert shown["bars:bellen"] == "26 → 35" and shown["bars:brief"] == "14 → 5"

    press(app, pygame.K_v)  # the room follows the majority; training: the room sees the feedback
    assert room.session.situation.id == "keuken" and "Ria is blij dat je belt." in texts_on_screen(app)
    group = get_group(stored(app), screen.recorder.group_id)
    assert group.decisions[0].rounds == ({"bellen": 26, "brief": 14}, {"bellen": 35, "brief": 5})
    assert group.decisions[0].followed == "bellen"

    press(app, pygame.K_o)
    vote(screen, tokens, ["samen"] * 30 + ["indiceren"] * 10)
    press(app, pygame.K_u)
    press(app, pygame.K_2)  # the facilitator follows choice 2 with one key, against the majority
    assert room.session.ending.id == "matig" and "Een oplossing van papier" in texts_on_screen(app)
    group_id = screen.recorder.group_id if screen.recorder else group.id

    press(app, pygame.K_d)  # the group debrief; the room closes
    assert app.screen.name == "workshop_debrief" and room.closed and screen.server is None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    shown = labels(app)
    assert shown["room-scores"].startswith("De zaal: bewoner ") and "ending" in shown
    assert shown["splits"] == "De zaal was het bij elke beslissing grotendeels eens."
    press(app, pygame.K_RIGHT)
    shown = labels(app)
    assert shown["spread-bars:1:bellen"] == "26 → 35" and shown["spread-bars:2:samen"] == "30"
    assert shown["spread:1:bellen"] == "Ria bellen en een afspraak maken (gevolgd, ★ expert)"
    assert shown["spread:2:indiceren"] == "Een standaardindicatie afgeven (gevolgd)"
    press(app, pygame.K_RIGHT)
    assert labels(app)["question"] == "Wat had Ria nodig?"
    press(app, pygame.K_s)  # the group report, as group-report ID writes it
    (report,) = (tmp_path / "data" / "reports").glob("workshop-gesloten-deur-*.html")
    assert "<td class=\"num\">26</td><td class=\"num\">35</td>" in report.read_text(encoding="utf-8")

    group = get_group(stored(app), group_id)
    assert group.finished and group.ending == "matig" and group.phones == 40
    assert [d.followed for d in group.decisions] == ["bellen", "indiceren"]
    assert group.decisions[1].rounds == ({"samen": 30, "indiceren": 10},)
    assert all(d.seconds >= 0 for d in group.decisions)


def test_the_store_keeps_no_address_no_token_and_no_reason_of_a_phone(app, tmp_path):
    click(app, "workshop")
    press(app, pygame.K_1)
    screen = app.screen
    room = screen.room
    token = post(screen, "/api/join", {"code": room.code})["token"]
    press(app, pygame.K_o)
    vote(screen, [token], ["bellen"])
    post(screen, "/api/reason", {"code": room.code, "token": token, "reason": "Geheime reden"})
    press(app, pygame.K_v)
    press(app, pygame.K_ESCAPE)  # the room closes before the end
    assert app.screen.name == "start"
    (group,) = list_groups(stored(app))
    assert group.finished and group.ending is None and [d.followed for d in group.decisions] == ["bellen"]
    database = next((tmp_path / "data").rglob("*.sqlite*"), None) or next((tmp_path / "data").rglob("*.db"))
    with sqlite3.connect(database) as conn:
        dump = "\n".join(conn.iterdump())
    assert "127.0.0.1" not in dump and token not in dump and "Geheime reden" not in dump


# -- without a network -------------------------------------------------------------------------------------

def test_without_a_network_the_facilitator_types_the_counts_and_corrects_them(app):
    click(app, "workshop")
    press(app, pygame.K_w)  # without network
    press(app, pygame.K_1)
    screen = app.screen
    assert screen.server is None and not screen.network and "option:bellen" in labels(app)  # no join screen
    press(app, pygame.K_c)
    press(app, pygame.K_1)
    press(app, pygame.K_2)  # 12 for the first choice
    press(app, pygame.K_DOWN)
    press(app, pygame.K_9)
    press(app, pygame.K_MINUS)  # one fewer: 8
    assert labels(app)["count:bellen"] == "12" and labels(app)["count:brief"] == "**8**"  # the row being typed
    click(app, "minus:bellen")  # a click corrects too
    press(app, pygame.K_RETURN)  # done: the spread shows
    shown = labels(app)
    assert shown["bars:bellen"] == "11" and shown["bars:brief"] == "8" and not screen.typing
    press(app, pygame.K_n)
    press(app, pygame.K_c)
    press(app, pygame.K_5)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_1)
    press(app, pygame.K_4)
    press(app, pygame.K_RETURN)
    assert labels(app)["bars:brief"] == "8 → 14"
    press(app, pygame.K_v)  # the majority of the last round: brief
    (group,) = list_groups(stored(app))
    assert group.decisions[0].rounds == ({"bellen": 11, "brief": 8}, {"bellen": 5, "brief": 14})
    assert group.decisions[0].followed == "brief"


def test_a_room_that_cannot_bind_goes_on_without_a_network(app):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    try:
        app.kept["workshop"]["port"] = blocker.getsockname()[1]
        click(app, "workshop")
        press(app, pygame.K_1)
        screen = app.screen
        assert screen.server is None and not screen.network
        assert "typ de aantallen met C" in labels(app)["problem"]
    finally:
        blocker.close()


# -- the projector, the keys and the facilitator ----------------------------------------------------------

def test_the_projector_shows_the_join_address_then_the_vote_and_the_spread_of_two_rounds(projector):
    app, screen = projector
    room = screen.room
    shown = texts_on_screen(app)
    assert f"http://127.0.0.1:{screen.server.address.port}/?code={room.code}" in shown
    assert "0 telefoons doen mee" in shown
    tokens = [post(screen, "/api/join", {"code": room.code})["token"] for _ in range(5)]
    press(app, pygame.K_o)
    vote(screen, tokens, ["bellen", "bellen", "brief", "brief", "brief"])
    press(app, pygame.K_u)
    assert labels(app)["bars:bellen"] == "2"
    press(app, pygame.K_n)
    vote(screen, tokens, ["bellen"] * 5)
    press(app, pygame.K_u)
    bars = labels(app)
    assert bars["bars:bellen"] == "2 → 5" and bars["bars:brief"] == "3 → 0"


def test_the_hint_bar_shows_the_workshop_keys(projector):
    from test_ui_router import expected_hints, hint_line

    app, screen = projector
    shown = hint_line(app).split(" · ")
    assert shown == expected_hints(app.screen, "nl")
    assert shown[:5] == ["O: stemming openen", "X: sluiten", "U: uitslag tonen", "N: tweede ronde",
                         "V: meerderheid volgen"]
    assert "C: aantallen typen" in shown and "F: begeleidersscherm" in shown and "0–9: aantal typen" not in shown
    press(app, pygame.K_c)
    assert "0–9: aantal typen" in hint_line(app) and "↑/↓: andere keuze" in hint_line(app)
    assert "1–9: kiezen" not in hint_line(app)  # while typing the digits are counts


def test_the_facilitator_puts_a_reason_on_the_projector_and_takes_it_off(projector):
    app, screen = projector
    room = screen.room
    tokens = [post(screen, "/api/join", {"code": room.code})["token"] for _ in range(2)]
    press(app, pygame.K_o)
    vote(screen, tokens, ["bellen", "brief"])
    for token, text in zip(tokens, ["Eerst contact", "<script>alert(1)</script>"], strict=True):
        post(screen, "/api/reason", {"code": room.code, "token": token, "reason": text})
    press(app, pygame.K_f)
    assert labels(app)["reason:2"] == "“<script>alert(1)</script>” — stemde 2"
    click(app, "feature:2")
    assert room.featured.text == "<script>alert(1)</script>"
    click(app, "feature:2")  # again: off
    assert room.featured is None


def test_the_discussion_timer_starts_and_stops(projector, monkeypatch):
    import game.ui.screens.workshop as workshop

    app, screen = projector
    now = [1000.0]
    monkeypatch.setattr(workshop.time, "monotonic", lambda: now[0])
    press(app, pygame.K_f)
    press(app, pygame.K_t)
    now[0] += 75
    app.frame()
    assert labels(app)["timer"] == "Gesprek: 1:15" and labels(app)["timer-state"].startswith("loopt")
    press(app, pygame.K_t)
    now[0] += 30
    assert labels(app)["timer"] == "Gesprek: 1:15" and labels(app)["timer-state"].startswith("staat stil")


def test_assessment_keeps_the_feedback_from_the_room(app):
    click(app, "workshop")
    press(app, pygame.K_m)  # assessment
    press(app, pygame.K_w)
    press(app, pygame.K_1)
    press(app, pygame.K_1)  # follow choice 1
    assert app.screen.room.mode == "assessment" and "Ria is blij dat je belt." not in texts_on_screen(app)


def test_escape_closes_the_room_and_the_server_stops_listening(projector):
    app, screen = projector
    room = screen.room
    port = screen.server.address.port
    socket.create_connection(("127.0.0.1", port), timeout=2).close()  # listening while the room is open
    press(app, pygame.K_ESCAPE)
    assert room.closed and screen.server is None and app.screen.name == "start"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_the_workshop_screens_in_english(tmp_path):
    app = open_app(tmp_path, library_folder(tmp_path), lang="en")
    try:
        app.kept["workshop"] = {"host": "127.0.0.1", "port": 0, "announce": None}
        click(app, "workshop")
        assert "Workshop: pick a case" in texts_on_screen(app)
        press(app, pygame.K_w)
        press(app, pygame.K_1)
        press(app, pygame.K_f)
        assert "Facilitator's view (not for the room)" in texts_on_screen(app)
    finally:
        getattr(app.screen, "close_room", lambda: None)()
        app.close()


# -- facilitator notes in the format -----------------------------------------------------------------------

def test_facilitator_notes_load_and_a_wrong_language_is_a_finding(check):
    text = GATED.replace('    speaker: colleague\n', '    speaker: colleague\n' + NOTES, 1)
    scenario, findings = check(text)
    assert not [f for f in findings if f.is_error]
    assert scenario.situations["deur"].facilitator_notes.get("en") == "Ask who has spoken to Ria. <b>Do not</b> prompt."
    assert not scenario.situations["keuken"].facilitator_notes
    _, findings = check(text.replace("      en: \"Ask who", "      xx: \"Ask who"))
    assert any("facilitator_notes" in f.message for f in findings)


def test_the_command_line_opens_the_window_on_the_case_and_prints_the_join_address(monkeypatch, capsys, tmp_path):
    from game.cli.main import main
    import game.ui.launch as launch

    folder = library_folder(tmp_path)
    opened: dict[str, Any] = {}

    def fake_run_window(first: str, first_args: dict[str, Any], data_dir: Any = None, lang: Any = None) -> int:
        opened.update(first=first, **first_args)
        first_args["announce"]("http://127.0.0.1:9999/?code=ACDE", "ACDE")
        return 0

    monkeypatch.setattr(launch, "run_window", fake_run_window)
    code = main(["workshop", str(folder / "gesloten-deur.yaml"), "--host", "127.0.0.1", "--port", "9999"])
    out = capsys.readouterr().out
    assert code == 0 and opened["first"] == "workshop" and opened["scenario"].id == "gesloten-deur"
    assert opened["host"] == "127.0.0.1" and opened["port"] == 9999 and opened["network"] is True
    assert "Deelnemers gaan op hun telefoon naar: http://127.0.0.1:9999/?code=ACDE" in out
    code = main(["workshop", "--offline"])
    assert code == 0 and opened["first"] == "workshop_pick" and opened["network"] is False


def test_without_a_display_the_command_line_says_so_and_runs_the_room_in_the_terminal(monkeypatch, capsys, tmp_path):
    from game.cli.main import main

    folder = library_folder(tmp_path)
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("builtins.input", lambda _prompt="": "q")
    code = main(["--data-dir", str(tmp_path / "d"), "workshop", str(folder / "gesloten-deur.yaml"),
                 "--host", "127.0.0.1", "--port", "0"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.count("\n") == 1 and "Er is geen scherm om een venster op te openen." in captured.err
    assert "Deelnemers gaan op hun telefoon naar: http://127.0.0.1:" in captured.out


def test_closing_the_window_closes_the_room_and_stops_the_server(monkeypatch, tmp_path):
    from game.content.library import load_library
    from game.ui.app import App
    from game.ui.launch import run_window

    library = load_library(library_folder(tmp_path))
    opened: list[tuple[WorkshopScreen, int]] = []

    def run(self: App, first: Any) -> None:  # the window opens on the workshop, then is closed at once
        self.show(first)
        opened.append((first, first.server.address.port))

    monkeypatch.setattr(App, "run", run)
    scenario = library.find("gesloten-deur").scenario
    assert run_window("workshop", {"scenario": scenario, "host": "127.0.0.1", "port": 0},
                      data_dir=tmp_path / "data") == 0
    ((screen, port),) = opened
    assert screen.room.closed and screen.server is None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with Store.open(tmp_path / "data") as store:
        (group,) = list_groups(store)
    assert group.finished and group.decisions == ()


def test_the_case_list_and_the_group_debrief_show_their_keys(app):
    from test_ui_router import expected_hints, hint_line

    click(app, "workshop")
    assert hint_line(app).split(" · ") == expected_hints(app.screen, "nl")
    assert "W: met of zonder netwerk" in hint_line(app) and "M: oefenen of toetsen" in hint_line(app)
    app.go("workshop_debrief", scenario=app.library.find("gesloten-deur").scenario, decisions=[], group_id=None)
    assert hint_line(app).split(" · ") == expected_hints(app.screen, "nl")
    assert "→: volgende" in hint_line(app) and "S: verslag opslaan" in hint_line(app)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_case_of_the_library_fits_the_projector_while_voting_and_revealed(tmp_path, lang):
    from game.content.library import default_folder

    app = open_app(tmp_path, default_folder(), lang=lang, size=(1920, 1080))
    try:
        for scenario in app.library.playable():
            screen = WorkshopScreen(app, scenario, host="127.0.0.1", port=0, network=False)
            app.show(screen)
            screen.action_open_vote()
            checked = [fits_on_screen(app, screen, f"{scenario.id} voting")]
            ids = [o.id for o in screen.room.view().options]
            screen.room.type_counts({choice_id: 3 * n + 1 for n, choice_id in enumerate(ids)})
            screen.action_reveal()
            screen.action_second_round()
            screen.room.type_counts({choice_id: 20 - n for n, choice_id in enumerate(ids)})
            screen.action_reveal()
            checked.append(fits_on_screen(app, screen, f"{scenario.id} two rounds revealed"))
            assert checked == [len(ids), 2 * len(ids)]
            screen.close_room()
    finally:
        app.close()


def fits_on_screen(app: Any, screen: WorkshopScreen, where: str) -> int:
    """Body text at least 32 px and every choice (and its bars) wholly on screen without scrolling."""
    app.frame()
    fitted = screen.fitted
    assert fitted is not None, where
    assert fitted.fit.story.theme.text_px >= 32 and fitted.fit.choices.theme.text_px >= 32, where
    region = fitted.choices
    window = pygame.Rect((0, 0), app.size)
    parts = [w for w in region.widgets if w.key.startswith(("option:", "bars:"))]
    for widget in parts:
        rect = widget.screen_rect(region.origin)
        assert region.viewport.contains(rect) and window.contains(rect), f"{where}: {widget.key}"
    return len(parts)
