"""Game settings (text size, contrast, fullscreen, language, projector mode) kept as JSON in the data dir.

Pure Python: no pygame. The data dir follows the store's rule: ``--data-dir`` first, then
``$OMGEKEERD_DATA``, then the platform's user data directory.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

SETTINGS_NAME = "settings.json"
TEXT_SIZES = (15, 17, 19, 22, 26)  # base text size in pixels at 720 px window height, per step
DEFAULT_TEXT_SIZE = 2
LANGUAGES = ("nl", "en")


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder for player data: ``explicit``, else $OMGEKEERD_DATA, else the user data dir."""
    from game.store.database import data_folder  # the store owns the rule; settings live beside the database

    return data_folder(explicit)


@dataclass
class Settings:
    """What the player chose in the settings screen; every field has a safe default."""

    lang: str = "nl"
    text_size: int = DEFAULT_TEXT_SIZE
    high_contrast: bool = False
    fullscreen: bool = False
    projector: bool = False
    last_player: str = ""

    def clamped(self) -> Settings:
        """A copy with every value inside its allowed range."""
        return Settings(
            lang=self.lang if self.lang in LANGUAGES else "nl",
            text_size=max(0, min(len(TEXT_SIZES) - 1, int(self.text_size))),
            high_contrast=bool(self.high_contrast),
            fullscreen=bool(self.fullscreen),
            projector=bool(self.projector),
            last_player=str(self.last_player)[:60],
        )

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        """Settings from parsed JSON; unknown keys and wrong types are ignored."""
        if not isinstance(data, dict):
            return cls()
        defaults = cls()
        values: dict[str, Any] = {}
        for item in fields(cls):
            value = data.get(item.name, getattr(defaults, item.name))
            if type(value) is not type(getattr(defaults, item.name)):
                value = getattr(defaults, item.name)
            values[item.name] = value
        return cls(**values).clamped()


class SettingsFile:
    """Loads and saves settings; a damaged file is set aside, never a crash."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / SETTINGS_NAME
        self.problem: str | None = None

    def load(self) -> Settings:
        """The saved settings, or defaults when there are none or the file is damaged."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            self.problem = f"{self.path}: {exc.strerror}"
            return Settings()
        try:
            return Settings.from_dict(json.loads(text))
        except (json.JSONDecodeError, UnicodeDecodeError, TypeError, ValueError) as exc:
            self.problem = f"{self.path}: damaged settings file set aside ({exc})"
            self._set_aside()
            return Settings()

    def _set_aside(self) -> None:
        with contextlib.suppress(OSError):
            self.path.replace(self.path.with_suffix(".json.damaged"))

    def save(self, settings: Settings) -> bool:
        """Write the settings atomically; False (with ``problem`` set) when the disk refuses."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".json.tmp")
            temporary.write_text(json.dumps(asdict(settings.clamped()), indent=2, ensure_ascii=False),
                                 encoding="utf-8")
            temporary.replace(self.path)
            return True
        except OSError as exc:
            self.problem = f"{self.path}: {exc.strerror}"
            return False
