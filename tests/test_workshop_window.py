"""The workshop on the projector (the window, headless): the join screen, a vote, two rounds revealed, follow."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pygame
import pytest

from game.ui.screens.workshop import WorkshopScreen
from uikit import library_folder, open_app, press, texts_on_screen


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


def test_the_projector_shows_the_join_address_then_the_vote_and_the_spread_of_two_rounds(projector):
    app, screen = projector
    room = screen.room
    shown = texts_on_screen(app)
    assert f"http://127.0.0.1:{screen.server.address.port}/?code={room.code}" in shown
    assert "0 telefoons doen mee" in shown
    tokens = [post(screen, "/api/join", {"code": room.code})["token"] for _ in range(5)]
    app.pump()
    assert "5 telefoons doen mee" in texts_on_screen(app)  # the window noticed without any key

    press(app, pygame.K_o)
    for token, choice in zip(tokens, ["bellen", "bellen", "brief", "brief", "brief"], strict=True):
        post(screen, "/api/vote", {"code": room.code, "token": token, "choice": choice})
    app.pump()
    shown = texts_on_screen(app)
    assert "ronde 1: 5 van 5 stemden" in shown and "3 → " not in shown  # the spread stays hidden
    press(app, pygame.K_u)
    assert "2" in [w.label for layer in app.screen.layers for r in layer.regions for w in r.widgets
                   if w.key == "bars:bellen"]
    press(app, pygame.K_n)
    for token in tokens:
        post(screen, "/api/vote", {"code": room.code, "token": token, "choice": "bellen"})
    press(app, pygame.K_u)
    bars = {w.key: w.label for layer in app.screen.layers for r in layer.regions for w in r.widgets}
    assert bars["bars:bellen"] == "2 → 5" and bars["bars:brief"] == "3 → 0"

    press(app, pygame.K_v)
    assert room.session.situation.id == "keuken"
    assert "Ria is blij dat je belt." in texts_on_screen(app)
    press(app, pygame.K_2)  # the facilitator follows choice 2 with one key, without a vote
    assert room.session.ending is not None and room.session.ending.id == "matig"
    assert "Een oplossing van papier" in texts_on_screen(app)


def test_the_hint_bar_shows_the_workshop_keys(projector):
    from test_ui_router import expected_hints, hint_line

    app, _ = projector
    shown = hint_line(app).split(" · ")
    assert shown == expected_hints(app.screen, "nl")
    assert shown[:5] == ["O: stemming openen", "X: sluiten", "U: uitslag tonen", "N: tweede ronde",
                         "V: meerderheid volgen"]


def test_escape_closes_the_room(projector):
    app, screen = projector
    room = screen.room
    press(app, pygame.K_ESCAPE)
    assert room.closed and screen.server is None and app.screen.name == "start"
