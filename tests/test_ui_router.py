"""The screen router and the key bindings: screens go by name, the app owns the stack, and
each key is declared once, as data, for the key handling, the hint bar and the settings."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pygame
import pytest

from game.i18n import has, t, tn
from game.ui.router import SCREENS, UnknownScreen
from game.ui.screens.base import Screen
from game.ui.toolkit.bindings import Binding, parse_key
from uikit import ROOT, library_folder, open_app, press, tab_to, texts_on_screen, type_text

SCREENS_DIR = ROOT / "game" / "ui" / "screens"


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    game = open_app(tmp_path, library_folder(tmp_path))
    yield game
    game.close()


def to_library(app, mode: str = "training") -> None:  # type: ignore[no-untyped-def]
    type_text(app, "Sam")
    tab_to(app, "background:wmo")
    press(app, pygame.K_RETURN)
    tab_to(app, f"mode:{mode}")
    press(app, pygame.K_SPACE)
    tab_to(app, "go")
    press(app, pygame.K_RETURN)
    assert app.screen.name == "library"


def to_situation(app, mode: str = "training") -> None:  # type: ignore[no-untyped-def]
    to_library(app, mode)
    press(app, pygame.K_1, unicode="1")
    press(app, pygame.K_RETURN)
    assert app.screen.name == "situation"


def press_spec(app, spec: str) -> None:  # type: ignore[no-untyped-def]
    """Press the key a binding's spec names (the first of its codes)."""
    key = parse_key(spec)
    code = key.codes[0] if key.key != "1-9" else pygame.K_1
    mod = (pygame.KMOD_LCTRL if key.ctrl else 0) | (pygame.KMOD_LSHIFT if key.shift else 0)
    press(app, code, mod=mod)


def hint_line(app) -> str:  # type: ignore[no-untyped-def]
    app.frame()
    region = app.screen.region("hints")
    assert region is not None, f"no hint bar on the {app.screen.name} screen"
    return "\n".join(widget.label for widget in region.widgets)


def expected_hints(screen: Screen, lang: str) -> list[str]:
    return [f"{b.keys_text(lang)}: {t(b.label_key, lang)}" for b in screen.BINDINGS if screen.shows(b)]


# -- no screen imports another -----------------------------------------------------------------

