"""Benchmark the first choice of a 10,000-situation case (a fresh session on a just-loaded scenario), beside
building the whole machine first (what the first choice cost before issue 16), and loading with/without cyclic GC.

Run: .venv/bin/python benchmarks/bench_first_choice.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import generated
from game.content.library import _checked, catalogue_for, check_file
from game.engine import machine
from game.engine.session import Session

SITUATIONS = 10_000


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "gegenereerd.yaml"
        path.write_text(generated(SITUATIONS, width=2), encoding="utf-8")  # under the loader's 400,000-node limit
        catalogue = catalogue_for(path)[0]
        first, full, paused, collected = [], [], [], []
        for _ in range(3):
            started = time.perf_counter()
            check_file(path, catalogue)
            paused.append(time.perf_counter() - started)
            gc.collect()
            started = time.perf_counter()
            _checked(path, catalogue)  # the same load with the cyclic collector running
            collected.append(time.perf_counter() - started)
            for out in (first, full):
                scenario = check_file(path, catalogue).scenario
                assert scenario is not None
                started = time.perf_counter()
                if out is full:
                    machine.build_machine(scenario)  # the baseline: every transition first
                Session(scenario).choose("k0")
                out.append(time.perf_counter() - started)
    print(f"load + validate {SITUATIONS:,} situations: {statistics.median(paused):.2f} s with cyclic GC paused, "
          f"{statistics.median(collected):.2f} s with it running")
    print(f"first choice at {SITUATIONS:,} situations: {statistics.median(first) * 1000:.0f} ms median "
          f"(baseline, whole machine built first: {statistics.median(full) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
