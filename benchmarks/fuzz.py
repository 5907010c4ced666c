"""Fuzz the scenario pipeline: N cases (default 10,000) built, broken and mutated, each loaded, validated
(with the scoring smells), analysed and played with a scripted route.

Prints the figures the hardening issue asks for: escaped exceptions, internal faults turned into
findings, findings without a line, and runs (validate, analyze, play) over 5 s or 500 MB (the process's peak resident
memory, read after each case). The cases come from tests/fuzzkit.py, seeded, so a run can be
repeated exactly; a failing case is written to the output folder to reproduce it.

Run: .venv/bin/python benchmarks/fuzz.py [--cases N] [--seed S] [--out DIR]
"""

from __future__ import annotations

import argparse
import collections
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzkit import library_texts, make_case, run_case

LIMIT_S = 5.0
LIMIT_MB = 500


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--out", type=Path, default=None, help="where failing cases are written")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="omgekeerd-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    library = library_texts()
    counts: collections.Counter[str] = collections.Counter()
    slowest: dict[str, tuple[float, int]] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="omgekeerd-fuzz-run-") as scratch:
        for number in range(args.cases):
            rng = random.Random(args.seed * 1_000_003 + number)
            data = make_case(rng, library)
            before = peak_mb()
            outcome = run_case(data, Path(scratch), rng)
            after = peak_mb()
            counts["playable"] += outcome.playable
            problems = []
            if outcome.escaped:
                problems.append("escaped exception: " + outcome.escaped.strip().splitlines()[-1])
            problems += ["internal fault: " + fault for fault in outcome.faults]
            problems += ["finding without a line: " + finding for finding in outcome.without_line]
            for stage, seconds in outcome.stages.items():
                if seconds > LIMIT_S:
                    problems.append(f"over {LIMIT_S:g} s: {stage} took {seconds:.1f} s")
                slowest[stage] = max(slowest.get(stage, (0.0, -1)), (seconds, number))
            if after > LIMIT_MB and after > before:
                problems.append(f"over {LIMIT_MB} MB: peak {after:.0f} MB")
            for problem in problems:
                counts[problem.split(":")[0]] += 1
                print(f"case {number}: {problem[:300]}")
            if problems:
                (out / f"case-{number}.yaml").write_bytes(data)
    total = time.monotonic() - started
    print(f"{args.cases} cases (seed {args.seed}) in {total:.0f} s; {counts['playable']} playable")
    for label in ("escaped exception", "internal fault", "finding without a line",
                  f"over {LIMIT_S:g} s", f"over {LIMIT_MB} MB"):
        print(f"  {label}: {counts[label]}")
    for stage, (seconds, number) in sorted(slowest.items()):
        print(f"  slowest {stage}: case {number}, {seconds:.2f} s")
    print(f"  peak memory of the whole run: {peak_mb():.0f} MB")
    print(f"  failing cases (if any) written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
