"""xAPI against a real LRS (Ralph, started by tests/lrs.py): every statement arrives exactly once, whatever happens."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest

from game.engine.session import Session
from game.store import groups
from game.store.database import Store
from game.store.outbox import Outgoing
from game.xapi.groups import queue_groups
from game.xapi.recorder import Recorder, open_recording_store
from game.xapi.sync import Reply, UrllibTransport, sync
from lrs import KEY, SECRET, Ralph, free_port, serve
from storekit import load as load_case, write_scenario

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scenarios" / "examples" / "huurachterstand.yaml"
HOME = "https://www.gemeente-voorbeeld.nl"
PLAYERS = ("Anna de Vries", "bert@gemeente-voorbeeld.nl", "Chris")
NO_WAIT = {"sleep": lambda _s: None}


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    """One real LRS for this module (skipped, or failed in CI, without Ralph)."""
    yield from serve(tmp_path_factory)


@pytest.fixture
def lrs_env(ralph: Ralph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Ralph:
    """The command line pointed at the running Ralph through the environment (no config file)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("OMGEKEERD_LRS_ENDPOINT", ralph.endpoint)
    monkeypatch.setenv("OMGEKEERD_LRS_KEY", KEY)
    monkeypatch.setenv("OMGEKEERD_LRS_SECRET", SECRET)
    monkeypatch.setenv("OMGEKEERD_LRS_HOMEPAGE", HOME)
    return ralph


def play(store: Store, case: Path, player: str, route: list[str]) -> None:
    scenario = load_case(case)
    session_id = store.start_session(player, scenario, str(case))
    session = Session(scenario)
    for choice in route:
        session.choose(choice)
        store.record_choice(session_id, choice)
    if session.finished:
        store.finish_session(session_id, session.ending.id, 70, 60, "omgekeerd")


def workshop(store: Store, case: Path) -> None:
    group_id = groups.start_group(store, load_case(case), str(case))
    groups.record_decision(store, group_id, "melding", [{"bellen": 4, "brief": 5}, {"bellen": 7, "brief": 2}],
                           "bellen", 95.0)
    groups.record_decision(store, group_id, "gesprek", [{"luisteren": 9}], "luisteren", 40.0)
    groups.record_decision(store, group_id, "besluit", [{"maatwerk": 6, "standaard": 3}], "maatwerk", 60.0)
    groups.finish_group(store, group_id, "goed", 9)


def fill(data: Path, tmp_path: Path) -> list[str]:
    """Three playthroughs (one with an undo) and one workshop group session; returns the ids queued."""
    case = write_scenario(tmp_path / "cases")
    with open_recording_store(data, Recorder(HOME)) as store:
        play(store, case, PLAYERS[0], ["bellen", "luisteren", "maatwerk"])
        play(store, case, PLAYERS[1], ["brief", "luisteren"])
        scenario = load_case(EXAMPLE)
        session_id = store.start_session(PLAYERS[2], scenario, str(EXAMPLE))
        store.record_choice(session_id, "bellen")
        store.undo_choice(session_id)
        store.record_choice(session_id, "bellen")
        workshop(store, case)
        queue_groups(store, Recorder(HOME))
        return [row.id for row in store.outbox.all()]


def arrived(ralph: Ralph, ids: list[str]) -> Counter[str]:
    """How often each of these ids is stored in the LRS."""
    wanted = set(ids)
    return Counter(s["id"] for s in ralph.statements() if s["id"] in wanted)


def assert_once(ralph: Ralph, ids: list[str]) -> None:
    counts = arrived(ralph, ids)
    assert set(counts) == set(ids) and set(counts.values()) == {1}


