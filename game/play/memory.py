"""A session store kept in memory, with the SQLite store's API and rules: for play that is not to be saved.

The game window falls back to it when the database cannot be opened (a workshop is never
stopped by a storage problem); tests use it to compare with the real store. It refuses what
``game.store.database.Store`` refuses, with the same ``StoreError``.
"""

from __future__ import annotations

from dataclasses import replace
from game.engine.records import dataclass, field
from collections.abc import Callable

from game.engine.model import BACKGROUNDS, Scenario
from game.store.database import MODES, Player, SavedSession, StoreError, check_name, utc_now


@dataclass
class _Record:
    """One playthrough as the memory store keeps it (mutable; handed out as a SavedSession)."""

    saved: SavedSession
    choices: list[tuple[str, str]] = field(default_factory=list)  # (choice id, when made)


class MemoryStore:
    """Players and playthroughs in memory only; every method behaves like the SQLite store's."""

    def __init__(self, clock: Callable[[], str] = utc_now) -> None:
        self._clock = clock
        self._players: dict[str, Player] = {}  # by name in lower case (names are case-blind)
        self._records: dict[int, _Record] = {}
        self._order: list[int] = []  # session ids, the one played last at the end

    # -- players -------------------------------------------------------------------------
    def players(self) -> list[Player]:
        """Every player, by name."""
        return sorted(self._players.values(), key=lambda p: p.name.lower())

    def player(self, name: str) -> Player | None:
        """The player with this pseudonym (case does not matter), or None."""
        return self._players.get(str(name).strip().lower())

    def ensure_player(self, name: str, background: str | None = None) -> Player:
        """The player with this pseudonym, created when new; a given background replaces the old one."""
        name = check_name(name)
        if background is not None and background not in BACKGROUNDS:
            raise StoreError("bad_background", background=background, known=", ".join(BACKGROUNDS))
        known = self._players.get(name.lower())
        player = Player(known.name if known else name,
                        background if background is not None else (known.background if known else None))
        self._players[name.lower()] = player
        return player

    # -- sessions ------------------------------------------------------------------------
    def start_session(self, player_name: str, scenario: Scenario, source: str,
                      mode: str = "training", lang: str = "nl") -> int:
        """Record a new playthrough (creating the player when new); returns its session id."""
        if mode not in MODES:
            raise StoreError("bad_mode", mode=mode)
        player = self.ensure_player(player_name)
        now = self._clock()
        session_id = max(self._records, default=0) + 1  # never reused, also after a delete
        self._records[session_id] = _Record(SavedSession(
            id=session_id, player=player.name, background=player.background, scenario_id=scenario.id,
            source=str(source), content=scenario.source_text, content_hash=scenario.content_hash, mode=mode,
            lang=lang, choices=[], finished=False, ending=None, resident=None, rules=None, quadrant=None,
            started=now, updated=now))
        self._touch(session_id, now)
        return session_id

    def record_choice(self, session_id: int, choice_id: str) -> None:
        """Append a choice to an unfinished session."""
        now = self._clock()
        self._open(session_id).choices.append((choice_id, now))
        self._touch(session_id, now)

    def undo_choice(self, session_id: int) -> None:
        """Drop the last choice of an unfinished session (nothing happens when it has none)."""
        record = self._open(session_id)
        if record.choices:
            record.choices.pop()
        self._touch(session_id, self._clock())

    def finish_session(self, session_id: int, ending_id: str, resident: int, rules: int, quadrant: str) -> None:
        """Mark a session finished with its ending, headline scores and quadrant."""
        record = self._open(session_id)
        now = self._clock()
        record.saved = replace(record.saved, finished=True, finished_at=now, ending=ending_id,
                               resident=int(resident), rules=int(rules), quadrant=quadrant)
        self._touch(session_id, now)

    def abandon_session(self, session_id: int) -> None:
        """Set an unfinished session aside (kept, but no longer offered to resume)."""
        record = self._open(session_id)
        record.saved = replace(record.saved, abandoned=True)
        self._touch(session_id, self._clock())

    def update_scenario(self, session_id: int, scenario: Scenario, source: str | None = None) -> None:
        """Move an unfinished session onto a changed version of its scenario."""
        record = self._open(session_id)
        record.saved = replace(record.saved, content=scenario.source_text, content_hash=scenario.content_hash,
                               source=record.saved.source if source is None else str(source))
        self._touch(session_id, self._clock())

    def delete_session(self, session_id: int) -> bool:
        """Delete one playthrough; True when there was one."""
        if session_id in self._order:
            self._order.remove(session_id)
        return self._records.pop(session_id, None) is not None

    # -- reading sessions ----------------------------------------------------------------
    def get(self, session_id: int) -> SavedSession | None:
        """The session with this id, or None."""
        record = self._records.get(session_id)
        return _snapshot(record) if record else None

    def sessions(self, player_name: str | None = None) -> list[SavedSession]:
        """Every session (of one player, when named), oldest first."""
        found = [_snapshot(r) for _, r in sorted(self._records.items())]
        if player_name is None:
            return found
        wanted = str(player_name).strip().lower()
        return [s for s in found if s.player.lower() == wanted]

    def last_unfinished(self, player_name: str | None = None) -> SavedSession | None:
        """The most recently played session that is neither finished nor set aside."""
        return self._last(player_name, unfinished=True)

    def last(self, player_name: str | None = None) -> SavedSession | None:
        """The most recently played session that was not set aside, finished or not."""
        return self._last(player_name, unfinished=False)

    def close(self) -> None:
        """Nothing to close; kept for the store's API."""

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- inside --------------------------------------------------------------------------
    def _open(self, session_id: int) -> _Record:
        record = self._records.get(session_id)
        if record is None:
            raise StoreError("no_session", id=session_id)
        if record.saved.finished or record.saved.abandoned:
            raise StoreError("session_closed", id=session_id)
        return record

    def _touch(self, session_id: int, now: str) -> None:
        if session_id in self._order:
            self._order.remove(session_id)
        self._order.append(session_id)
        record = self._records[session_id]
        record.saved = replace(record.saved, updated=now)

    def _last(self, player_name: str | None, unfinished: bool) -> SavedSession | None:
        wanted = None if player_name is None else str(player_name).strip().lower()
        for session_id in reversed(self._order):
            saved = self._records[session_id].saved
            if saved.abandoned or (unfinished and saved.finished):
                continue
            if wanted is None or saved.player.lower() == wanted:
                return _snapshot(self._records[session_id])
        return None


def _snapshot(record: _Record) -> SavedSession:
    """The record as the SQLite store would return it (choices and their times filled in)."""
    return replace(record.saved, choices=[c for c, _ in record.choices],
                   choice_times=tuple(when for _, when in record.choices))
