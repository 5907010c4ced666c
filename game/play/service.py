"""The recorded-play service: one playthrough with every step saved, the same for the window and the terminal.

A ``Playthrough`` wraps an engine ``Session`` and a session store (the SQLite ``Store`` or a
``MemoryStore``): ``start`` records a new playthrough, ``choose`` makes a choice and saves it
in the same call, ``undo`` takes one back (training only), ``finish`` scores the ending and
saves it, ``restart`` starts the case again, ``resume`` continues a saved playthrough where
its stored choices end, ``set_aside`` keeps one but no longer offers it, and
``write_report`` writes the HTML report atomically. The session and the store never
disagree: a step the store refuses is taken back in the session too. No pygame, no CLI.
"""

from __future__ import annotations

import os
from game.engine.records import dataclass
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from game.content.library import Library
from game.engine.model import Scenario
from game.engine.session import Session, Step
from game.play.resume import Restored, restore
from game.store.database import SavedSession, StoreError
from game.store.files import write_atomic
from scoring.analysis import Analysis
from scoring.debrief import Debrief, build_debrief

if TYPE_CHECKING:  # the report renderer (and Jinja2) loads when a report is written
    from game.render.report import ReportInfo

TRAINING, ASSESSMENT = "training", "assessment"

AnalysisFor = Callable[[Scenario], "Analysis | None"]
P = TypeVar("P", bound="Playthrough")


class PlayStore(Protocol):
    """What the service needs of a session store (``Store`` and ``MemoryStore`` both have it)."""

    def start_session(self, player_name: str, scenario: Scenario, source: str,
                      mode: str = ..., lang: str = ...) -> int: ...
    def record_choice(self, session_id: int, choice_id: str) -> None: ...
    def undo_choice(self, session_id: int) -> None: ...
    def finish_session(self, session_id: int, ending_id: str, resident: int, rules: int,
                       quadrant: str) -> None: ...
    def abandon_session(self, session_id: int) -> None: ...
    def update_scenario(self, session_id: int, scenario: Scenario, source: str | None = None) -> None: ...
    def get(self, session_id: int) -> SavedSession | None: ...
    def last_unfinished(self, player_name: str | None = None) -> SavedSession | None: ...


@dataclass
class Resumed(Generic[P]):
    """The outcome of resuming: a playthrough to play on, or the restore problem (and maybe a restart)."""

    saved: SavedSession
    restored: Restored
    playthrough: P | None

    @property
    def problem(self) -> str | None:
        return self.restored.problem

    @property
    def can_restart(self) -> bool:
        """The saved choices do not fit, but the case itself can be started again."""
        return self.playthrough is None and self.restored.scenario is not None


