"""Terminal output that no scenario text can drive: control and escape characters shown escaped.

A scenario may hold ``"\\e]0;title\\a\\e[2J"`` (YAML escapes are allowed in double quotes):
printed raw, it would set the terminal's title and clear the screen. Every command's
standard output and error go through ``SafeStream`` (installed once, in ``game.cli.main``),
so each escape character reaches the terminal as the visible text ``\\x1b``; line breaks and
tabs stay as they are.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any, TextIO
from collections.abc import Iterable, Iterator

from game.engine.controls import escape_controls

_KEPT = "\n\t"


def terminal_safe(text: str) -> str:
    """``text`` with every control character but line breaks and tabs written as an escape."""
    return escape_controls(text, keep=_KEPT)


class SafeStream:
    """A text stream wrapper that writes ``terminal_safe`` text; everything else is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def safe_terminal() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through ``SafeStream`` while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
