"""The settings screen's network parts (headless): the workshop's host and port, and sending to the LRS.

Issue 12: a host and port chosen in the settings are where the window's workshop listens (the
command line's --host/--port win); a bad value is refused with the reason and not saved.
Issue 14: the settings show whether an LRS is configured (never its secret), what is queued
and refused, and *Send now* runs in the background with its result on screen. Only loopback
addresses are used; the real LRS is Ralph (tests/lrs.py), skipped with the reason without it.
"""

from __future__ import annotations

import json
import socket
import time
import uuid
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pygame
import pytest

from game.engine.session import Session
from game.store.database import Store
from game.store.outbox import Outgoing
from game.ui.settings import SettingsFile
from game.xapi.recorder import Recorder, open_recording_store
from lrs import KEY, SECRET, Ralph, free_port, serve
from storekit import load as load_case, write_scenario
from uikit import click, library_folder, open_app, press, texts_on_screen, type_text

HOME = "https://www.gemeente-voorbeeld.nl"
SYNC_SECONDS = 30.0


@pytest.fixture(autouse=True)
def no_lrs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No LRS from the machine's own config or environment: each test sets what it needs."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("ENDPOINT", "KEY", "SECRET", "HOMEPAGE"):
        monkeypatch.delenv(f"OMGEKEERD_LRS_{name}", raising=False)


def lrs_at(monkeypatch: pytest.MonkeyPatch, endpoint: str, secret: str = SECRET) -> None:
    monkeypatch.setenv("OMGEKEERD_LRS_ENDPOINT", endpoint)
    monkeypatch.setenv("OMGEKEERD_LRS_KEY", KEY)
    monkeypatch.setenv("OMGEKEERD_LRS_SECRET", secret)
    monkeypatch.setenv("OMGEKEERD_LRS_HOMEPAGE", HOME)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Any]:
    app = open_app(tmp_path, library_folder(tmp_path))
    yield app
    close = getattr(app.screen, "close_room", None)
    if close is not None:
        close()
    app.close()


def open_settings(app: Any) -> None:
    click(app, "settings")
    assert app.screen.name == "settings"


def type_into(app: Any, key: str, text: str) -> None:
    """Click a field, clear it (Ctrl+Backspace) and type."""
    click(app, key)
    assert app.screen.focus_key == key
    press(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, text)


def saved(tmp_path: Path) -> dict[str, Any]:
    return dict(json.loads((tmp_path / "data" / "settings.json").read_text(encoding="utf-8")))


def open_workshop(app: Any) -> Any:
    """Start screen -> Workshop -> the test case: the room opens and its server listens."""
    click(app, "workshop")
    click(app, "case:gesloten-deur")
    assert app.screen.name == "workshop"
    return app.screen


# -- issue 12: the workshop's address -----------------------------------------------------------------

def test_a_host_and_port_chosen_in_the_settings_are_where_the_workshop_listens(app, tmp_path):
    open_settings(app)
    assert "Leeg: het adres van deze laptop (" in texts_on_screen(app)  # the detected address is shown
    type_into(app, "workshop_host", "127.0.0.1")
    type_into(app, "workshop_port", "0")
    click(app, "workshop_save")
    shown = texts_on_screen(app)
    assert "Bewaard." in shown and "De workshop luistert op 127.0.0.1, een vrije poort." in shown
    assert saved(tmp_path)["workshop_host"] == "127.0.0.1" and saved(tmp_path)["workshop_port"] == 0
    press(app, pygame.K_ESCAPE)
    screen = open_workshop(app)
    address = screen.server.address
    assert address.host == "127.0.0.1" and address.port != 0
    socket.create_connection(("127.0.0.1", address.port), timeout=2).close()
    assert f"http://127.0.0.1:{address.port}/?code={screen.room.code}" in texts_on_screen(app)


