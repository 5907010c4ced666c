"""The graph command: every node and edge of a small scenario, in Mermaid and in DOT."""

from __future__ import annotations

import shutil

import pytest

from game.render.graph import build_graph, mermaid_text, safe_keys, to_dot, to_mermaid

# Routes:  bellen, maatwerk -> goed (the expert route, via the first next entry)
#          bellen|brief, streng -> streng;  bellen|brief, gunnen -> lief;  weglopen -> vast
#          nooit: the next entry that leads there needs trust > 5, which no route has
CASE = """
format: 1
id: graaf
title: {nl: "Graaf", en: "Graph"}
start: melding
situations:
  melding:
    text: {nl: 'Zeg "ja" [of] (nee) <b> & #1; klaar'}
    choices:
      - id: bellen
        text: {nl: "Bellen"}
        effects: {trust: 2, efficiency: -1}
        set: [gebeld]
        goto: besluit-nu
      - id: brief
        text: {nl: "Brief"}
        effects: {efficiency: 1, trust: -1}
        goto: besluit-nu
      - id: weglopen
        text: {nl: "Weglopen"}
        effects: {trust: -3, legality: -2}
        goto: vast
  besluit-nu:
    text: {nl: "Wat besluit je nu, met alles wat je weet over deze bewoner?"}
    choices:
      - id: maatwerk
        text: {nl: "Maatwerk"}
        requires: {flag: gebeld}
        effects: {security: 2, legality: 2}
        levers: [pw-18, awb-3-4]
        goto: afloop
      - id: streng
        text: {nl: "Streng"}
        effects: {legality: 1, security: -2}
        goto: afloop
      - id: gunnen
        text: {nl: "Gunnen"}
        effects: {security: 2, legality: -2}
        goto: lief
  afloop:
    next:
      - {if: {all: [{flag: gebeld}, {metric: legality, gte: 2}]}, goto: goed}
      - {if: {metric: trust, gt: 5}, goto: nooit}
      - {goto: streng}
endings:
  goed: {title: {nl: "Goed"}, text: {nl: "Goed."}}
  streng: {title: {nl: "Streng"}, text: {nl: "Streng."}}
  lief: {title: {nl: "Lief"}, text: {nl: "Lief."}}
  vast: {title: {nl: "Vast"}, text: {nl: "Vast."}}
  nooit: {title: {nl: "Nooit"}, text: {nl: "Nooit."}}
"""

MERMAID_NODES = [
    's_melding["melding<br/>Zeg #quot;ja#quot; #91;of#93; #40;nee#41; #lt;b#gt; #amp; #35;1#59; klaar"]',
    's_besluit_nu["besluit-nu<br/>Wat besluit je nu, met alles wat je weet…"]',
    's_afloop["afloop"]',
    'e_goed(["goed<br/>Goed<br/>best: resident 100, rules 100 #40;omgekeerd#41;"])',
    'e_streng(["streng<br/>Streng<br/>best: resident 50, rules 75 #40;rules#41;"])',
    'e_lief(["lief<br/>Lief<br/>best: resident 100, rules 0 #40;kind#41;"])',
    'e_vast(["vast<br/>Vast<br/>best: resident 0, rules 0 #40;stuck#41;"])',
    'e_nooit(["nooit<br/>Nooit<br/>never reached"])',
]

MERMAID_EDGES = [
    's_melding ==>|"bellen"| s_besluit_nu',
    's_melding -->|"brief"| s_besluit_nu',
    's_melding -->|"weglopen"| e_vast',
    's_besluit_nu ==>|"maatwerk<br/>if flag gebeld<br/>⚖ pw-18, awb-3-4"| s_afloop',
    's_besluit_nu -->|"streng"| s_afloop',
    's_besluit_nu -->|"gunnen"| e_lief',
    's_afloop -.->|"if #40;flag gebeld and legality ≥ 2#41;"| e_goed',
    's_afloop -.->|"if trust #gt; 5"| e_nooit',
    's_afloop -.->|"otherwise"| e_streng',
]


@pytest.fixture
def case(scenario):
    return scenario(CASE)


def mermaid_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def test_mermaid_nodes_and_edges_one_by_one(case):
    lines = mermaid_lines(to_mermaid(build_graph(case)))
    assert lines[:2] == ["%% Omgekeerd: the graph of scenario graaf", "flowchart TD"]
    assert lines[2:2 + len(MERMAID_NODES)] == MERMAID_NODES
    edges = lines[2 + len(MERMAID_NODES):2 + len(MERMAID_NODES) + len(MERMAID_EDGES)]
    assert edges == MERMAID_EDGES


def test_mermaid_colours_endings_by_quadrant_and_highlights_the_expert_route(case):
    lines = mermaid_lines(to_mermaid(build_graph(case)))
    assert "class s_melding start" in lines
    assert "class s_besluit_nu,s_afloop situation" in lines
    for ending, style in [("goed", "omgekeerd"), ("streng", "rules"), ("lief", "kind"), ("vast", "stuck"),
                          ("nooit", "unreachable")]:
        assert f"class e_{ending} {style}" in lines
    assert "classDef omgekeerd fill:#c8e6c9,stroke:#2e7d32,color:#000000" in lines
    assert "classDef unreachable fill:#eeeeee,stroke:#9e9e9e,color:#000000,stroke-dasharray:5 5" in lines
    # edges are numbered in order: bellen (0), maatwerk (3) and the first next entry (6) are the expert route
    assert lines[-1] == "linkStyle 0,3,6 stroke:#6a1b9a,stroke-width:3px"


