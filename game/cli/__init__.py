"""The command line layer: ``omgekeerd`` / ``python main.py`` (entry point ``game.cli.main:main``)."""
