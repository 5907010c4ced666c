"""What the facilitator sees beside the room: votes and reasons, the expert's choice, where each option leads.

Pure: built from a room's view and the case's analysis (``scoring.coach`` works out the best and
the worst ending each option can still reach), no pygame, no network. The discussion timer
takes ``now`` from the caller, like the room.
"""

from __future__ import annotations

from game.engine.records import dataclass

from game.engine.model import Text
from game.workshop.room import Reason, Room, RoomView
from scoring.analysis import Analysis
from scoring.coach import Reach, Reacher, build_coach_view


@dataclass(frozen=True)
class FacilitatorOption:
    """One choice as the facilitator sees it: votes per round, the expert's mark, where it leads."""

    id: str
    text: Text
    available: bool
    counts: tuple[int, ...]  # every round of this decision, in order
    expert: bool
    reach: Reach | None  # best and worst reachable ending (None: unavailable, or no analysis)


@dataclass(frozen=True)
class FacilitatorView:
    """The facilitator's side of one decision."""

    situation_id: str | None
    options: tuple[FacilitatorOption, ...]
    reasons: tuple[tuple[Reason, str], ...]  # each reason with the choice id its phone voted for
    featured: int | None  # the id of the reason on the projector
    notes: Text
    majority: str | None


def facilitator_view(room: Room, analysis: Analysis | None, reacher: Reacher | None = None) -> FacilitatorView:
    """Everything the facilitator's view draws of the room's current decision."""
    view: RoomView = room.view(facilitator=True)
    session = room.session
    situation = session.situation if view.situation_id else None
    expert_id, reaches = _where_options_lead(room, analysis, reacher)
    rounds = view.rounds or ()
    options = tuple(FacilitatorOption(o.id, o.text, o.available, tuple(r.get(o.id, 0) for r in rounds),
                                      o.id == expert_id, reaches.get(o.id)) for o in view.options)
    featured = room.featured
    reasons = tuple((reason, room.ballot_of(reason.token) or "") for reason in view.reasons)
    return FacilitatorView(view.situation_id, options, reasons, featured.id if featured else None,
                           situation.facilitator_notes if situation else Text({}), view.majority)


def _where_options_lead(room: Room, analysis: Analysis | None,
                        reacher: Reacher | None) -> tuple[str | None, dict[str, Reach | None]]:
    """The expert's choice at the room's decision and each option's reach (the coach view of the route so far)."""
    session = room.session
    options = session.choices if session.situation is not None else []
    if analysis is None or not options:
        return None, {}
    placeholder = next((o.id for o in options if o.available), options[0].id)
    coach = build_coach_view(session.scenario, analysis, [*session.choice_ids, placeholder], reacher)
    if len(coach.steps) != len(session.choice_ids) + 1:
        return None, {}
    step = coach.steps[-1]
    expert = step.expert
    return (expert.id if expert else None), {o.id: o.reach for o in step.options}


class DiscussionTimer:
    """A stopwatch for the discussion: start, stop, reset; ``seconds(now)`` is the time on it."""

    def __init__(self) -> None:
        self._started: float | None = None
        self._kept = 0.0

    @property
    def running(self) -> bool:
        return self._started is not None

    def toggle(self, now: float) -> None:
        """Start the timer, or stop it (keeping the time)."""
        if self._started is None:
            self._started = now
        else:
            self._kept += max(0.0, now - self._started)
            self._started = None

    def reset(self, now: float, running: bool = False) -> None:
        """Back to zero (and running, for a new discussion)."""
        self._kept = 0.0
        self._started = now if running else None

    def seconds(self, now: float) -> int:
        """Whole seconds on the timer."""
        extra = max(0.0, now - self._started) if self._started is not None else 0.0
        return int(self._kept + extra)


def clock_text(seconds: int) -> str:
    """``75`` -> ``1:15``."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f"{minutes}:{rest:02d}"
