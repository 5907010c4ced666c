"""CSV export of stored sessions, one row per choice, in the form Dutch spreadsheet programs open correctly.

UTF-8 with a byte order mark (so Excel reads the accents), ``;`` as separator (the Dutch list
separator; the comma is the decimal sign there), every field quoted, CRLF line ends. A text
that starts with ``=``, ``+``, ``-`` or ``@`` gets a leading apostrophe so that a spreadsheet
shows it as text instead of running it as a formula.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator

from game.engine.loader import load_scenario
from game.engine.markup import plain
from game.engine.model import Scenario
from game.engine.session import Session
from game.i18n import t
from game.store.database import SavedSession
from game.store.files import write_atomic_chunks

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_ROWS = 1000  # rows written at a time

COLUMNS: tuple[str, ...] = (  # each column's head is the catalogue entry export.column.<key>
    "session", "player", "background", "scenario", "source", "version", "mode", "lang", "started",
    "finished_at", "status", "ending", "resident", "rules", "quadrant", "number", "situation", "choice",
    "choice_text", "made",
)


def spreadsheet_safe(value: object) -> str:
    """A cell value as text, neutralised when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def timestamp(value: str | None) -> str:
    """An ISO timestamp as 'YYYY-MM-DD HH:MM:SS', which spreadsheets read as a date and time."""
    if not value:
        return ""
    return value.replace("T", " ")[:19]


def _status(saved: SavedSession, lang: str) -> str:
    key = "finished" if saved.finished else "abandoned" if saved.abandoned else "open"
    return t(f"export.status.{key}", lang)


def _situations(scenario: Scenario | None, choices: list[str]) -> list[tuple[str, str]]:
    """(situation id, choice text) for each saved choice, by replaying them; blanks where that fails."""
    result: list[tuple[str, str]] = []
    if scenario is None:
        return [("", "") for _ in choices]
    try:
        session = Session(scenario)
        for choice_id in choices:
            situation = session.situation
            choice = situation.choice(choice_id) if situation else None
            result.append((situation.id if situation else "", choice.text.get("nl") if choice else ""))
            session.choose(choice_id)
    except Exception:
        pass
    return result + [("", "")] * (len(choices) - len(result))


def rows(sessions: Iterable[SavedSession], lang: str = "nl") -> Iterator[list[str]]:
    """The header and one row per choice (a session without choices gets one row)."""
    yield [t(f"export.column.{key}", lang) for key in COLUMNS]
    loaded: dict[str, Scenario | None] = {}
    replayed: dict[tuple[str, tuple[str, ...]], list[tuple[str, str]]] = {}  # each distinct route replayed once
    for saved in sessions:
        if saved.content_hash not in loaded:
            scenario, _ = load_scenario(saved.source, {}, data=saved.content.encode("utf-8"))
            loaded[saved.content_hash] = scenario
        route = (saved.content_hash, tuple(saved.choices))
        where = replayed.get(route)
        if where is None:
            where = replayed[route] = _situations(loaded[saved.content_hash], saved.choices)
        head = {
            "session": saved.id, "player": saved.player, "background": saved.background,
            "scenario": saved.scenario_id, "source": saved.source, "version": saved.content_hash,
            "mode": saved.mode, "lang": saved.lang, "started": timestamp(saved.started),
            "finished_at": timestamp(saved.finished_at), "status": _status(saved, lang), "ending": saved.ending,
            "resident": saved.resident, "rules": saved.rules, "quadrant": saved.quadrant,
        }
        made: list[tuple[str | None, str | None]] = list(zip(saved.choices, saved.choice_times, strict=False))
        made = made or [(None, None)]
        for number, (choice_id, when) in enumerate(made, start=1):
            situation, text = where[number - 1] if choice_id is not None else ("", "")
            row = dict(head, number=number if choice_id is not None else None, situation=situation,
                       choice=choice_id, choice_text=plain(text), made=timestamp(when))
            yield [spreadsheet_safe(row[key]) for key in COLUMNS]


def write_csv(sessions: Iterable[SavedSession], path: str | os.PathLike[str], lang: str = "nl") -> int:
    """Write the export to ``path`` in one step, streamed (``write_atomic_chunks``: a fresh exclusive
    temporary file, fsync, rename; a link, FIFO or folder as target is refused); returns the rows written."""
    counted = [0]
    write_atomic_chunks(path, _chunks(rows(sessions, lang), counted, CHUNK_ROWS))
    return counted[0] - 1


def _chunks(table: Iterable[list[str]], counted: list[int], size: int) -> Iterator[str]:
    """The CSV text in chunks of ``size`` rows, the byte order mark first (it makes Excel read UTF-8);
    ``counted[0]`` ends as the number of rows, header included."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    buffer.write("\ufeff")
    for row in table:
        writer.writerow(row)
        counted[0] += 1
        if counted[0] % size == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
