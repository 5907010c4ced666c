"""Findings: what the loader and the validator tell a scenario author, with path and line."""

from __future__ import annotations

from game.engine.records import dataclass, field
from collections.abc import Iterable

from game.engine.controls import one_line

ERROR = "error"
WARNING = "warning"
MAX_MESSAGE_CHARS = 300  # a finding is one line: longer messages and hints are cut
MAX_HINT_CHARS = 240  # the allowed top-level keys (with standard_route_fits) fit in one hint


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in a scenario file: where it is, what is wrong and what to write instead."""

    path: str
    line: int
    severity: str
    message: str
    hint: str = ""
    knock_on: bool = field(default=False, compare=False)  # follows from another finding; shown after

    def __str__(self) -> str:
        """``path:line: severity: message; hint`` on one line, controls escaped, long parts cut."""
        path = one_line(self.path, MAX_HINT_CHARS)
        where = f"{path}:{self.line}" if self.line > 0 else path
        text = f"{where}: {self.severity}: {one_line(self.message, MAX_MESSAGE_CHARS)}"
        return f"{text}; {one_line(self.hint, MAX_HINT_CHARS)}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


DUTCH_WORDS = {  # Dutch words a trainer types for an English id of the format (data, not identifiers)
    "vertrouwen": "trust", "regie": "ownership", "zelfredzaamheid": "self_reliance", "bestaanszekerheid": "security",
    "rechtmatigheid": "legality", "onderbouwing": "justification", "doelmatigheid": "efficiency",
    "efficientie": "efficiency", "efficiëntie": "efficiency", "regel": "rule", "regels": "rule",
    "teamleider": "manager", "leidinggevende": "manager", "collega": "colleague", "bewoner": "resident",
    "verteller": "narrator", "aanbieder": "provider", "brief": "letter", "uitleg": "explain", "titel": "title",
    "tekst": "text", "keuzes": "choices", "effecten": "effects", "gevolgen": "effects", "terugkoppeling": "feedback",
    "voorwaarde": "requires", "eisen": "requires", "hefbomen": "levers", "denkfouten": "thinking",
    "afloop": "endings", "afloppen": "endings", "situaties": "situations", "bron": "source",
    "incident": "incident", "deskundigheid": "expertise", "criteria": "criteria",
}


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ' (did you mean "x"?)'-style text for the closest candidate (a Dutch word: its English id), or ''."""
    options = sorted({c for c in candidates if isinstance(c, str)})
    translated = DUTCH_WORDS.get(str(word).strip().lower())
    if translated in options:
        return f'did you mean "{translated}"?'
    import difflib  # only when a name is unknown: a suggestion

    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else ""


def hint_with(suggestion: str, fallback: str) -> str:
    """Prefer a did-you-mean suggestion; otherwise the general advice."""
    return f"{suggestion} {fallback}".strip() if suggestion else fallback


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings without duplicates, causes first: by line, knock-on findings after the rest."""
    return sorted(set(findings), key=lambda f: (f.knock_on, f.path, f.line, f.severity, f.message))


def count(findings: Iterable[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for finding in findings:
        if finding.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings
