"""Writing a file atomically: all of it or nothing, never through a link, a FIFO or onto a folder.

``write_atomic`` (one text) and ``write_atomic_chunks`` (a stream of chunks) write into a fresh
temporary file created exclusively in the target's folder, flush it to disk (fsync), and move
it over the target with ``os.replace``. A failure at any point leaves an existing target
untouched and no temporary file behind. A target that exists but is not a regular file (a
symbolic link, a FIFO, a folder, a device) is refused with ``UnsafeTarget`` before anything
is written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from game.i18n import t

KINDS = ("symlink", "fifo", "folder", "special")
NEW_FILE_MODE = 0o666  # before the umask, as open() would create it


class UnsafeTarget(OSError):
    """The target exists and is not a regular file; ``message(lang)`` says so in one line."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        super().__init__(self.message("en"))
        self.strerror = self.message("en")
        self.filename = str(path)

    def message(self, lang: str = "nl") -> str:
        """The refusal in a language: what the target is and what to do."""
        return t(f"files.refused.{self.kind}", lang, path=str(self.path))

    def __str__(self) -> str:
        return self.message("en")


def target_kind(path: Path) -> str | None:
    """Why ``path`` must not be written (one of ``KINDS``), or None when it is absent or a regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special"


def check_target(path: str | os.PathLike[str]) -> Path:
    """The target as a Path; UnsafeTarget when it exists and is not a regular file."""
    target = Path(path)
    kind = target_kind(target)
    if kind is not None:
        raise UnsafeTarget(target, kind)
    return target


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one step; OSError when it cannot."""
    write_atomic_chunks(path, [data])


def write_atomic_chunks(path: str | os.PathLike[str], chunks: Iterable[str | bytes]) -> None:
    """Replace ``path`` with the chunks one after another (text as UTF-8), streamed, in one step.

    Nothing is kept in memory but the chunk being written; a failure while producing or writing
    them (an exception from the iterable too) leaves an existing target untouched.
    """
    target = check_target(path)
    mode = _mode_for(target)
    folder = target.parent
    import tempfile  # (with shutil, bz2 and lzma: only a command that writes a file loads it)

    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk.encode("utf-8") if isinstance(chunk, str) else bytes(chunk))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        check_target(target)  # refuse a link or FIFO that appeared while writing
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _mode_for(target: Path) -> int:
    """The permission bits the written file gets: the old file's, else what open() would give."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return NEW_FILE_MODE & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of the renamed file (POSIX); silently skipped where not supported."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
