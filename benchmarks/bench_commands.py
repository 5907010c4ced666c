"""Benchmark the short commands as whole processes, beside ``python -c "import yaml, transitions"`` in the same run.

Run: .venv/bin/python benchmarks/bench_commands.py [runs]   (prints medians; asserts nothing)
The runs are interleaved (baseline, every command, again), so a busy machine slows all alike.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TARGET_SECONDS, TARGET_RATIO = 0.3, 2.5


def commands(data: str, out: str) -> dict[str, list[str]]:
    """The short commands of issue 16 and the baseline."""
    main = [PYTHON, "main.py"]
    return {
        "baseline: import yaml, transitions": [PYTHON, "-c", "import yaml, transitions"],
        "list": main + ["list"],
        "validate scenarios/traplift.yaml": main + ["validate", "scenarios/traplift.yaml"],
        "analyze traplift --json": main + ["analyze", "traplift", "--json"],
        "play --text traplift --choices … --json": main + ["--data-dir", data, "play", "--text", "traplift",
                                                           "--choices", "keukentafel_plannen", "--json"],
        "graph traplift --format mermaid": main + ["graph", "traplift", "--format", "mermaid"],
        "report --last --out F": main + ["--data-dir", data, "report", "--last", "--out", out],
    }


def once(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env={**os.environ, "SDL_VIDEODRIVER": "dummy"})
    return time.perf_counter() - started


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    for package in ("game", "scoring"):  # byte-compiled as an install leaves it (even under PYTHONDONTWRITEBYTECODE)
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory() as data:
        table = commands(data, str(Path(data) / "report.html"))
        once(table["play --text traplift --choices … --json"])  # a session for report --last
        times: dict[str, list[float]] = {name: [] for name in table}
        for _ in range(runs):
            for name, argv in table.items():
                times[name].append(once(argv))
    base = statistics.median(times["baseline: import yaml, transitions"])
    print(f"whole-process medians of {runs} interleaved runs")
    for name, measured in times.items():
        median = statistics.median(measured)
        ok = "" if name.startswith("baseline") else \
            ("  ok" if median < TARGET_SECONDS and median <= TARGET_RATIO * base else "  OVER TARGET")
        print(f"{name:44} {median * 1000:6.0f} ms  {median / base:4.1f}x baseline{ok}")


if __name__ == "__main__":
    main()
