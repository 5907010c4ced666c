"""Hardening, safe writes: report --out and export --csv never write through a link, a FIFO or a fixed name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storekit import write_scenario

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links and FIFOs as POSIX has them")


@pytest.fixture
def played(tmp_path: Path, cli) -> Path:
    """A data folder with one finished session."""
    case = write_scenario(tmp_path / "cases")
    data = tmp_path / "data"
    assert cli("play", "--text", str(case), "--choices", "bellen,luisteren,maatwerk", "--data-dir", str(data))[0] == 0
    return data


def commands(target: Path, data: Path) -> list[tuple[str, ...]]:
    return [("report", "1", "--out", str(target), "--data-dir", str(data)),
            ("export", "--csv", str(target), "--data-dir", str(data))]


def test_a_planted_link_at_the_old_temporary_name_is_not_followed(tmp_path, played, cli):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    for command in commands(tmp_path / "out.file", played):
        planted = tmp_path / "out.file.tmp"
        planted.unlink(missing_ok=True)
        planted.symlink_to(victim)
        code, _, err = cli(*command)
        assert code == 0, err
        assert victim.read_text() == "keep me" and planted.is_symlink()
        assert (tmp_path / "out.file").is_file() and not (tmp_path / "out.file").is_symlink()


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_a_target_that_is_not_a_regular_file_is_refused_and_left_alone(tmp_path, played, cli, kind):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    target = tmp_path / "target"
    if kind == "symlink":
        target.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    for command in commands(target, played):
        code, _, err = cli(*command)
        assert code == 1 and ("niets" in err or "link" in err), err
        assert err.count("\n") == 1
    assert victim.read_text() == "keep me"
    assert {"symlink": target.is_symlink, "fifo": lambda: target.is_fifo(), "folder": target.is_dir}[kind]()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".target")) == []  # no temporary left


def test_an_existing_regular_file_is_replaced_whole_and_a_new_path_is_created(tmp_path, played, cli):
    existing = tmp_path / "bestaand.csv"
    existing.write_text("oud")
    assert cli("export", "--csv", str(existing), "--data-dir", str(played))[0] == 0
    assert existing.read_text(encoding="utf-8-sig").startswith('"')
    new = tmp_path / "nieuw.html"
    assert cli("report", "1", "--out", str(new), "--data-dir", str(played))[0] == 0
    assert new.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
