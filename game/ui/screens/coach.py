"""The coach view of one playthrough: every step with all its choices, where each would have led, and the coach's notes.

It renders ``scoring.coach.CoachView`` (made by ``game.play.coaching``). The coach types a
note per step and one for the whole playthrough; each is saved in the store as it is typed
(``game.store.notes``), so nothing typed is lost when the window closes.
"""

from __future__ import annotations

import datetime as _dt
from functools import partial
from typing import Any

import pygame

from game.engine.model import Text
from game.play import coaching
from game.store.database import Store
from game.store.notes import OVERALL, CoachNotes, notes_of, set_note
from scoring.coach import CoachOption, CoachStep, CoachView, EndPoint

from game.ui.records import problem_text
from game.ui.screens.base import Screen
from game.ui.toolkit.bindings import NEXT, SCROLL, Binding
from game.ui.toolkit.chrome import hint_bar, main_region, reading_column, top_bar
from game.ui.toolkit.widgets import Button, Column, Layer, Rule, TextBlock, TextInput, Ui
from game.ui.words import verdict_name

MAX_NOTE_INPUT = 600  # characters in one note field (the store keeps up to 4000)


def signed(value: float) -> str:
    """``+2``, ``−1,5`` style: the sign always shown, a whole number without decimals."""
    number = f"{abs(value):.0f}" if float(value).is_integer() else f"{abs(value):.1f}"
    return ("+" if value > 0 else "−" if value < 0 else "±") + number


def emphasised(text: str) -> str:
    """Text in italics line by line (an emphasis marker does not reach across a line break)."""
    return "\n".join(f"*{line.strip()}*" if line.strip() else "" for line in text.strip().splitlines())


def first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0]