def test_enter_in_a_field_saves_and_the_setting_is_there_after_a_restart(app, tmp_path):
    open_settings(app)
    type_into(app, "workshop_port", "9123")
    press(app, pygame.K_RETURN)
    assert app.settings.workshop_port == 9123 and saved(tmp_path)["workshop_port"] == 9123
    app.close()
    again = open_app(tmp_path, tmp_path / "library")
    try:
        open_settings(again)
        _region, field = again.screen.widget_by_key("workshop_port")
        assert field.value == "9123"
    finally:
        again.close()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("workshop_port", "80", "Niet bewaard: ‘80’ is geen goede poort. Kies een getal van 1024 tot en met 65535"),
    ("workshop_port", "65536", "Niet bewaard: ‘65536’ is geen goede poort."),
    ("workshop_port", "80a", "Niet bewaard: ‘80a’ is geen goede poort."),
    ("workshop_port", "", "Niet bewaard: ‘’ is geen goede poort."),
    ("workshop_host", "laptop.local", "Niet bewaard: ‘laptop.local’ is geen IP-adres. Typ een adres zoals"),
    ("workshop_host", "999.1.1.1", "Niet bewaard: ‘999.1.1.1’ is geen IP-adres."),
    ("workshop_host", "0.0.0.0", "Niet bewaard: ‘0.0.0.0’ is geen adres waar een telefoon naartoe kan."),
])
def test_a_bad_port_or_host_is_refused_with_the_reason_and_not_saved(app, tmp_path, field, value, message):
    open_settings(app)
    type_into(app, field, value)
    press(app, pygame.K_RETURN)
    assert message in texts_on_screen(app)
    assert app.settings.workshop_host == "" and app.settings.workshop_port == 8080
    assert not (tmp_path / "data" / "settings.json").exists()
    press(app, pygame.K_ESCAPE)  # leaving: still not saved, and the reason stays in view a moment
    assert app.screen.name == "start" and message in (app.toast_text or "")
    assert app.settings.workshop_port == 8080 and not (tmp_path / "data" / "settings.json").exists()


def test_a_good_value_typed_and_left_with_escape_is_saved(app, tmp_path):
    open_settings(app)
    type_into(app, "workshop_host", "::1")
    press(app, pygame.K_ESCAPE)  # Esc closes the screen, with the field still focused
    assert app.screen.name == "start" and saved(tmp_path)["workshop_host"] == "::1"


def test_an_address_this_laptop_lacks_is_saved_with_a_warning(app, tmp_path):
    open_settings(app)
    type_into(app, "workshop_host", "192.0.2.77")  # TEST-NET-1: documentation only, never a laptop's address
    click(app, "workshop_save")
    shown = texts_on_screen(app)
    assert saved(tmp_path)["workshop_host"] == "192.0.2.77"
    assert "Let op: deze laptop heeft het adres 192.0.2.77 nu niet." in shown


def test_the_command_line_wins_over_the_setting(app, tmp_path):
    with socket.socket() as blocker:  # the setting's port is taken: a workshop that used it could not listen
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        taken = blocker.getsockname()[1]
        app.change_settings(workshop_host="127.0.0.1", workshop_port=taken)
        app.kept["workshop"] = {"host": "127.0.0.1", "port": 0, "announce": None}  # as `--host 127.0.0.1 --port 0`
        open_settings(app)
        assert "Dit venster is gestart met --host of --port." in texts_on_screen(app)
        press(app, pygame.K_ESCAPE)
        screen = open_workshop(app)
        assert screen.network and screen.server.address.port not in (0, taken)


def test_the_terminal_workshop_uses_the_setting_without_host_and_port(tmp_path, monkeypatch, capsys):
    from game.cli.main import main
    from game.ui.settings import Settings

    data = tmp_path / "d"
    SettingsFile(data).save(Settings(workshop_host="127.0.0.1", workshop_port=0))
    monkeypatch.setattr("builtins.input", lambda _prompt="": "q")
    folder = library_folder(tmp_path)
    code = main(["--data-dir", str(data), "workshop", str(folder / "gesloten-deur.yaml"), "--terminal"])
    assert code == 0 and "Deelnemers gaan op hun telefoon naar: http://127.0.0.1:" in capsys.readouterr().out


