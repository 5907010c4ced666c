"""Coaching and onboarding from the store: the playthrough list, continuing any one, the coach view, progress, groups.

The window and the command line use these functions; they read stored sessions, replay them
on the exact text they were played on (``Cases`` loads each text and analyses it once) and
hand the pure builders of ``scoring`` what they need. No pygame, no printing.
"""

from __future__ import annotations

from game.engine.records import dataclass
from typing import Protocol

from game.content.library import Library, load_library
from game.engine import rules
from game.engine.model import Scenario, Text
from game.play.resume import load_saved_copy
from game.play.service import PlayStore, Playthrough, Resumed, set_aside
from game.store.database import SavedSession, Store, StoreError
from game.store.groups import GroupSession, get_group
from game.store.notes import CoachNotes, notes_of
from scoring.analysis import Analysis, Scores, analyse
from scoring.coach import CoachView, Reacher, build_coach_view, verdict_of
from scoring.group import GroupReport, build_group, build_workshop_group, play_of
from scoring.progress import Attempt, Progress, build_progress


class SessionStore(Protocol):
    """What the playthrough list needs of a store (``Store`` and ``MemoryStore`` both have it)."""

    def sessions(self, player_name: str | None = None) -> list[SavedSession]: ...
    def get(self, session_id: int) -> SavedSession | None: ...
    def abandon_session(self, session_id: int) -> None: ...
    def delete_session(self, session_id: int) -> bool: ...


class Cases:
    """The scenarios of stored sessions, loaded from their saved text and analysed once per text."""

    def __init__(self, library: Library | None = None) -> None:
        self._library = library
        self._scenarios: dict[str, Scenario | None] = {}
        self._analyses: dict[str, Analysis] = {}
        self._reachers: dict[str, Reacher] = {}

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = load_library()
        return self._library

    def scenario(self, saved: SavedSession) -> Scenario | None:
        """The scenario exactly as the session was played (None when its saved text cannot be loaded)."""
        key = saved.content_hash
        if key not in self._scenarios:
            try:
                scenario, _why = load_saved_copy(saved, self.library)
            except Exception:
                scenario = None
            self._scenarios[key] = scenario
        return self._scenarios[key]

    def analysis(self, scenario: Scenario) -> Analysis:
        if scenario.content_hash not in self._analyses:
            self._analyses[scenario.content_hash] = analyse(scenario)
        return self._analyses[scenario.content_hash]

    def reacher(self, scenario: Scenario) -> Reacher:
        if scenario.content_hash not in self._reachers:
            self._reachers[scenario.content_hash] = Reacher(self.analysis(scenario))
        return self._reachers[scenario.content_hash]


def _group_as_saved(group: GroupSession, text: str) -> SavedSession:
    """A workshop group session in the shape ``Cases.scenario`` reads (its case and saved text)."""
    return SavedSession(id=group.id, player="", background=None, scenario_id=group.scenario_id, source=group.source,
                        content=text, content_hash=group.content_hash, mode=group.mode, lang=group.lang, choices=[],
                        finished=group.finished is not None, ending=group.ending, resident=None, rules=None,
                        quadrant=None, started=group.started, updated=group.started)


# -- the playthrough list -----------------------------------------------------------------------

@dataclass(frozen=True)
class SessionRow:
    """One line of "my playthroughs"."""

    id: int
    uid: str
    player: str
    case: str
    title: Text  # the case's title (its id when the text cannot be loaded)
    started: str
    played: str  # when it finished, else when it was last played
    mode: str
    finished: bool
    set_aside: bool
    imported: bool
    steps: int
    resident: int | None
    rules: int | None
    verdict: str | None  # the ending's outcome, else the quadrant; None while unfinished

    @property
    def can_continue(self) -> bool:
        return not self.finished and not self.set_aside

    @property
    def state(self) -> str:
        """finished | open | set_aside (its text: coaching.state.<state>)."""
        return "finished" if self.finished else "set_aside" if self.set_aside else "open"


def session_row(saved: SavedSession, cases: Cases) -> SessionRow:
    """A stored session as a line of the list."""
    scenario = cases.scenario(saved)
    title = scenario.title if scenario is not None and scenario.title else Text({"nl": saved.scenario_id})
    verdict = None
    if saved.finished:
        verdict = saved.quadrant
        if scenario is not None and saved.resident is not None and saved.rules is not None:
            verdict = verdict_of(scenario, saved.ending, Scores(saved.resident, saved.rules, 0, 0))
    return SessionRow(saved.id, saved.uid, saved.player, saved.scenario_id, title, saved.started,
                      saved.finished_at or saved.updated, saved.mode, saved.finished, saved.abandoned,
                      saved.origin is not None, len(saved.choices), saved.resident, saved.rules, verdict)


def list_sessions(store: SessionStore, player: str | None = None, cases: Cases | None = None) -> list[SessionRow]:
    """Every playthrough (of one player, when named), the one played last first."""
    cases = cases or Cases()
    rows = [session_row(saved, cases) for saved in store.sessions(player)]
    return sorted(rows, key=lambda r: (r.played, r.id), reverse=True)


def continue_session(store: PlayStore, session_id: int, library: Library | None = None, *,
                     lang: str | None = None) -> Resumed[Playthrough]:
    """Continue any unfinished playthrough (not only the last); StoreError when it is gone, finished or set aside."""
    saved = store.get(session_id)
    if saved is None:
        raise StoreError("no_session", id=session_id)
    if saved.finished or saved.abandoned:
        raise StoreError("session_closed", id=session_id)
    return Playthrough.resume(store, saved, library, lang=lang)


