"""Benchmark xAPI: the cost a statement adds to one recorded choice, and syncing 10,000 queued statements to Ralph.

Run: .venv/bin/python benchmarks/bench_xapi.py   (prints figures; asserts nothing)
Ralph comes from $OMGEKEERD_TEST_RALPH or .ci/ralph-venv/bin (see tests/lrs.py); without it
only the first part runs.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from game.content.library import catalogue_for, check_file  # noqa: E402
from game.engine.model import Scenario  # noqa: E402
from game.store.database import Store  # noqa: E402
from game.xapi.recorder import Recorder  # noqa: E402
from game.xapi.sync import sync  # noqa: E402
from lrs import ralph_bin, start_ralph  # noqa: E402

EXAMPLE = ROOT / "scenarios" / "examples" / "huurachterstand.yaml"
SAMPLES = 600
STATEMENTS = 10_000
HOME = "https://www.gemeente-voorbeeld.nl"


def load(path: Path) -> Scenario:
    catalogue, _ = catalogue_for(path)
    entry = check_file(path, catalogue)
    assert entry.scenario is not None
    return entry.scenario


def choice_costs(scenario: Scenario) -> None:
    """record_choice with and without the recorder, interleaved so disk noise hits both alike."""
    with tempfile.TemporaryDirectory() as plain_dir, tempfile.TemporaryDirectory() as xapi_dir:
        plain, recording = Store.open(plain_dir), Store.open(xapi_dir, statements=Recorder(HOME))
        times: dict[str, list[float]] = {"plain": [], "xapi": []}
        for number in range(SAMPLES):
            for name, store in (("plain", plain), ("xapi", recording)):
                session_id = store.start_session(f"speler{number % 50}", scenario, str(EXAMPLE))
                started = time.perf_counter()
                store.record_choice(session_id, "bellen")
                times[name].append(time.perf_counter() - started)
        plain.close()
        recording.close()
    base, with_xapi = statistics.median(times["plain"]), statistics.median(times["xapi"])
    print(f"record_choice without xAPI: {base * 1000:.3f} ms median; with its statement: "
          f"{with_xapi * 1000:.3f} ms median; difference: {(with_xapi - base) * 1000:.3f} ms median "
          f"over {SAMPLES} choices")
    hook = hook_cost(scenario)
    print("the statement's own work inside the transaction (facts, build, insert): "
          f"{statistics.median(hook) * 1000:.3f}"
          f" ms median, {max(hook) * 1000:.3f} ms max (target: under 1 ms)")


def hook_cost(scenario: Scenario) -> list[float]:
    """Time ``Store._queue`` alone (what writing the statement adds inside the choice's transaction)."""
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as folder, Store.open(folder, statements=Recorder(HOME)) as store:
        queue_one = store._queue

        def timed(*args: object, **kwargs: object) -> None:
            started = time.perf_counter()
            queue_one(*args, **kwargs)  # type: ignore[arg-type]
            if args[1] == "chose":
                samples.append(time.perf_counter() - started)

        store._queue = timed  # type: ignore[method-assign]
        for number in range(SAMPLES):
            session_id = store.start_session(f"speler{number % 50}", scenario, str(EXAMPLE))
            store.record_choice(session_id, "bellen")
            store.record_choice(session_id, "samen_plan")
    return samples


def queue(store: Store, scenario: Scenario, count: int) -> None:
    """Play until at least ``count`` statements are queued (4 per playthrough of the example)."""
    number = 0
    while store.outbox.counts()["queued"] < count:
        session_id = store.start_session(f"speler{number % 200}", scenario, str(EXAMPLE))
        store.record_choice(session_id, "bellen")
        store.record_choice(session_id, "samen_plan")
        store.finish_session(session_id, "goed", 80, 90, "omgekeerd")
        number += 1


def sync_rate(scenario: Scenario) -> None:
    """10,000 queued statements to a fresh local Ralph, in batches of 100 (the default) and of 500."""
    bin_folder = ralph_bin()
    if bin_folder is None:
        print("sync: skipped (Ralph is not installed; see tests/lrs.py)")
        return
    for batch_size in (100, 500):
        with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as data:
            ralph = start_ralph(Path(folder), bin_folder)
            try:
                with Store.open(data, statements=Recorder(HOME)) as store:
                    queue(store, scenario, STATEMENTS)
                    queued = store.outbox.counts()["queued"]
                    started = time.perf_counter()
                    report = sync(store, ralph.config(), batch_size=batch_size)
                    seconds = time.perf_counter() - started
                assert report.problem is None and report.sent == queued, report
                print(f"sync of {queued:,} queued statements to a local Ralph (fs backend), batches of {batch_size}:"
                      f" {seconds:.1f} s, {queued / seconds:,.0f} statements per second")
            finally:
                ralph.process.terminate()
                ralph.process.wait(timeout=10)


def main() -> None:
    scenario = load(EXAMPLE)
    choice_costs(scenario)
    sync_rate(scenario)


if __name__ == "__main__":
    main()
