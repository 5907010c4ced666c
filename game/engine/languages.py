"""Texts without a translation: every text of a scenario lacking a language, with its line (validate --require)."""

from __future__ import annotations

from collections.abc import Iterator

from game.engine.findings import ERROR, Finding
from game.engine.model import Scenario, Text

LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


def scenario_texts(scenario: Scenario) -> Iterator[tuple[Text, str, int]]:
    """Every text an author writes in a scenario: (the text, where it is, the line of its element)."""
    yield scenario.title, "title", scenario.lines.get("title", 1)
    yield scenario.summary, "summary", scenario.lines.get("summary", 1)
    yield scenario.learning_goals, "learning_goals", scenario.lines.get("learning_goals", 1)
    yield scenario.resident.household, "resident household", scenario.lines.get("resident", 1)
    for metric in scenario.metrics.values():
        if not metric.standard or metric.label:
            yield metric.label, f"metric {metric.id} label", metric.line
    for doc in scenario.dossier:
        yield doc.title, f"dossier {doc.id} title", doc.line
        yield doc.text, f"dossier {doc.id} text", doc.line
    for situation in scenario.situations.values():
        yield situation.text, f"situation {situation.id} text", situation.line
        for choice in situation.choices:
            where = f"choice {situation.id}.{choice.id}"
            yield choice.text, f"{where} text", choice.line
            yield choice.feedback, f"{where} feedback", choice.lines.get("feedback", choice.line)
            yield choice.requires_text, f"{where} requires_text", choice.lines.get("requires_text", choice.line)
    for ending in scenario.endings.values():
        yield ending.title, f"ending {ending.id} title", ending.line
        yield ending.text, f"ending {ending.id} text", ending.line
        for number, epilogue in enumerate(ending.epilogue, start=1):
            yield epilogue.text, f"epilogue {number} of ending {ending.id}", epilogue.line
    debrief = scenario.debrief
    line = scenario.lines.get("debrief", 1)
    yield debrief.reflection, "debrief reflection", line
    yield debrief.background, "debrief background", line
    for background, note in debrief.expertise.items():
        yield note, f"debrief expertise {background}", line
    for lever_id in sorted(scenario.own_levers):
        lever = scenario.levers[lever_id]
        yield lever.title, f"lever {lever_id} title", lever.line
        yield lever.explain, f"lever {lever_id} explain", lever.line


def missing_language(scenario: Scenario, lang: str) -> list[Finding]:
    """An error for every written text of the scenario that has no text in ``lang``, at the text's line."""
    name = LANGUAGE_NAMES.get(lang, lang)
    found = []
    for text, where, line in scenario_texts(scenario):
        if not text.values or text.values.get(lang):
            continue
        at = text.where.get("nl") or min(text.where.values(), default=line) or line
        found.append(Finding(scenario.path, at or 1, ERROR, f'{where} has no {name} ("{lang}")',
                             f'add {lang}: "..." beside the other languages, e.g. {{nl: "...", {lang}: "..."}}'))
    return found
