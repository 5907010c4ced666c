"""Findings in the reader's language: the engine's English findings recognised by shape and rendered from the catalogue.

The engine never reads the catalogue, so its findings are English sentences. Here each
common shape (a tab, an unquoted colon, an unknown key, a did-you-mean, ...) is matched and
written again from the ``findings`` section in the chosen language; a finding of a shape not
listed here is shown as the engine wrote it.
"""

from __future__ import annotations

import re
from functools import cache

from game.engine.controls import one_line
from game.engine.findings import MAX_HINT_CHARS, MAX_MESSAGE_CHARS, Finding
from game.engine.validator import MAX_SENTENCE_WORDS
from game.i18n import t

# (pattern of the English message, catalogue key); the named groups become the entry's parameters
SHAPES: tuple[tuple[str, str], ...] = (
    (r"^YAML syntax: found (?:a )?(?:tab|character '\\t').*$", "findings.yaml_tab"),
    (r"^YAML syntax: found character '\\t' that cannot start any token$", "findings.yaml_tab"),
    (r"^YAML syntax: mapping values are not allowed (?:here|in this context)$", "findings.yaml_colon"),
    (r"^YAML syntax: (?P<problem>.*)$", "findings.yaml_syntax"),
    (r"^the file is empty$", "findings.empty_file"),
    (r'^the key "(?P<name>[^"]*)" appears twice in the same map$', "findings.duplicate_key"),
    (r'^unknown key "(?P<name>[^"]*)" in (?P<where>.+)$', "findings.unknown_key"),
    (r'^unknown outcome "(?P<value>[^"]*)" in (?P<where>.+)$', "findings.unknown_outcome"),
    (r'^unknown (?P<noun>speaker|axis|thinking error|dossier kind|condition key) "(?P<value>[^"]*)" in (?P<where>.+)$',
     "findings.unknown_value"),
    (r'^(?P<where>.+) goes to "(?P<target>[^"]*)", which is not a situation or ending$', "findings.unknown_target"),
    (r'^(?P<where>.+) changes unknown metric "(?P<metric>[^"]*)"$', "findings.unknown_metric"),
    (r'^(?P<where>.+) tests flag "(?P<flag>[^"]*)", which no choice sets$', "findings.flag_never_set"),
    (r"^ending (?P<ending>\S+) can never be reached: conditions test the flag (?P<flags>.+), which no choice sets$",
     "findings.unreachable_flag"),
    (r'^(?P<where>.+) has no (?:English|Dutch) \("(?P<code>[a-z]{2})"\)$', "findings.no_language"),
    (r'^(?P<where>.+): a sentence of (?P<words>\d+) words \("(?P<start>.*) …"\)$', "findings.long_sentence"),
    (r'^the id "(?P<id>[^"]*)" differs from the file name "(?P<name>[^"]*)"$', "findings.id_differs"),
    (r'^start names "(?P<name>[^"]*)", which is not a situation$', "findings.start_unknown"),
    (r"^(?P<where>(?:situation|ending) \S+) cannot be reached from start$", "findings.not_reachable"),
    (r"^from situation (?P<situation>\S+) no ending can be reached$", "findings.no_ending"),
    (r'^(?P<where>.+) names unknown lever "(?P<lever>[^"]*)"$', "findings.unknown_lever"),
    (r'^(?P<where>.+) tests unknown metric "(?P<metric>[^"]*)"$', "findings.tests_unknown_metric"),
    (r'^flag "(?P<flag>[^"]*)" is set \(by choice (?P<choice>\S+)\) but no condition reads it$',
     "findings.flag_never_read"),
    (r"^the (?P<axis>resident|rules) axis cannot vary: every playthrough ends with a (?:resident|rules) total of "
     r"(?P<total>\S+), so every player scores 100 on it$", "findings.fixed_axis"),
    (r"^a route to ending (?P<ending>\S+) scores resident (?P<resident>\d+) and rules (?P<rules>\d+) \((?P<high>\d+) "
     r"or more on both\) without using any lever: (?P<route>.*)$", "findings.no_lever"),
    (r'^ending (?P<ending>\S+) declares outcome "(?P<outcome>[^"]*)", but (?P<count>\d+) of its (?P<routes>\d+) routes '
     r'score in another quadrant, e\.g\. (?P<route>.*) \(resident (?P<resident>\d+), rules (?P<rules>\d+): '
     r'"(?P<quadrant>[^"]*)"\)$', "findings.outcome_differs"),
    (r"^the expert option is the longest text in (?P<count>\d+) of (?P<decisions>\d+) decisions on the expert route "
     r"\((?P<share>\d+) %\): experienced players pick it without reading$", "findings.give_away"),
    (r"^choice (?P<choice>\S+) is a strawman: every other choice of (?P<situation>\S+) scores better on both the "
     r"resident and the rules axis and it saves no effort \((?P<effects>.*)\)$", "findings.strawman"),
    (r"^all (?P<count>\d+) choices of situation (?P<situation>\S+) have the same effects \((?P<effects>.*)\): "
     r"the decision here changes no score$", "findings.same_effects"),
    (r"^ending (?P<ending>\S+) can never be reached: the conditions on the way never hold$",
     "findings.never_reached"),
    (r'^(?P<where>.+) has no "(?P<name>[^"]*)"$', "findings.missing_key"),
)


