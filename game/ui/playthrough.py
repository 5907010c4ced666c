"""A playthrough in the game window: a session, its record in the store, its mode and its reload.

Pure Python (no pygame), so that what the screens do with a playthrough can be tested on
its own. Every choice and undo is recorded at once; the debrief is built on demand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from game.engine.findings import Finding
from game.content.library import Library, check_file, catalogue_for, load_library
from game.engine.model import Scenario
from game.engine.session import ReplayError, Session, Step

from game.ui.records import MemoryRecords, Records

TRAINING, ASSESSMENT = "training", "assessment"


@dataclass
class ReloadResult:
    """What F5 did: the findings to show, how many choices were replayed, and any problem."""

    findings: list[Finding] = field(default_factory=list)
    reloaded: bool = False  # False: the file has errors (or is gone); play goes on with the old version
    replayed: int = 0
    dropped: int = 0
    changed: bool = False
    stopped_at: int = 0  # 1-based number of the first saved choice that no longer fits (0: none)
    stopped_choice: str = ""
    stopped_reason: str = ""

    @property
    def clean(self) -> bool:
        """Reloaded, every choice replayed, nothing to report."""
        return self.reloaded and not self.stopped_at and not self.findings


class Playthrough:
    """One playthrough of one player: session plus store record plus mode."""

    def __init__(self, session: Session, records: Records | MemoryRecords, sid: int, *, player: str, background: str,
                 mode: str, lang: str, source: str) -> None:
        self.session = session
        self.records = records
        self.sid = sid
        self.player = player
        self.background = background
        self.mode = mode
        self.lang = lang
        self.source = source
        self.last_step: Step | None = None
        self.seen_docs: set[str] = {d.id for d in session.documents}  # dossier documents not "new"
        self.finish_recorded: int | None = None  # the store record whose ending has been saved
        self._debrief: Any = None
        self._debrief_key: tuple[str, tuple[str, ...]] | None = None

    @classmethod
    def begin(cls, scenario: Scenario, records: Records | MemoryRecords, *, player: str, background: str, mode: str,
              lang: str, source: str) -> "Playthrough":
        """Start a new playthrough and its record in the store."""
        sid = records.start(player, scenario, source, mode, lang)
        return cls(Session(scenario), records, sid, player=player, background=background, mode=mode,
                   lang=lang, source=source)

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def training(self) -> bool:
        return self.mode == TRAINING

    def choose(self, choice_id: str) -> Step:
        """Make a choice and record it; ChoiceRefused when it cannot be made."""
        step = self.session.choose(choice_id)
        self.records.record_choice(self.sid, choice_id)
        self.last_step = step
        return step

    def undo(self) -> bool:
        """Take back the last choice (training mode only); False when there is nothing to undo."""
        if not self.training or not self.session.history or self.finish_recorded == self.sid:
            return False
        self.session.undo()
        self.records.undo_choice(self.sid)
        history = self.session.history
        self.last_step = history[-1] if history else None
        return True

    def debrief(self, analysis_for: Callable[[Scenario], Any] | None = None) -> Any:
        """The debrief object of this playthrough (built once per list of choices)."""
        from scoring.debrief import build_debrief

        key = (self.scenario.content_hash, tuple(self.session.choice_ids))
        if self._debrief is None or self._debrief_key != key:
            analysis = analysis_for(self.scenario) if analysis_for else None
            self._debrief = build_debrief(self.session, analysis, self.background)
            self._debrief_key = key
        return self._debrief

    def finish(self, analysis_for: Callable[[Scenario], Any] | None = None) -> bool:
        """Record the ending and scores in the store (once); False when the playthrough has not ended."""
        ending = self.session.ending
        if ending is None:
            return False
        if self.finish_recorded != self.sid:
            debrief = self.debrief(analysis_for)
            self.records.finish(self.sid, ending.id, debrief.scores.resident, debrief.scores.rules,
                                debrief.quadrant)
            self.finish_recorded = self.sid
        return True

    def branch(self, choice_ids: list[str]) -> "Playthrough":
        """A new training playthrough with these choices made (to try another choice)."""
        session = Session.replay(self.scenario, choice_ids)
        sid = self.records.start(self.player, self.scenario, self.source, TRAINING, self.lang)
        for choice_id in choice_ids:
            self.records.record_choice(sid, choice_id)
        branch = Playthrough(session, self.records, sid, player=self.player, background=self.background,
                             mode=TRAINING, lang=self.lang, source=self.source)
        history = session.history
        branch.last_step = history[-1] if history else None
        return branch

    # -- F5: reload the scenario from disk and replay ----------------------------------------
    def reload(self, library_folder: Path | None = None) -> tuple[ReloadResult, Library | None]:
        """Read the scenario file again and replay the choices made so far on it."""
        entry, library = _load_again(self.scenario, self.source, library_folder)
        result = ReloadResult(findings=list(entry.findings) if entry else [])
        if entry is None or entry.scenario is None or not entry.ok:
            return result, library
        scenario = entry.scenario
        choices = self.session.choice_ids
        try:
            session = Session.replay(scenario, choices)
        except ReplayError as exc:
            session = Session.replay(scenario, choices[:exc.index])
            result.stopped_at, result.stopped_choice, result.stopped_reason = exc.index + 1, exc.choice_id, exc.reason
        result.reloaded = True
        result.replayed = len(session.choice_ids)
        result.dropped = len(choices) - result.replayed
        result.changed = scenario.content_hash != self.scenario.content_hash
        self._adopt(session, result)
        return result, library

    def _adopt(self, session: Session, result: ReloadResult) -> None:
        """Take over the reloaded session and bring the store record in line with it."""
        records = self.records
        if self.finish_recorded != self.sid:
            for _ in range(result.dropped):
                records.undo_choice(self.sid)
            if result.changed:
                records.update_scenario(self.sid, session.scenario, self.source)
        elif result.changed or result.dropped:  # the ending is saved: the reloaded play gets a new record
            self.sid = records.start(self.player, session.scenario, self.source, self.mode, self.lang)
            for choice_id in session.choice_ids:
                records.record_choice(self.sid, choice_id)
        self.session = session
        history = session.history
        self.last_step = history[-1] if history else None
        self._debrief = None


def _load_again(scenario: Scenario, source: str, folder: Path | None) -> tuple[Any, Library | None]:
    """The library entry (or file entry) of a scenario, freshly read from disk."""
    path = Path(scenario.path)
    if source.endswith((".yaml", ".yml")) or folder is None:
        target = Path(source) if source.endswith((".yaml", ".yml")) else path
        if not target.is_file():
            return None, None
        catalogue, catalogue_findings = catalogue_for(target)
        entry = check_file(target, catalogue)
        entry.findings = [f for f in catalogue_findings if f.is_error] + entry.findings
        return entry, None
    library = load_library(folder)
    entry = library.find(scenario.id)
    if entry is None:
        entry = _missing(scenario)
    return entry, library


def _missing(scenario: Scenario) -> Any:
    from game.engine.findings import ERROR
    from game.content.library import Entry
    return Entry(scenario.path, None, [Finding(scenario.path, 0, ERROR, f'the case "{scenario.id}" is no longer '
                                               "in the library", "restore the file or its id")])

