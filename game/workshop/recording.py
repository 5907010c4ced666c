"""Recording a room in the store: a group session started with the room, each decision saved as it is followed."""

from __future__ import annotations

from game.store.database import Store
from game.store.groups import finish_group, record_decision, start_group
from game.workshop.room import Followed, Room


class GroupRecorder:
    """Keeps a room's group session in the store: counts only, never tokens, names or addresses."""

    def __init__(self, store: Store, room: Room, source: str) -> None:
        self.store = store
        self.room = room
        self.group_id = start_group(store, room.session.scenario, source, room.mode, room.lang)

    def followed(self, followed: Followed) -> None:
        """Save a decision the room just followed (committed at once)."""
        decision = followed.decision
        assert decision.followed is not None
        record_decision(self.store, self.group_id, decision.situation_id, decision.counts(),
                        decision.followed, decision.seconds)

    def finish(self) -> None:
        """Close the group session with the ending reached (None when stopped early)."""
        ending = self.room.session.ending
        finish_group(self.store, self.group_id, ending.id if ending else None, self.room.phones_joined)
