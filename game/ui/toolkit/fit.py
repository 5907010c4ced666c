"""Fitting a situation to the window: the story above, every choice below, at type sizes that fit.

The situation screen and the workshop's projector screens lay a situation out with
:func:`lay_out`. It measures the story and the choices (each built by a function that adds
widgets to a column), picks the type sizes and builds the regions:

- in projector mode (``pin=True``) the type shrinks in the steps of ``theme.PROJECTOR_FIT``,
  never below ``theme.projector_floor`` (32 px at 1920x1080): the story first, then the
  choices. Every choice stays on screen: when even the smallest story does not fit, the
  choices are pinned at the bottom and the story scrolls above them, with a cue that more
  text follows;
- in normal mode (``pin=False``) the type keeps the player's size and the situation
  scrolls as one; while choices lie below the fold, a cue says how many follow, and a
  click on it scrolls them into view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from game.engine.records import dataclass

import pygame

from game.ui.settings import Settings
from game.ui.toolkit.theme import PROJECTOR_FIT, PROJECTOR_SPACING, make_theme, projector_floor
from game.ui.toolkit.widgets import Button, Column, DrawState, Layer, Region, Ui, Widget, rounded

Builder = Callable[[Column], None]
STORY, CHOICES, CUE = "main", "choices", "more-below"  # region names (CHOICES and STORY: also a part's height)
STACKED, SIDE = "stacked", "side"  # story above the choices, or story left and choices right
SIDE_STORY_SHARE = 0.42  # of the width, for the story when side by side
MIN_STORY_LINES = 3  # a pinned story keeps at least this many lines of room


@dataclass(frozen=True)
class Fit:
    """The type picked for the story and for the choices, how they are arranged, and whether they fit unscrolled."""

    story: Ui
    choices: Ui
    arrangement: str
    fits: bool


@dataclass
class Fitted:
    """What :func:`lay_out` built: the story region, the region holding the choices and the cue."""

    fit: Fit
    story: Region
    choices: Region
    choice_widgets: list[Widget]
    cue: MoreBelow | None


class ChoiceButton(Button):
    """A numbered choice. An unavailable one is greyed, but a click still runs its action (which says why).
    In projector mode its padding is tighter (the room reads the words, not the box)."""

    def _padding(self, ui: Ui) -> tuple[int, int]:
        if ui.theme.projector:
            return ui.theme.unit * 2, int(ui.theme.unit * 0.7)
        return super()._padding(ui)

    def activate(self) -> None:
        if self.action is not None:
            self.action()


class MoreBelow(Widget):
    """A cue at the bottom of a scrolling region while content lies below its fold.

    With ``watched`` widgets it counts those not fully in view ("2 more choices below");
    without, it shows while the region can scroll further. A click scrolls to the end.
    """

    def __init__(self, region: Region, text: Callable[[int], str], watched: Sequence[Widget] = (),
                 key: str = CUE) -> None:
        super().__init__(key)
        self.region, self.text, self.watched = region, text, list(watched)

    @property
    def hidden(self) -> int:
        """How many watched widgets lie (partly) below the fold, the top of the cue's strip; without watched
        widgets 1 while the region can scroll further."""
        region = self.region
        fold = region.scroll + region.viewport.height - self.rect.height
        if not self.watched:
            return int(region.scroll < region.max_scroll)
        return sum(1 for widget in self.watched if widget.rect.bottom > fold)

    @property
    def focusable(self) -> bool:  # type: ignore[override]  # only while it is shown
        return self.hidden > 0

    @property
    def label(self) -> str:
        return self.text(self.hidden) if self.hidden else ""

    def height(self, ui: Ui) -> int:
        """The height of the cue's strip."""
        return ui.layout("Ag", "text", 10_000, "bold").line_height + ui.theme.unit

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.rect = pygame.Rect(x, y, width, self.height(ui))
        return self.rect.height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        """A strip across the bottom of the region, the words in the middle (nothing while all is in view)."""
        count = self.hidden
        if not count:
            return
        rect = self.screen_rect(origin)
        surface.fill(ui.colour("hover" if state.hovered else "background"), rect)
        line = 1 if not ui.theme.high_contrast else 2
        surface.fill(ui.colour("accent"), pygame.Rect(rect.x, rect.y, rect.width, line))
        layout = ui.layout(self.text(count), "text", rect.width, "bold", rich=False)
        x = rect.centerx - layout.text_width // 2
        layout.draw(surface, x, rect.y + (rect.height - layout.line_height) // 2, ui.colour("accent"))
        if state.focused:
            ring = pygame.Rect(x - ui.theme.unit, rect.y + line + 1, layout.text_width + 2 * ui.theme.unit,
                               rect.height - line - 2)
            rounded(surface, ui.colour("focus"), ring, ui.theme.radius, ui.theme.ring)

    def activate(self) -> None:
        region = self.region
        region.scroll = region.max_scroll
        region.clamp()


def type_steps(ui: Ui, settings: Settings, width: int, height: int) -> list[Ui]:
    """The type to try, largest first: ``ui`` alone outside projector mode; in projector mode each step of
    ``PROJECTOR_FIT`` whose body text stays at or above the floor (32 px at 1920x1080), with the tighter
    line spacing of ``PROJECTOR_SPACING``."""
    if not ui.theme.projector:
        return [ui]
    floor = projector_floor(width, height)
    typesetter = ui.typesetter.spaced(PROJECTOR_SPACING)
    steps: list[Ui] = []
    for shrink in PROJECTOR_FIT:
        theme = make_theme(settings, width, height, shrink)
        if steps and (theme.text_px < floor or theme.text_px == steps[-1].theme.text_px):
            continue
        steps.append(replace(ui, theme=theme, typesetter=typesetter))
    return steps


def measure(ui: Ui, width: int, build: Builder) -> int:
    """The height ``build`` takes in a column ``width`` wide, laid out with ``ui`` (trailing gap included)."""
    probe = Region("probe", pygame.Rect(0, 0, width, 10_000))
    column = Column(ui, probe, 0, 0, width)
    build(column)
    return column.y


def size_pairs(steps: Sequence[Ui]) -> list[tuple[Ui, Ui]]:
    """(story, choices) type pairs, largest first: the story shrinks first, then the choices."""
    pairs = [(story, steps[0]) for story in steps]
    return pairs + [(steps[-1], choices) for choices in steps[1:]]


def fit_sizes(steps: Sequence[Ui], room: int, height: Callable[[str, Ui, Ui], int],
              arrangements: Sequence[str] = (STACKED, SIDE)) -> Fit:
    """The largest type for which story and choices fit in ``room`` px (``height(arrangement, story_ui,
    choices_ui)``): the story shrinks first, then the choices; at each size stacked before side by side (where
    the story may then grow back, up to the choices' size). When nothing fits: stacked, the smallest story,
    the largest choices that leave the story a few lines."""
    if not steps:
        raise ValueError("fit_sizes needs at least one step")
    for story, choices in size_pairs(steps):
        for arrangement in arrangements:
            if height(arrangement, story, choices) <= room:
                grown = next((s for s in steps if s.theme.text_px <= choices.theme.text_px
                              and height(arrangement, s, choices) <= room), story)
                return Fit(grown, choices, arrangement, True)
    smallest = steps[-1]
    story_room = MIN_STORY_LINES * smallest.layout("Ag").line_height
    for choices in steps:
        if height(CHOICES, smallest, choices) + story_room <= room:
            return Fit(smallest, choices, STACKED, False)
    return Fit(smallest, smallest, STACKED, False)


def lay_out(layer: Layer, steps: Sequence[Ui], viewport: pygame.Rect, column: tuple[int, int], story: Builder,
            choices: Builder, *, pin: bool, more_choices: Callable[[int], str],
            more_text: Callable[[int], str], fit: Fit | None = None) -> Fitted:
    """Build the story and the choices into ``layer`` inside ``viewport`` (screen px), in the reading
    ``column`` (x, width). ``pin``: projector mode (every choice on screen, type shrinks to fit, side by side
    when that keeps the type larger); otherwise one scrolling region with a cue while choices lie below the
    fold. ``more_choices(n)``/``more_text(n)`` are the cues' words. The story region is called ``"main"``
    and comes first in the layer. ``fit``: the sizes picked before for the same situation and window (the
    caller may keep ``Fitted.fit``; picking them lays the situation out several times)."""
    if not pin:
        return _one_region(layer, steps[0], viewport, column, story, choices, more_choices)
    geometry = Geometry.of(steps[0], viewport, column)
    measured: dict[tuple[int, int, int], int] = {}

    def measured_once(part: int, ui: Ui, width: int) -> int:
        key = (part, ui.theme.text_px, width)
        if key not in measured:
            measured[key] = measure(ui, width, (story, choices)[part])
        return measured[key]

    def height(arrangement: str, story_ui: Ui, choices_ui: Ui) -> int:
        top, bottom = story_ui.theme.unit * 3, choices_ui.theme.unit * 2
        story_width, choices_width = geometry.widths(arrangement)
        story_height = top + measured_once(0, story_ui, story_width) if arrangement != CHOICES else 0
        if arrangement == STORY:  # the story alone
            return story_height
        choices_height = measured_once(1, choices_ui, choices_width) + bottom
        if arrangement == CHOICES:  # the choices alone
            return choices_height
        if arrangement == SIDE:
            return max(story_height, top + choices_height)
        return story_height + choices_height

    arrangements = (STACKED, SIDE) if geometry.side_by_side else (STACKED,)
    if fit is None:
        fit = fit_sizes(steps, viewport.height, height, arrangements)
    return _pinned(layer, fit, viewport, geometry, story, choices, height, more_text)


@dataclass(frozen=True)
class Geometry:
    """Where the columns go: the reading column when stacked; story left, choices right side by side."""

    column: tuple[int, int]
    story: tuple[int, int]
    choices: tuple[int, int]

    @classmethod
    def of(cls, ui: Ui, viewport: pygame.Rect, column: tuple[int, int]) -> Geometry:
        unit = ui.theme.unit
        left = viewport.x + unit * 3
        inner = viewport.width - unit * 6
        story_width = round(inner * SIDE_STORY_SHARE) - unit
        choices_x = left + story_width + unit * 3
        return cls(column, (left, story_width), (choices_x, viewport.x + viewport.width - unit * 3 - choices_x))

    @property
    def side_by_side(self) -> bool:
        """Wide enough to put story and choices beside each other (a 4:3 window is not)."""
        return self.story[1] >= self.column[1] * 0.4

    def widths(self, arrangement: str) -> tuple[int, int]:
        if arrangement == SIDE:
            return self.story[1], self.choices[1]
        return self.column[1], self.column[1]


def _pinned(layer: Layer, fit: Fit, viewport: pygame.Rect, geometry: Geometry, story: Builder, choices: Builder,
            height: Callable[[str, Ui, Ui], int], more_text: Callable[[int], str]) -> Fitted:
    """Projector mode: the story region and the choices region, both on screen."""
    side = fit.arrangement == SIDE
    story_x, story_width = geometry.story if side else geometry.column
    choices_x, choices_width = geometry.choices if side else geometry.column
    top = fit.story.theme.unit * 3
    if side:
        middle = (story_x + story_width + choices_x) // 2
        story_rect = pygame.Rect(viewport.x, viewport.y, middle - viewport.x, viewport.height)
        choices_rect = pygame.Rect(story_rect.right, viewport.y, viewport.right - story_rect.right, viewport.height)
        choices_top = top
    else:
        wanted_choices = height(CHOICES, fit.story, fit.choices)
        story_bottom = viewport.y + (height(STORY, fit.story, fit.choices) if fit.fits
                                     else viewport.height - wanted_choices)
        story_rect = pygame.Rect(viewport.x, viewport.y, viewport.width, story_bottom - viewport.y)
        choices_rect = pygame.Rect(viewport.x, story_bottom, viewport.width, viewport.bottom - story_bottom)
        choices_top = 0
    story_region = Region(STORY, story_rect, scroll=True)
    story_region.ui = fit.story
    story_column = Column(fit.story, story_region, story_x - story_rect.x, top, story_width)
    story(story_column)
    story_region.content_height = story_column.y
    choices_region = Region(CHOICES, choices_rect, scroll=not fit.fits)
    choices_region.ui = fit.choices
    choices_column = Column(fit.choices, choices_region, choices_x - choices_rect.x, choices_top, choices_width)
    choices(choices_column)
    choices_region.content_height = choices_column.y + fit.choices.theme.unit * 2
    layer.regions[0:0] = [story_region, choices_region]
    cue = None
    if not fit.fits:
        layer.regions.insert(2, Region(CHOICES + "-line", pygame.Rect(choices_rect.x, choices_rect.y,
                                                                      choices_rect.width, 1), background="border"))
        cue = _cue(layer, fit.story, story_region, MoreBelow(story_region, more_text))
    watched = [w for w in choices_region.widgets if w.focusable]
    return Fitted(fit, story_region, choices_region, watched, cue)


def _one_region(layer: Layer, ui: Ui, viewport: pygame.Rect, column: tuple[int, int], story: Builder,
                choices: Builder, more_choices: Callable[[int], str]) -> Fitted:
    """Normal mode: story and choices scroll as one; the cue counts the choices below the fold."""
    x, width = column
    region = Region(STORY, viewport, scroll=True)
    placed = Column(ui, region, x, ui.theme.unit * 3, width)
    story(placed)
    first = len(region.widgets)
    choices(placed)
    watched = [w for w in region.widgets[first:] if w.focusable]
    cue = MoreBelow(region, more_choices, watched)
    region.content_height = placed.y + max(ui.theme.unit * 2, cue.height(ui))  # scrolled down, the last choice
    layer.regions.insert(0, region)  # clears the strip
    _cue(layer, ui, region, cue)
    fits = region.content_height <= viewport.height
    return Fitted(Fit(ui, ui, STACKED, fits), region, region, watched, cue)


def _cue(layer: Layer, ui: Ui, region: Region, cue: MoreBelow) -> MoreBelow:
    """Put the cue in its own region over the bottom of ``region`` (left of its scrollbar), after the regions
    it covers."""
    view = region.viewport
    rect = pygame.Rect(view.x, 0, view.width - max(4, ui.theme.unit // 2) - 4, cue.height(ui))
    rect.bottom = view.bottom
    overlay = Region(cue.key, rect)
    overlay.ui = ui
    cue.place(ui, 0, 0, rect.width)
    overlay.add(cue)
    index = layer.regions.index(region) + 1
    while index < len(layer.regions) and layer.regions[index].name.startswith(CHOICES):
        index += 1
    layer.regions.insert(index, overlay)
    return cue
