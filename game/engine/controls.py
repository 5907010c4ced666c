"""Control and escape characters shown escaped, so that no file's text can drive a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the invisible marks that reorder or hide text (bidi, line separators).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character written as an escape (``\\x1b``); ``keep`` ones stay."""
    if not keep:
        return _CONTROL.sub(_shown, text)
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _shown(m), text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis and the number left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


def one_line(text: str, limit: int) -> str:
    """Text made safe for a single output line: controls escaped, then cut to ``limit``."""
    return shorten(escape_controls(text), limit)