class CoachScreen(Screen):
    """One finished (or unfinished) playthrough, step by step, for a coach and the professional together."""

    name = "coach"
    BINDINGS = (NEXT, SCROLL, Binding(("ctrl+s",), "report", "coach_ui.keys.report"),
                Binding(("escape",), "back", "coach_ui.keys.back"))

    def __init__(self, app, session_id: int, back: str = "playthroughs",  # type: ignore[no-untyped-def]
                 play: Any = None) -> None:
        """``back``: the screen Esc returns to (``debrief`` needs ``play``, the playthrough it shows)."""
        super().__init__(app)
        self.session_id, self.back, self.play = session_id, back, play
        self.view: CoachView | None = None
        self.saved: Any = None
        self.scenario: Any = None
        self.problem: str | None = None
        self.notes: dict[int, str] = {}
        self._load()

    # -- data --------------------------------------------------------------------------------------
    def _load(self) -> None:
        ui_lang = self.app.settings.lang
        records = self.app.records
        try:
            self.saved = records.get(self.session_id) if records is not None else None
            if self.saved is None:
                self.problem = str(self.session_id)
                return
            cases = coaching.Cases(self.app.library)
            self.scenario = cases.scenario(self.saved)
            self.view = coaching.coach_view_of(self.saved, cases)
        except Exception as exc:  # a store or replay problem is told, never a crash
            self.problem = problem_text(exc, ui_lang)
            return
        if self.view is None:
            self.problem = self.saved.scenario_id
            return
        found = self._stored_notes()
        self.notes = dict(found.steps)
        if found.overall:
            self.notes[OVERALL] = found.overall

    @property
    def store(self) -> Store | None:
        """The session store when progress is kept on disk (None: memory only, notes are not kept)."""
        records = self.app.records
        return records.store if records is not None and isinstance(records.store, Store) else None

    def _stored_notes(self) -> CoachNotes:
        store = self.store
        try:
            return notes_of(store, self.session_id) if store is not None else CoachNotes()
        except Exception:  # unreadable notes: the playthrough is still shown, without them
            return CoachNotes()

    def set_note(self, step: int, text: str) -> None:
        """Keep and save a note as it is typed (in memory only when the store could not be opened)."""
        self.notes[step] = text
        store = self.store
        if store is None:
            return
        try:
            set_note(store, self.session_id, step, text)
        except Exception as exc:  # the note stays on screen and the coach is told
            self.app.toast(self.app.ui.t("coach_ui.coach.note_failed", problem=problem_text(exc, self.app.ui.lang)), 6)

    def note_done(self) -> None:
        """Enter in a note: it is saved already; say so and let go of the field."""
        self.app.toast(self.app.ui.t("coach_ui.coach.note_saved"), 2)
        self.focus_key = None
        self.app.invalidate()

    def action_report(self) -> None:
        if self.view is not None and self.view.finished:
            self.write_report()

    def write_report(self) -> None:
        """The HTML report of this playthrough with the coach view and the notes, in the data folder's reports/."""
        from game.play.report import write_saved_report

        ui = self.app.ui
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.app.folder / "reports" / f"{self.saved.scenario_id}-coach-{stamp}.html"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            problem = write_saved_report(self.saved, path, ui.lang, self.app.library, self._stored_notes())
        except Exception as exc:  # a store or replay problem is told, never a crash
            problem = problem_text(exc, ui.lang)
        if problem:
            self.app.toast(ui.t("ui.debrief.report_failed", problem=problem), 8)
        else:
            self.app.toast(ui.t("ui.debrief.report_written", path=str(path)), 10)

    # -- navigation ------------------------------------------------------------------------------
    def on_enter(self) -> None:
        pygame.key.start_text_input()

    def on_back(self) -> None:
        if self.back == "debrief" and self.play is not None:
            self.go("debrief", play=self.play)
        else:
            self.go(self.back if self.back in ("playthroughs", "library", "progress") else "playthroughs")

    # -- building ----------------------------------------------------------------------------------
    def build(self, ui: Ui, width: int, height: int) -> None:
        unit = ui.theme.unit
        layer = Layer()
        self.layers = [layer]
        title = self.view.title.get(ui.lang) if self.view is not None else ""
        player = self.saved.player if self.saved is not None else ""
        buttons = [Button(ui.t("ui.back"), self.on_back, "secondary", key="back", hint=self.key_hint("back"))]
        if self.view is not None and self.view.finished:
            buttons.insert(0, Button(ui.t("ui.debrief.report"), self.write_report, "quiet", key="report",
                                     hint=self.key_hint("report")))
        bar = top_bar(ui, layer, width, ui.t("coach_ui.coach.title"), " · ".join(p for p in (title, player) if p),
                      buttons)
        hints = hint_bar(ui, layer, width, height, self.hints())
        region = main_region(layer, width, bar, height - hints)
        x, column_width = reading_column(ui, width, wide=True)
        column = Column(ui, region, x, unit * 3, column_width)
        view = self.view
        if view is None:
            column.add(TextBlock(ui.t("coach_ui.coach.cannot_open", problem=self.problem or ""), "text",
                                 role="warning_text", box="warning_bg", rich=False))
        else:
            if self.store is None:
                problem = self.app.records.problem_in(ui.lang) if self.app.records is not None else None
                column.add(TextBlock(ui.t("coach_ui.coach.notes_memory", problem=problem or ""), "small",
                                     role="warning_text", box="warning_bg", rich=False))
            self._summary(ui, column, view)
            for step in view.steps:
                self._step(ui, column, view, step)
            if not view.steps:
                column.add(TextBlock(ui.t("coach_ui.coach.no_steps"), "text", role="muted"))
            self._reflection(ui, column)
            self._note(ui, column, OVERALL, ui.t("coach_ui.coach.note_overall"))
        region.content_height = column.y + unit * 2

    def _end(self, ui: Ui, key: str, point: EndPoint, **extra: object) -> str:
        return ui.t(key, ending=point.title.get(ui.lang) or point.ending, resident=point.scores.resident,
                    rules=point.scores.rules, **extra)

    def _summary(self, ui: Ui, column: Column, view: CoachView) -> None:
        unit = ui.theme.unit
        lines = []
        if view.ending is not None:
            verdict = verdict_name(view.verdict, ui.lang)
            lines.append(self._end(ui, "coach_ui.coach.ending", view.ending, verdict=verdict))
        else:
            lines.append(ui.t("coach_ui.coach.unfinished"))
        if view.expert_ending is not None:
            lines.append(self._end(ui, "coach_ui.coach.expert_ending", view.expert_ending))
        if view.first_departure is None:
            lines.append(ui.t("coach_ui.coach.never_left"))
        else:
            lines.append(ui.t("coach_ui.coach.left_at", number=view.first_departure))
        column.add(TextBlock("\n".join(lines), "text", box="surface_alt", rich=False), gap=unit * 2)

    def _step(self, ui: Ui, column: Column, view: CoachView, step: CoachStep) -> None:
        unit, lang = ui.theme.unit, ui.lang
        heading = ui.t("coach_ui.coach.step", number=step.number)
        if step.left_expert_route:
            column.add(TextBlock(f"**{heading} · {ui.t('coach_ui.coach.departure')}**", "heading",
                                 role="warning_text", box="warning_bg", key=f"departure:{step.number}"), gap=unit)
        else:
            column.add(TextBlock(heading, "heading", "bold"), gap=unit // 2)
        column.add(TextBlock(first_paragraph(step.situation_text.get(lang)), "small", role="muted"), gap=unit)
        for option in step.options:
            self._option(ui, column, view, option)
        self._note(ui, column, step.number, ui.t("coach_ui.coach.note_step", number=step.number))
        column.add(Rule(), gap=unit * 2)

    def _option(self, ui: Ui, column: Column, view: CoachView, option: CoachOption) -> None:
        unit, lang = ui.theme.unit, ui.lang
        marks = []
        if option.chosen:
            marks.append(ui.t("coach_ui.coach.chosen"))
        if option.expert:
            marks.append("★ " + ui.t("coach_ui.coach.expert"))
        if not option.available:
            marks.append(ui.t("coach_ui.coach.unavailable"))
        lines = [(f"**{' · '.join(marks)}**\n" if marks else "") + f"**{option.text.get(lang)}**"]
        if option.feedback and option.feedback.get(lang):
            lines.append(emphasised(option.feedback.get(lang)))
        lines.append(ui.t("coach_ui.coach.effect", resident=signed(option.effect[0]), rules=signed(option.effect[1])))
        if option.reach is not None:
            best, worst = option.reach.best, option.reach.worst
            if best == worst:
                lines.append(self._end(ui, "coach_ui.coach.leads_to", best))
            else:
                lines.append(self._end(ui, "coach_ui.coach.best", best))
                lines.append(self._end(ui, "coach_ui.coach.worst", worst))
        if option.thinking:
            names = ", ".join(ui.t(f"thinking.{error}.name") for error in option.thinking)
            lines.append(ui.t("coach_ui.coach.thinking", names=names))
        if option.levers:
            lines.append(ui.t("coach_ui.coach.levers", names=self._levers(view, option.levers, lang)))
        if option.missed_levers:
            lines.append(ui.t("coach_ui.coach.missed", names=self._levers(view, option.missed_levers, lang)))
        box = "surface_alt" if option.chosen else "surface"
        border = "accent" if option.chosen else ("good" if option.expert else None)
        column.add(TextBlock("\n".join(lines), "small", box=box, border=border,
                             role="text" if option.available else "muted"),
                   gap=unit // 2, indent=unit * 2)

    @staticmethod
    def _levers(view: CoachView, ids: tuple[str, ...], lang: str) -> str:
        return ", ".join(view.levers.get(lever, Text({})).get(lang) or lever for lever in ids)

    def _reflection(self, ui: Ui, column: Column) -> None:
        questions = self.scenario.debrief.reflection.lines(ui.lang) if self.scenario is not None else []
        if questions:
            column.add(TextBlock(ui.t("coach_ui.coach.reflection"), "heading", "bold"), gap=ui.theme.unit // 2)
            column.add(TextBlock("\n".join(f"- {q}" for q in questions)), gap=ui.theme.unit * 2)

    def _note(self, ui: Ui, column: Column, step: int, label: str) -> None:
        unit = ui.theme.unit
        column.space(unit // 2)
        column.add(TextBlock(label, "small", "bold", role="muted"), gap=unit // 4, indent=unit * 2)
        column.add(TextInput(self.notes.get(step, ""), partial(self.set_note, step), self.note_done,
                             placeholder=ui.t("coach_ui.coach.note_placeholder"), key=f"note:{step}",
                             max_length=MAX_NOTE_INPUT), gap=unit, indent=unit * 2)
