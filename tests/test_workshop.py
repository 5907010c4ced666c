"""The workshop room, headless: phones vote over HTTP on 127.0.0.1, the facilitator leads, the store keeps counts.

Hostile input is tried on the real server and must be refused with a clear JSON answer and no change.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from collections.abc import Iterator

import aiohttp
import pytest

from game.engine.session import Session
from game.store.database import Store
from game.store.groups import get_group, list_groups
from game.workshop.qr import join_qr_png, join_qr_svg, join_url
from game.workshop.recording import GroupRecorder
from game.workshop.room import (CLOSED, FINISHED, READY, VOTING, Limit, RateLimiter, Room, RoomError, new_code,
                                one_line, CODE_ALPHABET)
from game.workshop.server import Address, RoomServer, lan_address, page_strings

CASE = """
format: 1
id: zaal
title: {nl: "De zaal", en: "The room"}
start: melding
metrics:
  trust: {start: 0}
situations:
  melding:
    text: {nl: "Er komt een melding binnen.", en: "A report comes in."}
    choices:
      - id: bellen
        text: {nl: "Bellen", en: "Call"}
        effects: {trust: 2}
        feedback: {nl: "Sam neemt op.", en: "Sam answers."}
        goto: gesprek
      - id: brief
        text: {nl: "Een brief sturen", en: "Send a letter"}
        feedback: {nl: "Er komt geen antwoord.", en: "No answer comes."}
        goto: gesprek
      - id: huisbezoek
        text: {nl: "Meteen op huisbezoek", en: "Visit at once"}
        requires: {metric: trust, gte: 5}
        requires_text: {nl: "Eerst vertrouwen winnen.", en: "Win trust first."}
        goto: gesprek
  gesprek:
    text: {nl: "Het gesprek.", en: "The conversation."}
    choices:
      - id: luisteren
        text: {nl: "Luisteren", en: "Listen"}
        goto: goed
      - id: afsluiten
        text: {nl: "Het dossier sluiten", en: "Close the file"}
        goto: slecht
endings:
  goed:
    title: {nl: "Goed afgelopen", en: "It went well"}
    text: {nl: "Goed."}
  slecht:
    title: {nl: "Slecht afgelopen", en: "It went badly"}
    text: {nl: "Slecht."}
