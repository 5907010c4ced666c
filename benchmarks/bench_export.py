"""Benchmark ``export --csv`` of 10,000 stored sessions: the whole command (time, peak memory) and, in the
same run, the rows with every session replayed on its own (the way before issue 16) as the baseline.

Run: .venv/bin/python benchmarks/bench_export.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import fill
from game.store import csv_export
from game.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = 10_000


def whole_command(folder: Path) -> tuple[float, float]:
    """(seconds, peak MiB) of ``python main.py export --csv`` as its own process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "main.py", "--data-dir", str(folder), "export", "--csv", str(folder / "x.csv")],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def rows_each_replayed(sessions: list) -> int:  # type: ignore[type-arg]
    """The baseline: every session's choices replayed through the machine, as export did before."""
    count, loaded = 0, {}
    for saved in sessions:
        if saved.content_hash not in loaded:
            data = saved.content.encode("utf-8")
            loaded[saved.content_hash] = csv_export.load_scenario(saved.source, {}, data=data)[0]
        count += len(csv_export._situations(loaded[saved.content_hash], saved.choices))
    return count


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        fill(folder, SESSIONS)
        runs = [whole_command(folder) for _ in range(3)]
        seconds = statistics.median(r[0] for r in runs)
        print(f"export --csv of {SESSIONS:,} sessions, whole process: median {seconds:.2f} s, "
              f"peak {max(r[1] for r in runs):.0f} MiB (max RSS)")
        with Store.open(folder) as store:
            sessions = store.sessions()
        started = time.perf_counter()
        list(csv_export.rows(sessions))
        ours = time.perf_counter() - started
        started = time.perf_counter()
        rows_each_replayed(sessions)
        baseline = time.perf_counter() - started
        print(f"rows in process: {ours:.2f} s (each distinct route replayed once) vs {baseline:.2f} s "
              "(every session replayed, the baseline)")


if __name__ == "__main__":
    main()
