"""Benchmark the game window: cold start to the first drawn frame, drawing a text-heavy situation,
and the CPU an idle game uses.

Run: .venv/bin/python benchmarks/bench_ui.py   (prints figures; asserts nothing)

Everything runs headless (SDL_VIDEODRIVER=dummy). Cold starts are whole processes, timed from
launch to exit, beside ``python -c "import pygame; pygame.init()"`` as the baseline.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1",
       "PYTHONPATH": str(ROOT)}
RUNS = 7

# A child process: open the game on the start screen, draw the first frame, and stop there
# (or after the library is loaded, or run the real loop idle and report its CPU use).
CHILD = """
import resource, sys, tempfile, time
from pathlib import Path
from game.ui.app import App, Options
from game.ui.screens.start import StartScreen
app = App(Options(data_dir=Path(tempfile.mkdtemp()))).open()
until = sys.argv[1]
if until == "idle":
    def cpu():
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    launched, marks, wait = time.perf_counter(), {}, app._wait
    def timed_wait():  # the loop's own wait, with a stopwatch around the idle window
        now = time.perf_counter() - launched
        if now >= 2.0 and "from" not in marks:
            marks["from"] = (now, cpu())
        if now >= 7.0:
            marks["to"] = (now, cpu())
            app.running = False
        return wait()
    app._wait = timed_wait
    app.run(StartScreen(app))
    (t0, c0), (t1, c1) = marks["from"], marks["to"]
    print(f"{(c1 - c0) / (t1 - t0) * 100:.2f} {app.frames}")
else:
    app.show(StartScreen(app))
    app.frame()
    if until == "library":
        app.library.playable()
app.close()
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def process_seconds(args: list[str]) -> float:
    """Median wall time of a whole Python process (launch to exit)."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], env=ENV, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start() -> None:
    baseline = process_seconds(["-c", "import pygame; pygame.init()"])
    first = process_seconds(["-c", CHILD, "first"])
    library = process_seconds(["-c", CHILD, "library"])
    from game.content.library import load_library
    files = len(load_library().entries)
    print(f"cold start, median of {RUNS} whole processes:")
    print(f"  baseline python -c 'import pygame; pygame.init()': {baseline * 1000:.0f} ms")
    print(f"  game to its first drawn frame (start screen):      {first * 1000:.0f} ms   (target < 500 ms)")
    print(f"  ... and the library of {files} files loaded:           {library * 1000:.0f} ms")


def text_heavy_situation():  # type: ignore[no-untyped-def]
    """The library situation with the most text (its own text plus its choices)."""
    from game.content.library import load_library

    best = None
    for scenario in load_library().playable():
        for situation in scenario.situations.values():
            if not situation.choices:
                continue
            size = len(situation.text.get("nl")) + sum(len(c.text.get("nl")) for c in situation.choices)
            if best is None or size > best[0]:
                best = (size, scenario, situation)
    assert best is not None
    size, scenario, situation = best
    path = _path_to(scenario, situation.id)
    return scenario, path, size


def _path_to(scenario, target: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Choices that reach a situation (breadth-first over play)."""
    from game.engine.session import Session

    queue: list[list[str]] = [[]]
    seen = 0
    while queue and seen < 20_000:
        choices = queue.pop(0)
        seen += 1
        session = Session.replay(scenario, choices)
        if session.situation is not None and session.situation.id == target and not session.finished:
            return choices
        for option in session.choices:
            if option.available:
                queue.append(choices + [option.id])
    raise RuntimeError(f"{target} not reached")


