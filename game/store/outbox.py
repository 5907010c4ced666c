"""The xAPI outbox: statements waiting for the LRS, written in the same transaction as the play they record.

The store calls a ``StatementHook`` (the xAPI recorder, plugged in from above) inside the
transaction of ``start_session``, ``record_choice``, ``undo_choice`` and ``finish_session``;
what it returns is inserted here before that transaction commits, so a choice and its
statement are saved together or not at all. ``Outbox`` holds the queries that ``sync`` and the
exports use. A statement the hook cannot build is kept as a problem row (with the reason),
never raised into play. Rows of a forgotten player go with their sessions (ON DELETE CASCADE).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from game.engine.records import dataclass
from typing import Any, Protocol
from collections.abc import Callable, Sequence

from game.engine.model import Scenario

MIGRATION: tuple[str, ...] = (  # appended to game.store.database.MIGRATIONS
    "CREATE TABLE xapi_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "INSERT INTO xapi_meta (key, value) VALUES ('install', lower(hex(randomblob(16))))",
    """CREATE TABLE xapi_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
        group_uid TEXT,
        step INTEGER NOT NULL,
        kind TEXT NOT NULL,
        target TEXT,
        statement TEXT NOT NULL,
        created TEXT NOT NULL,
        sent TEXT,
        rejected TEXT,
        attempts INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX xapi_outbox_by_session ON xapi_outbox(session_id, step)",
    "CREATE INDEX xapi_outbox_pending ON xapi_outbox(sent, rejected, seq)",
)

PROBLEM_PREFIX = "not built: "

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
Read = Callable[[str, Sequence[object]], list[sqlite3.Row]]


@dataclass(frozen=True)
class SessionFacts:
    """What the store knows of a session at the moment of an event, for building its statements."""

    session_id: int
    install: str
    player: str
    scenario_id: str
    content_hash: str
    mode: str
    lang: str
    started: str
    choices: tuple[str, ...]  # every choice made so far, the new one included
    next_step: int  # the step number the next statement of this session gets
    when: str  # the time of the event (the store's clock)
    last_answer: str | None  # the id of the newest decision statement not yet voided
    text: Callable[[], str]  # the scenario's saved text, read on demand


@dataclass(frozen=True)
class Outgoing:
    """One statement to queue (or, with ``problem`` set, the reason it could not be built)."""

    id: str
    step: int
    kind: str
    statement: dict[str, Any] | None
    target: str | None = None
    problem: str | None = None


class StatementHook(Protocol):
    """Builds the statements of play events; called inside the store's write transaction."""

    def started(self, facts: SessionFacts, scenario: Scenario) -> list[Outgoing]: ...
    def chose(self, facts: SessionFacts) -> list[Outgoing]: ...
    def undone(self, facts: SessionFacts) -> list[Outgoing]: ...
    def finished(self, facts: SessionFacts, ending: str, resident: int, rules: int,
                 quadrant: str) -> list[Outgoing]: ...


@dataclass(frozen=True)
class Queued:
    """One outbox row as sync and the exports see it."""

    seq: int
    id: str
    kind: str
    session_id: int | None
    statement: str  # JSON text, exactly as it will be sent
    sent: str | None
    rejected: str | None


# -- inside the store's transaction ----------------------------------------------------------

def install_id(conn: sqlite3.Connection) -> str:
    """This database's random install id (made by the migration)."""
    row = conn.execute("SELECT value FROM xapi_meta WHERE key = 'install'").fetchone()
    return str(row[0]) if row else "unknown"


def session_facts(conn: sqlite3.Connection, session_id: int, install: str, when: str,
                  with_last_answer: bool = False) -> SessionFacts:
    """The facts of one session, read in the current transaction."""
    row = conn.execute(
        "SELECT p.name, s.scenario_id, s.content_hash, s.mode, s.lang, s.started,"
        " (SELECT COALESCE(MAX(step), -1) + 1 FROM xapi_outbox WHERE session_id = s.id)"
        " FROM sessions s JOIN players p ON p.id = s.player_id WHERE s.id = ?", (session_id,)).fetchone()
    choices = tuple(r[0] for r in conn.execute(
        "SELECT choice_id FROM choices WHERE session_id = ? ORDER BY seq", (session_id,)))
    content_hash = str(row[2])
    last = _last_answer(conn, session_id) if with_last_answer else None

    def text() -> str:
        found = conn.execute("SELECT text FROM contents WHERE hash = ?", (content_hash,)).fetchone()
        return str(found[0]) if found else ""

    return SessionFacts(session_id, install, str(row[0]), str(row[1]), content_hash, str(row[3]), str(row[4]),
                        str(row[5]), choices, int(row[6]), when, last, text)