def set_aside_session(store: SessionStore, session_id: int) -> None:
    """Set an unfinished playthrough aside (kept, no longer offered to continue)."""
    set_aside(store, session_id)  # type: ignore[arg-type]


def delete_session(store: SessionStore, session_id: int) -> bool:
    """Delete one playthrough for good (ask first); True when there was one."""
    return store.delete_session(session_id)


# -- the coach view --------------------------------------------------------------------------

@dataclass(frozen=True)
class Coached:
    """A stored playthrough's coach view with the coach's notes."""

    saved: SavedSession
    view: CoachView
    notes: CoachNotes


def coach_view_of(saved: SavedSession, cases: Cases) -> CoachView | None:
    """The coach view of a stored playthrough (None when its text cannot be loaded)."""
    scenario = cases.scenario(saved)
    if scenario is None:
        return None
    return build_coach_view(scenario, cases.analysis(scenario), saved.choices, cases.reacher(scenario))


def coached(store: Store, session_id: int, cases: Cases | None = None) -> Coached | None:
    """The coach view and notes of a stored session; None when there is no such session or it cannot be replayed."""
    saved = store.get(session_id)
    if saved is None:
        return None
    view = coach_view_of(saved, cases or Cases())
    return Coached(saved, view, notes_of(store, session_id)) if view is not None else None


# -- progress --------------------------------------------------------------------------------

def attempt_of(saved: SavedSession, cases: Cases) -> Attempt | None:
    """A stored session as an attempt (None when its text cannot be loaded or its choices no longer fit)."""
    scenario = cases.scenario(saved)
    if scenario is None:
        return None
    analysis = cases.analysis(scenario)
    play = play_of(scenario, analysis, saved.player, saved.choices)
    if play is None:
        return None
    return Attempt(saved.id, saved.scenario_id, scenario.title or Text({"nl": saved.scenario_id}),
                   saved.finished_at or saved.updated, play.finished,
                   play.resident if play.finished else None, play.rules if play.finished else None,
                   play.verdict if play.finished else None, tuple(dict.fromkeys(play.thinking)),
                   play.levers_used, _offered(scenario, saved.choices))


def _offered(scenario: Scenario, choice_ids: list[str]) -> tuple[str, ...]:
    """The levers of every choice at the decisions a playthrough faced."""
    where, state = rules.begin(scenario)
    offered: dict[str, None] = {}
    for choice_id in choice_ids:
        situation = scenario.situations.get(where)
        choice = situation.choice(choice_id) if situation else None
        if situation is None or choice is None:
            break
        for option in situation.choices:
            offered.update(dict.fromkeys(option.levers))
        where, state = rules.step(scenario, where, choice, state)
    return tuple(offered)


def progress_of(store: SessionStore, player: str, cases: Cases | None = None) -> Progress | None:
    """The progress of a player over all their stored attempts; None when the player has none."""
    cases = cases or Cases()
    saved = store.sessions(player)
    if not saved:
        return None
    attempts = [a for a in (attempt_of(s, cases) for s in saved) if a is not None]
    titles: dict[str, Text] = {}
    for session in saved:
        scenario = cases.scenario(session)
        for lever_id, lever in (scenario.levers.items() if scenario else ()):
            titles.setdefault(lever_id, lever.title)
    return build_progress(saved[0].player, attempts, titles)


# -- group reports ---------------------------------------------------------------------------

def group_of_case(store: SessionStore, case_id: str, cases: Cases | None = None,
                  names: bool = False) -> GroupReport | None:
    """The group report of every stored playthrough of a case (local and imported); None when there are none.

    Playthroughs on different versions of the case are counted on the newest version their
    choices still fit. Pseudonyms are labels only with ``names``; otherwise numbers.
    """
    cases = cases or Cases()
    saved = [s for s in store.sessions() if s.scenario_id == case_id]
    loaded = [(s, cases.scenario(s)) for s in saved]
    usable = [(s, sc) for s, sc in loaded if sc is not None]
    if not usable:
        return None
    newest = max(usable, key=lambda pair: (pair[0].updated, pair[0].id))[1]
    assert newest is not None
    analysis = cases.analysis(newest)
    plays = []
    for number, (session, _scenario) in enumerate(sorted(usable, key=lambda p: (p[0].started, p[0].uid)), start=1):
        play = play_of(newest, analysis, session.player if names else f"#{number}", session.choices)
        if play is not None:
            plays.append(play)
    return build_group(newest, analysis, plays)


def group_report_of(store: Store, group_id: int, cases: Cases | None = None) -> GroupReport | None:
    """The group report of one workshop group session; None when there is none or its case cannot be loaded."""
    group = get_group(store, group_id)
    if group is None:
        return None
    rows = store._read("SELECT text FROM contents WHERE hash = ?", (group.content_hash,))
    if not rows:
        return None
    cases = cases or Cases()
    scenario = cases.scenario(_group_as_saved(group, str(rows[0]["text"])))
    if scenario is None:
        return None
    decisions = [(d.situation_id, d.rounds[-1] if d.rounds else {}, d.followed) for d in group.decisions]
    return build_workshop_group(scenario, cases.analysis(scenario), decisions, f"#{group.id}")
