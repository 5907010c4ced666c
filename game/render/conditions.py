"""Plain-language descriptions of conditions, for choices shown as unavailable."""

from __future__ import annotations

from game.engine.model import Condition, Scenario, Text

_OPS = {"gte": "≥", "gt": ">", "lte": "≤", "lt": "<", "eq": "="}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _describe(condition: Condition, scenario: Scenario, lang: str) -> str:
    nl = lang == "nl"
    kind = condition.kind
    if kind == "metric":
        metric = scenario.metrics.get(condition.name)
        label = metric.label.get(lang).lower() if metric else condition.name
        bounds = " en ".join if nl else " and ".join
        return bounds(f"{label} {_OPS[op]} {_number(v)}" for op, v in condition.ops)
    if kind == "flag":
        return (f"eerst: {condition.name.replace('_', ' ')}" if nl
                else f"first: {condition.name.replace('_', ' ')}")
    if kind == "visited":
        return f"eerst situatie '{condition.name}'" if nl else f"first situation '{condition.name}'"
    if kind == "chose":
        situation_id, _, choice_id = condition.name.partition(".")
        situation = scenario.situations.get(situation_id)
        choice = situation.choice(choice_id) if situation else None
        shown = f"'{choice.text.get(lang)}'" if choice else condition.name
        return f"eerder gekozen: {shown}" if nl else f"chosen earlier: {shown}"
    if kind == "not":
        inner = _describe(condition.parts[0], scenario, lang)
        return f"niet ({inner})" if nl else f"not ({inner})"
    joiner = (" en " if nl else " and ") if kind == "all" else (" of " if nl else " or ")
    return joiner.join(_describe(part, scenario, lang) for part in condition.parts)


def describe_condition(condition: Condition | None, scenario: Scenario) -> Text:
    """Why a choice is not available, in Dutch and English."""
    if condition is None:
        return Text({})
    return Text({"nl": "Kan pas als: " + _describe(condition, scenario, "nl"),
                 "en": "Only possible when: " + _describe(condition, scenario, "en")})
