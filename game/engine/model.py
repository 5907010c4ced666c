"""The scenario model: plain data loaded from a scenario file, each element with its line."""

from __future__ import annotations

import datetime as _dt
from game.engine.records import dataclass, field
from collections.abc import Mapping

from game.engine.vocabulary import BACKGROUNDS, LANGUAGES  # noqa: F401  (re-exported: the engine's word lists)

AXES = ("resident", "rules", "efficiency", "none")
HEADLINE_AXES = ("resident", "rules")
SPEAKERS = ("narrator", "resident", "colleague", "manager", "provider", "letter", "other")
THINKING_ERRORS = ("incident", "expertise", "efficiency", "criteria", "rule")
DOSSIER_KINDS = ("note", "letter", "email", "form", "report")
OUTCOMES = ("omgekeerd", "rules", "kind", "stuck")  # an ending's declared outcome: one of the four quadrants
OUTCOME_ALIASES = {"regels": "rules", "regelvast": "rules", "vastgelopen": "stuck", "vast": "stuck",
                   "lief": "kind", "aardig": "kind", "goedbedoeld": "kind"}  # Dutch words authors type


@dataclass(frozen=True)
class Text:
    """A text in several languages; Dutch is the default and the fallback."""

    values: Mapping[str, str | list[str]] = field(default_factory=dict)
    where: dict[str, int] = field(default_factory=dict, compare=False)  # language -> first line

    def get(self, lang: str = "nl") -> str:
        """The text in ``lang`` (falling back to Dutch); a list of strings is joined by newlines."""
        value = self.values.get(lang)
        if value is None:
            value = self.values.get("nl", "")
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return "" if value is None else str(value)

    def lines(self, lang: str = "nl") -> list[str]:
        """The text as a list of items (a list text stays a list; a string is one item)."""
        value = self.values.get(lang)
        if value is None:
            value = self.values.get("nl", "")
        if isinstance(value, list):
            return [str(v) for v in value]
        return [str(value)] if value else []

    def __bool__(self) -> bool:
        return bool(self.values)


EMPTY = Text({})


@dataclass(frozen=True)
class Condition:
    """A condition as data: ``kind`` is metric|flag|visited|chose|all|any|not."""

    kind: str
    line: int
    name: str = ""  # metric id, flag, situation id, or "situation.choice"
    ops: tuple[tuple[str, float], ...] = ()  # for metric: (("gte", 2),)
    parts: tuple[Condition, ...] = ()  # for all/any/not


@dataclass
class Metric:
    """One metric of the case: its axis, start and bounds (a value is clamped to them)."""

    id: str
    label: Text
    axis: str
    start: float
    min: float
    max: float
    line: int = 0
    standard: bool = False


@dataclass
class Choice:
    """One option of a situation: where it leads, its condition, effects, flags, thinking errors and levers."""

    id: str
    text: Text
    goto: str
    line: int
    requires: Condition | None = None
    requires_text: Text = EMPTY
    hidden_unless_met: bool = False
    effects: dict[str, float] = field(default_factory=dict)
    set_flags: list[str] = field(default_factory=list)
    clear_flags: list[str] = field(default_factory=list)
    thinking: list[str] = field(default_factory=list)
    levers: list[str] = field(default_factory=list)
    missed_levers: list[str] = field(default_factory=list)
    feedback: Text = EMPTY
    lines: dict[str, int] = field(default_factory=dict)  # key -> line, for findings


@dataclass
class Route:
    """One entry of a situation's ``next`` list."""

    goto: str
    line: int
    condition: Condition | None = None


@dataclass
class Situation:
    """One moment of the case: its text and speaker, its choices, or its ``next`` routes."""

    id: str
    text: Text
    line: int
    speaker: str = "narrator"
    speaker_name: str = ""  # the Dutch display name
    speaker_names: Text = EMPTY  # the display name per language (a plain string is Dutch)
    unlocks: list[str] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    next: list[Route] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    facilitator_notes: Text = EMPTY  # for a workshop's facilitator only, never shown to players

    def speaker_label(self, lang: str = "nl") -> str:
        """The speaker's display name in a language ('' when none is given)."""
        return self.speaker_names.get(lang) if self.speaker_names else self.speaker_name

    def choice(self, choice_id: str) -> Choice | None:
        """The choice with this id, or None."""
        for candidate in self.choices:
            if candidate.id == choice_id:
                return candidate
        return None