def _last_answer(conn: sqlite3.Connection, session_id: int) -> str | None:
    row = conn.execute(
        "SELECT id FROM xapi_outbox WHERE session_id = ? AND kind = 'answered' AND id NOT IN"
        " (SELECT target FROM xapi_outbox WHERE session_id = ? AND kind = 'voided' AND target IS NOT NULL)"
        " ORDER BY step DESC LIMIT 1", (session_id, session_id)).fetchone()
    return str(row[0]) if row else None


def queue(conn: sqlite3.Connection, outgoing: Sequence[Outgoing], when: str, session_id: int | None = None,
          group_uid: str | None = None) -> None:
    """Insert statements (or problem rows) into the outbox, in the caller's transaction; an id already there is kept."""
    conn.executemany(
        "INSERT OR IGNORE INTO xapi_outbox (id, session_id, group_uid, step, kind, target, statement, created,"
        " rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(o.id, session_id, group_uid, o.step, o.kind, o.target,
          json.dumps(o.statement, ensure_ascii=False, separators=(",", ":")) if o.statement is not None else "{}",
          when, PROBLEM_PREFIX + o.problem if o.problem is not None else None) for o in outgoing])


def problem_row(facts: SessionFacts, kind: str, exc: BaseException) -> Outgoing:
    """The row that keeps a statement the hook could not build, with the reason."""
    return Outgoing(f"problem-{facts.install}-{facts.session_id}-{facts.next_step}", facts.next_step, kind, None,
                    problem=f"{type(exc).__name__}: {exc}")


# -- the queries of sync and the exports --------------------------------------------------------

class Outbox:
    """The outbox of one open store: pending statements, marks, counts and the full list."""

    def __init__(self, write: Write, read: Read) -> None:
        self._write = write
        self._read = read

    def install(self) -> str:
        """This database's install id."""
        rows = self._read("SELECT value FROM xapi_meta WHERE key = 'install'", ())
        return str(rows[0]["value"]) if rows else "unknown"

    def pending(self, limit: int, after: int = 0) -> list[Queued]:
        """Up to ``limit`` statements neither acknowledged nor rejected, oldest first, after row ``after``."""
        return self._rows("WHERE sent IS NULL AND rejected IS NULL AND seq > ? ORDER BY seq LIMIT ?",
                          (after, int(limit)))

    def all(self) -> list[Queued]:
        """Every statement row (sent, queued or rejected), in the order written."""
        return self._rows("ORDER BY seq", ())

    def rejected(self) -> list[Queued]:
        """The statements the LRS refused (or that could not be built), with the reason."""
        return self._rows("WHERE rejected IS NOT NULL ORDER BY seq", ())

    def counts(self) -> dict[str, int]:
        """How many statements are queued, sent and rejected."""
        row = self._read("SELECT COUNT(*) FILTER (WHERE sent IS NULL AND rejected IS NULL),"
                         " COUNT(*) FILTER (WHERE sent IS NOT NULL), COUNT(*) FILTER (WHERE rejected IS NOT NULL)"
                         " FROM xapi_outbox", ())[0]
        return {"queued": int(row[0]), "sent": int(row[1]), "rejected": int(row[2])}

    def mark_sent(self, ids: Sequence[str], when: str) -> None:
        """Mark statements the LRS acknowledged (stored now or already before)."""
        with self._write() as conn:
            conn.executemany("UPDATE xapi_outbox SET sent = ?, attempts = attempts + 1 WHERE id = ? AND sent IS NULL",
                             [(when, i) for i in ids])

    def mark_rejected(self, statement_id: str, reason: str) -> None:
        """Keep a statement the LRS refused, with its reason (it is not sent again until retried)."""
        with self._write() as conn:
            conn.execute("UPDATE xapi_outbox SET rejected = ?, attempts = attempts + 1 WHERE id = ? AND sent IS NULL",
                         (reason, statement_id))

    def retry_rejected(self) -> int:
        """Put the refused statements back in the queue (not the ones that could not be built)."""
        with self._write() as conn:
            cursor = conn.execute("UPDATE xapi_outbox SET rejected = NULL WHERE rejected IS NOT NULL"
                                  " AND rejected NOT LIKE ? AND statement != '{}'", (PROBLEM_PREFIX + "%",))
            return int(cursor.rowcount)

    def add(self, outgoing: Sequence[Outgoing], when: str, group_uid: str | None = None) -> None:
        """Queue statements outside play (a workshop group session); ids already queued are kept as they are."""
        with self._write() as conn:
            queue(conn, outgoing, when, None, group_uid)

    def _rows(self, where: str, params: Sequence[object]) -> list[Queued]:
        rows = self._read("SELECT seq, id, kind, session_id, statement, sent, rejected FROM xapi_outbox " + where,
                          params)
        return [Queued(r["seq"], r["id"], r["kind"], r["session_id"], r["statement"], r["sent"], r["rejected"])
                for r in rows]
