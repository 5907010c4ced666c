"""My playthroughs: every session of the player, to open its debrief or coach view, continue, set aside or delete."""

from __future__ import annotations

from functools import partial
from typing import Any

from game.play import coaching
from game.play.coaching import SessionRow

from game.ui.records import problem_text
from game.ui.screens.base import Screen
from game.ui.toolkit.bindings import NEXT, SCROLL, Binding
from game.ui.toolkit.chrome import hint_bar, main_region, margin, top_bar
from game.ui.toolkit.panels import make_panel
from game.ui.toolkit.widgets import Button, Column, Layer, Rule, TextBlock, Ui
from game.ui.words import moment, verdict_name


class PlaythroughsScreen(Screen):
    """The player's playthroughs, the one played last first, each with what can be done with it."""

    name = "playthroughs"
    BINDINGS = (NEXT, SCROLL, Binding(("g",), "progress", "coach_ui.keys.progress"),
                Binding(("escape",), "back", "coach_ui.keys.back"))

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.confirm: SessionRow | None = None  # the row whose deletion is being confirmed
        self._cases = coaching.Cases(app.library)
        self._rows: list[SessionRow] | None = None

    # -- data --------------------------------------------------------------------------------------
    @property
    def rows(self) -> list[SessionRow]:
        """The player's playthroughs (read once per change)."""
        if self._rows is None:
            self._rows = self._read()
        return self._rows

    def _read(self) -> list[SessionRow]:
        records, player = self.app.records, self.app.player
        if records is None or player is None:
            return []
        try:
            return coaching.list_sessions(records.store, player.name, self._cases)
        except Exception as exc:  # a store or replay problem is told, never a crash
            self.app.toast(self.app.ui.t("ui.store_problem", problem=problem_text(exc, self.app.ui.lang)), 8)
            return []

    def _changed(self) -> None:
        self._rows = None
        self.focus_key = None
        self.app.rebuild()

    def _saved(self, row: SessionRow) -> Any:
        records = self.app.records
        return records.get(row.id) if records is not None else None

    # -- actions -----------------------------------------------------------------------------------
    def open_debrief(self, row: SessionRow) -> None:
        """The debrief of a finished playthrough, as it was played."""
        play = self._finished_play(row)
        if play is not None:
            self.go("debrief", play=play)

    def open_coach(self, row: SessionRow) -> None:
        self.go("coach", session_id=row.id, back="playthroughs")

    def _finished_play(self, row: SessionRow) -> Any:
        """A finished playthrough replayed on the exact text it was played on (its ending is not saved again)."""
        from game.engine.session import Session
        from game.ui.playthrough import Playthrough

        ui, records = self.app.ui, self.app.records
        try:
            saved = self._saved(row)
            scenario = self._cases.scenario(saved) if saved is not None else None
            if records is None or saved is None or scenario is None:
                self.app.toast(ui.t("coach_ui.case_gone", problem=row.case), 8)
                return None
            session = Session.replay(scenario, saved.choices)
        except Exception as exc:  # a store or replay problem is told, never a crash
            self.app.toast(ui.t("ui.store_problem", problem=problem_text(exc, ui.lang)), 8)
            return None
        play = Playthrough(records.store, session, saved.id, player=saved.player,
                           background=saved.background or (self.app.player.background if self.app.player else None),
                           mode=saved.mode, lang=ui.lang, source=saved.source)
        play.finish_saved = saved.id
        return play

    def continue_play(self, row: SessionRow) -> None:
        """Play on with this unfinished playthrough (its choices replayed on the case as it is now)."""
        ui, records = self.app.ui, self.app.records
        from game.ui.playthrough import Playthrough

        try:
            saved = self._saved(row)
            if saved is None:
                self._changed()
                return
            resumed = Playthrough.resume(records.store, saved, self.app.library, lang=ui.lang,
                                         background=self.app.player.background if self.app.player else None)
        except Exception as exc:  # a store or replay problem is told, never a crash
            self.app.toast(ui.t("ui.store_problem", problem=problem_text(exc, ui.lang)), 8)
            return
        if resumed.playthrough is None:
            self.app.toast(ui.t("coach_ui.case_gone", problem=resumed.problem or row.case), 8)
            return
        if resumed.restored.changed:
            self.app.toast(ui.t("ui.resume.changed"), 8)
        play = resumed.playthrough
        self.go("ending" if play.finished else "situation", play=play)

    def set_aside(self, row: SessionRow) -> None:
        records = self.app.records
        try:
            if records is not None:
                coaching.set_aside_session(records.store, row.id)
        except Exception as exc:  # a store or replay problem is told, never a crash
            self.app.toast(problem_text(exc, self.app.ui.lang), 8)
            return
        self.app.toast(self.app.ui.t("coach_ui.set_aside_done"), 4)
        self._changed()

    def ask_delete(self, row: SessionRow) -> None:
        self.confirm = row
        self.focus_key = "delete:cancel"
        self.app.rebuild()

    def cancel_delete(self) -> None:
        key = f"delete:{self.confirm.id}" if self.confirm is not None else None
        self.confirm = None
        self.focus_key = key
        self.app.rebuild()

    def delete(self) -> None:
        row, self.confirm = self.confirm, None
        records = self.app.records
        if row is None or records is None:
            return
        try:
            coaching.delete_session(records.store, row.id)
        except Exception as exc:  # a store or replay problem is told, never a crash
            self.app.toast(problem_text(exc, self.app.ui.lang), 8)
            return
        self.app.toast(self.app.ui.t("coach_ui.deleted"), 4)
        self._changed()

    def action_progress(self) -> None:
        if self.confirm is None:
            self.go("progress", back="playthroughs")

    def on_back(self) -> None:
        self.go("library")

    # -- building ----------------------------------------------------------------------------------
    def build(self, ui: Ui, width: int, height: int) -> None:
        layer = Layer()
        self.layers = [layer]
        player = self.app.player
        rows = self.rows
        subtitle = ui.tn("coach_ui.playthroughs.count", len(rows), player=player.name) if player else ""
        bar = top_bar(ui, layer, width, ui.t("coach_ui.playthroughs.title"), subtitle, [
            Button(ui.t("coach_ui.progress.open"), self.action_progress, "quiet", key="progress",
                   hint=self.key_hint("progress")),
            Button(ui.t("ui.library.back"), self.on_back, "secondary", key="back", hint=self.key_hint("back")),
        ])
        hints = hint_bar(ui, layer, width, height, self.hints())
        region = main_region(layer, width, bar, height - hints)
        side = margin(ui)
        inner = min(width - 2 * side, int(ui.theme.column * 1.4))
        column = Column(ui, region, (width - inner) // 2, ui.theme.unit * 2, inner)
        if not rows:
            column.add(TextBlock(ui.t("coach_ui.playthroughs.none"), "text", role="muted"))
        else:
            if not ui.theme.projector:
                column.add(TextBlock(ui.t("coach_ui.playthroughs.help"), "small", role="muted"))
            for row in rows:
                self._row(ui, column, row)
        region.content_height = column.y + ui.theme.unit * 2
        if self.confirm is not None:
            self.layers.append(self._confirm_panel(ui, width, height, self.confirm))

    def _row(self, ui: Ui, column: Column, row: SessionRow) -> None:
        unit = ui.theme.unit
        lang = ui.lang
        title = row.title.get(lang) or row.case
        facts = [moment(row.played, lang), ui.t(f"ui.mode.{row.mode}")]
        if row.finished:
            facts.append(ui.t("coach_ui.status.finished"))
        elif row.set_aside:
            facts.append(ui.tn("coach_ui.status.set_aside", row.steps))
        else:
            facts.append(ui.tn("coach_ui.status.unfinished", row.steps))
        if row.imported:
            facts.append(ui.t("coach_ui.imported"))
        lines = [f"**{title}**", " · ".join(facts)]
        if row.finished and row.resident is not None and row.rules is not None:
            verdict = verdict_name(row.verdict, lang)
            lines.append(ui.t("coach_ui.scores", resident=row.resident, rules=row.rules)
                         + (f" · **{verdict}**" if verdict else ""))
        column.add(TextBlock("\n".join(lines), "text", key=f"row:{row.id}"), gap=unit // 2)
        buttons: list[Button] = []
        if row.finished:
            buttons += [Button(ui.t("coach_ui.action.debrief"), partial(self.open_debrief, row), "primary",
                               key=f"debrief:{row.id}"),
                        Button(ui.t("coach_ui.action.coach"), partial(self.open_coach, row), "secondary",
                               key=f"coach:{row.id}")]
        elif row.can_continue:
            buttons += [Button(ui.t("coach_ui.action.continue"), partial(self.continue_play, row), "primary",
                               key=f"continue:{row.id}"),
                        Button(ui.t("coach_ui.action.set_aside"), partial(self.set_aside, row), "secondary",
                               key=f"aside:{row.id}")]
        buttons.append(Button(ui.t("coach_ui.action.delete"), partial(self.ask_delete, row), "quiet",
                              key=f"delete:{row.id}"))
        column.row(buttons, gap=unit)
        column.add(Rule(), gap=unit * 2)

    def _confirm_panel(self, ui: Ui, width: int, height: int, row: SessionRow) -> Layer:
        title = row.title.get(ui.lang) or row.case

        def body(column: Column) -> None:
            column.add(TextBlock(ui.t("coach_ui.delete.body", title=title, when=moment(row.played, ui.lang)), "text"))

        buttons = [Button(ui.t("coach_ui.delete.cancel"), self.cancel_delete, "secondary", key="delete:cancel"),
                   Button(ui.t("coach_ui.delete.confirm"), self.delete, "primary", key="delete:confirm")]
        return make_panel(ui, width, height, ui.t("coach_ui.delete.title"), body, buttons, self.cancel_delete,
                          share=0.5, centre=True, name="confirm")

    def default_action(self) -> None:
        if self.confirm is None and self.rows and not self.focus_key:
            self.move_focus(1)
