"""The session store: players, playthroughs and their choices in a local SQLite database.

Every choice is committed the moment it is made (WAL journal, synchronous=FULL), so a crash
or a power cut loses at most the choice being made. A session keeps where its scenario came
from (library id or file path) and the scenario's full text, so it can be resumed and
reported on even when the file has changed or is gone. The schema carries its version in
``PRAGMA user_version`` and migrates forward. A damaged or foreign database file is never
written to: opening it raises ``StoreError`` with a one-line message saying where it is.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

from game.i18n import t
from game.engine.model import BACKGROUNDS, Scenario
from game.store import outbox
from game.store.outbox import Outbox, StatementHook

DB_NAME = "omgekeerd.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"
MODES = ("training", "assessment")
MAX_NAME = 40
BUSY_TIMEOUT_S = 5.0

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
        """The one-line message in a language."""
        return t(f"store.{self.key}", lang).format(**self.details)


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


def default_data_dir() -> Path:
    """The platform's user data directory for Omgekeerd (ignores overrides)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("omgekeerd", appauthor=False))


def data_folder(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where player data lives: ``data_dir``, else $OMGEKEERD_DATA, else the user data dir."""
    if data_dir:
        return Path(data_dir).expanduser()
    configured = os.environ.get("OMGEKEERD_DATA")
    if configured:
        return Path(configured).expanduser()
    return default_data_dir()


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp (milliseconds)."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


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
                 statements: StatementHook | None = None) -> None:
        self._conn = conn
        self.path = path
        self._clock = clock
        self._statements = statements  # builds xAPI statements inside each play transaction (game.xapi)
        self._install: str | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None, *,
             clock: Callable[[], str] = utc_now, statements: StatementHook | None = None) -> "Store":
        """Open (and create or migrate) the database in the data folder; StoreError when it cannot.

        With ``statements`` (the xAPI recorder), every play event also queues its statements in the
        outbox, in the same transaction.
        """
        folder = data_folder(data_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("no_folder", path=folder, detail=exc.strerror or exc) from None
        path = folder / DB_NAME
        try:
            if path.is_dir() or not _looks_like_sqlite(path):
                raise StoreError("corrupt", path=path, detail="not an SQLite database")
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except OSError as exc:
            raise StoreError("unreadable", path=path, detail=exc.strerror or exc) from None
        except sqlite3.Error as exc:
            raise StoreError("unreadable", path=path, detail=exc) from None
        try:
            _prepare(conn, path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock, statements)

    def close(self) -> None:
        """Close the database (its WAL is folded back into the main file)."""
        self._conn.close()

    def __enter__(self) -> "Store":
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
        except Exception as exc:  # noqa: BLE001 - a statement problem never costs the player a choice
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
        """The player with this pseudonym (case does not matter), or None."""
        rows = self._read("SELECT name, background FROM players WHERE name = ?", (str(name).strip(),))
        return Player(rows[0]["name"], rows[0]["background"]) if rows else None

    def ensure_player(self, name: str, background: str | None = None) -> Player:
        """The player with this pseudonym, created when new; a given background replaces the old one."""
        name = check_name(name)
        if background is not None and background not in BACKGROUNDS:
            raise StoreError("bad_background", background=background, known=", ".join(BACKGROUNDS))
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

    # -- reading sessions ----------------------------------------------------------------
    def get(self, session_id: int) -> SavedSession | None:
        """The session with this id, or None."""
        found = self._sessions("WHERE s.id = ?", (session_id,))
        return found[0] if found else None

    def sessions(self, player_name: str | None = None) -> list[SavedSession]:
        """Every session (of one player, when named), oldest first."""
        if player_name is None:
            return self._sessions("", ())
        return self._sessions("WHERE p.name = ?", (str(player_name).strip(),))

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
            where += " AND p.name = ?"
            params = (str(player_name).strip(),)
        found = self._sessions(where + " ORDER BY s.touched DESC, s.id DESC LIMIT 1", params)
        return found[0] if found else None

    def _sessions(self, where: str, params: Sequence[object]) -> list[SavedSession]:
        order = "" if "ORDER BY" in where else " ORDER BY s.id"
        rows = self._read(
            "SELECT s.*, p.name AS player, c.text AS content FROM sessions s"
            " JOIN players p ON p.id = s.player_id JOIN contents c ON c.hash = s.content_hash "
            + where + order, params)
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        marks = ",".join("?" * len(ids)) if len(ids) < 900 else None
        choice_rows = self._read(
            "SELECT session_id, choice_id, made FROM choices"
            + (f" WHERE session_id IN ({marks})" if marks else "") + " ORDER BY session_id, seq",
            ids if marks else ())
        made: dict[int, list[tuple[str, str]]] = {}
        for r in choice_rows:
            made.setdefault(r["session_id"], []).append((r["choice_id"], r["made"]))
        texts: dict[str, str] = {}
        return [_saved(r, made.get(r["id"], []), texts) for r in rows]

    # -- forgetting ----------------------------------------------------------------------
    def forget(self, player_name: str) -> int:
        """Delete a player and all their sessions and choices; returns the number of sessions deleted."""
        name = str(player_name).strip()
        with self._write() as conn:
            count = conn.execute("SELECT COUNT(*) FROM sessions s JOIN players p ON p.id = s.player_id"
                                 " WHERE p.name = ?", (name,)).fetchone()[0]
            conn.execute("DELETE FROM players WHERE name = ?", (name,))
            conn.execute("DELETE FROM contents WHERE hash NOT IN (SELECT content_hash FROM sessions"
                         " UNION SELECT content_hash FROM group_sessions)")
        with _guard(self.path):  # leave no copy of the deleted pages in the journal
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(count)


def _touch(conn: sqlite3.Connection, session_id: int, now: str) -> None:
    """Mark a session as the one played last (a counter) at ``now``."""
    conn.execute(f"UPDATE sessions SET updated = ?, touched = {NEXT_TOUCH} WHERE id = ?", (now, session_id))


def _saved(row: sqlite3.Row, made: list[tuple[str, str]], texts: dict[str, str]) -> SavedSession:
    content = texts.setdefault(row["content_hash"], row["content"])
    return SavedSession(
        id=row["id"], player=row["player"], background=row["background"], scenario_id=row["scenario_id"],
        source=row["source"], content=content, content_hash=row["content_hash"], mode=row["mode"],
        lang=row["lang"], choices=[c for c, _ in made], finished=row["finished"] is not None,
        ending=row["ending"], resident=row["resident"], rules=row["rules"], quadrant=row["quadrant"],
        started=row["started"], updated=row["updated"], finished_at=row["finished"],
        abandoned=bool(row["abandoned"]), choice_times=tuple(m for _, m in made))


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


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Check the file, switch on WAL and durable commits, and migrate the schema forward."""
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
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        migrate(conn)


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
