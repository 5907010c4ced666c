"""Safe YAML reading that keeps the line of every element and refuses hostile input.

We build our own small node tree from PyYAML's event stream (libyaml when available), so
that tags, anchors and aliases are refused before anything is constructed, and size and
depth are bounded. Plain scalars are typed with PyYAML's safe resolver and constructor.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.engine.findings import ERROR, Finding

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 400_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class Node:
    """A YAML value with its 1-based line. Maps keep their keys' lines too."""

    kind: str  # "map" | "seq" | "scalar"
    value: Any
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    quoted: bool = False

    def get(self, key: str) -> "Node | None":
        """The child node under ``key`` of a map, or None."""
        if self.kind != "map":
            return None
        return self.value.get(key)

    def plain(self) -> Any:
        """The node as plain Python data (dicts, lists, scalars)."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
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


class _Builder:
    """Turns a PyYAML event stream into a Node tree, refusing what the format forbids."""

    def __init__(self) -> None:
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.nodes = 0
        self.duplicates: list[tuple[int, str]] = []

    def scalar(self, event: yaml.ScalarEvent) -> Node:
        line = event.start_mark.line + 1
        quoted = event.style is not None and event.style != ""
        if quoted:
            return Node("scalar", event.value, line, quoted=True)
        tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            return Node("scalar", event.value, line)
        node = yaml.ScalarNode(tag, event.value)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            value = event.value
        if isinstance(value, _dt.datetime):
            value = value.date() if value.time() == _dt.time() else value
        return Node("scalar", value, line)

    def refuse_extras(self, event: Any) -> None:
        line = event.start_mark.line + 1
        if getattr(event, "anchor", None):
            raise YamlRefused(line, f'anchors ("&{event.anchor}") are not part of the scenario format',
                              "write the value out in full where it is needed")
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        if tag is not None and not (implicit is True or (isinstance(implicit, tuple) and implicit[0])):
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise YamlRefused(line, f'tags ("{shown}") are not part of the scenario format',
                              "remove the tag and write a plain value")

    def build(self, events: Any) -> Node | None:
        stack: list[tuple[Node, list[Any]]] = []  # (container, pending key holder)
        root: Node | None = None
        documents = 0
        for event in events:
            if isinstance(event, yaml.AliasEvent):
                raise YamlRefused(event.start_mark.line + 1,
                                  f'aliases ("*{event.anchor}") are not part of the scenario format',
                                  "write the value out in full where it is needed")
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlRefused(event.start_mark.line + 1, "the file holds more than one YAML document",
                                      "remove the '---' line and keep one scenario per file")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                node, _ = stack.pop()
                if not stack:
                    root = node
                continue
            self.refuse_extras(event)
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise YamlRefused(event.start_mark.line + 1, "the file has too many elements",
                                  "split the scenario into smaller ones")
            line = event.start_mark.line + 1
            if isinstance(event, yaml.ScalarEvent):
                node = self.scalar(event)
            elif isinstance(event, yaml.MappingStartEvent):
                node = Node("map", {}, line)
            elif isinstance(event, yaml.SequenceStartEvent):
                node = Node("seq", [], line)
            else:  # pragma: no cover - PyYAML has no other events
                continue
            if stack:
                self.attach(stack[-1], node)
            if node.kind != "scalar":
                if len(stack) >= MAX_DEPTH:
                    raise YamlRefused(line, f"the file is nested more than {MAX_DEPTH} levels deep",
                                      "flatten the structure")
                stack.append((node, [None]))
            elif not stack:
                root = node
        return root

    def attach(self, parent: tuple[Node, list[Any]], node: Node) -> None:
        container, pending = parent
        if container.kind == "seq":
            container.value.append(node)
            return
        if pending[0] is None:
            if node.kind != "scalar":
                raise YamlRefused(node.line, "a key is a list or a map", "use a plain word as key")
            pending[0] = node
            return
        key_node = pending[0]
        pending[0] = None
        key = str(key_node.value) if not isinstance(key_node.value, bool) else str(key_node.value).lower()
        if key in container.value:
            self.duplicates.append((key_node.line, key))
            return
        container.value[key] = node
        container.key_lines[key] = key_node.line


def parse(text: str, path: str) -> tuple[Node | None, list[Finding]]:
    """Parse YAML text into a Node tree; problems come back as findings, never exceptions."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [Finding(path, 1, ERROR, "the file is empty",
                              "start with 'format: 1' and an 'id:' (see docs/scenario-format.md)")]
    builder = _Builder()
    try:
        root = builder.build(yaml.parse(text, Loader=_Loader))
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
        return None, [Finding(path, 1, ERROR, f"YAML syntax: {exc}", "check the file's YAML syntax")]
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
