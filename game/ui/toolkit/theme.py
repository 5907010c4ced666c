"""Colours and sizes of the game window, for the normal and the high-contrast theme.

A theme is plain data: the screens ask it for a colour by role and for sizes that follow
the text-size setting, projector mode and the window height.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.ui.settings import TEXT_SIZES, Settings

Colour = tuple[int, int, int]
PROJECTOR_SCALE = 1.45
PROJECTOR_FIT = (1.0, 0.9, 0.8, 0.7)  # projector type shrinks in these steps until a situation fits


@dataclass(frozen=True)
class Palette:
    """Colours by role. Text colours reach at least 4.5:1 against their backgrounds."""

    background: Colour
    surface: Colour  # cards and panels
    surface_alt: Colour  # quiet blocks (speaker band, feedback)
    border: Colour
    text: Colour
    muted: Colour
    accent: Colour  # buttons, links, headings
    accent_text: Colour  # text on accent
    focus: Colour
    hover: Colour
    disabled_bg: Colour
    disabled_text: Colour
    warning_bg: Colour
    warning_text: Colour
    new_bg: Colour
    new_text: Colour
    good: Colour
    bad: Colour
    shade: tuple[int, int, int, int]  # overlay behind panels
    chart_quadrants: tuple[Colour, Colour, Colour, Colour]  # omgekeerd, rules, kind, stuck


NORMAL = Palette(
    background=(246, 245, 241), surface=(255, 255, 255), surface_alt=(236, 241, 246),
    border=(208, 212, 218), text=(28, 32, 38), muted=(84, 91, 102),
    accent=(26, 82, 140), accent_text=(255, 255, 255), focus=(192, 98, 0), hover=(226, 236, 247),
    disabled_bg=(238, 239, 241), disabled_text=(92, 98, 108),
    warning_bg=(253, 241, 220), warning_text=(112, 58, 0),
    new_bg=(220, 240, 226), new_text=(22, 92, 48),
    good=(30, 120, 62), bad=(170, 45, 40),
    shade=(20, 24, 30, 120),
    chart_quadrants=((222, 241, 228), (232, 236, 244), (250, 240, 222), (246, 230, 228)),
)

HIGH_CONTRAST = Palette(
    background=(0, 0, 0), surface=(0, 0, 0), surface_alt=(18, 18, 18),
    border=(255, 255, 255), text=(255, 255, 255), muted=(235, 235, 235),
    accent=(255, 221, 0), accent_text=(0, 0, 0), focus=(0, 230, 255), hover=(40, 40, 40),
    disabled_bg=(0, 0, 0), disabled_text=(200, 200, 200),
    warning_bg=(60, 30, 0), warning_text=(255, 221, 0),
    new_bg=(0, 0, 0), new_text=(120, 255, 150),
    good=(120, 255, 150), bad=(255, 140, 130),
    shade=(0, 0, 0, 200),
    chart_quadrants=((0, 45, 10), (0, 20, 60), (60, 40, 0), (60, 0, 0)),
)


@dataclass(frozen=True)
class Theme:
    """Palette plus sizes for one window size and one set of settings."""

    palette: Palette
    text_px: int  # body text
    small_px: int
    heading_px: int
    title_px: int
    unit: int  # spacing unit in pixels
    column: int  # maximum width of a reading column
    projector: bool
    high_contrast: bool

    @property
    def pad(self) -> int:
        return self.unit * 2

    @property
    def radius(self) -> int:
        return 0 if self.high_contrast else max(4, self.unit // 2 + 2)

    @property
    def ring(self) -> int:
        return max(3, self.unit // 3)


def make_theme(settings: Settings, width: int, height: int, shrink: float = 1.0) -> Theme:
    """The theme for these settings and this window size (``shrink`` < 1: smaller type to fit a screen)."""
    scale = max(0.95, min(1.45, min(height / 720, width / 1280)))
    base = TEXT_SIZES[max(0, min(len(TEXT_SIZES) - 1, settings.text_size))]
    if settings.projector:
        base = round(base * PROJECTOR_SCALE * shrink)
    text_px = round(base * scale)
    unit = max(6, round(text_px * 0.5))
    column = min(width - 4 * unit, round(text_px * 44))
    return Theme(
        palette=HIGH_CONTRAST if settings.high_contrast else NORMAL,
        text_px=text_px,
        small_px=max(12, round(text_px * 0.82)),
        heading_px=round(text_px * 1.3),
        title_px=round(text_px * 1.7),
        unit=unit,
        column=column,
        projector=settings.projector,
        high_contrast=settings.high_contrast,
    )