def test_mermaid_labels_never_carry_raw_quotes_or_brackets():
    assert mermaid_text('a "b" [c] {d} (e) <f> | g ` h # i & j ; k') == (
        "a #quot;b#quot; #91;c#93; #123;d#125; #40;e#41; #lt;f#gt; #124; g #96; h #35; i #amp; j #59; k")
    assert mermaid_text("twee\nregels") == "twee regels"


def test_node_keys_are_safe_and_unique(scenario):
    text = CASE.replace("  afloop:\n", "  besluit_nu:\n    text: {nl: x}\n    choices: [{id: a, text: {nl: a}, goto: goed}]\n  afloop:\n") \
               .replace("        goto: lief\n", "        goto: lief\n      - {id: zij, text: {nl: z}, goto: besluit_nu}\n")
    keys = safe_keys(scenario(text))
    assert keys["besluit-nu"] == "s_besluit_nu" and keys["besluit_nu"] == "s_besluit_nu_2"
    assert all(key.replace("_", "").isalnum() for key in keys.values())
    assert len(set(keys.values())) == len(keys)


DOT_NODES = [
    '"s_melding" [label="melding\\nZeg \\"ja\\" [of] (nee) <b> & #1; klaar", penwidth=3];',
    '"s_besluit_nu" [label="besluit-nu\\nWat besluit je nu, met alles wat je weet…"];',
    '"s_afloop" [label="afloop"];',
    '"e_goed" [label="goed\\nGoed\\nbest: resident 100, rules 100 (omgekeerd)", shape=ellipse, fillcolor="#c8e6c9", color="#2e7d32", style="filled"];',
    '"e_streng" [label="streng\\nStreng\\nbest: resident 50, rules 75 (rules)", shape=ellipse, fillcolor="#bbdefb", color="#1565c0", style="filled"];',
    '"e_lief" [label="lief\\nLief\\nbest: resident 100, rules 0 (kind)", shape=ellipse, fillcolor="#ffe0b2", color="#ef6c00", style="filled"];',
    '"e_vast" [label="vast\\nVast\\nbest: resident 0, rules 0 (stuck)", shape=ellipse, fillcolor="#ffcdd2", color="#c62828", style="filled"];',
    '"e_nooit" [label="nooit\\nNooit\\nnever reached", shape=ellipse, fillcolor="#eeeeee", color="#9e9e9e", style="filled,dashed"];',
]

EXPERT = 'color="#6a1b9a", fontcolor="#6a1b9a", penwidth=3'
DOT_EDGES = [
    f'"s_melding" -> "s_besluit_nu" [label="bellen", {EXPERT}];',
    '"s_melding" -> "s_besluit_nu" [label="brief"];',
    '"s_melding" -> "e_vast" [label="weglopen"];',
    f'"s_besluit_nu" -> "s_afloop" [label="maatwerk\\nif flag gebeld\\n⚖ pw-18, awb-3-4", {EXPERT}];',
    '"s_besluit_nu" -> "s_afloop" [label="streng"];',
    '"s_besluit_nu" -> "e_lief" [label="gunnen"];',
    f'"s_afloop" -> "e_goed" [label="if (flag gebeld and legality ≥ 2)", style=dashed, {EXPERT}];',
    '"s_afloop" -> "e_nooit" [label="if trust > 5", style=dashed];',
    '"s_afloop" -> "e_streng" [label="otherwise", style=dashed];',
]


def test_dot_nodes_and_edges_one_by_one(case):
    lines = [line.strip() for line in to_dot(build_graph(case)).splitlines()]
    assert lines[0] == 'digraph "graaf" {' and lines[-1] == "}"
    body = [line for line in lines if line.startswith('"')]
    assert body == DOT_NODES + DOT_EDGES


def test_english_labels(case):
    graph = build_graph(case, lang="en")
    assert graph.title == "Graph"


def test_graph_command_writes_stdout_or_a_file(cli, write, tmp_path):
    path = write(CASE)
    code, out, err = cli("graph", str(path))
    assert code == 0 and not err and out.splitlines()[1] == "flowchart TD"
    target = tmp_path / "graaf.dot"
    code, out, _ = cli("graph", str(path), "--format", "dot", "--out", str(target))
    assert code == 0 and f"geschreven: {target}" in out
    assert target.read_text(encoding="utf-8").startswith('digraph "graaf" {')


def test_graph_of_a_scenario_with_errors_shows_the_errors(cli, write):
    code, out, err = cli("graph", str(write(CASE.replace("goto: lief", "goto: nergens"))), "--lang", "en")
    assert code == 1 and not out and 'goes to "nergens"' in err


def test_svg_without_graphviz_names_the_package(cli, write, tmp_path, monkeypatch):
    path = write(CASE)
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot program on this PATH
    code, out, err = cli("graph", str(path), "--format", "svg")
    assert code == 1 and not out
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "Debian package graphviz" in err and "dot" in err


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_svg_with_graphviz(cli, write, tmp_path):
    target = tmp_path / "graaf.svg"
    code, _, err = cli("graph", str(write(CASE)), "--format", "svg", "--out", str(target))
    assert code == 0, err
    svg = target.read_text(encoding="utf-8")
    assert "<svg" in svg and "besluit&#45;nu" in svg and "never reached" in svg
