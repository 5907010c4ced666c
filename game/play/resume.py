"""Resuming a saved session: load its scenario, replay its choices, say clearly what no longer fits.

The scenario comes from where the session says it came from (a library id or a file path);
when that is gone or broken, from the copy of the text saved with the session. When the
scenario changed since (its content hash differs), the saved choices are replayed on the new
version: if they all still fit, play goes on there; if one does not, ``Restored.problem``
names it (number, id, situation, reason) so the caller can offer to start again.
``restore`` never raises.
"""

from __future__ import annotations

import os
from game.engine.records import dataclass
from pathlib import Path

from game.i18n import t
from game.content.library import Entry, Library, catalogue_for, check_file, default_folder, find_in_library
from game.engine.loader import load_scenario
from game.engine.markup import plain
from game.engine.model import Scenario, Text
from game.engine.session import Session
from game.store.database import SavedSession
from game.render.conditions import unavailable_reason

EXCERPT = 70


@dataclass(frozen=True)
class Misfit:
    """The first saved choice that no longer fits a changed scenario."""

    number: int  # 1-based position among the saved choices
    choice_id: str
    choice_text: Text
    situation: str  # where the choice was made
    situation_text: Text
    reason: str


@dataclass
class Restored:
    """The outcome of ``restore``: a session to play on, or a problem to show (and maybe a restart)."""

    session: Session | None
    problem: str | None
    changed: bool
    scenario: Scenario | None = None  # the scenario to play on, or to start again with
    note: str | None = None  # something the player should know (e.g. playing the saved copy)
    misfit: Misfit | None = None


def is_path_source(source: str) -> bool:
    """Whether a session's source is a file path (else it is a library id)."""
    return os.sep in source or "/" in source or Path(source).suffix in (".yaml", ".yml")


def source_for(name: str, scenario: Scenario) -> str:
    """What a session records as its source: the absolute path of a file, else the library id."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or os.sep in name or path.is_file():
        return str(path.resolve())
    return scenario.id


def excerpt(text: Text, lang: str, limit: int = EXCERPT) -> str:
    """The start of a text on one line, cut at a word with an ellipsis."""
    flat = " ".join(plain(text.get(lang)).split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


def load_current(saved: SavedSession, library: Library | None = None) -> tuple[Scenario | None, str]:
    """The scenario as it is now at the session's source, or (None, why not)."""
    entry: Entry | None
    if is_path_source(saved.source):
        path = Path(saved.source)
        if not path.is_file():
            return None, "no such file"
        catalogue, _ = catalogue_for(path)
        entry = check_file(path, catalogue)
    else:
        entry = library.find(saved.source) if library is not None else find_in_library(saved.source)
    if entry is None:
        return None, "not in the library"
    errors = [f for f in entry.findings if f.is_error]
    if entry.scenario is None or errors:
        return None, str(errors[0]) if errors else "cannot be loaded"
    return entry.scenario, ""


def load_saved_copy(saved: SavedSession, library: Library | None = None) -> tuple[Scenario | None, str]:
    """The scenario from the text saved with the session, or (None, why not)."""
    if is_path_source(saved.source):
        catalogue, _ = catalogue_for(Path(saved.source))
    elif library is not None:
        catalogue = library.catalogue
    else:  # the library's catalogue, without loading every scenario of the library
        catalogue, _ = catalogue_for(default_folder() / "_")
    label = f"{saved.source} (saved copy)"
    scenario, findings = load_scenario(label, catalogue, data=saved.content.encode("utf-8"))
    errors = [f for f in findings if f.is_error]
    if scenario is None or errors:
        return None, str(errors[0]) if errors else "cannot be loaded"
    return scenario, ""


def restore(saved: SavedSession, library: Library | None = None, *, lang: str | None = None) -> Restored:
    """Rebuild a saved session by replaying its choices; never raises (problems are in ``problem``)."""
    lang = lang or saved.lang
    try:
        return _restore(saved, library, lang)
    except Exception as exc:  # a damaged save or scenario must not crash the game
        reason = f"{type(exc).__name__}: {exc}"
        return Restored(None, t("resume_unloadable", lang).format(id=saved.id, source=saved.source, reason=reason),
                        False)


