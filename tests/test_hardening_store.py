"""Hardening, store: no stranger journal, damaged row or reader can cost sessions (issue 15, points 5, 10-12)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.store import database as store_module
from game.store.database import DB_NAME, Store, StoreError
from storekit import load, write_scenario


@pytest.fixture
def scenario(tmp_path: Path):
    return load(write_scenario(tmp_path / "cases"))


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_scenario(tmp_path / "cases")


def twelve_sessions(folder: Path, scenario) -> None:
    with Store.open(folder) as store:
        for number in range(12):
            session_id = store.start_session(f"speler{number}", scenario, "drie-stappen")
            store.record_choice(session_id, "bellen")


def foreign_wal(tmp_path: Path) -> bytes:
    """The WAL of another SQLite database, caught while it still holds pages (as a stray copy would)."""
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.executemany("INSERT INTO recipes VALUES (?)", [(f"soep {n}",) for n in range(50)])
    data = Path(f"{other}-wal").read_bytes()
    conn.close()
    return data


# -- point 5: a journal that is not the database's own ------------------------------------------

def test_a_stray_wal_from_another_database_is_set_aside_and_the_twelve_sessions_stay(tmp_path, scenario):
    folder = tmp_path / "data"
    twelve_sessions(folder, scenario)
    size = (folder / DB_NAME).stat().st_size
    stray = foreign_wal(tmp_path)
    assert stray
    Path(f"{folder / DB_NAME}-wal").write_bytes(stray)
    told: list[str] = []
    with Store.open(folder, notify=lambda notice: told.append(notice.message("en"))) as store:
        assert len(store.sessions()) == 12
        assert all(s.choices == ["bellen"] for s in store.sessions())
    assert len(told) == 1 and "set aside as omgekeerd.sqlite3-wal.set-aside-" in told[0] and "\n" not in told[0]
    aside = [p for p in folder.iterdir() if ".set-aside-" in p.name and p.name.startswith(DB_NAME + "-wal")]
    assert len(aside) == 1 and aside[0].read_bytes() == stray  # kept as it was
    assert (folder / DB_NAME).stat().st_size >= size


def test_a_stray_rollback_journal_beside_a_wal_database_is_set_aside(tmp_path, scenario):
    folder = tmp_path / "data"
    twelve_sessions(folder, scenario)
    Path(f"{folder / DB_NAME}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 4000)
    with Store.open(folder, notify=lambda _notice: None) as store:
        assert len(store.sessions()) == 12
        assert store.notices and "journal" in store.notices[0].message("en")
    assert not Path(f"{folder / DB_NAME}-journal").exists()


def test_a_journal_that_goes_within_a_moment_is_the_stores_own_not_a_stranger(tmp_path, scenario):
    """Another process creating the store switches it to WAL through a rollback journal: a reader that opens
    the store in that moment waits for the journal to go instead of refusing the store."""
    import threading

    folder = tmp_path / "data"
    twelve_sessions(folder, scenario)
    journal = Path(f"{folder / DB_NAME}-journal")
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 4000)
    owner = threading.Timer(0.15, journal.unlink)  # the owner finishes its switch
    owner.start()
    try:
        with Store.open(folder, notify=lambda _notice: None) as store:
            assert len(store.sessions()) == 12 and not store.notices
    finally:
        owner.join()
    assert not [p for p in folder.iterdir() if ".set-aside-" in p.name]


def test_our_own_wal_after_a_crash_is_replayed_not_set_aside(tmp_path, scenario):
    folder, copy = tmp_path / "data", tmp_path / "after-crash"
    store = Store.open(folder)
    session_id = store.start_session("anna", scenario, "drie-stappen")
    store.record_choice(session_id, "bellen")
    store.record_choice(session_id, "luisteren")
    copy.mkdir()
    for name in (DB_NAME, DB_NAME + "-wal"):  # the files as a kill -9 leaves them
        shutil.copyfile(folder / name, copy / name)
    store.close()
    assert (copy / (DB_NAME + "-wal")).stat().st_size > 0
    with Store.open(copy, notify=lambda notice: pytest.fail(notice.message("en"))) as reopened:
        assert reopened.get(session_id).choices == ["bellen", "luisteren"]


# -- backups before a migration --------------------------------------------------------------------

def test_a_migration_is_preceded_by_a_backup_beside_the_file_that_is_kept(tmp_path, scenario, monkeypatch):
    folder = tmp_path / "data"
    twelve_sessions(folder, scenario)
    version = store_module.SCHEMA_VERSION
    monkeypatch.setattr(store_module, "MIGRATIONS",
                        store_module.MIGRATIONS + [("ALTER TABLE players ADD COLUMN note TEXT DEFAULT ''",)])
    with Store.open(folder) as store:
        assert store.version == version + 1
    backup = folder / f"{DB_NAME}.schema-{version}.backup"
    assert backup.is_file()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 12
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    with Store.open(folder):
        pass
    assert backup.is_file()  # kept; no new backup without a migration
    assert len([p for p in folder.iterdir() if p.name.endswith(".backup")]) == 1


# -- point 10: one damaged row is one damaged session -----------------------------------------------

def damage_source_of(folder: Path, session_id: int) -> bytes:
    conn = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    try:
        conn.execute("UPDATE sessions SET source = CAST(X'FF41FE' AS TEXT) WHERE id = ?", (session_id,))
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # SQLite finds nothing wrong
    finally:
        conn.close()  # folds the WAL into the file
    return (folder / DB_NAME).read_bytes()


def three_sessions(folder: Path, case: Path, cli) -> None:
    for _ in range(3):
        assert cli("play", "--text", str(case), "--choices", "bellen,luisteren,maatwerk",
                   "--data-dir", str(folder))[0] == 0


def test_a_damaged_text_column_affects_only_its_own_session(tmp_path, case, cli):
    folder = tmp_path / "data"
    three_sessions(folder, case, cli)
    damaged = damage_source_of(folder, 2)
    with Store.open(folder, read_only=True) as store:
        assert [s.id for s in store.sessions()] == [1, 3]
        assert 2 in store.damaged and "source" in store.damaged[2]
        with pytest.raises(StoreError) as caught:
            store.get(2)
        assert "Session 2" in caught.value.message("en") and "other sessions" in caught.value.message("en")
    code, out, err = cli("export", "--csv", str(tmp_path / "e.csv"), "--data-dir", str(folder))
    assert code == 1 and "Sessie 2 is niet geëxporteerd: de tekst in kolom source is onleesbaar" in err
    assert "2 sessies" in out
    assert cli("report", "3", "--out", str(tmp_path / "r.html"), "--data-dir", str(folder))[0] == 0
    code, _, err = cli("report", "2", "--out", str(tmp_path / "r2.html"), "--data-dir", str(folder))
    assert code == 1 and "Sessie 2" in err and "beschadigd" in err
    assert (folder / DB_NAME).read_bytes() == damaged


def test_play_does_not_write_to_a_store_it_found_damaged(tmp_path, case, cli):
    folder = tmp_path / "data"
    three_sessions(folder, case, cli)
    damaged = damage_source_of(folder, 2)
    code, _, err = cli("play", "--text", str(case), "--choices", "bellen", "--data-dir", str(folder))
    assert code == 1 and "sessie 2 beschadigd" in err and "schrijft Omgekeerd niet" in err
    assert err.count("\n") == 1
    assert (folder / DB_NAME).read_bytes() == damaged
    with sqlite3.connect(folder / DB_NAME) as conn:
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 3


def test_a_dropped_column_is_a_clear_message_not_an_index_error(tmp_path, scenario):
    folder = tmp_path / "data"
    twelve_sessions(folder, scenario)
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute("ALTER TABLE sessions DROP COLUMN quadrant")
    for read_only in (False, True):
        with pytest.raises(StoreError) as caught:
            Store.open(folder, read_only=read_only)
        assert "lacks the column sessions.quadrant" in caught.value.message("en")


def test_a_missing_scenario_text_is_a_damaged_session_not_a_silent_loss(tmp_path, scenario):
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        first = store.start_session("anna", scenario, "drie-stappen")
    other = load(write_scenario(tmp_path / "other", name="drie-stappen.yaml",
                                text=Path(scenario.path).read_text().replace("Drie stappen", "Twee")))
    with Store.open(folder) as store:
        second = store.start_session("bert", other, "drie-stappen")
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute("DELETE FROM contents WHERE hash = ?", (other.content_hash,))
    with Store.open(folder, read_only=True) as store:
        assert [s.id for s in store.sessions()] == [first]
        assert store.damaged == {second: "its scenario text is missing"}


# -- point 11: forget ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [unicodedata.normalize("NFD", "Renée"), "RENÉE", "  renée "])
def test_forget_finds_a_name_in_another_unicode_form_or_case(tmp_path, scenario, typed):
    with Store.open(tmp_path / "data") as store:
        store.start_session("Renée", scenario, "drie-stappen")
        store.start_session("bert", scenario, "drie-stappen")
        assert store.player(typed).name == "Renée"
        assert store.forget(typed) == 1
        assert [s.player for s in store.sessions()] == ["bert"]


def test_forget_while_another_reader_holds_old_pages_says_so_and_a_second_run_wipes(tmp_path, scenario, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.start_session("Zelda-Qx7", scenario, "drie-stappen")
        store.start_session("bert", scenario, "drie-stappen")
    reader = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM players").fetchone()  # a read transaction on the old snapshot
    with Store.open(folder) as store:
        with pytest.raises(StoreError) as caught:
            store.forget("zelda-qx7")
        assert "another Omgekeerd window" in caught.value.message("en")
        assert store.player("Zelda-Qx7") is None  # deleted all the same
        reader.execute("COMMIT")
        reader.close()
        assert store.forget("Zelda-Qx7") == 0  # nothing left to delete, but the journal is wiped now
    for path in folder.iterdir():
        assert b"Zelda-Qx7" not in path.read_bytes(), path.name


# -- point 12: reading commands read without writing --------------------------------------------------

def test_a_read_only_store_writes_nothing(tmp_path, scenario):
    folder = tmp_path / "data"
    twelve_sessions(folder, scenario)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with Store.open(folder, read_only=True) as store:
        assert len(store.sessions()) == 12
        with pytest.raises(StoreError):
            store.start_session("anna", scenario, "drie-stappen")
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in before} == before


def _mount_read_only_tmpfs(place: Path, folder: Path) -> str | None:
    """As root: a tmpfs at ``place`` with the store copied in, then remounted read-only; None, or why not."""
    mount = shutil.which("mount")
    if mount is None:
        return "no mount command"
    place.mkdir()
    made = subprocess.run([mount, "-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs", str(place)],
                          capture_output=True, text=True, check=False)
    if made.returncode != 0:
        return f"mount -t tmpfs failed: {made.stderr.strip() or made.returncode}"
    shutil.copytree(folder, place, dirs_exist_ok=True)
    remounted = subprocess.run([mount, "-o", "remount,ro", str(place)], capture_output=True, text=True, check=False)
    if remounted.returncode != 0:
        _unmount(place)
        return f"mount -o remount,ro failed: {remounted.stderr.strip() or remounted.returncode}"
    return None


def _unmount(place: Path) -> None:
    umount = shutil.which("umount") or "umount"
    if subprocess.run([umount, str(place)], capture_output=True, check=False).returncode != 0:
        subprocess.run([umount, "-l", str(place)], capture_output=True, check=False)  # still busy: detach it


def _cannot_write(folder: Path) -> bool:
    """Whether this process really cannot create a file in ``folder`` (root ignores permissions)."""
    try:
        (folder / "probe").write_bytes(b"")
    except OSError:
        return True
    (folder / "probe").unlink()
    return False


@pytest.fixture
def unwritable_store(tmp_path: Path, case: Path, cli) -> Iterator[Path]:
    """Three sessions in a folder nothing can be written to: a read-only tmpfs mount as root (where file
    permissions do not bind), a folder without write permission otherwise; skipped only when neither works."""
    folder = tmp_path / "data"
    three_sessions(folder, case, cli)
    if os.name == "posix" and os.geteuid() == 0:
        place = tmp_path / "mounted"
        why_not = _mount_read_only_tmpfs(place, folder)
        if why_not is None:
            try:
                yield place
            finally:
                _unmount(place)
            return
    else:
        why_not = "not a POSIX system" if os.name != "posix" else "not root"
    os.chmod(folder / DB_NAME, 0o444)
    os.chmod(folder, 0o555)
    try:
        if not _cannot_write(folder):
            pytest.skip(f"no read-only folder can be made here: no read-only mount ({why_not}), "
                        "and this user ignores file permissions")
        yield folder
    finally:
        os.chmod(folder, 0o755)


def test_reading_commands_work_in_a_folder_that_cannot_be_written(tmp_path, unwritable_store, cli):
    folder = unwritable_store
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, _, err = cli("export", "--csv", str(tmp_path / "e.csv"), "--data-dir", str(folder))
    assert code == 0, err
    code, _, err = cli("report", "2", "--out", str(tmp_path / "r.html"), "--data-dir", str(folder))
    assert code == 0, err
    assert "Sam bellen" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert len((tmp_path / "e.csv").read_text(encoding="utf-8-sig").splitlines()) > 3  # a header and three sessions
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # nothing written, nothing added


def test_the_last_session_skips_a_damaged_newest_one(tmp_path, case, cli):
    folder = tmp_path / "data"
    three_sessions(folder, case, cli)
    damage_source_of(folder, 3)
    with Store.open(folder, read_only=True) as store:
        assert store.last().id == 2
        assert 3 in store.damaged


def test_a_reading_command_on_an_older_schema_migrates_it_first_with_a_backup(tmp_path, scenario, monkeypatch):
    folder = tmp_path / "data"
    twelve_sessions(folder, scenario)
    version = store_module.SCHEMA_VERSION
    monkeypatch.setattr(store_module, "MIGRATIONS",
                        store_module.MIGRATIONS + [("ALTER TABLE players ADD COLUMN note TEXT DEFAULT ''",)])
    with Store.open(folder, read_only=True) as store:
        assert store.read_only and store.version == version + 1 and len(store.sessions()) == 12
    assert (folder / f"{DB_NAME}.schema-{version}.backup").is_file()
