"""Sync without waiting: one ``sync`` in a thread of its own, for the window's setting (play never waits on it).

The thread opens its own connection to the store (SQLite connections stay in their thread),
sends what is queued, and keeps the ``SyncReport``; the window polls ``done`` between frames.
A store problem (or any other failure) ends the run with ``problem`` set instead of raising
into the window, so the window always learns that it ended and why.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from game.store.database import Store, StoreError
from game.xapi.config import LrsConfig, load
from game.xapi.groups import queue_groups
from game.xapi.recorder import Recorder
from game.xapi.sync import SyncReport, sync


class BackgroundSync:
    """One sync of the store in ``data_dir`` to the configured LRS, run in a daemon thread."""

    def __init__(self, data_dir: str | os.PathLike[str] | Path | None = None, config: LrsConfig | None = None) -> None:
        self.data_dir = data_dir
        self.config = config or load()
        self.report: SyncReport | None = None
        self.problem: str | None = None  # a store problem, in English (StoreError.message gives the Dutch)
        self.error: StoreError | None = None
        self._thread = threading.Thread(target=self._run, name="omgekeerd-sync", daemon=True)

    def start(self) -> BackgroundSync:
        """Start the sync; returns at once."""
        self._thread.start()
        return self

    @property
    def done(self) -> bool:
        """Whether the sync has finished (with a report or a store problem)."""
        return self._thread.ident is not None and not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the end (tests and shutdown); True when it ended."""
        self._thread.join(timeout)
        return self.done

    def _run(self) -> None:
        try:
            with Store.open(self.data_dir) as store:
                queue_groups(store, Recorder.from_config(self.config))
                self.report = sync(store, self.config)
        except StoreError as exc:
            self.error, self.problem = exc, str(exc)
        except Exception as exc:  # noqa: BLE001 - the window shows it; a thread that died silently would not
            self.problem = f"{type(exc).__name__}: {exc}"
