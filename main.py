"""Start Omgekeerd: ``python main.py [command]`` (the same as the ``omgekeerd`` command)."""

import sys

from game.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
