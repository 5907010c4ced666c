"""Player progress for the game window: the session store (or memory) and the window's view of players.

Playing (start, choose, undo, finish, resume, set aside) goes through ``game.play.service``
with ``Records.store``; the screens read players and saved playthroughs here. When the store
cannot be opened (a damaged database, a read-only disk) the game still runs on a
``MemoryStore`` and says so on screen, so that a workshop is never stopped by a storage
problem. Pure Python: no pygame.
"""

from __future__ import annotations

from game.engine.records import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store is imported when it is opened (after the window's first frame), not with this module
    from game.play.memory import MemoryStore
    from game.store.database import Player, SavedSession, Store


def problem_text(exc: BaseException, lang: str) -> str:
    """A store problem in one line in the player's language."""
    message = getattr(exc, "message", None)
    if callable(message):
        try:
            return str(message(lang))
        except Exception:
            pass
    return str(exc) or type(exc).__name__


@dataclass
class PlayerInfo:
    """A pseudonym and the player's background."""

    name: str
    background: str


class Records:
    """Progress in a session store: the SQLite ``Store``, or a ``MemoryStore`` with the problem that caused it."""

    def __init__(self, store: Store | MemoryStore, problem: BaseException | str | None = None) -> None:
        self.store: Store | MemoryStore = store
        self.problem = problem

    def problem_in(self, lang: str) -> str | None:
        """Why progress is not being saved (None: it is)."""
        if self.problem is None:
            return None
        return problem_text(self.problem, lang) if isinstance(self.problem, BaseException) else self.problem

    def players(self) -> list[PlayerInfo]:
        return [_info(p, "nieuw") for p in self.store.players()]

    def ensure_player(self, name: str, background: str) -> PlayerInfo:
        return _info(self.store.ensure_player(name, background), background)

    def last_unfinished(self, player: str) -> SavedSession | None:
        return self.store.last_unfinished(player)

    def sessions(self, player: str) -> list[SavedSession]:
        return list(self.store.sessions(player))

    def get(self, sid: int) -> SavedSession | None:
        return self.store.get(sid)

    def close(self) -> None:
        self.store.close()


class MemoryRecords(Records):
    """Progress kept in memory only: the fallback when the store cannot be used."""

    def __init__(self, problem: BaseException | str | None = None) -> None:
        from game.play.memory import MemoryStore

        super().__init__(MemoryStore(), problem)


def _info(player: Player, background: str) -> PlayerInfo:
    return PlayerInfo(player.name, player.background or background)


def open_records(folder: Path | None) -> Records:
    """The store in ``folder`` (None: the default data dir), or memory records with the problem."""
    try:
        from game.xapi.recorder import open_recording_store  # every play event queues its xAPI statements

        return Records(open_recording_store(folder))
    except Exception as exc:
        return MemoryRecords(exc)
