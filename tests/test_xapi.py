"""xAPI without a network: what the statements say, the outbox written with each choice, privacy, config, exports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from game.engine.session import Session
from game.store.database import DB_NAME, Store
from game.xapi import statements as xs
from game.xapi.config import DEFAULT_HOME_PAGE, load
from game.xapi.exports import moodle_rows, statements as exported
from game.xapi.profile import extension, statement_id
from game.xapi.recorder import Recorder, open_recording_store
from game.xapi.sync import Reply, Unreachable, sync
from game.xapi.config import LrsConfig
from scoring.analysis import analyse
from scoring.scores import score
from storekit import load as load_case, write_scenario

HOME = "https://www.gemeente-voorbeeld.nl"
ROUTE = ["bellen", "luisteren", "maatwerk"]


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_scenario(tmp_path)


def play(store: Store, case: Path, player: str = "Anna de Vries", route: list[str] = ROUTE) -> int:
    scenario = load_case(case)
    session_id = store.start_session(player, scenario, str(case))
    session = Session(scenario)
    for choice in route:
        session.choose(choice)
        store.record_choice(session_id, choice)
    if session.finished:
        assert session.ending is not None
        store.finish_session(session_id, session.ending.id, 80, 100, "omgekeerd")
    return session_id


def queued(store: Store) -> list[dict[str, Any]]:
    return [json.loads(row.statement) for row in store.outbox.all()]


def test_a_playthrough_queues_start_each_decision_and_the_end_with_both_axes(tmp_path, case):
    scenario = load_case(case)
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case)
        made = queued(store)
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in made] == ["attempted", "answered", "answered", "answered",
                                                               "completed"]
    session = Session(scenario)
    analysis = analyse(scenario)
    for statement, choice in zip(made[1:4], ROUTE, strict=True):
        situation = session.situation
        session.choose(choice)
        after = score(scenario, analysis, session.metrics)
        assert statement["object"]["id"].endswith(f"/scenario/drie-stappen/situation/{situation.id}")
        assert statement["result"]["response"] == choice
        extensions = statement["result"]["extensions"]
        assert (extensions[extension("resident-score")], extensions[extension("rules-score")]) == (after.resident,
                                                                                                   after.rules)
    first = made[1]["result"]["extensions"]
    assert first[extension("levers-used")] == ["pw-18"] and first[extension("thinking-errors")] == []
    end = made[-1]["result"]
    assert end["completion"] is True and end["success"] is True and end["score"]["raw"] == 80
    assert end["extensions"][extension("quadrant")] == "omgekeerd" and end["duration"].startswith("PT")
    registrations = {s["context"]["registration"] for s in made}
    assert len(registrations) == 1 and len({s["id"] for s in made}) == 5


def test_statement_ids_are_stable_and_derived_from_session_and_step(tmp_path, case):
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case)
        rows = store.outbox.all()
        registration = json.loads(rows[0].statement)["context"]["registration"]
    assert [r.id for r in rows] == [statement_id(registration, step) for step in range(5)]


def test_choice_and_statement_are_saved_in_one_transaction(tmp_path, case):
    class Interrupted(Recorder):
        def chose(self, facts):  # the process dies while the statement is being written
            raise KeyboardInterrupt

    scenario = load_case(case)
    with open_recording_store(tmp_path / "d", Interrupted(HOME)) as store:
        session_id = store.start_session("Anna", scenario, str(case))
        with pytest.raises(KeyboardInterrupt):
            store.record_choice(session_id, "bellen")
        assert store.get(session_id).choices == [] and len(store.outbox.all()) == 1


def test_a_statement_that_cannot_be_built_never_costs_the_choice(tmp_path, case):
    class Broken(Recorder):
        def chose(self, facts):
            raise ValueError("kapot")

    scenario = load_case(case)
    with open_recording_store(tmp_path / "d", Broken(HOME)) as store:
        session_id = store.start_session("Anna", scenario, str(case))
        store.record_choice(session_id, "bellen")
        assert store.get(session_id).choices == ["bellen"]
        problems = store.outbox.rejected()
    assert len(problems) == 1 and "kapot" in problems[0].rejected


def test_an_undone_choice_is_voided_and_the_new_one_gets_a_new_id(tmp_path, case):
    scenario = load_case(case)
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        session_id = store.start_session("Anna", scenario, str(case))
        store.record_choice(session_id, "bellen")
        store.undo_choice(session_id)
        store.record_choice(session_id, "bellen")
        made = queued(store)
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in made] == ["attempted", "answered", "voided", "answered"]
    assert made[2]["object"] == {"objectType": "StatementRef", "id": made[1]["id"]}
    assert made[3]["id"] != made[1]["id"] and made[3]["result"] == made[1]["result"]


def test_a_resumed_session_in_a_new_process_gets_its_statements_from_the_saved_text(tmp_path, case):
    scenario = load_case(case)
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        session_id = store.start_session("Anna", scenario, str(case))
        store.record_choice(session_id, "bellen")
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:  # a fresh recorder: nothing cached
        store.record_choice(session_id, "luisteren")
        made = queued(store)
        assert not store.outbox.rejected()
    assert made[-1]["result"]["response"] == "luisteren"


def test_the_actor_is_an_account_under_the_home_page_never_the_pseudonym(tmp_path, case):
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case, player="anna.devries@gemeente.nl")
        play(store, case, player="Bert Jansen")
        text = "\n".join(r.statement for r in store.outbox.all())
        made = queued(store)
    assert "anna" not in text.lower() and "bert" not in text.lower() and "@" not in text and "mailto" not in text
    for statement in made:
        assert set(statement["actor"]) == {"objectType", "account"}
        assert statement["actor"]["account"]["homePage"] == HOME
    assert len({s["actor"]["account"]["name"] for s in made}) == 2


def test_the_account_name_is_stable_for_a_pseudonym_and_its_spelling():
    assert xs.account_name("zout", "Anna") == xs.account_name("zout", " anna ")
    assert xs.account_name("zout", "Anna") != xs.account_name("ander zout", "Anna")


def test_forgetting_a_player_removes_their_queued_statements(tmp_path, case):
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case, player="Anna")
        play(store, case, player="Bert")
        store.forget("Anna")
        assert len(store.outbox.all()) == 5


def test_a_store_without_the_recorder_queues_nothing(tmp_path, case):
    with Store.open(tmp_path / "d") as store:
        play(store, case)
        assert store.outbox.counts() == {"queued": 0, "sent": 0, "rejected": 0}


def test_a_workshop_group_session_becomes_statements_with_its_counts(case):
    group = {"id": 3, "uid": "groep-3", "scenario_id": "drie-stappen", "started": "2026-12-04T10:00:00+00:00",
             "finished": "2026-12-04T10:30:00+00:00", "participants": 12, "ending": "goed",
             "decisions": [{"situation": "melding", "counts": {"bellen": 9, "brief": 3}, "chosen": "bellen",
                            "at": "2026-12-04T10:05:00+00:00"}]}
    actor = xs.group_actor(HOME, "zout", "groep-3")
    made = xs.group_statements(group, actor, "5b2c8a86-3f62-5d5b-9a0f-0d2b1c6c9d11", load_case(case))
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in made] == ["attempted", "answered", "completed"]
    assert made[1]["result"]["extensions"][extension("choice-counts")] == {"bellen": 9, "brief": 3}
    assert made[2]["result"]["extensions"][extension("participants")] == 12
    assert made[2]["result"]["duration"] == "PT30M" and made[0]["actor"]["objectType"] == "Group"
    assert made == xs.group_statements(group, actor, "5b2c8a86-3f62-5d5b-9a0f-0d2b1c6c9d11", load_case(case))


def test_durations_are_iso_8601():
    assert xs.duration("2026-12-04T10:00:00+00:00", "2026-12-04T11:02:03.250+00:00") == "PT1H2M3.25S"
    assert xs.duration("", "2026-12-04T11:00:00+00:00") == "PT0S"


# -- configuration ---------------------------------------------------------------------------------

def test_the_environment_overrides_the_config_file_and_the_secret_stays_out_of_repr(tmp_path):
    path = tmp_path / "lrs.json"
    path.write_text(json.dumps({"endpoint": "https://lrs.voorbeeld.nl/xAPI", "key": "k", "secret": "uit-bestand",
                                "home_page": "https://www.voorbeeld.nl"}), encoding="utf-8")
    config = load({"OMGEKEERD_LRS_SECRET": "uit-omgeving", "OMGEKEERD_LRS_ENDPOINT": "http://127.0.0.1:9/xAPI/"},
                  path)
    assert (config.endpoint, config.key, config.secret) == ("http://127.0.0.1:9/xAPI/", "k", "uit-omgeving")
    assert config.statements_url == "http://127.0.0.1:9/xAPI/statements" and config.ready
    assert "uit-omgeving" not in repr(config) and "uit-bestand" not in repr(config)


def test_a_broken_config_file_is_reported_not_raised(tmp_path):
    path = tmp_path / "lrs.json"
    path.write_text('{"endpoint": "ftp://x", "colour": 1', encoding="utf-8")
    config = load({}, path)
    assert not config.ready and config.home_page == DEFAULT_HOME_PAGE
    assert config.problems and "not valid JSON" in config.problems[0]
    path.write_text('{"endpoint": "ftp://x", "colour": 1}', encoding="utf-8")
    problems = load({}, path).problems
    assert any("colour" in p for p in problems) and any("not an http(s) address" in p for p in problems)


# -- sync against a stand-in transport (the real LRS is in test_xapi_lrs.py) ---------------------------

class Answers:
    def __init__(self, *replies: Reply | Exception) -> None:
        self.replies = list(replies)
        self.bodies: list[list[dict[str, Any]]] = []

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Reply:
        assert headers["X-Experience-API-Version"] == "1.0.3" and headers["Authorization"].startswith("Basic ")
        self.bodies.append(json.loads(body))
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, Exception):
            raise reply
        return reply


CONFIG = LrsConfig(endpoint="http://127.0.0.1:9/xAPI", key="k", secret="s", home_page=HOME)


def test_a_busy_lrs_is_retried_with_backoff_then_everything_is_marked(tmp_path, case):
    waits: list[float] = []
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case)
        answers = Answers(Reply(503), Reply(429, retry_after=2.0), Reply(200, "[]"))
        report = sync(store, CONFIG, transport=answers, sleep=waits.append)
        assert store.outbox.counts() == {"queued": 0, "sent": 5, "rejected": 0}
    assert report.sent == 5 and report.problem is None and waits == [0.5, 2.0]


def test_an_unreachable_lrs_keeps_everything_queued(tmp_path, case):
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case)
        report = sync(store, CONFIG, transport=Answers(Unreachable("connection refused")), sleep=lambda s: None)
    assert report.problem == "unreachable" and report.queued == 5 and report.sent == 0


def test_a_wrong_endpoint_stops_the_sync_and_marks_nothing(tmp_path, case):
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case)
        report = sync(store, CONFIG, transport=Answers(Reply(404, "Not Found")))
        assert store.outbox.counts() == {"queued": 5, "sent": 0, "rejected": 0}
    assert report.problem == "endpoint" and report.detail == "HTTP 404"
    pasted = LrsConfig(endpoint="https://lrs.voorbeeld.nl/xAPI/statements/", key="k", secret="s")
    assert pasted.statements_url == "https://lrs.voorbeeld.nl/xAPI/statements"


def test_sync_without_configuration_says_so_and_sends_nothing(tmp_path, case):
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case)
        report = sync(store, LrsConfig(), transport=Answers(Reply(200)))
    assert report.problem == "not_configured" and report.queued == 5


# -- exports -----------------------------------------------------------------------------------------

def test_the_moodle_csv_has_one_pseudonymous_row_per_player_and_case(tmp_path, case):
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case, player="Anna")
        play(store, case, player="Anna", route=["brief"])  # unfinished, later: the finished one counts
        play(store, case, player="Bert", route=["brief"])
        rows = moodle_rows(store.sessions(), "zout", "en")
    assert rows[0] == ["identifier", "case", "completed", "score", "resident-centred", "lawful", "finished (UTC)"]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id[xs.account_name("zout", "Anna")][1:4] == ["drie-stappen", "1", "80"]
    assert by_id[xs.account_name("zout", "Bert")][1:4] == ["drie-stappen", "0", ""]
    assert "Anna" not in repr(rows) and "Bert" not in repr(rows)


def test_export_xapi_and_moodle_from_the_command_line(tmp_path, case, cli, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    data = tmp_path / "d"
    with open_recording_store(data, Recorder(HOME)) as store:
        play(store, case)
    code, out, _ = cli("--lang", "en", "export", "--xapi", str(tmp_path / "x.json"), "--data-dir", str(data))
    assert code == 0 and "5 learning records (xAPI) written" in out
    assert len(json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))) == 5
    code, out, _ = cli("export", "--csv", str(tmp_path / "m.csv"), "--moodle", "--data-dir", str(data))
    table = list(csv.reader(io.StringIO((tmp_path / "m.csv").read_text(encoding="utf-8"))))
    assert code == 0 and table[1][1:4] == ["drie-stappen", "1", "80"] and "1 regel voor Moodle" in out
    code, _, err = cli("export", "--moodle", "--data-dir", str(data))
    assert code == 2 and "--moodle" in err


def test_exports_leave_out_what_the_lrs_refused(tmp_path, case):
    with open_recording_store(tmp_path / "d", Recorder(HOME)) as store:
        play(store, case)
        store.outbox.mark_rejected(store.outbox.all()[1].id, "HTTP 400: nee")
        assert len(exported(store)) == 4


def test_the_outbox_table_is_made_by_a_migration_with_a_random_install_id(tmp_path):
    for name in ("a", "b"):
        Store.open(tmp_path / name).close()
    ids = [sqlite3.connect(tmp_path / n / DB_NAME).execute("SELECT value FROM xapi_meta").fetchone()[0]
           for n in ("a", "b")]
    assert len(ids[0]) == 32 and ids[0] != ids[1]
