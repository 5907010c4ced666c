"""Plain-language descriptions of conditions, for choices shown as unavailable."""

from __future__ import annotations

from game.engine.model import Condition, Metric, Scenario, Text
from game.engine.session import UNAVAILABLE, ChoiceOption, ChoiceRefused
from game.i18n import LANGUAGES, has, t

_OPS = {"gte": "≥", "gt": ">", "lte": "≤", "lt": "<", "eq": "="}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def metric_label(metric: Metric, lang: str) -> str:
    """A metric's name: the scenario's label, else (a standard metric) the catalogue's ``metric.<id>``."""
    if metric.label:
        return metric.label.get(lang)
    return t(f"metric.{metric.id}", lang) if metric.standard else metric.id


def _metric(condition: Condition, scenario: Scenario, lang: str) -> str:
    metric = scenario.metrics.get(condition.name)
    label = metric_label(metric, lang).lower() if metric else condition.name
    return t("condition.and", lang).join(t("condition.metric", lang, label=label, op=_OPS[op], value=_number(v))
                                         for op, v in condition.ops)


def _chose(condition: Condition, scenario: Scenario, lang: str) -> str:
    situation_id, _, choice_id = condition.name.partition(".")
    situation = scenario.situations.get(situation_id)
    choice = situation.choice(choice_id) if situation else None
    shown = f"'{choice.text.get(lang)}'" if choice else condition.name
    return t("condition.chose", lang, choice=shown)


def _describe(condition: Condition, scenario: Scenario, lang: str) -> str:
    kind = condition.kind
    if kind == "metric":
        return _metric(condition, scenario, lang)
    if kind == "flag":
        return t("condition.flag", lang, flag=condition.name.replace("_", " "))
    if kind == "visited":
        return t("condition.visited", lang, situation=condition.name)
    if kind == "chose":
        return _chose(condition, scenario, lang)
    if kind == "not":
        return t("condition.not", lang, condition=_describe(condition.parts[0], scenario, lang))
    joiner = t("condition.and" if kind == "all" else "condition.or", lang)
    return joiner.join(_describe(part, scenario, lang) for part in condition.parts)


def describe_condition(condition: Condition | None, scenario: Scenario) -> Text:
    """Why a choice is not available, in every language of the catalogue."""
    if condition is None:
        return Text({})
    return Text({lang: t("condition.only_when", lang, condition=_describe(condition, scenario, lang))
                 for lang in LANGUAGES})


def unavailable_reason(option: ChoiceOption, scenario: Scenario) -> Text:
    """Why a choice shown as unavailable cannot be made now: its ``requires_text`` or its condition in words."""
    if option.available:
        return Text({})
    choice = option.choice
    return choice.requires_text if choice.requires_text else describe_condition(choice.requires, scenario)


def refusal_text(refused: ChoiceRefused, scenario: Scenario, lang: str) -> str:
    """A refused choice in words (the catalogue's ``refused.<code>``), with the reason when it is unavailable."""
    params = dict(refused.params)
    if refused.code == UNAVAILABLE:
        situation = scenario.situations.get(refused.situation_id)
        choice = situation.choice(refused.choice_id) if situation else None
        reason = unavailable_reason(ChoiceOption(choice, False), scenario) if choice else Text({})
        params["reason"] = reason.get(lang)
    key = f"refused.{refused.code}"
    if not has(key):
        return t("refused.unknown", lang, code=refused.code)
    return t(key, lang, **params).strip()
