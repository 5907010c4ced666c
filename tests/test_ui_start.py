"""Starting the game: settings on disk, no display, --data-dir, and the screenshots command."""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import pytest

from game.ui import launch
from game.ui.settings import Settings, SettingsFile, data_dir
from uikit import EXAMPLES, library_folder


def test_settings_are_saved_and_read_back(tmp_path: Path) -> None:
    file = SettingsFile(tmp_path)
    assert file.load() == Settings()
    file.save(Settings(lang="en", text_size=4, high_contrast=True, projector=True, last_player="Sam"))
    assert SettingsFile(tmp_path).load() == Settings("en", 4, True, False, True, "Sam")


def test_damaged_or_strange_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    file = SettingsFile(tmp_path)
    assert file.load() == Settings()
    assert file.problem and "settings.json" in file.problem
    assert (tmp_path / "settings.json.damaged").read_text(encoding="utf-8") == "{not json"  # kept, set aside
    (tmp_path / "settings.json").write_text(json.dumps({"lang": "fr", "text_size": 99, "projector": "yes"}),
                                            encoding="utf-8")
    loaded = SettingsFile(tmp_path).load()
    assert (loaded.lang, loaded.text_size, loaded.projector) == ("nl", 4, False)


def test_data_dir_prefers_the_option_then_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMGEKEERD_DATA", str(tmp_path / "env"))
    assert data_dir(tmp_path / "option") == tmp_path / "option"
    assert data_dir(None) == tmp_path / "env"


def test_without_a_display_one_line_and_the_text_mode_is_offered(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli.main import main

    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "stdin", None)
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "geen beeldscherm" in err and "play --text" in err

    class Terminal:
        def isatty(self) -> bool:
            return True

    chosen: list[str] = []
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: chosen.append(prompt) or "j")
    monkeypatch.setattr("game.cli.main.pick_in_terminal", lambda lang, data_dir=None: chosen.append(f"text mode in {lang}") or 0)
    assert main(["--lang", "en"]) == 0
    assert "No display is available" in chosen[0] and "[Y/n]" in chosen[0]
    assert chosen[1] == "text mode in en"


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_screenshots_renders_every_screen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli.main import main

    library = library_folder(tmp_path)
    assert main(["screenshots", str(tmp_path / "shots"), "--lang", "en", "--size", "1024x768",
                 "--library", str(library)]) == 0
    files = sorted((tmp_path / "shots").glob("*.png"))
    names = [p.stem.split("-", 1)[1] for p in files]
    for expected in ("start", "library", "introduction", "situation-unavailable-choice", "dossier", "history",
                     "feedback", "ending", "debrief", "another-choice", "settings", "high-contrast-situation",
                     "projector-situation", "projector-debrief", "library-with-broken-file", "reload-findings"):
        assert expected in names
    assert all(_png_size(p) == (1024, 768) for p in files)
    assert capsys.readouterr().out.count(".png") == len(files)


def test_screenshots_refuses_a_bad_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli.main import main

    assert main(["screenshots", str(tmp_path), "--size", "huge", "--library", str(EXAMPLES)]) == 2
    assert "--size" in capsys.readouterr().err
    assert launch.parse_size("1920x1080") == (1920, 1080)


def test_the_game_starts_on_the_data_dir_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.cli.main import main
    from game.ui.app import App

    opened: list[tuple[Path, str, str]] = []

    def run(self: App, first) -> None:  # type: ignore[no-untyped-def]
        self.show(first)
        self.frame()
        self.after_first_frame()  # as the real loop: the records open after the first frame
        opened.append((self.folder, first.name, self.ui.lang))
        self.change_settings(text_size=1)

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")  # a display asked for explicitly: the window opens
    monkeypatch.setattr(App, "run", run)
    assert main(["--data-dir", str(tmp_path / "mine"), "--lang", "en"]) == 0
    assert opened == [(tmp_path / "mine", "start", "en")]
    assert json.loads((tmp_path / "mine" / "settings.json").read_text(encoding="utf-8"))["text_size"] == 1
    assert (tmp_path / "mine" / "omgekeerd.sqlite3").exists()
