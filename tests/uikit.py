"""Shared for the game-window tests: a headless app on a scratch library, and posted input events.

The tests drive the game the way a player does: pygame events are posted to the queue
(keys, typed text, mouse clicks at a widget's place on screen) and the app handles them.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from game.ui.app import App, Options

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "scenarios" / "examples"

# Two decisions; the second has a choice that stays greyed out unless trust is high.
GATED = """
format: 1
id: gesloten-deur
title: {nl: "De gesloten deur", en: "The closed door"}
summary: {nl: "Een korte casus om mee te testen.", en: "A short case to test with."}
tags: [test]
audience: [wmo]
minutes: 3
resident: {name: "Ria Smit", age: 70, household: {nl: "Woont alleen", en: "Lives alone"}}
dossier:
  - id: melding
    title: {nl: "De melding", en: "The report"}
    text: {nl: "Ria belt niet meer terug.", en: "Ria no longer calls back."}
  - id: verslag
    title: {nl: "Verslag huisbezoek", en: "Home visit report"}
    available: unlocked
    text: {nl: "Ria heeft hulp nodig bij de trap.", en: "Ria needs help with the stairs."}
start: deur
situations:
  deur:
    speaker: colleague
    speaker_name: "Bram"
    text: {nl: "Bram zegt: Ria doet de deur niet open.", en: "Bram says: Ria does not open the door."}
    choices:
      - id: bellen
        text: {nl: "Ria bellen en een afspraak maken", en: "Call Ria and make an appointment"}
        effects: {trust: 2, ownership: 1}
        feedback: {nl: "Ria is blij dat je belt.", en: "Ria is glad you call."}
        goto: keuken
      - id: brief
        text: {nl: "Een brief sturen", en: "Send a letter"}
        effects: {efficiency: 1, trust: -1}
        thinking: [efficiency]
        feedback: {nl: "De brief blijft ongeopend.", en: "The letter stays unopened."}
        goto: keuken
  keuken:
    speaker: resident
    text: {nl: "Ria vertelt over de trap.", en: "Ria tells you about the stairs."}
    unlocks: [verslag]
    choices:
      - id: samen
        text: {nl: "Samen een oplossing zoeken", en: "Look for a solution together"}
        requires: {metric: trust, gte: 2}
        requires_text: {nl: "Ria moet je eerst vertrouwen.", en: "Ria must trust you first."}
        effects: {ownership: 2, legality: 1, justification: 1}
        feedback: {nl: "Ria kiest zelf.", en: "Ria chooses herself."}
        goto: goed
      - id: indiceren
        text: {nl: "Een standaardindicatie afgeven", en: "Issue a standard assessment"}
        effects: {legality: 1, ownership: -1}
        goto: matig
endings:
  goed:
    title: {nl: "Ria woont veilig thuis", en: "Ria lives safely at home"}
    text: {nl: "Een half jaar later loopt Ria weer zelf de trap op.", en: "Half a year later Ria climbs the stairs herself."}
  matig:
    title: {nl: "Een oplossing van papier", en: "A paper solution"}
    text: {nl: "Een half jaar later staat de indicatie, maar Ria gebruikt hem niet.", en: "Half a year later the assessment stands, but Ria does not use it."}
debrief:
  reflection: {nl: ["Wat had Ria nodig?"], en: ["What did Ria need?"]}
"""


def library_folder(tmp_path: Path) -> Path:
    """A scratch library: the lever catalogue and the gated test case."""
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios" / "levers.yaml", folder / "levers.yaml")
    (folder / "gesloten-deur.yaml").write_text(textwrap.dedent(GATED).lstrip(), encoding="utf-8")
    return folder


def open_app(tmp_path: Path, library: Path, lang: str = "nl", size: tuple[int, int] = (1280, 720)) -> App:
    """A headless game on its own data folder; the start screen is shown and drawn."""
    from game.ui.screens.start import StartScreen

    app = App(Options(data_dir=tmp_path / "data", library_folder=library, lang=lang, size=size)).open()
    pygame.event.clear()
    app.show(StartScreen(app))
    app.frame()
    return app


def press(app: App, key: int, mod: int = 0, unicode: str = "") -> None:
    """Post one key press and let the game handle it."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
    app.pump()


def type_text(app: App, text: str) -> None:
    """Type text the way SDL delivers it: a key press and a TEXTINPUT event per character."""
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=ord(char.lower()) if char.isascii() else 0,
                                             mod=0, unicode=char, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    app.pump()


def tab_to(app: App, key: str, limit: int = 60) -> None:
    """Press Tab until the widget with this key has focus (as a keyboard-only player would)."""
    for _ in range(limit):
        if app.screen.focus_key == key:
            return
        press(app, pygame.K_TAB)
    raise AssertionError(f"Tab never reached {key!r} on the {app.screen.name} screen")


def click(app: App, key: str) -> None:
    """Move the mouse to a widget (by key or label) and click it."""
    app.frame()
    where = app.screen.widget_centre(key)
    assert where is not None, f"no {key!r} on the {app.screen.name} screen"
    app.frame()
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=where, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=where, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=where, button=1))
    app.pump()


def click_at(app: App, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.pump()


def texts_on_screen(app: App) -> str:
    """Every text the current screen shows (all layers), joined: what the player can read."""
    app.frame()
    parts = []
    for layer in app.screen.layers:
        for region in layer.regions:
            for widget in region.widgets:
                parts.append(widget.label)
                parts.extend(getattr(block, "text", "") for block in getattr(widget, "blocks", []))
                parts.append(getattr(widget, "note", ""))
    if app.toast_text:
        parts.append(app.toast_text)
    return "\n".join(p for p in parts if p)
