"""The debrief: one data object that the game screens and the reports only render."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.model import BACKGROUNDS, Scenario, Text
from game.engine.session import Session

from scoring.analysis import Analysis, Scores, analyse
from scoring.scores import QUADRANTS, Question, four_questions, quadrant, score

THINKING_ERRORS: dict[str, tuple[Text, Text]] = {
    "incident": (Text({"nl": "Incident-denken", "en": "Incident thinking"}),
                 Text({"nl": "Een gedeeld probleem behandelen als het probleem van één persoon.",
                       "en": "Treating a shared problem as one person's problem."})),
    "expertise": (Text({"nl": "Deskundigheids-denken", "en": "Expertise thinking"}),
                  Text({"nl": "Beginnen bij het aanbod van de specialisten, niet bij de vraag van de bewoner.",
                        "en": "Starting from what the specialists offer, not from the resident's question."})),
    "efficiency": (Text({"nl": "Efficiëntie-denken", "en": "Efficiency thinking"}),
                   Text({"nl": "Standaardlijsten en groepsaanbod in plaats van een echt gesprek.",
                         "en": "Standard checklists and group offers instead of a real conversation."})),
    "criteria": (Text({"nl": "Criteria-denken", "en": "Criteria thinking"}),
                 Text({"nl": "Eén criterium, zoals taalniveau, bepaalt wat iemand kan.",
                       "en": "A single criterion, such as language level, decides what someone can do."})),
    "rule": (Text({"nl": "Regel-denken", "en": "Rule thinking"}),
             Text({"nl": "De regel als eerste filter in plaats van als toets achteraf.",
                   "en": "The rule as the first filter instead of the closing test."})),
}

BACKGROUND_NAMES: dict[str, Text] = {
    "inkomen": Text({"nl": "Inkomensvoorziening", "en": "Benefits (Inkomensvoorziening)"}),
    "handhaving": Text({"nl": "Handhaving", "en": "Enforcement (Handhaving)"}),
    "wmo": Text({"nl": "Wmo-consulent", "en": "Wmo consultant"}),
    "jeugd": Text({"nl": "Jeugd", "en": "Youth care"}),
    "nieuw": Text({"nl": "Nieuw in het werkveld", "en": "New to the field"}),
}


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
    id: str
    title: Text
    explain: Text
    source: str


@dataclass(frozen=True)
class ThinkingShown:
    id: str
    name: Text
    explanation: Text
    choices: tuple[tuple[str, Text], ...]  # (situation.choice, choice text)


@dataclass
class Debrief:
    """Everything the debrief shows about one playthrough."""

    scenario_id: str
    title: Text
    finished: bool
    scores: Scores
    quadrant: str
    quadrant_title: Text
    quadrant_text: Text
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
    kind = quadrant(final)
    quadrant_title, quadrant_text = QUADRANTS[kind]
    shown: dict[str, list[tuple[str, Text]]] = {}
    for step in route:
        choice = scenario.situations[step.situation].choice(step.choice)
        for error in choice.thinking if choice else []:
            shown.setdefault(error, []).append((f"{step.situation}.{step.choice}", choice.text))
    thinking = [ThinkingShown(e, *THINKING_ERRORS[e], tuple(shown[e])) for e in THINKING_ERRORS if e in shown]
    used = set(session.levers_used)
    elsewhere: dict[str, None] = {}
    for step in route:
        situation = scenario.situations[step.situation]
        for alt_id, _text, _available in step.alternatives:
            alt = situation.choice(alt_id)
            for lever_id in alt.levers if alt else []:
                if lever_id not in used and lever_id not in session.levers_missed:
                    elsewhere.setdefault(lever_id, None)
    ending = session.ending
    background = player_background if player_background in BACKGROUNDS else None
    note = scenario.debrief.expertise.get(background, Text({})) if background else Text({})
    return Debrief(
        scenario.id, scenario.title, session.finished, final, kind, quadrant_title, quadrant_text,
        [(start.resident, start.rules)] + [s.scores_after for s in route],
        four_questions(scenario, session.metrics), thinking,
        [_lever(scenario, lever) for lever in session.levers_used],
        [_lever(scenario, lever) for lever in session.levers_missed if lever not in used],
        [_lever(scenario, lever) for lever in elsewhere],
        route, expert, analysis.expert_scores, session.choice_ids == analysis.expert_route,
        ending.id if ending else None, ending.title if ending else Text({}), ending.text if ending else Text({}),
        session.epilogue, scenario.debrief.reflection, scenario.debrief.background,
        list(scenario.debrief.sources), background, note, analysis)