def walk_at_run_time(tree: ast.AST) -> list[ast.AST]:
    """Every node, leaving out ``if TYPE_CHECKING:`` blocks (imports for type hints only)."""
    nodes: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return nodes


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, also inside functions (relative imports made absolute)."""
    package = "game.ui.screens"
    found: set[str] = set()
    for node in walk_at_run_time(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module" and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found.add(node.args[0].value)
    return found


def test_no_screen_module_imports_another_screen_module() -> None:
    screen_modules = {kind.__module__ for kind in SCREENS.values()}
    assert len(screen_modules) == len(SCREENS) >= 8
    for path in sorted(SCREENS_DIR.glob("*.py")):
        own = f"game.ui.screens.{path.stem}"
        imports = imported_modules(path)
        others = sorted((imports & screen_modules) - {own})
        assert not others, f"{path.name} imports the screen module(s) {others}; ask the router by name instead"
        assert not imports & {"game.ui.router", "game.ui.app"}, f"{path.name} reaches for the app or the router"


def test_the_scan_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from game.ui.app import App\n"
                      "def f():\n    from game.ui.screens.debrief import DebriefScreen\n    from .route import x\n",
                      encoding="utf-8")
    found = imported_modules(sample)
    assert {"game.ui.screens.debrief", "game.ui.screens.route"} <= found and "game.ui.app" not in found


def test_every_screen_class_is_in_the_one_registry_under_its_name() -> None:
    import importlib

    for path in SCREENS_DIR.glob("*.py"):
        module = importlib.import_module(f"game.ui.screens.{path.stem}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Screen) and value is not Screen \
                    and value.__module__ == module.__name__:
                assert SCREENS.get(value.name) is value, f"{value.__name__} is not registered as {value.name!r}"


def test_the_registry_imports_a_screen_module_only_when_that_screen_is_first_asked_for() -> None:
    import subprocess
    import sys

    probe = ("import sys\nfrom game.ui.router import SCREENS\n"
             "before = sorted(m for m in sys.modules if m.startswith('game.ui.screens.'))\n"
             "SCREENS['start']\n"
             "after = sorted(m for m in sys.modules if m.startswith('game.ui.screens.'))\n"
             "print(before, 'game.ui.screens.start' in after, 'game.ui.screens.coach' in after, 'jinja2' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}).stdout.split("\n")[-2]
    assert shown == "['game.ui.screens.base'] True False False"


def test_a_registry_entry_that_names_the_wrong_screen_is_refused() -> None:
    from game.ui.router import LazyScreens

    screens = LazyScreens({"start": "game.ui.screens.intro:IntroScreen", "gone": "game.ui.screens.start:Nothing"})
    with pytest.raises(TypeError, match="not a screen called 'start'"):
        screens["start"]
    with pytest.raises(AttributeError):
        screens["gone"]
    assert screens.get("unknown") is None and sorted(screens) == ["gone", "start"]


# -- the router owns the stack ------------------------------------------------------------------

def test_settings_open_on_top_and_esc_returns_to_the_same_library(app) -> None:  # type: ignore[no-untyped-def]
    to_library(app)
    library = app.screen
    library.set_tag("test")
    results: list[object] = []
    app.push("settings", on_result=results.append)
    assert app.router.names == ["library", "settings"]
    press(app, pygame.K_ESCAPE)
    assert app.screen is library and library.tag == "test"
    assert app.router.names == ["library"] and results == [None]
    assert not app.pop()  # nothing below the library: it stays


def test_a_pushed_screen_hands_its_result_to_the_screen_below(app) -> None:  # type: ignore[no-untyped-def]
    results: list[object] = []
    app.screen.push("settings", on_result=results.append)
    app.screen.dismiss({"lang": "en"})
    assert results == [{"lang": "en"}] and app.screen.name == "start"


def test_a_step_replaces_the_screen_and_an_unknown_name_says_which_exist(app) -> None:  # type: ignore[no-untyped-def]
    to_situation(app)
    assert app.router.names == ["situation"]
    with pytest.raises(UnknownScreen, match="debrief"):
        app.go("nabespreking")


# -- key bindings as data -----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_hint_bar_shows_exactly_the_declared_bindings(tmp_path: Path, lang: str) -> None:
    app = open_app(tmp_path, library_folder(tmp_path), lang=lang)
    seen = []

    def check() -> list[str]:
        shown = hint_line(app).split(" · ")
        assert shown == expected_hints(app.screen, lang), f"hints of the {app.screen.name} screen"
        seen.append(app.screen.name)
        return shown

    try:
        check()
        app.push("settings")
        check()
        app.pop()
        to_library(app)
        check()
        press(app, pygame.K_1, unicode="1")
        check()
        press(app, pygame.K_RETURN)
        shown = check()
        assert shown == expected_hints(app.screen, lang)
        words = {"nl": ["1–9: kiezen", "D: dossier", "H: geschiedenis", "Ctrl+Z: terugnemen", "F5: opnieuw inlezen",
                        "Esc: stoppen (voortgang blijft bewaard)"],
                 "en": ["1–9: choose", "D: dossier", "H: history", "Ctrl+Z: take back", "F5: read again",
                        "Esc: stop (progress is kept)"]}
        assert shown == words[lang]
        press(app, pygame.K_2, unicode="2")
        press(app, pygame.K_RETURN)
        press(app, pygame.K_2, unicode="2")  # to the ending
        check()
        press(app, pygame.K_RETURN)
        check()
        press(app, pygame.K_a, unicode="a")
        check()
        press(app, pygame.K_ESCAPE)  # route -> debrief
        press(app, pygame.K_c, unicode="c")
        check()
        press(app, pygame.K_ESCAPE)  # coach -> debrief
        press(app, pygame.K_ESCAPE)  # debrief -> library
        press(app, pygame.K_p, unicode="p")
        check()
        press(app, pygame.K_g, unicode="g")
        check()
        assert seen == ["start", "settings", "library", "intro", "situation", "ending", "debrief", "route", "coach",
                        "playthroughs", "progress"]
        workshop = {"workshop", "workshop_pick", "workshop_debrief"}  # their hints: tests/test_workshop_window.py
        assert set(seen) == set(SCREENS) - workshop
    finally:
        app.close()


def test_assessment_hides_the_undo_key_from_the_hints(app) -> None:  # type: ignore[no-untyped-def]
    to_situation(app, "assessment")
    assert "Ctrl+Z" not in hint_line(app) and "1–9: kiezen" in hint_line(app)


def test_each_declared_key_of_the_situation_screen_does_its_action(app) -> None:  # type: ignore[no-untyped-def]
    to_situation(app)
    screen = app.screen

    def number() -> None:
        assert screen.session.choice_ids == ["bellen"] and screen.panel == "feedback"
        press(app, pygame.K_RETURN)

    def dossier() -> None:
        assert screen.panel == "dossier" and "Verslag huisbezoek" in texts_on_screen(app)
        press(app, pygame.K_d)
        assert screen.panel is None

    def history() -> None:
        assert screen.panel == "history" and "Jouw keuze: Ria bellen en een afspraak maken" in texts_on_screen(app)
        press(app, pygame.K_ESCAPE)

    def undo() -> None:
        assert screen.session.choice_ids == [] and screen.session.situation.id == "deur"

    def reload() -> None:
        assert app.toast_text == tn("ui.reload.ok", 0, "nl") and app.screen is screen

    def back() -> None:
        assert app.screen.name == "library"

    checks = {"number": number, "dossier": dossier, "history": history, "undo": undo, "reload": reload,
              "back": back}
    order = ["number", "dossier", "history", "undo", "reload", "back"]
    declared = {b.action: b for b in screen.BINDINGS}
    assert set(declared) == set(checks), "every declared key of the situation screen needs a check here"
    for action in order:
        press_spec(app, declared[action].keys[0])
        checks[action]()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_settings_list_every_key_once_from_the_bindings(tmp_path: Path, lang: str) -> None:
    app = open_app(tmp_path, library_folder(tmp_path), lang=lang)
    try:
        press(app, pygame.K_TAB)
        app.screen.open_settings()
        assert app.screen.name == "settings"
        lines = [line for line in texts_on_screen(app).splitlines() if line.startswith("- **")]
        names = [line.split("**")[1] for line in lines]
        assert len(names) == len(set(names)), f"a key is listed twice: {names}"
        expected = {"nl": ["- **Ctrl+Z**: terugnemen", "- **1–9**: casus openen; kiezen", "- **F11**: volledig scherm",
                           "- **R**: verder waar je was; opnieuw spelen", "- **Esc**: terug, of een paneel sluiten"],
                    "en": ["- **Ctrl+Z**: take back", "- **1–9**: open a case; choose", "- **F11**: fullscreen",
                           "- **R**: continue where you were; play again", "- **Esc**: back, or close a panel"]}
        for line in expected[lang]:
            assert line in lines
        press(app, pygame.K_ESCAPE)
        assert app.screen.name == "start"
    finally:
        app.close()


def test_the_hand_written_hints_are_gone() -> None:
    assert not any(has(f"ui.hints.{name}") for name in ("start", "library", "situation", "debrief", "settings"))
    assert not has("ui.key.0")


def test_a_binding_to_a_missing_action_fails_when_the_screen_is_defined() -> None:
    with pytest.raises(TypeError, match="action_fly"):
        type("Broken", (Screen,), {"BINDINGS": (Binding(("f",), "fly", "keys.next"),)})
    with pytest.raises(ValueError, match="ctrl\\+ü"):
        parse_key("ctrl+ü")
