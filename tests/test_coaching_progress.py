"""Progress of one player across weeks: 6 attempts over 3 cases, recurring thinking errors, levers never used."""

from __future__ import annotations

import datetime as _dt

from coachkit import make_cases, play, stepping_clock
from game.play.coaching import progress_of
from game.store.database import Store

WEEK = _dt.timedelta(days=7)


def test_progress_of_a_player_with_6_attempts_over_3_cases_is_right(tmp_path, cli):
    cases = make_cases(tmp_path / "cases", "drie-stappen", "tweede-casus", "derde-casus")
    clock, jump = stepping_clock("2026-11-02T09:00:00")  # a Monday: ISO week 45
    data = tmp_path / "data"
    with Store.open(data, clock=clock) as store:
        attempts = [  # (case, choices): the letter (efficiency) in two cases, the form (rule) in the third only
            ("drie-stappen", ["brief", "luisteren", "afwijzen"]),
            ("drie-stappen", ["brief", "luisteren"]),  # unfinished
            ("tweede-casus", ["brief", "luisteren", "afwijzen"]),
            ("derde-casus", ["brief", "formulier", "afwijzen"]),
            ("tweede-casus", ["brief", "luisteren", "afwijzen"]),
            ("derde-casus", ["brief", "luisteren", "afwijzen"]),
        ]
        for number, (case_id, choices) in enumerate(attempts):
            if number in (2, 4):
                jump(WEEK)
            play(store, cases[case_id], "anna", choices)
        play(store, cases["drie-stappen"], "bert", ["bellen", "luisteren", "maatwerk"])  # someone else's
        progress = progress_of(store, "ANNA")
    assert progress is not None and progress.player == "anna"
    assert [(a.case, a.finished) for a in progress.attempts] == [(c, len(ch) == 3) for c, ch in attempts]
    assert [(row.case, len(row.attempts)) for row in progress.cases] == [
        ("drie-stappen", 2), ("tweede-casus", 2), ("derde-casus", 2)]
    assert [(w.label, w.attempts, w.finished) for w in progress.weeks] == [
        ("2026-W45", 2, 1), ("2026-W46", 2, 2), ("2026-W47", 2, 2)]
    finished = [a for a in progress.attempts if a.finished]
    assert all(a.resident is not None and a.verdict is not None for a in finished)
    assert progress.attempts[1].verdict is None and progress.attempts[1].resident is None
    assert [(p.id, p.cases, p.attempts) for p in progress.thinking] == [
        ("efficiency", ("drie-stappen", "tweede-casus", "derde-casus"), 6), ("rule", ("derde-casus",), 1)]
    assert [p.id for p in progress.recurring] == ["efficiency"]  # "rule" showed in one case only
    assert progress.never_used == ("pw-18",)  # offered at every first decision, never taken

    out = tmp_path / "voortgang.html"
    code, printed, err = cli("progress", "anna", "--out", str(out), "--data-dir", str(data))
    assert code == 0 and "6 speelbeurten" in printed, err
    html = out.read_text(encoding="utf-8")
    assert html.count('class="pt-resident"') == 5 and html.count('class="pt-rules"') == 5  # finished attempts
    assert html.count("<tr><td") == 6 + 3 + 3  # attempts, cases, weeks
    assert "Denkfouten die terugkomen" in html and "bert" not in html
    assert "Drie stappen, Tweede Casus, Derde Casus" in html
    code, _, err = cli("progress", "niemand", "--out", str(out), "--data-dir", str(data))
    assert code == 1 and "niemand" in err
