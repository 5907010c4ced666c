"""A playthrough in the game window: the recorded-play service's, plus the documents seen and F5 reload.

Pure Python (no pygame), so that what the screens do with a playthrough can be tested on
its own. Starting, choosing, undoing, finishing and reporting are ``game.play.service``'s.
"""

from __future__ import annotations

from game.engine.records import dataclass, field
from pathlib import Path

from game.content.library import Entry, Library, check_file, catalogue_for, load_library
from game.engine.findings import ERROR, Finding
from game.engine.model import Scenario
from game.engine.session import ReplayError, Session
from game.play import service
from game.play.service import ASSESSMENT, TRAINING, PlayStore
from game.render.conditions import refusal_text
from game.ui.records import Records

__all__ = ["ASSESSMENT", "TRAINING", "Playthrough", "ReloadResult"]


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


class Playthrough(service.Playthrough):
    """One playthrough of one player in the window (see ``game.play.service.Playthrough``)."""

    def __init__(self, store: PlayStore, session: Session, session_id: int, *, player: str,
                 background: str | None, mode: str, lang: str, source: str) -> None:
        super().__init__(store, session, session_id, player=player, background=background, mode=mode,
                         lang=lang, source=source)
        self.seen_docs: set[str] = {d.id for d in session.documents}  # dossier documents not "new"

    @classmethod
    def begin(cls, scenario: Scenario, records: Records, *, player: str, background: str | None, mode: str,
              lang: str, source: str) -> Playthrough:
        """Start a new playthrough and its record in the window's store."""
        return cls.start(records.store, scenario, player=player, background=background, mode=mode, lang=lang,
                         source=source)

    @property
    def sid(self) -> int:
        """The id of this playthrough's record in the store."""
        return self.session_id

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
            result.stopped_at, result.stopped_choice = exc.index + 1, exc.choice_id
            result.stopped_reason = refusal_text(exc.refused, scenario, self.lang)
        result.reloaded = True
        result.replayed = len(session.choice_ids)
        result.dropped = len(choices) - result.replayed
        result.changed = scenario.content_hash != self.scenario.content_hash
        self.adopt(session)
        return result, library


def _load_again(scenario: Scenario, source: str, folder: Path | None) -> tuple[Entry | None, Library | None]:
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
    found = library.find(scenario.id)
    return (found if found is not None else _missing(scenario)), library


def _missing(scenario: Scenario) -> Entry:
    return Entry(scenario.path, None, [Finding(scenario.path, 0, ERROR, f'the case "{scenario.id}" is no longer '
                                               "in the library", "restore the file or its id")])
