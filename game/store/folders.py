"""Where player data lives (one rule for the store, the settings and the window), without importing SQLite."""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir() -> Path:
    """The platform's user data directory for Omgekeerd (ignores overrides)."""
    from game.content.kept import user_folder

    return user_folder("data")


def data_folder(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where player data lives: ``data_dir``, else $OMGEKEERD_DATA, else the user data dir."""
    if data_dir:
        return Path(data_dir).expanduser()
    configured = os.environ.get("OMGEKEERD_DATA")
    if configured:
        return Path(configured).expanduser()
    return default_data_dir()
