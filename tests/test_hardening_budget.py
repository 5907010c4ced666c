"""Hardening, the exploration budget: no scenario hangs validate, analyze or play (issue 15, points 1 and 6)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.store.database import Store
from scoring import smells as smells_module
from scoring.analysis import MAX_STATES, analyse

ROOT = Path(__file__).resolve().parent.parent

# A loop back to the start that adds 7 to a wide metric every round: far more than MAX_STATES states.
LOOP = """
format: 1
id: rondje
title: {nl: "Rondje", en: "Round"}
start: loket
metrics:
  schuld: {label: {nl: Schuld}, axis: rules, start: 0, min: 0, max: 1000000}
situations:
  loket:
    text: {nl: "Aan het loket."}
    choices:
      - id: nog_een_rondje
        text: {nl: "Nog een rondje"}
        effects: {schuld: 7, trust: 1}
        goto: loket
      - id: afronden
        text: {nl: "Afronden"}
        effects: {legality: 1}
        goto: einde
endings:
  einde: {title: {nl: "Einde"}, text: {nl: "Klaar."}}
"""


def timed(action):
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def test_a_loop_is_a_clear_finding_in_validate_within_seconds(write, cli):
    path = write(LOOP, "rondje.yaml")
    (code, out, _), seconds = timed(lambda: cli("validate", str(path)))
    assert seconds < 10 and code == 0
    assert f"more than {MAX_STATES:,} play states".replace(",", ".") in out or "seconds of exploring" in out
    assert "choices lead back to an earlier situation (loket -> loket)" in out
    assert "cannot be scaled" in out


def test_analyze_of_a_loop_ends_and_says_it_is_approximate(write, cli):
    path = write(LOOP, "rondje.yaml")
    (code, out, _), seconds = timed(lambda: cli("analyze", str(path), "--json"))
    assert seconds < 10 and code == 0
    result = json.loads(out)
    assert result["approximate"] is True and result["states"] <= MAX_STATES
    assert result["range"]["rules"] == [-20, 1000020]  # legality, justification and schuld at min and max


def test_playing_a_loop_ends_stores_the_session_finished_and_says_the_scale_is_approximate(write, cli, tmp_path):
    path = write(LOOP, "rondje.yaml")
    data = tmp_path / "data"
    (code, out, err), seconds = timed(lambda: cli("play", "--text", str(path), "--choices",
                                                   "nog_een_rondje,nog_een_rondje,afronden", "--data-dir", str(data)))
    assert code == 0, err
    assert seconds < 10
    assert "De scores staan daarom op de breedst mogelijke schaal" in " ".join(out.split())
    with Store.open(data) as store:
        saved = store.last()
        assert saved.finished and saved.ending == "einde" and saved.resident is not None


def test_the_tas_van_oma_loop_from_the_issue_validates_and_analyses_quickly(tmp_path, cli):
    folder = tmp_path / "bieb"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios" / "levers.yaml", folder)
    lines = (ROOT / "scenarios" / "tas-van-oma.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[445].strip() == "goto: brief_kiezen"
    lines[445] = lines[445].replace("brief_kiezen", "melding")
    (folder / "tas-van-oma.yaml").write_text("".join(lines), encoding="utf-8")
    (code, out, _), seconds = timed(lambda: cli("validate", str(folder / "tas-van-oma.yaml")))
    assert code == 0 and seconds < 10 and "cannot be scaled" in out
    (code, out, _), seconds = timed(lambda: cli("analyze", str(folder / "tas-van-oma.yaml")))
    assert code == 0 and seconds < 10 and "benadering" in out


def test_within_the_budget_the_analysis_is_exact(scenario):
    analysis = analyse(scenario(LOOP.replace("max: 1000000", "max: 20")))
    assert not analysis.approximate and analysis.endings == {"einde": True}


def test_a_time_budget_stops_an_exploration_too(scenario):
    analysis = analyse(scenario(LOOP), max_states=10**9, max_seconds=0.0)
    assert analysis.approximate and "seconds" in analysis.too_large


# -- point 6: dominated choices among thousands ------------------------------------------------------

def many_choices(count: int, effect) -> str:
    lines = ["format: 1", "id: breed", "title: {nl: Breed}", "start: a", "metrics:",
             "  schuld: {label: {nl: Schuld}, start: 0, min: -100000, max: 100000}",
             "situations:", "  a:", "    text: {nl: Kies.}", "    choices:"]
    lines += [f"      - {{id: k{i}, text: {{nl: Keuze {i}}}, effects: {effect(i)}, goto: einde}}" for i in range(count)]
    lines += ["endings:", "  einde: {title: {nl: Einde}, text: {nl: Klaar.}}"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("effect", [
    lambda i: f"{{trust: {i % 7 - 3}, legality: {(i * 3) % 5 - 2}}}",  # many dominated choices
    lambda i: f"{{schuld: {i}, legality: {-i}}}",  # each trades one metric for another: none dominated
], ids=["many dominated", "none dominated"])
def test_ten_thousand_choices_are_checked_for_dominance_in_seconds(scenario, effect):
    loaded = scenario(many_choices(10_000, effect))
    found, seconds = timed(lambda: smells_module.check_dominated(loaded))
    assert seconds < 5
    expected_some = "trust" in effect(0)
    assert bool(found) == expected_some


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(-2, 2), st.integers(-2, 2), st.sampled_from([None, "x"]),
                          st.sampled_from(["einde", "b"])), min_size=2, max_size=12))
def test_the_fast_dominance_check_finds_the_same_choices_as_comparing_every_pair(scenario_of, choices):
    lines = ["format: 1", "id: klein", "title: {nl: Klein}", "start: a", "situations:", "  a:",
             "    text: {nl: Kies.}", "    choices:"]
    for i, (trust, legality, flag, goto) in enumerate(choices):
        requires = ", requires: {flag: x}" if flag else ""
        lines.append(f"      - {{id: k{i}, text: {{nl: K}}, effects: {{trust: {trust}, legality: {legality}}}, "
                     f"set: [x]{requires}, goto: {goto}}}")
    lines += ["  b:", "    text: {nl: B}", "    choices: [{id: verder, text: {nl: Verder}, goto: einde}]",
              "endings:", "  einde: {title: {nl: Einde}, text: {nl: Klaar.}}"]
    loaded = scenario_of("\n".join(lines) + "\n")
    situation = loaded.situations["a"]
    flags, chosen = smells_module._read_in_play(loaded, "flag"), smells_module._read_in_play(loaded, "chose")
    pairwise = {w.id for w, _b, _l in smells_module._dominated_pairwise(situation, flags, chosen)}
    front = {w.id for w, _b, _l in smells_module._dominated_by_front(situation, flags, chosen)}
    assert pairwise == front


@pytest.fixture
def scenario_of(tmp_path_factory):
    """Load inline YAML without errors, for hypothesis (one folder per example)."""
    from game.content.library import check_file
    from conftest import catalogue

    levers = catalogue()

    def _load(text: str):
        path = tmp_path_factory.mktemp("case") / "klein.yaml"
        path.write_text(text, encoding="utf-8")
        entry = check_file(path, levers)
        assert entry.scenario is not None, [str(f) for f in entry.findings]
        return entry.scenario

    return _load


def test_the_report_of_a_loop_says_its_scale_is_approximate(write, cli, tmp_path):
    path = write(LOOP, "rondje.yaml")
    data = tmp_path / "data"
    assert cli("play", "--text", str(path), "--choices", "afronden", "--data-dir", str(data))[0] == 0
    assert cli("report", "1", "--out", str(tmp_path / "r.html"), "--data-dir", str(data))[0] == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "de scores staan op de breedst mogelijke schaal" in " ".join(html.split())
