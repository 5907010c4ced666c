"""Files kept between runs in the user cache folder: the listing, the compiled report templates, the analyses.

Nothing here is player data: each file is derived from scenario files or shipped code and can
be thrown away at any time (the next run makes it again). Every read that fails (no folder, a
damaged, foreign or half-written file) is a miss; every write goes to a temporary file first
and replaces the old one at once, so a reader never sees half a file; a write that fails is
skipped.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
from pathlib import Path

ANALYSES_KEPT = 200  # analysis records kept (one per scenario text): the oldest beyond go first
MAX_RECORD_BYTES = 64 * 1024 * 1024  # a record file larger than this is not read (it is not one of ours)


# On Linux the XDG base directory rule, as platformdirs applies it: the variable when it holds an absolute
# path, else the default under the home folder (a relative $HOME counts as unset).
_XDG = {"cache": ("XDG_CACHE_HOME", ".cache"), "data": ("XDG_DATA_HOME", ".local/share"),
        "config": ("XDG_CONFIG_HOME", ".config")}


def user_folder(kind: str) -> Path:
    """The user's ``cache``, ``data`` or ``config`` folder for Omgekeerd, as ``platformdirs`` gives it.

    On Linux the rule is applied here: platformdirs' import (with tempfile, shutil, random, bz2
    and lzma) costs 4-5 ms of every command; tests/test_kept_folders.py compares the two.
    """
    system: str = sys.platform  # (a plain value: mypy would check one platform's branch only)
    if system.startswith("linux"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):
            home = os.environ.get("HOME", "")
            if not os.path.isabs(home):
                import pwd

                home = pwd.getpwuid(os.getuid()).pw_dir
            base = os.path.join(home, default)
        return Path(base) / "omgekeerd"
    import platformdirs

    where = {"cache": platformdirs.user_cache_dir, "data": platformdirs.user_data_dir,
             "config": platformdirs.user_config_dir}[kind]
    return Path(where("omgekeerd", appauthor=False))


@functools.cache
def code_fingerprint(*folders: Path) -> str:
    """A checksum of the Python modules in ``folders`` (each one's path, size and modification time, as Python
    checks its own compiled files, and the Python version): a kept result holds for this code only."""
    import hashlib  # (this module loads with every command and the window's first frame: what it needs, when)

    digest = hashlib.sha256(sys.version.encode("utf-8"))
    for folder in folders:
        for path in sorted(folder.glob("*.py")):
            found = path.stat()
            digest.update(f"{path}\0{found.st_size}\0{found.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32]


def cache_folder() -> Path:
    """The user cache folder of Omgekeerd ($XDG_CACHE_HOME/omgekeerd or ~/.cache/omgekeerd on Linux)."""
    return user_folder("cache")


def read_bytes(path: Path, limit: int = MAX_RECORD_BYTES) -> bytes | None:
    """The bytes of ``path`` when it is a regular file of at most ``limit`` bytes, else None (a FIFO, a device,
    a link to one, a folder: never waited on or read)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode) or found.st_size > limit:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def read_json(path: Path) -> object:
    """The JSON value in ``path``, or None when it cannot be read (see ``read_bytes``)."""
    data = read_bytes(path)
    if data is None:
        return None
    try:
        import json

        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def write_json(path: Path, value: object) -> bool:
    """Write ``value`` as JSON to ``path`` at once (temporary file, then replace); False when it failed."""
    import json

    partial = path.with_name(f"{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")  # one per writer and thread
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, path)
        return True
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return False


class JsonRecords:
    """Records by name as ``<folder>/<name>.json``, at most ``limit`` of them (a ``scoring.keeping.Keeper``)."""

    def __init__(self, folder: Path, limit: int = ANALYSES_KEPT) -> None:
        self.folder = folder
        self.limit = limit

    def _file(self, name: str) -> Path | None:
        if not name or not all(c.isalnum() or c in "-_." for c in name) or name.startswith("."):
            return None
        return self.folder / f"{name}.json"

    def get(self, name: str) -> object:
        path = self._file(name)
        return None if path is None else read_json(path)

    def put(self, name: str, record: dict[str, object]) -> None:
        path = self._file(name)
        if path is not None and write_json(path, record):
            self._prune()

    def _prune(self) -> None:
        """Remove the least recently written records beyond the limit."""
        try:
            files = [(p.stat().st_mtime_ns, p) for p in self.folder.glob("*.json")]
        except OSError:
            return
        if len(files) <= self.limit:
            return
        files.sort()
        for _when, path in files[:len(files) - self.limit]:
            with contextlib.suppress(OSError):
                path.unlink()


def records_in(kind: str, limit: int = ANALYSES_KEPT) -> JsonRecords | None:
    """The kept records of one kind (``analyses``, ``catalogues``) in the user cache folder; None without one
    (then each run reads and works out everything again, as before)."""
    try:
        return JsonRecords(cache_folder() / kind, limit)
    except Exception:  # noqa: BLE001 - no cache folder on this platform
        return None


def catalogue_records() -> JsonRecords | None:
    """The kept lever catalogues (``game.content.library.catalogue_for``)."""
    return records_in("catalogues", limit=50)


def analysis_records() -> JsonRecords | None:
    """The keeper of analyses (``scoring.keeping``)."""
    return records_in("analyses")
