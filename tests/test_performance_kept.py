"""Analyses kept between runs (issue 16): a kept analysis is the fresh one; any other record is explored again."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from game.content.kept import JsonRecords
from game.content.library import catalogue_for, check_file, default_folder, scenario_files
from game.engine.model import Scenario
from scoring import analysis
from scoring.keeping import kept_in
from scoring.routes import ending_routes

LIBRARY = scenario_files(default_folder())


def fresh(path: Path) -> Scenario:
    """A newly loaded scenario object (the in-process memo knows scenarios by object)."""
    entry = check_file(path, catalogue_for(path)[0])
    assert entry.scenario is not None and entry.ok, entry.findings[:3]
    return entry.scenario


def record_file(folder: Path, scenario: Scenario) -> Path:
    return folder / f"analysis-{scenario.content_hash}.json"


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_a_kept_analysis_is_the_fresh_one_and_its_routes_too(path: Path, tmp_path: Path) -> None:
    records = JsonRecords(tmp_path)
    explored = analysis.analyse(fresh(path))
    with kept_in(records):
        first = fresh(path)
        analysis.analyse(first)  # explores and keeps
        assert record_file(tmp_path, first).is_file()
        kept = analysis.analyse(fresh(path))  # read back
    assert kept.explored is None and kept.kept_from is not None  # no exploration yet
    assert kept == explored  # every field but the state graph
    assert json.dumps(kept.to_json()) == json.dumps(explored.to_json())
    assert {(k, type(v)) for k, v in kept.range.items()} == {(k, type(v)) for k, v in explored.range.items()}
    scenario = kept.kept_from
    assert scenario is not None
    assert ending_routes(scenario, kept) == ending_routes(scenario, explored)  # the graph is explored when asked
    assert kept.explored is not None and kept.route_without_lever() == explored.route_without_lever()


def kept_traplift(folder: Path) -> tuple[Path, JsonRecords, analysis.Analysis, Path, dict]:  # type: ignore[type-arg]
    """traplift analysed with a keeper in ``folder``: (its file, the keeper, the analysis, the record, its content)."""
    path = default_folder() / "traplift.yaml"
    records = JsonRecords(folder)
    scenario = fresh(path)
    with kept_in(records):
        good = analysis.analyse(scenario)
    target = record_file(folder, scenario)
    return path, records, good, target, json.loads(target.read_text(encoding="utf-8"))


def test_a_record_of_other_code_another_case_or_damaged_is_not_used(tmp_path: Path) -> None:
    path, records, good, target, original = kept_traplift(tmp_path)
    wrong_range = {**original, "range": {"resident": [0, 1], "rules": [0, 1]}}
    spoiled = [
        {**wrong_range, "code": "0" * 32},  # made by other code
        {**wrong_range, "scenario": "tas-van-oma"},  # another case's id
        {**wrong_range, "format": 99},
        {**wrong_range, "range": {"resident": ["laag", 1], "rules": [0, 1]}},
        {**wrong_range, "endings": {"elders": True}},
        {**wrong_range, "states": "veel"},
        [1, 2, 3],
    ]
    texts = [json.dumps(r) for r in spoiled] + [target.read_text(encoding="utf-8")[:200], "", "\x00\xff"]
    for text in texts:
        target.write_text(text, encoding="utf-8")
        with kept_in(records):
            again = analysis.analyse(fresh(path))
        assert again == good and again.explored is not None, text[:80]  # explored afresh
        assert json.loads(target.read_text(encoding="utf-8")) == original  # and kept right again


def test_a_record_that_disagrees_with_the_case_is_not_used_even_with_a_right_checksum(tmp_path: Path) -> None:
    path, records, good, target, original = kept_traplift(tmp_path)
    first_ending = next(iter(original["endings"]))
    changes = [{"endings": {**original["endings"], first_ending: "nee"}}, {"cyclic": "ja"}, {"outcomes": {}},
               {"range": {"resident": [18, -25], "rules": original["range"]["rules"]}}, {"start": {}},
               {"start": {"resident": 3, "rules": 0}}, {"expert_route": ["x"]}, {"dead_ends": ["nergens"]},
               {"choices_taken": ["melding.x"]}, {"ending_best": {"elders": [50, 50, 0, 0]}}, {"states": -1},
               {"playthroughs": -5}, {"expert_scores": [99, 99, 1, 1]},
               {"expert_ending": next(e for e in original["endings"] if e != original["expert_ending"])},
               {"range": {"resident": [-26, 18], "rules": original["range"]["rules"]}}]
    for change in changes:
        spoiled = {**original, **change}
        spoiled["digest"] = analysis._digest(spoiled)
        target.write_text(json.dumps(spoiled), encoding="utf-8")
        with kept_in(records):
            again = analysis.analyse(fresh(path))
        assert again == good and again.explored is not None, change  # explored afresh
    spoiled = {**original, "range": {"resident": [-26, 18], "rules": original["range"]["rules"]}}
    target.write_text(json.dumps(spoiled), encoding="utf-8")  # the checksum no longer fits
    with kept_in(records):
        assert analysis.analyse(fresh(path)) == good


def test_a_record_beyond_the_budget_asked_for_is_explored_within_it(tmp_path: Path) -> None:
    path = default_folder() / "traplift.yaml"
    records = JsonRecords(tmp_path)
    with kept_in(records):
        exact = analysis.analyse(fresh(path))
        smaller = analysis.analyse(fresh(path), max_states=exact.states // 2)
    assert not exact.approximate and smaller.approximate and smaller.too_large


def test_an_approximate_analysis_is_not_kept(tmp_path: Path) -> None:
    path = default_folder() / "traplift.yaml"
    with kept_in(JsonRecords(tmp_path)):
        result = analysis.analyse(fresh(path), max_states=10)
    assert result.approximate and not list(tmp_path.glob("*.json"))


def test_without_a_keeper_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    analysis.analyse(fresh(default_folder() / "traplift.yaml"))
    assert not list(tmp_path.rglob("analysis-*.json"))


def test_the_oldest_records_go_beyond_the_limit(tmp_path: Path) -> None:
    records = JsonRecords(tmp_path, limit=3)
    for number in range(6):
        records.put(f"analysis-{number:016x}", {"n": number})
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [f"analysis-{n:016x}.json" for n in (3, 4, 5)]
    assert records.get("../buiten") is None and records.get("analysis-0000000000000005") == {"n": 5}


def test_commands_give_the_same_cold_and_from_kept_analyses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             cli) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "bieb"
    folder.mkdir()
    for name in ("traplift.yaml", "levers.yaml"):
        shutil.copy(default_folder() / name, folder / name)
    monkeypatch.setenv("OMGEKEERD_SCENARIOS", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    commands = [("analyze", "traplift", "--json"), ("validate", str(folder / "traplift.yaml")),
                ("--data-dir", str(tmp_path / "d1"), "play", "--text", "traplift", "--choices",
                 "keukentafel_plannen,hele_dag", "--json")]
    cold = [cli(*command) for command in commands]
    kept = list((tmp_path / "cache").rglob("analysis-*.json"))
    assert len(kept) == 1
    commands[2] = tuple(w.replace("d1", "d2") for w in commands[2])
    warm = [cli(*command) for command in commands]
    assert warm == cold
    # a damaged record changes nothing either
    kept[0].write_text("{", encoding="utf-8")
    commands[2] = tuple(w.replace("d2", "d3") for w in commands[2])
    assert [cli(*command) for command in commands] == cold


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_device_in_the_cache_folder_is_a_miss_not_a_hang(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "SDL_VIDEODRIVER": "dummy"}
    command = [sys.executable, "main.py", "analyze", "traplift", "--json"]
    cold = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=60)
    kept = sorted((tmp_path / "cache").rglob("*.json"))
    assert cold.returncode == 0 and kept  # the analysis and the lever catalogue
    for number, path in enumerate(kept):
        path.unlink()
        if number % 2:
            os.symlink("/dev/zero", path)
        else:
            os.mkfifo(path)
    warm = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert (warm.returncode, warm.stdout) == (0, cold.stdout)
    assert all(path.is_file() and not path.is_symlink() for path in kept)  # written anew


def test_threads_writing_the_same_record_leave_one_whole_file(tmp_path: Path) -> None:
    import threading

    records = JsonRecords(tmp_path)
    big = {"values": list(range(20_000))}
    workers = [threading.Thread(target=records.put, args=("analysis-0000000000000001", {**big, "n": n}))
               for n in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    kept = records.get("analysis-0000000000000001")
    assert isinstance(kept, dict) and kept["values"] == big["values"] and kept["n"] in range(8)
    assert [p.name for p in tmp_path.iterdir()] == ["analysis-0000000000000001.json"]  # no temporary files left
