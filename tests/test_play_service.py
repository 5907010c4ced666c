"""The recorded-play service and atomic writes: one set of rules for the window and the terminal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.store.files import UnsafeTarget, write_atomic


# -- writing a file atomically ---------------------------------------------------------------

def test_an_atomic_write_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "verslag.html"
    target.write_text("oud", encoding="utf-8")
    write_atomic(target, "nieuw — één")
    assert target.read_text(encoding="utf-8") == "nieuw — één"
    assert os.listdir(tmp_path) == ["verslag.html"]


def test_a_symlink_target_is_refused_and_nothing_is_written_through_it(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders.txt"
    elsewhere.write_text("van iemand anders", encoding="utf-8")
    link = tmp_path / "verslag.html"
    link.symlink_to(elsewhere)
    with pytest.raises(UnsafeTarget) as refused:
        write_atomic(link, "<html>")
    assert "symbolische link" in refused.value.message("nl") and "symbolic link" in refused.value.message("en")
    assert elsewhere.read_text(encoding="utf-8") == "van iemand anders" and link.is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["elders.txt", "verslag.html"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_or_a_folder_target_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeTarget, match="FIFO"):
        write_atomic(fifo, "x")  # would block forever if it opened the pipe
    with pytest.raises(UnsafeTarget, match="folder"):
        write_atomic(tmp_path, "x")
    assert sorted(os.listdir(tmp_path)) == ["pijp"]


def test_a_write_that_fails_halfway_leaves_the_old_file_untouched(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "verslag.html"
    target.write_text("oud", encoding="utf-8")

    def broken_fsync(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "nieuw")
    assert target.read_text(encoding="utf-8") == "oud" and os.listdir(tmp_path) == ["verslag.html"]
