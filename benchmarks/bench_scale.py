"""Benchmark the scale curve: validate generated cases of 100 → 10,000 situations, and the analysis's cost
per play state from 10^3 to 10^5 states (10^7 with --big) (time and memory), each beside the plain walk it replaced.

Run: .venv/bin/python benchmarks/bench_scale.py [--big]   (--big adds 10^6 and 10^7 states: minutes and ~5 GiB;
the 10^6 size is measured both with tracemalloc and by the resident set, 10^7 by the resident set only)
     .venv/bin/python benchmarks/bench_scale.py --one LAYERS   (one grid of LAYERS binary choices: ~LAYERS²/2 states)
"""

from __future__ import annotations

import gc
import resource
import statistics
import subprocess
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

ROOT = Path(__file__).resolve().parent.parent


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
    print("validate (load + check + scoring smells, one exploration within the budget), median of 3: in the process,"
          " and `python main.py validate FILE` as a whole process beside `python -c 'import yaml, transitions'`")
    for situations in (100, 1_000, 10_000):
        path, entry = loaded(folder, generated(situations, width=2))  # under the loader's 400,000-node limit
        assert entry.ok, entry.findings[:2]
        times, whole, bare = [], [], []
        for _ in range(3):
            started = time.perf_counter()
            entry = check_file(path, catalogue_for(path)[0], play=False)
            with_smells(entry)
            times.append(time.perf_counter() - started)
            whole.append(_process([sys.executable, "main.py", "validate", str(path)]))
            bare.append(_process([sys.executable, "-c", "import yaml, transitions"]))
        print(f"  {situations:>6,} situations: {statistics.median(times):6.2f} s in the process, "
              f"{statistics.median(whole):6.2f} s whole process (baseline {statistics.median(bare):.2f} s)")


def _process(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def state_curve(big: bool) -> None:
    print("analysis per play state (no budget), compact states; memory is tracemalloc's peak / states")
    sizes = [44, 140, 446] + ([1413] if big else [])
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


def _reset_peak() -> bool:
    """Linux: start the peak resident set (VmHWM) again from the current one."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _status(key: str) -> int:
    """A size from /proc/self/status, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(key)


def by_resident_size(layers: int) -> None:
    """One grid analysed once in this process; memory is the growth of the peak resident set over the analysis
    (tracemalloc would trace ~10^8 allocations at 10^7 states: hours)."""
    with tempfile.TemporaryDirectory() as name:
        _path, entry = loaded(Path(name), grid(layers))
        scenario = entry.scenario
        assert scenario is not None, entry.findings[:3]
        gc.collect()
        reset = _reset_peak()  # else loading the case may have set a peak the analysis stays under
        before = _status("VmRSS") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        started = time.perf_counter()
        result = analysis._explored(scenario, 10**9, 1e9)
        seconds = time.perf_counter() - started
        grown = (_status("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024) - before
        states = result.states
        print(f"  {states:>10,} states ({layers} situations): {seconds:7.2f} s, {seconds * 1e6 / states:5.2f} µs "
              f"and {grown / states:4.0f} bytes per state (peak resident set growth, a process of its own)")


def main() -> None:
    if "--one" in sys.argv:
        by_resident_size(int(sys.argv[sys.argv.index("--one") + 1]))
        return
    with tempfile.TemporaryDirectory() as name:
        validate_curve(Path(name))
    state_curve("--big" in sys.argv)
    if "--big" in sys.argv:
        print("the largest sizes, each in a process of its own:")
        for layers in (1413, 4471):
            subprocess.run([sys.executable, __file__, "--one", str(layers)], check=False)


if __name__ == "__main__":
    main()
