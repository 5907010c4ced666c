"""Marks the bundled assets (fonts, portraits) as package data of the game (``game.bundled.assets``); no code lives here."""
