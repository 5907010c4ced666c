"""The session store: where data lives, what is saved when, forgetting, migrations and damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from game.store import database as store_module
from game.store.database import DB_NAME, SCHEMA_VERSION, Store, StoreError, data_folder
from storekit import load, write_scenario


@pytest.fixture
def scenario(tmp_path: Path):
    return load(write_scenario(tmp_path / "cases"))


@pytest.fixture
def store(tmp_path: Path):
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()


def raw_choices(folder: Path, session_id: int) -> list[str]:
    """The choices as another program sees them in the database file (a separate connection)."""
    with sqlite3.connect(folder / DB_NAME) as conn:
        return [r[0] for r in conn.execute("SELECT choice_id FROM choices WHERE session_id = ? ORDER BY seq",
                                           (session_id,))]


# -- where the data lives -----------------------------------------------------------------

def test_data_dir_option_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("OMGEKEERD_DATA", str(tmp_path / "env"))
    assert data_folder(tmp_path / "option") == tmp_path / "option"
    assert data_folder(None) == tmp_path / "env"


def test_without_option_or_environment_the_platform_user_data_dir_is_used(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.delenv("OMGEKEERD_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user"))  # where the user data dir is on Linux
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name, appauthor=None: str(tmp_path / "user" / name))
    assert data_folder() == tmp_path / "user" / "omgekeerd"
    with Store.open() as opened:
        assert opened.path == tmp_path / "user" / "omgekeerd" / DB_NAME


def test_open_creates_the_missing_folder_and_a_current_schema(tmp_path):
    with Store.open(tmp_path / "a" / "b") as opened:
        assert opened.path.is_file()
        assert opened.version == SCHEMA_VERSION


# -- what is saved when -------------------------------------------------------------------

def test_each_choice_is_in_the_file_the_moment_it_is_made(tmp_path, store, scenario):
    session_id = store.start_session("anna", scenario, "drie-stappen", "training", "nl")
    store.record_choice(session_id, "bellen")
    assert raw_choices(tmp_path / "data", session_id) == ["bellen"]
    store.record_choice(session_id, "luisteren")
    assert raw_choices(tmp_path / "data", session_id) == ["bellen", "luisteren"]
    store.undo_choice(session_id)
    assert raw_choices(tmp_path / "data", session_id) == ["bellen"]


def test_a_session_keeps_source_content_and_hash(store, scenario):
    session_id = store.start_session("anna", scenario, "/cases/drie-stappen.yaml", "assessment", "en")
    saved = store.get(session_id)
    assert saved is not None
    assert (saved.source, saved.mode, saved.lang, saved.scenario_id) == (
        "/cases/drie-stappen.yaml", "assessment", "en", "drie-stappen")
    assert saved.content == scenario.source_text and saved.content_hash == scenario.content_hash
    assert saved.choices == [] and not saved.finished


def test_finishing_keeps_ending_scores_and_quadrant(store, scenario):
    session_id = store.start_session("anna", scenario, "drie-stappen")
    for choice in ("bellen", "luisteren", "maatwerk"):
        store.record_choice(session_id, choice)
    store.finish_session(session_id, "goed", 100, 88, "omgekeerd")
    saved = store.get(session_id)
    assert saved.finished and (saved.ending, saved.resident, saved.rules, saved.quadrant) == ("goed", 100, 88, "omgekeerd")
    with pytest.raises(StoreError, match="already finished"):
        store.record_choice(session_id, "bellen")


def test_last_unfinished_skips_finished_and_set_aside_sessions(store, scenario):
    first = store.start_session("anna", scenario, "drie-stappen")
    second = store.start_session("bert", scenario, "drie-stappen")
    store.record_choice(first, "bellen")  # played most recently
    assert store.last_unfinished().id == first
    assert store.last_unfinished("bert").id == second
    store.abandon_session(first)
    assert store.last_unfinished().id == second
    store.finish_session(second, "slecht", 0, 50, "stuck")
    assert store.last_unfinished() is None
    assert store.get(first).abandoned


def test_players_are_pseudonyms_with_an_optional_background(store):
    assert store.ensure_player(" Anna ", "wmo").name == "Anna"
    assert store.ensure_player("anna").background == "wmo"  # same player, background kept
    assert store.ensure_player("ANNA", "jeugd").background == "jeugd"
    assert [p.name for p in store.players()] == ["Anna"]
    for bad in ("", "   ", "a\nb", "x" * 41):
        with pytest.raises(StoreError):
            store.ensure_player(bad)
    with pytest.raises(StoreError, match="Unknown background"):
        store.ensure_player("bert", "astronaut")


def test_the_scenario_text_is_stored_once_for_many_sessions(tmp_path, store, scenario):
    for _ in range(3):
        store.start_session("anna", scenario, "drie-stappen")
    with sqlite3.connect(tmp_path / "data" / DB_NAME) as conn:
        assert conn.execute("SELECT COUNT(*) FROM contents").fetchone()[0] == 1
    assert len(store.sessions("anna")) == 3


# -- forget -------------------------------------------------------------------------------

def test_forget_deletes_everything_of_one_player_and_leaves_no_trace_in_the_files(tmp_path, store, scenario):
    mine = store.start_session("Zelda-Qx7", scenario, "drie-stappen")
    store.record_choice(mine, "bellen")
    other = store.start_session("bert", scenario, "drie-stappen")
    store.record_choice(other, "brief")
    assert store.forget("zelda-qx7") == 1
    assert store.player("Zelda-Qx7") is None and store.get(mine) is None
    assert store.sessions("Zelda-Qx7") == []
    assert store.get(other).choices == ["brief"]  # the other player's data is untouched
    store.close()
    for path in (tmp_path / "data").iterdir():  # the database and its journal files
        assert b"Zelda-Qx7" not in path.read_bytes(), path.name


def test_forget_of_an_unknown_player_deletes_nothing(store, scenario):
    store.start_session("anna", scenario, "drie-stappen")
    assert store.forget("nobody") == 0
    assert len(store.sessions()) == 1


# -- schema versions ----------------------------------------------------------------------

def test_an_empty_version_0_database_is_migrated_to_the_current_schema(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    sqlite3.connect(folder / DB_NAME).close()  # an empty file, user_version 0
    with Store.open(folder) as opened:
        assert opened.version == SCHEMA_VERSION
        assert opened.players() == []


def test_a_version_1_database_migrates_to_the_play_order_counter(tmp_path, scenario):
    folder = tmp_path / "data"
    folder.mkdir()
    conn = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    assert store_module.migrate(conn, store_module.MIGRATIONS[:1]) == 1  # the schema as version 1 made it
    conn.execute("INSERT INTO players (name, created) VALUES ('anna', '2026-01-01')")
    conn.execute("INSERT INTO contents VALUES (?, ?)", (scenario.content_hash, scenario.source_text))
    for started, updated in (("2026-01-01T10:00", "2026-01-03T10:00"), ("2026-01-02T10:00", "2026-01-02T11:00")):
        conn.execute("INSERT INTO sessions (player_id, scenario_id, source, content_hash, mode, lang, started, updated)"
                     " VALUES (1, 'drie-stappen', 'drie-stappen', ?, 'training', 'nl', ?, ?)",
                     (scenario.content_hash, started, updated))
    conn.execute("INSERT INTO choices VALUES (1, 0, 'bellen', '2026-01-03T10:00')")
    conn.close()
    with Store.open(folder) as opened:
        assert opened.version == SCHEMA_VERSION  # every migration after version 1 ran
        assert opened.last_unfinished().id == 1  # updated last under version 1
        assert opened.get(1).choices == ["bellen"]
        opened.record_choice(2, "brief")
        assert opened.last_unfinished().id == 2


def test_an_older_schema_migrates_forward_and_keeps_its_data(tmp_path, scenario, monkeypatch):
    folder = tmp_path / "data"
    with Store.open(folder) as opened:
        session_id = opened.start_session("anna", scenario, "drie-stappen")
        opened.record_choice(session_id, "bellen")
    newer = store_module.MIGRATIONS + [("ALTER TABLE players ADD COLUMN note TEXT DEFAULT ''",)]
    monkeypatch.setattr(store_module, "MIGRATIONS", newer)
    with Store.open(folder) as opened:
        assert opened.version == SCHEMA_VERSION + 1
        assert opened.get(session_id).choices == ["bellen"]
    with sqlite3.connect(folder / DB_NAME) as conn:
        assert conn.execute("SELECT note FROM players").fetchone() == ("",)


def test_a_failing_migration_leaves_the_database_at_its_old_version(tmp_path, scenario, monkeypatch):
    folder = tmp_path / "data"
    with Store.open(folder) as opened:
        opened.start_session("anna", scenario, "drie-stappen")
    broken = store_module.MIGRATIONS + [("ALTER TABLE players ADD COLUMN note TEXT", "THIS IS NOT SQL")]
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    with pytest.raises(StoreError):
        Store.open(folder)
    monkeypatch.undo()
    with Store.open(folder) as opened:
        assert opened.version == SCHEMA_VERSION and len(opened.sessions()) == 1


def test_a_database_from_a_newer_version_is_refused_and_kept(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    before = (folder / DB_NAME).read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(folder)
    message = caught.value.message("en")
    assert "newer" in message and str(folder / DB_NAME) in message and "\n" not in message
    assert (folder / DB_NAME).read_bytes() == before


# -- damaged files ------------------------------------------------------------------------

def test_a_file_that_is_no_database_gives_one_line_and_is_kept(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    garbage = b"this is not a database\n" * 200
    (folder / DB_NAME).write_bytes(garbage)
    with pytest.raises(StoreError) as caught:
        Store.open(folder)
    for lang, kept in (("en", "kept"), ("nl", "bewaard")):
        message = caught.value.message(lang)
        assert str(folder / DB_NAME) in message and kept in message and "\n" not in message
    assert (folder / DB_NAME).read_bytes() == garbage
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]


def test_a_database_with_damaged_pages_is_refused_and_kept(tmp_path, scenario):
    folder = tmp_path / "data"
    with Store.open(folder) as opened:
        for number in range(40):  # enough rows for several pages
            session_id = opened.start_session(f"speler{number}", scenario, "drie-stappen")
            opened.record_choice(session_id, "bellen")
    path = folder / DB_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page:4 * page] = b"\xff\x13" * page  # wreck two pages, keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        Store.open(folder)
    assert "damaged" in caught.value.message("en")
    assert path.read_bytes() == bytes(data)


def test_a_database_of_another_program_is_not_touched(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = (folder / DB_NAME).read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store.open(folder)
    assert (folder / DB_NAME).read_bytes() == before


def test_a_data_dir_that_cannot_be_made_gives_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as caught:
        Store.open(blocker / "data")
    assert "cannot be created" in caught.value.message("en") and "\n" not in caught.value.message("en")
