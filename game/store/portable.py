"""Playthroughs that travel between laptops: one versioned, checksummed JSON file, merged without duplicates.

The file holds ``{"format": "omgekeerd-sessions", "version": 1, "sha256": …, "payload": …}``;
the checksum is SHA-256 over the payload in canonical JSON (sorted keys, no spaces, UTF-8).
The payload carries pseudonyms, backgrounds, cases (their full text, by content hash) and
the choices with their times; no coach notes, no xAPI settings or secrets, and of a case
played from a file only the file's name (a path may hold a user name).

Importing checks the whole file before touching the store (foreign, newer, truncated,
tampered or malformed files are refused with a ``PortableError``), then merges it in one
transaction. A session is known by its stable uid; of two versions of the same session the
one further along is kept (finished, then more choices, then later, then by content), so
importing the same files in any order, any number of times, gives the same store.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Mapping, Sequence
from game.engine.records import dataclass
from pathlib import Path
from typing import Any

from game.engine.loader import content_hash
from game.engine.model import BACKGROUNDS, LANGUAGES
from game.i18n import t
from game.store.database import MODES, NEXT_TOUCH, SavedSession, Store, StoreError, check_name, utc_now
from game.store import outbox

FORMAT = "omgekeerd-sessions"
VERSION = 1
MAX_BYTES = 256 * 1024 * 1024
_UID = re.compile(r"^[0-9a-f]{1,64}/[0-9]{1,18}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ][0-9:.+\-Z]{4,40}$")
_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")
QUADRANT_IDS = ("omgekeerd", "rules", "kind", "stuck")


class PortableError(Exception):
    """A file that is not imported, and why (``message(lang)``); nothing in the store was changed."""

    def __init__(self, key: str, **details: object) -> None:
        self.key = key
        self.details = details
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        """The one-line reason in a language."""
        return t(f"coaching.portable.{self.key}", lang, **self.details)


@dataclass(frozen=True)
class Merged:
    """What importing one file did: sessions added, brought up to date, and already known."""

    added: int
    updated: int
    known: int


# -- writing ---------------------------------------------------------------------------------

def canonical(payload: Mapping[str, Any]) -> bytes:
    """The payload as the checksum sees it: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _shared_source(source: str) -> str:
    """What travels of a session's source: a library id as it is, of a file path only the file's name."""
    is_path = os.sep in source or "/" in source or Path(source).suffix in (".yaml", ".yml")
    return Path(source).name if is_path else source


def _entry(saved: SavedSession) -> dict[str, Any]:
    source = _shared_source(saved.source)
    return {"uid": saved.uid, "player": saved.player, "background": saved.background,
            "scenario": saved.scenario_id, "source": source, "content_hash": saved.content_hash,
            "mode": saved.mode, "lang": saved.lang, "started": saved.started, "updated": saved.updated,
            "finished": saved.finished_at, "abandoned": saved.abandoned, "ending": saved.ending,
            "resident": saved.resident, "rules": saved.rules, "quadrant": saved.quadrant,
            "choices": [[choice, when] for choice, when in zip(saved.choices, saved.choice_times, strict=False)]}


def export_payload(store: Store, player: str | None = None) -> dict[str, Any]:
    """Every readable playthrough of the store (of one player, when named) as a payload."""
    sessions = sorted(store.sessions(player), key=lambda s: s.uid)
    contents = {s.content_hash: s.content for s in sessions}
    return {"install": store.outbox.install(), "exported": utc_now(),
            "contents": dict(sorted(contents.items())), "sessions": [_entry(s) for s in sessions]}


def export_text(store: Store, player: str | None = None) -> str:
    """The portable file's text: format, version, checksum and payload."""
    payload = export_payload(store, player)
    document = {"format": FORMAT, "version": VERSION, "sha256": hashlib.sha256(canonical(payload)).hexdigest(),
                "payload": payload}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# -- reading ---------------------------------------------------------------------------------

def read_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The checked payload of a portable file; PortableError when it cannot be imported."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise PortableError("unreadable", file=name, detail=exc.strerror or exc) from None
    if len(data) > MAX_BYTES:
        raise PortableError("too_large", file=name)
    return parse(data, name)


