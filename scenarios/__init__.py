"""Marks the case library as package data of the game (``game.bundled.scenarios``); no code lives here."""