def test_three_playthroughs_and_a_workshop_arrive_exactly_once_and_ralph_validates_them(tmp_path, lrs_env, cli):
    data = tmp_path / "d"
    ids = fill(data, tmp_path)
    assert len(ids) == 17
    code, out, err = cli("sync", "--data-dir", str(data))
    assert (code, err) == (0, "") and "17 leerregistraties verstuurd." in out
    assert "0 leerregistraties wachten nog." in out
    assert_once(lrs_env, ids)
    code, out, _ = cli("--lang", "en", "sync", "--data-dir", str(data))  # the same sync again: nothing new
    assert code == 0 and "0 learning records sent." in out
    assert_once(lrs_env, ids)
    stored = [s for s in lrs_env.statements() if s["id"] in set(ids)]
    assert lrs_env.validate(stored) == [] and lrs_env.validate([bad_statement()])  # the check can fail
    for statement in stored:
        actor = json.dumps(statement["actor"])
        assert "mbox" not in actor and "@" not in actor and statement["actor"]["account"]["homePage"] == HOME
        assert not any(part in actor.lower() for part in ("anna", "vries", "bert", "chris"))


def test_a_sync_killed_half_way_sends_the_rest_and_nothing_twice(tmp_path, ralph):
    class KilledAfterSecondBatch(UrllibTransport):
        posts = 0

        def post(self, url: str, body: bytes, headers: dict[str, str]) -> Reply:
            reply = super().post(url, body, headers)
            KilledAfterSecondBatch.posts += 1
            if KilledAfterSecondBatch.posts == 2:  # the LRS stored the batch; we die before marking it
                raise KeyboardInterrupt
            return reply

    data = tmp_path / "d"
    ids = fill(data, tmp_path)
    with Store.open(data) as store:
        with pytest.raises(KeyboardInterrupt):
            sync(store, ralph.config(), transport=KilledAfterSecondBatch(), batch_size=5)
        assert store.outbox.counts()["sent"] == 5 and len(arrived(ralph, ids)) == 10
        report = sync(store, ralph.config(), batch_size=5)
        assert report.sent == 12 and report.queued == 0 and report.problem is None
    assert_once(ralph, ids)


def test_statements_made_while_the_lrs_is_down_arrive_once_it_is_back(tmp_path, ralph):
    data = tmp_path / "d"
    ids = fill(data, tmp_path)
    down = ralph.config(endpoint=f"http://127.0.0.1:{free_port()}/xAPI")
    with Store.open(data) as store:
        report = sync(store, down, **NO_WAIT)
        assert report.problem == "unreachable" and report.sent == 0 and report.queued == len(ids)
    more = fill(tmp_path / "d", tmp_path / "later")  # play goes on offline
    with Store.open(data) as store:
        report = sync(store, ralph.config(), **NO_WAIT)
    assert report.problem is None and report.sent == len(more)
    assert_once(ralph, more)


def test_resending_what_the_lrs_already_has_stores_nothing_twice(tmp_path, ralph):
    data = tmp_path / "d"
    ids = fill(data, tmp_path)
    with Store.open(data) as store:
        assert sync(store, ralph.config()).sent == len(ids)
        store._conn.execute("UPDATE xapi_outbox SET sent = NULL")  # as if every mark were lost
        report = sync(store, ralph.config(), batch_size=7)
    assert report.sent == len(ids) and report.problem is None
    assert_once(ralph, ids)


def bad_statement() -> dict[str, Any]:
    """A statement without an actor: any LRS refuses it."""
    return {"id": str(uuid.uuid4()), "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
            "object": {"objectType": "Activity", "id": "https://w3id.org/omgekeerd/xapi/scenario/x"}}


