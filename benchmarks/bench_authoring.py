"""Benchmark the authoring tools: validate with scoring smells, the graph, and the smells' budget.

Run: .venv/bin/python benchmarks/bench_authoring.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.content.library import check_file, load_library
from game.render.graph import build_graph, to_dot, to_mermaid
from scoring.smells import smells, with_smells

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_engine import generated


def median_seconds(work, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    library = load_library()
    playable = library.playable()

    def validate_library() -> None:
        fresh = load_library()
        for entry in fresh.entries:
            with_smells(entry)

    print(f"validate the library with smells ({len(library.entries)} files): "
          f"{median_seconds(validate_library) * 1000:.0f} ms median")
    for scenario in playable:
        seconds = median_seconds(lambda scenario=scenario: smells(scenario))
        print(f"  smells of {scenario.id}: {seconds * 1000:.1f} ms")
    largest = max(playable, key=lambda s: sum(len(x.choices) for x in s.situations.values()))
    print(f"graph of the largest scenario ({largest.id}): "
          f"mermaid {median_seconds(lambda: to_mermaid(build_graph(largest))) * 1000:.0f} ms, "
          f"dot {median_seconds(lambda: to_dot(build_graph(largest))) * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gegenereerd.yaml"
        path.write_text(generated(2000), encoding="utf-8")
        entry = check_file(path, {})
        assert entry.scenario is not None
        seconds = median_seconds(lambda: smells(entry.scenario), runs=3)
        print(f"smells of a generated 2,000-situation scenario (skipped by the budget): {seconds:.2f} s median")


if __name__ == "__main__":
    main()
