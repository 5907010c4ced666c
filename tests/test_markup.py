"""One markup parser: *cursief* and **vet** read alike in the window, the terminal, the report, the graph and CSV."""

from __future__ import annotations

import csv
import io
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.engine.markup import Run, paragraphs, parse_line, plain
from game.engine.session import Session
from game.render.graph import build_graph, mermaid_text, to_mermaid
from game.render.report import render_report
from game.render.terminal import TextScreen, play_scripted
from game.store.csv_export import write_csv
from game.store.database import Store
from scoring.debrief import build_debrief
from storekit import load, write_scenario

Styled = list[tuple[str, str]]  # (text, "plain" | "bold" | "italic" | "bold italic")

# Each sample text with the runs every renderer must show for it.
SAMPLES: dict[str, Styled] = {
    "3 * 4 * 5 euro": [("3 * 4 * 5 euro", "plain")],
    "**vet** en *cursief*": [("vet", "bold"), (" en ", "plain"), ("cursief", "italic")],
    "*open en **half": [("*open en **half", "plain")],
    "<script>alert(1)</script> is *geen* code": [("<script>alert(1)</script> is ", "plain"), ("geen", "italic"),
                                                 (" code", "plain")],
}
SITUATIONS = ("een", "twee", "drie", "vier")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _scenario_yaml() -> str:
    """A chain of four situations; each one's text and its only choice's text is one sample."""
    lines = ["format: 1", "id: opmaak", 'title: {nl: "Opmaak", en: "Markup"}', "start: een", "situations:"]
    for number, (situation, text) in enumerate(zip(SITUATIONS, SAMPLES, strict=True)):
        following = SITUATIONS[number + 1] if number + 1 < len(SITUATIONS) else "eind"
        lines += [f"  {situation}:", f"    text: {_quoted(text)}", "    choices:", "      - id: verder",
                  f"        text: {_quoted(text)}", "        effects: {trust: 1}", f"        goto: {following}"]
    lines += ["endings:", '  eind: {title: "Klaar", text: "Het is klaar."}']
    return "\n".join(lines) + "\n"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_scenario(tmp_path / "cases", _scenario_yaml(), "opmaak.yaml")


def _visible(styled: Styled) -> str:
    return "".join(text for text, _ in styled)


def _from_runs(runs: tuple[Run, ...]) -> Styled:
    return [(run.text, " ".join(name for name, on in (("bold", run.bold), ("italic", run.italic)) if on) or "plain")
            for run in runs]


# -- the parser ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    *SAMPLES.items(),
    ("2 ** 3 en a ** b", [("2 ** 3 en a ** b", "plain")]),
    ("prijs* (zie onder)", [("prijs* (zie onder)", "plain")]),
    ("*) zie boven", [("*) zie boven", "plain")]),
    ("* punt", [("* punt", "plain")]),
    ("****", [("****", "plain")]),
    ("***beide***", [("beide", "bold italic")]),
    ("**vet met *cursief* erin**", [("vet met ", "bold"), ("cursief", "bold italic"), (" erin", "bold")]),
    ("*cursief met **vet** erin*", [("cursief met ", "italic"), ("vet", "bold italic"), (" erin", "italic")]),
    ("*niet * dicht", [("*niet * dicht", "plain")]),
    ("a * b* c", [("a * b* c", "plain")]),  # a marker before a space opens nothing
    ("*een* en *twee*", [("een", "italic"), (" en ", "plain"), ("twee", "italic")]),
    ("**a*", [("*", "plain"), ("a", "italic")]),
    ("2*3*4", [("2", "plain"), ("3", "italic"), ("4", "plain")]),  # documented: write 2 * 3 with spaces
])
def test_the_parser_follows_the_documented_rules(text: str, expected: Styled) -> None:
    assert _from_runs(parse_line(text)) == expected


def test_emphasis_never_runs_across_a_line_break() -> None:
    assert paragraphs("Een *begin\nzonder* eind\n\n**Vet**") == [
        ((Run("Een *begin"),), (Run("zonder* eind"),)),
        ((Run("Vet", bold=True),),)]
    assert plain("Een *begin\nzonder* eind") == "Een *begin\nzonder* eind"


