"""What F5 does during a playthrough: read the case again and replay, and the panel with the findings.

Shared by the situation and the ending screen (a helper, not a screen of its own).
"""

from __future__ import annotations

from typing import Any

from game.ui.playthrough import Playthrough, ReloadResult
from game.ui.records import problem_text
from game.ui.toolkit.bindings import RELOAD, key_name
from game.ui.toolkit.panels import findings_body, make_panel
from game.ui.toolkit.widgets import Button, Layer, Ui


def reload_play(app: Any, play: Playthrough) -> ReloadResult | None:
    """Reload a playthrough's scenario (library or file) and replay; None when that failed outright."""
    ui = app.ui
    folder = None
    if play.source == play.scenario.id:
        from game.content.library import default_folder
        folder = app.options.library_folder or default_folder()
    try:
        result, library = play.reload(folder)
    except Exception as exc:  # noqa: BLE001 - reloading a broken file must never end the game
        app.toast(ui.t("ui.reload.failed", problem=problem_text(exc, ui.lang)), 8)
        return None
    if library is not None:
        app.set_library(library)
    return result


def reload_panel(ui: Ui, width: int, height: int, result: ReloadResult, again: Any, close: Any) -> Layer:
    """The panel that shows what F5 did, with every finding as path:line."""
    if not result.reloaded:
        intro = ui.t("ui.reload.errors")
    elif result.stopped_at:
        intro = ui.tn("ui.reload.replay_stopped", result.replayed, number=result.stopped_at,
                      choice=result.stopped_choice, reason=result.stopped_reason)
    else:
        intro = ui.tn("ui.reload.ok", result.replayed)
    buttons = [Button(ui.t("ui.reload.again"), again, "secondary", key="reload:again", hint=RELOAD.keys_text(ui.lang)),
               Button(ui.t("ui.close"), close, "primary", key="reload:close", hint=key_name("enter", ui.lang))]
    return make_panel(ui, width, height, ui.t("ui.reload.title"), findings_body(ui, result.findings, intro),
                      buttons, close, share=0.7, centre=True, closable=False, name="reload")
