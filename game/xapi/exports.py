"""The xAPI exports: every statement as one JSON array (for an LRS import) and a Moodle gradebook CSV.

Neither carries a pseudonym or the LRS secret: the JSON holds the statements as queued
(pseudonymous accounts), the CSV the same account names. The Moodle CSV has one row per
player and case: the latest finished playthrough (or, when none is finished, the latest one,
not completed and without a score); comma-separated UTF-8, which Moodle's grade import reads.
"""

from __future__ import annotations

import csv
import io
import json
import os
from typing import Any
from collections.abc import Iterable

from game.i18n import t
from game.store.database import SavedSession, Store
from game.store.files import write_atomic
from game.xapi.statements import account_name, headline

MOODLE_COLUMNS = ("identifier", "case", "completed", "score", "resident", "rules", "finished")


def statements(store: Store) -> list[dict[str, Any]]:
    """Every statement of the outbox that an LRS can take (not the refused or unbuilt ones), in order."""
    return [json.loads(row.statement) for row in store.outbox.all() if row.rejected is None]


def write_statements(store: Store, path: str | os.PathLike[str]) -> int:
    """Write the statements as a JSON array; returns how many."""
    found = statements(store)
    write_atomic(path, json.dumps(found, ensure_ascii=False, indent=1) + "\n")
    return len(found)


def moodle_rows(sessions: Iterable[SavedSession], salt: str, lang: str = "nl") -> list[list[str]]:
    """The header and one row per (player, case): pseudonymous identifier, case, completed, score."""
    latest: dict[tuple[str, str], SavedSession] = {}
    for saved in sessions:
        key = (saved.player.casefold(), saved.scenario_id)
        kept = latest.get(key)
        if kept is None or (saved.finished, saved.id) >= (kept.finished, kept.id):
            latest[key] = saved
    rows = [[t(f"xapi.column.{name}", lang) for name in MOODLE_COLUMNS]]
    for (_player, case), saved in sorted(latest.items(), key=lambda item: (item[1].player.casefold(), item[0][1])):
        scored = saved.finished and saved.resident is not None and saved.rules is not None
        rows.append([account_name(salt, saved.player), case, "1" if saved.finished else "0",
                     str(headline(saved.resident or 0, saved.rules or 0)) if scored else "",
                     str(saved.resident) if scored else "", str(saved.rules) if scored else "",
                     (saved.finished_at or "").replace("T", " ")[:19]])
    return rows


def write_moodle(store: Store, path: str | os.PathLike[str], salt: str, lang: str = "nl") -> int:
    """Write the Moodle gradebook/completion CSV; returns the number of data rows."""
    rows = moodle_rows(store.sessions(), salt, lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[_safe(cell) for cell in row] for row in rows])
    write_atomic(path, buffer.getvalue())
    return len(rows) - 1


def _safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (case ids cannot start so, but be sure)."""
    return "'" + cell if cell.startswith(("=", "+", "-", "@", "\t", "\r")) else cell
