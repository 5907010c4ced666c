"""The coach view: every alternative's best and worst reachable ending, the expert's choice, the notes in the report."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coachkit import make_cases, play
from game.content.library import load_library
from game.engine.model import Scenario
from game.engine.session import Session
from game.store.database import Store
from game.store.notes import CoachNotes, notes_of, set_note
from scoring.analysis import Analysis, analyse
from scoring.coach import build_coach_view
from scoring.scores import score


def endings_from(session: Session, analysis: Analysis) -> Iterator[tuple[tuple[int, int, int, str], str, int, int]]:
    """Every complete playthrough from where ``session`` stands, played out one choice at a time (no analysis graph)."""
    if session.finished:
        scores = score(session.scenario, analysis, session.metrics)
        ending = session.ending.id
        low = min(scores.resident, scores.rules)
        fits = 1 if session.ending.outcome in ("", "omgekeerd") else 0  # an ending declared a failure comes last
        yield ((fits, low, scores.resident + scores.rules, scores.resident, ending), ending, scores.resident,
               scores.rules)
        return
    for option in session.all_choices:
        if not option.available:
            continue
        session.choose(option.id)
        yield from endings_from(session, analysis)
        session.undo()


def brute_reach(scenario: Scenario, analysis: Analysis, choices: list[str]) -> tuple[tuple, tuple] | None:
    session = Session.replay(scenario, choices)
    found = sorted(endings_from(session, analysis))
    if not found:
        return None
    return found[-1][1:], found[0][1:]


def first_available_route(scenario: Scenario) -> list[str]:
    session = Session(scenario)
    while not session.finished:
        session.choose([o for o in session.all_choices if o.available][-1].id)
    return session.choice_ids


def library_cases() -> list[Scenario]:
    wanted = ("tas-van-oma", "vergeten-bijbaantje", "schimmel-blok-c")
    return [s for s in load_library().playable() if s.id in wanted]


@pytest.mark.parametrize("case", library_cases(), ids=lambda s: s.id)
def test_where_every_alternative_would_have_led_equals_playing_it_out(case: Scenario) -> None:
    analysis = analyse(case)
    for route in (analysis.expert_route, first_available_route(case)):
        view = build_coach_view(case, analysis, route)
        assert [step.chosen.id for step in view.steps] == route
        for step in view.steps:
            for option in step.options:
                if not option.available:
                    assert option.reach is None
                    continue
                expected = brute_reach(case, analysis, route[:step.number - 1] + [option.id])
                got = option.reach
                assert got is not None and expected is not None
                assert ((got.best.ending, got.best.scores.resident, got.best.scores.rules),
                        (got.worst.ending, got.worst.scores.resident, got.worst.scores.rules)) == expected, \
                    (step.situation, option.id)


def test_the_expert_choice_is_marked_and_the_first_step_off_the_expert_route_is_found(tmp_path) -> None:
    scenario, _ = make_cases(tmp_path, "drie-stappen")["drie-stappen"]
    analysis = analyse(scenario)
    expert = analysis.expert_route
    on_route = build_coach_view(scenario, analysis, expert)
    assert on_route.first_departure is None and all(s.on_expert_route for s in on_route.steps)
    assert [s.expert.id for s in on_route.steps] == expert

    other = next(o.id for o in Session(scenario).all_choices if o.id != expert[0])
    session = Session.replay(scenario, [other])
    route = [other]
    while not session.finished:
        route.append(next(o.id for o in session.all_choices if o.available))
        session.choose(route[-1])
    off = build_coach_view(scenario, analysis, route)
    assert off.first_departure == 1
    assert [s.left_expert_route for s in off.steps] == [True] + [False] * (len(route) - 1)
    first = off.steps[0]
    assert first.chosen.id == other and first.expert.id == expert[0] and not first.chosen.expert
    letter = first.chosen
    assert letter.thinking == ("efficiency",) and letter.missed_levers == ("pw-18",)
    assert letter.effect == (-1, 1)  # trust -1 on the resident axis, legality +1 on the rules axis
    assert off.steps[-1].options[0].available is False  # maatwerk needs the call that was not made
    assert [q.get("en") for q in off.reflection] == ["What did you do first?", "What did Sam want?"]


def test_notes_survive_a_restart_and_appear_escaped_in_the_report(tmp_path, cli) -> None:
    case = make_cases(tmp_path / "cases", "drie-stappen")["drie-stappen"]
    data = tmp_path / "data"
    with Store.open(data) as store:
        session_id = play(store, case, "anna", ["brief", "luisteren", "afwijzen"]).session_id
        set_note(store, session_id, 0, "Sterk gesprek.\nVolgende keer eerst bellen.")
        set_note(store, session_id, 1, "Waarom een <brief>?")
        set_note(store, session_id, 2, "weg")
        set_note(store, session_id, 2, "   ")  # an empty note removes it
    with Store.open(data) as reopened:
        assert notes_of(reopened, session_id) == CoachNotes("Sterk gesprek.\nVolgende keer eerst bellen.",
                                                            {1: "Waarom een <brief>?"})
    code, out, err = cli("report", str(session_id), "--out", str(tmp_path / "verslag.html"), "--data-dir", str(data))
    assert code == 0, err
    html = (tmp_path / "verslag.html").read_text(encoding="utf-8")
    coach = html.split('<section class="coach">')[1].split("</section>")[0]
    assert "Sterk gesprek.\nVolgende keer eerst bellen." in coach
    assert "Waarom een &lt;brief&gt;?" in coach and "<brief>" not in html
    assert "Bij stap 1 ging de route een andere kant op" in coach
    assert coach.count('class="coach-step') == 3 and coach.count("coach-step departed") == 1
    assert "Sam bellen" in coach and "expert" in coach  # the alternative not taken, and the expert's mark


def test_notes_via_the_command_line_and_a_step_that_does_not_exist(tmp_path, cli) -> None:
    case = make_cases(tmp_path / "cases", "drie-stappen")["drie-stappen"]
    data = str(tmp_path / "data")
    with Store.open(data) as store:
        session_id = play(store, case, "anna", ["bellen"]).session_id
    assert cli("note", str(session_id), "Goed begin", "--step", "1", "--data-dir", data)[0] == 0
    code, _, err = cli("note", str(session_id), "Te ver", "--step", "5", "--data-dir", data)
    assert code == 1 and "Stap 5" in err
    code, _, err = cli("note", "99", "Niemand", "--data-dir", data)
    assert code == 1 and "99" in err
    with Store.open(data) as store:
        assert notes_of(store, session_id) == CoachNotes("", {1: "Goed begin"})


def test_an_ending_the_case_declares_a_failure_is_never_the_best_that_could_follow(tmp_path) -> None:
    from storekit import edit, load

    _, path = make_cases(tmp_path, "drie-stappen")["drie-stappen"]
    edit(path, 'text: {nl: "Het gaat goed met Sam.", en: "Sam is doing well."}}',
         'text: {nl: "Het gaat goed met Sam.", en: "Sam is doing well."}, outcome: stuck}')
    scenario = load(path)
    analysis = analyse(scenario)
    route = ["bellen", "luisteren", "maatwerk"]
    view = build_coach_view(scenario, analysis, route)
    call = view.steps[0].chosen.reach
    assert call is not None and call.best.ending == "slecht" and call.worst.ending == "goed"
    assert call.best.scores.rules < call.worst.scores.rules  # the scores alone would have said otherwise
    for step in view.steps:
        for option in step.options:
            if option.available and option.reach is not None:
                got = option.reach
                assert ((got.best.ending, got.best.scores.resident, got.best.scores.rules),
                        (got.worst.ending, got.worst.scores.resident, got.worst.scores.rules)) == \
                    brute_reach(scenario, analysis, route[:step.number - 1] + [option.id])
