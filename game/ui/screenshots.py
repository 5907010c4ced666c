"""``python main.py screenshots DIR``: every screen of a playthrough rendered headless to PNG files.

The playthrough is played on a private data folder (never the player's own), in the
library's first case that has a choice that is greyed out somewhere, so that the situation
screenshot shows one. A copy of the case in a scratch folder is broken on purpose to show
the library's warning and the findings after F5.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import TypeVar

import pygame

from game.content.library import Library
from game.engine.model import Scenario
from game.engine.session import Session

from game.ui.app import App, Options
from game.ui.records import Records
from game.store.database import Store
from game.ui.playthrough import Playthrough
from game.ui.screens.base import Screen
from game.ui.screens.coach import CoachScreen
from game.ui.screens.playthroughs import PlaythroughsScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.situation import SituationScreen
from game.ui.screens.start import StartScreen

MAX_DEPTH = 8
ScreenKind = TypeVar("ScreenKind", bound=Screen)


def records_of(app: App) -> Records:
    """The app's progress store (open: the shots play on a scratch data folder)."""
    if app.records is None:
        raise RuntimeError("the progress store is not open")
    return app.records


def current(app: App, kind: type[ScreenKind]) -> ScreenKind:
    """The current screen, which must be a ``kind`` (the shots drive it directly)."""
    screen = app.screen
    if not isinstance(screen, kind):
        raise RuntimeError(f"expected the {kind.name} screen, not {screen.name if screen else 'none'}")
    return screen


def path_to_unavailable(scenario: Scenario) -> list[str] | None:
    """Choices that lead to a situation showing an unavailable choice (depth-first), or None."""
    def search(choices: list[str]) -> list[str] | None:
        session = Session.replay(scenario, choices)
        if session.finished:
            return None
        options = session.choices
        if any(not o.available for o in options):
            return choices
        if len(choices) >= MAX_DEPTH:
            return None
        for option in options:
            found = search(choices + [option.id])
            if found is not None:
                return found
        return None

    try:
        return search([])
    except Exception:
        return None


def pick_case(library: Library) -> tuple[Scenario, list[str]]:
    """The first playable case with a greyed-out choice somewhere (else the first case)."""
    playable = library.playable()
    if not playable:
        raise RuntimeError(f"no playable scenarios in {library.folder}")
    for scenario in playable:
        path = path_to_unavailable(scenario)
        if path is not None:
            return scenario, path
    return playable[0], []


class Shooter:
    """Drives an App through the screens and saves each as a PNG."""

    def __init__(self, app: App, folder: Path) -> None:
        self.app, self.folder = app, folder
        self.saved: list[Path] = []

    def shot(self, name: str) -> Path:
        app = self.app
        app.rebuild()
        app.frame()
        path = self.folder / f"{len(self.saved) + 1:02d}-{name}.png"
        if app.surface is None:
            raise RuntimeError("the window is not open")
        pygame.image.save(app.surface, str(path))
        self.saved.append(path)
        return path

    def show(self, name: str, screen: str, **args: object) -> Path:
        """Go to the screen called ``screen`` (made with ``args``) and save it as ``name``."""
        self.app.go(screen, **args)
        return self.shot(name)

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        self.app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        self.app.frame()


