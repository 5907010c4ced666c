"""Text mode: play a scenario in the terminal, interactively or from a list of choice ids."""

from __future__ import annotations

import shutil
import textwrap
from typing import TextIO
from collections.abc import Callable, Iterable

from game.i18n import t
from game.engine.markup import plain
from game.engine.model import Scenario, Text
from game.engine.session import ENDED, ChoiceRefused, Session, Step
from game.render.conditions import unavailable_reason


class TextScreen:
    """Writes wrapped scenario text to a stream."""

    def __init__(self, out: TextIO, lang: str = "nl", width: int | None = None) -> None:
        self.out = out
        self.lang = lang
        self.width = width or max(40, min(100, shutil.get_terminal_size((88, 24)).columns - 2))

    def line(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def para(self, text: str | Text, indent: str = "", hanging: str | None = None) -> None:
        """Write wrapped text; ``hanging`` indents continuation lines (default: like the first)."""
        value = text.get(self.lang) if isinstance(text, Text) else text
        rest = " " * len(indent) if hanging is None and indent.strip() else (hanging or indent)
        for block in plain(value).strip().split("\n"):
            if not block.strip():
                self.line()
                continue
            self.line(textwrap.fill(block.strip(), self.width, initial_indent=indent, subsequent_indent=rest))

    def heading(self, text: str) -> None:
        self.line()
        self.line(text)
        self.line("─" * min(len(text), self.width))

    # -- parts of a playthrough ------------------------------------------------------------
    def introduction(self, scenario: Scenario, session: Session) -> None:
        lang = self.lang
        self.heading(scenario.title.get(lang) or scenario.id)
        if scenario.summary:
            self.para(scenario.summary)
        resident = scenario.resident
        if resident.name:
            age = f", {resident.age} {t('age', lang)}" if resident.age is not None else ""
            self.line()
            self.line(f"{t('resident', lang)}: {resident.name}{age}")
            if resident.household:
                self.para(resident.household, "  ")
        goals = scenario.learning_goals.lines(lang)
        if goals:
            self.line()
            self.line(t("learning_goals", lang) + ":")
            for goal in goals:
                self.para(goal, "  - ")
        if session.documents:
            self.line()
            self.line(f"{t('dossier', lang)}: " + ", ".join(d.title.get(lang) for d in session.documents))

    def situation(self, session: Session) -> None:
        situation = session.situation
        if situation is None:
            return
        speaker = situation.speaker_label(self.lang) or t(f"speaker.{situation.speaker}", self.lang)
        self.line()
        if speaker:
            self.line(f"[{speaker}]")
        self.para(situation.text)
        self.line()
        for number, option in enumerate(session.choices, start=1):
            text = plain(option.choice.text.get(self.lang))
            if option.available:
                self.para(f"{number}. {text}", "", hanging="   ")
            else:
                reason = plain(unavailable_reason(option, session.scenario).get(self.lang))
                self.para(f"{number}. ({t('unavailable', self.lang)}: {reason}) {text}", "", hanging="   ")

    def feedback(self, step: Step, scenario: Scenario, training: bool = True) -> None:
        """After a choice: its feedback (training mode), new documents, and text passed through."""
        if step.feedback and training:
            self.line()
            self.line(f"{t('feedback', self.lang)}:")
            self.para(step.feedback, "  ")
        for doc_id in step.unlocked:
            doc = scenario.document(doc_id)
            title = doc.title.get(self.lang) if doc else doc_id
            self.line(f"  + {t('dossier', self.lang)} ({t('new', self.lang)}): {title}")
        for situation_id in step.passed:
            situation = scenario.situations.get(situation_id)
            if situation and situation.next and situation.text:
                self.line()
                self.para(situation.text)

    def dossier(self, session: Session) -> None:
        self.heading(t("dossier", self.lang))
        if not session.documents:
            self.line(t("dossier_empty", self.lang))
        for doc in session.documents:
            self.line()
            self.line(f"{doc.title.get(self.lang)} ({t('kind.' + doc.kind, self.lang)})")
            self.para(doc.text, "  ")

    def history(self, session: Session) -> None:
        self.heading(t("history", self.lang))
        if not session.history:
            self.line(t("history_empty", self.lang))
        scenario = session.scenario
        for number, step in enumerate(session.history, start=1):
            choice = scenario.situations[step.situation].choice(step.choice)
            self.para(f"{number}. {plain(choice.text.get(self.lang)) if choice else step.choice}", "", hanging="   ")

    def ending(self, session: Session) -> None:
        ending = session.ending
        if ending is None:
            return
        self.heading(f"{t('ending', self.lang)}: {plain(ending.title.get(self.lang))}")
        self.para(ending.text)
        for paragraph in session.epilogue:
            self.line()
            self.para(paragraph)


def play_interactive(session: Session, read: Callable[[str], str], screen: TextScreen,
                     on_choice: Callable[[Session, Step], None] | None = None,
                     on_undo: Callable[[Session], None] | None = None,
                     training: bool = True, show_intro: bool = True,
                     choose: Callable[[str], Step] | None = None,
                     undo: Callable[[], object] | None = None) -> bool:
    """Play until an ending or until the player quits; returns whether the playthrough ended.

    ``choose`` and ``undo``, when given, make and take back a choice instead of the session's own
    methods (the recorded-play service passes its own, which save each step in the store).
    """
    lang = screen.lang
    if show_intro:
        screen.introduction(session.scenario, session)
    while not session.finished:
        screen.situation(session)
        options = session.choices
        prompt = f"\n{t('choose_prompt', lang)} (1-{len(options)}; {t('keys_help', lang)}): "
        answer = read(prompt).strip().lower()
        if answer in ("q", "quit", "stop"):
            return False
        if answer == "d":
            screen.dossier(session)
            continue
        if answer == "h":
            screen.history(session)
            continue
        if answer == "u":
            if training and session.history:
                if undo:
                    undo()
                else:
                    session.undo()
                if on_undo:
                    on_undo(session)
                screen.line(t("undone", lang))
            else:
                screen.line(t("no_undo", lang))
            continue
        if not answer.isdigit() or not 1 <= int(answer) <= len(options):
            screen.line(t("not_a_choice", lang))
            continue
        option = options[int(answer) - 1]
        if not option.available:
            screen.line(f"{t('unavailable', lang)}: {plain(unavailable_reason(option, session.scenario).get(lang))}")
            continue
        step = choose(option.id) if choose else session.choose(option.id)
        if on_choice:
            on_choice(session, step)
        screen.feedback(step, session.scenario, training)
    screen.ending(session)
    return True


def play_scripted(session: Session, choice_ids: Iterable[str], screen: TextScreen | None,
                  on_choice: Callable[[Session, Step], None] | None = None,
                  choose: Callable[[str], Step] | None = None) -> None:
    """Make the given choices in order (through ``choose`` when given), printing them when a screen is given.

    Raises ChoiceRefused for an unknown or unavailable choice.
    """
    if screen:
        screen.introduction(session.scenario, session)
    for choice_id in choice_ids:
        if screen:
            screen.situation(session)
        if session.finished:
            raise ChoiceRefused(choice_id, ENDED)
        step = choose(choice_id) if choose else session.choose(choice_id)
        if on_choice:
            on_choice(session, step)
        if screen:
            screen.line(f"> {choice_id}")
            screen.feedback(step, session.scenario)
    if screen:
        if session.finished:
            screen.ending(session)
        else:
            screen.situation(session)
