"""Benchmark the engine: load + validate the library, a generated 2,000-situation scenario,
scripted choices per second, and the analysis of a scenario with over a million playthroughs.

Run: .venv/bin/python benchmarks/bench_engine.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.content.library import check_file, default_folder, load_library
from game.engine.loader import load_catalogue
from game.engine.session import Session
from scoring.analysis import analyse


def generated(situations: int, width: int = 3) -> str:
    """A valid scenario: a chain of situations, each with ``width`` choices, some conditional."""
    lines = ["format: 1", "id: gegenereerd", "title: {nl: Gegenereerd, en: Generated}", "start: s0",
             "situations:"]
    for i in range(situations):
        target = f"s{i + 1}" if i + 1 < situations else "einde"
        lines += [f"  s{i}:", "    speaker: narrator",
                  f"    text: {{nl: \"Situatie {i}. Je moet kiezen wat je doet.\", en: \"Situation {i}.\"}}",
                  "    choices:"]
        for c in range(width):
            effect = ["trust: 1", "legality: 1", "security: -1"][c % 3]
            requires = ", requires: {metric: trust, gte: -5}" if c == 2 else ""
            lines.append(f"      - {{id: k{c}, text: {{nl: \"Keuze {c}\"}}, effects: {{{effect}}}{requires}, "
                         f"goto: {target}}}")
    lines += ["endings:", "  einde: {title: {nl: Einde}, text: {nl: \"Zes maanden later.\"}}"]
    return "\n".join(lines) + "\n"


def timed(function, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    library_time, library = timed(load_library)
    files = len(library.entries)
    print(f"load + validate the library ({files} scenario files): median {library_time * 1000:.0f} ms")

    catalogue, _ = load_catalogue(str(default_folder() / "levers.yaml"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gegenereerd.yaml"
        path.write_text(generated(2000), encoding="utf-8")
        size = path.stat().st_size // 1024
        big_time, entry = timed(lambda: check_file(path, catalogue), repeat=3)
        errors = [f for f in entry.findings if f.is_error]
        print(f"load + validate a generated scenario of 2,000 situations ({size} KiB): "
              f"median {big_time:.2f} s ({len(errors)} errors)")
        scenario = entry.scenario
        choices = ["k0"] * 2000
        started = time.perf_counter()
        session = Session.replay(scenario, choices)
        elapsed = time.perf_counter() - started
        assert session.finished
        print(f"scripted session: {len(choices) / elapsed:,.0f} choices per second")

        layers = 24
        wide = generated(layers, width=2)
        path.write_text(wide, encoding="utf-8")
        small = check_file(path, catalogue).scenario
        analysis_time, analysis = timed(lambda: analyse(small))
        print(f"analysis of {analysis.playthroughs:,} playthroughs ({analysis.states} states): "
              f"median {analysis_time * 1000:.0f} ms")

    for scenario in library.playable():
        started = time.perf_counter()
        result = analyse(scenario)
        print(f"  analysis {scenario.id}: {result.playthroughs:,} playthroughs, {result.states} states, "
              f"{(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