def test_markers_only_ever_take_away_asterisks() -> None:
    """Every text of up to seven characters from '*', 'a', ' ' and a line break: nothing else is lost or added."""
    for size in range(8):
        for chars in itertools.product("*a \n", repeat=size):
            text = "".join(chars)
            runs = [run for line in text.split("\n") for run in parse_line(line)]
            assert all(run.text for run in runs), text
            assert plain(text).replace("*", "") == text.replace("*", ""), text
            assert "\n".join("".join(r.text for r in parse_line(line)) for line in text.split("\n")) == plain(text)


# -- every renderer -----------------------------------------------------------------------

def test_the_window_lays_out_the_same_runs() -> None:
    pygame = pytest.importorskip("pygame")
    from game.ui.toolkit.fonts import Fonts
    from game.ui.toolkit.text import Typesetter

    pygame.font.init()
    typesetter = Typesetter(Fonts())
    names = {"regular": "plain", "bold": "bold", "italic": "italic"}
    for text, expected in SAMPLES.items():
        layout = typesetter.layout(text, 16, 10_000)
        assert len(layout.lines) == 1, text
        shown = [(segment.text, names[segment.style]) for segment in layout.lines[0].segments]
        assert shown == expected, text


def test_the_terminal_shows_the_same_text_without_markers(case: Path) -> None:
    out = io.StringIO()
    play_scripted(Session(load(case)), ["verder"] * len(SAMPLES), TextScreen(out, "nl", width=100))
    lines = out.getvalue().splitlines()
    for text, expected in SAMPLES.items():
        assert _visible(expected) in lines, text  # the situation
        assert f"1. {_visible(expected)}" in lines, text  # its choice
    assert "*cursief*" not in out.getvalue() and "**vet**" not in out.getvalue()


class _Runs(HTMLParser):
    """The styled text of an HTML fragment (strong and em), entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.runs: Styled = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        style = " ".join(name for name, tag in (("bold", "strong"), ("italic", "em")) if tag in self.open) or "plain"
        if self.runs and self.runs[-1][1] == style:
            self.runs[-1] = (self.runs[-1][0] + data, style)
        else:
            self.runs.append((data, style))


def _html_runs(fragment: str) -> Styled:
    parser = _Runs()
    parser.feed(fragment)
    return parser.runs


def test_the_report_shows_the_same_runs_escaped(case: Path) -> None:
    html = render_report(build_debrief(Session.replay(load(case), ["verder"] * len(SAMPLES))), "nl")
    situations = re.findall(r'<div class="situation"><p>(.*?)</p></div>', html)
    chosen = re.findall(r'<span class="tag">Jouw keuze</span> (.*?)</p>', html)
    assert [_html_runs(s) for s in situations] == list(SAMPLES.values())
    assert [_html_runs(c) for c in chosen] == list(SAMPLES.values())
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; is <em>geen</em> code" in html
    assert not re.search(r"<(em|strong)>\s|\s</(em|strong)>", html)  # never "<em> 4 </em>"
    assert "3 * 4 * 5 euro" in html


def test_the_graph_labels_show_the_same_text(case: Path) -> None:
    scenario = load(case)
    graph = build_graph(scenario)
    labels = {node.id: node.lines[1] for node in graph.nodes if node.kind == "situation"}
    assert [labels[s] for s in SITUATIONS] == [_visible(expected) for expected in SAMPLES.values()]
    mermaid = to_mermaid(graph)
    assert mermaid_text("3 * 4 * 5 euro") in mermaid and "<script>" not in mermaid


def test_the_csv_export_has_the_same_text(tmp_path: Path, case: Path) -> None:
    scenario = load(case)
    with Store.open(tmp_path / "data") as store:
        session = store.start_session("Anna", scenario, str(case), "training", "nl")
        for _ in SAMPLES:
            store.record_choice(session, "verder")
        target = tmp_path / "sessies.csv"
        write_csv(store.sessions(), target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    column = rows[0].index("keuzetekst")
    texts = [row[column] for row in rows[1:]]
    assert texts == [_visible(expected) for expected in SAMPLES.values()]
