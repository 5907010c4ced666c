"""Shared fixtures: inline scenarios written to temporary files, and the CLI run in-process."""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path
from collections.abc import Callable

import pytest

from game import i18n
from game.engine.findings import Finding
from game.content.library import check_file, default_folder
from game.engine.loader import load_catalogue
from game.engine.model import Scenario

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "scenarios" / "examples"

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="omgekeerd-test-cache-")  # never the user's cache folder
os.environ["OMGEKEERD_STRICT_I18N"] = "1"  # an unknown interface string key fails loudly in tests
i18n.set_strict(True)  # (also for this process, which imported the catalogue already)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the real user data directory."""
    monkeypatch.setenv("OMGEKEERD_DATA", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write dedented YAML text (or bytes) to a file in a temporary folder; return its path."""

    def _write(content: str | bytes, name: str = "casus.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    return _write


def catalogue() -> dict:
    levers, findings = load_catalogue(str(default_folder() / "levers.yaml"))
    assert not [f for f in findings if f.is_error], findings
    return levers


@pytest.fixture
def check(write: Callable[..., Path]) -> Callable[..., tuple[Scenario | None, list[Finding]]]:
    """Load and validate inline YAML: (scenario, findings)."""

    def _check(content: str | bytes, name: str = "casus.yaml") -> tuple[Scenario | None, list[Finding]]:
        entry = check_file(write(content, name), catalogue())
        return entry.scenario, entry.findings

    return _check


@pytest.fixture
def scenario(check: Callable[..., tuple[Scenario | None, list[Finding]]]) -> Callable[[str], Scenario]:
    """Load inline YAML that must be free of errors."""

    def _scenario(content: str) -> Scenario:
        loaded, findings = check(content)
        errors = [str(f) for f in findings if f.is_error]
        assert loaded is not None and not errors, errors
        return loaded

    return _scenario


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the command line in-process: (exit code, stdout, stderr)."""
    from game.cli.main import main

    def _cli(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return _cli
