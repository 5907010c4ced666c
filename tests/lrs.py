"""A real learning record store for the tests: Ralph, started from its own venv on 127.0.0.1, stopped after.

Ralph's venv comes from ``$OMGEKEERD_TEST_RALPH`` (its ``bin`` folder) or ``.ci/ralph-venv/bin``
(``.ci/run`` installs it there). Without it the tests that need it are skipped with the reason,
except in CI (``CI=true``), where a missing Ralph is a failure. A test module makes its fixture with
``yield from serve(tmp_path_factory)`` (one Ralph per module). Ralph runs with its file
system backend in a temporary folder; ``statements()`` reads what it stored.

Ralph 5.1.0's file system backend writes each POST with the "create" operation, which refuses
a file that exists, so every POST after the first fails with 500. The launcher sets the
backend's default operation to "append" (what the backend documents for adding records);
validation, authentication, duplicate handling and the HTTP API are Ralph's own.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest

from game.xapi.config import LrsConfig

ROOT = Path(__file__).resolve().parent.parent
KEY, SECRET = "omgekeerd-tests", "Geheim-LRS-wachtwoord-7731"
START_TIMEOUT_S = 60.0

LAUNCHER = """
import sys
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
import uvicorn
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""

VALIDATOR = """
import json, sys
from ralph.models.xapi.base.statements import BaseXapiStatement
problems = []
for number, statement in enumerate(json.load(sys.stdin)):
    try:
        BaseXapiStatement(**statement)
    except Exception as exc:
        problems.append(f"{number} {statement.get('id')}: {exc}")
print(json.dumps(problems))
"""


def ralph_bin() -> Path | None:
    """Ralph's venv bin folder, when Ralph is installed there."""
    folder = Path(os.environ.get("OMGEKEERD_TEST_RALPH") or ROOT / ".ci" / "ralph-venv" / "bin")
    return folder if (folder / "ralph").is_file() and (folder / "python").exists() else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (right now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Ralph:
    """A running Ralph: where it listens, how to log in, and what it stored."""

    port: int
    folder: Path
    process: subprocess.Popen[bytes]
    bin: Path

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def config(self, secret: str = SECRET, key: str = KEY, endpoint: str | None = None) -> LrsConfig:
        return LrsConfig(endpoint=endpoint or self.endpoint, key=key, secret=secret,
                         home_page="https://www.gemeente-voorbeeld.nl")

    def statements(self) -> list[dict[str, Any]]:
        """Every statement Ralph stored, one per stored line (so a duplicate would show twice)."""
        path = self.folder / "data" / "fs_lrs.jsonl"
        if not path.is_file():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def validate(self, statements: list[dict[str, Any]]) -> list[str]:
        """Ralph's own xAPI model (``BaseXapiStatement``) on each statement: the problems found."""
        result = subprocess.run([str(self.bin / "python"), "-c", VALIDATOR], input=json.dumps(statements),
                                capture_output=True, text=True, timeout=120, check=True)
        return list(json.loads(result.stdout))


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=1) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start_ralph(folder: Path, bin_folder: Path) -> Ralph:
    """Make the credentials, start Ralph on a free port and wait until it answers."""
    env = dict(os.environ, RALPH_APP_DIR=str(folder), RALPH_RUNSERVER_BACKEND="fs",
               RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(folder / "data"))
    subprocess.run([str(bin_folder / "ralph"), "auth", "-u", KEY, "-p", SECRET, "-s", "all",
                    "-M", "mailto:lrs-tests@example.org", "-w"], env=env, check=True, capture_output=True,
                   timeout=120)
    port = free_port()
    log = open(folder / "ralph.log", "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen([str(bin_folder / "python"), "-c", LAUNCHER, str(port)], env=env, cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _ready(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("Ralph did not start: " + (folder / "ralph.log").read_text(errors="replace")[-2000:])
        time.sleep(0.1)
    return Ralph(port, folder, process, bin_folder)


def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    """A running Ralph for a module fixture, stopped after; skips (or, in CI, fails) when Ralph is not installed."""
    bin_folder = ralph_bin()
    if bin_folder is None:
        reason = ("Ralph (the LRS for the xAPI tests) is not installed: python3 -m venv .ci/ralph-venv && "
                  ".ci/ralph-venv/bin/pip install 'ralph-malph[cli,lrs]==5.1.0' requests "
                  "(or set OMGEKEERD_TEST_RALPH to its bin folder)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    server = start_ralph(tmp_path_factory.mktemp("ralph"), bin_folder)
    try:
        yield server
    finally:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
