"""The case introduction: the resident, the learning goals and the dossier at the start."""

from __future__ import annotations


import pygame

from game.engine.model import Scenario

from game.ui.records import problem_text
from game.ui.toolkit.bindings import TEXT_SIZE, Binding
from game.ui.toolkit.chrome import button_bar, hint_bar, main_region, reading_column, top_bar
from game.bundled import assets_folder
from game.ui.screens.base import Screen
from game.ui.toolkit.widgets import Button, Column, DrawState, Layer, TextBlock, Ui, Widget



def load_portrait(relative: str) -> pygame.Surface | None:
    """A portrait from ``assets/`` (never outside it); None when missing or unreadable."""
    if not relative:
        return None
    try:
        assets = assets_folder()
        path = (assets / relative).resolve()
        if not path.is_relative_to(assets.resolve()) or not path.is_file():
            return None
        return pygame.image.load(str(path))
    except (pygame.error, OSError, ValueError):
        return None


class Picture(Widget):
    """An image scaled to a height."""

    def __init__(self, image: pygame.Surface, height: int) -> None:
        super().__init__("picture")
        width = max(1, round(image.get_width() * height / max(1, image.get_height())))
        try:
            self.image = pygame.transform.smoothscale(image, (width, height))
        except (ValueError, pygame.error):  # palette images: plain scaling
            self.image = pygame.transform.scale(image, (width, height))

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.rect = pygame.Rect(x, y, self.image.get_width(), self.image.get_height())
        return self.rect.height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        surface.blit(self.image, self.screen_rect(origin))


class IntroScreen(Screen):
    """Meet the resident before the first situation."""

    name = "intro"
    BINDINGS = (Binding(("enter",), "activate", "keys.intro.begin"), Binding(("escape",), "back", "keys.intro.back"),
                TEXT_SIZE)

    def __init__(self, app, scenario: Scenario, source: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.scenario, self.source = scenario, source
        self._portrait: pygame.Surface | None | bool = False

    def begin(self) -> None:
        """Start the playthrough and record it."""
        from game.ui.playthrough import Playthrough

        player, records = self.app.player, self.app.records
        if player is None or records is None:  # the start screen always sets both; nothing to record without
            return
        try:
            play = Playthrough.begin(self.scenario, records, player=player.name,
                                     background=player.background, mode=self.app.mode, lang=self.app.ui.lang,
                                     source=self.source)
        except Exception as exc:  # a store problem is told, never a crash
            self.app.toast(self.app.ui.t("ui.store_problem", problem=problem_text(exc, self.app.ui.lang)), 8)
            return
        self.go("situation", play=play)

    def default_action(self) -> None:
        self.begin()

    def on_back(self) -> None:
        self.go("library")

    def on_reload(self) -> None:
        """F5: read the library again and show this case as it is now (or say why it cannot be played)."""
        ui = self.app.ui
        library = self.app.reload_library()
        entry = library.find(self.scenario.id)
        if entry is None or not entry.ok or entry.scenario is None:
            first = next((f for f in (entry.findings if entry else []) if f.is_error), None)
            self.app.toast(ui.t("ui.reload.errors") + (f"\n{first}" if first else ""), 10)
            return
        self.scenario = entry.scenario
        self._portrait = False
        self.app.toast(ui.t("ui.reloaded_library"), 3)
        self.app.rebuild()

    def build(self, ui: Ui, width: int, height: int) -> None:
        lang, unit = ui.lang, ui.theme.unit
        scenario = self.scenario
        layer = Layer()
        self.layers = [layer]
        bar = top_bar(ui, layer, width, ui.t("ui.intro.title"), ui.t(f"ui.mode.{self.app.mode}"))
        hints = hint_bar(ui, layer, width, height, self.hints())
        actions = button_bar(ui, layer, width, height - hints, [
            Button(ui.t("ui.back"), self.on_back, "secondary", key="back", hint=self.key_hint("back")),
            Button(ui.t("ui.intro.begin"), self.begin, "primary", key="begin", hint=self.key_hint("activate")),
        ])
        region = main_region(layer, width, bar, height - hints - actions)
        x, column_width = reading_column(ui, width)
        column = Column(ui, region, x, unit * 3, column_width)
        column.add(TextBlock(scenario.title.get(lang) or scenario.id, "title", "bold"), gap=unit)
        if scenario.summary:
            column.add(TextBlock(scenario.summary.get(lang), "text", role="muted"), gap=unit * 2)
        self._resident(ui, column)
        goals = scenario.learning_goals.lines(lang)
        if goals:
            column.add(TextBlock(ui.t("learning_goals"), "heading", "bold"))
            column.add(TextBlock("\n".join(f"- {g}" for g in goals)), gap=unit * 2)
        documents = [d for d in scenario.dossier if d.available == "start"]
        if documents:
            column.add(TextBlock(ui.t("ui.intro.dossier"), "heading", "bold"))
            column.add(TextBlock("\n".join(f"- **{d.title.get(lang)}** ({ui.t(f'kind.{d.kind}')})"
                                           for d in documents)), gap=unit // 2)
            column.add(TextBlock(ui.t("ui.intro.dossier_help"), "small", role="muted"), gap=unit * 2)
        column.add(TextBlock(ui.t(f"ui.mode.{self.app.mode}.explain"), "small", role="muted", box="surface_alt"))
        region.content_height = column.y + unit * 2

    def _resident(self, ui: Ui, column: Column) -> None:
        resident = self.scenario.resident
        if not resident.name:
            return
        unit = ui.theme.unit
        if self._portrait is False:
            self._portrait = load_portrait(resident.portrait)
        top = column.y
        indent = 0
        if isinstance(self._portrait, pygame.Surface):
            picture = Picture(self._portrait, unit * 14)
            picture.place(ui, column.x, top, picture.image.get_width())
            column.region.add(picture)
            indent = picture.rect.width + unit * 2
        column.add(TextBlock(ui.t("resident"), "small", "bold", role="muted"), gap=unit // 4, indent=indent)
        age = f", {resident.age} {ui.t('age')}" if resident.age is not None else ""
        column.add(TextBlock(f"**{resident.name}**{age}", "heading"), gap=unit // 2, indent=indent)
        if resident.household:
            column.add(TextBlock(resident.household.get(ui.lang), "text"), gap=unit, indent=indent)
        column.y = max(column.y, top + (unit * 15 if indent else 0)) + unit
