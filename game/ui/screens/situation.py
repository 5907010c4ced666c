"""A situation: who speaks, the text, numbered choices; dossier, history, feedback and undo.

Keys (``SituationScreen.BINDINGS``): 1-9 choose (a document in the dossier), D dossier,
H history, Ctrl+Z undo (training mode), F5 reload the scenario from disk and replay the
choices, Esc back to the library (progress is saved).
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import partial
from typing import Any

import pygame

from game.engine.session import ChoiceOption, ChoiceRefused, Step
from game.render.conditions import refusal_text, unavailable_reason

from game.ui.records import problem_text
from game.ui.toolkit.bindings import RELOAD as RELOAD_KEY, Binding
from game.ui.toolkit.chrome import hint_bar, reading_column, top_bar
from game.ui.toolkit.fit import ChoiceButton, Fit, Fitted, lay_out, type_steps
from game.ui.toolkit.panels import make_panel
from game.ui.playthrough import Playthrough, ReloadResult
from game.ui.screens.base import Screen
from game.ui.screens.reload import reload_panel, reload_play
from game.ui.toolkit.widgets import Button, Column, Layer, Region, Rule, TextBlock, Ui

FEEDBACK, DOSSIER, HISTORY, RELOAD = "feedback", "dossier", "history", "reload"


class SituationScreen(Screen):
    """The heart of a playthrough."""

    name = "situation"
    BINDINGS = (Binding(("1-9",), "number", "keys.situation.choose", with_key=True),
                Binding(("d",), "dossier", "keys.situation.dossier"),
                Binding(("h",), "history", "keys.situation.history"),
                Binding(("ctrl+z",), "undo", "keys.situation.undo"),
                RELOAD_KEY,
                Binding(("escape",), "back", "keys.situation.stop"))

    def __init__(self, app, play: Playthrough, reload_result: ReloadResult | None = None,  # type: ignore[no-untyped-def]
                 first_choice: str | None = None) -> None:
        """``reload_result``: what a reload did, shown on entering; ``first_choice``: a choice to make at once."""
        super().__init__(app)
        self.play = play
        self.panel: str | None = None
        self.document: str | None = None
        self.feedback_step: Step | None = None
        self.reload_result: ReloadResult | None = None
        self._options: list[ChoiceOption] = []
        self.fitted: Fitted | None = None
        self._fit: tuple[Hashable, Fit] | None = None
        self._entering = (reload_result, first_choice)

    @property
    def session(self) -> Any:
        return self.play.session

    def on_enter(self) -> None:
        pygame.key.stop_text_input()
        reload_result, first_choice = self._entering
        self._entering = (None, None)
        if reload_result is not None:
            self.show_reload(reload_result)
        if first_choice is not None:
            option = next((o for o in self.session.choices if o.id == first_choice), None)
            if option is not None:
                self.choose(option)

    # -- choosing ------------------------------------------------------------------------------
    def choose(self, option: ChoiceOption) -> None:
        """Make a choice; in training mode show its feedback; at an ending go on to it."""
        ui = self.app.ui
        if not option.available:
            why = unavailable_reason(option, self.session.scenario).get(ui.lang)
            self.app.toast(ui.t("ui.situation.unavailable", reason=why), 5)
            return
        try:
            step = self.play.choose(option.id)
        except ChoiceRefused as exc:
            self.app.toast(refusal_text(exc, self.session.scenario, ui.lang), 5)
            return
        except Exception as exc:  # the store failed: tell, keep playing
            self.app.toast(ui.t("ui.store_problem", problem=problem_text(exc, self.app.ui.lang)), 8)
            return
        self.focus_key = None
        self.forget_scroll("main")
        has_feedback = bool(step.feedback.get(ui.lang).strip()) or bool(step.unlocked)
        if self.play.training and has_feedback:
            self.feedback_step = step
            self.panel = FEEDBACK
        elif self.session.finished:
            self.go_to_ending()
            return
        elif step.unlocked:
            self.app.toast(ui.t("ui.situation.new_documents", titles=self._titles(step.unlocked)), 5)
        self.app.rebuild()

    def go_on(self) -> None:
        """Close the feedback; on to the ending when the playthrough is over."""
        self.panel = None
        self.feedback_step = None
        if self.session.finished:
            self.go_to_ending()
            return
        self.focus_key = None
        self.app.rebuild()

    def go_to_ending(self) -> None:
        self.go("ending", play=self.play)

    def action_undo(self) -> None:
        """Ctrl+Z: take back the last choice (training mode only)."""
        ui = self.app.ui
        if not self.play.training:
            self.app.toast(ui.t("ui.situation.no_undo_assessment"))
            return
        if not self.play.undo():
            self.app.toast(ui.t("no_undo"))
            return
        self.panel = None
        self.feedback_step = None
        self.forget_scroll("main")
        self.focus_key = None
        self.app.toast(ui.t("undone"), 3)
        self.app.rebuild()

    # -- panels --------------------------------------------------------------------------------
    def toggle(self, panel: str) -> None:
        if self.panel == FEEDBACK:
            return
        self.panel = None if self.panel == panel else panel
        self.focus_key = None
        if self.panel == DOSSIER:
            self.forget_scroll("dossier-text")
            documents = self.session.documents
            if documents and self.document not in {d.id for d in documents}:
                fresh = [d for d in documents if d.id not in self.play.seen_docs]
                self.read((fresh or documents)[0].id)
        self.forget_scroll("history" if panel == HISTORY else "")
        self.app.rebuild()

    def close_panel(self) -> None:
        if self.panel == FEEDBACK:
            self.go_on()
            return
        self.panel = None
        self.focus_key = None
        self.app.rebuild()

    def read(self, doc_id: str) -> None:
        self.document = doc_id
        self.play.seen_docs.add(doc_id)
        self.forget_scroll("dossier-text")
        self.app.rebuild()

    def on_reload(self) -> None:
        """F5: read the scenario file again and replay the choices on it; show the findings."""
        result = reload_play(self.app, self.play)
        if result is None:
            return
        self.feedback_step = None
        self.focus_key = None
        if not self.session.finished:
            self.show_reload(result)
            return
        self.go("ending", play=self.play, reload_result=None if result.clean else result)

    def show_reload(self, result: ReloadResult) -> None:
        """Show what a reload did: a short message, or the panel with findings (path:line)."""
        self.reload_result = result
        if result.clean:
            self.panel = None
            self.app.toast(self.app.ui.tn("ui.reload.ok", result.replayed), 4)
        else:
            self.panel = RELOAD
        self.app.rebuild()

    # -- keys ----------------------------------------------------------------------------------
    def shows(self, binding: Binding) -> bool:
        """Ctrl+Z is in the hint bar in training mode only (in assessment it just says why not)."""
        return binding.show and (binding.action != "undo" or self.play.training)

    def action_number(self, pressed: str) -> None:
        """1-9: a document in the open dossier, else (no panel open) a choice."""
        number = int(pressed)
        if self.panel == DOSSIER:
            documents = self.session.documents
            if number <= len(documents):
                self.read(documents[number - 1].id)
        elif self.panel is None and number <= len(self._options):
            self.choose(self._options[number - 1])

    def action_dossier(self) -> None:
        """D: open or close the dossier (not while the feedback is shown)."""
        if self.panel != FEEDBACK:
            self.toggle(DOSSIER)

    def action_history(self) -> None:
        """H: open or close the history (not while the feedback is shown)."""
        if self.panel != FEEDBACK:
            self.toggle(HISTORY)

    def default_action(self) -> None:
        if self.panel == FEEDBACK:
            self.go_on()
        elif self.panel is not None:
            self.close_panel()

    def on_back(self) -> None:
        self.app.toast(self.app.ui.t("ui.situation.saved"), 4)
        self.go("library")

    def action_back(self) -> None:
        """Esc: the feedback goes on (its panel takes no stray clicks); otherwise close a panel, or stop."""
        if self.panel == FEEDBACK:
            self.go_on()
        else:
            super().action_back()

    def scroll_region(self) -> Region | None:
        """The dossier's text; with the choices pinned under a story that fits, the choices (arrows move in them)."""
        if self.panel == DOSSIER:
            return self.region("dossier-text")
        fitted = self.fitted
        if self.panel is None and fitted is not None and fitted.choices is not fitted.story and fitted.fit.fits:
            return fitted.choices
        return super().scroll_region()

    # -- building ------------------------------------------------------------------------------
    def build(self, ui: Ui, width: int, height: int) -> None:
        layer = Layer()
        self.layers = [layer]
        play, lang = self.play, ui.lang
        fresh = [d for d in self.session.documents if d.id not in play.seen_docs]
        projector = ui.theme.projector
        buttons = [Button(ui.t("dossier"), lambda: self.toggle(DOSSIER), "quiet", key="open:dossier",
                          hint="" if projector else self.key_hint("dossier"),
                          badge=ui.t("ui.new_count", count=len(fresh)) if fresh else ""),
                   Button(ui.t("history"), lambda: self.toggle(HISTORY), "quiet", key="open:history",
                          hint="" if projector else self.key_hint("history"))]
        if play.training and self.session.history and not projector:
            buttons.append(Button(ui.t("ui.undo"), self.action_undo, "quiet", key="undo", hint=self.key_hint("undo")))
        buttons.append(Button(ui.t("ui.stop"), self.on_back, "quiet", key="stop",
                              hint="" if projector else self.key_hint("back")))
        subtitle = "" if projector else ui.t(f"ui.mode.{play.mode}")
        steps = type_steps(ui, self.app.settings, width, height)
        bar_ui = steps[-1]  # on a projector the bar takes the smallest type: the room is for the situation
        bar = top_bar(bar_ui, layer, width, play.scenario.title.get(lang) or play.scenario.id, subtitle, buttons)
        for region in layer.regions:
            region.ui = bar_ui
        hints = hint_bar(ui, layer, width, height, self.hints())
        self._lay_out_body(ui, steps, layer, pygame.Rect(0, bar, width, height - hints - bar))
        if self.panel == FEEDBACK and self.feedback_step is not None:
            self.layers.append(self._feedback_panel(ui, width, height, self.feedback_step))
        elif self.panel == DOSSIER:
            self.layers.append(self._dossier_panel(ui, width, height))
        elif self.panel == HISTORY:
            self.layers.append(self._history_panel(ui, width, height))
        elif self.panel == RELOAD and self.reload_result is not None:
            self.layers.append(self._reload_panel(ui, width, height, self.reload_result))

    def _lay_out_body(self, ui: Ui, steps: list[Ui], layer: Layer, viewport: pygame.Rect) -> None:
        """The story and the choices; in projector mode sized so every choice is on screen (``toolkit.fit``)."""
        self._options = list(self.session.choices) if self.session.situation is not None else []
        key = (self.session.scenario.content_hash, tuple(self.session.choice_ids), ui.lang, ui.theme, viewport.size)
        known = self._fit[1] if self._fit is not None and self._fit[0] == key else None
        self.fitted = lay_out(layer, steps, viewport, reading_column(ui, viewport.width), self._story, self._choices,
                              pin=ui.theme.projector, more_choices=lambda n: ui.tn("fit.more_choices", n),
                              more_text=lambda n: ui.t("fit.more_text"), fit=known)
        self._fit = (key, self.fitted.fit)  # a rebuild of the same situation (a panel opens) keeps the sizes

    def _story(self, column: Column) -> None:
        """What happened on the way here (situations passed without a choice), who speaks, the text."""
        ui = column.ui
        unit, lang = ui.theme.unit, ui.lang
        situation = self.session.situation
        last = self.play.last_step
        if last is not None and situation is not None:
            for passed_id in last.passed:
                passed = self.session.scenario.situations.get(passed_id)
                if passed is None or passed_id == situation.id or not passed.text:
                    continue
                self._speaker(ui, column, passed)
                column.add(TextBlock(passed.text.get(lang)), gap=unit * 2)
                column.add(Rule(), gap=unit * 2)
        if situation is None:
            return
        self._speaker(ui, column, situation)
        column.add(TextBlock(situation.text.get(lang)), gap=unit * 3)

    def _choices(self, column: Column) -> None:
        """"What do you do?" and the numbered choices; an unavailable one greyed with its reason."""
        ui = column.ui
        if self.session.situation is None:
            return
        lang = ui.lang
        if not ui.theme.projector:  # on a projector the numbered choices speak for themselves
            column.add(TextBlock(ui.t("ui.situation.what_now"), "small", "bold", role="muted"), gap=ui.theme.unit)
        for number, option in enumerate(self._options, start=1):
            why = unavailable_reason(option, self.session.scenario).get(lang)
            reason = "" if option.available else ui.t("ui.situation.why_not", reason=why)
            column.add(ChoiceButton(option.choice.text.get(lang), partial(self.choose, option), "choice",
                                    key=f"choice:{option.id}", number=number if number <= 9 else None,
                                    enabled=option.available, note=reason))

    def _speaker(self, ui: Ui, column: Column, situation: Any) -> None:
        role = ui.t(f"speaker.{situation.speaker}")
        name = situation.speaker_label(ui.lang)
        label = " · ".join(part for part in (name, role if role and role not in name else "") if part)
        if situation.speaker == "resident" and not name:
            label = self.session.scenario.resident.name or role
        if label:
            column.add(TextBlock(label, "small", "bold", role="accent", rich=False), gap=ui.theme.unit // 2)

    def _titles(self, doc_ids: tuple[str, ...] | list[str]) -> str:
        lang = self.app.ui.lang
        scenario = self.session.scenario
        return ", ".join(scenario.document(d).title.get(lang) for d in doc_ids if scenario.document(d))

    # -- panels ----------------------------------------------------------------------------------
    def _feedback_panel(self, ui: Ui, width: int, height: int, step: Step) -> Layer:
        lang, unit = ui.lang, ui.theme.unit
        situation = self.session.scenario.situations.get(step.situation)
        choice = situation.choice(step.choice) if situation else None

        def body(column: Column) -> None:
            if choice is not None:
                column.add(TextBlock(ui.t("ui.feedback.you_chose", choice=choice.text.get(lang)), "small",
                                     "italic", role="muted"), gap=unit * 2)
            if step.feedback.get(lang).strip():
                column.add(TextBlock(step.feedback.get(lang)), gap=unit * 2)
            if step.unlocked:
                column.add(TextBlock(ui.t("ui.situation.new_documents", titles=self._titles(step.unlocked)),
                                     "small", "bold", role="new_text", box="new_bg"))

        buttons = [Button(ui.t("ui.undo"), self.action_undo, "secondary", key="feedback:undo",
                          hint=self.key_hint("undo")),
                   Button(ui.t("ui.feedback.continue") if not self.session.finished else ui.t("ui.feedback.to_ending"),
                          self.go_on, "primary", key="feedback:continue", hint=self.key_hint("activate"))]
        layer = make_panel(ui, width, height, ui.t("feedback"), body, buttons, self.go_on, share=0.5,
                           centre=True, closable=False, name="feedback")
        layer.on_close = None  # a stray click beside the panel does not skip the feedback (Esc and Enter go on)
        return layer

    def _dossier_panel(self, ui: Ui, width: int, height: int) -> Layer:
        lang, unit = ui.lang, ui.theme.unit
        documents = self.session.documents
        rect_share = 0.78 if not ui.theme.projector else 0.92
        layer = make_panel(ui, width, height, ui.t("dossier"), lambda column: None, [], self.close_panel,
                           share=rect_share, name="dossier")
        panel = layer.panel
        assert panel is not None
        pad = unit * 3
        header = layer.regions[0]
        top = header.viewport.bottom
        panel.height = height - 4 * unit
        layer.regions = [header]
        bottom = panel.bottom - unit * 2
        list_width = max(unit * 24, int((panel.width - 2 * pad) * 0.4))
        listing = Region("dossier-list", pygame.Rect(panel.x + pad, top, list_width, bottom - top), scroll=True)
        column = Column(ui, listing, 0, 0, list_width - unit * 2, gap=unit // 2)
        if not documents:
            column.add(TextBlock(ui.t("dossier_empty"), "small", role="muted"))
        for number, document in enumerate(documents, start=1):
            fresh = document.id not in self.play.seen_docs
            column.add(Button(document.title.get(lang), partial(self.read, document.id), "secondary",
                              key=f"doc:{document.id}", number=number if number <= 9 else None, fill=True,
                              note=ui.t(f"kind.{document.kind}"), selected=document.id == self.document,
                              badge=ui.t("new") if fresh else ""))
        listing.content_height = column.y
        text_x = listing.viewport.right + unit * 2
        reading = Region("dossier-text", pygame.Rect(text_x, top, panel.right - pad + unit - text_x, bottom - top),
                         scroll=True, background="surface_alt")
        inner = reading.viewport.width - unit * 5
        read_column = Column(ui, reading, unit * 2, unit * 2, inner)
        chosen = next((d for d in documents if d.id == self.document), None)
        if chosen is not None:
            read_column.add(TextBlock(ui.t(f"kind.{chosen.kind}"), "small", "bold", role="muted"), gap=unit // 2)
            read_column.add(TextBlock(chosen.title.get(lang), "heading", "bold"), gap=unit * 2)
            read_column.add(TextBlock(chosen.text.get(lang)))
        elif documents:
            read_column.add(TextBlock(ui.t("ui.dossier.pick"), "small", role="muted"))
        reading.content_height = read_column.y + unit * 2
        layer.regions += [listing, reading]
        return layer

    def _history_panel(self, ui: Ui, width: int, height: int) -> Layer:
        lang, unit = ui.lang, ui.theme.unit
        scenario = self.session.scenario
        steps = self.session.history

        def body(column: Column) -> None:
            if not steps:
                column.add(TextBlock(ui.t("history_empty"), "text", role="muted"))
            previous: Step | None = None
            for number, step in enumerate(steps, start=1):
                passed = list(previous.passed) if previous else []
                texts = [scenario.situations[s] for s in passed if s in scenario.situations and s != step.situation]
                texts.append(scenario.situations[step.situation])
                column.add(TextBlock(ui.t("ui.history.step", number=number), "small", "bold", role="muted"),
                           gap=unit // 2)
                for situation in texts:
                    if situation.text:
                        column.add(TextBlock(situation.text.get(lang), "small"), gap=unit)
                choice = scenario.situations[step.situation].choice(step.choice)
                if choice is not None:
                    column.add(TextBlock(ui.t("ui.history.chose", choice=choice.text.get(lang)), "small", "bold",
                                         role="accent"), gap=unit)
                if self.play.training and step.feedback.get(lang).strip():
                    column.add(TextBlock(step.feedback.get(lang), "small", "italic", box="surface_alt"), gap=unit)
                column.add(Rule(), gap=unit * 2)
                previous = step

        return make_panel(ui, width, height, ui.t("history"), body, [], self.close_panel, share=0.62,
                          name="history")

    def _reload_panel(self, ui: Ui, width: int, height: int, result: ReloadResult) -> Layer:
        return reload_panel(ui, width, height, result, self.on_reload, self.close_panel)
