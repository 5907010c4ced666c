"""Screenshots of the workshop screens: join, a vote in progress, two rounds revealed, the facilitator, the debrief.

The room is driven directly (no phones on a network): 24 ballots spread over the choices, a
change of mind in the second round, two reasons. The join address shown is a fixed example
LAN address, so the pictures do not change with the machine they are made on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.engine.model import Scenario
from game.engine.session import Session
from game.workshop.room import Room
from game.workshop.server import Address

PHONES = 24
SAMPLE_REASONS = {"nl": ("Eerst horen wat er speelt.", "<b>Sneller</b> is beter voor iedereen"),
                  "en": ("First hear what is going on.", "<b>Faster</b> is better for everyone")}


class ShownServer:
    """Stands in for the room's server in a screenshot: an example address, nothing listening."""

    def __init__(self) -> None:
        self.address = Address("192.168.1.20", 8080)

    def stop(self) -> None:
        """Nothing runs."""


def workshop_shots(app: Any, shot: Callable[[str], Path], scenario: Scenario, prefix: str = "workshop-") -> None:
    """Save the workshop screens of ``scenario`` with ``shot(name)``."""
    lang = app.ui.lang
    room = Room(Session(scenario), time.monotonic(), lang=lang, code="K7MR")
    screen = app.make("workshop", scenario=scenario, room=room, server=ShownServer())  # made by name, as screens are
    screen.recorder = None
    screen._start_recording = lambda: None  # a picture stores nothing
    app.show(screen)
    tokens = [room.join(room.code, 0.0) for _ in range(PHONES)]
    shot(prefix + "join")
    screen.action_open_vote()
    available = [o.id for o in room.session.choices if o.available]
    first = [available[i % len(available)] if i % 3 else available[0] for i in range(PHONES - 5)]
    for token, choice in zip(tokens, first, strict=False):
        room.vote(token, choice)
    shot(prefix + "vote")
    screen.action_reveal()
    screen.action_second_round()
    for index, token in enumerate(tokens):
        room.vote(token, available[0] if index % 4 else available[-1])
    for token, text in zip(tokens[1:3], SAMPLE_REASONS.get(lang, SAMPLE_REASONS["en"]), strict=True):
        room.give_reason(token, text)
    screen.action_reveal()
    shot(prefix + "spread")
    screen.action_facilitator()
    screen.feature(room.reasons()[0].id)
    shot(prefix + "facilitator")
    screen.action_facilitator()
    shot(prefix + "featured")
    _play_out(screen, room, tokens)
    screen.action_debrief()
    shot(prefix + "debrief")
    debrief = app.screen
    debrief.action_next_page()
    shot(prefix + "debrief-spread")
    debrief.action_next_page()
    shot(prefix + "debrief-question")


def _play_out(screen: Any, room: Room, tokens: list[str]) -> None:
    """Follow the majority (after one quick vote) until the case ends."""
    screen.action_follow()
    for _ in range(20):
        if room.phase == "finished":
            return
        screen.action_open_vote()
        available = [o.id for o in room.session.choices if o.available]
        for index, token in enumerate(tokens):
            room.vote(token, available[index % 3 % len(available)])
        screen.action_reveal()
        screen.action_follow()
