"""How the user ran the program, so that hints name that command (``python main.py …`` or ``omgekeerd …``)."""

from __future__ import annotations

import os
import sys


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
