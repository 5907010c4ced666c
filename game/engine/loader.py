"""Loading: turn a scenario file's node tree into the model, reporting every shape problem.

The loader checks the *shape* of each element (known keys, required keys, types) and keeps
going after a problem, so one run finds everything. Cross-references (targets, metrics,
levers, reachability) are checked afterwards by ``game.validator``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Callable
from typing import TypeVar

from game.engine import source as yamlsource
from game.engine.findings import ERROR, WARNING, Finding, did_you_mean, hint_with
from game.engine.model import (AXES, BACKGROUNDS, DOSSIER_KINDS, LANGUAGES, OUTCOME_ALIASES, OUTCOMES, SPEAKERS,
                    THINKING_ERRORS, Choice, Condition,
                    Debrief, Document, Ending, Epilogue, Lever, Metric, Resident, Route, Scenario,
                    Situation, Text, standard_metrics)
from game.engine.source import Node

FORMAT_VERSION = 1
SCENARIO_ID = re.compile(r"^[a-z0-9-]+$")
CHOICE_ID = re.compile(r"^[a-z0-9_]+$")
ELEMENT_ID = re.compile(r"^[A-Za-z0-9_-]+$")
LANG_CODE = re.compile(r"^[a-z]{2}$")
METRIC_OPS = ("gte", "gt", "lte", "lt", "eq")
CONDITION_KEYS = ("metric", "flag", "visited", "chose", "all", "any", "not") + METRIC_OPS

TOP_KEYS = ("format", "id", "title", "summary", "tags", "audience", "minutes", "learning_goals",
            "resident", "metrics", "dossier", "start", "situations", "endings", "debrief", "levers", "date",
            "standard_route_fits")
SITUATION_KEYS = ("speaker", "speaker_name", "text", "unlocks", "choices", "next", "facilitator_notes")
CHOICE_KEYS = ("id", "text", "requires", "requires_text", "hidden_unless_met", "effects", "set", "clear",
               "thinking", "levers", "missed_levers", "feedback", "goto")
ENDING_KEYS = ("title", "text", "epilogue", "outcome", "effects")
LEVER_KEYS = ("title", "explain", "source", "valid_from", "valid_until")
Element = TypeVar("Element")  # a situation or an ending, built by _load_named
MAX_NUMBER = 1_000_000_000  # numbers in a scenario (effects, bounds, minutes) stay within ± this
_NUMBER_TEXT = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


def content_hash(text: str) -> str:
    """A short, stable hash of a scenario's text (line endings normalised)."""
    normalised = text.replace("\r\n", "\n").encode("utf-8")
    return hashlib.sha256(normalised).hexdigest()[:16]