def test_the_address_part_in_english(tmp_path):
    app = open_app(tmp_path, library_folder(tmp_path), lang="en")
    try:
        open_settings(app)
        type_into(app, "workshop_port", "1023")
        press(app, pygame.K_RETURN)
        shown = texts_on_screen(app)
        assert "Not saved: ‘1023’ is not a usable port. Choose a number from 1024 to 65535" in shown
        assert "Workshop: network" in shown and "Empty: this laptop's address (" in shown
    finally:
        app.close()


# -- issue 14: sending to the learning record store ------------------------------------------------------

def queue_statements(data: Path, tmp_path: Path, players: int = 2) -> list[str]:
    """Playthroughs recorded with the xAPI recorder (as the window records them); the ids queued."""
    case = load_case(write_scenario(tmp_path / "cases"))
    with open_recording_store(data, Recorder(HOME)) as store:
        for number in range(players):
            session_id = store.start_session(f"speler{number}", case, "drie-stappen")
            session = Session(case)
            for choice in ("bellen", "luisteren", "maatwerk"):
                session.choose(choice)
                store.record_choice(session_id, choice)
            store.finish_session(session_id, session.ending.id, 70, 60, "omgekeerd")
        return [row.id for row in store.outbox.all()]


def send_and_wait(app: Any) -> float:
    """Click *Send now*; the seconds the click took (the window must not wait); then pump until done."""
    started = time.monotonic()
    click(app, "sync_send")
    took = time.monotonic() - started
    deadline = time.monotonic() + SYNC_SECONDS
    while time.monotonic() < deadline:
        job = app.kept.get("sync")
        app.frame()
        if job is not None and job.done and app.kept.get("sync_seen"):
            return took
        time.sleep(0.02)
    raise AssertionError("the sync did not finish")


def test_without_an_lrs_the_settings_say_so_and_send_is_off(app):
    open_settings(app)
    shown = texts_on_screen(app)
    assert "Niet ingesteld: zie docs/xapi.md." in shown and "0 leerregistraties wachten nog." in shown
    _region, button = app.screen.widget_by_key("sync_send")
    assert not button.enabled
    click(app, "sync_send")
    assert "sync" not in app.kept


def test_an_lrs_that_refuses_the_connection_is_reported_and_the_window_never_waits(tmp_path, monkeypatch):
    port = free_port()  # nothing listens there: the connection is refused
    lrs_at(monkeypatch, f"http://{KEY}:{SECRET}@127.0.0.1:{port}/xAPI?token={SECRET}")
    ids = queue_statements(tmp_path / "data", tmp_path)
    app = open_app(tmp_path, library_folder(tmp_path))
    try:
        open_settings(app)
        shown = texts_on_screen(app)
        assert f"Verstuurt naar: http://127.0.0.1:{port}/xAPI" in shown
        assert f"{len(ids)} leerregistraties wachten nog." in shown and SECRET not in shown and KEY not in shown
        started = time.monotonic()
        click(app, "sync_send")
        assert time.monotonic() - started < 1.0  # the retries (3.5 s) run in the sync's own thread
        assert "Bezig met versturen. Je kunt gewoon verder." in texts_on_screen(app)
        _region, button = app.screen.widget_by_key("sync_send")
        assert not button.enabled  # one sync at a time
        send_and_wait(app)
        shown = texts_on_screen(app)
        assert "0 leerregistraties verstuurd." in shown
        assert f"De leeromgeving op http://127.0.0.1:{port}/xAPI is niet bereikbaar" in shown
        assert f"{len(ids)} leerregistraties wachten nog." in shown and SECRET not in shown
    finally:
        app.close()
    with Store.open(tmp_path / "data", read_only=True) as store:
        assert store.outbox.counts() == {"queued": len(ids), "sent": 0, "rejected": 0}


def test_the_sync_part_in_english(tmp_path, monkeypatch):
    lrs_at(monkeypatch, f"http://127.0.0.1:{free_port()}/xAPI", secret="")
    app = open_app(tmp_path, library_folder(tmp_path), lang="en")
    try:
        open_settings(app)
        shown = texts_on_screen(app)
        assert "Learning record store (LRS)" in shown and "0 learning records still queued." in shown
        assert "Not complete: the address, the key or the secret is missing (see docs/xapi.md)." in shown
    finally:
        app.close()


