"""Safe YAML reading that keeps the line of every element and refuses hostile input.

We build our own small node tree from PyYAML's event stream (libyaml when available), so
that tags, anchors and aliases are refused before anything is constructed, and size and
depth are bounded. Plain scalars are typed by the YAML 1.2 core schema (``ScenarioLoader``):
``no``, ``on``, ``yes``, ``1:30`` and ``0x1F`` stay text, ``017`` is the number 17, only
``true``/``false`` (also ``True``, ``TRUE``…) are booleans; dates ``YYYY-MM-DD`` are kept.
Characters YAML does not allow are reported at their own line before parsing.
"""

from __future__ import annotations

import math
import os
import re
from game.engine.records import dataclass, field
import datetime as _dt
from collections.abc import Iterable

import yaml

from game.engine.controls import escape_controls
from game.engine.findings import ERROR, Finding

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 400_000

MAX_REPORTED_CHARACTERS = 20  # characters YAML does not allow: the first ones, each at its line

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # only parses events; typing is ours
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

# Characters YAML 1.1/1.2 forbid in a stream (libyaml and PyYAML refuse them without a line).
_NOT_ALLOWED = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ScenarioLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader with the YAML 1.2 core schema's implicit types (and dates).

    A trainer's ``no``, ``on``, ``1:30`` or ``0o17`` is text; ``017`` is seventeen.
    Marks (lines) are PyYAML's own. The scenario reader only uses ``resolve`` and the
    parser's events, so libyaml's ``CSafeLoader`` parses and this class types: the result
    is the same with or without libyaml.
    """

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}


ScenarioLoader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                     list("tTfF"))
ScenarioLoader.add_implicit_resolver(_NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
ScenarioLoader.add_implicit_resolver(_INT_TAG, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
ScenarioLoader.add_implicit_resolver(
    _FLOAT_TAG,
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))
ScenarioLoader.add_implicit_resolver(
    _TIMESTAMP_TAG,
    re.compile(r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
                 (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
                 (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X),
    list("0123456789"))


Scalar = str | int | float | bool | None | _dt.date  # a datetime is a date too
NodeValue = dict[str, "Node"] | list["Node"] | Scalar
PlainData = dict[str, "PlainData"] | list["PlainData"] | Scalar


def typed(tag: str, text: str) -> Scalar:
    """The Python value of a plain scalar resolved to ``tag``; raises ValueError when it has none."""
    if tag == _BOOL_TAG:
        return text.lower() == "true"
    if tag == _NULL_TAG:
        return None
    if tag == _INT_TAG:
        return int(text, 10)  # decimal, also with leading zeros (YAML 1.2); huge ones raise ValueError
    if tag == _FLOAT_TAG:
        lowered = text.lower()
        if lowered.lstrip("+-") == ".inf":
            return -math.inf if lowered.startswith("-") else math.inf
        return math.nan if lowered == ".nan" else float(text)
    if tag == _TIMESTAMP_TAG:
        stamp: _dt.date = yaml.constructor.SafeConstructor().construct_yaml_timestamp(yaml.ScalarNode(tag, text))
        return stamp
    return text


def _construct_typed(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Scalar:
    return typed(node.tag, str(loader.construct_scalar(node)))


for _tag in (_BOOL_TAG, _INT_TAG, _FLOAT_TAG):
    ScenarioLoader.add_constructor(_tag, _construct_typed)


@dataclass(slots=True)
class Node:
    """A YAML value with its 1-based line. Maps keep their keys' lines too."""

    kind: str  # "map" | "seq" | "scalar"
    value: NodeValue
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    quoted: bool = False
    text: str = ""  # a scalar's text as written in the file

    @property
    def entries(self) -> dict[str, Node]:
        """A map's children by key (empty for a list or a scalar)."""
        return self.value if isinstance(self.value, dict) else {}

    @property
    def items(self) -> list[Node]:
        """A list's children (empty for a map or a scalar)."""
        return self.value if isinstance(self.value, list) else []

    def get(self, key: str) -> Node | None:
        """The child node under ``key`` of a map, or None."""
        return self.entries.get(key)

    def plain(self) -> PlainData:
        """The node as plain Python data (dicts, lists, scalars)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


class YamlRefused(Exception):
    """The text is not acceptable YAML for this format; carries one finding."""

    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


def decode(data: bytes, size: int | None = None) -> str:
    """Decode UTF-8 (with or without BOM); raise YamlRefused with the line of a bad byte."""
    if len(data) > MAX_BYTES:
        raise YamlRefused(1, f"the file is too large ({(size or len(data)) // 1024} KiB; the limit is "
                          f"{MAX_BYTES // (1024 * 1024)} MiB)", "split the scenario into smaller ones")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlRefused(line, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be read)",
                          "save the file as UTF-8 in your editor") from None


def _line(event: yaml.Event) -> int:
    """The 1-based line where an event starts (1 when PyYAML gives no mark)."""
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


_SCALAR, _MAP_START, _SEQ_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_SKIPPED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
_NO_KEYS: dict[str, int] = {}  # the key lines of every list and scalar: shared, never written (only maps get keys)


def _resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """The core schema's implicit resolvers by a plain scalar's first character ("" for the empty scalar)."""
    return {first: list(found) for first, found in ScenarioLoader.yaml_implicit_resolvers.items() if first is not None}


_BY_FIRST = _resolvers()
# A plain scalar not starting like a number or a date is text, or exactly one of the words the bool and null
# resolvers match (tests/test_hardening_files.py checks both ways give the same value).
_NUMBER_FIRST = frozenset(first for first, found in _BY_FIRST.items()
                          if any(tag in (_INT_TAG, _FLOAT_TAG, _TIMESTAMP_TAG) for tag, _pattern in found))
_WORDS: dict[str, Scalar] = {**dict.fromkeys(("true", "True", "TRUE"), True),
                             **dict.fromkeys(("false", "False", "FALSE"), False),
                             **dict.fromkeys(("~", "null", "Null", "NULL", ""), None)}


class _Builder:
    """Turns a PyYAML event stream into a Node tree, refusing what the format forbids.

    One loop over libyaml's events (or PyYAML's): ~0.5 µs an event for the 470,000 events of a 10,000-situation
    case (issue 16); the same tree, lines and refusals as the plain version it replaced (tests/test_source.py).
    """

    def __init__(self) -> None:
        self.nodes = 0
        self.duplicates: list[tuple[int, str]] = []

    def scalar(self, event: yaml.ScalarEvent) -> Node:
        line = _line(event)
        value = event.value
        if event.style:  # quoted or a block scalar: text as written
            return Node("scalar", value, line, _NO_KEYS, True, value)
        tag = _STR_TAG
        if event.implicit[0]:
            for candidate, pattern in _BY_FIRST.get(value[:1], ()):
                if pattern.match(value):
                    tag = candidate
                    break
        if tag == _STR_TAG:
            return Node("scalar", value, line, _NO_KEYS, False, value)
        try:
            typed_value = typed(tag, value)
        except (yaml.YAMLError, ValueError, OverflowError, TypeError):
            typed_value = value  # e.g. 2026-02-30 or a number of thousands of digits: the loader says why
        return Node("scalar", typed_value, line, _NO_KEYS, False, value)

    @staticmethod
    def refuse_extras(event: yaml.Event) -> None:
        anchor = event.anchor  # type: ignore[attr-defined]
        if anchor:
            raise YamlRefused(_line(event), f'anchors ("&{anchor}") are not part of the scenario format',
                              "write the value out in full where it is needed")
        tag = event.tag  # type: ignore[attr-defined]
        implicit = event.implicit  # type: ignore[attr-defined]
        if tag is not None and not (implicit is True or (isinstance(implicit, tuple) and implicit[0])):
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise YamlRefused(_line(event), f'tags ("{shown}") are not part of the scenario format',
                              "remove the tag and write a plain value")

    def build(self, events: Iterable[yaml.Event]) -> Node | None:
        # The open containers; for a map, the key's event waiting for its value (None: the next scalar is a key).
        # A key becomes no node: its text and line are all a map keeps of it.
        containers: list[Node] = []
        pending: list[yaml.Event | None] = []
        duplicates = self.duplicates
        root: Node | None = None
        documents = 0
        nodes = self.nodes
        for event in events:
            kind = type(event)
            if kind is _SCALAR:
                # (events are told apart by type(), which mypy does not narrow on)
                if event.anchor or (event.tag is not None and not event.implicit[0]):  # type: ignore[attr-defined]
                    self.refuse_extras(event)
                if containers and pending[-1] is None and containers[-1].kind == "map":  # a key
                    nodes += 1
                    if nodes > MAX_NODES:
                        raise YamlRefused(_line(event), "the file has too many elements",
                                          "split the scenario into smaller ones")
                    pending[-1] = event
                    continue
                value = event.value  # type: ignore[attr-defined]
                if event.style or not event.implicit[0] or value[:1] in _NUMBER_FIRST:  # type: ignore[attr-defined]
                    node = self.scalar(event)  # type: ignore[arg-type]
                else:  # a plain word: text, or one of the core schema's booleans and nulls (most elements)
                    mark = event.start_mark
                    word = _WORDS.get(value, value)
                    node = Node("scalar", word, mark.line + 1 if mark is not None else 1, _NO_KEYS, False, value)
            elif kind is _MAP_START or kind is _SEQ_START:
                if event.anchor or (event.tag is not None and not event.implicit):  # type: ignore[attr-defined]
                    self.refuse_extras(event)
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                node = Node("map", {}, line) if kind is _MAP_START else Node("seq", [], line, _NO_KEYS)
            elif kind in _ENDS:
                node = containers.pop()
                pending.pop()
                if not containers:
                    root = node
                continue
            elif kind is yaml.AliasEvent:
                raise YamlRefused(_line(event),
                                  f'aliases ("*{event.anchor}") are not part of '  # type: ignore[attr-defined]
                                  'the scenario format',
                                  "write the value out in full where it is needed")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlRefused(_line(event), "the file holds more than one YAML document",
                                      "remove the '---' line and keep one scenario per file")
                continue
            else:  # stream start and end, document end (PyYAML has no other events)
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlRefused(node.line, "the file has too many elements", "split the scenario into smaller ones")
            if containers:
                container = containers[-1]
                if container.kind == "seq":
                    container.value.append(node)  # type: ignore[union-attr]
                elif pending[-1] is None:  # a list or a map where a key belongs (a scalar key is taken above)
                    raise YamlRefused(node.line, "a key is a list or a map", "use a plain word as key")
                else:
                    key_event = pending[-1]
                    pending[-1] = None
                    key = key_event.value  # type: ignore[attr-defined]  # keys as written: "1", "no", "True"
                    key_line = _line(key_event)
                    entries: dict[str, Node] = container.value  # type: ignore[assignment]
                    if key in entries:
                        duplicates.append((key_line, key))
                    else:
                        entries[key] = node
                        container.key_lines[key] = key_line
            if node.kind != "scalar":
                if len(containers) >= MAX_DEPTH:
                    raise YamlRefused(node.line, f"the file is nested more than {MAX_DEPTH} levels deep",
                                      "flatten the structure")
                containers.append(node)
                pending.append(None)
            elif not containers:
                root = node
        self.nodes = nodes
        return root


def not_allowed_characters(text: str, path: str) -> list[Finding]:
    """A finding at its own line for each character YAML does not allow (the first few)."""
    found = []
    for match in _NOT_ALLOWED.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.append(Finding(path, line, ERROR,
                             f'the file holds the control character "{escape_controls(match.group())}", '
                             "which YAML does not allow",
                             'remove it; in a text write it as an escape in double quotes, e.g. "\\t"'))
        if len(found) >= MAX_REPORTED_CHARACTERS:
            break
    return found


def parse(text: str, path: str) -> tuple[Node | None, list[Finding]]:
    """Parse YAML text into a Node tree; problems come back as findings, never exceptions."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [Finding(path, 1, ERROR, "the file is empty",
                              "start with 'format: 1' and an 'id:' (see docs/scenario-format.md)")]
    refused = not_allowed_characters(text, path)
    if refused:
        return None, refused
    builder = _Builder()
    try:
        parser = _Loader(text)
        try:
            root = builder.build(iter(parser.get_event, None))  # every event, without a generator between
        finally:
            parser.dispose()
        return root, [Finding(path, line, ERROR, f'the key "{key}" appears twice in the same map',
                              "keep one of them (keys and ids must be unique)")
                      for line, key in builder.duplicates]
    except YamlRefused as exc:
        return None, [Finding(path, exc.line, ERROR, exc.message, exc.hint)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = (exc.problem or exc.context or "the YAML cannot be read").strip()
        return None, [Finding(path, line, ERROR, f"YAML syntax: {problem}",
                              "check indentation, colons and quotes on this line and the one before")]
    except yaml.YAMLError as exc:
        problem = str(exc).splitlines()[0] if str(exc) else "the YAML cannot be read"
        return None, [Finding(path, 1, ERROR, f"YAML syntax: {problem}", "check the file's YAML syntax")]
    except RecursionError:
        return None, [Finding(path, 1, ERROR, "the file is nested too deeply", "flatten the structure")]


def read(path: str, data: bytes | None = None) -> tuple[Node | None, str, list[Finding]]:
    """Read a file (or given bytes) and parse it: (root, text, findings)."""
    size = None
    try:
        if data is None:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, "", [Finding(path, 1, ERROR, f"the file cannot be read ({exc.strerror or exc})",
                                  "check the path and the file's permissions")]
    try:
        text = decode(data, size)
    except YamlRefused as exc:
        return None, "", [Finding(path, exc.line, ERROR, exc.message, exc.hint)]
    root, findings = parse(text, path)
    return root, text, findings
