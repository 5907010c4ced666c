"""Loading the scenario library off the event loop: a background thread, progress, and a cache of parsed files.

The thread does only engine and content work (reading, parsing and checking the files); it never
touches pygame. It publishes what it has so far in a lock-protected slot that the window's loop
polls once a frame (``LibraryLoad.poll``), so the window keeps drawing and answering keys while a
large library loads, and shows each case as soon as its file is checked. Whatever goes wrong in
the thread becomes a finding of the file (or of the library), never a crash of the window.

``ParsedFiles`` keeps each checked file by its path, mtime and size (and the lever catalogue's
files), so loading the library again (F5, a new visit) only reads the files that changed.
"""

from __future__ import annotations

import os
import threading
from game.engine.records import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the content and engine modules are imported by the thread, not before the first frame
    from game.content.library import Entry, Library
    from game.engine.findings import Finding
    from game.engine.model import Lever

FileKey = tuple[str, int, int]


@dataclass(frozen=True)
class Progress:
    """How far a load is: files checked of files found, and whether it is finished."""

    done: int
    total: int
    finished: bool = False


def _file_key(path: Path) -> FileKey:
    """A file as the cache knows it: its absolute path, mtime and size."""
    stat = path.stat()
    return (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)


def _catalogue_key(folder: Path) -> tuple[object, ...]:
    """Every lever catalogue a library file could use (beside it, the configured library, the shipped one)."""
    from game.bundled import library_folder
    from game.content.library import CATALOGUE_NAME, default_folder

    keys: list[object] = [os.getcwd()]
    for candidate in (folder / CATALOGUE_NAME, default_folder() / CATALOGUE_NAME, library_folder() / CATALOGUE_NAME):
        keys.append(_file_key(candidate) if candidate.is_file() else str(candidate))
    return tuple(keys)


class ParsedFiles:
    """Checked library files by path, mtime and size, with the catalogue they were checked against."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._catalogue: tuple[tuple[object, ...], tuple[dict[str, Lever], list[Finding]]] | None = None
        self._entries: dict[FileKey, Entry] = {}
        self.reads = 0  # files read from disk (not from the cache): what a test can count

    def catalogue(self, folder: Path) -> tuple[dict[str, Lever], list[Finding]]:
        """The library's lever catalogue; read again (and every file forgotten) when a catalogue file changed."""
        from game.content.library import catalogue_for

        key = _catalogue_key(folder)
        with self._lock:
            if self._catalogue is not None and self._catalogue[0] == key:
                return self._catalogue[1]
        loaded = catalogue_for(folder / "_")
        with self._lock:
            self._catalogue = (key, loaded)
            self._entries.clear()
        return loaded

    def entry(self, path: Path, catalogue: dict[str, Lever]) -> Entry:
        """One file checked, from the cache while it is unchanged; a fault while checking becomes its finding."""
        from game.content.library import Entry, display_path

        try:
            key = _file_key(path)
        except OSError as exc:
            return _faulty(display_path(path), exc, "reading this file")
        with self._lock:
            known = self._entries.get(key)
        if known is None:
            known = _checked(path, catalogue)
            self.reads += 1
            with self._lock:
                self._entries[key] = known
        return Entry(known.path, known.scenario, list(known.findings))  # the library's own findings list


def _checked(path: Path, catalogue: dict[str, Lever]) -> Entry:
    from game.content.library import check_file, display_path

    try:
        return check_file(path, catalogue)
    except Exception as exc:  # noqa: BLE001 - one file's fault never stops the library
        return _faulty(display_path(path), exc, "loading this scenario")


def _faulty(shown: str, exc: BaseException, doing: str) -> Entry:
    from game.content.library import Entry
    from game.engine.loader import unexpected

    return Entry(shown, None, [unexpected(shown, exc, doing)])


def load_now(folder: Path | None, parsed: ParsedFiles) -> Library:
    """The whole library, loaded in the calling thread (through the cache)."""
    load = LibraryLoad(folder, parsed)
    load.run()
    return load.library


class LibraryLoad:
    """One load of a library folder; ``start`` runs it in a daemon thread, ``poll`` reads how far it is."""

    def __init__(self, folder: Path | None, parsed: ParsedFiles) -> None:
        self.folder = folder
        self.parsed = parsed
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._cancelled = threading.Event()
        self._thread: threading.Thread | None = None
        self._library: Library | None = None
        self._progress = Progress(0, 0)
        self._version = 0  # raised each time there is more to show

    # -- the main thread's side -----------------------------------------------------------------
    def start(self) -> LibraryLoad:
        self._thread = threading.Thread(target=self.run, name="omgekeerd-library", daemon=True)
        self._thread.start()
        return self

    def poll(self) -> tuple[int, Library | None, Progress]:
        """What is there now: a version that grows with every change, the library so far, the progress."""
        with self._lock:
            return self._version, self._library, self._progress

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the load is finished; False when ``timeout`` passed first."""
        return self._done.wait(timeout)

    def cancel(self, timeout: float = 0.5) -> None:
        """Stop after the file in hand (the window is closing); waits at most ``timeout`` for the thread."""
        self._cancelled.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def library(self) -> Library:
        """The finished library (call after ``wait``)."""
        assert self._library is not None
        return self._library

    # -- the loading thread's side --------------------------------------------------------------
    def run(self) -> None:
        """Load every file, publishing the library after each one; never raises."""
        try:
            self._load()
        except Exception as exc:  # noqa: BLE001 - the folder itself could not be read: a finding, not a crash
            self._fail(exc)
        finally:
            with self._lock:
                self._progress = Progress(self._progress.done, self._progress.total, finished=True)
                self._version += 1
            self._done.set()

    def _load(self) -> None:
        from game.content.library import Library, default_folder, mark_duplicate_id, scenario_files

        folder = self.folder or default_folder()
        self._publish(Library(folder, {}, [], []), Progress(0, 0))
        catalogue, catalogue_findings = self.parsed.catalogue(folder)
        files = scenario_files(folder)
        entries: list[Entry] = []
        seen: dict[str, str] = {}
        self._publish(Library(folder, catalogue, catalogue_findings, []), Progress(0, len(files)))
        for done, path in enumerate(files, start=1):
            if self._cancelled.is_set():
                return
            entry = self.parsed.entry(path, catalogue)
            mark_duplicate_id(entry, seen)
            entries.append(entry)
            self._publish(Library(folder, catalogue, catalogue_findings, list(entries)), Progress(done, len(files)))

    def _fail(self, exc: Exception) -> None:
        """The folder could not be read or listed: the library shows that as a file that cannot be played."""
        from game.content.library import Library, default_folder, display_path

        folder = self.folder or default_folder()
        with self._lock:
            shown = self._library if self._library is not None else Library(folder, {}, [], [])
        failed = _faulty(display_path(folder), exc, "loading the library")
        self._publish(Library(shown.folder, shown.catalogue, shown.catalogue_findings, shown.entries + [failed]),
                      self._progress)

    def _publish(self, library: Library, progress: Progress) -> None:
        with self._lock:
            self._library, self._progress = library, progress
            self._version += 1


def progress_text(progress: Progress | None, lang: str) -> str | None:
    """'Bibliotheek laden… 7 van 16 casussen' while a load runs (None when nothing is loading)."""
    from game.i18n import t, tn

    if progress is None or progress.finished:
        return None
    if not progress.total:
        return t("ui.loading.library_start", lang)
    return tn("ui.loading.library", progress.total, lang, done=progress.done)
