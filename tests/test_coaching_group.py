"""The group report: 200 generated playthroughs of one case counted right; a workshop group session in the same page."""

from __future__ import annotations

from collections import Counter

import pytest

from coachkit import make_cases
from game.engine.session import Session
from game.play.coaching import group_of_case
from game.store.database import Store
from game.store.groups import finish_group, record_decision, start_group
from game.store.portable import check_payload, merge
from scoring.analysis import analyse
from scoring.scores import quadrant, score


def route(number: int) -> list[str]:
    """Playthrough ``number``'s choices: every 4th sends the letter, every 5th fills in the form, …"""
    first = "brief" if number % 4 == 0 else "bellen"
    second = "formulier" if number % 5 == 0 else "luisteren"
    third = "maatwerk" if first == "bellen" and number % 2 == 0 else "afwijzen"
    return [first, second, third]


def generated(scenario, count: int, players: int = 7) -> dict:
    """A portable payload of ``count`` finished playthroughs (as another laptop would send them)."""
    sessions = []
    for number in range(count):
        when = f"2026-11-{1 + number % 28:02d}T10:{number % 60:02d}:00.000+00:00"
        sessions.append({
            "uid": f"{'ab' * 16}/{number + 1}", "player": f"speler{number % players}", "background": None,
            "scenario": scenario.id, "source": scenario.id, "content_hash": scenario.content_hash, "mode": "training",
            "lang": "nl", "started": when, "updated": when, "finished": when, "abandoned": False, "ending": None,
            "resident": None, "rules": None, "quadrant": None, "choices": [[c, when] for c in route(number)]})
    return {"install": "ab" * 16, "exported": "2026-11-30T10:00:00.000+00:00",
            "contents": {scenario.content_hash: scenario.source_text}, "sessions": sessions}


@pytest.fixture
def case(tmp_path):
    return make_cases(tmp_path / "cases", "drie-stappen")["drie-stappen"][0]


def test_the_group_report_of_200_playthroughs_is_right_on_known_counts(tmp_path, case):
    payload = generated(case, 200)
    check_payload(payload)
    with Store.open(tmp_path / "data") as store:
        merge(store, payload)
        report = group_of_case(store, case.id)
    assert report is not None and report.plays == 200 and report.finished == 200
    spread = {row.situation: {o.choice: o.count for o in row.options} for row in report.spread}
    assert spread == {"melding": {"bellen": 150, "brief": 50}, "gesprek": {"luisteren": 160, "formulier": 40},
                      "besluit": {"maatwerk": 50, "afwijzen": 150}}
    assert {o.choice: o.percent for o in report.spread[0].options} == {"bellen": 75, "brief": 25}
    assert [(t.id, t.plays, t.times) for t in report.thinking] == [("efficiency", 50, 50), ("rule", 40, 40)]
    assert [(lever.id, lever.plays) for lever in report.levers_used] == [("pw-18", 150)]
    assert [(lever.id, lever.plays) for lever in report.levers_missed] == [("pw-18", 50)]

    analysis = analyse(case)  # each distinct route replayed on its own, times how often it was played
    expected: Counter[str] = Counter()
    for choices, times in Counter(tuple(route(n)) for n in range(200)).items():
        expected[quadrant(score(case, analysis, Session.replay(case, list(choices)).metrics))] += times
    assert report.quadrants == {q: expected.get(q, 0) for q in ("omgekeerd", "rules", "kind", "stuck")}
    assert len(report.marks) == 200 and sum(report.quadrants.values()) == 200
    expert = {row.situation: [o.choice for o in row.options if o.expert] for row in report.spread}
    assert expert == {"melding": ["bellen"], "gesprek": [analysis.expert_route[1]], "besluit": ["maatwerk"]}


def test_the_group_page_hides_pseudonyms_unless_names_are_switched_on(tmp_path, cli, case):
    data = tmp_path / "data"
    with Store.open(data) as store:
        merge(store, generated(case, 20, players=3))
    out = tmp_path / "groep.html"
    code, printed, err = cli("group-report", case.id, "--out", str(out), "--data-dir", str(data))
    assert code == 0 and "20 speelbeurten" in printed, err
    html = out.read_text(encoding="utf-8")
    assert "speler0" not in html and "Schuilnamen zijn verborgen" in html
    assert html.count('class="end-dot"') == len({tuple(route(n)) for n in range(20)})  # one dot per end point
    assert not any(tag in html for tag in ("<script", "<link", " src=", 'href="http'))  # self-contained
    code, _, _ = cli("--lang", "en", "group-report", case.id, "--names", "--out", str(out), "--data-dir", str(data))
    html = out.read_text(encoding="utf-8")
    assert code == 0 and "speler0" in html and "What was chosen at each decision" in html
    code, _, err = cli("group-report", "onbekende-casus", "--out", str(out), "--data-dir", str(data))
    assert code == 1 and "onbekende-casus" in err


def test_group_report_with_a_number_is_the_workshop_group_sessions_debrief(tmp_path, cli, case):
    data = tmp_path / "data"
    with Store.open(data) as store:
        group = start_group(store, case, case.id)
        record_decision(store, group, "melding", [{"bellen": 5, "brief": 7}, {"bellen": 9, "brief": 3}], "bellen", 60)
        record_decision(store, group, "gesprek", [{"luisteren": 10, "formulier": 2}], "luisteren", 40)
        record_decision(store, group, "besluit", [{"maatwerk": 12}], "maatwerk", 30)
        finish_group(store, group, "goed", 12)
    out = tmp_path / "workshop.html"
    code, _, err = cli("group-report", str(group), "--out", str(out), "--data-dir", str(data))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "Verslag van de workshop" in html and html.count("gevolgd") == 3
    first = html.split('class="spread-row"')[1]
    assert "(12 stemmen)" in first and ">9<" in first and ">3<" in first  # the last round's votes
    assert html.count('class="end-dot"') == 1
    code, _, err = cli("group-report", "42", "--out", str(out), "--data-dir", str(data))
    assert code == 1 and "42" in err


def test_scenario_text_and_pseudonyms_are_escaped_in_the_group_page(tmp_path, cli):
    from storekit import edit, load

    cases = make_cases(tmp_path / "cases", "drie-stappen")
    _, path = cases["drie-stappen"]
    edit(path, 'text: {nl: "Sam bellen"', 'text: {nl: "Sam <script>alert(1)</script> bellen"')
    case = load(path)
    payload = generated(case, 4)
    payload["sessions"][0]["player"] = "<b>anna</b>"
    data = tmp_path / "data"
    with Store.open(data) as store:
        merge(store, payload)
    out = tmp_path / "groep.html"
    assert cli("group-report", case.id, "--names", "--out", str(out), "--data-dir", str(data))[0] == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "Sam &lt;script&gt;alert(1)&lt;/script&gt; bellen" in html
    assert "<b>anna</b>" not in html and "&lt;b&gt;anna&lt;/b&gt;" in html
