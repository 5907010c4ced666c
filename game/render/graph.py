"""The scenario as a graph for authors: Mermaid text, Graphviz DOT, or SVG through Graphviz's ``dot``.

Situations and endings are nodes; choices are solid edges labelled with the choice id (its
``requires`` and levers too), ``next`` routes are dashed edges labelled with their condition.
Each ending is coloured by the quadrant of its best route (``Analysis.ending_best``); the
expert route (``Analysis.expert_route``) is drawn thick and purple; what the conditions
never let a player reach is grey and dashed.
"""

from __future__ import annotations

import re
from game.engine.records import dataclass, field

from game.engine import markup
from game.engine.model import Condition, Scenario, Situation
from game.engine.rules import RouteLoop, State, begin, hop, step

from scoring.analysis import Analysis, analyse
from scoring.scores import quadrant

FORMATS = ("mermaid", "dot", "svg")
EXCERPT = 42  # characters of a situation's text shown under its id

# (fill, border) per quadrant of an ending's best route; "unreachable" for what no player reaches
COLOURS: dict[str, tuple[str, str]] = {
    "omgekeerd": ("#c8e6c9", "#2e7d32"),
    "rules": ("#bbdefb", "#1565c0"),
    "kind": ("#ffe0b2", "#ef6c00"),
    "stuck": ("#ffcdd2", "#c62828"),
    "unreachable": ("#eeeeee", "#9e9e9e"),
    "unknown": ("#fff9c4", "#9e9d24"),  # the case was too large to explore (an approximate analysis)
}
SITUATION_COLOURS = ("#ffffff", "#455a64")
EXPERT_COLOUR = "#6a1b9a"
_OPS = {"gte": "≥", "gt": ">", "lte": "≤", "lt": "<", "eq": "="}


class GraphvizMissing(Exception):
    """The ``dot`` program is not installed."""


class GraphvizFailed(Exception):
    """``dot`` ran but did not produce a drawing."""


@dataclass(frozen=True)
class Node:
    """A situation or an ending; ``style`` is situation|start|unreachable or an ending's quadrant."""

    key: str  # a safe id for Mermaid and DOT
    id: str  # the id in the scenario file
    kind: str  # situation | ending
    lines: tuple[str, ...]
    style: str


@dataclass(frozen=True)
class Edge:
    """A choice or a ``next`` route from a situation to a situation or an ending."""

    source: str  # node keys
    target: str
    kind: str  # choice | next
    lines: tuple[str, ...]
    expert: bool = False


@dataclass
class Graph:
    scenario_id: str
    title: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


# -- building ----------------------------------------------------------------------------------

def condition_text(condition: Condition) -> str:
    """A condition in a few words, for an edge label."""
    kind = condition.kind
    if kind == "metric":
        return " and ".join(f"{condition.name} {_OPS.get(op, op)} {_number(v)}" for op, v in condition.ops)
    if kind in ("flag", "visited", "chose"):
        return f"{kind} {condition.name}"
    if kind == "not":
        return f"not ({condition_text(condition.parts[0])})" if condition.parts else "not ()"
    joiner = " and " if kind == "all" else " or "
    return "(" + joiner.join(condition_text(part) for part in condition.parts) + ")"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def excerpt(text: str, width: int = EXCERPT) -> str:
    """The start of a text on one line, without its emphasis markers (stray asterisks kept), cut at a word."""
    flat = " ".join(markup.plain(text).split())
    if len(flat) <= width:
        return flat
    cut = flat[:width].rsplit(" ", 1)[0] or flat[:width]
    return cut.rstrip(",.;:") + "…"


def safe_keys(scenario: Scenario) -> dict[str, str]:
    """A Mermaid- and DOT-safe, unique node key for every situation and ending id."""
    keys: dict[str, str] = {}
    used: set[str] = set()
    for prefix, ids in (("s_", scenario.situations), ("e_", scenario.endings)):
        for element_id in ids:
            base = prefix + re.sub(r"[^A-Za-z0-9_]", "_", element_id)
            key, number = base, 2
            while key in used:
                key, number = f"{base}_{number}", number + 1
            used.add(key)
            keys[element_id] = key
    return keys


