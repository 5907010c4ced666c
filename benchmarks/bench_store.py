"""Benchmark the session store and the reports: the cost of saving a choice (durable commit), opening a
large store (with its integrity check), resuming, exporting every session, and rendering a report.

Run: .venv/bin/python benchmarks/bench_store.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.store.csv_export import write_csv
from game.content.library import resolve
from game.play.resume import restore
from game.engine.session import Session
from game.store.database import Store
from scoring.debrief import build_debrief
from game.render.report import render_report

EXAMPLE = Path(__file__).resolve().parent.parent / "scenarios" / "examples" / "huurachterstand.yaml"
ROUTE = ["bellen", "samen_plan"]


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.2f} ms median, {max(samples) * 1000:.2f} ms max"


def bench_choices(folder: Path) -> None:
    scenario = resolve(str(EXAMPLE)).scenario
    assert scenario is not None
    with Store.open(folder) as store:
        times = []
        session_id = store.start_session("bench", scenario, str(EXAMPLE))
        for number in range(300):
            start = time.perf_counter()
            store.record_choice(session_id, "bellen")
            times.append(time.perf_counter() - start)
            if number % 2:
                store.undo_choice(session_id)
    print(f"record_choice (committed, synchronous=FULL, WAL): {median_ms(times)} over {len(times)}")


def fill(folder: Path, sessions: int) -> None:
    scenario = resolve(str(EXAMPLE)).scenario
    assert scenario is not None
    with Store.open(folder) as store:
        conn = store._conn  # bulk insert in one transaction; the API commits per choice
        conn.execute("BEGIN")
        conn.execute("INSERT OR IGNORE INTO contents VALUES (?, ?)", (scenario.content_hash, scenario.source_text))
        for number in range(sessions):
            conn.execute("INSERT INTO players (name, created) VALUES (?, '2026-01-01')", (f"speler{number}",))
            conn.execute("INSERT INTO sessions (player_id, scenario_id, source, content_hash, mode, lang, started,"
                         " updated, touched) VALUES (last_insert_rowid(), 'huurachterstand', ?, ?, 'training', 'nl',"
                         " '2026-01-01', '2026-01-01', ?)", (str(EXAMPLE), scenario.content_hash, number + 1))
            session_id = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
            conn.executemany("INSERT INTO choices VALUES (?, ?, ?, '2026-01-01')",
                             [(session_id, seq, choice) for seq, choice in enumerate(ROUTE)])
        conn.execute("COMMIT")


def bench_large(folder: Path, sessions: int) -> None:
    fill(folder, sessions)
    size = (folder / "omgekeerd.sqlite3").stat().st_size
    opens = []
    for _ in range(5):
        start = time.perf_counter()
        store = Store.open(folder)
        opens.append(time.perf_counter() - start)
        store.close()
    print(f"Store.open with {sessions:,} sessions ({size / 1024:.0f} KiB, quick_check included): {median_ms(opens)}")
    with Store.open(folder) as store:
        start = time.perf_counter()
        saved = store.last_unfinished()
        restored = restore(saved) if saved else None
        took = time.perf_counter() - start
        assert restored is not None and restored.session is not None
        print(f"last_unfinished + restore (load the file, replay): {took * 1000:.1f} ms")
        start = time.perf_counter()
        everything = store.sessions()
        rows = write_csv(everything, folder / "export.csv")
        took = time.perf_counter() - start
        print(f"export --csv of {len(everything):,} sessions ({rows:,} rows): {took:.2f} s")


def bench_report() -> None:
    for name in ("traplift", str(EXAMPLE)):
        entry = resolve(name)
        if entry.scenario is None or not entry.ok:
            print(f"report: {name} not loadable, skipped")
            continue
        session = Session(entry.scenario)
        while not session.finished:
            session.choose(next(o.id for o in session.choices if o.available))
        times = []
        for _ in range(5):
            start = time.perf_counter()
            html = render_report(build_debrief(session), "nl")
            times.append(time.perf_counter() - start)
        print(f"report of {entry.scenario.id} (debrief + HTML, {len(html) / 1024:.0f} KiB): {median_ms(times)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bench_choices(Path(tmp) / "choices")
        bench_large(Path(tmp) / "large", 10_000)
    bench_report()


if __name__ == "__main__":
    main()