def _restore(saved: SavedSession, library: Library | None, lang: str) -> Restored:
    current, why = load_current(saved, library)
    if current is not None and current.content_hash != saved.content_hash:
        return _onto_changed(saved, current, library, lang)
    note = None
    scenario = current
    if scenario is None:
        scenario, copy_why = load_saved_copy(saved, library)
        if scenario is None:
            problem = t("resume_unloadable", lang).format(id=saved.id, source=saved.source, reason=copy_why or why)
            return Restored(None, problem, False)
        note = t("resume_saved_copy", lang).format(source=saved.source)
    misfit = find_misfit(saved.choices, scenario, scenario, lang)
    if misfit is not None:  # the same text no longer replays: the engine itself changed
        return Restored(None, _misfit_message(misfit, lang), False, scenario, note, misfit)
    return Restored(Session.replay(scenario, list(saved.choices)), None, False, scenario, note)


def _onto_changed(saved: SavedSession, current: Scenario, library: Library | None, lang: str) -> Restored:
    old, _ = load_saved_copy(saved, library)
    misfit = find_misfit(saved.choices, current, old, lang)
    if misfit is None:
        return Restored(Session.replay(current, list(saved.choices)), None, True, current)
    return Restored(None, _misfit_message(misfit, lang), True, current, None, misfit)


def _misfit_message(misfit: Misfit, lang: str) -> str:
    return t("resume_misfit", lang).format(
        number=misfit.number, choice=misfit.choice_id, choice_text=excerpt(misfit.choice_text, lang),
        situation=misfit.situation, situation_text=excerpt(misfit.situation_text, lang), reason=misfit.reason)


def find_misfit(choice_ids: list[str], scenario: Scenario, old: Scenario | None, lang: str) -> Misfit | None:
    """The first of ``choice_ids`` that cannot be made in ``scenario`` (named as it was in ``old``), or None."""
    new = Session(scenario)
    before = _session_or_none(old)
    for index, choice_id in enumerate(choice_ids):
        was = before.situation if before is not None else None
        now = new.situation
        where = was or now
        chosen = where.choice(choice_id) if where else None
        reason = _why_not(new, was, choice_id, lang)
        if reason is not None:
            return Misfit(index + 1, choice_id, chosen.text if chosen else Text({"nl": choice_id}),
                          where.id if where else "-", where.text if where else Text({}), reason)
        try:
            new.choose(choice_id)
        except Exception as exc:
            return Misfit(index + 1, choice_id, chosen.text if chosen else Text({"nl": choice_id}),
                          where.id if where else "-", where.text if where else Text({}),
                          t("misfit.engine", lang).format(why=exc))
        before = _advance(before, choice_id)
    return None


def _why_not(new: Session, was: object, choice_id: str, lang: str) -> str | None:
    """Why ``choice_id`` cannot be made next in ``new`` (None when it can)."""
    if new.finished or new.situation is None:
        return t("misfit.ended", lang)
    now = new.situation
    option = next((o for o in new.all_choices if o.id == choice_id), None)
    if option is not None and option.available:
        return None
    was_id = getattr(was, "id", None)
    if was_id is not None and was_id != now.id:
        return t("misfit.elsewhere", lang).format(now=now.id)
    if option is None:
        return t("misfit.gone", lang)
    why = plain(unavailable_reason(option, new.scenario).get(lang)) or "-"
    return t("misfit.unavailable", lang).format(why=why)


def _session_or_none(scenario: Scenario | None) -> Session | None:
    try:
        return Session(scenario) if scenario is not None else None
    except Exception:
        return None


def _advance(session: Session | None, choice_id: str) -> Session | None:
    if session is None:
        return None
    try:
        session.choose(choice_id)
        return session
    except Exception:
        return None