"""


# -- a phone: plain HTTP on loopback ----------------------------------------------------------------

@dataclass
class Answer:
    status: int
    data: dict[str, Any]


class Phone:
    """A simulated phone talking to the room over HTTP."""

    def __init__(self, address: Address, code: str) -> None:
        self.base = address.url().rstrip("/")
        self.code = code
        self.token = ""

    def call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
             raw: bytes | None = None) -> Answer:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Answer(response.status, json.loads(response.read() or b"{}"))
        except urllib.error.HTTPError as error:
            text = error.read()
            return Answer(error.code, json.loads(text) if text.startswith(b"{") else {})

    def join(self, code: str | None = None) -> Answer:
        answer = self.call("POST", "/api/join", {"code": code or self.code})
        if answer.status == 200:
            self.token = answer.data["token"]
        return answer

    def vote(self, choice: str, **extra: Any) -> Answer:
        return self.call("POST", "/api/vote", {"code": self.code, "token": self.token, "choice": choice, **extra})

    def reason(self, text: str) -> Answer:
        return self.call("POST", "/api/reason", {"code": self.code, "token": self.token, "reason": text})

    def state(self) -> Answer:
        return self.call("GET", f"/api/state?code={self.code}&token={self.token}")


@pytest.fixture
def room(scenario) -> Room:
    return Room(Session(scenario(CASE)), now=0.0, lang="nl")


@pytest.fixture
def served(room: Room) -> Iterator[tuple[Room, Address]]:
    server = RoomServer(room)
    address = server.start("127.0.0.1", 0)
    try:
        yield room, address
    finally:
        room.close()
        server.stop()


@pytest.fixture
def phones(served: tuple[Room, Address]) -> list[Phone]:
    room, address = served
    crowd = [Phone(address, room.code) for _ in range(40)]
    for phone in crowd:
        assert phone.join().status == 200
    return crowd


# -- the whole workshop -----------------------------------------------------------------------------

def test_a_whole_workshop_with_forty_phones_two_rounds_and_the_store(served, phones, tmp_path):
    room, _ = served
    store = Store.open(tmp_path)
    recorder = GroupRecorder(store, room, "zaal")
    assert room.phones == 40 and len({p.token for p in phones}) == 40

    # Round 1: 24 call, 16 write; one writer changes to calling, one gives a reason.
    room.open_vote()
    for index, phone in enumerate(phones):
        assert phone.vote("bellen" if index < 24 else "brief").status == 200
    change = phones[39].vote("bellen")
    assert change.status == 200 and change.data["changed"] is True
    assert phones[0].reason("Bellen is sneller dan een brief").status == 200
    assert room.counts() == {"bellen": 25, "brief": 15, "huisbezoek": 0}
    assert room.voters() == 40
    assert phones[5].state().data["counts"] is None  # no herding: the spread is hidden while voting
    assert [r.text for r in room.reasons()] == ["Bellen is sneller dan een brief"]

    room.close_vote()
    assert phones[3].vote("brief").data["error"] == "vote_closed"
    room.reveal()
    assert phones[5].state().data["counts"] == {"bellen": 25, "brief": 15, "huisbezoek": 0}

    # Round 2 after discussion: the room shifts towards the letter.
    room.second_round()
    seen = phones[1].state().data
    assert seen["round"] == 2 and seen["voted"] is None and seen["counts"] is None
    for index, phone in enumerate(phones):
        assert phone.vote("bellen" if index < 10 else "brief").status == 200
    assert room.counts() == {"bellen": 10, "brief": 30, "huisbezoek": 0}
    assert room.shift() == {"bellen": -15, "brief": 15, "huisbezoek": 0}

    followed = room.follow(now=95.5)  # the majority by default
    recorder.followed(followed)
    assert followed.decision.followed == "brief" and followed.decision.seconds == 95.5
    assert room.session.situation is not None and room.session.situation.id == "gesprek"
    assert room.phase == READY
    after = phones[2].state().data
    assert after["situation"]["id"] == "gesprek" and after["feedback"]["nl"] == "Er komt geen antwoord."

    # Decision 2: the facilitator follows the minority.
    room.open_vote()
    for index, phone in enumerate(phones[:30]):
        phone.vote("luisteren" if index < 20 else "afsluiten")
    recorder.followed(room.follow(now=130.0, choice_id="afsluiten"))
    assert room.phase == FINISHED and room.session.ending is not None and room.session.ending.id == "slecht"
    assert phones[0].state().data["ending"]["nl"] == "Slecht afgelopen"
    room.close()
    recorder.finish()

    stored = get_group(store, recorder.group_id)
    assert stored is not None and list_groups(store) == [stored]
    assert (stored.scenario_id, stored.ending, stored.phones) == ("zaal", "slecht", 40) and stored.finished
    first, second = stored.decisions
    assert first.rounds == ({"bellen": 25, "brief": 15, "huisbezoek": 0}, {"bellen": 10, "brief": 30, "huisbezoek": 0})
    assert (first.situation_id, first.followed, first.seconds) == ("melding", "brief", 95.5)
    assert second.rounds == ({"luisteren": 20, "afsluiten": 10},) and second.followed == "afsluiten"
    assert second.seconds == pytest.approx(130.0 - 95.5)
    columns = {row[1] for table in ("group_sessions", "group_decisions", "group_votes")
               for row in store._read(f"PRAGMA table_info({table})")}
    assert not columns & {"token", "name", "address", "ip", "reason"}  # pseudonymous: counts only
    store.close()


def test_a_store_from_before_workshops_migrates_and_keeps_its_sessions(tmp_path, scenario):
    import sqlite3

    from game.store import database

    folder = tmp_path / "old"
    folder.mkdir()
    conn = sqlite3.connect(folder / database.DB_NAME, isolation_level=None)
    assert database.migrate(conn, database.MIGRATIONS[:2]) == 2  # the schema before group sessions
    conn.close()
    loaded = scenario(CASE)
    with Store.open(folder) as store:
        session_id = store.start_session("anna", loaded, "zaal")
        group_id = GroupRecorder(store, Room(Session(loaded), now=0.0), "zaal").group_id
        assert get_group(store, group_id) is not None and store.get(session_id) is not None
        store.forget("anna")  # the shared scenario text stays while the group session needs it
        assert get_group(store, group_id) is not None


# -- hostile input: refused with a clear answer, nothing changes ----------------------------------------

def test_a_wrong_room_code_is_refused(served, phones):
    room, address = served
    room.open_vote()
    stranger = Phone(address, "ZZZZ")
    answer = stranger.join()
    assert answer.status == 403 and answer.data["error"] == "wrong_code" and answer.data["message"]
    phones[0].code = "ZZZZ"
    assert phones[0].vote("bellen").status == 403
    assert room.phones == 40 and room.voters() == 0


def test_a_forged_token_is_refused(served, phones):
    room, address = served
    room.open_vote()
    forger = Phone(address, room.code)
    forger.token = phones[0].token[:-2] + "xx"
    answer = forger.vote("bellen")
    assert answer.status == 403 and answer.data["error"] == "unknown_phone"
    assert forger.state().status == 403
    assert room.voters() == 0


def test_a_vote_for_an_unavailable_or_unknown_choice_is_refused(served, phones):
    room, _ = served
    room.open_vote()
    answer = phones[0].vote("huisbezoek")
    assert answer.status == 422 and answer.data["error"] == "unavailable"
    assert phones[0].vote("bestaat-niet").data["error"] == "unknown_choice"
    assert room.voters() == 0
    greyed = {c["id"]: c for c in phones[0].state().data["choices"]}["huisbezoek"]
    assert greyed["available"] is False
    assert greyed["reason"] == {"nl": "Eerst vertrouwen winnen.", "en": "Win trust first."}


def test_a_second_ballot_in_the_same_round_is_not_counted_twice(served, phones):
    room, _ = served
    room.open_vote()
    assert phones[0].vote("bellen").status == 200
    again = phones[0].vote("bellen")
    assert again.status == 409 and again.data["error"] == "already_voted"
    assert room.counts() == {"bellen": 1, "brief": 0, "huisbezoek": 0}
    assert phones[0].vote("brief").data["changed"] is True  # a change moves the one ballot
    assert room.counts() == {"bellen": 0, "brief": 1, "huisbezoek": 0}


def test_a_vote_before_the_vote_opens_is_refused(served, phones):
    room, _ = served
    answer = phones[0].vote("bellen")
    assert answer.status == 409 and answer.data["error"] == "vote_closed"
    assert room.counts() == {}


def test_an_oversized_reason_or_body_is_refused(served, phones):
    room, _ = served
    room.open_vote()
    phones[0].vote("bellen")
    answer = phones[0].reason("x" * 141)
    assert answer.status == 422 and answer.data["error"] == "reason_too_long"
    assert phones[0].reason("x" * 140).status == 200
    huge = json.dumps({"code": room.code, "token": phones[0].token, "reason": "y" * 100_000}).encode()
    answer = phones[0].call("POST", "/api/reason", raw=huge)
    assert answer.status == 413 and answer.data["error"] == "too_large"
    assert [r.text for r in room.reasons()] == ["x" * 140]
    assert phones[1].reason("waarom").data["error"] == "vote_first"


def test_a_reason_with_html_or_control_characters_stays_text(served, phones):
    room, address = served
    room.open_vote()
    phones[0].vote("brief")
    hostile = '<script>alert("x")</script><b>vet</b>\n\x1b[31mrood'
    answer = phones[0].reason(hostile)
    assert answer.status == 200
    assert room.reasons()[0].text == '<script>alert("x")</script><b>vet</b> [31mrood'  # one line, no escape codes
    assert phones[0].state().data["reason"] == room.reasons()[0].text  # JSON carries the raw text
    with urllib.request.urlopen(address.url(), timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode()
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy  # an injected script cannot run
    assert "innerHTML" not in page
    with urllib.request.urlopen(address.url().rstrip("/") + "/static/phone.js", timeout=10) as response:
        script = response.read().decode()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "textContent" in script


def test_requests_from_another_site_or_not_json_are_refused(served, phones):
    room, _ = served
    room.open_vote()
    foreign = phones[0].call("POST", "/api/vote", {"code": room.code, "token": phones[0].token, "choice": "bellen"},
                             headers={"Origin": "http://evil.example"})
    assert foreign.status == 403 and foreign.data["error"] == "foreign_origin"
    form = phones[0].call("POST", "/api/vote", raw=b"choice=bellen", headers={"Content-Type": "text/plain"})
    assert form.status == 415
    broken = phones[0].call("POST", "/api/vote", raw=b"{not json")
    assert broken.status == 400 and broken.data["error"] == "bad_request"
    assert room.voters() == 0


@pytest.mark.parametrize("path", ["/static/", "/static/../pyproject.toml", "/api/", "/index.html",
                                  "/static/index.html", "/omgekeerd.sqlite3", "/.git/config"])
def test_nothing_but_the_room_is_served(served, path):
    _, address = served
    request = urllib.request.Request(address.url().rstrip("/") + path)
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 404


def test_a_flood_from_one_phone_is_rate_limited_and_changes_nothing(served, phones):
    room, address = served
    room.open_vote()
    flooder = phones[0]
    assert flooder.vote("bellen").status == 200
    body = {"code": room.code, "token": flooder.token, "choice": "brief"}

    async def flood() -> tuple[list[int], float]:
        connector = aiohttp.TCPConnector(limit=50)
        async with aiohttp.ClientSession(connector=connector) as client:
            async def one() -> int:
                async with client.post(address.url() + "api/vote", json=body) as response:
                    return response.status
            started = time.monotonic()
            statuses = await asyncio.gather(*(one() for _ in range(1000)))
            return list(statuses), time.monotonic() - started

    statuses, seconds = asyncio.run(flood())
    admitted = statuses.count(200) + statuses.count(409)  # the first passes (a change), the rest repeat it
    limit = room._limits["phone"].limit
    assert admitted <= limit.burst + limit.rate * seconds + 1
    assert statuses.count(429) >= 1000 - admitted and set(statuses) <= {200, 409, 429}
    assert room.counts() == {"bellen": 0, "brief": 1, "huisbezoek": 0}  # one phone, one ballot
    time.sleep(0.1)  # on loopback every phone shares the flooder's address, whose bucket refills at 150/s
    assert phones[1].vote("bellen").status == 200  # the others are not locked out
    assert room.counts() == {"bellen": 1, "brief": 1, "huisbezoek": 0}


def test_a_flood_of_joins_from_one_address_is_bounded(served):
    room, address = served

    async def flood() -> tuple[list[int], float]:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=50)) as client:
            async def one() -> int:
                async with client.post(address.url() + "api/join", json={"code": room.code}) as response:
                    return response.status
            started = time.monotonic()
            statuses = await asyncio.gather(*(one() for _ in range(1000)))
            return list(statuses), time.monotonic() - started

    statuses, seconds = asyncio.run(flood())
    limit = room._limits["join"].limit
    assert room.phones == statuses.count(200) <= limit.burst + limit.rate * seconds + 1
    assert statuses.count(429) == 1000 - room.phones


def test_a_closed_room_refuses_everyone_and_forgets_the_phones(served, phones):
    room, address = served
    room.close()
    assert phones[0].state().status == 410
    assert Phone(address, room.code).join().status == 410
    assert room.phones == 0 and room.phones_joined == 40


# -- the live channel -----------------------------------------------------------------------------------

def test_the_websocket_sends_the_state_after_every_change(served, phones):
    room, address = served
    phone = phones[0]

    async def watch() -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []
        async with aiohttp.ClientSession() as client:
            url = f"{address.url()}api/live?code={room.code}&token={phone.token}"
            async with client.ws_connect(url) as ws:
                seen.append(await ws.receive_json(timeout=5))
                await asyncio.to_thread(room.open_vote)
                seen.append(await ws.receive_json(timeout=5))
                await asyncio.to_thread(phones[1].vote, "brief")
                seen.append(await ws.receive_json(timeout=5))
        return seen

    first, opened, voted = asyncio.run(watch())
    assert (first["phase"], opened["phase"], voted["voters"]) == ("ready", "voting", 1)


def test_the_long_poll_waits_for_a_change(served, phones):
    room, _ = served
    version = phones[0].state().data["version"]
    started = time.monotonic()
    room_timer = __import__("threading").Timer(0.3, room.open_vote)
    room_timer.start()
    answer = phones[0].call("GET", f"/api/state?code={room.code}&token={phones[0].token}&since={version}")
    assert answer.data["phase"] == "voting" and 0.2 < time.monotonic() - started < 5


def test_the_page_strings_come_from_the_catalogue_in_both_languages():
    strings = page_strings()
    assert strings["nl"]["page.join"] == "Meedoen" and strings["en"]["page.join"] == "Join"
    assert strings["en"]["page.voters.one"] == "{count} vote of {phones}"
    assert set(strings["nl"]) == set(strings["en"])


# -- the room model alone (time passed in) ------------------------------------------------------------

def test_the_spread_is_revealed_only_after_the_vote_closes(room):
    token = room.join(room.code, 0.0)
    room.open_vote()
    room.vote(token, "bellen")
    with pytest.raises(RoomError) as caught:
        room.reveal()
    assert caught.value.key == "vote_not_closed"
    room.close_vote()
    room.reveal()
    assert room.phase == CLOSED and room.revealed
    room.second_round()
    assert room.phase == VOTING and not room.revealed and room.counts() == {"bellen": 0, "brief": 0, "huisbezoek": 0}


def test_following_an_unavailable_choice_or_nothing_is_refused(room):
    room.open_vote()
    with pytest.raises(RoomError) as caught:
        room.follow(1.0)
    assert caught.value.key == "no_votes"
    with pytest.raises(RoomError) as caught:
        room.follow(1.0, "huisbezoek")
    assert caught.value.key == "unavailable" and room.session.situation.id == "melding"


def test_the_projector_sees_the_spread_only_after_the_reveal_and_never_the_reasons(room):
    tokens = [room.join(room.code, 0.0) for _ in range(3)]
    room.open_vote()
    for token, choice in zip(tokens, ["bellen", "brief", "brief"], strict=True):
        room.vote(token, choice)
    room.give_reason(tokens[0], "Persoonlijk contact")
    projector, facilitator = room.view(), room.view(facilitator=True)
    assert (projector.phase, projector.voters, projector.phones, projector.rounds) == (VOTING, 3, 3, None)
    assert projector.reasons == () and [r.text for r in facilitator.reasons] == ["Persoonlijk contact"]
    assert facilitator.rounds == ({"bellen": 1, "brief": 2, "huisbezoek": 0},) and facilitator.majority == "brief"
    greyed = {o.id: o for o in projector.options}["huisbezoek"]
    assert not greyed.available and greyed.reason.get("en") == "Win trust first."
    room.feature(facilitator.reasons[0].id)
    room.close_vote()
    room.reveal()
    room.second_round()
    room.vote(tokens[0], "brief")
    room.close_vote()
    room.reveal()
    shown = room.view()
    assert shown.rounds == ({"bellen": 1, "brief": 2, "huisbezoek": 0}, {"bellen": 0, "brief": 1, "huisbezoek": 0})
    assert shown.featured is None  # a featured reason belongs to its round


def test_a_tie_follows_the_first_choice_listed(room):
    a, b = room.join(room.code, 0.0), room.join(room.code, 0.0)
    room.open_vote()
    room.vote(b, "brief")
    room.vote(a, "bellen")
    assert room.majority() == "bellen"


def test_the_facilitator_can_feature_one_reason(room):
    token = room.join(room.code, 0.0)
    room.open_vote()
    room.vote(token, "bellen")
    room.give_reason(token, "  Omdat   bellen\tpersoonlijker is ")
    reason = room.reasons()[0]
    assert reason.text == "Omdat bellen persoonlijker is"
    room.feature(reason.id)
    assert room.featured == reason
    with pytest.raises(RoomError):
        room.feature(999)


def test_the_token_bucket_refills_with_time():
    limiter = RateLimiter(Limit(burst=3, rate=1))
    assert [limiter.admit("p", 0.0) for _ in range(4)] == [True, True, True, False]
    assert limiter.admit("p", 0.5) is False
    assert limiter.admit("p", 1.0) is True
    assert limiter.admit("q", 1.0) is True  # another client has its own bucket


def test_room_codes_use_unambiguous_characters_and_tokens_are_unique(room):
    codes = {new_code() for _ in range(200)}
    assert all(len(c) == 4 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set(CODE_ALPHABET) & set("0O1IL2Z5S8B")
    assert room.join(room.code.lower(), 0.0) != room.join(f" {room.code} ", 0.0)


def test_one_line_drops_control_characters():
    assert one_line("a\r\nb\u2028c\x00d\x1b[0m") == "a b cd[0m"


def test_without_a_network_the_facilitator_types_the_counts(room, tmp_path):
    store = Store.open(tmp_path)
    recorder = GroupRecorder(store, room, "zaal")
    room.type_counts({"bellen": 12, "brief": 9})
    room.type_counts({"bellen": 12, "brief": 8})  # a retype corrects
    assert room.counts() == {"bellen": 12, "brief": 8, "huisbezoek": 0} and room.phase == CLOSED
    with pytest.raises(RoomError):
        room.type_counts({"bellen": -1})
    room.second_round()
    room.type_counts({"bellen": 5, "brief": 15})
    assert room.shift() == {"bellen": -7, "brief": 7, "huisbezoek": 0}
    recorder.followed(room.follow(now=60.0))
    (decision,) = get_group(store, recorder.group_id).decisions
    assert decision.rounds[1] == {"bellen": 5, "brief": 15, "huisbezoek": 0} and decision.followed == "brief"
    store.close()


def test_assessment_mode_sends_no_feedback(scenario):
    room = Room(Session(scenario(CASE)), now=0.0, mode="assessment")
    token = room.join(room.code, 0.0)
    room.follow(1.0, "bellen")
    assert room.phone_state(token)["feedback"] is None


# -- the address, the QR code and the command line ----------------------------------------------------

def test_the_lan_address_is_found_without_sending_and_falls_back_to_loopback():
    class FakeSocket:
        def __init__(self, *_args: object) -> None:
            self.sent = False

        def connect(self, _address: object) -> None:
            raise OSError("no route")

        def getsockname(self) -> tuple[str, int]:
            return ("0.0.0.0", 0)

        def close(self) -> None:
            pass

    assert lan_address(FakeSocket) == "127.0.0.1"  # type: ignore[arg-type]


def test_the_qr_code_carries_the_join_address():
    url = join_url("192.168.1.20", 8080, "ACDE")
    assert url == "http://192.168.1.20:8080/?code=ACDE"
    assert join_qr_png(url, 4).startswith(b"\x89PNG\r\n\x1a\n")
    assert join_qr_svg(url).lstrip().startswith(b"<svg")


def test_the_command_line_prints_the_join_address_and_stores_the_group(cli, monkeypatch, write, tmp_path):
    case = write(CASE, "zaal.yaml")
    answers = iter(["o", "s", "x", "t 1 2", "t 1 2 x", "t 3 4 0", "v 2", "v 1"])
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(answers))
    code, out, err = cli("--data-dir", str(tmp_path), "--lang", "en", "workshop", str(case),
                         "--host", "127.0.0.1", "--port", "0", "--terminal")
    assert code == 0, err
    assert "Participants open on their phone: http://127.0.0.1:" in out and "/?code=" in out
    assert "The room runs here in the terminal, without a window." in out
    assert "The room follows: Send a letter" in out and "Outcome: It went well" in out
    assert out.count("Type one number per choice") == 2 and "  2.   4  Send a letter" in out
    with Store.open(tmp_path) as store:
        (group,) = list_groups(store)
    assert [d.followed for d in group.decisions] == ["brief", "luisteren"] and group.ending == "goed"
    assert group.decisions[0].rounds == ({"bellen": 3, "brief": 4, "huisbezoek": 0},)


def test_the_command_line_needs_a_case(cli):
    code, _, err = cli("workshop", "--terminal")
    assert code == 2 and "omgekeerd workshop" in err


def test_a_room_bound_to_every_interface_shows_the_laptops_own_address_to_join() -> None:
    from game.workshop.server import Address, join_host

    lan = lambda: "192.0.2.7"  # a documentation address (RFC 5737), never contacted
    assert join_host("0.0.0.0", lan) == "192.0.2.7"
    assert join_host("::", lan) == "192.0.2.7"
    assert join_host("127.0.0.1", lan) == "127.0.0.1"
    assert Address(join_host("0.0.0.0", lan), 8080).url("K7MR") == "http://192.0.2.7:8080/?code=K7MR"
