"""The Omgekeerd xAPI profile: the IRIs of verbs, activity types, activities and extensions.

Every IRI the game mints lives under ``IRI_BASE``; ``docs/xapi.md`` documents each one. The
verbs and activity types are the ADL ones, so any LRS or LMS reading xAPI knows them.
"""

from __future__ import annotations

import uuid

XAPI_VERSION = "1.0.3"
IRI_BASE = "https://w3id.org/omgekeerd/xapi"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, IRI_BASE)  # every statement id is uuid5 in this namespace

VERBS: dict[str, tuple[str, str, str]] = {  # key -> (IRI, Dutch display, English display)
    "attempted": ("http://adlnet.gov/expapi/verbs/attempted", "begon aan", "attempted"),
    "answered": ("http://adlnet.gov/expapi/verbs/answered", "koos in", "answered"),
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "rondde af", "completed"),
    "voided": ("http://adlnet.gov/expapi/verbs/voided", "trok in", "voided"),
}

ACTIVITY_SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
ACTIVITY_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ACTIVITY_MEETING = "http://adlnet.gov/expapi/activities/meeting"

EXTENSION_NAMES = (
    "resident-score",  # result: the resident-centred axis on 0-100 after this statement's event
    "rules-score",  # result: the lawful axis on 0-100
    "thinking-errors",  # result: ids of the thinking errors this choice shows (list)
    "levers-used",  # result: ids of the levers this choice uses (list)
    "levers-missed",  # result: ids of the levers this choice leaves unused (list)
    "quadrant",  # result: omgekeerd | rules | kind | stuck
    "ending",  # result: the id of the ending reached
    "choice-counts",  # result (workshop): {choice id: number of votes}
    "participants",  # result (workshop): number of players in the group session
    "decisions",  # result (workshop): number of situations the group decided
    "content-hash",  # context: the exact version of the scenario text played
    "mode",  # context: training | assessment
    "step",  # context: the statement's position in its session (0 = start)
)


def extension(name: str) -> str:
    """The IRI of one of our extensions; KeyError for a name the profile does not define."""
    if name not in EXTENSION_NAMES:
        raise KeyError(f"no xAPI extension {name!r} in the Omgekeerd profile")
    return f"{IRI_BASE}/extension/{name}"


def scenario_activity(scenario_id: str) -> str:
    """The activity id of a scenario (a case)."""
    return f"{IRI_BASE}/scenario/{scenario_id}"


def situation_activity(scenario_id: str, situation_id: str) -> str:
    """The activity id of one situation (a decision point) of a scenario."""
    return f"{scenario_activity(scenario_id)}/situation/{situation_id}"


def workshop_activity(group_uid: str) -> str:
    """The activity id of one workshop group session."""
    return f"{IRI_BASE}/workshop/{group_uid}"


def statement_id(session_uid: str, step: int | str) -> str:
    """The stable id of a session's statement at a step: the same inputs give the same id."""
    return str(uuid.uuid5(NAMESPACE, f"{session_uid}/{step}"))


def session_uid(install: str, session_id: int) -> str:
    """A playthrough's registration: unique across installations (the install id is random per database)."""
    return str(uuid.uuid5(NAMESPACE, f"install/{install}/session/{session_id}"))


def group_uid(install: str, group_id: object) -> str:
    """A workshop group session's registration, unique across installations."""
    return str(uuid.uuid5(NAMESPACE, f"install/{install}/group/{group_id}"))