class Reader:
    """Collects findings for one file while the loader walks its nodes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.findings.append(Finding(self.path, line, ERROR, message, hint))

    def warning(self, line: int, message: str, hint: str = "") -> None:
        self.findings.append(Finding(self.path, line, WARNING, message, hint))

    # -- shapes ---------------------------------------------------------------------------
    def mapping(self, node: Node | None, where: str, known: tuple[str, ...],
                required: tuple[str, ...] = ()) -> dict[str, Node] | None:
        """Check that ``node`` is a map with only ``known`` keys and all ``required`` ones."""
        if node is None:
            return None
        if node.kind != "map":
            self.error(node.line, f"{where} must be a map of keys", f"write it as 'key: value' lines under {where}")
            return None
        for key in node.entries:
            if key not in known:
                suggestion = did_you_mean(key, known)
                self.error(node.key_lines.get(key, node.line), f'unknown key "{key}" in {where}',
                           hint_with(suggestion, "allowed keys: " + ", ".join(known)))
        for key in required:
            if key not in node.entries:
                self.error(node.line, f'{where} has no "{key}"', f"add '{key}:' to {where}")
        return node.entries

    def string(self, node: Node | None, where: str, pattern: re.Pattern[str] | None = None,
               example: str = "", required: bool = False) -> str:
        """A single word or sentence; ``required`` ones (ids, targets) may not be empty or blank."""
        if node is None:
            return ""
        if required and node.kind == "scalar" and isinstance(node.value, str) and not node.value.strip():
            self.error(node.line, f"{where} is empty", f"write an id, e.g. {where.split()[-1]}: {example or 'id'}")
            return ""
        if node.kind != "scalar" or node.value is None or isinstance(node.value, (dict, list)):
            self.error(node.line, f"{where} must be a single word or sentence",
                       f"write e.g. {where.split()[-1]}: {example or 'tekst'}")
            return ""
        value = node.value
        if isinstance(value, bool):
            value = str(value).lower()
        value = str(value)
        if pattern and not pattern.match(value):
            self.error(node.line, f'{where} "{value}" has characters that are not allowed',
                       f"use only {pattern.pattern.strip('^$')}, e.g. {example}")
        return value

    def number(self, node: Node | None, where: str, integer: bool = False) -> float | None:
        if node is None:
            return None
        numeric_text = node.kind == "scalar" and isinstance(node.value, str) and not node.quoted \
            and bool(_NUMBER_TEXT.match(node.value))
        out_of_range = isinstance(node.value, (int, float)) and not isinstance(node.value, bool) \
            and not (abs(node.value) <= MAX_NUMBER)  # also NaN, which compares false
        if numeric_text or out_of_range:
            shown = node.text or str(node.value)
            self.error(node.line, f"{where} is {shown[:40]}{'…' if len(shown) > 40 else ''}, too large or not a number",
                       f"write a number between -{MAX_NUMBER:,} and {MAX_NUMBER:,}".replace(",", "."))
            return None
        if node.kind != "scalar" or isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            self.error(node.line, f"{where} must be a number, not {describe(node)}",
                       f"write e.g. {'3' if integer else '2'}")
            return None
        if integer and not isinstance(node.value, int):
            self.error(node.line, f"{where} must be a whole number", "write e.g. 15")
            return None
        return node.value

    def boolean(self, node: Node | None, where: str) -> bool:
        if node is None:
            return False
        if node.kind != "scalar" or not isinstance(node.value, bool):
            self.error(node.line, f"{where} must be true or false", "write true or false")
            return False
        return node.value

    def date(self, node: Node | None, where: str) -> _dt.date | None:
        if node is None:
            return None
        if node.kind == "scalar" and isinstance(node.value, _dt.datetime):
            self.error(node.line, f"{where} has a time ({node.text or node.value}); a date is a day",
                       f"write only the day, e.g. {where.split()[-1]}: {node.value.date().isoformat()}")
            return None
        if node.kind == "scalar" and isinstance(node.value, _dt.date):
            return node.value
        if node.kind == "scalar" and isinstance(node.value, str):
            try:
                return _dt.date.fromisoformat(node.value.strip())
            except ValueError:
                pass
        self.error(node.line, f"{where} must be a date", "write it as YYYY-MM-DD, e.g. 2026-03-01")
        return None

    def words(self, node: Node | None, where: str, pattern: re.Pattern[str] | None = None,
              allowed: tuple[str, ...] = (), example: str = "", noun: str = "word") -> list[tuple[str, int]]:
        """A list of words (a single word is accepted too), each with its line."""
        if node is None:
            return []
        items = node.items if node.kind == "seq" else [node]
        result = []
        for item in items:
            if item.kind != "scalar" or item.value is None or isinstance(item.value, bool):
                self.error(item.line, f"{where} must be a list of words", f"write e.g. [{example or 'woord'}]")
                continue
            word = str(item.value)
            if allowed and word not in allowed:
                self.error(item.line, f'unknown {noun} "{word}" in {where}',
                           hint_with(did_you_mean(word, allowed), "use one of: " + ", ".join(allowed)))
                continue
            if pattern and not pattern.match(word):
                self.error(item.line, f'{where}: "{word}" has characters that are not allowed',
                           f"use only {pattern.pattern.strip('^$')}")
                continue
            result.append((word, item.line))
        return result

    def text(self, node: Node | None, where: str, allow_list: bool = False) -> Text:
        """A text: a Dutch string, a list of strings, or a map of language codes."""
        if node is None:
            return Text({})
        if node.kind == "map":
            values: dict[str, str | list[str]] = {}
            where_lines: dict[str, int] = {}
            for lang, child in node.entries.items():
                if not LANG_CODE.match(lang):
                    self.error(node.key_lines.get(lang, node.line), f'"{lang}" in {where} is not a language code',
                               hint_with(did_you_mean(lang, ("nl", "en")), "use nl (Dutch) and en (English)"))
                    continue
                if lang not in LANGUAGES:
                    self.warning(node.key_lines.get(lang, node.line),
                                 f'language "{lang}" in {where} is not shown by the game',
                                 "the game shows nl (Dutch) and en (English)")
                value = self.text_value(child, f"{where} ({lang})", allow_list)
                if value is not None:
                    values[lang] = value
                    folded = child.kind == "scalar" and "\n" in str(child.value) and child.quoted
                    where_lines[lang] = child.line + (1 if folded else 0)
            if "nl" not in node.entries:
                self.error(node.line, f"{where} has no Dutch text",
                           "add 'nl: \"...\"' (Dutch is required; en is optional)")
            return Text(values, where_lines)
        value = self.text_value(node, where, allow_list)
        return Text({"nl": value}, {"nl": node.line}) if value is not None else Text({})

    def text_value(self, node: Node, where: str, allow_list: bool) -> str | list[str] | None:
        if node.kind == "scalar" and node.value is not None and not isinstance(node.value, bool):
            value = str(node.value)
            if not value.strip():
                self.error(node.line, f"{where} is empty", "write the text between the quotes")
            return value
        if node.kind == "seq" and allow_list:
            items = []
            for item in node.items:
                if item.kind != "scalar" or item.value is None:
                    self.error(item.line, f"every item of {where} must be text", 'write - "..." for each item')
                    continue
                items.append(str(item.value))
            return items
        self.error(node.line, f"{where} must be text, not {describe(node)}",
                   'write text in quotes, or {nl: "...", en: "..."}')
        return None

    def seq(self, node: Node | None, where: str, example: str) -> list[Node]:
        if node is None:
            return []
        if node.kind != "seq":
            self.error(node.line, f"{where} must be a list",
                       f"write each item on a line starting with '- ', e.g. {example}")
            return []
        return node.items

    def named_map(self, node: Node | None, where: str, example: str) -> dict[str, Node]:
        """A map of id -> element (situations, endings, metrics, levers)."""
        if node is None:
            return {}
        if node.kind != "map":
            self.error(node.line, f"{where} must be a map from id to its content", f"write e.g. {example}")
            return {}
        return node.entries

    # -- conditions -------------------------------------------------------------------------
    def condition(self, node: Node | None, where: str) -> Condition | None:
        if node is None:
            return None
        if node.kind != "map":
            self.error(node.line, f"{where} must be a condition map, not {describe(node)}",
                       "write e.g. {flag: huisbezoek_gedaan} or {metric: trust, gte: 2}")
            return None
        keys = list(node.entries)
        for key in keys:
            if key not in CONDITION_KEYS:
                self.error(node.key_lines.get(key, node.line), f'unknown condition key "{key}" in {where}',
                           hint_with(did_you_mean(key, CONDITION_KEYS),
                                     "use metric (with gte/gt/lte/lt/eq), flag, visited, chose, all, any or not"))
        kinds = [k for k in keys if k in ("metric", "flag", "visited", "chose", "all", "any", "not")]
        if len(kinds) != 1:
            if not kinds:
                self.error(node.line, f"{where} names no condition",
                           "write one of metric, flag, visited, chose, all, any, not")
            else:
                self.error(node.line, f"{where} combines {', '.join(kinds)} in one map",
                           "use {all: [cond, cond]} to combine conditions")
            return None
        kind = kinds[0]
        child = node.entries[kind]
        ops = [k for k in keys if k in METRIC_OPS]
        if kind != "metric" and ops:
            self.error(node.line, f"{where}: {', '.join(ops)} only go with metric",
                       "write e.g. {metric: trust, gte: 2}")
        if kind == "metric":
            name = self.string(child, f"{where} metric", example="trust", required=True)
            if not ops:
                self.error(node.line, f"{where}: metric {name} has no comparison",
                           "add gte, gt, lte, lt or eq, e.g. gte: 2")
            values = []
            for op in ops:
                number = self.number(node.entries[op], f"{where} {op}")
                if number is not None:
                    values.append((op, number))
            return Condition("metric", node.line, name, tuple(values))
        if kind in ("flag", "visited", "chose"):
            name = self.string(child, f"{where} {kind}", example="huisbezoek_gedaan", required=True)
            if kind == "chose" and name and name.count(".") != 1:
                self.error(child.line, f'{where} chose "{name}" must name situation.choice',
                           "write e.g. chose: melding.direct_boete")
            return Condition(kind, node.line, name)
        if kind == "not":
            part = self.condition(child, f"{where} not")
            return Condition("not", node.line, parts=(part,)) if part else None
        parts = []
        for item in self.seq(child, f"{where} {kind}", "[{flag: a}, {flag: b}]"):
            part = self.condition(item, f"{where} {kind}")
            if part:
                parts.append(part)
        if child.kind == "seq" and not child.items:
            self.error(child.line, f"{where} {kind} is an empty list", "list at least one condition")
        return Condition(kind, node.line, parts=tuple(parts))


def describe(node: Node) -> str:
    """A short description of what a node is, for messages."""
    if node.kind == "map":
        return "a map"
    if node.kind == "seq":
        return "a list"
    if node.value is None:
        return "empty"
    if isinstance(node.value, bool):
        return "true/false"
    if isinstance(node.value, (int, float)):
        return "a number"
    return "text"


# -- elements --------------------------------------------------------------------------------

def load_levers(reader: Reader, node: Node | None, where: str) -> dict[str, Lever]:
    """A map of lever id -> lever (the catalogue, or a scenario's own ``levers:``)."""
    levers: dict[str, Lever] = {}
    for lever_id, child in reader.named_map(node, where, "pw-18: {title: ..., explain: ...}").items():
        line = node.key_lines.get(lever_id, child.line) if node else child.line
        if not SCENARIO_ID.match(lever_id):
            reader.error(line, f'lever id "{lever_id}" has characters that are not allowed',
                         "use a-z, 0-9 and -, e.g. pw-18")
        fields = reader.mapping(child, f"lever {lever_id}", LEVER_KEYS, ("title", "explain"))
        if fields is None:
            continue
        lever = Lever(lever_id, reader.text(fields.get("title"), f"lever {lever_id} title"),
                      reader.text(fields.get("explain"), f"lever {lever_id} explain"), line, reader.path,
                      reader.string(fields.get("source"), f"lever {lever_id} source"),
                      reader.date(fields.get("valid_from"), f"lever {lever_id} valid_from"),
                      reader.date(fields.get("valid_until"), f"lever {lever_id} valid_until"))
        if lever.valid_from and lever.valid_until and lever.valid_until < lever.valid_from:
            reader.error(line, f"lever {lever_id} ends before it starts", "check valid_from and valid_until")
        levers[lever_id] = lever
    return levers


def load_metrics(reader: Reader, node: Node | None) -> dict[str, Metric]:
    metrics = standard_metrics()
    for metric_id, child in reader.named_map(node, "metrics", "trust: {start: 1}").items():
        line = node.key_lines.get(metric_id, child.line) if node else child.line
        known = metric_id in metrics
        if not CHOICE_ID.match(metric_id):
            reader.error(line, f'metric id "{metric_id}" has characters that are not allowed', "use a-z, 0-9 and _")
        keys = ("start", "min", "max", "label") if known else ("label", "axis", "start", "min", "max")
        fields = reader.mapping(child, f"metric {metric_id}", keys)
        if fields is None:
            if child.kind == "map":
                continue
            continue
        if known and "axis" in child.entries:
            pass  # reported as unknown key above; a standard metric keeps its axis
        metric = metrics.get(metric_id) or Metric(metric_id, Text({"nl": metric_id}), "none", 0, -10, 10)
        metric.line = line
        if "label" in fields:
            metric.label = reader.text(fields["label"], f"metric {metric_id} label")
        if "axis" in fields:
            axis = reader.string(fields["axis"], f"metric {metric_id} axis")
            if axis and axis not in AXES:
                reader.error(fields["axis"].line, f'unknown axis "{axis}" for metric {metric_id}',
                             hint_with(did_you_mean(axis, AXES), "use resident, rules, efficiency or none"))
            elif axis:
                metric.axis = axis
        for key in ("start", "min", "max"):
            value = reader.number(fields.get(key), f"metric {metric_id} {key}")
            if value is not None:
                setattr(metric, key, value)
        if metric.min > metric.max:
            reader.error(line, f"metric {metric_id} has min {metric.min} above max {metric.max}", "swap min and max")
        elif not metric.min <= metric.start <= metric.max:
            reader.error(line, f"metric {metric_id} starts at {metric.start}, outside [{metric.min}, {metric.max}]",
                         "choose a start between min and max")
        metrics[metric_id] = metric
    return metrics


def load_choice(reader: Reader, node: Node, situation_id: str) -> Choice | None:
    fields = reader.mapping(node, f"a choice of situation {situation_id}", CHOICE_KEYS, ("id", "text", "goto"))
    if fields is None:
        return None
    choice_id = reader.string(fields.get("id"), f"choice id in situation {situation_id}", CHOICE_ID, "direct_boete",
                              required=True)
    where = f"choice {situation_id}.{choice_id}"
    choice = Choice(choice_id, reader.text(fields.get("text"), f"{where} text"),
                    reader.string(fields.get("goto"), f"{where} goto", example="gesprek", required=True), node.line)
    choice.lines = {key: node.key_lines.get(key, node.line) for key in fields}
    # A key that is not there keeps the Choice's default (no finding text is made for it: large cases load faster).
    if "requires" in fields:
        choice.requires = reader.condition(fields["requires"], f"{where} requires")
    if "requires_text" in fields:
        choice.requires_text = reader.text(fields["requires_text"], f"{where} requires_text")
    if "hidden_unless_met" in fields:
        choice.hidden_unless_met = reader.boolean(fields["hidden_unless_met"], f"{where} hidden_unless_met")
    effects = fields.get("effects")
    if effects is not None:
        if effects.kind != "map":
            reader.error(effects.line, f"{where} effects must be a map of metric: change",
                         "write e.g. effects: {legality: 1, trust: -2}")
        else:
            for metric_id, value_node in effects.entries.items():
                value = reader.number(value_node, f"{where} effect on {metric_id}")
                if value is not None:
                    choice.effects[metric_id] = value
            choice.lines.update({f"effects.{k}": effects.key_lines.get(k, effects.line) for k in effects.entries})
    if "set" in fields:
        choice.set_flags = [w for w, _ in reader.words(fields["set"], f"{where} set", CHOICE_ID,
                                                       example="boete_opgelegd")]
    if "clear" in fields:
        choice.clear_flags = [w for w, _ in reader.words(fields["clear"], f"{where} clear", CHOICE_ID,
                                                         example="boete_opgelegd")]
    if "thinking" in fields:
        choice.thinking = [w for w, _ in reader.words(fields["thinking"], f"{where} thinking",
                                                      allowed=THINKING_ERRORS, example="rule", noun="thinking error")]
    if "levers" in fields:
        choice.levers = [w for w, _ in reader.words(fields["levers"], f"{where} levers", example="pw-18")]
    if "missed_levers" in fields:
        choice.missed_levers = [w for w, _ in reader.words(fields["missed_levers"], f"{where} missed_levers",
                                                           example="pw-18")]
    if "feedback" in fields:
        choice.feedback = reader.text(fields["feedback"], f"{where} feedback")
    if choice.requires is None and fields.get("requires_text") is not None:
        reader.warning(fields["requires_text"].line, f"{where} has requires_text but no requires",
                       "add the condition under requires:, or remove requires_text")
    return choice


def load_situation(reader: Reader, situation_id: str, node: Node, line: int) -> Situation | None:
    fields = reader.mapping(node, f"situation {situation_id}", SITUATION_KEYS)
    if fields is None:
        return None
    if "text" not in fields and "next" not in fields:
        reader.error(node.line, f'situation {situation_id} has no "text"',
                     "add 'text:' with what the player sees (only a situation with next: may go without)")
    situation = Situation(situation_id, reader.text(fields.get("text"), f"situation {situation_id} text"), line)
    situation.lines = {key: node.key_lines.get(key, node.line) for key in fields}
    situation.facilitator_notes = reader.text(fields.get("facilitator_notes"),
                                              f"situation {situation_id} facilitator_notes")
    speaker = reader.string(fields.get("speaker"), f"situation {situation_id} speaker", example="colleague")
    if speaker and speaker not in SPEAKERS:
        reader.error(fields["speaker"].line, f'unknown speaker "{speaker}" in situation {situation_id}',
                     hint_with(did_you_mean(speaker, SPEAKERS), "use one of: " + ", ".join(SPEAKERS)))
    elif speaker:
        situation.speaker = speaker
    name_node = fields.get("speaker_name")
    if name_node is not None and name_node.kind == "map":
        situation.speaker_names = reader.text(name_node, f"situation {situation_id} speaker_name")
        situation.speaker_name = situation.speaker_names.get("nl")
    else:
        situation.speaker_name = reader.string(name_node, f"situation {situation_id} speaker_name")
    situation.unlocks = [w for w, _ in reader.words(fields.get("unlocks"), f"situation {situation_id} unlocks",
                                                    example="signaal")]
    for item in reader.seq(fields.get("choices"), f"situation {situation_id} choices", "- id: ..."):
        choice = load_choice(reader, item, situation_id)
        if choice:
            situation.choices.append(choice)
    for item in reader.seq(fields.get("next"), f"situation {situation_id} next", "- {goto: afronding}"):
        route_fields = reader.mapping(item, f"a next entry of situation {situation_id}", ("if", "goto"), ("goto",))
        if route_fields is None:
            continue
        situation.next.append(Route(reader.string(route_fields.get("goto"), f"next goto in situation {situation_id}",
                                                  example="afronding", required=True),
                                    item.line,
                                    reader.condition(route_fields.get("if"), f"next if in situation {situation_id}")))
    return situation


def load_ending(reader: Reader, ending_id: str, node: Node, line: int) -> Ending | None:
    fields = reader.mapping(node, f"ending {ending_id}", ENDING_KEYS, ("title", "text"))
    if fields is None:
        return None
    ending = Ending(ending_id, reader.text(fields.get("title"), f"ending {ending_id} title"),
                    reader.text(fields.get("text"), f"ending {ending_id} text"), line)
    ending.lines = {key: node.key_lines.get(key, node.line) for key in fields}
    ending.outcome = load_outcome(reader, fields.get("outcome"), f"ending {ending_id} outcome")
    ending.effects = load_effects(reader, fields.get("effects"), f"ending {ending_id}", ending.lines)
    for item in reader.seq(fields.get("epilogue"), f"ending {ending_id} epilogue", "- {if: {flag: x}, text: ...}"):
        parts = reader.mapping(item, f"an epilogue of ending {ending_id}", ("if", "text"), ("text",))
        if parts is None:
            continue
        ending.epilogue.append(Epilogue(reader.text(parts.get("text"), f"epilogue of ending {ending_id}"), item.line,
                                        reader.condition(parts.get("if"), f"epilogue if of ending {ending_id}")))
    return ending


def load_outcome(reader: Reader, node: Node | None, where: str) -> str:
    """An ending's declared outcome: one of OUTCOMES; a Dutch word or a typo gets a suggestion."""
    value = reader.string(node, where, example="omgekeerd")
    if not value or value in OUTCOMES:
        return value
    alias = OUTCOME_ALIASES.get(value.strip().lower())
    suggestion = f'did you mean "{alias}"?' if alias else did_you_mean(value, OUTCOMES)
    reader.error(node.line if node else 1, f'unknown outcome "{value}" in {where}',
                 hint_with(suggestion, "use one of: " + ", ".join(OUTCOMES)))
    return ""


def load_effects(reader: Reader, node: Node | None, where: str, lines: dict[str, int]) -> dict[str, float]:
    """A map of metric: change (an ending's ``effects``); each key's line goes to ``lines``."""
    effects: dict[str, float] = {}
    if node is None:
        return effects
    if node.kind != "map":
        reader.error(node.line, f"{where} effects must be a map of metric: change",
                     "write e.g. effects: {efficiency: -3, security: -2}")
        return effects
    for metric_id, value_node in node.entries.items():
        value = reader.number(value_node, f"{where} effect on {metric_id}")
        if value is not None:
            effects[metric_id] = value
    lines.update({f"effects.{k}": node.key_lines.get(k, node.line) for k in node.entries})
    return effects


def load_dossier(reader: Reader, node: Node | None) -> list[Document]:
    docs = []
    for item in reader.seq(node, "dossier", "- id: signaal"):
        fields = reader.mapping(item, "a dossier document", ("id", "title", "kind", "text", "available"),
                                ("id", "title", "text"))
        if fields is None:
            continue
        doc_id = reader.string(fields.get("id"), "dossier id", ELEMENT_ID, "signaal", required=True)
        doc = Document(doc_id, reader.text(fields.get("title"), f"dossier {doc_id} title"),
                       reader.text(fields.get("text"), f"dossier {doc_id} text"), item.line)
        kind = reader.string(fields.get("kind"), f"dossier {doc_id} kind", example="note")
        if kind and kind not in DOSSIER_KINDS:
            reader.error(fields["kind"].line, f'unknown dossier kind "{kind}"',
                         hint_with(did_you_mean(kind, DOSSIER_KINDS), "use one of: " + ", ".join(DOSSIER_KINDS)))
        elif kind:
            doc.kind = kind
        available = reader.string(fields.get("available"), f"dossier {doc_id} available", example="start")
        if available and available not in ("start", "unlocked"):
            reader.error(fields["available"].line, f'dossier {doc_id} available is "{available}"',
                         hint_with(did_you_mean(available, ("start", "unlocked")), "write start or unlocked"))
        elif available:
            doc.available = available
        docs.append(doc)
    return docs


def load_debrief(reader: Reader, node: Node | None) -> Debrief:
    fields = reader.mapping(node, "debrief", ("reflection", "background", "sources", "expertise")) or {}
    debrief = Debrief(reader.text(fields.get("reflection"), "debrief reflection", allow_list=True),
                      reader.text(fields.get("background"), "debrief background", allow_list=True))
    for item in reader.seq(fields.get("sources"), "debrief sources", '- "Participatiewet art. 18"'):
        source = reader.string(item, "debrief source")
        if source:
            debrief.sources.append(source)
    expertise = reader.mapping(fields.get("expertise"), "debrief expertise", BACKGROUNDS) or {}
    for background, child in expertise.items():
        if background in BACKGROUNDS:
            debrief.expertise[background] = reader.text(child, f"debrief expertise {background}", allow_list=True)
    return debrief


def load_resident(reader: Reader, node: Node | None) -> Resident:
    fields = reader.mapping(node, "resident", ("name", "age", "household", "portrait"), ("name",)) or {}
    age = reader.number(fields.get("age"), "resident age", integer=True)
    return Resident(reader.string(fields.get("name"), "resident name", example='"Sandra Jansen"'),
                    int(age) if age is not None else None,
                    reader.text(fields.get("household"), "resident household"),
                    reader.string(fields.get("portrait"), "resident portrait", example="portraits/sandra.png"))


def load_tree(reader: Reader, root: Node, text: str, catalogue: dict[str, Lever]) -> Scenario | None:
    """Build a Scenario from a parsed file; shape problems go to ``reader.findings``."""
    fields = reader.mapping(root, "the scenario", TOP_KEYS, ("format", "id", "start", "situations", "endings"))
    if fields is None:
        return None
    fmt = fields.get("format")
    if fmt is not None and not (fmt.kind == "scalar" and type(fmt.value) is int and fmt.value == FORMAT_VERSION):
        shown = fmt.value if fmt.kind == "scalar" else describe(fmt)
        numeric = isinstance(shown, (int, float)) and not isinstance(shown, bool) and shown == FORMAT_VERSION
        if fmt.kind == "scalar" and (numeric or str(shown).strip() == str(FORMAT_VERSION)):
            reader.error(fmt.line, f'format must be the whole number {FORMAT_VERSION}, not "{shown}"',
                         f"write 'format: {FORMAT_VERSION}' without quotes or decimals")
        else:
            reader.error(fmt.line,
                         f'format "{shown}" is not supported; this version of Omgekeerd reads format {FORMAT_VERSION}',
                         f"write 'format: {FORMAT_VERSION}' and follow docs/scenario-format.md")
    scenario = Scenario(reader.string(fields.get("id"), "id", SCENARIO_ID, "boodschappen", required=True), reader.path,
                        content_hash(text), source_text=text)
    scenario.lines = {key: root.key_lines.get(key, root.line) for key in fields}
    scenario.title = reader.text(fields.get("title"), "title")
    scenario.summary = reader.text(fields.get("summary"), "summary")
    scenario.tags = [w for w, _ in reader.words(fields.get("tags"), "tags", example="participatiewet")]
    scenario.audience = [w for w, _ in reader.words(fields.get("audience"), "audience", example="inkomen")]
    minutes = reader.number(fields.get("minutes"), "minutes", integer=True)
    scenario.minutes = int(minutes) if minutes is not None else None
    scenario.learning_goals = reader.text(fields.get("learning_goals"), "learning_goals", allow_list=True)
    scenario.resident = load_resident(reader, fields.get("resident"))
    scenario.metrics = load_metrics(reader, fields.get("metrics"))
    scenario.dossier = load_dossier(reader, fields.get("dossier"))
    scenario.start = reader.string(fields.get("start"), "start", example="melding", required=True)
    scenario.date = reader.date(fields.get("date"), "date")
    scenario.standard_route_fits = reader.boolean(fields.get("standard_route_fits"), "standard_route_fits")
    own = load_levers(reader, fields.get("levers"), "levers")
    scenario.levers = {**catalogue, **own}
    scenario.own_levers = set(own)
    _load_named(reader, fields.get("situations"), "situations", "melding: {text: ..., choices: [...]}",
                load_situation, scenario.situations)
    _load_named(reader, fields.get("endings"), "endings", "duurzaam: {title: ..., text: ...}",
                load_ending, scenario.endings)
    scenario.debrief = load_debrief(reader, fields.get("debrief"))
    return scenario


def _load_named(reader: Reader, node: Node | None, where: str, example: str,
                build: Callable[[Reader, str, Node, int], Element | None], into: dict[str, Element]) -> None:
    for element_id, child in reader.named_map(node, where, example).items():
        line = node.key_lines.get(element_id, child.line) if node else child.line
        if not ELEMENT_ID.match(element_id) or "." in element_id:
            reader.error(line, f'{where[:-1]} id "{element_id}" has characters that are not allowed',
                         "use letters, digits, _ and -")
        element = build(reader, element_id, child, line)
        if element is not None:
            into[element_id] = element
    if node is not None and node.kind == "map" and not node.entries:
        reader.error(node.line, f"{where} is empty", f"add at least one, e.g. {example}")


def load_catalogue(path: str, data: bytes | None = None) -> tuple[dict[str, Lever], list[Finding]]:
    """Read the lever catalogue (``scenarios/levers.yaml``, or its ``data``); a fault in it becomes a finding."""
    reader = Reader(path)
    root, _text, findings = yamlsource.read(path, data)
    reader.findings.extend(findings)
    if root is None:
        return {}, reader.findings
    try:
        return load_levers(reader, root, "the lever catalogue"), reader.findings
    except Exception as exc:
        return {}, reader.findings + [unexpected(path, exc, "reading the lever catalogue")]


def load_scenario(path: str, catalogue: dict[str, Lever] | None = None,
                  data: bytes | None = None) -> tuple[Scenario | None, list[Finding]]:
    """Read and shape-check one scenario file. Cross-checks are in ``game.validator``.

    Never raises for the file's content: an unexpected fault becomes an error finding
    for this file, at the line being read, and the scenario is not playable.
    """
    reader = Reader(path)
    try:
        root, text, findings = yamlsource.read(path, data)
        reader.findings.extend(findings)
        if root is None:
            return None, reader.findings
        if root.kind != "map":
            reader.error(root.line, f"the scenario must be a map of keys, not {describe(root)}",
                         "start with 'format: 1' and 'id: ...' on their own lines")
            return None, reader.findings
        return load_tree(reader, root, text, catalogue or {}), reader.findings
    except Exception as exc:
        return None, reader.findings + [unexpected(path, exc, "reading this file")]


def unexpected(path: str, exc: BaseException, doing: str) -> Finding:
    """An unforeseen fault as an error finding at the line it happened on (1 when unknown)."""
    return Finding(path, fault_line(exc), ERROR,
                   f"Omgekeerd could not finish {doing} ({type(exc).__name__}: {exc})",
                   "check the value on this line; if it looks right, report this message to the developers")


def fault_line(exc: BaseException) -> int:
    """The line of the innermost element (node, situation, choice…) that was in hand when ``exc`` rose."""
    line = 1
    trace = exc.__traceback__
    while trace is not None:
        for value in trace.tb_frame.f_locals.values():
            candidate = getattr(value, "line", None) if not isinstance(value, (str, bytes, int)) else None
            if isinstance(candidate, int) and not isinstance(candidate, bool) and candidate > 0:
                line = candidate
        trace = trace.tb_next
    return line
