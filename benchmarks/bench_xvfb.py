"""Benchmark time to the first frame on a real X display (Xvfb): the game's start screen beside a bare
pygame-ce window with one text line, both from process start, medians of interleaved runs.

Run: .venv/bin/python benchmarks/bench_xvfb.py [runs]   (needs Debian's xvfb; prints figures; asserts nothing)
"""

from __future__ import annotations

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

GAME = """
import tempfile, time
from pathlib import Path
from game.ui.app import App, Options
from game.ui.screens.start import StartScreen
app = App(Options(data_dir=Path(tempfile.mkdtemp()))).open()
app.show(StartScreen(app))
app.frame()
print(time.time(), flush=True)
app.close()
"""


def first_frame(code: str, env: dict[str, str]) -> float:
    """Seconds from launching the process to the child's mark after its first frame was presented."""
    launched = time.time()
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1]) - launched


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
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
        bare, game = [], []
        for _ in range(runs):
            bare.append(first_frame(BARE, env))
            game.append(first_frame(GAME, env))
        b, g = statistics.median(bare), statistics.median(game)
        print(f"first frame on Xvfb, median of {runs} interleaved runs: bare pygame-ce window with one text line "
              f"{b * 1000:.0f} ms, the game's start screen {g * 1000:.0f} ms ({g / b:.2f}x; target <= 1.2x)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