def expert_steps(scenario: Scenario, choice_ids: list[str]) -> set[tuple[str, str]]:
    """The edges a route takes: ("situation", "choice id") for choices, ("situation", "#index") for next routes."""
    taken: set[tuple[str, str]] = set()

    def follow(situation: Situation, index: int, state: State) -> tuple[str, State]:
        taken.add((situation.id, f"#{index}"))
        return hop(scenario, situation, index, state)

    try:
        where, state = begin(scenario, follow)
        for choice_id in choice_ids:
            situation = scenario.situations.get(where)
            choice = situation.choice(choice_id) if situation else None
            if choice is None:
                break
            taken.add((where, choice_id))
            where, state = step(scenario, where, choice, state, follow)
    except RouteLoop:
        pass  # the edges up to the loop are drawn; the validator and the analysis report the loop
    return taken


def _ending_style(ending_id: str, analysis: Analysis) -> tuple[str, str]:
    """(style, label line) of an ending: the quadrant of its best route, or unreachable."""
    best = analysis.ending_best.get(ending_id)
    if analysis.approximate:
        return "unknown", "not analysed: too many play states"
    if not analysis.endings.get(ending_id) or best is None:
        return "unreachable", "never reached"
    kind = quadrant(best)
    return kind, f"best: resident {best.resident}, rules {best.rules} ({kind})"


def build_graph(scenario: Scenario, analysis: Analysis | None = None, lang: str = "nl") -> Graph:
    """The graph of a valid scenario, with the analysis for colours and the expert route."""
    analysis = analysis or analyse(scenario)
    keys = safe_keys(scenario)
    reachable = set(analysis.situations)
    graph = Graph(scenario.id, scenario.title.get(lang))
    for situation in scenario.situations.values():
        style = "start" if situation.id == scenario.start else "situation"
        if situation.id not in reachable:
            style = "unreachable"
        text = excerpt(situation.text.get(lang))
        graph.nodes.append(Node(keys[situation.id], situation.id, "situation",
                                (situation.id, text) if text else (situation.id,), style))
    for ending in scenario.endings.values():
        style, best = _ending_style(ending.id, analysis)
        graph.nodes.append(Node(keys[ending.id], ending.id, "ending",
                                (ending.id, excerpt(ending.title.get(lang)), best), style))
    expert = expert_steps(scenario, analysis.expert_route)
    for situation in scenario.situations.values():
        for choice in situation.choices:
            lines = [choice.id]
            if choice.requires is not None:
                lines.append("if " + condition_text(choice.requires))
            if choice.levers:
                lines.append("⚖ " + ", ".join(choice.levers))
            if choice.goto in keys:
                graph.edges.append(Edge(keys[situation.id], keys[choice.goto], "choice", tuple(lines),
                                        (situation.id, choice.id) in expert))
        for index, entry in enumerate(situation.next):
            if entry.condition is not None:
                label = "if " + condition_text(entry.condition)
            else:
                label = "otherwise" if len(situation.next) > 1 else ""
            if entry.goto in keys:
                graph.edges.append(Edge(keys[situation.id], keys[entry.goto], "next", (label,) if label else (),
                                        (situation.id, f"#{index}") in expert))
    return graph


# -- Mermaid -----------------------------------------------------------------------------------

_MERMAID_ESCAPES = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "[": "#91;", "]": "#93;",
                    "{": "#123;", "}": "#125;", "(": "#40;", ")": "#41;", "|": "#124;", "`": "#96;", ";": "#59;"}


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: quotes, brackets and markup as entity codes."""
    return "".join(_MERMAID_ESCAPES.get(char, char) for char in " ".join(text.split()))


def _mermaid_label(lines: tuple[str, ...]) -> str:
    return '"' + "<br/>".join(mermaid_text(line) for line in lines) + '"'


def to_mermaid(graph: Graph) -> str:
    """Mermaid flowchart text (renders in common code-hosting and documentation tools)."""
    out = [f"%% Omgekeerd: the graph of scenario {graph.scenario_id}", "flowchart TD"]
    for node in graph.nodes:
        shape = ("([", "])") if node.kind == "ending" else ("[", "]")
        out.append(f"    {node.key}{shape[0]}{_mermaid_label(node.lines)}{shape[1]}")
    expert_links = []
    for number, edge in enumerate(graph.edges):
        arrow = "-.->" if edge.kind == "next" else ("==>" if edge.expert else "-->")
        label = f"|{_mermaid_label(edge.lines)}|" if edge.lines else ""
        out.append(f"    {edge.source} {arrow}{label} {edge.target}")
        if edge.expert:
            expert_links.append(str(number))
    fill, stroke = SITUATION_COLOURS
    out.append(f"    classDef situation fill:{fill},stroke:{stroke},color:#000000")
    out.append(f"    classDef start fill:{fill},stroke:#000000,stroke-width:3px,color:#000000")
    for style, (fill, stroke) in COLOURS.items():
        dashed = ",stroke-dasharray:5 5" if style == "unreachable" else ""
        out.append(f"    classDef {style} fill:{fill},stroke:{stroke},color:#000000{dashed}")
    for style in ("situation", "start", *COLOURS):
        keys = [node.key for node in graph.nodes if node.style == style]
        if keys:
            out.append(f"    class {','.join(keys)} {style}")
    if expert_links:
        out.append(f"    linkStyle {','.join(expert_links)} stroke:{EXPERT_COLOUR},stroke-width:3px")
    return "\n".join(out) + "\n"


# -- DOT and SVG -------------------------------------------------------------------------------

def dot_text(text: str) -> str:
    """Text safe inside a quoted DOT string."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def _dot_label(lines: tuple[str, ...]) -> str:
    return '"' + "\\n".join(dot_text(line) for line in lines) + '"'


