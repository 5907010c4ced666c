"""The session store: players, playthroughs and their choices in a local SQLite database.

Every choice is committed the moment it is made (WAL journal, synchronous=FULL), so a crash
or a power cut loses at most the choice being made. A session keeps where its scenario came
from (library id or file path) and the scenario's full text, so it can be resumed and
reported on even when the file has changed or is gone. The schema carries its version in
``PRAGMA user_version`` and migrates forward. A damaged or foreign database file is never
written to: opening it raises ``StoreError`` with a one-line message saying where it is.

Hardening (issue 15, docs/reliability.md): a WAL or rollback journal beside the file that is
not the database's own is set aside before SQLite can replay it; every migration is preceded
by a backup copy beside the file; reading commands open the file read-only; one damaged row
makes one session unreadable (reported as such), and a store with damaged rows is not written
to; ``forget`` matches names by Unicode normalisation and case folding and wipes at once.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
import sqlite3
import sys
import time
import unicodedata
from contextlib import contextmanager
from game.engine.records import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterator, Sequence

from game.i18n import t, tn
from game.engine.model import BACKGROUNDS, Scenario
from game.store import outbox
from game.store.outbox import Outbox, StatementHook
from game.store.folders import data_folder, default_data_dir  # noqa: F401  (re-exported)

DB_NAME = "omgekeerd.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"
MODES = ("training", "assessment")
MAX_NAME = 40
BUSY_TIMEOUT_S = 5.0
WAL_MAGIC = (0x377F0682, 0x377F0683)
Notify = Callable[["StoreError"], None]

# MIGRATIONS[i] takes a database from schema version i to i + 1, in one transaction.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        """CREATE TABLE players (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            background TEXT,
            created TEXT NOT NULL)""",
        """CREATE TABLE contents (
            hash TEXT PRIMARY KEY,
            text TEXT NOT NULL)""",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            player_id INTEGER NOT NULL REFERENCES players(id) ON DELETE CASCADE,
            background TEXT,
            scenario_id TEXT NOT NULL,
            source TEXT NOT NULL,
            content_hash TEXT NOT NULL REFERENCES contents(hash),
            mode TEXT NOT NULL,
            lang TEXT NOT NULL,
            started TEXT NOT NULL,
            updated TEXT NOT NULL,
            finished TEXT,
            abandoned INTEGER NOT NULL DEFAULT 0,
            ending TEXT,
            resident INTEGER,
            rules INTEGER,
            quadrant TEXT)""",
        """CREATE TABLE choices (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            choice_id TEXT NOT NULL,
            made TEXT NOT NULL,
            PRIMARY KEY (session_id, seq))""",
        "CREATE INDEX sessions_by_player ON sessions(player_id, updated)",
    ),
    (  # 2: the order of play as a counter, so "the last session" never depends on the clock
        "ALTER TABLE sessions ADD COLUMN touched INTEGER NOT NULL DEFAULT 0",
        """UPDATE sessions SET touched = (SELECT COUNT(*) FROM sessions AS s2 WHERE s2.updated < sessions.updated
            OR (s2.updated = sessions.updated AND s2.id <= sessions.id))""",
        "CREATE INDEX sessions_by_touched ON sessions(touched)",
    ),
    (  # 3: workshop group sessions (game/store/groups.py): per decision the counts of each round; no names
        """CREATE TABLE group_sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scenario_id TEXT NOT NULL,
            source TEXT NOT NULL,
            content_hash TEXT NOT NULL REFERENCES contents(hash),
            mode TEXT NOT NULL,
            lang TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT,
            ending TEXT,
            phones INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE group_decisions (
            group_id INTEGER NOT NULL REFERENCES group_sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            situation_id TEXT NOT NULL,
            followed TEXT NOT NULL,
            seconds REAL NOT NULL,
            PRIMARY KEY (group_id, seq))""",
        """CREATE TABLE group_votes (
            group_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            round INTEGER NOT NULL,
            choice_id TEXT NOT NULL,
            votes INTEGER NOT NULL,
            PRIMARY KEY (group_id, seq, round, choice_id),
            FOREIGN KEY (group_id, seq) REFERENCES group_decisions(group_id, seq) ON DELETE CASCADE)""",
    ),
    outbox.MIGRATION,  # the xAPI outbox and the install id (game/store/outbox.py)
    (  # 5: coaching (issue 13): a stable uid per session (merging imports), where it came from, coach notes
        "ALTER TABLE sessions ADD COLUMN uid TEXT",
        "ALTER TABLE sessions ADD COLUMN origin TEXT",  # NULL: played here; else the install id it came from
        "UPDATE sessions SET uid = (SELECT value FROM xapi_meta WHERE key = 'install') || '/' || id",
        "CREATE UNIQUE INDEX sessions_by_uid ON sessions(uid)",
        """CREATE TRIGGER sessions_uid AFTER INSERT ON sessions WHEN NEW.uid IS NULL BEGIN
            UPDATE sessions SET uid = (SELECT value FROM xapi_meta WHERE key = 'install') || '/' || NEW.id
            WHERE id = NEW.id; END""",
        """CREATE TABLE coach_notes (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step INTEGER NOT NULL,
            text TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (session_id, step))""",
    ),
]
NEXT_TOUCH = "(SELECT COALESCE(MAX(touched), 0) + 1 FROM sessions)"
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot do what was asked; ``message(lang)`` says why in one line."""

    def __init__(self, key: str, **details: object) -> None:
        self.key = key
        self.details = details
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        """The one-line message in a language (a ``count`` detail picks the plural form)."""
        details = dict(self.details)
        if self.key in ("damaged_session", "damaged_rows"):
            details["detail"] = damage_text(str(details.get("detail", "")), lang)
        count = details.pop("count", None)
        if isinstance(count, int):
            return tn(f"store.{self.key}", count, lang, **details)
        return t(f"store.{self.key}", lang, **details)


@dataclass(frozen=True)
class Player:
    """A player: a pseudonym and an optional background (inkomen, handhaving, wmo, jeugd, nieuw)."""

    name: str
    background: str | None


@dataclass(frozen=True)
class SavedSession:
    """One stored playthrough: where its scenario came from, its text, and the choices made."""

    id: int
    player: str
    background: str | None
    scenario_id: str
    source: str
    content: str = field(repr=False)
    content_hash: str
    mode: str
    lang: str
    choices: list[str]
    finished: bool
    ending: str | None
    resident: int | None
    rules: int | None
    quadrant: str | None
    started: str
    updated: str
    finished_at: str | None = None
    abandoned: bool = False
    choice_times: tuple[str, ...] = ()
    uid: str = ""  # stable across laptops: "<install id>/<id where it was played>"
    origin: str | None = None  # None: played here; else the install id of the laptop it was imported from


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp (milliseconds)."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")


def check_name(name: str) -> str:
    """A pseudonym cleaned of outer spaces; StoreError when empty, too long or with control characters."""
    cleaned = unicodedata.normalize("NFC", str(name)).strip()
    if not cleaned or len(cleaned) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in cleaned):
        shown = "".join("?" if unicodedata.category(c).startswith("C") else c for c in cleaned[:MAX_NAME])
        raise StoreError("bad_name", name=shown, max=MAX_NAME)
    return cleaned


def _looks_like_sqlite(path: Path) -> bool:
    """True for a missing or empty file, or one that starts with the SQLite header."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return True
    return not head or head == SQLITE_HEADER