def drawing() -> None:
    os.environ.update({k: v for k, v in ENV.items() if k.startswith(("SDL_", "PYGAME_"))})
    from game.ui.app import App, Options
    from game.ui.playthrough import Playthrough
    from game.ui.screens.situation import SituationScreen

    scenario, path, size = text_heavy_situation()
    print(f"drawing the most text-heavy library situation ({scenario.id}, {size} characters with its choices):")
    for width, height, projector in ((1280, 720, False), (1920, 1080, False), (1920, 1080, True)):
        app = App(Options(data_dir=Path(tempfile.mkdtemp()), size=(width, height), save_settings=False)).open()
        app.change_settings(projector=projector)
        app.player = app.records.ensure_player("Bench", "nieuw")
        play = Playthrough.begin(scenario, app.records, player="Bench", background="nieuw", mode="training",
                                 lang="nl", source=scenario.id)
        for choice_id in path:
            play.choose(choice_id)
        screen = SituationScreen(app, play)
        app.show(screen)
        start = time.perf_counter()
        app.frame()
        first = time.perf_counter() - start
        redraw, rebuild, scroll = [], [], []
        region = screen.region("main")
        for index in range(300):
            start = time.perf_counter()
            screen.draw(app.surface)
            redraw.append(time.perf_counter() - start)
            start = time.perf_counter()
            screen.rebuild(app.ui, width, height)
            screen.draw(app.surface)
            rebuild.append(time.perf_counter() - start)
            if region is not None:
                region = screen.region("main")
                region.scroll = (index * 37) % max(1, region.max_scroll + 1)
                start = time.perf_counter()
                screen.draw(app.surface)
                scroll.append(time.perf_counter() - start)
        label = f"{width}x{height}" + (" projector" if projector else "")
        print(f"  {label:22} first frame (layout, cold cache) {first * 1000:5.1f} ms")
        for name, values in (("redraw", redraw), ("rebuild + redraw", rebuild), ("scrolled redraw", scroll)):
            if values:
                print(f"  {'':22} {name:17} median {statistics.median(values) * 1000:5.2f} ms, "
                      f"p95 {percentile(values, 0.95) * 1000:5.2f} ms   (target p95 < 8 ms)")
        app.close()


def debrief_drawing() -> None:
    """The debrief is the screen with the most text: draw it, scrolled to every place."""
    from game.ui.app import App, Options
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.playthrough import Playthrough
    from scoring.analysis import analyse

    scenario, _path, _size = text_heavy_situation()
    app = App(Options(data_dir=Path(tempfile.mkdtemp()), save_settings=False)).open()
    app.player = app.records.ensure_player("Bench", "nieuw")
    play = Playthrough.begin(scenario, app.records, player="Bench", background="nieuw", mode="training",
                             lang="nl", source=scenario.id)
    for choice_id in analyse(scenario).expert_route:
        play.choose(choice_id)
    screen = DebriefScreen(app, play)
    app.show(screen)
    start = time.perf_counter()
    app.frame()
    first = time.perf_counter() - start
    region = screen.region("main")
    assert region is not None
    times = []
    for index in range(300):
        region.scroll = (index * 53) % max(1, region.max_scroll + 1)
        start = time.perf_counter()
        screen.draw(app.surface)
        times.append(time.perf_counter() - start)
    print(f"drawing the debrief ({scenario.id}, {region.content_height} px of content at 1280x720): "
          f"first frame {first * 1000:.1f} ms (with the analysis and the debrief object); scrolled redraw median "
          f"{statistics.median(times) * 1000:.2f} ms, p95 {percentile(times, 0.95) * 1000:.2f} ms")
    app.close()


def idle_cpu() -> None:
    """CPU of the real loop with no input, from 2 s to 7 s after launch (the process measures itself)."""
    shares, frames = [], []
    for _ in range(3):
        result = subprocess.run([sys.executable, "-c", CHILD, "idle"], env=ENV, cwd=ROOT, check=True,
                                capture_output=True, text=True)
        share, drawn = result.stdout.split()
        shares.append(float(share))
        frames.append(int(drawn))
    print(f"idle CPU over 5 s (start screen, no input), 3 runs: {', '.join(f'{s:.2f} %' for s in shares)}"
          f"   (target < 2 %); frames drawn in 7 s: {max(frames)}")


def main() -> None:
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), SDL video driver: dummy")
    cold_start()
    drawing()
    debrief_drawing()
    idle_cpu()


if __name__ == "__main__":
    main()
