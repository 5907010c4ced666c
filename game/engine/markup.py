"""The one parser of the format's inline markup: scenario text into paragraphs, lines and styled runs.

The format knows two kinds of emphasis, ``*cursief*`` (italic) and ``**vet**`` (bold), and
nothing else. Every renderer (window, terminal, HTML report, graph, CSV) takes its runs from
here, so a text looks alike everywhere. The rules, close to CommonMark's for ``*``:

- A *marker* is a run of one, two or three asterisks. Four or more stay as typed.
- A marker can **open** an emphasis only when a non-space character follows it, and can
  **close** one only when a non-space character precedes it. The start and the end of a
  line count as space. So ``3 * 4 * 5 euro`` and ``a ** b`` stay literal, and so does a
  footnote star (``prijs*``).
- A closing marker closes the nearest marker before it that is still open. Two asterisks
  against two make bold, one against one italic; when the counts differ, the emphasis uses
  as many as both have (two at most) and the rest goes on looking, so ``***beide***`` is
  bold and italic, and ``**vet met *cursief* erin**`` nests.
- A marker that finds no partner is shown as typed (``*open`` stays ``*open``).
- Emphasis never runs across a line break: every line is parsed on its own.
- Nothing else is markup: HTML, links and backslashes are plain text to be escaped by
  the renderer. Write ``2 * 3`` with spaces (or ``×``): ``2*3*4`` has a marker on either
  side of the ``3`` and makes it italic.

A text's paragraphs are parted by blank lines; within a paragraph a single line break is
a line break.
"""

from __future__ import annotations

import re
from game.engine.records import dataclass, field

_STARS = re.compile(r"\*+")
_BLANK_LINES = re.compile(r"\n\s*\n")
LONGEST_MARKER = 3


@dataclass(frozen=True)
class Run:
    """A piece of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False


Line = tuple[Run, ...]
Paragraph = tuple[Line, ...]


@dataclass
class _Marker:
    """A run of asterisks while markers are matched: what is left of it and what it opened or closed."""

    count: int
    can_open: bool
    can_close: bool
    closes: list[int] = field(default_factory=list)  # asterisks used per emphasis closed, innermost first
    opens: list[int] = field(default_factory=list)  # asterisks used per emphasis opened, innermost first


def _pieces(line: str) -> list[str | _Marker]:
    """The line as literal text and markers."""
    pieces: list[str | _Marker] = []
    position = 0
    for match in _STARS.finditer(line):
        if match.start() > position:
            pieces.append(line[position:match.start()])
        stars = match.group()
        before = line[match.start() - 1] if match.start() > 0 else " "
        after = line[match.end()] if match.end() < len(line) else " "
        if len(stars) > LONGEST_MARKER:
            pieces.append(stars)
        else:
            pieces.append(_Marker(len(stars), can_open=not after.isspace(), can_close=not before.isspace()))
        position = match.end()
    if position < len(line):
        pieces.append(line[position:])
    return pieces


def _match(pieces: list[str | _Marker]) -> None:
    """Pair closing markers with the nearest open marker before them (in place)."""
    open_markers: list[_Marker] = []
    for piece in pieces:
        if isinstance(piece, str):
            continue
        if piece.can_close:
            while piece.count and open_markers:
                opener = open_markers[-1]
                used = 2 if piece.count >= 2 and opener.count >= 2 else 1
                opener.count -= used
                piece.count -= used
                opener.opens.append(used)
                piece.closes.append(used)
                if not opener.count:
                    open_markers.pop()
        if piece.count and piece.can_open:
            open_markers.append(piece)


def _flatten(pieces: list[str | _Marker]) -> Line:
    """Styled runs from matched pieces; unmatched asterisks are text."""
    result: list[Run] = []
    depth = {1: 0, 2: 0}  # open italic and bold emphases

    def add(text: str) -> None:
        if not text:
            return
        bold, italic = depth[2] > 0, depth[1] > 0
        if result and (result[-1].bold, result[-1].italic) == (bold, italic):
            result[-1] = Run(result[-1].text + text, bold, italic)
        else:
            result.append(Run(text, bold, italic))

    for piece in pieces:
        if isinstance(piece, str):
            add(piece)
            continue
        for used in piece.closes:
            depth[used] -= 1
        add("*" * piece.count)
        for used in reversed(piece.opens):
            depth[used] += 1
    return tuple(result)


def parse_line(line: str) -> Line:
    """One line of scenario text as styled runs (the text of the runs is the line without its markers)."""
    pieces = _pieces(line)
    _match(pieces)
    return _flatten(pieces)


def runs(text: str) -> Line:
    """A text as styled runs, each line parsed on its own and the line breaks kept as text."""
    result: list[Run] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            result.append(Run("\n"))
        result.extend(parse_line(line))
    return tuple(result)


def paragraphs(text: str) -> list[Paragraph]:
    """A text as paragraphs (parted by blank lines) of lines of runs; empty paragraphs are left out."""
    blocks = _BLANK_LINES.split(text.replace("\r\n", "\n").strip())
    return [tuple(parse_line(line) for line in block.strip().split("\n")) for block in blocks if block.strip()]


def plain(text: str) -> str:
    """The text without its emphasis markers; everything else (line breaks, stray asterisks) kept."""
    return "\n".join("".join(run.text for run in parse_line(line)) for line in text.split("\n"))
