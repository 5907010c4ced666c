"""The new command: a ready-to-edit, bilingual scenario that validates without any finding."""

from __future__ import annotations

import json
import shutil

import pytest

from game.content.library import check_file, resolve
from game.content.scaffold import TEMPLATE, scaffold_text
from scoring.analysis import analyse
from scoring.smells import with_smells

from conftest import ROOT, catalogue


@pytest.fixture
def library(tmp_path, monkeypatch):
    """An empty library folder (with the lever catalogue beside it, as in scenarios/)."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios" / "levers.yaml", folder / "levers.yaml")
    monkeypatch.setenv("OMGEKEERD_SCENARIOS", str(folder))
    return folder


def test_new_writes_into_the_library_and_validates_without_findings(cli, library):
    code, out, err = cli("new", "mijn-casus")
    path = library / "mijn-casus.yaml"
    assert code == 0 and not err and path.is_file()
    assert "geschreven" in out and "mijn-casus.yaml" in out
    code, out, _ = cli("validate", str(path))
    assert (code, out) == (0, "geen problemen gevonden\n")


def test_the_written_scenario_has_no_findings_and_no_smells(tmp_path):
    path = tmp_path / "huur-noor.yaml"
    path.write_text(scaffold_text("huur-noor"), encoding="utf-8")
    entry = check_file(path, catalogue())
    assert entry.scenario is not None and entry.scenario.id == "huur-noor"
    assert [str(f) for f in with_smells(entry)] == []


def test_new_with_out_and_a_playable_case(cli, tmp_path):
    path = tmp_path / "eigen.yaml"
    code, _, _ = cli("new", "eigen", "--out", str(path))
    assert code == 0
    scenario = resolve(str(path)).scenario
    analysis = analyse(scenario)
    assert all(analysis.endings.values()) and len(analysis.endings) == 3
    assert analysis.expert_route == ["huisbezoek", "maatwerk"]
    code, out, _ = cli("play", "--text", str(path), "--choices", "huisbezoek,maatwerk", "--json")
    result = json.loads(out)
    assert code == 0 and result["ending"] == "samen_verder" and result["quadrant"] == "omgekeerd"


def test_every_text_of_the_new_scenario_is_in_dutch_and_english(tmp_path):
    path = tmp_path / "tweetalig.yaml"
    path.write_text(scaffold_text("tweetalig"), encoding="utf-8")
    scenario = check_file(path, catalogue()).scenario
    texts = [scenario.title, scenario.summary, scenario.learning_goals, scenario.resident.household,
             scenario.debrief.reflection, scenario.debrief.background, *scenario.debrief.expertise.values()]
    texts += [t for d in scenario.dossier for t in (d.title, d.text)]
    for situation in scenario.situations.values():
        texts += [situation.text] if situation.text else []
        for choice in situation.choices:
            texts += [choice.text, choice.feedback] + ([choice.requires_text] if choice.requires_text else [])
    for ending in scenario.endings.values():
        texts += [ending.title, ending.text] + [e.text for e in ending.epilogue]
    missing = [t.values for t in texts if set(t.values) != {"nl", "en"}]
    assert missing == []


def test_new_explains_each_part_in_comments():
    for key in ("format:", "id:", "title:", "summary:", "metrics:", "dossier:", "start:", "situations:", "choices:",
                "effects:", "set:", "requires:", "levers:", "missed_levers:", "thinking:", "next:", "endings:",
                "epilogue:", "debrief:", "feedback:", "unlocks:"):
        line = next(line for line in TEMPLATE.splitlines() if line.lstrip("# ").startswith(key))
        commented = line.lstrip().startswith("#") or "#" in line
        assert commented, f"no comment explains {key}"


def test_new_refuses_to_overwrite(cli, library):
    path = library / "bestaat.yaml"
    path.write_text("mijn eigen werk\n", encoding="utf-8")
    code, out, err = cli("new", "bestaat")
    assert code == 1 and not out
    assert "already exists" in err and "nothing was written" in err
    assert path.read_text(encoding="utf-8") == "mijn eigen werk\n"


def test_new_refuses_an_id_the_library_already_uses(cli, library):
    (library / "anders.yaml").write_text(scaffold_text("dubbel"), encoding="utf-8")
    code, _, err = cli("new", "dubbel")
    assert code == 1 and 'hebben al een casus "dubbel"' in err
    assert not (library / "dubbel.yaml").exists()


@pytest.mark.parametrize("bad", ["Hoofdletters", "met spatie", "under_score", "x.yaml"])
def test_new_refuses_an_id_that_is_not_allowed(cli, library, bad):
    code, _, err = cli("new", bad)
    assert code == 2 and "cannot be a scenario id" in err
    assert [p.name for p in library.iterdir()] == ["levers.yaml"]


def test_new_into_a_missing_folder(cli, tmp_path):
    code, _, err = cli("new", "x", "--out", str(tmp_path / "nergens" / "x.yaml"))
    assert code == 1 and "does not exist" in err
