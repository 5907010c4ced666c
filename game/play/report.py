"""The report of a stored playthrough: replayed on the exact text it was played on, written atomically."""

from __future__ import annotations

import os

from game.content.library import Library
from game.engine.session import ReplayError, Session
from game.i18n import t
from game.play.resume import load_current, load_saved_copy
from game.render.conditions import refusal_text
from game.render.report import ReportInfo
from game.store.database import SavedSession
from game.store.files import write_atomic
from game.store.notes import CoachNotes
from scoring.debrief import build_debrief


def saved_report(saved: SavedSession, lang: str, library: Library | None = None,
                 notes: CoachNotes | None = None) -> tuple[str | None, str]:
    """The HTML report of a stored session: (html, "") or (None, why it cannot be made).

    A finished playthrough's report has the coach section (every choice and where it would
    have led) with the coach's ``notes``.
    """
    from game.render.report import render_report

    scenario, why = load_saved_copy(saved, library)
    if scenario is None:
        current, _ = load_current(saved, library)
        scenario = current if current is not None and current.content_hash == saved.content_hash else None
    if scenario is None:
        return None, t("report_unloadable", lang).format(id=saved.id, reason=why)
    try:
        session = Session.replay(scenario, list(saved.choices))
    except ReplayError as exc:
        misfit = t("refused.replay", lang, number=exc.index + 1, choice=exc.choice_id,
                   reason=refusal_text(exc.refused, scenario, lang))
        return None, t("report_unloadable", lang).format(id=saved.id, reason=misfit)
    debrief = build_debrief(session, None, saved.background)
    coach = None
    if session.finished and debrief.analysis is not None:  # the coach section: only a finished playthrough's
        from game.render.coaching import CoachSection
        from scoring.coach import build_coach_view

        view = build_coach_view(scenario, debrief.analysis, list(saved.choices))
        coach = CoachSection(view, notes or CoachNotes(), lang)
    return render_report(debrief, lang, info_of(saved), coach), ""


def info_of(saved: SavedSession) -> ReportInfo:
    """What the store knows about a session, for the report's header."""
    return ReportInfo(session_id=saved.id, player=saved.player, mode=saved.mode, started=saved.started,
                      finished_at=saved.finished_at, source=saved.source, content_hash=saved.content_hash)


def write_saved_report(saved: SavedSession, path: str | os.PathLike[str], lang: str,
                       library: Library | None = None, notes: CoachNotes | None = None) -> str | None:
    """Write a stored session's report atomically; the reason when it cannot be made (OSError when not written)."""
    html, problem = saved_report(saved, lang, library, notes)
    if html is None:
        return problem
    write_atomic(path, html)
    return None
