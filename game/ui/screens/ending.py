"""The ending: a time skip, the outcome for the resident and the epilogue; then the debrief."""

from __future__ import annotations


from game.ui.records import problem_text
from game.ui.toolkit.bindings import Binding
from game.ui.toolkit.chrome import button_bar, hint_bar, main_region, reading_column, top_bar
from game.ui.playthrough import Playthrough, ReloadResult
from game.ui.screens.base import Screen
from game.ui.screens.reload import reload_panel, reload_play
from game.ui.toolkit.widgets import Button, Column, Layer, TextBlock, Ui


class EndingScreen(Screen):
    """How it ended for the resident. Entering it saves the ending and the scores."""

    name = "ending"
    BINDINGS = (Binding(("enter",), "activate", "keys.ending.debrief"),
                Binding(("escape",), "back", "keys.ending.library"))

    def __init__(self, app, play: Playthrough, reload_result: ReloadResult | None = None,  # type: ignore[no-untyped-def]
                 reload_on_enter: bool = False) -> None:
        """``reload_result``: findings of a reload to show; ``reload_on_enter``: reload (F5) at once."""
        super().__init__(app)
        self.play = play
        self.reload_result = reload_result
        self._reload_on_enter = reload_on_enter

    def on_enter(self) -> None:
        self._finish()
        if self._reload_on_enter:
            self._reload_on_enter = False
            self.on_reload()

    def _finish(self) -> None:
        try:
            self.play.finish(self.app.analysis_for)
        except Exception as exc:
            self.app.toast(self.app.ui.t("ui.store_problem", problem=problem_text(exc, self.app.ui.lang)), 8)

    def to_debrief(self) -> None:
        self.go("debrief", play=self.play)

    def default_action(self) -> None:
        if self.reload_result is not None:
            self.close_reload()
        else:
            self.to_debrief()

    def on_back(self) -> None:
        self.go("library")

    def on_reload(self) -> None:
        result = reload_play(self.app, self.play)
        if result is None:
            return
        if not self.play.session.finished:
            self.go("situation", play=self.play, reload_result=result)
            return
        self._finish()
        if result.clean:
            self.reload_result = None
            self.app.toast(self.app.ui.tn("ui.reload.ok", result.replayed), 4)
        else:
            self.reload_result = result
        self.app.rebuild()

    def close_reload(self) -> None:
        self.reload_result = None
        self.app.rebuild()

    def build(self, ui: Ui, width: int, height: int) -> None:
        lang, unit = ui.lang, ui.theme.unit
        session = self.play.session
        ending = session.ending
        layer = Layer()
        self.layers = [layer]
        bar = top_bar(ui, layer, width, self.play.scenario.title.get(lang) or self.play.scenario.id,
                      "" if ui.theme.projector else ui.t(f"ui.mode.{self.play.mode}"))
        hints = hint_bar(ui, layer, width, height, self.hints())
        actions = button_bar(ui, layer, width, height - hints, [
            Button(ui.t("ui.library.back"), self.on_back, "secondary", key="library", hint=self.key_hint("back")),
            Button(ui.t("ui.ending.to_debrief"), self.to_debrief, "primary", key="debrief",
                   hint=self.key_hint("activate")),
        ])
        region = main_region(layer, width, bar, height - hints - actions)
        x, column_width = reading_column(ui, width)
        column = Column(ui, region, x, unit * 4, column_width)
        column.add(TextBlock(ui.t("ui.ending.later"), "small", "bold", role="muted"), gap=unit)
        if ending is not None:
            column.add(TextBlock(ending.title.get(lang), "title", "bold", role="accent"), gap=unit * 2)
            column.add(TextBlock(ending.text.get(lang)), gap=unit * 2)
            for paragraph in session.epilogue:
                column.add(TextBlock(paragraph.get(lang)), gap=unit * 2)
        region.content_height = column.y + unit * 2
        if self.reload_result is not None:
            self.layers.append(reload_panel(ui, width, height, self.reload_result, self.on_reload, self.close_reload))
