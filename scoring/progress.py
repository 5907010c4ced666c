"""Progress of one player across weeks: cases played, each attempt's verdict and scores, recurring patterns. Pure.

An attempt is one stored playthrough as the progress page counts it. Thinking errors
*recur* when they showed in two or more different cases; a lever is *never used* when some
attempt faced a decision offering it and no attempt ever used it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from game.engine.records import dataclass

from game.engine.model import THINKING_ERRORS, Text

RECURS = 2  # cases in which a thinking error must show to count as recurring


@dataclass(frozen=True)
class Attempt:
    """One playthrough of the player."""

    session_id: int
    case: str
    title: Text
    when: str  # ISO 8601: when it finished, else when it was last played
    finished: bool
    resident: int | None
    rules: int | None
    verdict: str | None  # None while unfinished
    thinking: tuple[str, ...]  # ids shown, once each
    levers_used: tuple[str, ...]
    levers_offered: tuple[str, ...]  # levers of every choice at the decisions it faced


@dataclass(frozen=True)
class CaseRow:
    case: str
    title: Text
    attempts: tuple[Attempt, ...]  # oldest first

    @property
    def last(self) -> Attempt:
        return self.attempts[-1]


@dataclass(frozen=True)
class Pattern:
    """A thinking error over the player's attempts."""

    id: str
    cases: tuple[str, ...]
    attempts: int

    @property
    def recurs(self) -> bool:
        return len(self.cases) >= RECURS


@dataclass(frozen=True)
class Week:
    label: str  # ISO week, e.g. 2026-W49
    attempts: int
    finished: int


@dataclass(frozen=True)
class Progress:
    player: str
    attempts: tuple[Attempt, ...]  # oldest first
    cases: tuple[CaseRow, ...]  # in the order first played
    weeks: tuple[Week, ...]
    thinking: tuple[Pattern, ...]  # every error that showed, in the catalogue's order
    never_used: tuple[str, ...]
    lever_titles: dict[str, Text]

    @property
    def recurring(self) -> tuple[Pattern, ...]:
        return tuple(p for p in self.thinking if p.recurs)


def iso_week(stamp: str) -> str:
    """The ISO week of a timestamp (``2026-W49``); the date part only is read."""
    try:
        day = _dt.date.fromisoformat(stamp[:10])
    except ValueError:
        return "?"
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def build_progress(player: str, attempts: Sequence[Attempt], lever_titles: Mapping[str, Text]) -> Progress:
    """The progress of a player from their attempts (in any order)."""
    ordered = tuple(sorted(attempts, key=lambda a: (a.when, a.session_id)))
    cases: dict[str, list[Attempt]] = {}
    for attempt in ordered:
        cases.setdefault(attempt.case, []).append(attempt)
    weeks: dict[str, list[Attempt]] = {}
    for attempt in ordered:
        weeks.setdefault(iso_week(attempt.when), []).append(attempt)
    patterns = []
    for error in THINKING_ERRORS:
        showing = [a for a in ordered if error in a.thinking]
        if showing:
            patterns.append(Pattern(error, tuple(dict.fromkeys(a.case for a in showing)), len(showing)))
    used = {lever for a in ordered for lever in a.levers_used}
    offered = dict.fromkeys(lever for a in ordered for lever in a.levers_offered)
    never = tuple(sorted(lever for lever in offered if lever not in used))
    return Progress(player, ordered,
                    tuple(CaseRow(case, rows[-1].title, tuple(rows)) for case, rows in cases.items()),
                    tuple(Week(label, len(rows), sum(a.finished for a in rows))
                          for label, rows in sorted(weeks.items())),
                    tuple(patterns), never, {k: v for k, v in lever_titles.items() if k in offered})
