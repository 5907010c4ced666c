"""``list`` from the listing cache shows exactly what loading the library shows; a changed file or a bad cache is re-read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli.findings import render
from game.cli.main import main
from game.content.library import load_library
from game.i18n import t

ROOT = Path(__file__).resolve().parent.parent


def expected(folder: Path, lang: str) -> str:
    """The listing as loading every file gives it (what ``list`` printed before the cache)."""
    lines = []
    for entry in load_library(folder).entries:
        if entry.ok and entry.scenario:
            lines.append(f"{entry.scenario.id:28} {entry.scenario.title.get(lang)}")
        else:
            first = next((f for f in entry.findings if f.is_error), None)
            lines.append(f"{Path(entry.path).stem:28} ! {t('broken_scenario', lang)}: "
                         f"{render(first, lang) if first else ''}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bieb"
    folder.mkdir()
    for name in ("tas-van-oma.yaml", "traplift.yaml", "levers.yaml"):
        shutil.copy(ROOT / "scenarios" / name, folder / name)
    (folder / "kapot.yaml").write_text("format: 1\nid: kapot\n", encoding="utf-8")
    monkeypatch.setenv("OMGEKEERD_SCENARIOS", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder


def listed(capsys: pytest.CaptureFixture[str], lang: str = "nl") -> str:
    assert main(["--lang", lang, "list"]) == 0
    return capsys.readouterr().out


def test_list_shows_the_same_cold_and_from_the_cache(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("nl", "en"):
        assert listed(capsys, lang) == expected(library, lang)
        assert listed(capsys, lang) == expected(library, lang)
    assert list((library.parent / "cache").rglob("listing-*.json"))


def test_a_changed_file_is_read_again(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed(capsys)
    path = library / "tas-van-oma.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: {nl: ", "title: {nl: Nieuw ", 1)
                    if "title: {nl: " in path.read_text(encoding="utf-8") else "format: 1\n", encoding="utf-8")
    assert listed(capsys) == expected(library, "nl")
    (library / "kapot.yaml").unlink()
    assert "kapot" not in listed(capsys)


def test_a_corrupt_cache_is_ignored_and_rebuilt(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed(capsys)
    (cache,) = (library.parent / "cache").rglob("listing-*.json")
    for damage in ("{not json", '{"stamp": 1, "items": 2}', "[]", '{"stamp": null, "items": [{"stem": 1}]}'):
        cache.write_text(damage, encoding="utf-8")
        assert listed(capsys) == expected(library, "nl")
    assert cache.read_text(encoding="utf-8").startswith('{"stamp"')


def test_only_a_changed_file_is_checked_again_and_ids_are_compared_each_time(
        library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from game.content import library as lib

    checked: list[str] = []
    real = lib.check_file

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        checked.append(Path(path).name)
        return real(path, *args, **kwargs)

    def listed_counting() -> str:
        with monkeypatch.context() as patch:
            patch.setattr(lib, "check_file", counting)
            return listed(capsys)

    assert listed_counting() == expected(library, "nl")
    assert sorted(checked) == ["kapot.yaml", "tas-van-oma.yaml", "traplift.yaml"]
    checked.clear()
    assert listed_counting() == expected(library, "nl") and checked == []
    first = library / "tas-van-oma.yaml"  # sorted before traplift.yaml: give it traplift's id
    first.write_text(first.read_text(encoding="utf-8").replace("id: tas-van-oma", "id: traplift", 1),
                     encoding="utf-8")
    output = listed_counting()
    assert output == expected(library, "nl") and checked == ["tas-van-oma.yaml"]
    assert 'the id "traplift" is already used by' in output  # the unchanged traplift.yaml is the later one
