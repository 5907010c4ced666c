"""Benchmark time to the first frame on a real X display (Xvfb): ``python main.py``'s start screen beside a bare
pygame-ce window with one text line, both from process start, medians of interleaved runs.

Run: .venv/bin/python benchmarks/bench_xvfb.py [runs]   (needs Debian's xvfb; prints figures; asserts nothing)
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT = next(iter(sorted((ROOT / "assets").rglob("*.ttf"))), None)

BARE = f"""
import time, pygame
pygame.init()
screen = pygame.display.set_mode((1280, 720))
font = pygame.font.Font({str(FONT)!r}, 28)
screen.fill((250, 250, 245))
screen.blit(font.render("Omgekeerd", True, (20, 20, 20)), (40, 40))
pygame.display.flip()
print(time.time(), flush=True)
pygame.quit()
"""

# The real launch path: what ``python main.py`` does (parse the command line, check the display, open the
# window, run the loop), with a stopwatch on the loop's frames: the first one presented, and the one after the
# records are open (the start screen with the earlier pseudonyms). The data folder comes from $OMGEKEERD_DATA.
GAME = """
import os, runpy, sys, time
from game.ui import app as window
frame = window.App.frame
def timed(self):
    drawn = frame(self)
    if drawn:
        print(time.time(), flush=True)
        if self.records_if_open is not None and self.frames >= 2:
            os._exit(0)
    return drawn
window.App.frame = timed
sys.argv = ["main.py"]
runpy.run_path("main.py", run_name="__main__")
"""


def first_frame(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launching the process to the child's first mark (its first frame presented) and its last."""
    launched = time.time()
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True,
                          timeout=60)
    marks = [float(line) for line in done.stdout.split()]
    return marks[0] - launched, marks[-1] - launched


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    for package in ("game", "scoring"):  # byte-compiled as an install leaves it (even under PYTHONDONTWRITEBYTECODE)
        compileall.compile_dir(ROOT / package, quiet=1)
    if shutil.which("Xvfb") is None:
        print("Xvfb is not installed (apt-get install -y xvfb)")
        return
    display = ":97"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = {**os.environ, "DISPLAY": display, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy",
               "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": tempfile.mkdtemp()}
        existing = {**env, "OMGEKEERD_DATA": tempfile.mkdtemp()}  # a data folder from an earlier start: the usual case
        first_frame(GAME, existing)
        bare, fresh, again, complete = [], [], [], []
        for _ in range(runs):
            bare.append(first_frame(BARE, env)[0])
            fresh.append(first_frame(GAME, {**env, "OMGEKEERD_DATA": tempfile.mkdtemp()})[0])
            first, full = first_frame(GAME, existing)
            again.append(first)
            complete.append(full)
        b, f, a, c = (statistics.median(values) for values in (bare, fresh, again, complete))
        load = os.getloadavg()[0]
        print(f"first frame on Xvfb, `python main.py`, median of {runs} interleaved runs (load {load:.2f}):")
        print(f"  bare pygame-ce window with one text line  {b * 1000:4.0f} ms")
        print(f"  the game's start screen, existing data    {a * 1000:4.0f} ms  {a / b:.2f}x  (target <= 1.2x)")
        print(f"  the game's start screen, new data folder  {f * 1000:4.0f} ms  {f / b:.2f}x")
        print(f"  ... with the records open (existing data) {c * 1000:4.0f} ms  {c / b:.2f}x")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
