"""Findings: what the loader and the validator tell a scenario author, with path and line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in a scenario file: where it is, what is wrong and what to write instead."""

    path: str
    line: int
    severity: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line > 0 else self.path
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ' (did you mean "x"?)'-style text for the closest candidate, or ''."""
    options = sorted({c for c in candidates if isinstance(c, str)})
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else ""


def hint_with(suggestion: str, fallback: str) -> str:
    """Prefer a did-you-mean suggestion; otherwise the general advice."""
    return f"{suggestion} {fallback}".strip() if suggestion else fallback


def count(findings: Iterable[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for finding in findings:
        if finding.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings
