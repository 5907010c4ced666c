"""Workshop group sessions in the store: the case, per decision the votes of each round, the choice followed.

Pseudonymous by design: a group session holds no names, no tokens and no addresses, only
counts. Each decision is committed the moment the room follows it, so a crash loses at most
the decision being taken.
"""

from __future__ import annotations

import sqlite3
from game.engine.records import dataclass
from collections.abc import Mapping, Sequence

from game.engine.model import Scenario
from game.store.database import MODES, Store, StoreError


@dataclass(frozen=True)
class GroupDecision:
    """One decision as the room took it: the votes per choice in each round, the choice followed, the seconds."""

    situation_id: str
    rounds: tuple[dict[str, int], ...]
    followed: str
    seconds: float


@dataclass(frozen=True)
class GroupSession:
    """One stored workshop: its case, mode, language, phones that joined, and its decisions."""

    id: int
    scenario_id: str
    source: str
    content_hash: str
    mode: str
    lang: str
    started: str
    finished: str | None
    ending: str | None
    phones: int
    decisions: tuple[GroupDecision, ...]


def start_group(store: Store, scenario: Scenario, source: str, mode: str = "training", lang: str = "nl") -> int:
    """Record a new group session; returns its id."""
    if mode not in MODES:
        raise StoreError("bad_mode", mode=mode)
    now = store._clock()
    with store._write() as conn:
        conn.execute("INSERT OR IGNORE INTO contents (hash, text) VALUES (?, ?)",
                     (scenario.content_hash, scenario.source_text))
        cursor = conn.execute(
            "INSERT INTO group_sessions (scenario_id, source, content_hash, mode, lang, started)"
            " VALUES (?, ?, ?, ?, ?, ?)", (scenario.id, str(source), scenario.content_hash, mode, lang, now))
        return int(cursor.lastrowid or 0)


def record_decision(store: Store, group_id: int, situation_id: str, rounds: Sequence[Mapping[str, int]],
                    followed: str, seconds: float) -> None:
    """Append a decision (the counts of every round) to an unfinished group session; committed at once."""
    with store._write() as conn:
        row = conn.execute("SELECT finished FROM group_sessions WHERE id = ?", (group_id,)).fetchone()
        if row is None:
            raise StoreError("no_session", id=group_id)
        if row[0] is not None:
            raise StoreError("session_closed", id=group_id)
        seq = conn.execute("SELECT COUNT(*) FROM group_decisions WHERE group_id = ?", (group_id,)).fetchone()[0]
        conn.execute("INSERT INTO group_decisions (group_id, seq, situation_id, followed, seconds)"
                     " VALUES (?, ?, ?, ?, ?)", (group_id, seq, situation_id, followed, float(seconds)))
        conn.executemany("INSERT INTO group_votes (group_id, seq, round, choice_id, votes) VALUES (?, ?, ?, ?, ?)",
                         [(group_id, seq, number, choice_id, int(votes))
                          for number, counts in enumerate(rounds, start=1) for choice_id, votes in counts.items()])


def finish_group(store: Store, group_id: int, ending: str | None, phones: int) -> None:
    """Close a group session: the ending reached (None when stopped early) and how many phones joined."""
    with store._write() as conn:
        conn.execute("UPDATE group_sessions SET finished = ?, ending = ?, phones = ? WHERE id = ? AND finished IS NULL",
                     (store._clock(), ending, int(phones), group_id))


def get_group(store: Store, group_id: int) -> GroupSession | None:
    """One stored group session with its decisions, or None."""
    rows = store._read("SELECT * FROM group_sessions WHERE id = ?", (group_id,))
    return _group(store, rows[0]) if rows else None


def list_groups(store: Store) -> list[GroupSession]:
    """Every stored group session, oldest first."""
    return [_group(store, row) for row in store._read("SELECT * FROM group_sessions ORDER BY id")]


def forget_group(store: Store, group_id: int) -> bool:
    """Delete a group session and its counts; True when there was one."""
    with store._write() as conn:
        deleted = conn.execute("DELETE FROM group_sessions WHERE id = ?", (group_id,)).rowcount
        conn.execute("DELETE FROM contents WHERE hash NOT IN (SELECT content_hash FROM sessions"
                     " UNION SELECT content_hash FROM group_sessions)")
    return bool(deleted)


def _group(store: Store, row: sqlite3.Row) -> GroupSession:
    group_id = int(row["id"])
    votes = store._read("SELECT seq, round, choice_id, votes FROM group_votes WHERE group_id = ?"
                        " ORDER BY seq, round, rowid", (group_id,))
    by_seq: dict[int, dict[int, dict[str, int]]] = {}
    for vote in votes:
        by_seq.setdefault(vote["seq"], {}).setdefault(vote["round"], {})[vote["choice_id"]] = vote["votes"]
    decisions = tuple(
        GroupDecision(d["situation_id"], tuple(counts for _, counts in sorted(by_seq.get(d["seq"], {}).items())),
                      d["followed"], d["seconds"])
        for d in store._read("SELECT * FROM group_decisions WHERE group_id = ? ORDER BY seq", (group_id,)))
    return GroupSession(id=group_id, scenario_id=row["scenario_id"], source=row["source"],
                        content_hash=row["content_hash"], mode=row["mode"], lang=row["lang"],
                        started=row["started"], finished=row["finished"], ending=row["ending"],
                        phones=row["phones"], decisions=decisions)
