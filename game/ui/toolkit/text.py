"""Word-wrapped text with *cursief* and **vet**: layout once, cache, blit visible lines only.

Scenario text may carry ``*cursief*`` and ``**vet**`` (and nothing else), parsed by the one
markup parser, :mod:`game.engine.markup`. A line break in the text is a line break on screen,
an empty line a paragraph gap, and a line that starts with ``- `` a bullet with a hanging indent.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from game.engine.records import dataclass, field

import pygame

from game.engine.markup import Run, parse_line
from game.ui.toolkit.fonts import Fonts

_TOKENS = re.compile(r"\S+|\s+")
BULLET = "•"
LINE_SPACING = 1.35  # line pitch as a share of the font's line size


@dataclass(frozen=True)
class Segment:
    """A piece of one line in one style, at x."""

    x: int
    text: str
    style: str


@dataclass
class Line:
    y: int
    segments: list[Segment]


@dataclass
class TextLayout:
    """Lines of text laid out for one width; renders (and caches) a surface per line and colour."""

    fonts: Fonts
    size: int
    lines: list[Line]
    width: int
    height: int
    line_height: int
    _surfaces: dict[tuple[int, tuple[int, int, int]], pygame.Surface] = field(default_factory=dict, repr=False)

    def draw(self, target: pygame.Surface, x: int, y: int, colour: tuple[int, int, int],
             clip: pygame.Rect | None = None) -> None:
        """Blit the lines that fall inside ``clip`` (default: the target's clip)."""
        area = clip or target.get_clip()
        for index, line in enumerate(self.lines):
            top = y + line.y
            if top > area.bottom:
                break
            if top + self.line_height < area.top:
                continue
            target.blit(self._line_surface(index, colour), (x, top))

    def _line_surface(self, index: int, colour: tuple[int, int, int]) -> pygame.Surface:
        key = (index, colour)
        surface = self._surfaces.get(key)
        if surface is None:
            line = self.lines[index]
            width = max(1, max((s.x + self.fonts.get(s.style, self.size).size(s.text)[0] for s in line.segments),
                               default=1))
            surface = pygame.Surface((width, self.line_height), pygame.SRCALPHA)
            for segment in line.segments:
                font = self.fonts.get(segment.style, self.size)
                leading = (self.line_height - font.get_height()) // 2  # half the leading above, half below
                surface.blit(font.render(segment.text, True, colour), (segment.x, leading))
            self._surfaces[key] = surface
        return surface

    @property
    def text_width(self) -> int:
        """The width of the widest line."""
        widest = 0
        for line in self.lines:
            for segment in line.segments:
                widest = max(widest, segment.x + self.fonts.get(segment.style, self.size).size(segment.text)[0])
        return widest


def runs(line: str, base: str = "regular") -> list[tuple[str, str]]:
    """One line of text as (text, font style) runs: its ``**vet**`` bold, its ``*cursief*`` italic.

    There is no bold italic font: bold wins. Italic inside a bold or italic base keeps the base.
    """
    return [(run.text, _style(run, base)) for run in parse_line(line)]


def _style(run: Run, base: str) -> str:
    if run.bold:
        return "bold"
    if run.italic:
        return "italic" if base == "regular" else base
    return base


class Typesetter:
    """Lays out text for a width and keeps the most recent layouts."""

    def __init__(self, fonts: Fonts, capacity: int = 600, spacing: float = LINE_SPACING) -> None:
        self.fonts = fonts
        self.capacity = capacity
        self.spacing = spacing
        self._layouts: OrderedDict[tuple, TextLayout] = OrderedDict()
        self._widths: dict[tuple[str, int, str], int] = {}
        self._spaced: dict[float, Typesetter] = {}

    def spaced(self, spacing: float) -> Typesetter:
        """A typesetter like this one with another line spacing (made once, so its layouts are kept too)."""
        if spacing == self.spacing:
            return self
        if spacing not in self._spaced:
            sibling = Typesetter(self.fonts, self.capacity, spacing)
            sibling._widths = self._widths  # the same fonts: widths are shared
            self._spaced[spacing] = sibling
        return self._spaced[spacing]

    def layout(self, text: str, size: int, width: int, style: str = "regular", rich: bool = True,
               spacing: float | None = None) -> TextLayout:
        """The layout of ``text`` at ``size`` px wrapped to ``width`` px (cached); line spacing: this
        typesetter's unless given."""
        spacing = self.spacing if spacing is None else spacing
        key = (text, size, width, style, rich, spacing)
        found = self._layouts.get(key)
        if found is not None:
            self._layouts.move_to_end(key)
            return found
        made = self._make(text, size, max(20, width), style, rich, spacing)
        self._layouts[key] = made
        if len(self._layouts) > self.capacity:
            self._layouts.popitem(last=False)
        return made

    def clear(self) -> None:
        self._layouts.clear()
        for sibling in self._spaced.values():
            sibling.clear()

    def _width(self, text: str, size: int, style: str) -> int:
        key = (text, size, style)
        found = self._widths.get(key)
        if found is None:
            found = self.fonts.get(style, size).size(text)[0]
            if len(self._widths) > 50_000:
                self._widths.clear()
            self._widths[key] = found
        return found

    def _make(self, text: str, size: int, width: int, style: str, rich: bool, spacing: float) -> TextLayout:
        line_height = round(self.fonts.get("regular", size).get_linesize() * spacing)
        lines: list[Line] = []
        y = 0
        previous_blank = False
        for raw in text.replace("\r\n", "\n").strip("\n").split("\n"):
            if not raw.strip():
                if lines and not previous_blank:
                    y += line_height // 2
                previous_blank = True
                continue
            previous_blank = False
            indent = 0
            content = raw.strip()
            bullet = content.startswith(("- ", "• ")) and len(content) > 2
            if bullet:
                content = content[2:].strip()
                indent = self._width(BULLET + "  ", size, style)
                lines.append(Line(y, [Segment(0, BULLET, style)]))
                y_before = y
            parts = runs(content, style) if rich else [(content, style)]
            wrapped = self._wrap(parts, size, width - indent, indent)
            if bullet and wrapped:
                lines[-1].segments.extend(wrapped[0])
                wrapped = wrapped[1:]
                y = y_before + line_height
            for segments in wrapped:
                lines.append(Line(y, segments))
                y += line_height
        return TextLayout(self.fonts, size, lines, width, max(y, 0), line_height)

    def _wrap(self, parts: list[tuple[str, str]], size: int, width: int, indent: int) -> list[list[Segment]]:
        """Greedy wrapping of styled runs into lines of segments."""
        lines: list[list[tuple[str, str]]] = [[]]
        used = 0
        for part, style in parts:
            for token in _TOKENS.findall(part):
                token_width = self._width(token, size, style)
                if token.isspace():
                    if lines[-1]:
                        lines[-1].append((" ", style))
                        used += self._width(" ", size, style)
                    continue
                if used + token_width > width and lines[-1]:
                    _strip_trailing_space(lines[-1])
                    lines.append([])
                    used = 0
                if token_width > width:
                    for piece in self._split_long(token, size, style, width):
                        if lines[-1]:
                            lines.append([])
                        lines[-1].append((piece, style))
                        used = self._width(piece, size, style)
                    continue
                lines[-1].append((token, style))
                used += token_width
        result = []
        for tokens in lines:
            _strip_trailing_space(tokens)
            if tokens:
                result.append(self._segments(tokens, size, indent))
        return result

    def _split_long(self, token: str, size: int, style: str, width: int) -> list[str]:
        pieces, current = [], ""
        for char in token:
            if current and self._width(current + char, size, style) > width:
                pieces.append(current)
                current = ""
            current += char
        return pieces + ([current] if current else [])

    def _segments(self, tokens: list[tuple[str, str]], size: int, indent: int) -> list[Segment]:
        """Merge tokens of the same style into segments with their x positions."""
        merged: list[tuple[str, str]] = []
        for token, style in tokens:
            if merged and merged[-1][1] == style:
                merged[-1] = (merged[-1][0] + token, style)
            else:
                merged.append((token, style))
        segments, x = [], indent
        for part, style in merged:
            segments.append(Segment(x, part, style))
            x += self._width(part, size, style)
        return segments


def _strip_trailing_space(tokens: list[tuple[str, str]]) -> None:
    while tokens and tokens[-1][0].isspace():
        tokens.pop()
