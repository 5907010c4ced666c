"""Omgekeerd: the scenario engine core (no pygame here; the window lives in game.ui)."""

__version__ = "0.1.0"