def render_screenshots(folder: Path, lang: str = "nl", size: tuple[int, int] = (1280, 720),
                       library_folder: Path | None = None) -> list[Path]:
    """Render every screen to ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="omgekeerd-shots-"))
    try:
        return _render(folder, lang, size, library_folder, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _render(folder: Path, lang: str, size: tuple[int, int], library_folder: Path | None,
            scratch: Path) -> list[Path]:
    app = App(Options(data_dir=scratch / "data", library_folder=library_folder, lang=lang, size=size,
                      save_settings=False)).open()
    shooter = Shooter(app, folder)
    try:
        app.go("start")
        start = current(app, StartScreen)
        start.name_value, start.background = "Sam", "inkomen"
        shooter.shot("start")
        app.player = records_of(app).ensure_player("Sam", "inkomen")
        app.mode = "training"
        scenario, path = pick_case(app.library)
        shooter.show("library", "library")
        shooter.show("introduction", "intro", scenario=scenario, source=scenario.id)

        play = Playthrough.begin(scenario, records_of(app), player="Sam", background="inkomen", mode="training",
                                 lang=lang, source=scenario.id)
        for choice_id in path:
            play.choose(choice_id)
        shooter.show("situation-unavailable-choice", "situation", play=play)
        situation = current(app, SituationScreen)
        situation.toggle("dossier")
        shooter.shot("dossier")
        situation.toggle("history")
        shooter.shot("history")
        situation.close_panel()
        _choose_with_feedback(situation)
        shooter.shot("feedback")
        _play_to_end(app)
        shooter.shot("ending")
        shooter.show("debrief", "debrief", play=play)
        debrief = current(app, DebriefScreen)
        _scroll(app, debrief, 0.5)
        shooter.shot("debrief-middle")
        _scroll(app, debrief, 1.0)
        shooter.shot("debrief-end")
        shooter.show("another-choice", "route", play=play, debrief=debrief.debrief)
        _coaching(app, shooter, play, path)
        app.go("library")
        app.push("settings")
        shooter.shot("settings")

        def replayed() -> Playthrough:
            again = Playthrough.begin(scenario, records_of(app), player="Sam", background="inkomen", mode="training",
                                      lang=lang, source=scenario.id)
            for choice_id in path:
                again.choose(choice_id)
            return again

        app.change_settings(high_contrast=True)
        shooter.show("high-contrast-situation", "situation", play=replayed())
        shooter.show("high-contrast-debrief", "debrief", play=play)
        app.change_settings(high_contrast=False, projector=True)
        shooter.show("projector-situation", "situation", play=replayed())
        shooter.show("projector-longest-situation", "situation", play=_longest_situation(app, lang))
        shooter.show("projector-debrief", "debrief", play=play)
        _coaching_screens(app, shooter, play.session_id, "projector-")
        app.change_settings(projector=False)
        from game.ui.screens.workshop_shots import workshop_shots  # the workshop always uses projector type
        workshop_shots(app, shooter.shot, scenario)
        _broken_case(app, shooter, scenario, scratch)
    finally:
        app.close()
    return shooter.saved


SAMPLE_NOTES = {"nl": ("Goed dat je eerst zelf contact zocht. Wat hoorde je toen?", "Volgende keer: eerst de vraag "
                       "achter de vraag."),
                "en": ("Good that you made contact yourself first. What did you hear?", "Next time: first the "
                       "question behind the question.")}


def _coaching(app: App, shooter: Shooter, play: Playthrough, path: list[str]) -> None:
    """My playthroughs (with an unfinished and a set-aside one), the delete question, the coach view, progress."""
    from game.play.service import set_aside
    from game.store.notes import OVERALL, set_note

    store = records_of(app).store
    lang = app.ui.lang
    for keep in (True, False):
        other = Playthrough.begin(play.scenario, records_of(app), player=play.player, background=play.background,
                                  mode="assessment" if keep else "training", lang=lang, source=play.source)
        for choice_id in path[:1]:
            other.choose(choice_id)
        if not keep:
            set_aside(store, other.session_id)
    if isinstance(store, Store):
        step_note, overall = SAMPLE_NOTES.get(lang, SAMPLE_NOTES["en"])
        set_note(store, play.session_id, 1, step_note)
        set_note(store, play.session_id, OVERALL, overall)
    shooter.show("my-playthroughs", "playthroughs")
    listed = current(app, PlaythroughsScreen)
    listed.ask_delete(listed.rows[-1])
    shooter.shot("my-playthroughs-delete")
    _coaching_screens(app, shooter, play.session_id, "")


def _coaching_screens(app: App, shooter: Shooter, session_id: int, prefix: str) -> None:
    shooter.show(f"{prefix}coach-view", "coach", session_id=session_id)
    if not prefix:
        _scroll(app, current(app, CoachScreen), 0.4)
        shooter.shot("coach-view-middle")
    else:
        shooter.show(f"{prefix}my-playthroughs", "playthroughs")
    shooter.show(f"{prefix}progress", "progress")


def _longest_situation(app: App, lang: str) -> Playthrough:
    """A playthrough (not recorded) standing at the library's longest situation, text and choices counted:
    the hardest one to fit on a projector."""
    longest: tuple[int, Session] | None = None
    for scenario in app.library.playable():
        seen: set[str] = set()
        paths: list[list[str]] = [[]]
        while paths:
            path = paths.pop(0)
            session = Session.replay(scenario, path)
            situation = session.situation
            if situation is None or situation.id in seen or len(path) > MAX_DEPTH:
                continue
            seen.add(situation.id)
            size = len(situation.text.get(lang)) + sum(len(o.choice.text.get(lang)) for o in session.choices)
            if longest is None or size > longest[0]:
                longest = (size, session)
            paths.extend(path + [o.id] for o in session.choices if o.available)
    if longest is None:
        raise RuntimeError("no situation to show")
    session = longest[1]
    return Playthrough(records_of(app).store, session, 0, player="Sam", background="inkomen", mode="training",
                       lang=lang, source=session.scenario.id)


def _choose_with_feedback(screen: SituationScreen) -> None:
    """Make the first available choice whose feedback the player would read."""
    options = [o for o in screen.play.session.choices if o.available]
    lang = screen.app.ui.lang
    with_feedback = [o for o in options if o.choice.feedback.get(lang).strip()]
    screen.choose((with_feedback or options)[0])


def _play_to_end(app: App) -> None:
    """Go on choosing the first available choice until the ending screen shows."""
    for _ in range(200):
        screen = app.screen
        if not isinstance(screen, SituationScreen):
            return
        if screen.panel is not None:
            screen.go_on() if screen.panel == "feedback" else screen.close_panel()
            continue
        options = [o for o in screen.play.session.choices if o.available]
        if not options:
            return
        screen.choose(options[0])


def _scroll(app: App, screen: Screen, share: float) -> None:
    app.rebuild()
    app.frame()
    region = screen.region("main")
    if region is not None:
        region.scroll = int(region.max_scroll * share)


def _broken_case(app: App, shooter: Shooter, scenario: Scenario, scratch: Path) -> None:
    """A copy of the case that breaks: the library warning, and the findings after F5."""
    folder = scratch / "library"
    folder.mkdir()
    source = Path(scenario.path)
    catalogue = source.parent / "levers.yaml"
    if catalogue.is_file():
        shutil.copy(catalogue, folder / "levers.yaml")
    copy = folder / source.name
    shutil.copy(source, copy)
    (folder / "kapot.yaml").write_text("format: 1\nid: kapot\ntitle: {nl: 'Kapot'}\nstart: begin\n"
                                       "situations:\n  begin:\n    text: 'Hallo'\n    choices: []\nendings: {}\n",
                                       encoding="utf-8")
    app.options.library_folder = folder
    app.reload_library()
    shooter.show("library-with-broken-file", "library")
    entry = app.library.find(scenario.id)
    assert entry is not None and entry.scenario is not None
    play = Playthrough.begin(entry.scenario, records_of(app), player="Sam", background="inkomen", mode="training",
                             lang=app.ui.lang, source=scenario.id)
    app.go("situation", play=play)
    screen = current(app, SituationScreen)
    text = copy.read_text(encoding="utf-8")
    broken = re.sub(r"^start:.*$", "start: no-such-situation", text, count=1, flags=re.MULTILINE)
    copy.write_text(broken, encoding="utf-8")
    screen.on_reload()
    shooter.shot("reload-findings")