# -- against a real LRS ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    """One real LRS for this module's last tests (skipped, or failed in CI, without Ralph)."""
    yield from serve(tmp_path_factory)


def bad_statement() -> dict[str, Any]:
    """A statement without an actor: any LRS refuses it."""
    return {"id": str(uuid.uuid4()), "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
            "object": {"objectType": "Activity", "id": "https://w3id.org/omgekeerd/xapi/scenario/x"}}


def test_send_now_delivers_to_a_real_lrs_and_shows_what_it_refused(tmp_path, monkeypatch, ralph):
    lrs_at(monkeypatch, ralph.endpoint)
    ids = queue_statements(tmp_path / "data", tmp_path)
    bad = bad_statement()
    with Store.open(tmp_path / "data") as store:
        store.outbox.add([Outgoing(bad["id"], 0, "test", bad)], "2026-12-04T10:00:00+00:00")
    app = open_app(tmp_path, library_folder(tmp_path))
    try:
        open_settings(app)
        assert f"{len(ids) + 1} leerregistraties wachten nog." in texts_on_screen(app)
        send_and_wait(app)
        shown = texts_on_screen(app)
        assert f"{len(ids)} leerregistraties verstuurd." in shown
        assert "1 leerregistratie geweigerd door de leeromgeving:" in shown
        assert "- HTTP 422: actor: Field required" in shown
        assert "0 leerregistraties wachten nog." in shown
        assert "1 leerregistratie is geweigerd en met de reden bewaard." in shown
    finally:
        app.close()
    stored = [s["id"] for s in ralph.statements()]
    assert all(stored.count(i) == 1 for i in ids) and bad["id"] not in stored


def test_send_now_with_wrong_credentials_gives_the_one_clear_message(tmp_path, monkeypatch, ralph):
    lrs_at(monkeypatch, ralph.endpoint, secret="niet-het-goede-wachtwoord")
    ids = queue_statements(tmp_path / "data", tmp_path, players=1)
    app = open_app(tmp_path, library_folder(tmp_path))
    try:
        open_settings(app)
        send_and_wait(app)
        shown = texts_on_screen(app)
        assert f"De leeromgeving op {ralph.endpoint} weigert de inloggegevens (HTTP 401)." in shown
        assert f"{len(ids)} leerregistraties wachten nog." in shown and "niet-het-goede-wachtwoord" not in shown
    finally:
        app.close()


def test_a_sync_that_fails_unexpectedly_says_so_instead_of_sending_for_ever(tmp_path, monkeypatch):
    import game.xapi.background as background

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("de schijf is weg")

    monkeypatch.setattr(background, "sync", broken)
    lrs_at(monkeypatch, f"http://127.0.0.1:{free_port()}/xAPI")
    queue_statements(tmp_path / "data", tmp_path, players=1)
    app = open_app(tmp_path, library_folder(tmp_path))
    try:
        open_settings(app)
        send_and_wait(app)
        shown = texts_on_screen(app)
        assert "Versturen lukte niet: RuntimeError: de schijf is weg" in shown and "Bezig met versturen" not in shown
        _region, button = app.screen.widget_by_key("sync_send")
        assert button.enabled  # it can be tried again
    finally:
        app.close()


def test_without_a_usable_data_folder_nothing_is_claimed_saved_or_sendable(tmp_path, monkeypatch):
    lrs_at(monkeypatch, f"http://127.0.0.1:{free_port()}/xAPI")
    (tmp_path / "data").write_text("not a folder", encoding="utf-8")  # the store and settings.json cannot be made
    app = open_app(tmp_path, library_folder(tmp_path))
    try:
        open_settings(app)
        assert "Je voortgang wordt nu niet bewaard, dus er is niets te versturen." in texts_on_screen(app)
        _region, button = app.screen.widget_by_key("sync_send")
        assert not button.enabled
        type_into(app, "workshop_port", "9124")
        press(app, pygame.K_RETURN)
        shown = texts_on_screen(app)
        assert "De instellingen konden niet worden bewaard." in shown and "Bewaard." not in shown
        assert app.settings.workshop_port == 9124  # in use for this window all the same
    finally:
        app.close()
