"""The bundled DejaVu Sans fonts, loaded on first use and cached by style and pixel size."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.bundled import font_folder

FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "italic": "DejaVuSans-Oblique.ttf"}
SYSTEM_NAMES = {"regular": ("dejavusans", False, False), "bold": ("dejavusans", True, False),
                "italic": ("dejavusans", False, True)}


class FontError(Exception):
    """The bundled font is missing and no DejaVu Sans is installed."""


class Fonts:
    """Font objects by (style, size); the bundled TTF files, or an installed DejaVu Sans."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else font_folder()
        self._cache: dict[tuple[str, int], pygame.font.Font] = {}

    def path(self, style: str) -> str:
        """The font file for a style (regular, bold, italic)."""
        bundled = self.folder / FILES.get(style, FILES["regular"])
        if bundled.is_file():
            return str(bundled)
        name, bold, italic = SYSTEM_NAMES.get(style, SYSTEM_NAMES["regular"])
        found = pygame.font.match_font(name, bold, italic)
        if not found:
            raise FontError(f"the font {bundled} is missing; reinstall Omgekeerd or install DejaVu Sans")
        return found

    def get(self, style: str, size: int) -> pygame.font.Font:
        """A font of this style and pixel size."""
        key = (style, size)
        font = self._cache.get(key)
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            font = pygame.font.Font(self.path(style), size)
            self._cache[key] = font
        return font
