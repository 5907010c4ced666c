"""What every command shares without loading any of them: the exit codes, the session store it opens, and how
the user ran the program (so that hints name that command: ``python main.py …`` or ``omgekeerd …``)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from game.store.database import Store

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def open_store(args: argparse.Namespace) -> Store:
    """The store of ``--data-dir`` (else $OMGEKEERD_DATA, else the user data dir), queueing xAPI statements."""
    from game.xapi.recorder import open_recording_store

    return open_recording_store(getattr(args, "data_dir", None))


def command_prefix() -> str:
    """``python main.py`` (as typed) when started from main.py, ``omgekeerd`` from the installed command.

    Started any other way (``python -m``, a test) the hint keeps the documented ``python main.py``.
    """
    started = sys.argv[0] if sys.argv else ""
    name = os.path.basename(started)
    if name == "main.py":
        return f"python {started}"
    return "omgekeerd" if name in ("omgekeerd", "omgekeerd.exe") else "python main.py"


def as_run(text: str) -> str:
    """A hint with ``python main.py`` replaced by the command the user actually ran."""
    return text.replace("python main.py", command_prefix())
