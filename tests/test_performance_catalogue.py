"""The lever catalogue kept between runs (issue 16): the kept copy is what reading gives; anything else is read again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.content.library import catalogue_for, default_folder
from game.engine.loader import load_catalogue


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "omgekeerd" / "catalogues"


def same(kept: tuple, read: tuple) -> None:  # type: ignore[type-arg]
    levers, findings = kept
    assert levers == read[0] and list(levers) == list(read[0])
    for lever_id, lever in levers.items():  # what equality leaves out: the lines of each language
        assert lever.title.where == read[0][lever_id].title.where
        assert lever.explain.where == read[0][lever_id].explain.where
        assert type(lever.line) is int and lever.path == read[0][lever_id].path
    assert [(f, f.knock_on) for f in findings] == [(f, f.knock_on) for f in read[1]]


def test_the_kept_shipped_catalogue_is_the_one_read(cache: Path) -> None:
    path = default_folder() / "levers.yaml"
    first = catalogue_for(path)
    assert len(list(cache.glob("*.json"))) == 1
    kept = catalogue_for(path)
    read = load_catalogue(str(Path("scenarios") / "levers.yaml"))
    same(first, read)
    same(kept, read)
    assert len(kept[0]) > 20


def test_a_catalogue_with_findings_keeps_them(cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bieb"
    folder.mkdir()
    (folder / "levers.yaml").write_text(
        "pw-18:\n  title: {nl: Artikel 18, en: Article 18}\n  explain: {nl: \"Uitleg.\"}\n"
        "  valid_from: 2026-01-01\n  valid_until: 2025-01-01\n"
        "slecht id!:\n  title: {nl: X}\n  explain: {nl: Y}\n", encoding="utf-8")
    read = catalogue_for(folder / "geval.yaml")
    assert read[1], "the example has findings"
    kept = catalogue_for(folder / "geval.yaml")
    same(kept, read)
    assert kept[0]["pw-18"].valid_until.isoformat() == "2025-01-01"
    assert kept[0]["pw-18"].title.values == {"nl": "Artikel 18", "en": "Article 18"}


def test_a_changed_file_or_a_damaged_record_is_read_again(cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bieb"
    folder.mkdir()
    shutil.copy(default_folder() / "levers.yaml", folder / "levers.yaml")
    catalogue_for(folder / "geval.yaml")
    record = next(cache.glob("*.json"))
    good = json.loads(record.read_text(encoding="utf-8"))
    text = (folder / "levers.yaml").read_text(encoding="utf-8")
    (folder / "levers.yaml").write_text(text + "\nnieuw-1:\n  title: {nl: Nieuw}\n  explain: {nl: Nieuw.}\n",
                                        encoding="utf-8")
    assert "nieuw-1" in catalogue_for(folder / "geval.yaml")[0]  # the same size and time would not matter
    (folder / "levers.yaml").write_text(text, encoding="utf-8")
    lever = good["levers"][0]
    for damaged in ("{", "[]", json.dumps({**good, "levers": [[lever[0], "titel", *lever[2:]]]}),
                    json.dumps({**good, "levers": [lever[:3]]}),
                    json.dumps({**good, "findings": [["p", "een", "error", "m", "h", False]]}),
                    json.dumps({**good, "stamp": [1, "elders.yaml", *good["stamp"][2:]]})):
        record.write_text(damaged, encoding="utf-8")
        same(catalogue_for(folder / "geval.yaml"), load_catalogue(str(folder / "levers.yaml")))