@cache
def messages() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The shapes compiled, on the first finding to render (a clean file never pays for it)."""
    return tuple((re.compile(pattern), key) for pattern, key in SHAPES)

# whole hints the engine writes, by the message key they belong to
HINTS: dict[str, str] = {
    "findings.yaml_tab": "findings.yaml_tab.hint",
    "findings.yaml_colon": "findings.yaml_colon.hint",
    "findings.duplicate_key": "findings.duplicate_key.hint",
    "findings.missing_key": "findings.missing_key.hint",
    "findings.unreachable_flag": "findings.unreachable_flag.hint",
    "findings.no_language": "findings.no_language.hint",
    "findings.not_reachable": "findings.not_reachable.hint",
    "findings.no_ending": "findings.no_ending.hint",
    "findings.flag_never_read": "findings.flag_never_read.hint",
    "findings.fixed_axis": "findings.fixed_axis.hint",
    "findings.no_lever": "findings.no_lever.hint",
    "findings.outcome_differs": "findings.outcome_differs.hint",
    "findings.give_away": "findings.give_away.hint",
    "findings.strawman": "findings.strawman.hint",
    "findings.same_effects": "findings.same_effects.hint",
    "findings.never_reached": "findings.never_reached.hint",
    "findings.long_sentence": "findings.long_sentence.hint",
    "findings.id_differs": "findings.id_differs.hint",
}
FALLBACK_HINTS: dict[str, str] = {  # the advice after a did-you-mean, by its English text
    "check indentation, colons and quotes on this line and the one before": "findings.yaml_syntax.hint",
    "write the id of a situation or an ending": "findings.unknown_target.hint",
    "write the id of the first situation": "findings.start_unknown.hint",
    "use an id from scenarios/levers.yaml or declare it under levers:": "findings.unknown_lever.hint",
    "declare it under metrics: or use a standard metric": "findings.unknown_metric.hint",
    "add it to a choice's set: list, or fix the name": "findings.flag_never_set.hint",
    "fix the flag's name in the condition or in a choice's set: list": "findings.unreachable_flag.hint",
}
_DID_YOU_MEAN = r'^did you mean "(?P<word>[^"]*)"\? ?(?P<rest>.*)$'
_LISTS = ((r"^allowed keys: (?P<keys>.*)$", "findings.allowed_keys"),
          (r"^use one of: (?P<values>.*)$", "findings.use_one_of"))
_PLACES = (("a choice of situation ", "findings.where.a_choice_of"), ("next of situation ", "findings.where.next_of"),
           ("the scenario", "findings.where.scenario"), ("situation ", "findings.where.situation"),
           ("choice ", "findings.where.choice"), ("ending ", "findings.where.ending"))


def place(where: str, lang: str) -> str:
    """A place in a scenario ("situation melding", "the scenario") in the language; ids stay as written."""
    for english, key in _PLACES:
        if where.startswith(english):
            rest = where[len(english):]
            return t(key, lang) + (" " if english.endswith(" ") else "") + rest
    return where


def message(finding: Finding, lang: str) -> tuple[str, str | None]:
    """The finding's message in the language, and the catalogue key of its shape (None: not recognised)."""
    for pattern, key in messages():
        match = pattern.match(finding.message)
        if match:
            params = dict(match.groupdict())
            if "where" in params:
                params["where"] = place(params["where"], lang)
            if key == "findings.no_language":
                params["language"] = t(f"findings.language.{params['code']}", lang)
            if "axis" in params:
                params["axis_name"] = t(f"axis.{params['axis']}", lang)
            if "noun" in params:
                params["noun"] = t(f"findings.noun.{params['noun'].replace(' ', '_')}", lang)
            return t(key, lang, **params), key
    return finding.message, None


def hint(finding: Finding, key: str | None, params: dict[str, str], lang: str) -> str:
    """The finding's hint in the language, as far as its parts are known."""
    if key in HINTS:
        return t(HINTS[key], lang, **params)
    text = finding.hint
    match = re.match(_DID_YOU_MEAN, text)
    parts = []
    if match:
        parts.append(t("findings.did_you_mean", lang, word=match["word"]))
        text = match["rest"]
    if text:
        parts.append(_rest(text, lang))
    return " ".join(parts)


def _rest(text: str, lang: str) -> str:
    if text in FALLBACK_HINTS:
        return t(FALLBACK_HINTS[text], lang)
    for pattern, key in _LISTS:
        match = re.match(pattern, text)
        if match:
            return t(key, lang, **match.groupdict())
    return text


def _params(finding: Finding, key: str | None, lang: str) -> dict[str, str]:
    """The parameters a whole-hint entry needs (where, key, lang, limit, id)."""
    for pattern, candidate in messages():
        if candidate != key:
            continue
        match = pattern.match(finding.message)
        if match:
            params = dict(match.groupdict())
            if "where" in params:
                params["where"] = place(params["where"], lang)
            params["limit"] = str(MAX_SENTENCE_WORDS)
            if "axis" in params:
                params["axis_name"] = t(f"axis.{params['axis']}", lang)
                params["metrics"] = _in_brackets(finding.hint)
            return params
    return {}


def _in_brackets(text: str) -> str:
    """The last bracketed part of a text (a fixed-axis hint lists the axis's metrics there)."""
    start, end = text.rfind("("), text.rfind(")")
    return text[start + 1:end] if 0 <= start < end else ""


def render(finding: Finding, lang: str) -> str:
    """``path:line: severity: message; hint`` in the language, on one line (as ``str(finding)`` in English)."""
    text, key = message(finding, lang)
    advice = hint(finding, key, _params(finding, key, lang), lang) if finding.hint else ""
    path = one_line(finding.path, MAX_HINT_CHARS)
    where = f"{path}:{finding.line}" if finding.line > 0 else path
    severity = t(f"findings.severity.{finding.severity}", lang)
    line = f"{where}: {severity}: {one_line(text, MAX_MESSAGE_CHARS)}"
    return f"{line}; {one_line(advice, MAX_HINT_CHARS)}" if advice else line
