"""Free words of the content in the window's language: audiences, topics, verdicts, moments and findings.

A scenario lists its audience and tags as free words (``inkomen``, ``participatiewet``). The
known words have an entry in the catalogue (``audience.<word>``, ``tag.<word>``); a word
without one is shown as the author wrote it. Findings of the checker are English author
messages; only their severity word is translated (the message itself names YAML keys and
ids, and stays as the checker gives it). Pure Python: no pygame.
"""

from __future__ import annotations

import datetime as _dt

from game.engine.findings import Finding
from game.i18n import has, t

from game.engine.controls import one_line

MAX_FINDING = 300


def audience_name(word: str, lang: str) -> str:
    """An audience word (``inkomen``) in ``lang``, or as written when the catalogue does not know it."""
    key = f"audience.{word}"
    return t(key, lang) if has(key) else word


def tag_name(word: str, lang: str) -> str:
    """A topic word (``participatiewet``) in ``lang``, or as written when the catalogue does not know it."""
    key = f"tag.{word}"
    return t(key, lang) if has(key) else word


def verdict_name(verdict: str | None, lang: str) -> str:
    """A playthrough's verdict (a quadrant id or an ending's outcome) as the player reads it."""
    if not verdict:
        return ""
    key = f"quadrant.{verdict}.label"
    return t(key, lang) if has(key) else verdict


def moment(stamp: str, lang: str) -> str:
    """An ISO timestamp as a local date and time (``4-12-2026 21:32``; English ``4 Dec 2026 21:32``)."""
    try:
        when = _dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return str(stamp)
    if when.tzinfo is not None:
        when = when.astimezone()
    if lang == "en":
        return f"{when.day} {when.strftime('%b')} {when.year} {when:%H:%M}"
    return f"{when.day}-{when.month}-{when.year} {when:%H:%M}"


def finding_text(finding: Finding, lang: str) -> str:
    """``path:line: fout: message; hint`` with the severity in ``lang`` (the message as the checker gives it)."""
    key = f"coach_ui.severity.{finding.severity}"
    severity = t(key, lang) if has(key) else finding.severity
    where = f"{finding.path}:{finding.line}" if finding.line > 0 else finding.path
    text = f"{where}: {severity}: {finding.message}"
    return one_line(f"{text}; {finding.hint}" if finding.hint else text, MAX_FINDING)


def citation(source: str, lang: str) -> str:
    """A legal citation as written (the names of Dutch laws and articles), labelled in ``lang``."""
    return t("coach_ui.citation", lang, source=source)
