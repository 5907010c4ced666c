"""Benchmark coaching with many playthroughs: export, import (merge) and the group report of 500 playthroughs.

A library case (tas-van-oma) is played 500 times along varied routes on one laptop; the
file it exports is imported into a fresh store (and once more, to see the cost of a file
that is all known), and the group report of the case is built and rendered. Target: import
and group report of 500 playthroughs under 1 s on the 2-core machine.

Run: .venv/bin/python benchmarks/bench_coaching.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import datetime as _dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.content.library import load_library
from game.engine import rules
from game.engine.model import Scenario
from game.play.coaching import Cases, group_of_case, list_sessions, progress_of
from game.render.group_report import render_group
from game.store.database import Store
from game.store.portable import canonical, export_text, import_file, merge, parse

CASE = "tas-van-oma"
PLAYS = 500
RUNS = 5


def routes(scenario: Scenario, count: int) -> list[list[str]]:
    """``count`` complete routes, each picking its choices by the play's number (deterministic, varied)."""
    found = []
    for number in range(count):
        where, state = rules.begin(scenario)
        chosen: list[str] = []
        while where not in scenario.endings:
            options = [c for c in scenario.situations[where].choices if rules.allows(c, state)]
            choice = options[(number // (len(chosen) + 1)) % len(options)]
            chosen.append(choice.id)
            where, state = rules.step(scenario, where, choice, state)
        found.append(chosen)
    return found


def payload(scenario: Scenario, count: int) -> dict[str, object]:
    """What another laptop's export of ``count`` finished playthroughs holds."""
    start = _dt.datetime(2026, 11, 2, 9, tzinfo=_dt.UTC)
    sessions = []
    for number, route in enumerate(routes(scenario, count)):
        when = (start + _dt.timedelta(minutes=17 * number)).isoformat(timespec="milliseconds")
        sessions.append({"uid": f"{'cd' * 16}/{number + 1}", "player": f"speler{number % 40}", "background": None,
                         "scenario": scenario.id, "source": scenario.id, "content_hash": scenario.content_hash,
                         "mode": "training", "lang": "nl", "started": when, "updated": when, "finished": when,
                         "abandoned": False, "ending": None, "resident": None, "rules": None, "quadrant": None,
                         "choices": [[c, when] for c in route]})
    return {"install": "cd" * 16, "exported": start.isoformat(), "contents": {scenario.content_hash:
                                                                             scenario.source_text},
            "sessions": sessions}


T = TypeVar("T")


def timed(work: Callable[[], T], runs: int = RUNS) -> tuple[float, T]:
    samples: list[float] = []
    result = work()  # once to warm up (its time is not counted)
    for _ in range(runs):
        begin = time.perf_counter()
        result = work()
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples), result


def main() -> None:
    library = load_library()
    entry = library.find(CASE)
    scenario = entry.scenario if entry is not None else None
    assert scenario is not None
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with Store.open(folder / "laptop") as store:
            merge(store, payload(scenario, PLAYS))
            export_seconds, text = timed(lambda: export_text(store))
        exported = folder / "laptop.json"
        exported.write_text(str(text), encoding="utf-8")
        size = exported.stat().st_size
        check_seconds, _ = timed(lambda: parse(exported.read_bytes()))
        imports, again = [], []
        for run in range(RUNS):
            with Store.open(folder / f"team{run}") as team:
                begin = time.perf_counter()
                import_file(team, exported)
                imports.append(time.perf_counter() - begin)
                begin = time.perf_counter()
                import_file(team, exported)
                again.append(time.perf_counter() - begin)
        with Store.open(folder / "team0") as team:
            cold_begin = time.perf_counter()
            report = group_of_case(team, CASE, Cases(library))
            cold = time.perf_counter() - cold_begin
            cases = Cases(library)
            group_of_case(team, CASE, cases)
            warm, report = timed(lambda: group_of_case(team, CASE, cases))
            assert report is not None
            render, html = timed(lambda: render_group(report, "nl"))
            listing, rows = timed(lambda: list_sessions(team, None, cases))
            progress, _ = timed(lambda: progress_of(team, "speler1", cases))
    imported = statistics.median(imports)
    print(f"{PLAYS} playthroughs of {CASE}; export file {size / 1024:.0f} KiB "
          f"(checksummed payload {len(canonical(payload(scenario, PLAYS))) / 1024:.0f} KiB)")
    print(f"export (read store, write JSON):       {export_seconds * 1000:7.1f} ms")
    print(f"check a file (parse + SHA-256 + shape): {check_seconds * 1000:7.1f} ms")
    print(f"import into an empty store:             {imported * 1000:7.1f} ms")
    print(f"import the same file again (all known): {statistics.median(again) * 1000:7.1f} ms")
    print(f"group report, first (load + analyse):   {cold * 1000:7.1f} ms")
    print(f"group report, case already analysed:    {warm * 1000:7.1f} ms")
    print(f"render the group page:                  {render * 1000:7.1f} ms ({len(str(html)) / 1024:.0f} KiB)")
    print(f"import + first group report + render:   {(imported + cold + render) * 1000:7.1f} ms (target < 1000)")
    print(f"playthrough list of {len(rows)} sessions:       {listing * 1000:7.1f} ms")
    print(f"progress of one player (13 attempts):   {progress * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
