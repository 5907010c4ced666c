"""Player progress for the game window: a small adapter over ``game.store.Store``.

The screens talk only to ``Records``. When the store cannot be opened (a damaged database,
a read-only disk) the game still runs on ``MemoryRecords`` and says so on screen, so that a
workshop is never stopped by a storage problem. Pure Python: no pygame.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.model import Scenario


def problem_text(exc: BaseException, lang: str) -> str:
    """A store problem in one line in the player's language."""
    message = getattr(exc, "message", None)
    if callable(message):
        try:
            return str(message(lang))
        except Exception:  # noqa: BLE001
            pass
    return str(exc) or type(exc).__name__


@dataclass
class PlayerInfo:
    """A pseudonym and the player's background."""

    name: str
    background: str


@dataclass
class SavedPlay:
    """A playthrough kept in memory, with the fields of ``game.store.SavedSession``."""

    id: int
    player: str
    background: str | None
    scenario_id: str
    source: str
    content: str
    content_hash: str
    mode: str
    lang: str
    choices: list[str] = field(default_factory=list)
    finished: bool = False
    ending: str | None = None
    resident: int | None = None
    rules: int | None = None
    quadrant: str | None = None
    started: str = ""
    updated: str = ""
    finished_at: str | None = None
    abandoned: bool = False


class Records:
    """Progress in the SQLite store of ``game.store``."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def problem_in(self, lang: str) -> str | None:
        """Why progress is not being saved (None: it is)."""
        return None

    def players(self) -> list[PlayerInfo]:
        return [PlayerInfo(p.name, p.background or "nieuw") for p in self.store.players()]

    def ensure_player(self, name: str, background: str) -> PlayerInfo:
        player = self.store.ensure_player(name, background)
        return PlayerInfo(player.name, player.background or background)

    def start(self, player: str, scenario: Scenario, source: str, mode: str, lang: str) -> int:
        return int(self.store.start_session(player, scenario, source, mode, lang))

    def record_choice(self, sid: int, choice_id: str) -> None:
        self.store.record_choice(sid, choice_id)

    def undo_choice(self, sid: int) -> None:
        self.store.undo_choice(sid)

    def finish(self, sid: int, ending: str, resident: int, rules: int, quadrant: str) -> None:
        self.store.finish_session(sid, ending, resident, rules, quadrant)

    def abandon(self, sid: int) -> None:
        self.store.abandon_session(sid)

    def update_scenario(self, sid: int, scenario: Scenario, source: str) -> None:
        self.store.update_scenario(sid, scenario, source)

    def last_unfinished(self, player: str) -> Any:
        return self.store.last_unfinished(player)

    def sessions(self, player: str) -> list[Any]:
        return list(self.store.sessions(player))

    def get(self, sid: int) -> Any:
        return self.store.get(sid)

    def close(self) -> None:
        self.store.close()


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


class MemoryRecords:
    """Progress kept in memory only: the fallback when the store cannot be used."""

    def __init__(self, problem: BaseException | str | None = None) -> None:
        self.problem = problem
        self._players: dict[str, PlayerInfo] = {}
        self._saved: dict[int, SavedPlay] = {}
        self._order: list[int] = []

    def problem_in(self, lang: str) -> str | None:
        """Why progress is not being saved (None: it is)."""
        if self.problem is None:
            return None
        return problem_text(self.problem, lang) if isinstance(self.problem, BaseException) else self.problem

    def players(self) -> list[PlayerInfo]:
        return sorted(self._players.values(), key=lambda p: p.name.lower())

    def ensure_player(self, name: str, background: str) -> PlayerInfo:
        name = " ".join(str(name).split())
        if not name or len(name) > 40:
            raise ValueError("use a pseudonym of 1 to 40 characters")
        player = PlayerInfo(name, background)
        self._players[name] = player
        return player

    def start(self, player: str, scenario: Scenario, source: str, mode: str, lang: str) -> int:
        sid = len(self._saved) + 1
        known = self._players.get(player)
        self._saved[sid] = SavedPlay(sid, player, known.background if known else None, scenario.id, source,
                                     scenario.source_text, scenario.content_hash, mode, lang, started=_now(),
                                     updated=_now())
        self._touch(sid)
        return sid

    def _open(self, sid: int) -> SavedPlay:
        saved = self._saved.get(sid)
        if saved is None or saved.finished or saved.abandoned:
            raise ValueError(f"session {sid} is finished or set aside")
        return saved

    def _touch(self, sid: int) -> None:
        if sid in self._order:
            self._order.remove(sid)
        self._order.append(sid)
        self._saved[sid].updated = _now()

    def record_choice(self, sid: int, choice_id: str) -> None:
        self._open(sid).choices.append(choice_id)
        self._touch(sid)

    def undo_choice(self, sid: int) -> None:
        saved = self._open(sid)
        if saved.choices:
            saved.choices.pop()
        self._touch(sid)

    def finish(self, sid: int, ending: str, resident: int, rules: int, quadrant: str) -> None:
        saved = self._open(sid)
        saved.finished, saved.ending, saved.quadrant = True, ending, quadrant
        saved.resident, saved.rules = resident, rules
        saved.finished_at = _now()
        self._touch(sid)

    def abandon(self, sid: int) -> None:
        self._open(sid).abandoned = True
        self._touch(sid)

    def update_scenario(self, sid: int, scenario: Scenario, source: str) -> None:
        saved = self._open(sid)
        saved.content, saved.content_hash, saved.source = scenario.source_text, scenario.content_hash, source
        self._touch(sid)

    def last_unfinished(self, player: str) -> SavedPlay | None:
        for sid in reversed(self._order):
            saved = self._saved[sid]
            if saved.player == player and not saved.finished and not saved.abandoned:
                return saved
        return None

    def sessions(self, player: str) -> list[SavedPlay]:
        return [s for s in self._saved.values() if s.player == player]

    def get(self, sid: int) -> SavedPlay | None:
        return self._saved.get(sid)

    def close(self) -> None:
        pass


def open_records(folder: Path | None) -> Records | MemoryRecords:
    """The store in ``folder`` (None: the default data dir), or memory records with the problem."""
    try:
        from game.store.database import Store
        return Records(Store.open(folder))
    except Exception as exc:  # noqa: BLE001 - a damaged store must not stop the game
        return MemoryRecords(exc)
