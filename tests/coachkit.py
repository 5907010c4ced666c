"""Shared by the coaching tests: cases on disk, a store with a stepping clock, playthroughs made through the service."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from pathlib import Path

from game.engine.model import Scenario
from game.play.service import Playthrough
from game.store.database import Store
from storekit import THREE_STEPS, load, write_scenario


def case_text(case_id: str, title: str) -> str:
    """The three-step case under another id and title (same decisions, levers and thinking errors)."""
    return THREE_STEPS.replace("id: drie-stappen", f"id: {case_id}").replace(
        'title: {nl: "Drie stappen", en: "Three steps"}', f'title: {{nl: "{title}", en: "{title} (en)"}}')


def make_cases(folder: Path, *ids: str) -> dict[str, tuple[Scenario, Path]]:
    """Write and load cases (``drie-stappen`` is the original; other ids are copies)."""
    found = {}
    for case_id in ids:
        text = THREE_STEPS if case_id == "drie-stappen" else case_text(case_id, case_id.replace("-", " ").title())
        path = write_scenario(folder, text, f"{case_id}.yaml")
        found[case_id] = (load(path), path)
    return found


def stepping_clock(start: str = "2026-11-02T09:00:00", step: _dt.timedelta = _dt.timedelta(minutes=1)
                   ) -> tuple[Callable[[], str], Callable[[_dt.timedelta], None]]:
    """A clock for the store that moves one ``step`` per reading, and a way to jump ahead."""
    now = [_dt.datetime.fromisoformat(start).replace(tzinfo=_dt.UTC)]

    def clock() -> str:
        now[0] += step
        return now[0].isoformat(timespec="milliseconds")

    def jump(by: _dt.timedelta) -> None:
        now[0] += by

    return clock, jump


def play(store: Store, case: tuple[Scenario, Path], player: str, choices: Sequence[str],
         finish: bool = True, mode: str = "training") -> Playthrough:
    """A playthrough made and saved through the recorded-play service (finished when its ending is reached)."""
    scenario, path = case
    playthrough = Playthrough.start(store, scenario, player=player, background=None, mode=mode, lang="nl",
                                    source=str(path))
    for choice in choices:
        playthrough.choose(choice)
    if finish and playthrough.finished:
        playthrough.finish()
    return playthrough
