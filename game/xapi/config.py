"""Where the LRS is and how to log in: a JSON file in the user's config folder, overridden by the environment.

``lrs.json`` in ``platformdirs.user_config_dir("omgekeerd")`` may hold ``endpoint``, ``key``,
``secret``, ``home_page`` and ``account_salt``; the variables ``OMGEKEERD_LRS_ENDPOINT``,
``OMGEKEERD_LRS_KEY``, ``OMGEKEERD_LRS_SECRET`` and ``OMGEKEERD_LRS_HOMEPAGE`` override them.
The secret lives only here: it is never written to the store, an export or a report, and it
is left out of ``repr``. A broken file never raises: ``problems`` says what is wrong.
"""

from __future__ import annotations

import json
import os
from game.engine.records import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from urllib.parse import urlsplit

from game.xapi.profile import IRI_BASE

FILE_NAME = "lrs.json"
DEFAULT_HOME_PAGE = f"{IRI_BASE}/players"  # used when the organisation configured none
ENVIRONMENT = {"endpoint": "OMGEKEERD_LRS_ENDPOINT", "key": "OMGEKEERD_LRS_KEY",
               "secret": "OMGEKEERD_LRS_SECRET", "home_page": "OMGEKEERD_LRS_HOMEPAGE"}
FIELDS = ("endpoint", "key", "secret", "home_page", "account_salt")


@dataclass(frozen=True)
class LrsConfig:
    """The LRS settings in effect; ``problems`` lists what could not be used (file and field named)."""

    endpoint: str | None = None
    key: str | None = None
    secret: str | None = field(default=None, repr=False)
    home_page: str = DEFAULT_HOME_PAGE
    account_salt: str | None = field(default=None, repr=False)
    path: Path | None = None
    problems: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        """Whether there is enough to send: an endpoint, a key and a secret."""
        return bool(self.endpoint and self.key and self.secret)

    @property
    def statements_url(self) -> str:
        """The LRS's statements resource (``{endpoint}/statements``; an endpoint that already ends so is kept)."""
        base = (self.endpoint or "").rstrip("/")
        return base if base.endswith("/statements") else base + "/statements"


def config_dir() -> Path:
    """The user's config folder for Omgekeerd."""
    from game.content.kept import user_folder

    return user_folder("config")


def config_path() -> Path:
    """The LRS config file."""
    return config_dir() / FILE_NAME


def is_web_address(value: str) -> bool:
    """An http(s) address with a host."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def load(environ: Mapping[str, str] | None = None, path: Path | None = None) -> LrsConfig:
    """The settings from the file (when there) with the environment on top; never raises."""
    env = os.environ if environ is None else environ
    target = path or config_path()
    values, problems = _read_file(target)
    for name, variable in ENVIRONMENT.items():
        if env.get(variable):
            values[name] = env[variable].strip()
    for name in ("endpoint", "home_page"):
        if values.get(name) and not is_web_address(values[name]):
            problems.append(f"{name}: {values[name]!r} is not an http(s) address")
            values.pop(name)
    return LrsConfig(endpoint=values.get("endpoint"), key=values.get("key"), secret=values.get("secret"),
                     home_page=values.get("home_page") or DEFAULT_HOME_PAGE,
                     account_salt=values.get("account_salt"), path=target, problems=tuple(problems))


def _read_file(path: Path) -> tuple[dict[str, str], list[str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: cannot be read ({exc})"]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, [f"{path}:{exc.lineno}: not valid JSON ({exc.msg})"]
    if not isinstance(data, dict):
        return {}, [f"{path}: expected an object with {', '.join(FIELDS)}"]
    values = {k: v.strip() for k, v in data.items() if k in FIELDS and isinstance(v, str) and v.strip()}
    problems = [f"{path}: unknown field {k!r} (known: {', '.join(FIELDS)})" for k in data if k not in FIELDS]
    problems += [f"{path}: {k!r} must be text" for k, v in data.items() if k in FIELDS and not isinstance(v, str)]
    return values, problems
