"""The debrief: one data object that the game screens and the reports only render."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from game.engine.records import dataclass, field

from game.engine.model import BACKGROUNDS, THINKING_ERRORS, Scenario, Text
from game.engine.session import Session
from game.i18n import texts

from scoring.analysis import Analysis, Scores, analyse
from scoring.scores import Question, four_questions, quadrant, scale_word, score, verdict


class CatalogueTexts(Mapping[str, Text]):
    """A read-only table ``id -> Text`` whose texts are the catalogue entries ``<prefix>.<id>``."""

    def __init__(self, prefix: str, ids: Sequence[str]) -> None:
        self._prefix, self._ids = prefix, tuple(ids)

    def __getitem__(self, item: str) -> Text:
        if item not in self._ids:
            raise KeyError(item)
        return Text(texts(f"{self._prefix}.{item}"))

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


BACKGROUND_NAMES = CatalogueTexts("background", BACKGROUNDS)  # the names are background.<id>


@dataclass(frozen=True)
class RouteStep:
    """One decision on a route: the situation, the choice made and the alternatives not taken."""

    situation: str
    situation_text: Text
    choice: str
    choice_text: Text
    feedback: Text
    alternatives: tuple[tuple[str, Text, bool], ...]  # (choice id, text, was available)
    scores_after: tuple[int, int]


@dataclass(frozen=True)
class LeverNote:
    """A lever as the debrief shows it: title, explanation and source."""

    id: str
    title: Text
    explain: Text
    source: str


@dataclass(frozen=True)
class ThinkingShown:
    """A thinking error seen in the player's choices; its name and explanation are in the catalogue."""

    id: str
    choices: tuple[tuple[str, Text], ...]  # (situation.choice, choice text)

    @property
    def name_key(self) -> str:
        return f"thinking.{self.id}.name"

    @property
    def explain_key(self) -> str:
        return f"thinking.{self.id}.explain"

    @property
    def name(self) -> Text:
        """The name in every language (for renderers that take a Text)."""
        return Text(texts(self.name_key))

    @property
    def explanation(self) -> Text:
        """The explanation in every language (for renderers that take a Text)."""
        return Text(texts(self.explain_key))


@dataclass
class Debrief:
    """Everything the debrief shows about one playthrough."""

    scenario_id: str
    title: Text
    finished: bool
    scores: Scores
    quadrant: str  # its texts: quadrant.<id>.title and .text (see quadrant_title, quadrant_text)
    trajectory: list[tuple[int, int]]  # (resident, rules) at the start and after every choice
    questions: list[Question]
    thinking: list[ThinkingShown]
    levers_used: list[LeverNote]
    levers_missed: list[LeverNote]
    levers_elsewhere: list[LeverNote]  # levers of alternatives the player did not take
    route: list[RouteStep]
    expert_route: list[RouteStep]
    expert_scores: Scores | None
    follows_expert: bool
    ending_id: str | None
    ending_title: Text
    ending_text: Text
    epilogue: list[Text]
    reflection: Text
    background: Text
    sources: list[str]
    player_background: str | None
    expertise_note: Text
    analysis: Analysis = field(repr=False, default=None)  # type: ignore[assignment]
    score_quadrant: str = ""  # the quadrant of the two scores (the verdict when the ending declares none)
    outcome_declared: bool = False  # the verdict is the ending's declared outcome

    @property
    def score_words(self) -> tuple[str, str]:
        """Catalogue keys saying in words what the resident and the rules score mean (``scale.<id>``)."""
        return f"scale.{scale_word(self.scores.resident)}", f"scale.{scale_word(self.scores.rules)}"

    @property
    def scores_differ(self) -> bool:
        """Whether the scores land in another quadrant than the ending's declared outcome."""
        return self.outcome_declared and self.score_quadrant != self.quadrant

    @property
    def scale_approximate(self) -> bool:
        """Whether the scores are on the widest possible scale (the case was too large to explore)."""
        return bool(self.analysis is not None and self.analysis.approximate)

    @property
    def quadrant_title(self) -> Text:
        """The quadrant's title in every language."""
        return Text(texts(f"quadrant.{self.quadrant}.title"))

    @property
    def quadrant_text(self) -> Text:
        """What the quadrant means, in every language."""
        return Text(texts(f"quadrant.{self.quadrant}.text"))


def _lever(scenario: Scenario, lever_id: str) -> LeverNote:
    lever = scenario.levers.get(lever_id)
    if lever is None:
        return LeverNote(lever_id, Text({"nl": lever_id}), Text({}), "")
    return LeverNote(lever_id, lever.title, lever.explain, lever.source)


def _walk(scenario: Scenario, analysis: Analysis, choice_ids: list[str]) -> tuple[list[RouteStep], Session]:
    """Replay choices, noting at every decision what else could have been chosen."""
    session = Session(scenario)
    steps = []
    for choice_id in choice_ids:
        situation = session.situation
        assert situation is not None
        options = session.all_choices
        step = session.choose(choice_id)
        chosen = situation.choice(choice_id)
        after = score(scenario, analysis, step.metrics)
        steps.append(RouteStep(situation.id, situation.text, choice_id, chosen.text if chosen else Text({}),
                               step.feedback,
                               tuple((o.id, o.choice.text, o.available) for o in options if o.id != choice_id),
                               (after.resident, after.rules)))
    return steps, session


def build_debrief(session: Session, analysis: Analysis | None = None,
                  player_background: str | None = None) -> Debrief:
    """The debrief of a playthrough (finished or not) for a player with this background."""
    scenario = session.scenario
    analysis = analysis or analyse(scenario)
    route, _ = _walk(scenario, analysis, session.choice_ids)
    expert, _ = _walk(scenario, analysis, analysis.expert_route)
    start = score(scenario, analysis, Session(scenario).metrics)
    final = score(scenario, analysis, session.metrics)
    ending = session.ending
    kind = verdict(ending, final)
    shown: dict[str, list[tuple[str, Text]]] = {}
    for step in route:
        choice = scenario.situations[step.situation].choice(step.choice)
        if choice is None:
            continue
        for error in choice.thinking:
            shown.setdefault(error, []).append((f"{step.situation}.{step.choice}", choice.text))
    thinking = [ThinkingShown(e, tuple(shown[e])) for e in THINKING_ERRORS if e in shown]
    used = set(session.levers_used)
    elsewhere: dict[str, None] = {}
    for step in route:
        situation = scenario.situations[step.situation]
        for alt_id, _text, _available in step.alternatives:
            alt = situation.choice(alt_id)
            for lever_id in alt.levers if alt else []:
                if lever_id not in used and lever_id not in session.levers_missed:
                    elsewhere.setdefault(lever_id, None)
    background = player_background if player_background in BACKGROUNDS else None
    note = scenario.debrief.expertise.get(background, Text({})) if background else Text({})
    return Debrief(
        scenario.id, scenario.title, session.finished, final, kind,
        [(start.resident, start.rules)] + [s.scores_after for s in route],
        four_questions(scenario, session.metrics, ending.outcome if ending else ""), thinking,
        [_lever(scenario, lever) for lever in session.levers_used],
        [_lever(scenario, lever) for lever in session.levers_missed if lever not in used],
        [_lever(scenario, lever) for lever in elsewhere],
        route, expert, analysis.expert_scores, session.choice_ids == analysis.expert_route,
        ending.id if ending else None, ending.title if ending else Text({}), ending.text if ending else Text({}),
        session.epilogue, scenario.debrief.reflection, scenario.debrief.background,
        list(scenario.debrief.sources), background, note, analysis, quadrant(final),
        bool(ending and ending.outcome))
