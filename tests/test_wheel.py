"""A built wheel works outside the checkout: the library, the levers and the fonts ship as package data.

The wheel is built from this checkout and installed (without its dependencies) into a fresh
venv in a temporary folder; the dependencies come from the test venv through a ``.pth`` line,
so nothing is downloaded and the checkout itself is not importable there. The commands then
run from that folder, as a user's ``pip install .`` would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(venv bin folder, a working folder outside the checkout, environment) with the wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                  str(work / "dist"), str(ROOT)], cwd=work)
    assert built.returncode == 0, built.stdout + built.stderr
    wheels = list((work / "dist").glob("omgekeerd-*.whl"))
    assert len(wheels) == 1
    target = work / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    bin_dir = target / ("Scripts" if os.name == "nt" else "bin")
    site = Path(sysconfig.get_path("purelib", vars={"base": str(target), "platbase": str(target)}))
    # dependencies (pygame-ce, PyYAML, transitions, ...) from the test venv, never the checkout
    (site / "test-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    installed = _run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", "--no-deps",
                      "-q", str(wheels[0])], cwd=work)
    if installed.returncode != 0:  # pip before 22.3 has no --python: install with the venv's own pip
        installed = _run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                          str(wheels[0])], cwd=work)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "OMGEKEERD_SCENARIOS")}
    env.update({"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "OMGEKEERD_DATA": str(work / "data"),
                "PYTHONNOUSERSITE": "1"})
    return bin_dir, work, env


def test_the_installed_game_is_not_the_checkout(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, work, env = installed
    result = _run([str(bin_dir / "python"), "-c", "import game, game.bundled as b; print(game.__file__); "
                   "print(b.library_folder()); print(b.font_folder())"], cwd=work, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(str(ROOT) not in line for line in lines), lines
    assert all(str(work) in line for line in lines), lines


def test_list_and_a_scripted_play_work_from_the_wheel(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, work, env = installed
    listed = _run([str(bin_dir / "omgekeerd"), "list"], cwd=work, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "traplift" in listed.stdout and "zoon-wordt-27" in listed.stdout
    route = json.loads(_run([sys.executable, "main.py", "analyze", "traplift", "--json"], cwd=ROOT,
                            env=env).stdout)["expert_route"]
    played = _run([str(bin_dir / "omgekeerd"), "play", "--text", "traplift", "--choices", ",".join(route), "--json"],
                  cwd=work, env=env)
    assert played.returncode == 0, played.stdout + played.stderr
    result = json.loads(played.stdout)
    assert result["finished"] is True
    assert result["ending"]


def test_screenshots_render_with_the_shipped_fonts(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, work, env = installed
    shots = work / "shots"
    result = _run([str(bin_dir / "omgekeerd"), "screenshots", str(shots)], cwd=work, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) >= 10
    assert all(p.stat().st_size > 5_000 for p in pngs)


def test_a_report_renders_from_the_shipped_templates(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, work, env = installed
    played = _run([str(bin_dir / "omgekeerd"), "play", "--text", "traplift", "--choices", "keukentafel_plannen"],
                  cwd=work, env=env)
    assert played.returncode == 0, played.stdout + played.stderr
    target = work / "verslag.html"
    written = _run([str(bin_dir / "omgekeerd"), "report", "--last", "--out", str(target)], cwd=work, env=env)
    assert written.returncode == 0, written.stdout + written.stderr
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "De traplift" in html
    assert "@media print" in html and "<svg" in html  # the style sheet and the chart templates came along
