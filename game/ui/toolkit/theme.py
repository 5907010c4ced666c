"""Colours and sizes of the game window, for the normal and the high-contrast theme.

A theme is plain data: the screens ask it for a colour by role and for sizes that follow
the text-size setting, projector mode and the window height.
"""

from __future__ import annotations

import math
from game.engine.records import dataclass

from game.ui.settings import TEXT_SIZES, Settings

Colour = tuple[int, int, int]
PROJECTOR_SCALE = 1.45
PROJECTOR_FIT = tuple(round(1 - n * 0.05, 2) for n in range(14))  # 1.0 down to 0.35: the projector's type
# shrinks in these steps (not below projector_floor) until a situation fits
PROJECTOR_MIN_PX = 32  # projector body text never below this at 1920x1080 (in proportion on other sizes)
PROJECTOR_SPACING = 1.2  # line pitch of a fitted situation in projector mode (normal: text.LINE_SPACING)
FULL_HD = (1920, 1080)


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
    chart_quadrants: tuple[Colour, Colour, Colour, Colour]  # omgekeerd, rules, kind, stuck: a checkerboard,
    # neighbours at least 1.5:1 apart and text 4.5:1 on each (visible on a projector)


NORMAL = Palette(
    background=(246, 245, 241), surface=(255, 255, 255), surface_alt=(236, 241, 246),
    border=(208, 212, 218), text=(28, 32, 38), muted=(84, 91, 102),
    accent=(26, 82, 140), accent_text=(255, 255, 255), focus=(192, 98, 0), hover=(226, 236, 247),
    disabled_bg=(238, 239, 241), disabled_text=(92, 98, 108),
    warning_bg=(253, 241, 220), warning_text=(112, 58, 0),
    new_bg=(220, 240, 226), new_text=(22, 92, 48),
    good=(30, 120, 62), bad=(170, 45, 40),
    shade=(20, 24, 30, 120),
    chart_quadrants=((140, 200, 156), (226, 233, 246), (250, 236, 206), (222, 166, 160)),
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
    chart_quadrants=((0, 110, 45), (0, 16, 48), (48, 32, 0), (140, 24, 24)),
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


def projector_floor(width: int, height: int) -> int:
    """The smallest body text (px) projector mode may shrink to, to fit a situation: 32 px at 1920x1080 and
    in proportion on other window sizes, and never below the smallest normal size."""
    share = min(width / FULL_HD[0], height / FULL_HD[1])
    return max(round(TEXT_SIZES[0] * _scale(width, height)), math.ceil(PROJECTOR_MIN_PX * share - 0.01))


def _base(settings: Settings) -> int:
    return TEXT_SIZES[max(0, min(len(TEXT_SIZES) - 1, settings.text_size))]


def _scale(width: int, height: int) -> float:
    return max(0.95, min(1.45, min(height / 720, width / 1280)))


def make_theme(settings: Settings, width: int, height: int, shrink: float = 1.0) -> Theme:
    """The theme for these settings and this window size (``shrink`` < 1: smaller type to fit a screen)."""
    scale = _scale(width, height)
    base = _base(settings)
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
