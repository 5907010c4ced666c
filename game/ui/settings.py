"""Game settings (text size, contrast, fullscreen, language, projector mode, the workshop's address) as JSON.

The workshop's host and port are checked here (``check_address``) before they are saved; the
command line's ``--host``/``--port`` win over them (``workshop_address``). Pure Python: no pygame.
The data dir follows the store's rule: ``--data-dir`` first, then ``$OMGEKEERD_DATA``, then the
platform's user data directory.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
from dataclasses import asdict, fields
from game.engine.records import dataclass
from pathlib import Path
from typing import Any

SETTINGS_NAME = "settings.json"
TEXT_SIZES = (15, 17, 19, 22, 26)  # base text size in pixels at 720 px window height, per step
DEFAULT_TEXT_SIZE = 2
LANGUAGES = ("nl", "en")
DEFAULT_WORKSHOP_PORT = 8080
LOWEST_PORT, HIGHEST_PORT = 1024, 65535  # 0 as well: any free port
HOST_CHARS = 45  # the longest IPv6 address, with a scope


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder for player data: ``explicit``, else $OMGEKEERD_DATA, else the user data dir."""
    from game.store.folders import data_folder  # the store's rule; settings live beside the database

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
    workshop_host: str = ""  # empty: the laptop's address on the local network
    workshop_port: int = DEFAULT_WORKSHOP_PORT

    def clamped(self) -> Settings:
        """A copy with every value inside its allowed range."""
        return Settings(
            lang=self.lang if self.lang in LANGUAGES else "nl",
            text_size=max(0, min(len(TEXT_SIZES) - 1, int(self.text_size))),
            high_contrast=bool(self.high_contrast),
            fullscreen=bool(self.fullscreen),
            projector=bool(self.projector),
            last_player=str(self.last_player)[:60],
            workshop_host=self.workshop_host if host_problem(str(self.workshop_host)) is None else "",
            workshop_port=self.workshop_port if port_problem(str(self.workshop_port)) is None
            else DEFAULT_WORKSHOP_PORT,
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


def host_problem(text: str) -> str | None:
    """Why ``text`` cannot be the workshop's host (a catalogue key), or None: empty or one IP address.

    0.0.0.0 and :: are refused: the join address on the projector would have them in it, and
    no phone can reach that."""
    if not text:
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return "settings.workshop.bad_host"
    if address.is_unspecified:
        return "settings.workshop.any_host"
    return None if len(text) <= HOST_CHARS else "settings.workshop.bad_host"


def port_problem(text: str) -> str | None:
    """Why ``text`` cannot be the workshop's port (a catalogue key), or None: 0, or 1024 to 65535."""
    if not (text.isascii() and text.isdigit()) or len(text) > 5:
        return "settings.workshop.bad_port"
    port = int(text)
    return None if port == 0 or LOWEST_PORT <= port <= HIGHEST_PORT else "settings.workshop.bad_port"


def check_address(host: str, port: str) -> tuple[dict[str, str | int], list[tuple[str, str]]]:
    """The typed host and port as settings changes, or the problems (catalogue key, value) that refuse them."""
    host, port = host.strip(), port.strip()
    problems = [(key, value) for key, value in ((host_problem(host), host), (port_problem(port), port)) if key]
    if problems:
        return {}, problems
    return {"workshop_host": host, "workshop_port": int(port)}, []


def workshop_address(settings: Settings, host: str | None, port: int | None) -> tuple[str | None, int]:
    """Where the window's workshop listens: the command line's host and port when given, else the setting
    (a host of None means the laptop's address on the local network)."""
    chosen_host = host if host is not None else settings.workshop_host or None
    return chosen_host, port if port is not None else settings.workshop_port


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
