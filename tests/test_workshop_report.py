"""The group report of a workshop: the numbers the room saw, round by round, in one self-contained HTML file."""

from __future__ import annotations

import html
import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.cli.main import main
from game.store.groups import list_groups
from game.ui.screens.workshop import WorkshopScreen
from uikit import library_folder, open_app, press


def post(screen: WorkshopScreen, path: str, body: dict[str, Any]) -> dict[str, Any]:
    assert screen.server is not None and screen.server.address is not None
    request = urllib.request.Request(screen.server.address.url().rstrip("/") + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def rows(section: str) -> dict[str, list[int]]:
    """Each table row of a section: its first cell's text -> the numbers in the other cells."""
    found: dict[str, list[int]] = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        if len(cells) > 1:
            name = re.sub(r"<[^>]+>", "", cells[0]).strip()
            found.setdefault(html.unescape(name), [int(c) for c in cells[1:]])
    return found


@pytest.fixture
def workshop(tmp_path: Path) -> tuple[Path, int, dict[str, Any]]:
    """A whole workshop in the window with 40 phones over HTTP; returns the data folder, the group id and what
    the room showed."""
    app = open_app(tmp_path, library_folder(tmp_path))
    scenario = app.library.find("gesloten-deur").scenario
    screen = WorkshopScreen(app, scenario, host="127.0.0.1", port=0)
    app.show(screen)
    app.frame()
    room = screen.room
    shown: dict[str, Any] = {}
    try:
        tokens = [post(screen, "/api/join", {"code": room.code})["token"] for _ in range(40)]
        press(app, pygame.K_o)
        for index, token in enumerate(tokens):
            vote = {"code": room.code, "token": token, "choice": "bellen" if index < 22 else "brief"}
            post(screen, "/api/vote", vote)
        post(screen, "/api/reason", {"code": room.code, "token": tokens[0], "reason": "<i>nooit</i> in het verslag"})
        press(app, pygame.K_u)
        press(app, pygame.K_n)
        for index, token in enumerate(tokens):
            vote = {"code": room.code, "token": token, "choice": "bellen" if index < 33 else "brief"}
            post(screen, "/api/vote", vote)
        press(app, pygame.K_u)
        shown["first"] = room.view().rounds
        press(app, pygame.K_v)
        press(app, pygame.K_o)
        for index, token in enumerate(tokens):
            post(screen, "/api/vote", {"code": room.code, "token": token,
                                       "choice": "samen" if index < 21 else "indiceren"})
        press(app, pygame.K_u)
        shown["second"] = room.view().rounds
        press(app, pygame.K_2)
        group_id = screen.recorder.group_id if screen.recorder else list_groups(app.records.store)[-1].id
        press(app, pygame.K_d)
        debrief = app.screen.debrief
        shown["splits"] = debrief.splits
    finally:
        getattr(app.screen, "close_room", lambda: None)()
        app.close()
    return tmp_path / "data", group_id, shown


def test_the_group_report_shows_the_numbers_the_room_saw(workshop, tmp_path, capsys):
    data, group_id, shown = workshop
    assert shown["first"] == ({"bellen": 22, "brief": 18}, {"bellen": 33, "brief": 7})
    assert shown["second"] == ({"samen": 21, "indiceren": 19},)
    out = tmp_path / "groep.html"
    assert main(["--data-dir", str(data), "group-report", str(group_id), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    section = page[page.index('<section class="workshop-rounds">'):]
    section = section[:section.index("</section>")]
    table = rows(section)
    assert table["Ria bellen en een afspraak maken expert de keuze van de zaal"] == [22, 33]
    assert table["Een brief sturen"] == [18, 7]
    assert table["Samen een oplossing zoeken expert"] == [21]
    assert table["Een standaardindicatie afgeven de keuze van de zaal"] == [19]
    assert table["Stemmen in totaal"] == [40, 40]
    assert shown["splits"] == [2] and "Beslissing 2 · <span class=\"mark\">de zaal was verdeeld</span>" in section
    assert "Wat had Ria nodig?" in section
    assert "nooit" not in page  # reasons stay in the room
    assert not re.search(r"""(src|href)=["']?https?:""", page)  # self-contained: nothing fetched


def test_a_case_id_gives_the_case_report_and_a_number_the_workshop(workshop, tmp_path):
    data, group_id, _ = workshop
    out = tmp_path / "casus.html"
    assert main(["--data-dir", str(data), "group-report", "gesloten-deur", "--out", str(out)]) in (0, 1)
    if out.exists():
        assert "workshop-rounds" not in out.read_text(encoding="utf-8")
    assert main(["--data-dir", str(data), "group-report", str(group_id + 1), "--out", str(out)]) != 0