class Store:
    """The session store. Open with ``Store.open(data_dir)``; every method commits at once."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Callable[[], str] = utc_now,
                 statements: StatementHook | None = None, read_only: bool = False) -> None:
        self._conn = conn
        self.path = path
        self._clock = clock
        self._statements = statements  # builds xAPI statements inside each play transaction (game.xapi)
        self._install: str | None = None
        self.read_only = read_only
        self.damaged: dict[int, str] = {}  # session id -> what is wrong, for the sessions read last
        self.notices: list[StoreError] = []  # what was done to keep the store safe while opening it

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None, *,
             clock: Callable[[], str] = utc_now, statements: StatementHook | None = None,
             read_only: bool = False, notify: Notify | None = None) -> Store:
        """Open (and create or migrate) the database in the data folder; StoreError when it cannot.

        With ``statements`` (the xAPI recorder), every play event also queues its statements in the
        outbox, in the same transaction. ``read_only`` (report, export) opens the file without
        writing anything, so a read-only folder or a full disk does not block reading. What was
        done to keep the store safe (a stranger journal set aside) goes to ``notify`` (default:
        standard error) and to ``store.notices``.
        """
        folder = data_folder(data_dir)
        path = folder / DB_NAME
        if read_only and not path.exists():  # nothing stored yet: an empty store in memory, nothing on disk
            empty = sqlite3.connect(":memory:", isolation_level=None)
            migrate(empty)
            return cls(empty, path, clock, statements, read_only=True)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("no_folder", path=folder, detail=exc.strerror or exc) from None
        try:
            if path.is_dir() or not _looks_like_sqlite(path):
                raise StoreError("corrupt", path=path, detail="not an SQLite database")
            notices = set_aside_stranger_journals(path)
            if read_only:
                conn = _open_for_reading(path)
            else:
                conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except OSError as exc:
            raise StoreError("unreadable", path=path, detail=exc.strerror or exc) from None
        except sqlite3.Error as exc:
            raise StoreError("unreadable", path=path, detail=exc) from None
        try:
            _prepare(conn, path, read_only)
        except StoreError as exc:
            conn.close()
            if exc.key != "old_schema_read_only":
                raise
            return cls._migrated_for_reading(data_dir, clock, statements, notify, exc)
        except BaseException:
            conn.close()
            raise
        store = cls(conn, path, clock, statements, read_only)
        store.notices = notices
        for notice in notices:
            (notify or _to_stderr)(notice)
        return store

    @classmethod
    def _migrated_for_reading(cls, data_dir: str | os.PathLike[str] | None, clock: Callable[[], str],
                              statements: StatementHook | None, notify: Notify | None,
                              refused: StoreError) -> Store:
        """A reading command on an older schema: migrate it (with its backup) when the folder allows."""
        try:
            cls.open(data_dir, clock=clock, statements=statements, notify=notify).close()
        except StoreError:
            raise refused from None
        return cls.open(data_dir, clock=clock, statements=statements, read_only=True, notify=notify)

    def close(self) -> None:
        """Close the database (its WAL is folded back into the main file)."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        """The schema version of the open database."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed on success; sqlite errors become StoreError."""
        if self.read_only:
            raise StoreError("write_failed", path=self.path, detail="opened read-only")
        with _guard(self.path):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @property
    def outbox(self) -> Outbox:
        """The xAPI outbox of this store (pending statements, marks, counts)."""
        return Outbox(self._write, self._read)

    def _queue(self, conn: sqlite3.Connection, event: str, session_id: int, **details: object) -> None:
        """Queue the statements of a play event in the current transaction (nothing without a hook)."""
        hook = self._statements
        if hook is None:
            return
        if self._install is None:
            self._install = outbox.install_id(conn)
        facts = outbox.session_facts(conn, session_id, self._install, self._clock(), event == "undone")
        try:
            made = getattr(hook, event)(facts, **details)
        except Exception as exc:
            made = [outbox.problem_row(facts, event, exc)]
        outbox.queue(conn, made, facts.when, session_id)

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        with _guard(self.path):
            cursor = self._conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    # -- players -------------------------------------------------------------------------
    def players(self) -> list[Player]:
        """Every player, by name."""
        return [Player(r["name"], r["background"])
                for r in self._read("SELECT name, background FROM players ORDER BY name COLLATE NOCASE")]

    def player(self, name: str) -> Player | None:
        """The player with this pseudonym, or None; Unicode form (NFC/NFD) and case do not matter."""
        wanted = name_key(name)
        for row in self._read_raw("SELECT name, background FROM players ORDER BY id"):
            stored = _text(row["name"])
            if stored is not None and name_key(stored) == wanted:
                return Player(stored, _text(row["background"]))
        return None

    def ensure_player(self, name: str, background: str | None = None) -> Player:
        """The player with this pseudonym, created when new; a given background replaces the old one."""
        name = check_name(name)
        if background is not None and background not in BACKGROUNDS:
            raise StoreError("bad_background", background=background, known=", ".join(BACKGROUNDS))
        known = self.player(name)
        name = known.name if known else name
        with self._write() as conn:
            row = conn.execute("SELECT name, background FROM players WHERE name = ?", (name,)).fetchone()
            if row is None:
                conn.execute("INSERT INTO players (name, background, created) VALUES (?, ?, ?)",
                             (name, background, self._clock()))
                return Player(name, background)
            if background is not None and background != row[1]:
                conn.execute("UPDATE players SET background = ? WHERE name = ?", (background, name))
            return Player(row[0], background if background is not None else row[1])

    # -- sessions ------------------------------------------------------------------------
    def start_session(self, player_name: str, scenario: Scenario, source: str,
                      mode: str = "training", lang: str = "nl") -> int:
        """Record a new playthrough (creating the player when new); returns its session id."""
        if mode not in MODES:
            raise StoreError("bad_mode", mode=mode)
        player = self.ensure_player(player_name)
        now = self._clock()
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO contents (hash, text) VALUES (?, ?)",
                         (scenario.content_hash, scenario.source_text))
            cursor = conn.execute(
                "INSERT INTO sessions (player_id, background, scenario_id, source, content_hash, mode, lang,"
                f" started, updated, touched) SELECT id, background, ?, ?, ?, ?, ?, ?, ?, {NEXT_TOUCH}"
                " FROM players WHERE name = ?",
                (scenario.id, str(source), scenario.content_hash, mode, lang, now, now, player.name))
            session_id = int(cursor.lastrowid or 0)
            self._queue(conn, "started", session_id, scenario=scenario)
            return session_id

    def _open_session(self, conn: sqlite3.Connection, session_id: int) -> None:
        row = conn.execute("SELECT finished, abandoned FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise StoreError("no_session", id=session_id)
        if row[0] is not None or row[1]:
            raise StoreError("session_closed", id=session_id)

    def record_choice(self, session_id: int, choice_id: str) -> None:
        """Append a choice to an unfinished session; committed before this returns."""
        now = self._clock()
        with self._write() as conn:
            self._open_session(conn, session_id)
            conn.execute("INSERT INTO choices (session_id, seq, choice_id, made) VALUES"
                         " (?, (SELECT COUNT(*) FROM choices WHERE session_id = ?), ?, ?)",
                         (session_id, session_id, choice_id, now))
            _touch(conn, session_id, now)
            self._queue(conn, "chose", session_id)

    def undo_choice(self, session_id: int) -> None:
        """Drop the last choice of an unfinished session (nothing happens when it has none)."""
        with self._write() as conn:
            self._open_session(conn, session_id)
            if conn.execute("SELECT 1 FROM choices WHERE session_id = ? LIMIT 1", (session_id,)).fetchone():
                self._queue(conn, "undone", session_id)
            conn.execute("DELETE FROM choices WHERE session_id = ? AND seq ="
                         " (SELECT MAX(seq) FROM choices WHERE session_id = ?)", (session_id, session_id))
            _touch(conn, session_id, self._clock())

    def finish_session(self, session_id: int, ending_id: str, resident: int, rules: int, quadrant: str) -> None:
        """Mark a session finished with its ending, headline scores and quadrant."""
        now = self._clock()
        with self._write() as conn:
            self._open_session(conn, session_id)
            conn.execute("UPDATE sessions SET finished = ?, updated = ?, ending = ?, resident = ?, rules = ?,"
                         " quadrant = ? WHERE id = ?",
                         (now, now, ending_id, int(resident), int(rules), quadrant, session_id))
            _touch(conn, session_id, now)
            self._queue(conn, "finished", session_id, ending=ending_id, resident=int(resident), rules=int(rules),
                        quadrant=quadrant)

    def abandon_session(self, session_id: int) -> None:
        """Set an unfinished session aside (kept, but no longer offered to resume)."""
        with self._write() as conn:
            self._open_session(conn, session_id)
            conn.execute("UPDATE sessions SET abandoned = 1 WHERE id = ?", (session_id,))
            _touch(conn, session_id, self._clock())

    def update_scenario(self, session_id: int, scenario: Scenario, source: str | None = None) -> None:
        """Move an unfinished session onto a changed version of its scenario (its choices still fit)."""
        with self._write() as conn:
            self._open_session(conn, session_id)
            conn.execute("INSERT OR IGNORE INTO contents (hash, text) VALUES (?, ?)",
                         (scenario.content_hash, scenario.source_text))
            conn.execute("UPDATE sessions SET content_hash = ?, source = COALESCE(?, source) WHERE id = ?",
                         (scenario.content_hash, source, session_id))
            _touch(conn, session_id, self._clock())

    def delete_session(self, session_id: int) -> bool:
        """Delete one playthrough with its choices, notes and queued statements; True when there was one."""
        with self._write() as conn:
            deleted = conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
            conn.execute("DELETE FROM contents WHERE hash NOT IN (SELECT content_hash FROM sessions"
                         " UNION SELECT content_hash FROM group_sessions)")
        return bool(deleted)

    # -- reading sessions ----------------------------------------------------------------
    def get(self, session_id: int) -> SavedSession | None:
        """The session with this id, or None; StoreError ``damaged_session`` when it cannot be read."""
        found = self._sessions("WHERE s.id = ?", (session_id,))
        if not found and session_id in self.damaged:
            raise StoreError("damaged_session", id=session_id, path=self.path, detail=self.damaged[session_id])
        return found[0] if found else None

    def sessions(self, player_name: str | None = None) -> list[SavedSession]:
        """Every readable session (of one player, when named), oldest first; damaged ones are in ``damaged``."""
        if player_name is None:
            return self._sessions("", ())
        player = self.player(player_name)
        if player is None:
            self.damaged = {}
            return []
        return self._sessions("WHERE p.name = ?", (player.name,))

    def iter_sessions(self, page: int = 500) -> Iterator[SavedSession]:
        """Every readable session, oldest first, read ``page`` sessions at a time (little memory at any size).

        ``damaged`` fills as the pages are read: once the iteration ends it holds every damaged session.
        """
        self.damaged = {}
        last = 0
        while True:
            where = f"WHERE s.id > ? ORDER BY s.id LIMIT {int(page):d}"
            with _guard(self.path):
                found, damaged = read_sessions(self._conn, where, (last,))
            self.damaged.update(damaged)
            if not found and not damaged:
                return
            yield from found
            last = max([s.id for s in found] + list(damaged))

    def last_unfinished(self, player_name: str | None = None) -> SavedSession | None:
        """The most recently played session that is neither finished nor set aside."""
        where = "WHERE s.finished IS NULL AND s.abandoned = 0"
        return self._last(where, player_name)

    def last(self, player_name: str | None = None) -> SavedSession | None:
        """The most recently played session that was not set aside, finished or not."""
        return self._last("WHERE s.abandoned = 0", player_name)

    def _last(self, where: str, player_name: str | None) -> SavedSession | None:
        params: tuple[object, ...] = ()
        if player_name is not None:
            player = self.player(player_name)
            if player is None:
                return None
            where += " AND p.name = ?"
            params = (player.name,)
        offset, batch = 0, 1
        self.damaged = {}
        while True:  # the newest readable one: usually the first row, past damaged ones when needed
            page = f" ORDER BY s.touched DESC, s.id DESC LIMIT {batch:d} OFFSET {offset:d}"
            with _guard(self.path):
                found, damaged = read_sessions(self._conn, where + page, params)
            self.damaged.update(damaged)
            if found or not damaged:
                return found[0] if found else None
            offset, batch = offset + batch, min(batch * 4, 1024)

    def _sessions(self, where: str, params: Sequence[object]) -> list[SavedSession]:
        with _guard(self.path):
            saved, self.damaged = read_sessions(self._conn, where, params)
        return saved

    def _read_raw(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        """Rows whose text comes back as bytes, so one undecodable value damages one row, not the query."""
        with _guard(self.path):
            return _raw_rows(self._conn, sql, params)

    # -- forgetting ----------------------------------------------------------------------
    def forget(self, player_name: str) -> int:
        """Delete a player and all their sessions and choices; returns the number of sessions deleted.

        The name matches whatever its Unicode form or case (``RENÉE`` finds ``Renée``). The deletion
        is wiped from the database file and its journal at once (``secure_delete``, a truncating
        checkpoint); StoreError ``forget_pending`` when another connection's old snapshot still
        holds the deleted pages, so the caller can say so instead of claiming success.
        """
        player = self.player(player_name)
        count = 0
        if player is not None:
            count = self._delete_player(player.name)
        with _guard(self.path):  # leave no copy of the deleted pages in the journal (also of an earlier run)
            busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy and player is not None:
            raise StoreError("forget_pending", name=player.name, count=count)
        return count

    def _delete_player(self, name: str) -> int:
        with self._write() as conn:
            count = conn.execute("SELECT COUNT(*) FROM sessions s JOIN players p ON p.id = s.player_id"
                                 " WHERE p.name = ?", (name,)).fetchone()[0]
            conn.execute("DELETE FROM players WHERE name = ?", (name,))
            conn.execute("DELETE FROM contents WHERE hash NOT IN (SELECT content_hash FROM sessions"
                         " UNION SELECT content_hash FROM group_sessions)")
        return int(count)


def _touch(conn: sqlite3.Connection, session_id: int, now: str) -> None:
    """Mark a session as the one played last (a counter) at ``now``."""
    conn.execute(f"UPDATE sessions SET updated = ?, touched = {NEXT_TOUCH} WHERE id = ?", (now, session_id))


_COLUMN = re.compile(r"^(?P<choice>a choice: )?the text in column (?P<column>\w+) cannot be read$")


def damage_text(reason: str, lang: str = "nl") -> str:
    """What is wrong with a damaged session (``Store.damaged``), in a language."""
    if reason == "its player is missing":
        return t("hardening.damage.no_player", lang)
    if reason == "its scenario text is missing":
        return t("hardening.damage.no_content", lang)
    match = _COLUMN.match(reason)
    if match:
        key = "hardening.damage.choice_column" if match.group("choice") else "hardening.damage.column"
        return t(key, lang, column=match.group("column"))
    return reason


def name_key(name: str) -> str:
    """The form in which two pseudonyms are the same: NFC-normalised, case-folded, outer spaces dropped."""
    return unicodedata.normalize("NFC", str(name)).strip().casefold()


def _text(value: object) -> str | None:
    """A text column read as bytes, decoded; UnicodeDecodeError when the bytes are damaged."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8")
    return None if value is None else str(value)


def _raw_rows(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
    saved = conn.text_factory
    conn.text_factory = bytes
    try:
        cursor = conn.execute(sql, params)
        cursor.row_factory = sqlite3.Row
        return cursor.fetchall()
    finally:
        conn.text_factory = saved


def _decoded(row: sqlite3.Row) -> dict[str, object]:
    """A raw row as a dict of decoded values; UnicodeDecodeError names no column, so say which."""
    values: dict[str, object] = {}
    names = row.keys()  # a Row iterates over its values, so the names are asked for
    for key in names:
        try:
            values[key] = _text(row[key]) if isinstance(row[key], (bytes, bytearray)) else row[key]
        except UnicodeDecodeError:
            raise ValueError(f"the text in column {key} cannot be read") from None
    return values


def read_sessions(conn: sqlite3.Connection, where: str, params: Sequence[object]
                  ) -> tuple[list[SavedSession], dict[int, str]]:
    """The readable sessions matching ``where``, and the damaged ones (id -> what is wrong).

    Each session is read on its own: an undecodable text, a missing player or a missing
    scenario text makes that one session damaged; the others are returned as usual.
    """
    order = "" if "ORDER BY" in where else " ORDER BY s.id"
    rows = _raw_rows(conn, "SELECT s.*, p.name AS player, c.text AS content FROM sessions s"
                     " LEFT JOIN players p ON p.id = s.player_id LEFT JOIN contents c ON c.hash = s.content_hash "
                     + where + order, params)
    if not rows:
        return [], {}
    ids = [r["id"] for r in rows]
    marks = ",".join("?" * len(ids)) if len(ids) < 900 else None
    choice_rows = _raw_rows(conn, "SELECT session_id, choice_id, made FROM choices"
                            + (f" WHERE session_id IN ({marks})" if marks else "") + " ORDER BY session_id, seq",
                            ids if marks else ())
    made: dict[int, list[tuple[str, str]]] = {}
    damaged: dict[int, str] = {}
    for r in choice_rows:
        try:
            choice = _decoded(r)
            made.setdefault(r["session_id"], []).append((str(choice["choice_id"]), str(choice["made"])))
        except ValueError as exc:
            damaged[r["session_id"]] = f"a choice: {exc}"
    saved: list[SavedSession] = []
    for r in rows:
        problem = damaged.get(r["id"])
        try:
            values = _decoded(r)
        except ValueError as exc:
            problem = str(exc)
        else:
            if values["player"] is None:
                problem = problem or "its player is missing"
            elif values["content"] is None:
                problem = problem or "its scenario text is missing"
        if problem:
            damaged[r["id"]] = problem
            continue
        saved.append(_saved(values, made.get(r["id"], [])))
    return saved, damaged


def _saved(row: dict[str, object], made: list[tuple[str, str]]) -> SavedSession:
    def num(key: str) -> int | None:
        value = row[key]
        return None if value is None else int(value)  # type: ignore[call-overload]

    return SavedSession(
        id=int(row["id"]), player=str(row["player"]), background=_opt(row["background"]),  # type: ignore[call-overload]
        scenario_id=str(row["scenario_id"]), source=str(row["source"]), content=str(row["content"]),
        content_hash=str(row["content_hash"]), mode=str(row["mode"]), lang=str(row["lang"]),
        choices=[c for c, _ in made], finished=row["finished"] is not None, ending=_opt(row["ending"]),
        resident=num("resident"), rules=num("rules"), quadrant=_opt(row["quadrant"]),
        started=str(row["started"]), updated=str(row["updated"]), finished_at=_opt(row["finished"]),
        abandoned=bool(row["abandoned"]), choice_times=tuple(m for _, m in made),
        uid=str(row.get("uid") or ""), origin=_opt(row.get("origin")))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _to_stderr(notice: StoreError) -> None:
    """The default notifier: the notice in Dutch (the interface's first language) on standard error."""
    print(f"omgekeerd: {notice.message('nl')}", file=sys.stderr)


@contextmanager
def _guard(path: Path) -> Iterator[None]:
    """Turn sqlite errors into a StoreError with a one-line message."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise StoreError("locked", path=path) from None
        if "full" in text or "disk I/O" in text or "readonly" in text or "unable to open" in text:
            raise StoreError("write_failed", path=path, detail=text) from None
        raise StoreError("corrupt", path=path, detail=text) from None
    except sqlite3.DatabaseError as exc:
        raise StoreError("corrupt", path=path, detail=exc) from None


NO_WAL_INDEX = frozenset({"SQLITE_CANTOPEN", "SQLITE_READONLY_DIRECTORY", "SQLITE_READONLY_CANTINIT",
                          "SQLITE_READONLY_CANTLOCK"})  # read-only mount / folder: no -shm can be made


def _open_for_reading(path: Path) -> sqlite3.Connection:
    """Open the file read-only; on a read-only mount or folder, where SQLite cannot make the WAL's
    index beside it, open it as immutable instead, but only when no WAL is there (nothing to replay)."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=True)
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if getattr(exc, "sqlite_errorname", "") not in NO_WAL_INDEX or Path(f"{path}-wal").exists():
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=True)


def _prepare(conn: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
    """Check the file, switch on WAL and durable commits, back up, and migrate the schema forward."""
    with _guard(path):
        conn.execute("PRAGMA foreign_keys = ON")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StoreError("newer", path=path, found=version, known=len(MIGRATIONS))
        problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            raise StoreError("corrupt", path=path, detail=problems[0] if problems else "check failed")
        if version == 0 and conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError("foreign", path=path)
        check_columns(conn, path, version)
        if read_only:
            if version < len(MIGRATIONS):
                raise StoreError("old_schema_read_only", path=path, found=version, detail="opened read-only")
            return
        _, damaged = read_sessions(conn, "", ()) if version and _damage_suspected(conn) else ([], {})
        if damaged:
            first = next(iter(damaged.values()))
            raise StoreError("damaged_rows", path=path, ids=", ".join(map(str, sorted(damaged))), detail=first,
                             count=len(damaged))
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        if 0 < version < len(MIGRATIONS):
            back_up(conn, path, version)
        migrate(conn)


def _damage_suspected(conn: sqlite3.Connection) -> bool:
    """Whether some session may be unreadable: a text that cannot be decoded, a missing player or text.

    The quick test reads every table at C speed; only when it fails are the sessions read one
    by one (``read_sessions``) to find which are damaged.
    """
    try:
        for table in ("players", "contents", "sessions", "choices"):
            conn.execute(f"SELECT * FROM {table}").fetchall()
        orphans = conn.execute(
            "SELECT COUNT(*) FROM sessions s LEFT JOIN players p ON p.id = s.player_id"
            " LEFT JOIN contents c ON c.hash = s.content_hash WHERE p.id IS NULL OR c.hash IS NULL").fetchone()[0]
    except sqlite3.OperationalError:
        return True
    return bool(orphans)


def expected_columns(version: int) -> dict[str, frozenset[str]]:
    """The columns of every table at a schema version, from the migrations themselves."""
    return _columns_after(tuple(tuple(step) for step in MIGRATIONS[:version]))


@functools.lru_cache(maxsize=8)
def _columns_after(steps: tuple[tuple[str, ...], ...]) -> dict[str, frozenset[str]]:
    scratch = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in steps:
            for statement in step:
                scratch.execute(statement)
        tables = [r[0] for r in scratch.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                                " AND name NOT LIKE 'sqlite_%'")]
        return {t: frozenset(r[1] for r in scratch.execute(f'PRAGMA table_info("{t}")')) for t in tables}
    finally:
        scratch.close()


def check_columns(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """StoreError ``missing_column`` when a table of this schema version lacks a column (never IndexError later)."""
    for table, columns in sorted(expected_columns(version).items()):
        present = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        for column in sorted(columns - present):
            raise StoreError("missing_column", path=path, column=f"{table}.{column}")


def back_up(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database beside it (``….schema-N.backup``, kept) before migrating it from version N."""
    target = path.with_name(f"{path.name}.schema-{version}.backup")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.schema-{version}.{number}.backup")
    try:
        copy = sqlite3.connect(target)
        try:
            conn.backup(copy)
        finally:
            copy.close()
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise StoreError("backup_failed", path=path, detail=getattr(exc, "strerror", None) or exc) from None
    return target


# -- journals that are not the database's own ------------------------------------------------

def set_aside_stranger_journals(path: Path) -> list[StoreError]:
    """Move a WAL or rollback journal that does not belong to ``path`` aside before SQLite replays it.

    SQLite cannot tell whose journal lies beside a file: it replays a stray ``-wal`` (copied along
    from another database, say) into this one, and the sessions are gone. A WAL is the database's
    own when another connection is using it, or when the database with the WAL applied (tried on
    a copy) is still an Omgekeerd store that keeps every session of every remaining player. Our
    database is in WAL mode, so a rollback ``-journal`` beside it is never its own. Returns the
    notices of what was set aside (``message(lang)`` gives the line).
    """
    notices: list[StoreError] = []
    journal = Path(f"{path}-journal")
    if _size(journal) and _wal_mode(path) and _stays(journal):
        notice = _set_aside(path, journal)
        if notice is not None:
            notices.append(notice)
    wal = Path(f"{path}-wal")
    if _size(wal) and not _wal_in_use(path) and not _own_wal(path, wal):
        notice = _set_aside(path, wal)
        if notice is not None:
            notices.append(notice)
            shm = Path(f"{path}-shm")
            if shm.exists():
                _set_aside(path, shm)
    return notices


JOURNAL_SETTLE_SECONDS = 1.0  # how long a rollback journal may take to go before it counts as a stranger


def _stays(journal: Path) -> bool:
    """Whether a rollback journal is still there after a moment: the database's own one (the switch to WAL
    when another process creates the store) goes within milliseconds; a stranger stays."""
    deadline = time.monotonic() + JOURNAL_SETTLE_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        if not _size(journal):
            return False
    return True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _wal_mode(path: Path) -> bool:
    """True when the database header says WAL (file format versions 2 at bytes 18 and 19)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def _set_aside(path: Path, stray: Path) -> StoreError | None:
    """Move ``stray`` aside; None when it went meanwhile (its owner finished with it)."""
    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%S")
    aside = stray.with_name(f"{stray.name}.set-aside-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = stray.with_name(f"{stray.name}.set-aside-{stamp}-{number}")
    try:
        os.replace(stray, aside)
    except FileNotFoundError:
        return None
    except OSError:
        raise StoreError("journal_unchecked", path=path) from None
    return StoreError("journal_set_aside", path=path, aside=aside.name)


def _wal_in_use(path: Path) -> bool:
    """True when a connection (any process, this one too) holds a lock on the database's ``-shm``.

    Read from ``/proc/locks`` without opening the file (closing a descriptor would drop this
    process's SQLite locks). Where that is not available, a WAL with its ``-shm`` counts as in use.
    """
    shm = Path(f"{path}-shm")
    if not shm.exists():
        return False
    try:
        info = shm.stat()
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            table = handle.read()
    except OSError:
        return True
    device = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    return any(device in line.split() for line in table.splitlines())


def _own_wal(path: Path, wal: Path) -> bool:
    """Whether replaying ``wal`` into ``path`` keeps an Omgekeerd store with all its sessions (tried on copies)."""
    try:
        with open(wal, "rb") as handle:
            header = handle.read(32)
    except OSError:
        return True  # SQLite cannot read it either
    if len(header) < 32 or int.from_bytes(header[:4], "big") not in WAL_MAGIC:
        return True  # SQLite ignores a WAL without a valid header
    page_size = int.from_bytes(header[8:12], "big")
    db_page = _page_size(path)
    if db_page and page_size != db_page:
        return False
    import shutil  # only for a store whose WAL file is left over (rare): not on every open
    import tempfile

    with tempfile.TemporaryDirectory(prefix="omgekeerd-wal-") as scratch:
        alone, joined = Path(scratch) / "alone.sqlite3", Path(scratch) / "joined.sqlite3"
        try:
            shutil.copyfile(wal, f"{joined}-wal")
            shutil.copyfile(path, joined)
            shutil.copyfile(path, alone)
            before = _session_owners(alone)
            after = _session_owners(joined)
        except (OSError, sqlite3.Error, StoreError):
            return False
    if after is None:
        return False
    if before is None:
        return True
    players_after = set(after.values())
    return all(after.get(session) == owner or owner not in players_after for session, owner in before.items())


def _page_size(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            header = handle.read(18)
    except OSError:
        return 0
    if len(header) < 18:
        return 0
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def _session_owners(copy: Path) -> dict[int, str] | None:
    """Session id -> player id of an Omgekeerd store copy; None when it is not one (or is damaged)."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.text_factory = bytes
        if [r[0] for r in conn.execute("PRAGMA quick_check")] != [b"ok"]:
            return None
        tables = {r[0].decode() for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"players", "sessions", "choices", "contents"} <= tables:
            return None
        return {int(r[0]): repr(r[1]) for r in conn.execute("SELECT id, player_id FROM sessions")}
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def migrate(conn: sqlite3.Connection, migrations: Sequence[Sequence[str]] | None = None) -> int:
    """Apply every migration after the database's version, each in its own transaction; returns the new version."""
    steps = MIGRATIONS if migrations is None else migrations
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])  # another process may have migrated
            if version >= len(steps):
                conn.execute("COMMIT")
                return version
            for statement in steps[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
