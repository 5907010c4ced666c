"""Benchmark the short commands as whole processes, beside ``python -c "import yaml, transitions"`` in the same run.

Run: .venv/bin/python benchmarks/bench_commands.py [runs]   (prints medians; asserts nothing)
The runs are interleaved (baseline, every command, again), so a busy machine slows all alike. Each command runs
twice a round: with the user cache folder the commands keep (the listing, compiled templates and the analyses of
scenario texts already seen: a trainer's next command) and with a new empty one (the first command after a scenario
file changed, or after installing).
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


def once(argv: list[str], cache: str) -> float:
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env={**os.environ, "SDL_VIDEODRIVER": "dummy", "XDG_CACHE_HOME": cache})
    return time.perf_counter() - started


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    for package in ("game", "scoring"):  # byte-compiled as an install leaves it (even under PYTHONDONTWRITEBYTECODE)
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory() as data:
        kept = str(Path(data) / "cache")
        table = commands(data, str(Path(data) / "report.html"))
        for argv in table.values():
            once(argv, kept)  # a session for report --last; the kept cache as after one run of each
        times: dict[str, list[float]] = {name: [] for name in table}
        cold: dict[str, list[float]] = {name: [] for name in table}
        for round_ in range(runs):
            for number, (name, argv) in enumerate(table.items()):
                times[name].append(once(argv, kept))
                cold[name].append(once(argv, str(Path(data) / f"empty-{round_}-{number}")))
    base = statistics.median(times["baseline: import yaml, transitions"] + cold["baseline: import yaml, transitions"])
    print(f"whole-process medians of {runs} interleaved runs: with the kept cache folder | with an empty one")
    for name in table:
        cells = []
        for measured in (times[name], cold[name]):
            median = statistics.median(measured)
            ok = "" if name.startswith("baseline") else \
                (" ok" if median < TARGET_SECONDS and median <= TARGET_RATIO * base else " OVER")
            cells.append(f"{median * 1000:5.0f} ms {median / base:4.1f}x{ok:5}")
        print(f"{name:44} {cells[0]} | {cells[1]}")
    edited = list_after_an_edit(runs)
    print(f"{'list, one library file changed since':44} {edited * 1000:5.0f} ms {edited / base:4.1f}x "
          "(a copy of the library, kept cache)")


def list_after_an_edit(runs: int) -> float:
    """``list`` of a copy of the library with the kept cache, one of its files touched before each run."""
    import shutil

    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "bieb"
        shutil.copytree(ROOT / "scenarios", library)
        cache = str(Path(folder) / "cache")
        argv = [PYTHON, "main.py", "list"]
        os.environ["OMGEKEERD_SCENARIOS"] = str(library)
        try:
            once(argv, cache)
            measured = []
            for round_ in range(runs):
                (library / "traplift.yaml").touch()
                os.utime(library / "traplift.yaml", ns=(round_ * 10**9, round_ * 10**9))
                measured.append(once(argv, cache))
        finally:
            del os.environ["OMGEKEERD_SCENARIOS"]
    return statistics.median(measured)


if __name__ == "__main__":
    main()
