"""Coach notes in the store: a note per step of a playthrough and one overall note, kept with the session.

Step 0 holds the overall note, steps 1, 2, … the note beside each decision. Saving an empty
note removes it. Notes go with their session when it (or its player) is deleted, and they
are never exported to another laptop (they may say more about a person than a pseudonym).
"""

from __future__ import annotations

import unicodedata
from game.engine.records import dataclass, field

from game.store.database import Store, StoreError

OVERALL = 0
MAX_NOTE = 4000  # characters; a longer note is cut, never refused (nothing the coach typed is lost silently)


@dataclass(frozen=True)
class CoachNotes:
    """The notes of one session: the overall note and the note of each step that has one."""

    overall: str = ""
    steps: dict[int, str] = field(default_factory=dict)

    def at(self, step: int) -> str:
        """The note of a step ('' when none)."""
        return self.steps.get(step, "")

    def __bool__(self) -> bool:
        return bool(self.overall or self.steps)


def clean_note(text: str) -> str:
    """A note as stored: NFC, control characters other than newline and tab dropped, outer space trimmed."""
    normal = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(c for c in normal if c in "\n\t" or not unicodedata.category(c).startswith("C"))
    return kept.strip()[:MAX_NOTE]


def set_note(store: Store, session_id: int, step: int, text: str) -> str:
    """Save the note of a step (0: the overall note) at once; an empty note removes it. Returns what was saved."""
    if step < 0:
        raise StoreError("no_session", id=session_id)
    note = clean_note(text)
    with store._write() as conn:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise StoreError("no_session", id=session_id)
        if note:
            conn.execute("INSERT INTO coach_notes (session_id, step, text, updated) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (session_id, step) DO UPDATE SET text = excluded.text,"
                         " updated = excluded.updated", (session_id, step, note, store._clock()))
        else:
            conn.execute("DELETE FROM coach_notes WHERE session_id = ? AND step = ?", (session_id, step))
    return note


def notes_of(store: Store, session_id: int) -> CoachNotes:
    """The notes of a session (empty when it has none)."""
    rows = store._read("SELECT step, text FROM coach_notes WHERE session_id = ? ORDER BY step", (session_id,))
    by_step = {int(r["step"]): str(r["text"]) for r in rows}
    overall = by_step.pop(OVERALL, "")
    return CoachNotes(overall, by_step)
