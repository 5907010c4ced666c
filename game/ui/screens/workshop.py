"""The workshop on the projector: the join screen (QR code, address, room code, phones) and each decision's vote.

The room and its web server run beside the window (``game.workshop``); this screen only
reads ``room.view()``. It never waits on the network: ``update`` compares the room's
version each frame and rebuilds when something changed. Keys (as data, in the hint bar):
O open the vote, X close, U reveal the spread, N second round, V follow the majority,
1–9 follow that choice, J the join screen, Esc close the room.
"""

from __future__ import annotations

import io
import time
from typing import TYPE_CHECKING, Any

import pygame

from game.engine.model import Scenario
from game.engine.session import Session
from game.ui.screens.base import Screen
from game.ui.toolkit.bindings import Binding
from game.ui.toolkit.chrome import hint_bar, main_region, margin, top_bar
from game.ui.toolkit.widgets import Column, DrawState, Layer, TextBlock, Ui, Widget

if TYPE_CHECKING:
    from game.workshop.room import Room, RoomView
    from game.workshop.server import RoomServer


class Picture(Widget):
    """A picture (the QR code), centred, scaled to a side of ``side`` pixels without smoothing."""

    def __init__(self, image: pygame.Surface, side: int, key: str = "picture") -> None:
        super().__init__(key)
        self.image = pygame.transform.scale(image, (side, side))
        self.side = side

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.rect = pygame.Rect(x + max(0, (width - self.side) // 2), y, self.side, self.side)
        return self.side

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        surface.blit(self.image, self.screen_rect(origin))


class Bars(Widget):
    """A choice's votes per round as horizontal bars (round 1 light, round 2 solid), with the count."""

    def __init__(self, counts: list[int], total: int, key: str = "") -> None:
        super().__init__(key)
        self.counts, self.total = counts, max(1, total)

    @property
    def label(self) -> str:
        return " → ".join(str(count) for count in self.counts)

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        height = len(self.counts) * (ui.theme.unit * 2 + ui.theme.unit // 2)
        self.rect = pygame.Rect(x, y, width, height)
        return height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        rect = self.screen_rect(origin)
        unit = ui.theme.unit
        label_width = ui.layout("999", "text", 1000, "bold").text_width + unit * 2
        for index, count in enumerate(self.counts):
            top = rect.y + index * (unit * 2 + unit // 2)
            track = pygame.Rect(rect.x + label_width, top, rect.width - label_width, unit * 2)
            pygame.draw.rect(surface, ui.colour("surface_alt"), track)
            filled = track.copy()
            filled.width = int(track.width * count / self.total)
            latest = index == len(self.counts) - 1
            pygame.draw.rect(surface, ui.colour("accent") if latest else ui.colour("border"), filled)
            pygame.draw.rect(surface, ui.colour("border"), track, 1)
            layout = ui.layout(str(count), "text", label_width, "bold" if latest else "regular")
            layout.draw(surface, rect.x, top + (unit * 2 - layout.height) // 2, ui.colour("text"))


class WorkshopScreen(Screen):
    """The projector's view of a workshop room on one case; entering it opens the room, leaving closes it."""

    name = "workshop"
    BINDINGS = (
        Binding(("o",), "open_vote", "workshop.keys.open"),
        Binding(("x",), "close_vote", "workshop.keys.close"),
        Binding(("u",), "reveal", "workshop.keys.reveal"),
        Binding(("n",), "second_round", "workshop.keys.second"),
        Binding(("v",), "follow", "workshop.keys.follow"),
        Binding(("1-9",), "follow_choice", "keys.situation.choose", with_key=True),
        Binding(("j",), "toggle_join", "workshop.keys.join"),
        Binding(("escape",), "back", "workshop.keys.close_room"),
    )

    def __init__(self, app: Any, scenario: Scenario, host: str | None = None, port: int = 8080,
                 room: Room | None = None, server: RoomServer | None = None) -> None:
        """A room on ``scenario`` served at ``host:port``; a test may hand in a room and a running server."""
        super().__init__(app)
        from game.workshop.room import Room

        self.scenario = scenario
        self.room = room or Room(Session(scenario), time.monotonic(), lang=app.ui.lang)
        self.server = server
        self.host, self.port = host, port
        self.url = ""
        self.problem = ""
        self.joining = True
        self._seen = -1
        self._qr: pygame.Surface | None = None

    # -- the room beside the window -------------------------------------------------------------
    def on_enter(self) -> None:
        from game.workshop.qr import join_qr_png
        from game.workshop.server import RoomServer

        if self.server is None:
            self.server = RoomServer(self.room)
            try:
                self.server.start(self.host, self.port)
            except OSError as exc:
                self.server = None
                self.problem = self.app.ui.t("workshop.cli.cannot_bind", host=self.host or "-", port=self.port,
                                             detail=exc.strerror or exc)
                self.app.rebuild()
                return
        assert self.server.address is not None
        self.url = self.server.address.url(self.room.code)
        self._qr = pygame.image.load(io.BytesIO(join_qr_png(self.url, 1)), "qr.png")
        self.app.rebuild()

    def update(self, dt: float) -> None:
        """Rebuild when the room changed (a phone joined or voted); the window never waits on it."""
        version = self.room.version
        if version != self._seen:
            self._seen = version
            self.app.rebuild()

    def close_room(self) -> None:
        self.room.close()
        if self.server is not None:
            self.server.stop()
            self.server = None

    # -- keys ---------------------------------------------------------------------------------------
    def _do(self, action: Any, *args: Any) -> None:
        from game.workshop.room import RoomError

        try:
            action(*args)
        except RoomError as exc:
            self.app.toast(self.app.ui.t(f"workshop.error.{exc.key}"))
        self.app.rebuild()

    def action_open_vote(self) -> None:
        self.joining = False
        self._do(self.room.open_vote)

    def action_close_vote(self) -> None:
        self._do(self.room.close_vote)

    def action_reveal(self) -> None:
        self.room.close_vote()
        self._do(self.room.reveal)

    def action_second_round(self) -> None:
        self._do(self.room.second_round)

    def action_follow(self) -> None:
        self._do(self.room.follow, time.monotonic())

    def action_toggle_join(self) -> None:
        self.joining = not self.joining
        self.app.rebuild()

    def on_back(self) -> None:
        self.close_room()
        self.go("start")

    def action_follow_choice(self, pressed: str) -> None:
        """1–9: follow that choice, whatever the majority."""
        options = self.room.view().options
        number = int(pressed) - 1
        if 0 <= number < len(options):
            self._do(self.room.follow, time.monotonic(), options[number].id)

    # -- drawing ------------------------------------------------------------------------------------
    def build(self, ui: Ui, width: int, height: int) -> None:
        view = self.room.view()
        layer = Layer()
        self.layers = [layer]
        bar = top_bar(ui, layer, width, self.scenario.title.get(ui.lang) or self.scenario.id,
                      ui.t("workshop.screen.code", code=view.code))
        hints = hint_bar(ui, layer, width, height, self.hints())
        region = main_region(layer, width, bar, height - hints)
        side = margin(ui)
        column = Column(ui, region, side, ui.theme.unit * 3, width - 2 * side)
        if self.problem:
            column.add(TextBlock(self.problem, "heading", "bold", role="warning_text", box="warning_bg"))
        elif self.joining and view.phase != "finished":
            self._build_join(ui, column, view, height - bar - hints)
        else:
            self._build_decision(ui, column, view)
        region.content_height = column.y + ui.theme.unit * 2

    def _build_join(self, ui: Ui, column: Column, view: RoomView, room_height: int) -> None:
        column.add(TextBlock(ui.t("workshop.screen.join_heading"), "title", "bold", role="accent", center=True))
        if self._qr is not None:
            column.add(Picture(self._qr, max(120, min(room_height // 2, column.width // 3))))
        column.add(TextBlock(self.url, "heading", "bold", center=True, rich=False, key="address"))
        column.add(TextBlock(ui.t("workshop.screen.code_big", code=view.code), "title", "bold", center=True,
                             key="code"))
        column.add(TextBlock(ui.tn("workshop.cli.phones", view.phones), "heading", center=True, role="muted",
                             key="phones"))

    def _build_decision(self, ui: Ui, column: Column, view: RoomView) -> None:
        lang = ui.lang
        status = ui.t(f"workshop.cli.phase.{view.phase}")
        if view.phase == "voting":
            status += " · " + ui.t("workshop.screen.voters", voters=view.voters, phones=view.phones, round=view.round)
        column.add(TextBlock(status, "heading", "bold", role="accent", key="status"))
        if view.feedback:
            column.add(TextBlock(ui.t("feedback") + ": " + view.feedback.get(lang), box="surface_alt", key="feedback"))
        if view.phase == "finished":
            ending = self.room.session.ending
            if ending is not None:
                column.add(TextBlock(ending.title.get(lang), "title", "bold", role="accent"))
                column.add(TextBlock(ending.text.get(lang)))
            return
        column.add(TextBlock(view.situation.get(lang), key="situation"), gap=ui.theme.unit * 2)
        total = max((sum(counts.values()) for counts in view.rounds or ()), default=0)
        if view.rounds is not None and len(view.rounds) > 1:
            column.add(TextBlock(ui.t("workshop.screen.legend"), "small", role="muted", key="legend"))
        for number, option in enumerate(view.options, start=1):
            text = f"{number}. {option.text.get(lang)}"
            if not option.available:
                text += f" ({ui.t('unavailable')}: {option.reason.get(lang)})"
            column.add(TextBlock(text, "heading", role="text" if option.available else "muted", box="surface",
                                 key=f"option:{option.id}"), gap=ui.theme.unit // 2)
            if view.rounds is not None:
                column.add(Bars([counts.get(option.id, 0) for counts in view.rounds], total, key=f"bars:{option.id}"))
        if view.featured:
            column.add(TextBlock(ui.t("workshop.screen.featured", text=view.featured), "heading", "italic",
                                 rich=False, box="surface_alt", key="featured"))
