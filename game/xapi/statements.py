"""xAPI statements of play (pure): start, every decision, the end, voiding, and a workshop group session.

Nothing here reads a clock, a file or the network: times, ids and the actor come in as data,
so the same playthrough always gives byte-identical statements with the same ids.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import unicodedata
from game.engine.records import dataclass
from functools import lru_cache
from typing import Any
from collections.abc import Mapping, Sequence

from game.engine.markup import plain  # an LRS shows plain text
from game.engine.model import Choice, Scenario, Situation, Text
from game.xapi.profile import (ACTIVITY_INTERACTION, ACTIVITY_MEETING, ACTIVITY_SIMULATION, VERBS, XAPI_VERSION,
                               extension, scenario_activity, situation_activity, statement_id, workshop_activity)
from scoring.analysis import Analysis
from scoring.scores import score

Statement = dict[str, Any]
LANGS = (("nl", "nl-NL"), ("en", "en-GB"))
ACCOUNT_HASH_CHARS = 24
MAX_NAME = 200
def account_name(salt: str, pseudonym: str) -> str:
    """A stable, non-reversible account name for a pseudonym (case and spacing do not matter)."""
    key = unicodedata.normalize("NFC", str(pseudonym)).strip().casefold()
    digest = hmac.new(salt.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).hexdigest()
    return "p-" + digest[:ACCOUNT_HASH_CHARS]


def actor(home_page: str, salt: str, pseudonym: str) -> Statement:
    """A player as an xAPI Agent: an account under the organisation's home page, never the pseudonym."""
    return {"objectType": "Agent", "account": {"homePage": home_page, "name": account_name(salt, pseudonym)}}


def group_actor(home_page: str, salt: str, group_uid: str) -> Statement:
    """A workshop group as an identified xAPI Group (an account; no member names)."""
    digest = hmac.new(salt.encode("utf-8"), group_uid.encode("utf-8"), hashlib.sha256).hexdigest()
    return {"objectType": "Group", "account": {"homePage": home_page, "name": "g-" + digest[:ACCOUNT_HASH_CHARS]}}


def language_map(text: Text | str, limit: int = MAX_NAME) -> dict[str, str]:
    """An xAPI language map of a text (Dutch first; empty languages left out)."""
    if isinstance(text, str):
        return {"nl-NL": _short(text, limit)} if text.strip() else {}
    found = {tag: _short(plain(text.get(lang)), limit) for lang, tag in LANGS if text.values.get(lang)}
    return {tag: value for tag, value in found.items() if value}


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rsplit(" ", 1)[0] + "…"


def verb(key: str) -> Statement:
    """An ADL verb with its Dutch and English display."""
    iri, dutch, english = VERBS[key]
    return {"id": iri, "display": {"nl-NL": dutch, "en-GB": english}}


def duration(start: str, end: str) -> str:
    """The ISO 8601 duration between two ISO timestamps (PT0S when unknown or negative)."""
    try:
        seconds = (_dt.datetime.fromisoformat(end) - _dt.datetime.fromisoformat(start)).total_seconds()
    except (TypeError, ValueError):
        return "PT0S"
    seconds = max(0.0, seconds)
    hours, rest = divmod(round(seconds * 100) / 100, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT" + (f"{int(hours)}H" if hours else "") + (f"{int(minutes)}M" if minutes else "")
    return text + (f"{secs:.2f}".rstrip("0").rstrip(".") + "S" if secs or text == "PT" else "")


@dataclass(frozen=True)
class PlayContext:
    """What every statement of one playthrough shares."""

    actor: Statement
    registration: str  # the session uid
    scenario: Scenario
    analysis: Analysis
    mode: str
    lang: str


def scenario_object(scenario: Scenario) -> Statement:
    """The scenario as an xAPI activity (a simulation)."""
    definition: Statement = {"type": ACTIVITY_SIMULATION}
    name = language_map(scenario.title) or {"nl-NL": scenario.id}
    definition["name"] = name
    description = language_map(scenario.summary, 500)
    if description:
        definition["description"] = description
    return {"objectType": "Activity", "id": scenario_activity(scenario.id), "definition": definition}


def situation_object(scenario: Scenario, situation: Situation) -> Statement:
    """A situation as an xAPI choice interaction, with its choices as the components (built once per version)."""
    return _situation_object(scenario, situation.id)


@lru_cache(maxsize=512)
def _situation_object(scenario: Scenario, situation_id: str) -> Statement:  # a Scenario hashes by identity
    situation = scenario.situations[situation_id]
    title = language_map(scenario.title) or {"nl-NL": scenario.id}
    definition: Statement = {
        "type": ACTIVITY_INTERACTION,
        "name": {tag: f"{value}: {situation.id}" for tag, value in title.items()},
        "interactionType": "choice",
        "choices": [{"id": c.id, "description": language_map(c.text) or {"nl-NL": c.id}} for c in situation.choices],
    }
    description = language_map(situation.text, 500)
    if description:
        definition["description"] = description
    return {"objectType": "Activity", "id": situation_activity(scenario.id, situation.id), "definition": definition}


def _context(ctx: PlayContext, step: int, parent: bool = True) -> Statement:
    context: Statement = {
        "registration": ctx.registration,
        "platform": "Omgekeerd",
        "language": "nl-NL" if ctx.lang == "nl" else "en-GB",
        "extensions": {extension("content-hash"): ctx.scenario.content_hash, extension("mode"): ctx.mode,
                       extension("step"): step},
    }
    if parent:
        up = {"objectType": "Activity", "id": scenario_activity(ctx.scenario.id)}
        context["contextActivities"] = {"parent": [up]}
    return context


def _statement(ctx: PlayContext, step: int, verb_key: str, obj: Statement, when: str,
               result: Statement | None = None, parent: bool = True) -> Statement:
    statement: Statement = {"id": statement_id(ctx.registration, step), "actor": ctx.actor, "verb": verb(verb_key),
                            "object": obj}
    if result:
        statement["result"] = result
    statement["context"] = _context(ctx, step, parent)
    statement["timestamp"] = when
    statement["version"] = XAPI_VERSION
    return statement


def started(ctx: PlayContext, step: int, when: str) -> Statement:
    """The player started the scenario ("attempted")."""
    return _statement(ctx, step, "attempted", scenario_object(ctx.scenario), when, parent=False)


def answered(ctx: PlayContext, step: int, situation: Situation, choice: Choice, metrics: Mapping[str, float],
             when: str) -> Statement:
    """One decision: the situation as the activity, the choice as the response, both axes after it."""
    scores = score(ctx.scenario, ctx.analysis, dict(metrics))
    extensions: Statement = {extension("resident-score"): scores.resident, extension("rules-score"): scores.rules,
                             extension("thinking-errors"): list(choice.thinking),
                             extension("levers-used"): list(choice.levers),
                             extension("levers-missed"): list(choice.missed_levers)}
    result = {"response": choice.id, "extensions": extensions}
    return _statement(ctx, step, "answered", situation_object(ctx.scenario, situation), when, result)


def headline(resident: int, rules: int) -> int:
    """The one score an LMS gets: the weaker of the two axes (both must be high for 'omgekeerd')."""
    return max(0, min(100, min(int(resident), int(rules))))


def completed(ctx: PlayContext, step: int, ending_id: str, resident: int, rules: int, quadrant: str,
              started_at: str, when: str) -> Statement:
    """The end: verdict (quadrant and ending), both scores, and how long the playthrough took."""
    low = headline(resident, rules)
    result: Statement = {
        "completion": True,
        "success": quadrant == "omgekeerd",
        "score": {"scaled": low / 100, "raw": low, "min": 0, "max": 100},
        "duration": duration(started_at, when),
        "extensions": {extension("resident-score"): int(resident), extension("rules-score"): int(rules),
                       extension("quadrant"): quadrant, extension("ending"): ending_id},
    }
    return _statement(ctx, step, "completed", scenario_object(ctx.scenario), when, result, parent=False)


def voided(actor_: Statement, registration: str, step: int, target_id: str, when: str) -> Statement:
    """Take back an earlier statement (a choice undone in training mode)."""
    return {"id": statement_id(registration, step), "actor": actor_, "verb": verb("voided"),
            "object": {"objectType": "StatementRef", "id": target_id}, "timestamp": when, "version": XAPI_VERSION}


# -- a workshop's group session ------------------------------------------------------------------

def group_statements(group: Mapping[str, Any], actor_: Statement, registration: str,
                     scenario: Scenario | None = None) -> list[Statement]:
    """The statements of one workshop group session, from its data (see docs/xapi.md for the shape).

    ``group`` holds ``scenario_id``, ``started``, ``participants``, ``decisions`` (a list of
    ``{"situation", "counts": {choice id: votes}, "chosen", "at"}``) and, when it ended,
    ``finished``, ``ending`` and optionally ``resident``, ``rules`` and ``quadrant``.
    """
    scenario_id = str(group.get("scenario_id") or "unknown")
    obj = workshop_object(group, scenario_id, scenario)
    parent = {"parent": [{"objectType": "Activity", "id": scenario_activity(scenario_id)}]}
    started_at = str(group.get("started") or "")
    participants = _count(group.get("participants"))
    decisions: Sequence[Mapping[str, Any]] = [d for d in group.get("decisions") or [] if isinstance(d, Mapping)]

    def make(step: int, verb_key: str, target: Statement, when: str, result: Statement | None) -> Statement:
        statement: Statement = {"id": statement_id(registration, f"group/{step}"), "actor": actor_,
                                "verb": verb(verb_key), "object": target}
        if result:
            statement["result"] = result
        statement["context"] = {"registration": registration, "platform": "Omgekeerd", "contextActivities": parent,
                                "extensions": {extension("step"): step}}
        if when:
            statement["timestamp"] = when
        statement["version"] = XAPI_VERSION
        return statement

    out = [make(0, "attempted", obj, started_at, {"extensions": {extension("participants"): participants}})]
    for number, decision in enumerate(decisions, start=1):
        situation_id = str(decision.get("situation") or "")
        counts = {str(k): _count(v) for k, v in dict(decision.get("counts") or {}).items()}
        target = _group_situation(scenario, scenario_id, situation_id)
        result: Statement = {"extensions": {extension("choice-counts"): counts,
                                            extension("participants"): participants}}
        if decision.get("chosen"):
            result["response"] = str(decision["chosen"])
        out.append(make(number, "answered", target, str(decision.get("at") or started_at), result))
    if group.get("finished"):
        out.append(make(len(decisions) + 1, "completed", obj, str(group["finished"]),
                        _group_end(group, started_at, participants, len(decisions))))
    return out


def workshop_object(group: Mapping[str, Any], scenario_id: str, scenario: Scenario | None) -> Statement:
    """A workshop group session as an xAPI activity (a meeting)."""
    title = language_map(scenario.title) if scenario is not None else {}
    name = {tag: f"Workshop: {value}" for tag, value in title.items()} or {"nl-NL": f"Workshop: {scenario_id}"}
    uid = str(group.get("uid") or group.get("id") or scenario_id)
    return {"objectType": "Activity", "id": workshop_activity(uid),
            "definition": {"type": ACTIVITY_MEETING, "name": name}}


def _group_situation(scenario: Scenario | None, scenario_id: str, situation_id: str) -> Statement:
    situation = scenario.situations.get(situation_id) if scenario is not None else None
    if scenario is not None and situation is not None:
        return situation_object(scenario, situation)
    return {"objectType": "Activity", "id": situation_activity(scenario_id, situation_id or "unknown"),
            "definition": {"type": ACTIVITY_INTERACTION, "interactionType": "choice",
                           "name": {"nl-NL": f"{scenario_id}: {situation_id or 'unknown'}"}}}


def _group_end(group: Mapping[str, Any], started_at: str, participants: int, decided: int) -> Statement:
    extensions: Statement = {extension("participants"): participants, extension("decisions"): decided}
    if group.get("ending"):
        extensions[extension("ending")] = str(group["ending"])
    if group.get("quadrant"):
        extensions[extension("quadrant")] = str(group["quadrant"])
    result: Statement = {"completion": True, "duration": duration(started_at, str(group.get("finished")))}
    if isinstance(group.get("resident"), int) and isinstance(group.get("rules"), int):
        low = headline(group["resident"], group["rules"])
        extensions[extension("resident-score")] = int(group["resident"])
        extensions[extension("rules-score")] = int(group["rules"])
        result["score"] = {"scaled": low / 100, "raw": low, "min": 0, "max": 100}
    result["extensions"] = extensions
    return result


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0