def test_a_refused_statement_is_kept_with_the_reason_and_nothing_else_is_lost_or_sent_twice(tmp_path, lrs_env, cli):
    data = tmp_path / "d"
    ids = fill(data, tmp_path)
    bad = bad_statement()
    with Store.open(data) as store:
        store.outbox.add([Outgoing(bad["id"], 0, "test", bad)], "2026-12-04T10:00:00+00:00")
        more = fill(data, tmp_path / "more")[len(ids) + 1:]
    code, out, _ = cli("--lang", "en", "sync", "--data-dir", str(data))
    assert code == 1 and "1 learning record refused by the learning record store:" in out
    assert f"{bad['id']}: HTTP 422: actor: Field required" in out and "0 learning records still queued." in out
    assert_once(lrs_env, ids + more) and not arrived(lrs_env, [bad["id"]])
    code, out, _ = cli("--lang", "en", "sync", "--data-dir", str(data))
    assert code == 0 and "0 learning records sent." in out and "1 refused learning record is kept" in out
    with Store.open(data) as store:
        kept = store.outbox.rejected()
    assert [row.id for row in kept] == [bad["id"]] and json.loads(kept[0].statement) == bad
    assert_once(lrs_env, ids + more)


def test_wrong_credentials_give_one_clear_message_and_mark_nothing(tmp_path, lrs_env, cli, monkeypatch):
    data = tmp_path / "d"
    ids = fill(data, tmp_path)
    monkeypatch.setenv("OMGEKEERD_LRS_SECRET", "niet-het-goede-wachtwoord")
    code, out, err = cli("sync", "--data-dir", str(data))
    assert code == 1 and err.count("\n") == 1 and "weigert de inloggegevens (HTTP 401)" in err
    assert "niet-het-goede-wachtwoord" not in out + err and f"{len(ids)} leerregistraties wachten nog." in out
    with Store.open(data) as store:
        assert store.outbox.counts() == {"queued": len(ids), "sent": 0, "rejected": 0}
    assert not arrived(lrs_env, ids)


def test_the_lrs_secret_is_in_no_store_export_or_report(tmp_path, lrs_env, cli):
    data = tmp_path / "d"
    fill(data, tmp_path)
    assert cli("sync", "--data-dir", str(data))[0] == 0
    out = tmp_path / "out"
    out.mkdir()
    assert cli("export", "--csv", str(out / "sessies.csv"), "--data-dir", str(data))[0] == 0
    assert cli("export", "--xapi", str(out / "xapi.json"), "--data-dir", str(data))[0] == 0
    assert cli("export", "--csv", str(out / "moodle.csv"), "--moodle", "--data-dir", str(data))[0] == 0
    assert cli("report", "--last", "--out", str(out / "verslag.html"), "--data-dir", str(data))[0] == 0
    from game.cli.main import build_parser
    commands = build_parser().format_help()
    if "export-sessions" in commands:  # the coaching export (issue 13), where it exists
        assert cli("export-sessions", "--out", str(out / "sessions.json"), "--data-dir", str(data))[0] == 0
    if "group-report" in commands:
        assert cli("group-report", "drie-stappen", "--out", str(out / "groep.html"), "--data-dir", str(data))[0] == 0
    written = sorted(out.iterdir()) + sorted(data.iterdir())
    assert len(written) >= 5
    for path in written:
        assert SECRET.encode() not in path.read_bytes(), path


def test_a_sync_process_killed_with_sigkill_is_finished_by_the_next_run(tmp_path, lrs_env):
    data = tmp_path / "d"
    case = write_scenario(tmp_path / "cases")
    with open_recording_store(data, Recorder(HOME)) as store:
        for number in range(40):
            play(store, case, f"speler{number}", ["bellen", "luisteren", "maatwerk"])
        ids = [row.id for row in store.outbox.all()]
    command = [sys.executable, str(ROOT / "main.py"), "sync", "--batch-size", "1", "--data-dir", str(data)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(arrived(lrs_env, ids)) < 20 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=10) == -signal.SIGKILL  # it really died half-way
    assert 20 <= len(arrived(lrs_env, ids)) < len(ids)
    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert_once(lrs_env, ids)


def test_the_window_can_sync_in_the_background(tmp_path, ralph):
    from game.xapi.background import BackgroundSync

    data = tmp_path / "d"
    ids = fill(data, tmp_path)
    job = BackgroundSync(data, ralph.config()).start()
    assert job.wait(timeout=60) and job.problem is None
    assert job.report is not None and job.report.sent == len(ids)
    assert_once(ralph, ids)
