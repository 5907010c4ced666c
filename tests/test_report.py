"""The HTML report: self-contained, escaped, complete, in Dutch and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from game.engine.session import Session
from scoring.debrief import build_debrief
from game.render.report import ReportInfo, environment, render_report
from storekit import THREE_STEPS, load, write_scenario

HOSTILE = "<script>alert(1)</script>"


def report_of(path: Path, choices: list[str], lang: str = "nl", background: str | None = None,
              info: ReportInfo | None = None) -> str:
    session = Session.replay(load(path), choices)
    return render_report(build_debrief(session, None, background), lang, info)


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_scenario(tmp_path / "cases")


def test_script_in_any_scenario_text_is_shown_as_text(tmp_path):
    hostile = (THREE_STEPS
               .replace('title: {nl: "Drie stappen", en: "Three steps"}', f'title: "Drie {HOSTILE} stappen"')
               .replace('"Het gesprek met Sam."', f'"Het gesprek {HOSTILE} met Sam."')
               .replace('"Het formulier invullen"', '"Formulier <img src=x onerror=alert(2)>"')
               .replace('{nl: "Sam neemt op.", en: "Sam answers."}', f'"Sam neemt op. {HOSTILE}"')
               .replace('"Het gaat goed met Sam."', f'"Goed {HOSTILE}"')
               .replace('"Wat deed je eerst?"', f'"Wat deed je {HOSTILE}?"')
               .replace('["Participatiewet art. 18"]', f'["{HOSTILE}", "javascript:alert(3)"]'))
    html = report_of(write_scenario(tmp_path / "cases", hostile), ["bellen", "luisteren", "maatwerk"])
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # never in an attribute (links are https only)
    # title (twice), situation, feedback, ending, reflection, source
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6
    assert "Formulier &lt;img src=x onerror=alert(2)&gt;" in html  # an alternative not taken


def test_the_report_is_one_self_contained_printable_file(case):
    html = report_of(case, ["bellen", "luisteren", "maatwerk"])
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert not re.search(r"<(link|script|img|iframe)\b", html, re.I)
    assert not re.search(r"\b(src|href)=\"(?!https://)", html) and "url(" not in html
    assert "@media print" in html and "<svg" in html
    assert '<meta charset="utf-8">' in html


def test_the_report_shows_the_route_with_every_alternative_and_the_expert_route(case):
    html = report_of(case, ["brief", "formulier", "afwijzen"])
    route = html.split("Jouw route</h3>")[1].split("Route van de expert</h3>")[0]
    for chosen in ("Een standaardbrief sturen", "Het formulier invullen", "Afwijzen"):
        assert chosen in route
    for alternative in ("Sam bellen", "Luisteren naar wat Sam wil"):
        assert alternative in route
    assert "Maatwerk met een onderbouwing <span class=\"muted\">(niet beschikbaar)</span>" in route
    expert = html.split("Route van de expert</h3>")[1].split("</section>")[0]
    for chosen in ("Sam bellen", "Luisteren naar wat Sam wil", "Maatwerk met een onderbouwing"):  # analysed best
        assert chosen in expert
    assert "Het formulier invullen" not in expert
    assert route.count("De expert koos hier") == 3  # at every decision


def test_the_chart_draws_the_trajectory_from_the_start_and_after_every_choice(case):
    session = Session.replay(load(case), ["brief", "formulier", "afwijzen"])
    debrief = build_debrief(session)
    html = render_report(debrief, "nl")
    polylines = re.findall(r'<polyline class="path (you|expert)" points="([^"]+)"', html)
    yours = [points for kind, points in polylines if kind == "you"]
    assert len(yours) == 1 and len(yours[0].split()) == len(debrief.trajectory) == 4
    assert any(kind == "expert" for kind, _ in polylines)
    assert 'class="area a-stuck current"' in html or f'a-{debrief.quadrant} current' in html


def test_the_report_has_scores_questions_errors_levers_ending_reflection_and_sources(case):
    html = report_of(case, ["brief", "formulier", "afwijzen"], background="wmo",
                     info=ReportInfo(session_id=7, player="Anna", mode="training", started="2026-11-23T09:05:00+00:00"))
    for expected in ("Bewonersgericht", "Rechtmatig", "De vier vragen", "Efficiëntie-denken", "Regel-denken",
                     "Laten liggen", "Afloop: Vastgelopen", "Het gaat slecht met Sam.", "Wat wilde Sam?",
                     "Achtergrond bij de casus.", "Participatiewet art. 18", "Anna", "23-11-2026 09:05 UTC",
                     "Wmo-consulent"):
        assert expected in html, expected
    assert html.count('<span class="line"></span>') == 8  # room to write under both reflection questions
    assert "Afstemming" in html  # the catalogue's title of the missed lever pw-18


def test_the_report_in_english(case):
    html = report_of(case, ["bellen", "luisteren", "maatwerk"], lang="en")
    assert '<html lang="en">' in html
    for expected in ("The four questions", "Your route", "Expert route", "Call Sam", "Listen to what Sam wants",
                     "Ending: Well arranged", "What did Sam want?", "You followed the expert route exactly."):
        assert expected in html, expected
    assert "De vier vragen" not in html


def test_an_unfinished_playthrough_is_marked(case):
    html = report_of(case, ["bellen"])
    assert "nog niet afgemaakt" in html and "Afloop:" not in html


def test_emphasis_in_scenario_text_becomes_markup(tmp_path):
    text = THREE_STEPS.replace('"Het gesprek met Sam."', '"Het *eerste* gesprek met **Sam**."')
    html = report_of(write_scenario(tmp_path / "cases", text), ["bellen", "luisteren"])
    assert "Het <em>eerste</em> gesprek met <strong>Sam</strong>." in html


def test_the_templates_escape_everything_and_refuse_undefined_names():
    env = environment()
    assert env.from_string("<p>{{ text }}</p>").render(text="<b>vet</b> & \"x\"") == \
        "<p>&lt;b&gt;vet&lt;/b&gt; &amp; &#34;x&#34;</p>"
    with pytest.raises(UndefinedError):
        env.from_string("<p>{{ misspelt }}</p>").render(text="x")
    with pytest.raises(UndefinedError):
        env.get_template("report.html.j2").render(lang="nl")  # a page without its debrief fails, never half-empty


# -- the report command -------------------------------------------------------------------

def test_report_command_writes_the_last_session(tmp_path, cli, case):
    data = str(tmp_path / "data")
    cli("play", "--text", str(case), "--choices", "bellen,luisteren,maatwerk", "--player", "Anna", "--data-dir", data)
    out_file = tmp_path / "verslag.html"
    code, out, err = cli("report", "--last", "--out", str(out_file), "--data-dir", data)
    assert code == 0 and err == "" and str(out_file) in out
    html = out_file.read_text(encoding="utf-8")
    assert "Anna" in html and "Goed geregeld" in html
    code, _, _ = cli("report", "1", "--lang", "en", "--out", str(out_file), "--data-dir", data)
    assert code == 0 and "Well arranged" in out_file.read_text(encoding="utf-8")


def test_report_of_a_scenario_file_that_changed_uses_the_version_played(tmp_path, cli, case):
    data = str(tmp_path / "data")
    cli("play", "--text", str(case), "--choices", "bellen,luisteren,maatwerk", "--data-dir", data)
    case.write_text("not a scenario any more", encoding="utf-8")
    out_file = tmp_path / "verslag.html"
    assert cli("report", "1", "--out", str(out_file), "--data-dir", data)[0] == 0
    assert "Het gesprek met Sam." in out_file.read_text(encoding="utf-8")


def test_report_usage_and_unknown_sessions(tmp_path, cli):
    data = str(tmp_path / "data")
    out_file = str(tmp_path / "r.html")
    assert cli("report", "--out", out_file, "--data-dir", data)[0] == 2
    assert cli("report", "3", "--last", "--out", out_file, "--data-dir", data)[0] == 2
    assert cli("report", "drie", "--out", out_file, "--data-dir", data)[0] == 2
    code, _, err = cli("report", "3", "--out", out_file, "--data-dir", data)
    assert code == 1 and "Er is geen sessie 3." in err
    code, _, err = cli("report", "--last", "--out", out_file, "--data-dir", data)
    assert code == 1 and "nog geen bewaarde speelsessies" in err
    assert not Path(out_file).exists()


def test_the_report_says_what_each_score_means_and_where_50_is(case):
    html = report_of(case, ["brief", "formulier", "afwijzen"])
    assert "50 is hoe de zaak begon." in html
    assert '<span class="meaning">veel slechter dan bij het begin</span>' in html  # resident 0
    assert '<span class="meaning">veel beter dan bij het begin</span>' in html  # rules 80


def test_compiled_templates_are_kept_between_runs_and_a_damaged_one_is_compiled_again(tmp_path, case, monkeypatch):
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from game.render import report
    from game.render.template_cache import TemplateCache

    shipped = report.environment()

    def fresh_environment() -> Environment:  # what a new process makes: the same options, the same cache folder
        env = Environment(loader=PackageLoader("game.render", "templates"), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          bytecode_cache=TemplateCache(tmp_path / "templates", "options"))
        env.globals.update(shipped.globals)
        env.filters.update(shipped.filters)
        return env

    expected = report_of(case, ["bellen", "luisteren", "maatwerk"])
    monkeypatch.setattr(report, "environment", fresh_environment)
    assert report_of(case, ["bellen", "luisteren", "maatwerk"]) == expected  # compiled, and kept
    kept = sorted((tmp_path / "templates").glob("*.code"))
    assert kept and all(f.read_bytes().startswith(b"omgekeerd-templates-1|") for f in kept)
    assert report_of(case, ["bellen", "luisteren", "maatwerk"]) == expected  # from the kept code
    damaged = {f: f.read_bytes()[:-20] + b"\x00garbage" for f in kept}  # the header intact, the code cut
    for path, data in damaged.items():
        path.write_bytes(data)
    assert report_of(case, ["bellen", "luisteren", "maatwerk"]) == expected  # a damaged file: compiled again
    assert all(path.read_bytes() != data for path, data in damaged.items())  # and written whole again
    other = TemplateCache(tmp_path / "templates", "other options")  # other options never use this code
    bucket = other.get_bucket(fresh_environment(), "report.html.j2", None, "{{ x }}")
    assert bucket.code is None
