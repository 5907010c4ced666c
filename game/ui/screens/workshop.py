"""The workshop room in the window: join screen, each decision's vote on the projector, the facilitator's view.

The room and its web server run beside the window (``game.workshop``); this screen reads
``room.view()`` and never waits on the network: ``update`` compares the room's version each
frame and rebuilds when something changed. Without a network the facilitator types the
counts (C, then digits, arrows, +/-). F toggles the facilitator's view (votes, reasons, the
expert's choice, where each option leads, the author's notes, the discussion timer). Each
followed decision is saved in the store at once; at the end D opens the group debrief.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from game.engine.model import Scenario
from game.engine.session import Session
from game.ui.screens.base import Screen
from game.ui.screens.workshop_parts import Bars, OptionText, Picture, beside, excerpt, projector_steps
from game.ui.settings import workshop_address
from game.ui.toolkit.bindings import Binding
from game.ui.toolkit.chrome import hint_bar, main_region, margin, reading_column, top_bar
from game.ui.toolkit.fit import Fitted, lay_out
from game.ui.toolkit.widgets import Button, Column, Layer, Rule, TextBlock, Ui

if TYPE_CHECKING:
    from game.workshop.facilitator import FacilitatorView
    from game.workshop.recording import GroupRecorder
    from game.workshop.room import Room, RoomView
    from game.workshop.server import RoomServer

MAX_COUNT = 999
Announce = Callable[[str, str], None]  # (join address, room code), for the terminal that started the window


class WorkshopScreen(Screen):
    """A workshop room on one case; entering it opens the room (and its server), leaving closes both."""

    name = "workshop"
    BINDINGS = (
        Binding(("o",), "open_vote", "workshop.keys.open"),
        Binding(("x",), "close_vote", "workshop.keys.close"),
        Binding(("u",), "reveal", "workshop.keys.reveal"),
        Binding(("n",), "second_round", "workshop.keys.second"),
        Binding(("v",), "follow", "workshop.keys.follow"),
        Binding(("1-9",), "number", "keys.situation.choose", with_key=True),
        Binding(("0",), "number", "workshop.ui.keys.digits", with_key=True, keys_label="workshop.ui.keys.digits_name"),
        Binding(("up", "down"), "pick_row", "workshop.ui.keys.rows", with_key=True,
                keys_label="workshop.ui.keys.rows_name"),
        Binding(("plus", "minus"), "adjust", "workshop.ui.keys.adjust", with_key=True,
                keys_label="workshop.ui.keys.adjust_name"),
        Binding(("c",), "type_counts", "workshop.ui.keys.type"),
        Binding(("f",), "facilitator", "workshop.ui.keys.facilitator"),
        Binding(("p",), "feature_next", "workshop.ui.keys.feature"),
        Binding(("t",), "timer", "workshop.ui.keys.timer"),
        Binding(("j",), "toggle_join", "workshop.keys.join"),
        Binding(("d",), "debrief", "workshop.ui.keys.debrief"),
        Binding(("escape",), "back", "workshop.keys.close_room"),
    )
    TYPING_ONLY = ("pick_row", "adjust")
    NETWORK_ONLY = ("toggle_join",)

    def __init__(self, app: Any, scenario: Scenario, host: str | None = None, port: int | None = None,
                 room: Room | None = None, server: RoomServer | None = None, *, network: bool = True,
                 mode: str | None = None, announce: Announce | None = None) -> None:
        """A room on ``scenario`` served at ``host:port`` (``network=False``: no server, typed counts);
        a test may hand in a room and a running server; ``announce`` hears the join address once bound.
        ``host``/``port`` come from the command line; where it gave none, the settings decide."""
        super().__init__(app)
        from game.workshop.facilitator import DiscussionTimer
        from game.workshop.room import Room

        app.kept.setdefault("workshop", {"host": host, "port": port, "announce": announce})  # for the next workshop
        self.scenario = scenario
        self.room = room or Room(Session(scenario), time.monotonic(), lang=app.ui.lang, mode=mode or app.mode)
        self.server = server
        self.network = network
        self.host, self.port = workshop_address(app.settings, host, port)
        self.announce = announce
        self.url = ""
        self.problem = ""
        self.joining = network
        self.facilitating = False
        self.typing = False
        self.row = 0
        self._fresh = True
        self.timer = DiscussionTimer()
        self.recorder: GroupRecorder | None = None
        self._seen: tuple[int, int] = (-1, -1)
        self._qr: pygame.Surface | None = None
        self._reacher: Any = None
        self.fitted: Fitted | None = None  # the decision's layout on the projector (tests read it)

    # -- the room beside the window -------------------------------------------------------------
    def on_enter(self) -> None:
        if self.recorder is None:
            self._start_recording()
        if self.network and self.server is None and not self.room.closed:
            self._start_server()
        if self.server is not None and self.server.address is not None and not self.url:
            from game.workshop.qr import join_qr_png

            self.url = self.server.address.url(self.room.code)
            self._qr = pygame.image.load(io.BytesIO(join_qr_png(self.url, 1)), "qr.png")
            if self.announce is not None:
                self.announce(self.url, self.room.code)
        self.app.rebuild()

    def _start_server(self) -> None:
        from game.workshop.server import RoomServer

        server = RoomServer(self.room)
        try:
            server.start(self.host, self.port)
        except OSError as exc:  # no network, or the port is taken: the room goes on with typed counts
            self.problem = self.app.ui.t("workshop.cli.cannot_bind", host=self.host or "-", port=self.port,
                                         detail=exc.strerror or exc) + " " + self.app.ui.t("workshop.ui.offline_now")
            self.network = self.joining = False
            return
        self.server = server

    def _start_recording(self) -> None:
        """Keep the group session in the store (counts only); in memory when the store is not open."""
        from game.store.database import Store
        from game.workshop.recording import GroupRecorder

        store = getattr(self.app.records, "store", None)
        if not isinstance(store, Store):
            self.problem = self.app.ui.t("workshop.ui.not_saved")
            return
        try:
            self.recorder = GroupRecorder(store, self.room, self.scenario.id)
        except Exception as exc:  # noqa: BLE001 - a full disk or a locked store: go on unsaved, and say so
            self.problem = self.app.ui.t("workshop.ui.not_saved") + f" ({exc})"

    def update(self, dt: float) -> None:
        """Rebuild when the room changed (a phone joined or voted) or the timer's second ticked."""
        seen = (self.room.version, self.timer.seconds(time.monotonic()) if self.timer.running else -1)
        if seen != self._seen:
            self._seen = seen
            self.app.rebuild()

    def close_room(self) -> None:
        """Close the room: phones refused, tokens and addresses forgotten, the server stopped, the session closed."""
        if not self.room.closed:
            self.room.close()
        if self.server is not None:
            self.server.stop()
            self.server = None
        self._finish_recording()

    def _finish_recording(self) -> None:
        if self.recorder is not None:
            try:
                self.recorder.finish()
            except Exception as exc:  # noqa: BLE001 - the decisions are saved already; only the ending is missing
                self.app.toast(self.app.ui.t("workshop.ui.save_failed", problem=str(exc)))
            self.recorder = None

    # -- hint bar ----------------------------------------------------------------------------------
    def shows(self, binding: Binding) -> bool:
        """Typing keys only while typing counts; the join screen only with a network; D only at the end."""
        if binding.action in self.TYPING_ONLY or binding.keys == ("0",):
            return self.typing
        if binding.keys == ("1-9",):  # while typing the digits are counts, not choices
            return not self.typing
        if binding.action in self.NETWORK_ONLY:
            return self.network
        if binding.action == "debrief":
            return self.room.phase == "finished"
        if binding.action == "feature_next":
            return self.facilitating
        return binding.show

    # -- keys ---------------------------------------------------------------------------------------
    def _do(self, action: Callable[..., Any], *args: Any) -> Any:
        from game.workshop.room import RoomError

        try:
            return action(*args)
        except RoomError as exc:
            self.app.toast(self.app.ui.t(f"workshop.error.{exc.key}"))
            return None
        finally:
            self.app.rebuild()

    def action_open_vote(self) -> None:
        self.joining = False
        self._do(self.room.open_vote)

    def action_close_vote(self) -> None:
        self._do(self.room.close_vote)

    def action_reveal(self) -> None:
        """Close the vote and show the spread; the discussion timer starts."""
        self.typing = False
        self.room.close_vote()
        self._do(self.room.reveal)
        if self.room.revealed:
            self.timer.reset(time.monotonic(), running=True)

    def action_second_round(self) -> None:
        self.typing = False
        self._do(self.room.second_round)

    def action_follow(self) -> None:
        """V: the room follows the majority."""
        self._follow(None)

    def action_number(self, pressed: str) -> None:
        """1–9: follow that choice (whatever the majority); while typing counts, a digit of the count."""
        if self.typing:
            self._type_digit(int(pressed))
            return
        options = self.room.view().options
        number = int(pressed) - 1
        if 0 <= number < len(options):
            self._follow(options[number].id)

    def _follow(self, choice_id: str | None) -> None:
        followed = self._do(self.room.follow, time.monotonic(), choice_id)
        if followed is None:
            return
        self.typing, self.joining = False, False
        self.timer.reset(time.monotonic())
        if self.recorder is not None:
            try:
                self.recorder.followed(followed)
            except Exception as exc:  # noqa: BLE001 - the room goes on; the facilitator hears it is not being saved
                self.app.toast(self.app.ui.t("workshop.ui.save_failed", problem=str(exc)))
        if self.room.phase == "finished":
            self._finish_recording()

    def action_toggle_join(self) -> None:
        if self.network:
            self.joining = not self.joining
            self.app.rebuild()

    def action_facilitator(self) -> None:
        self.facilitating = not self.facilitating
        self.forget_scroll("main")
        self.app.rebuild()

    def action_timer(self) -> None:
        self.timer.toggle(time.monotonic())
        self.app.rebuild()

    def action_feature_next(self) -> None:
        """P: put the next reason on the projector (after the last one, none)."""
        reasons = self.room.reasons()
        if not reasons:
            self.app.toast(self.app.ui.t("workshop.ui.no_reasons"))
            return
        ids = [r.id for r in reasons]
        current = self.room.featured
        index = ids.index(current.id) + 1 if current is not None and current.id in ids else 0
        self._do(self.room.feature, ids[index] if index < len(ids) else None)

    def feature(self, reason_id: int) -> None:
        """Put this reason on the projector, or take it off when it is on."""
        current = self.room.featured
        self._do(self.room.feature, None if current is not None and current.id == reason_id else reason_id)

    def action_debrief(self) -> None:
        if self.room.phase != "finished":
            return
        from game.workshop.debrief import room_decisions

        decisions = room_decisions(self.room)
        group_id = self.recorder.group_id if self.recorder is not None else None
        self.close_room()
        self.go("workshop_debrief", scenario=self.scenario, decisions=decisions, group_id=group_id)

    def default_action(self) -> None:
        """Enter: done typing (the spread shows), or the group debrief at the end."""
        if self.typing:
            self.action_reveal()
        elif self.room.phase == "finished":
            self.action_debrief()

    def on_back(self) -> None:
        """Esc: stop typing, or leave the facilitator's view, or close the room."""
        if self.typing:
            self.typing = False
            self.app.rebuild()
        elif self.facilitating:
            self.action_facilitator()
        else:
            self.close_room()
            self.go("start")

    # -- typed counts (no network) --------------------------------------------------------------------
    def action_type_counts(self) -> None:
        """C: type the counts of this round (hands or cards in the room), or stop typing (the spread shows)."""
        if self.typing:
            self.action_reveal()
            return
        if self.room.decision is None:
            return
        self.typing, self.joining, self.row, self._fresh = True, False, 0, True
        self._commit(self._counts())

    def action_pick_row(self, pressed: str) -> None:
        if not self.typing:
            self.action_scroll(pressed)
            return
        options = self.room.view().options
        self.row = (self.row + (-1 if pressed == "up" else 1)) % max(1, len(options))
        self._fresh = True
        self.app.rebuild()

    def action_adjust(self, pressed: str) -> None:
        if self.typing:
            self.change_count(self.row, 1 if pressed == "plus" else -1)

    def change_count(self, row: int, step: int) -> None:
        """One more or one fewer for the choice in ``row`` (a click on + or -)."""
        counts = self._counts()
        ids = list(counts)
        if 0 <= row < len(ids):
            self.row, self._fresh = row, True
            counts[ids[row]] = max(0, min(MAX_COUNT, counts[ids[row]] + step))
            self._commit(counts)

    def _type_digit(self, digit: int) -> None:
        counts = self._counts()
        ids = list(counts)
        if not ids:
            return
        choice_id = ids[min(self.row, len(ids) - 1)]
        typed = digit if self._fresh else counts[choice_id] * 10 + digit
        counts[choice_id] = typed if typed <= MAX_COUNT else digit
        self._fresh = False
        self._commit(counts)

    def _counts(self) -> dict[str, int]:
        ids = [o.id for o in self.room.view().options]
        current = self.room.counts()
        return {choice_id: current.get(choice_id, 0) for choice_id in ids}

    def _commit(self, counts: dict[str, int]) -> None:
        self._do(self.room.type_counts, counts)

    # -- drawing ------------------------------------------------------------------------------------
    def build(self, ui: Ui, width: int, height: int) -> None:
        view = self.room.view(facilitator=self.facilitating)
        layer = Layer()
        self.layers = [layer]
        steps = projector_steps(self.app, ui, width, height)
        bar_ui = ui if self.facilitating else steps[-1]
        subtitle = ui.t("workshop.ui.facilitator_title") if self.facilitating else ""
        bar = top_bar(bar_ui, layer, width, self.scenario.title.get(ui.lang) or self.scenario.id,
                      " · ".join(s for s in (ui.t("workshop.screen.code", code=view.code), subtitle) if s))
        for region in layer.regions:
            region.ui = bar_ui
        hints = hint_bar(ui, layer, width, height, self.hints())
        viewport = pygame.Rect(0, bar, width, height - hints - bar)
        if self.facilitating:
            self._build_facilitator(ui, layer, viewport, view)
        elif self.joining and view.phase != "finished":
            self._build_join(steps[0], layer, viewport, view)
        elif view.phase == "finished":
            self._build_end(steps[0], layer, viewport, view)
        else:
            self.fitted = lay_out(layer, steps, viewport, reading_column(steps[0], width, wide=True),
                                  partial(self._story, view), partial(self._choices, view), pin=True,
                                  more_choices=lambda n: ui.tn("fit.more_choices", n),
                                  more_text=lambda n: ui.t("fit.more_text"))

    def _column(self, ui: Ui, layer: Layer, viewport: pygame.Rect) -> Column:
        region = main_region(layer, viewport.width, viewport.y, viewport.bottom)
        region.ui = ui
        side = margin(ui)
        return Column(ui, region, side, ui.theme.unit * 3, viewport.width - 2 * side)

    def _build_join(self, ui: Ui, layer: Layer, viewport: pygame.Rect, view: RoomView) -> None:
        """The QR code as large as the room left by the heading, the address, the code and the phones."""
        column = self._column(ui, layer, viewport)
        self._problem(column)
        column.add(TextBlock(ui.t("workshop.screen.join_heading"), "title", "bold", role="accent", center=True))
        texts = [TextBlock(self.url, "heading", "bold", center=True, rich=False, key="address"),
                 TextBlock(ui.t("workshop.screen.code_big", code=view.code), "title", "bold", center=True, key="code"),
                 TextBlock(ui.tn("workshop.cli.phones", view.phones), "heading", center=True, role="muted",
                           key="phones")]
        below = sum(block.place(ui, 0, 0, column.width) + column.gap for block in texts) + ui.theme.unit * 2
        if self._qr is not None:
            room = viewport.height - column.y - below - column.gap
            column.add(Picture(self._qr, max(120, min(room, column.width // 3))))
        for block in texts:
            column.add(block)
        column.region.content_height = column.y + ui.theme.unit * 2

    def _problem(self, column: Column) -> None:
        if self.problem:
            column.add(TextBlock(self.problem, "small", role="warning_text", box="warning_bg", rich=False,
                                 key="problem"))

    def _status(self, ui: Ui, view: RoomView) -> str:
        status = ui.t(f"workshop.cli.phase.{view.phase}")
        if view.phase == "voting" and self.network:
            status += " · " + ui.t("workshop.screen.voters", voters=view.voters, phones=view.phones, round=view.round)
        elif view.round > 1:
            status += " · " + ui.t("workshop.ui.round", round=view.round)
        if self.typing:
            status += " · " + ui.t("workshop.ui.typing")
        if self.timer.running and not self.facilitating:
            status += " · " + ui.t("workshop.ui.timer", time=_clock(self.timer.seconds(time.monotonic())))
        return status

    def _story(self, view: RoomView, column: Column) -> None:
        """Status, the feedback of the choice just followed (training), the situation and a featured reason."""
        ui = column.ui
        lang, unit = ui.lang, ui.theme.unit
        self._problem(column)
        column.add(TextBlock(self._status(ui, view), "small", "bold", role="accent", rich=False, key="status"))
        if view.feedback:
            column.add(TextBlock(ui.t("feedback") + ": " + view.feedback.get(lang), "small", box="surface_alt",
                                 key="feedback"), gap=unit * 2)
        if view.featured:  # the room has read it: the reason and the spread get the room
            pass
        elif view.rounds is not None or self.typing:
            column.add(TextBlock(excerpt(view.situation.get(lang)), "small", role="muted", key="situation"),
                       gap=unit)
        else:
            column.add(TextBlock(view.situation.get(lang), key="situation"), gap=unit * 2)

    def _choices(self, view: RoomView, column: Column) -> None:
        """The numbered choices; under each the bars of every round once revealed, or the typed count."""
        ui = column.ui
        lang, unit = ui.lang, ui.theme.unit
        rounds = view.rounds if (view.rounds is not None or not self.typing) else None
        if self.typing:
            rounds = self.room.view(facilitator=True).rounds
        total = max((sum(counts.values()) for counts in rounds or ()), default=0)
        if view.featured:  # with the choices, which always stay on screen
            column.add(TextBlock(ui.t("workshop.screen.featured", text=view.featured), "text", "italic",
                                 rich=False, box="surface_alt", key="featured"), gap=unit)
        if rounds is not None and len(rounds) > 1:
            column.add(TextBlock(ui.t("workshop.screen.legend"), "small", role="muted", key="legend"))
        for index, option in enumerate(view.options):
            text = f"{index + 1}. {option.text.get(lang)}"
            if not option.available:
                text += f" ({ui.t('unavailable')}: {option.reason.get(lang)})"
            block = OptionText(text, "text", role="text" if option.available else "muted", box="surface",
                               border="accent" if self.typing and index == self.row else None,
                               key=f"option:{option.id}")
            if rounds is not None and not self.typing:  # the bars beside the choice: the list keeps its height
                beside(column, block, Bars([counts.get(option.id, 0) for counts in rounds], total,
                                                 key=f"bars:{option.id}"))
                continue
            column.add(block, gap=unit // 2)
            if self.typing:
                count = (rounds[-1] if rounds else {}).get(option.id, 0)
                column.row([Button("−", partial(self.change_count, index, -1), "secondary", key=f"minus:{option.id}"),
                            Button(f"**{count}**" if index == self.row else str(count), None, "secondary",
                                   key=f"count:{option.id}"),
                            Button("+", partial(self.change_count, index, 1), "secondary", key=f"plus:{option.id}")],
                           gap=unit // 2)

    def _build_end(self, ui: Ui, layer: Layer, viewport: pygame.Rect, view: RoomView) -> None:
        column = self._column(ui, layer, viewport)
        lang = ui.lang
        self._problem(column)
        if view.feedback:
            column.add(TextBlock(ui.t("feedback") + ": " + view.feedback.get(lang), "small", box="surface_alt",
                                 key="feedback"))
        ending = self.room.session.ending
        if ending is not None:
            column.add(TextBlock(ending.title.get(lang), "title", "bold", role="accent", key="ending"))
            column.add(TextBlock(ending.text.get(lang)))
        column.add(Button(ui.t("workshop.ui.to_debrief"), self.action_debrief, "primary", key="debrief"))
        column.region.content_height = column.y + ui.theme.unit * 2

    # -- the facilitator's view ---------------------------------------------------------------------
    def _facilitator_data(self) -> FacilitatorView:
        from game.workshop.facilitator import facilitator_view
        from scoring.coach import Reacher

        analysis = self.app.analysis_for(self.scenario)
        if self._reacher is None:
            self._reacher = Reacher(analysis)
        return facilitator_view(self.room, analysis, self._reacher)

    def _build_facilitator(self, ui: Ui, layer: Layer, viewport: pygame.Rect, view: RoomView) -> None:
        """Everything the room does not see: counts always, the expert, where options lead; beside them the
        timer, the author's notes and the reasons (two columns when the window is wide enough)."""
        region = main_region(layer, viewport.width, viewport.y, viewport.bottom)
        unit = ui.theme.unit
        side = margin(ui)
        inner = viewport.width - 2 * side
        two = inner >= ui.theme.text_px * 56
        left_width = int(inner * 0.58) if two else inner
        left = Column(ui, region, side, unit * 2, left_width)
        right = Column(ui, region, side + left_width + unit * 3, unit * 2, inner - left_width - unit * 3) if two \
            else left
        self._problem(left)
        left.add(TextBlock(self._status(ui, view) + " · " + ui.tn("workshop.cli.phones", view.phones), "small",
                           "bold", role="accent", rich=False, key="status"))
        if view.phase == "finished":
            left.add(TextBlock(ui.t("workshop.cli.phase.finished"), "heading", "bold"))
        else:
            data = self._facilitator_data()
            left.add(TextBlock(view.situation.get(ui.lang), "small", role="muted", key="situation"))
            left.add(Rule())
            for number, option in enumerate(data.options, start=1):
                self._facilitator_option(ui, left, number, option, data.majority)
            if not two:
                left.add(Rule())
            self._facilitator_side(ui, right, data)
        region.content_height = max(left.y, right.y) + unit * 2

    def _facilitator_side(self, ui: Ui, column: Column, data: FacilitatorView) -> None:
        """The discussion timer, the author's notes and the reasons, each with a button for the projector."""
        unit, lang = ui.theme.unit, ui.lang
        clock = _clock(self.timer.seconds(time.monotonic()))
        column.add(TextBlock(ui.t("workshop.ui.timer_line", time=clock), "title", "bold", rich=False, key="timer"),
                   gap=0)
        column.add(TextBlock(ui.t("workshop.ui.timer_running" if self.timer.running else "workshop.ui.timer_stopped"),
                             "small", role="muted", key="timer-state"))
        if data.notes:
            column.add(TextBlock(ui.t("workshop.ui.notes"), "small", "bold"), gap=unit // 2)
            column.add(TextBlock(data.notes.get(lang), "small", box="surface_alt", rich=False, key="notes"))
        column.add(TextBlock(ui.t("workshop.ui.reasons", count=len(data.reasons)), "text", "bold"))
        if not data.reasons:
            column.add(TextBlock(ui.t("workshop.ui.no_reasons"), "small", role="muted"))
        numbers = {o.id: number for number, o in enumerate(data.options, start=1)}
        for reason, choice_id in data.reasons:
            on = data.featured == reason.id
            voted = ui.t("workshop.ui.reason_choice", number=numbers.get(choice_id, "?"))
            column.add(TextBlock(f"“{reason.text}” — {voted}", "small", box="surface",
                                 border="accent" if on else None, rich=False, key=f"reason:{reason.id}"),
                       gap=unit // 2)
            column.row([Button(ui.t("workshop.ui.feature_off" if on else "workshop.ui.feature_on"),
                               partial(self.feature, reason.id), "chip", key=f"feature:{reason.id}", selected=on)])

    def _facilitator_option(self, ui: Ui, column: Column, number: int, option: Any, majority: str | None) -> None:
        lang, unit = ui.lang, ui.theme.unit
        marks = [ui.t("workshop.ui.expert")] if option.expert else []
        if option.id == majority:
            marks.append(ui.t("workshop.ui.majority"))
        if not option.available:
            marks.append(ui.t("unavailable"))
        title = f"{number}. {option.text.get(lang)}" + (f" ({', '.join(marks)})" if marks else "")
        column.add(TextBlock(title, "text", "bold" if option.expert else "regular", rich=False,
                             key=f"fac-option:{option.id}"), gap=unit // 4)
        votes = " · ".join(ui.t("workshop.ui.round_votes", round=n, votes=c)
                           for n, c in enumerate(option.counts, start=1)) or ui.t("workshop.ui.no_votes_yet")
        column.add(TextBlock(votes, "small", key=f"fac-votes:{option.id}", rich=False), gap=unit // 4)
        if option.reach is not None:
            best, worst = option.reach.best, option.reach.worst
            leads = ui.t("workshop.ui.leads", best=best.title.get(lang), best_resident=best.scores.resident,
                         best_rules=best.scores.rules, worst=worst.title.get(lang),
                         worst_resident=worst.scores.resident, worst_rules=worst.scores.rules)
            column.add(TextBlock(leads, "small", role="muted", rich=False, key=f"fac-leads:{option.id}"), gap=unit)
        else:
            column.space(unit)


def _clock(seconds: int) -> str:
    from game.workshop.facilitator import clock_text

    return clock_text(seconds)
