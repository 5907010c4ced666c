"""Shared for the store, resume, report and export tests: a three-decision scenario and helpers."""

from __future__ import annotations

import textwrap
from pathlib import Path

from game.content.library import catalogue_for, check_file
from game.engine.model import Scenario

# Three decisions before an ending, so a playthrough can be interrupted after two.
THREE_STEPS = """
format: 1
id: drie-stappen
title: {nl: "Drie stappen", en: "Three steps"}
resident: {name: "Sam Bakker", age: 40}
start: melding
situations:
  melding:
    text: {nl: "Er komt een melding binnen over Sam.", en: "A report about Sam comes in."}
    choices:
      - id: bellen
        text: {nl: "Sam bellen", en: "Call Sam"}
        effects: {trust: 2, ownership: 1}
        set: [gebeld]
        levers: [pw-18]
        feedback: {nl: "Sam neemt op.", en: "Sam answers."}
        goto: gesprek
      - id: brief
        text: {nl: "Een standaardbrief sturen", en: "Send a standard letter"}
        effects: {legality: 1, trust: -1}
        thinking: [efficiency]
        missed_levers: [pw-18]
        goto: gesprek
  gesprek:
    text: {nl: "Het gesprek met Sam.", en: "The conversation with Sam."}
    choices:
      - id: luisteren
        text: {nl: "Luisteren naar wat Sam wil", en: "Listen to what Sam wants"}
        effects: {ownership: 2}
        goto: besluit
      - id: formulier
        text: {nl: "Het formulier invullen", en: "Fill in the form"}
        effects: {justification: 1}
        thinking: [rule]
        goto: besluit
  besluit:
    text: {nl: "Het besluit.", en: "The decision."}
    choices:
      - id: maatwerk
        text: {nl: "Maatwerk met een onderbouwing", en: "A tailored decision with its grounds"}
        requires: {flag: gebeld}
        requires_text: {nl: "Je moet Sam eerst spreken.", en: "You must speak to Sam first."}
        effects: {legality: 2, justification: 2, security: 2}
        goto: goed
      - id: afwijzen
        text: {nl: "Afwijzen", en: "Refuse"}
        effects: {legality: 1, security: -2}
        goto: slecht
endings:
  goed: {title: {nl: "Goed geregeld", en: "Well arranged"}, text: {nl: "Het gaat goed met Sam.", en: "Sam is doing well."}}
  slecht: {title: {nl: "Vastgelopen", en: "Stuck"}, text: {nl: "Het gaat slecht met Sam.", en: "Sam is not doing well."}}
debrief:
  reflection: {nl: ["Wat deed je eerst?", "Wat wilde Sam?"], en: ["What did you do first?", "What did Sam want?"]}
  background: {nl: "Achtergrond bij de casus.", en: "Background to the case."}
  sources: ["Participatiewet art. 18"]
"""


def write_scenario(folder: Path, text: str = THREE_STEPS, name: str = "drie-stappen.yaml") -> Path:
    """Write a scenario file (dedented) into ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load(path: Path) -> Scenario:
    """Load a scenario file that must have no errors."""
    catalogue, _ = catalogue_for(path)
    entry = check_file(path, catalogue)
    errors = [str(f) for f in entry.findings if f.is_error]
    assert entry.scenario is not None and not errors, errors
    return entry.scenario


def edit(path: Path, old: str, new: str) -> None:
    """Change a scenario file in place (the text must occur exactly once)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
