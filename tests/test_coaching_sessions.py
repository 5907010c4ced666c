"""My playthroughs: every stored session listed with case, date, mode, state, scores and verdict; any one continued."""

from __future__ import annotations

import json

import pytest

from coachkit import make_cases, play, stepping_clock
from game.play.coaching import continue_session, delete_session, list_sessions, set_aside_session
from game.store.database import Store, StoreError
from scoring.scores import quadrant
from storekit import edit


@pytest.fixture
def cases(tmp_path):
    return make_cases(tmp_path / "cases", "drie-stappen", "tweede-casus")


@pytest.fixture
def store(tmp_path):
    clock, _ = stepping_clock()
    with Store.open(tmp_path / "data", clock=clock) as opened:
        yield opened


def test_the_list_shows_sessions_of_two_cases_with_one_unfinished_each_and_both_continue(store, cases):
    one, two = cases["drie-stappen"], cases["tweede-casus"]
    best = play(store, one, "anna", ["bellen", "luisteren", "maatwerk"]).debrief().scores
    open_one = play(store, one, "anna", ["brief"]).session_id
    open_two = play(store, two, "anna", ["bellen", "formulier"]).session_id
    worst = play(store, two, "anna", ["brief", "formulier", "afwijzen"]).debrief().scores
    play(store, one, "bert", ["bellen"])

    rows = list_sessions(store, "anna")
    assert [r.player for r in rows] == ["anna"] * 4
    assert [(r.case, r.state, r.steps) for r in rows] == [
        ("tweede-casus", "finished", 3), ("tweede-casus", "open", 2), ("drie-stappen", "open", 1),
        ("drie-stappen", "finished", 3)]  # the one played last first
    finished = {r.case: r for r in rows if r.finished}
    assert (finished["drie-stappen"].resident, finished["drie-stappen"].rules) == (best.resident, best.rules)
    assert finished["drie-stappen"].verdict == quadrant(best) == "omgekeerd"
    assert finished["tweede-casus"].verdict == quadrant(worst) != "omgekeerd"
    assert all(r.resident is None and r.verdict is None for r in rows if not r.finished)
    assert rows[0].title.get("en") == "Tweede Casus (en)" and rows[0].mode == "training"
    assert len(list_sessions(store)) == 5

    for session_id, rest in ((open_one, ["luisteren", "afwijzen"]), (open_two, ["maatwerk"])):
        resumed = continue_session(store, session_id)  # not only the last one
        assert resumed.playthrough is not None and resumed.problem is None
        playthrough = resumed.playthrough
        assert playthrough.session_id == session_id
        assert playthrough.session.choice_ids == store.get(session_id).choices
        for choice in rest:
            playthrough.choose(choice)
        playthrough.finish()
        assert store.get(session_id).finished
    assert all(r.finished for r in list_sessions(store, "anna"))


def test_a_set_aside_session_is_kept_but_cannot_be_continued_and_a_deleted_one_is_gone(store, cases):
    kept = play(store, cases["drie-stappen"], "anna", ["bellen"]).session_id
    gone = play(store, cases["drie-stappen"], "anna", ["brief"]).session_id
    set_aside_session(store, kept)
    assert [r.state for r in list_sessions(store, "anna") if r.id == kept] == ["set_aside"]
    with pytest.raises(StoreError) as closed:
        continue_session(store, kept)
    assert closed.value.key == "session_closed"
    assert delete_session(store, gone) is True
    assert store.get(gone) is None and [r.id for r in list_sessions(store)] == [kept]
    assert delete_session(store, gone) is False


def test_the_verdict_is_the_endings_declared_outcome_when_it_has_one(tmp_path, store):
    cases = make_cases(tmp_path / "cases", "drie-stappen")
    scenario, path = cases["drie-stappen"]
    edit(path, 'text: {nl: "Het gaat goed met Sam.", en: "Sam is doing well."}}',
         'text: {nl: "Het gaat goed met Sam.", en: "Sam is doing well."}, outcome: kind}')
    from storekit import load

    declared = (load(path), path)
    scores = play(store, declared, "anna", ["bellen", "luisteren", "maatwerk"]).debrief().scores
    (row,) = list_sessions(store, "anna")
    assert min(scores.resident, scores.rules) >= 50  # the scores alone would say omgekeerd
    assert row.verdict == "kind" and (row.resident, row.rules) == (scores.resident, scores.rules)


def test_sessions_in_the_terminal_list_as_text_and_json_and_delete_asks_first(tmp_path, cli, cases, monkeypatch):
    data = str(tmp_path / "data")
    with Store.open(data) as store:
        scores = play(store, cases["drie-stappen"], "anna", ["bellen", "luisteren", "maatwerk"]).debrief().scores
        play(store, cases["tweede-casus"], "anna", ["brief"])
    code, out, _ = cli("sessions", "anna", "--data-dir", data)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and "Tweede Casus" in lines[0] and "nog bezig" in lines[0] and "1 keuze)" in lines[0]
    assert "Drie stappen" in lines[1] and "uitgespeeld" in lines[1]
    assert f"bewoner {scores.resident} · regels {scores.rules}" in lines[1]
    code, out, _ = cli("--lang", "en", "sessions", "--json", "--data-dir", data)
    listed = json.loads(out)
    assert [(s["case"], s["state"], s["verdict"]) for s in listed] == [
        ("tweede-casus", "open", None), ("drie-stappen", "finished", "omgekeerd")]
    code, _, err = cli("sessions", "nobody", "--data-dir", data)
    assert code == 1 and "nobody" in err

    monkeypatch.setattr("builtins.input", lambda _prompt: "nee")
    code, out, _ = cli("sessions", "--delete", "1", "--data-dir", data)
    assert code == 0 and "niet verwijderd" in out
    monkeypatch.setattr("builtins.input", lambda _prompt: "ja")
    code, out, _ = cli("sessions", "--delete", "1", "--data-dir", data)
    assert code == 0 and "verwijderd" in out
    code, out, _ = cli("sessions", "--set-aside", "2", "--data-dir", data)
    assert code == 0
    with Store.open(data) as store:
        assert [(s.id, s.abandoned) for s in store.sessions()] == [(2, True)]