def parse(data: bytes, name: str = "-") -> dict[str, Any]:
    """The checked payload of a portable file's bytes; PortableError when they cannot be imported."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PortableError("foreign", file=name) from None
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        looks_ours = text.lstrip().startswith("{") and f'"format": "{FORMAT}"' in text[:512]
        raise PortableError("truncated" if looks_ours else "foreign", file=name) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PortableError("foreign", file=name)
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PortableError("foreign", file=name)
    if version > VERSION:
        raise PortableError("newer", file=name, found=version, known=VERSION)
    payload = document.get("payload")
    checksum = document.get("sha256")
    if not isinstance(payload, dict) or not isinstance(checksum, str):
        raise PortableError("foreign", file=name)
    if hashlib.sha256(canonical(payload)).hexdigest() != checksum:
        raise PortableError("tampered", file=name)
    check_payload(payload, name)
    return payload


def _no_constant(value: str) -> None:
    raise ValueError(value)


def check_payload(payload: Mapping[str, Any], name: str = "-") -> None:
    """PortableError ``malformed`` (naming the first wrong field) when the payload is not as export writes it."""
    problem = _payload_problem(payload)
    if problem:
        raise PortableError("malformed", file=name, detail=problem)


def _payload_problem(payload: Mapping[str, Any]) -> str | None:
    contents, sessions = payload.get("contents"), payload.get("sessions")
    if not isinstance(payload.get("install"), str) or not re.fullmatch(r"[0-9a-f]{1,64}", payload["install"]):
        return "install"
    if not isinstance(contents, dict) or not isinstance(sessions, list):
        return "contents/sessions"
    for key, text in contents.items():
        if not isinstance(text, str) or content_hash(text) != key:
            return f"contents[{key}]"
    seen: set[str] = set()
    for number, entry in enumerate(sessions, start=1):
        problem = _entry_problem(entry, contents)
        if problem is None and entry["uid"] in seen:
            problem = "uid (twice)"
        if problem:
            return f"sessions[{number}].{problem}"
        seen.add(entry["uid"])
    return None


def _entry_problem(entry: object, contents: Mapping[str, str]) -> str | None:
    if not isinstance(entry, dict):
        return "(not an object)"
    checks: list[tuple[str, bool]] = [
        ("uid", isinstance(entry.get("uid"), str) and bool(_UID.match(entry["uid"]))),
        ("player", isinstance(entry.get("player"), str) and _good_name(entry["player"])),
        ("background", entry.get("background") is None or entry.get("background") in BACKGROUNDS),
        ("scenario", _is_id(entry.get("scenario"))),
        ("source", _is_id(entry.get("source"))),
        ("content_hash", isinstance(entry.get("content_hash"), str) and entry["content_hash"] in contents),
        ("mode", entry.get("mode") in MODES),
        ("lang", entry.get("lang") in LANGUAGES),
        ("started", _is_stamp(entry.get("started"))),
        ("updated", _is_stamp(entry.get("updated"))),
        ("finished", entry.get("finished") is None or _is_stamp(entry.get("finished"))),
        ("abandoned", isinstance(entry.get("abandoned"), bool)),
        ("ending", entry.get("ending") is None or _is_id(entry.get("ending"))),
        ("resident", _is_score(entry.get("resident"))),
        ("rules", _is_score(entry.get("rules"))),
        ("quadrant", entry.get("quadrant") is None or entry.get("quadrant") in QUADRANT_IDS),
        ("choices", isinstance(entry.get("choices"), list) and all(
            isinstance(c, list) and len(c) == 2 and _is_id(c[0]) and _is_stamp(c[1]) for c in entry["choices"])),
    ]
    return next((field for field, good in checks if not good), None)


def _good_name(name: str) -> bool:
    try:
        return check_name(name) == name
    except StoreError:
        return False


def _is_id(value: object) -> bool:
    return isinstance(value, str) and bool(_ID.match(value))


def _is_stamp(value: object) -> bool:
    return isinstance(value, str) and bool(_STAMP.match(value))


def _is_score(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and -1000 <= value <= 1000)


# -- merging ---------------------------------------------------------------------------------

def _rank(entry: Mapping[str, Any]) -> tuple[int, int, str, str]:
    """Which of two versions of a session is further along (the higher one is kept)."""
    digest = hashlib.sha256(canonical({k: v for k, v in entry.items() if k != "source"})).hexdigest()
    return (int(entry["finished"] is not None), len(entry["choices"]), entry["updated"], digest)


def import_file(store: Store, path: str | os.PathLike[str]) -> Merged:
    """Merge one portable file into the store in one transaction; PortableError (nothing changed) when refused."""
    return merge(store, read_file(path))


def merge(store: Store, payload: Mapping[str, Any]) -> Merged:
    """Merge a checked payload: new sessions added, known ones kept or replaced by the version further along."""
    added = updated = known = 0
    with store._write() as conn:
        local = outbox.install_id(conn)
        players: dict[str, int] = {}
        for entry in payload["sessions"]:
            row = conn.execute("SELECT id FROM sessions WHERE uid = ?", (entry["uid"],)).fetchone()
            stored = _stored_entry(conn, int(row[0]), entry) if row is not None else None
            if stored is not None and (_rank(entry) <= _rank(stored) or not _same_player(stored, entry)):
                known += 1  # a version further along replaces it; never one that names another player
                continue
            conn.execute("INSERT OR IGNORE INTO contents (hash, text) VALUES (?, ?)",
                         (entry["content_hash"], payload["contents"][entry["content_hash"]]))
            player_id = _player_id(conn, players, entry["player"], store)
            origin = None if entry["uid"].split("/", 1)[0] == local else payload["install"]
            if row is None:
                _insert(conn, entry, player_id, origin)
                added += 1
            else:
                _replace(conn, int(row[0]), entry, player_id)
                updated += 1
    return Merged(added, updated, known)


_COLUMNS = ("background", "scenario_id", "source", "content_hash", "mode", "lang", "started", "updated",
            "finished", "abandoned", "ending", "resident", "rules", "quadrant")


def _values(entry: Mapping[str, Any]) -> tuple[object, ...]:
    return (entry["background"], entry["scenario"], entry["source"], entry["content_hash"], entry["mode"],
            entry["lang"], entry["started"], entry["updated"], entry["finished"], int(entry["abandoned"]),
            entry["ending"], entry["resident"], entry["rules"], entry["quadrant"])


def _insert(conn: sqlite3.Connection, entry: Mapping[str, Any], player_id: int, origin: str | None) -> None:
    marks = ", ".join("?" * len(_COLUMNS))
    cursor = conn.execute(f"INSERT INTO sessions (player_id, uid, origin, {', '.join(_COLUMNS)}, touched)"
                          f" VALUES (?, ?, ?, {marks}, {NEXT_TOUCH})",
                          (player_id, entry["uid"], origin, *_values(entry)))
    _choices(conn, int(cursor.lastrowid or 0), entry["choices"])


def _replace(conn: sqlite3.Connection, session_id: int, entry: Mapping[str, Any], player_id: int) -> None:
    assignments = ", ".join(f"{column} = ?" for column in _COLUMNS)
    conn.execute(f"UPDATE sessions SET player_id = ?, {assignments} WHERE id = ?",
                 (player_id, *_values(entry), session_id))
    conn.execute("DELETE FROM choices WHERE session_id = ?", (session_id,))
    _choices(conn, session_id, entry["choices"])


def _choices(conn: sqlite3.Connection, session_id: int, choices: Sequence[Sequence[str]]) -> None:
    conn.executemany("INSERT INTO choices (session_id, seq, choice_id, made) VALUES (?, ?, ?, ?)",
                     [(session_id, seq, choice, when) for seq, (choice, when) in enumerate(choices)])


def _player_id(conn: sqlite3.Connection, cache: dict[str, int], name: str, store: Store) -> int:
    """The id of the player with this pseudonym (case and Unicode form blind), created when new."""
    from game.store.database import name_key

    key = name_key(name)
    if key not in cache:
        match = next(((int(r[0]), str(r[1])) for r in conn.execute("SELECT id, name FROM players")
                      if name_key(str(r[1])) == key), None)
        found = match[0] if match else None
        if match is not None and name < match[1] and _only_imported(conn, match[0]):
            conn.execute("UPDATE players SET name = ? WHERE id = ?", (name, match[0]))  # one spelling, any order
        if found is None:
            found = int(conn.execute("INSERT INTO players (name, created) VALUES (?, ?)",
                                     (name, store._clock())).lastrowid or 0)
        cache[key] = found
    return cache[key]


def _same_player(stored: Mapping[str, Any], incoming: Mapping[str, Any]) -> bool:
    from game.store.database import name_key

    return name_key(str(stored["player"])) == name_key(str(incoming["player"]))


def _only_imported(conn: sqlite3.Connection, player_id: int) -> bool:
    """Whether every session of a player came from another laptop (so no one here chose the name's spelling)."""
    return conn.execute("SELECT COUNT(*) FROM sessions WHERE player_id = ? AND origin IS NULL",
                        (player_id,)).fetchone()[0] == 0


def _stored_entry(conn: sqlite3.Connection, session_id: int, incoming: Mapping[str, Any]) -> dict[str, Any]:
    """A stored session as an export entry (to rank it against an incoming version of it)."""
    row = conn.execute(f"SELECT p.name, {', '.join('s.' + c for c in _COLUMNS)} FROM sessions s"
                       " JOIN players p ON p.id = s.player_id WHERE s.id = ?", (session_id,)).fetchone()
    choices = [[str(c), str(m)] for c, m in conn.execute(
        "SELECT choice_id, made FROM choices WHERE session_id = ? ORDER BY seq", (session_id,))]
    values = dict(zip(_COLUMNS, row[1:], strict=True))
    return {"uid": incoming["uid"], "player": row[0], "background": values["background"],
            "scenario": values["scenario_id"], "source": values["source"], "content_hash": values["content_hash"],
            "mode": values["mode"], "lang": values["lang"], "started": values["started"],
            "updated": values["updated"], "finished": values["finished"], "abandoned": bool(values["abandoned"]),
            "ending": values["ending"], "resident": values["resident"], "rules": values["rules"],
            "quadrant": values["quadrant"], "choices": choices}