class Playthrough:
    """One playthrough of one player: an engine session, its record in the store, its mode."""

    def __init__(self, store: PlayStore, session: Session, session_id: int, *, player: str,
                 background: str | None, mode: str, lang: str, source: str) -> None:
        self.store = store
        self.session = session
        self.session_id = session_id
        self.player = player
        self.background = background
        self.mode = mode
        self.lang = lang
        self.source = source
        history = session.history
        self.last_step: Step | None = history[-1] if history else None
        self.finish_saved: int | None = None  # the store record whose ending has been saved
        self._debrief: Debrief | None = None
        self._debrief_key: tuple[str, tuple[str, ...]] | None = None

    # -- starting ------------------------------------------------------------------------
    @classmethod
    def start(cls: type[P], store: PlayStore, scenario: Scenario, *, player: str, background: str | None,
              mode: str, lang: str, source: str) -> P:
        """Start a new playthrough and its record in the store."""
        session = Session(scenario)
        session_id = store.start_session(player, scenario, source, mode, lang)
        return cls(store, session, session_id, player=player, background=background, mode=mode, lang=lang,
                   source=source)

    @classmethod
    def resume(cls: type[P], store: PlayStore, saved: SavedSession, library: Library | None = None, *,
               lang: str | None = None, background: str | None = None) -> Resumed[P]:
        """Continue a saved playthrough where its stored choices end (moved onto a changed scenario when they fit)."""
        lang = lang or saved.lang
        restored = restore(saved, library, lang=lang)
        if restored.session is None:
            return Resumed(saved, restored, None)
        if restored.changed:
            store.update_scenario(saved.id, restored.session.scenario, saved.source)
        play = cls(store, restored.session, saved.id, player=saved.player,
                   background=saved.background if saved.background is not None else background,
                   mode=saved.mode, lang=lang, source=saved.source)
        return Resumed(saved, restored, play)

    @classmethod
    def start_again(cls: type[P], store: PlayStore, saved: SavedSession, scenario: Scenario, *,
                    lang: str | None = None, background: str | None = None) -> P:
        """The saved choices no longer fit ``scenario``: set the old playthrough aside and start it again."""
        set_aside(store, saved.id)
        return cls.start(store, scenario, player=saved.player,
                         background=saved.background if saved.background is not None else background,
                         mode=saved.mode, lang=lang or saved.lang, source=saved.source)

    # -- what it is ----------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def training(self) -> bool:
        return self.mode == TRAINING

    @property
    def finished(self) -> bool:
        """The ending has been reached."""
        return self.session.finished

    @property
    def saved(self) -> SavedSession | None:
        """The store record of this playthrough as it is now."""
        return self.store.get(self.session_id)

    # -- playing -------------------------------------------------------------------------
    def choose(self, choice_id: str) -> Step:
        """Make a choice and save it; ChoiceRefused when it cannot be made, the store's error when not saved."""
        step = self.session.choose(choice_id)
        try:
            self.store.record_choice(self.session_id, choice_id)
        except BaseException:
            self.session.undo()  # not saved: not made
            raise
        self.last_step = step
        return step

    def can_undo(self) -> bool:
        """Training mode, a choice made, and the ending not yet saved."""
        return self.training and bool(self.session.history) and self.finish_saved != self.session_id

    def undo(self) -> bool:
        """Take back the last choice (training mode only); False when there is nothing to undo."""
        if not self.can_undo():
            return False
        self.store.undo_choice(self.session_id)
        self.session.undo()
        history = self.session.history
        self.last_step = history[-1] if history else None
        return True

    # -- the end -------------------------------------------------------------------------
    def debrief(self, analysis_for: AnalysisFor | None = None) -> Debrief:
        """The debrief of this playthrough (built once per list of choices)."""
        key = (self.scenario.content_hash, tuple(self.session.choice_ids))
        if self._debrief is None or self._debrief_key != key:
            analysis = analysis_for(self.scenario) if analysis_for else None
            self._debrief = build_debrief(self.session, analysis, self.background)
            self._debrief_key = key
        return self._debrief

    def finish(self, analysis_for: AnalysisFor | None = None) -> Debrief | None:
        """Score the ending and save ending, scores and quadrant (once); None when it has not ended."""
        ending = self.session.ending
        if ending is None:
            return None
        debrief = self.debrief(analysis_for)
        if self.finish_saved != self.session_id:
            self.store.finish_session(self.session_id, ending.id, debrief.scores.resident, debrief.scores.rules,
                                      debrief.quadrant)
            self.finish_saved = self.session_id
        return debrief

    def restart(self: P, mode: str | None = None) -> P:
        """Start the same case again for the same player; an unfinished record is set aside first."""
        if self.finish_saved != self.session_id:
            self.set_aside()
        return type(self).start(self.store, self.scenario, player=self.player, background=self.background,
                                mode=mode or self.mode, lang=self.lang, source=self.source)

    def set_aside(self) -> None:
        """Keep the unfinished record, but no longer offer it to resume."""
        set_aside(self.store, self.session_id)

    def branch(self: P, choice_ids: list[str]) -> P:
        """A new training playthrough with these choices made and saved (to try another choice)."""
        session = Session.replay(self.scenario, choice_ids)
        session_id = self.store.start_session(self.player, self.scenario, self.source, TRAINING, self.lang)
        for choice_id in choice_ids:
            self.store.record_choice(session_id, choice_id)
        return type(self)(self.store, session, session_id, player=self.player, background=self.background,
                          mode=TRAINING, lang=self.lang, source=self.source)

    def adopt(self, session: Session) -> None:
        """Play on with ``session`` (the same choices, or the first of them, on a reloaded scenario).

        The store record follows: dropped choices are taken back and the new scenario text is
        saved; when the ending was saved already, the reloaded play gets a new record instead.
        """
        dropped = len(self.session.choice_ids) - len(session.choice_ids)
        changed = session.scenario.content_hash != self.scenario.content_hash
        if self.finish_saved != self.session_id:
            for _ in range(dropped):
                self.store.undo_choice(self.session_id)
            if changed:
                self.store.update_scenario(self.session_id, session.scenario, self.source)
        elif changed or dropped:
            self.session_id = self.store.start_session(self.player, session.scenario, self.source, self.mode,
                                                       self.lang)
            for choice_id in session.choice_ids:
                self.store.record_choice(self.session_id, choice_id)
        self.session = session
        history = session.history
        self.last_step = history[-1] if history else None
        self._debrief = None

    # -- the report ----------------------------------------------------------------------
    def report_info(self) -> ReportInfo:
        """What the store knows about this playthrough, for the report's header."""
        from game.render.report import ReportInfo

        try:
            saved = self.saved
        except StoreError:  # the report can do without the store's times
            saved = None
        return ReportInfo(session_id=self.session_id, player=self.player, mode=self.mode,
                          started=saved.started if saved else "", finished_at=saved.finished_at if saved else None,
                          source=self.source, content_hash=self.scenario.content_hash)

    def write_report(self, path: str | os.PathLike[str], analysis_for: AnalysisFor | None = None,
                     lang: str | None = None) -> None:
        """Write the HTML report of this playthrough atomically (an existing file stays whole on failure)."""
        from game.render.report import render_report

        html = render_report(self.debrief(analysis_for), lang or self.lang, self.report_info())
        write_atomic(path, html)


def set_aside(store: PlayStore, session_id: int) -> None:
    """Set an unfinished playthrough aside: kept in the store, no longer offered to resume."""
    store.abandon_session(session_id)


def resume_last(store: PlayStore, player: str | None, library: Library | None = None, *,
                lang: str | None = None) -> Resumed[Playthrough] | None:
    """Resume the player's last unfinished playthrough; None when there is none."""
    saved = store.last_unfinished(player)
    if saved is None:
        return None
    return Playthrough.resume(store, saved, library, lang=lang)