def _dot_node(node: Node) -> str:
    if node.kind == "ending":
        fill, stroke = COLOURS[node.style]
        extra = ', style="filled,dashed"' if node.style == "unreachable" else ', style="filled"'
        return (f'    "{node.key}" [label={_dot_label(node.lines)}, shape=ellipse, fillcolor="{fill}", '
                f'color="{stroke}"{extra}];')
    if node.style == "unreachable":
        fill, stroke = COLOURS["unreachable"]
        return (f'    "{node.key}" [label={_dot_label(node.lines)}, fillcolor="{fill}", color="{stroke}", '
                'style="rounded,filled,dashed"];')
    width = ", penwidth=3" if node.style == "start" else ""
    return f'    "{node.key}" [label={_dot_label(node.lines)}{width}];'


def to_dot(graph: Graph) -> str:
    """Graphviz DOT text."""
    fill, stroke = SITUATION_COLOURS
    out = [f'digraph "{dot_text(graph.scenario_id)}" {{',
           f'    graph [label="{dot_text(graph.scenario_id)}: {dot_text(markup.plain(graph.title))}", labelloc=t, '
           'fontname="Helvetica", rankdir=TB];',
           f'    node [shape=box, style="rounded,filled", fillcolor="{fill}", color="{stroke}", fontname="Helvetica", '
           'fontsize=11];',
           '    edge [fontname="Helvetica", fontsize=9];']
    out += [_dot_node(node) for node in graph.nodes]
    for edge in graph.edges:
        attributes = [f"label={_dot_label(edge.lines)}"] if edge.lines else []
        if edge.kind == "next":
            attributes.append("style=dashed")
        if edge.expert:
            attributes += [f'color="{EXPERT_COLOUR}"', f'fontcolor="{EXPERT_COLOUR}"', "penwidth=3"]
        out.append(f'    "{edge.source}" -> "{edge.target}" [{", ".join(attributes)}];')
    out.append("}")
    return "\n".join(out) + "\n"


def to_svg(dot: str, program: str = "dot") -> str:
    """SVG drawn by Graphviz from DOT text; GraphvizMissing when ``dot`` is not installed."""
    import shutil  # only the svg format runs a program
    import subprocess

    path = shutil.which(program)
    if path is None:
        raise GraphvizMissing("the svg format needs the 'dot' program of Graphviz, which is not installed; "
                              "install the Debian package graphviz (sudo apt-get install graphviz), "
                              "or use --format mermaid or --format dot")
    try:
        done = subprocess.run([path, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, timeout=120,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GraphvizFailed(f"Graphviz's dot did not finish: {exc}") from None
    if done.returncode != 0:
        first = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[0]
        raise GraphvizFailed(f"Graphviz's dot failed: {first}")
    return done.stdout.decode("utf-8", "replace")


def render(scenario: Scenario, fmt: str, lang: str = "nl", analysis: Analysis | None = None) -> str:
    """The scenario's graph as text in one of FORMATS."""
    graph = build_graph(scenario, analysis, lang)
    if fmt == "mermaid":
        return to_mermaid(graph)
    if fmt == "dot":
        return to_dot(graph)
    if fmt == "svg":
        return to_svg(to_dot(graph))
    raise ValueError(f"unknown graph format {fmt!r}; use one of {', '.join(FORMATS)}")