@dataclass
class Epilogue:
    """A paragraph an ending adds when its condition holds."""

    text: Text
    line: int
    condition: Condition | None = None


@dataclass
class Ending:
    """Where a playthrough ends: its story, declared outcome, effects and epilogue."""

    id: str
    title: Text
    text: Text
    line: int
    epilogue: list[Epilogue] = field(default_factory=list)
    outcome: str = ""  # the declared outcome (one of OUTCOMES), or "" when the scores decide
    effects: dict[str, float] = field(default_factory=dict)  # applied (clamped) when the ending is reached
    lines: dict[str, int] = field(default_factory=dict)  # key -> line, for findings


@dataclass
class Document:
    """A dossier document."""

    id: str
    title: Text
    text: Text
    line: int
    kind: str = "note"
    available: str = "start"


@dataclass
class Lever:
    """A legal or practical lever (an article, a service) with the period it is in force."""

    id: str
    title: Text
    explain: Text
    line: int
    path: str = ""
    source: str = ""
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None

    def in_force(self, day: _dt.date | None) -> bool:
        """Whether the lever applies on ``day`` (always, when no day is given)."""
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


@dataclass
class Debrief:
    """What the case says in the debrief: reflection, background, sources, expertise per background."""

    reflection: Text = EMPTY
    background: Text = EMPTY
    sources: list[str] = field(default_factory=list)
    expertise: dict[str, Text] = field(default_factory=dict)


@dataclass
class Resident:
    """The (fictional) resident of the case: name, age, household, portrait."""

    name: str = ""
    age: int | None = None
    household: Text = EMPTY
    portrait: str = ""


@dataclass(eq=False)
class Scenario:
    """A loaded scenario. ``content_hash`` identifies the exact text it was loaded from."""

    id: str
    path: str
    content_hash: str
    title: Text = EMPTY
    summary: Text = EMPTY
    tags: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    minutes: int | None = None
    learning_goals: Text = EMPTY
    resident: Resident = field(default_factory=Resident)
    metrics: dict[str, Metric] = field(default_factory=dict)
    dossier: list[Document] = field(default_factory=list)
    start: str = ""
    situations: dict[str, Situation] = field(default_factory=dict)
    endings: dict[str, Ending] = field(default_factory=dict)
    debrief: Debrief = field(default_factory=Debrief)
    levers: dict[str, Lever] = field(default_factory=dict)  # catalogue plus own levers
    own_levers: set[str] = field(default_factory=set)
    date: _dt.date | None = None
    standard_route_fits: bool = False  # the case says the standard route is the right one here (the 80 %)
    source_text: str = ""
    lines: dict[str, int] = field(default_factory=dict)

    def document(self, doc_id: str) -> Document | None:
        """The dossier document with this id, or None."""
        for doc in self.dossier:
            if doc.id == doc_id:
                return doc
        return None

    def axis_metrics(self, axis: str) -> list[str]:
        """Ids of the metrics that count towards ``axis``."""
        return [m.id for m in self.metrics.values() if m.axis == axis]


def standard_metrics() -> dict[str, Metric]:
    """The metrics every scenario has without declaring them.

    Their label is empty unless the scenario gives one: the renderers show the interface
    catalogue's ``metric.<id>`` then, so no player text lives in the engine.
    """
    table = [("ownership", "resident"), ("self_reliance", "resident"), ("security", "resident"),
             ("trust", "resident"), ("legality", "rules"), ("justification", "rules"),
             ("efficiency", "efficiency")]
    return {mid: Metric(mid, EMPTY, axis, 0, -10, 10, standard=True) for mid, axis in table}
