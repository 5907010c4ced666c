"""Benchmark the scale curve: validate generated cases of 100 → 10,000 situations, and the analysis's cost
per play state from 10^3 to 10^5 states (10^7 with --big) (time and memory), each beside the plain walk it replaced.

Run: .venv/bin/python benchmarks/bench_scale.py [--big]   (--big adds 10^6 and 10^7 states: minutes and GiBs)
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench_engine import generated
from game.content.library import catalogue_for, check_file
from scoring import analysis
from scoring.smells import with_smells
from test_performance_analysis import reference  # a plain walk over game.engine.rules, the baseline


def grid(layers: int) -> str:
    """``layers`` binary choices, each +1 on one of two wide metrics: about layers²/2 play states."""
    lines = ["format: 1", "id: raster", "title: {nl: Raster, en: Grid}", "start: s0", "metrics:",
             "  a: {label: {nl: A}, axis: resident, start: 0, min: 0, max: 100000000}",
             "  b: {label: {nl: B}, axis: rules, start: 0, min: 0, max: 100000000}", "situations:"]
    for i in range(layers):
        target = f"s{i + 1}" if i + 1 < layers else "einde"
        lines += [f"  s{i}:", "    text: {nl: \"S.\", en: \"S.\"}", "    choices:",
                  f"      - {{id: links, text: {{nl: \"Links\", en: \"Left\"}}, effects: {{a: 1}}, goto: {target}}}",
                  f"      - {{id: rechts, text: {{nl: \"Rechts\", en: \"Right\"}}, effects: {{b: 1}}, goto: {target}}}"]
    lines += ["endings:", "  einde: {title: {nl: Einde, en: End}, text: {nl: \"E.\", en: \"E.\"}}"]
    return "\n".join(lines) + "\n"


def loaded(folder: Path, text: str):  # type: ignore[no-untyped-def]
    path = folder / "geval.yaml"
    path.write_text(text, encoding="utf-8")
    return path, check_file(path, catalogue_for(path)[0])


def validate_curve(folder: Path) -> None:
    print("validate (load + check + scoring smells, one exploration within the budget), median of 3")
    for situations in (100, 1_000, 10_000):
        path, entry = loaded(folder, generated(situations, width=2))  # under the loader's 400,000-node limit
        assert entry.ok, entry.findings[:2]
        times = []
        for _ in range(3):
            started = time.perf_counter()
            entry = check_file(path, catalogue_for(path)[0])
            with_smells(entry)
            times.append(time.perf_counter() - started)
        print(f"  {situations:>6,} situations: {statistics.median(times):6.2f} s")


def state_curve(big: bool) -> None:
    print("analysis per play state (no budget), compact states; memory is tracemalloc's peak / states")
    sizes = [44, 140, 446] + ([1413, 4471] if big else [])
    with tempfile.TemporaryDirectory() as name:
        for layers in sizes:
            _path, entry = loaded(Path(name), grid(layers))
            scenario = entry.scenario
            assert scenario is not None, entry.findings[:3]
            gc.collect()
            started = time.perf_counter()
            result = analysis._explored(scenario, 10**9, 1e9)
            seconds = time.perf_counter() - started
            del result
            gc.collect()
            tracemalloc.start()
            result = analysis._explored(scenario, 10**9, 1e9)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            states = result.states
            plain = ""
            if states <= 20_000:  # the baseline: a plain walk over the engine's State, as the analysis was
                sys.setrecursionlimit(10_000)
                started = time.perf_counter()
                reference(scenario)
                plain = f" (plain walk over rules.State: {(time.perf_counter() - started) * 1e6 / states:5.2f} µs)"
            print(f"  {states:>10,} states ({layers} situations): {seconds:7.2f} s, "
                  f"{seconds * 1e6 / states:5.2f} µs and {peak / states:4.0f} bytes per state{plain}")
            del result


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        validate_curve(Path(name))
    state_curve("--big" in sys.argv)


if __name__ == "__main__":
    main()
