"""The room model: phones join with a code, vote in rounds, and the facilitator leads a session.

Pure and deterministic: every method that depends on time takes ``now`` (seconds on any
monotonic clock); tokens and the room code come from ``secrets``. One lock guards the
state, because the web server runs in its own thread beside the window's loop.

Voting rule: a phone has one ballot per round. A ballot for another choice *changes* the
vote until the round closes; a second ballot for the same choice is refused
(``already_voted``) and changes nothing; no ballot is ever counted twice.
"""

from __future__ import annotations

import secrets
import threading
import unicodedata
from collections import Counter
from game.engine.records import dataclass, field
from typing import Any
from collections.abc import Callable

from game.engine.model import Text
from game.engine.session import ChoiceRefused, Session, Step
from game.render.conditions import unavailable_reason

CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G
CODE_LENGTH = 4
MAX_REASON = 140
MAX_PHONES = 200
MAX_ROUNDS = 3
MAX_BUCKETS = 2_000
MODES = ("training", "assessment")

# Phases of the current decision.
READY, VOTING, CLOSED, FINISHED = "ready", "voting", "closed", "finished"


class RoomError(Exception):
    """A request the room refuses; ``key`` names the message (``workshop.error.<key>``), ``status`` the HTTP code."""

    def __init__(self, key: str, status: int = 400) -> None:
        super().__init__(key)
        self.key = key
        self.status = status


@dataclass(frozen=True)
class Limit:
    """A token bucket's shape: ``burst`` requests at once, refilled at ``rate`` per second."""

    burst: float
    rate: float


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Token buckets per client key (a phone token or an address); bounded in memory."""

    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self._buckets: dict[str, _Bucket] = {}

    def admit(self, key: str, now: float) -> bool:
        """Take one token from ``key``'s bucket; False when it is empty."""
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= MAX_BUCKETS:
                self._buckets.pop(next(iter(self._buckets)))
            bucket = self._buckets[key] = _Bucket(self.limit.burst, now)
        bucket.tokens = min(self.limit.burst, bucket.tokens + max(0.0, now - bucket.at) * self.limit.rate)
        bucket.at = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True

    def clear(self) -> None:
        """Forget every client (the room closed)."""
        self._buckets.clear()


@dataclass(frozen=True)
class Limits:
    """The room's rate limits: per address for everything, for joining, and per phone."""

    address: Limit = Limit(burst=300, rate=150)
    join: Limit = Limit(burst=60, rate=2)
    phone: Limit = Limit(burst=20, rate=10)


@dataclass
class Reason:
    """A phone's one-line reason in a round (raw text: escape it wherever it is shown)."""

    id: int
    token: str
    text: str


@dataclass
class Round:
    """One round of voting: the ballot of each phone (token -> choice id) and the reasons."""

    number: int
    ballots: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, Reason] = field(default_factory=dict)
    typed: dict[str, int] | None = None  # counts the facilitator typed in (a room without network)

    def counts(self, choice_ids: list[str]) -> dict[str, int]:
        """Votes per choice, every choice listed (zero included); typed counts replace the ballots."""
        tally: Counter[str] | dict[str, int] = self.typed if self.typed is not None else Counter(self.ballots.values())
        return {choice_id: tally.get(choice_id, 0) for choice_id in choice_ids}


@dataclass
class Decision:
    """One decision of the case as the room takes it: its rounds and the choice followed."""

    situation_id: str
    choice_ids: list[str]
    shown_at: float
    rounds: list[Round] = field(default_factory=list)
    followed: str | None = None
    seconds: float = 0.0

    @property
    def round(self) -> Round | None:
        return self.rounds[-1] if self.rounds else None

    def counts(self) -> list[dict[str, int]]:
        """The counts of every round, in order."""
        return [r.counts(self.choice_ids) for r in self.rounds]


@dataclass(frozen=True)
class Followed:
    """What following a choice did: the session's step and the decision as taken."""

    step: Step
    decision: Decision


@dataclass(frozen=True)
class OptionView:
    """A choice as the projector shows it: its text, whether it can be chosen and why not."""

    id: str
    text: Text
    available: bool
    reason: Text


@dataclass(frozen=True)
class RoomView:
    """Everything the projector (and the facilitator's view) draws, taken at one moment under the lock.

    ``rounds`` holds the counts of every round of this decision only when they may be seen:
    for the projector after a reveal, for the facilitator always. ``reasons`` is empty on the
    projector; ``featured`` is the one reason the facilitator put on it.
    """

    version: int
    code: str
    phase: str
    phones: int
    round: int
    voters: int
    situation_id: str | None
    situation: Text
    options: tuple[OptionView, ...]
    rounds: tuple[dict[str, int], ...] | None
    majority: str | None
    featured: str | None
    reasons: tuple[Reason, ...] = ()
    feedback: Text = Text({})


def one_line(text: str) -> str:
    """A reason cleaned to one line: control characters dropped, whitespace runs made one space."""
    kept = "".join(" " if c.isspace() else c for c in str(text))
    kept = "".join(c for c in kept if not unicodedata.category(c).startswith("C"))
    return " ".join(unicodedata.normalize("NFC", kept).split())


def new_code(length: int = CODE_LENGTH) -> str:
    """A random room code of unambiguous characters."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


class Room:
    """A workshop room driving one engine session; every public method takes the lock."""

    def __init__(self, session: Session, now: float, *, lang: str = "nl", mode: str = "training",
                 code: str | None = None, limits: Limits = Limits()) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.session = session
        self.code = code or new_code()
        self.lang = lang
        self.mode = mode
        self.opened_at = now
        self._lock = threading.RLock()
        self._phones: dict[str, float] = {}  # token -> time joined
        self._joined = 0
        self._decisions: list[Decision] = []
        self._phase = READY
        self._revealed = False
        self._featured: int | None = None
        self._reason_ids = 0
        self._version = 0
        self._closed = False
        self._listeners: list[Callable[[], None]] = []
        self._limits = {"address": RateLimiter(limits.address), "join": RateLimiter(limits.join),
                        "phone": RateLimiter(limits.phone)}
        self._last_feedback: Text = Text({})
        self._show_decision(now)

    # -- change notification --------------------------------------------------------------
    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` (from the changing thread, outside the lock) after every change."""
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        """Stop calling ``listener``."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _changed(self) -> None:
        self._version += 1

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    @property
    def version(self) -> int:
        """A counter that grows with every change of what phones or the projector show."""
        with self._lock:
            return self._version

    # -- admission ------------------------------------------------------------------------
    def admit(self, kind: str, key: str, now: float) -> None:
        """Count a request against a rate limit (``address``, ``join`` or ``phone``); RoomError 429 when over."""
        with self._lock:
            if not self._limits[kind].admit(key, now):
                raise RoomError("too_many", 429)

    def check(self, code: str, token: str | None = None) -> None:
        """Refuse a wrong room code (403), a closed room (410) or a token this room never gave (403)."""
        with self._lock:
            if not secrets.compare_digest(str(code).strip().upper().encode(), self.code.encode()):
                raise RoomError("wrong_code", 403)
            if self._closed:
                raise RoomError("room_closed", 410)
            if token is not None and token not in self._phones:
                raise RoomError("unknown_phone", 403)

    def join(self, code: str, now: float) -> str:
        """A phone joins with the room code; returns its new token."""
        with self._lock:
            self.check(code)
            if len(self._phones) >= MAX_PHONES:
                raise RoomError("room_full", 409)
            token = secrets.token_urlsafe(18)
            self._phones[token] = now
            self._joined += 1
            self._changed()
        self._notify()
        return token

    def has_phone(self, token: str) -> bool:
        """Whether this token belongs to a phone in the open room."""
        with self._lock:
            return not self._closed and token in self._phones

    @property
    def phones(self) -> int:
        """How many phones are in the room now."""
        with self._lock:
            return len(self._phones)

    @property
    def phones_joined(self) -> int:
        """How many phones joined since the room opened (kept after it closes)."""
        with self._lock:
            return self._joined

    # -- the phones' ballots ----------------------------------------------------------------
    def vote(self, token: str, choice_id: str) -> bool:
        """Cast or change a phone's ballot in the open round; returns True when it changed a vote."""
        with self._lock:
            round_ = self._open_round(token)
            option = next((o for o in self.session.choices if o.id == choice_id), None)
            if option is None:
                raise RoomError("unknown_choice", 422)
            if not option.available:
                raise RoomError("unavailable", 422)
            previous = round_.ballots.get(token)
            if previous == choice_id:
                raise RoomError("already_voted", 409)
            round_.ballots[token] = choice_id
            self._changed()
        self._notify()
        return previous is not None

    def give_reason(self, token: str, text: str) -> str:
        """Attach a one-line reason to a phone's ballot in the open round; returns the cleaned text."""
        cleaned = one_line(text)
        with self._lock:
            round_ = self._open_round(token)
            if not cleaned:
                raise RoomError("empty_reason", 422)
            if len(cleaned) > MAX_REASON:
                raise RoomError("reason_too_long", 422)
            if token not in round_.ballots:
                raise RoomError("vote_first", 409)
            old = round_.reasons.get(token)
            if old is None:
                self._reason_ids += 1
                round_.reasons[token] = Reason(self._reason_ids, token, cleaned)
            else:
                old.text = cleaned
            self._changed()
        self._notify()
        return cleaned

    def _open_round(self, token: str) -> Round:
        if token not in self._phones:
            raise RoomError("unknown_phone", 403)
        decision = self.decision
        if self._phase != VOTING or decision is None or decision.round is None:
            raise RoomError("vote_closed", 409)
        return decision.round

    # -- the facilitator ---------------------------------------------------------------------
    @property
    def decision(self) -> Decision | None:
        """The decision the room is at (None when the case has ended)."""
        with self._lock:
            if self._phase == FINISHED or not self._decisions:
                return None
            return self._decisions[-1]

    @property
    def phase(self) -> str:
        with self._lock:
            return self._phase

    @property
    def revealed(self) -> bool:
        with self._lock:
            return self._revealed

    def open_vote(self) -> None:
        """Open the first round, or reopen the current one after a close (keeping its ballots)."""
        with self._lock:
            decision = self._need_decision()
            if self._phase == VOTING:
                return
            if not decision.rounds:
                decision.rounds.append(Round(1))
            self._phase = VOTING
            self._revealed = False
            self._changed()
        self._notify()

    def close_vote(self) -> None:
        """Close the open round: ballots are final."""
        with self._lock:
            if self._phase != VOTING:
                return
            self._phase = CLOSED
            self._changed()
        self._notify()

    def reveal(self, shown: bool = True) -> None:
        """Show (or hide) the spread; a round is revealed only after it closed (no herding)."""
        with self._lock:
            if self._phase != CLOSED:
                raise RoomError("vote_not_closed", 409)
            self._revealed = shown
            self._changed()
        self._notify()

    def second_round(self) -> None:
        """After discussion: close the current round and open a new one with empty ballots."""
        with self._lock:
            decision = self._need_decision()
            if not decision.rounds:
                raise RoomError("no_round_yet", 409)
            if len(decision.rounds) >= MAX_ROUNDS:
                raise RoomError("too_many_rounds", 409)
            decision.rounds.append(Round(len(decision.rounds) + 1))
            self._phase = VOTING
            self._revealed = False
            self._featured = None
            self._changed()
        self._notify()

    def feature(self, reason_id: int | None) -> None:
        """Put one reason of the current round on the projector (None takes it off)."""
        with self._lock:
            if reason_id is not None and reason_id not in {r.id for r in self.reasons()}:
                raise RoomError("unknown_reason", 404)
            self._featured = reason_id
            self._changed()
        self._notify()

    @property
    def featured(self) -> Reason | None:
        with self._lock:
            return next((r for r in self.reasons() if r.id == self._featured), None)

    def reasons(self) -> list[Reason]:
        """The reasons of the current round, oldest first (for the facilitator only)."""
        with self._lock:
            decision = self.decision
            if decision is None or decision.round is None:
                return []
            return sorted(decision.round.reasons.values(), key=lambda r: r.id)

    def ballot_of(self, token: str) -> str | None:
        """The choice a phone voted for in the current round."""
        with self._lock:
            decision = self.decision
            return decision.round.ballots.get(token) if decision and decision.round else None

    def counts(self) -> dict[str, int]:
        """Votes per choice in the current round (the facilitator always sees them)."""
        with self._lock:
            decision = self.decision
            if decision is None or decision.round is None:
                return {}
            return decision.round.counts(decision.choice_ids)

    def type_counts(self, counts: dict[str, int]) -> None:
        """Without a network: the facilitator types the counts of this round (hands or cards); a retype corrects."""
        with self._lock:
            decision = self._need_decision()
            if set(counts) - set(decision.choice_ids) or any(not isinstance(n, int) or n < 0 for n in counts.values()):
                raise RoomError("bad_counts", 422)
            if not decision.rounds:
                decision.rounds.append(Round(1))
            decision.round.typed = dict(counts)  # type: ignore[union-attr]
            if self._phase == READY:
                self._phase = CLOSED
            self._changed()
        self._notify()

    def voters(self) -> int:
        """How many phones voted in the current round."""
        with self._lock:
            return sum(self.counts().values())

    def shift(self) -> dict[str, int]:
        """Per choice, the change from the previous round to the current one (empty in round 1)."""
        with self._lock:
            decision = self.decision
            if decision is None or len(decision.rounds) < 2:
                return {}
            before, after = decision.counts()[-2:]
            return {choice_id: after[choice_id] - before[choice_id] for choice_id in decision.choice_ids}

    def majority(self) -> str | None:
        """The available choice with the most votes in the current round (ties: the first listed)."""
        with self._lock:
            counts = self.counts()
            available = [o.id for o in self.session.choices if o.available]
            if not available or not any(counts.get(c, 0) for c in available):
                return None
            return max(available, key=lambda c: counts.get(c, 0))

    def follow(self, now: float, choice_id: str | None = None) -> Followed:
        """The room follows a choice (the majority by default) and the session moves on."""
        with self._lock:
            decision = self._need_decision()
            chosen = choice_id or self.majority()
            if chosen is None:
                raise RoomError("no_votes", 409)
            try:
                step = self.session.choose(chosen)
            except ChoiceRefused:
                raise RoomError("unavailable", 422) from None
            decision.followed = chosen
            decision.seconds = round(max(0.0, now - decision.shown_at), 3)
            self._last_feedback = step.feedback
            self._show_decision(now)
            self._changed()
        self._notify()
        return Followed(step, decision)

    def _need_decision(self) -> Decision:
        decision = self.decision
        if decision is None:
            raise RoomError("case_ended", 409)
        return decision

    def _show_decision(self, now: float) -> None:
        situation = self.session.situation
        if self.session.finished or situation is None:
            self._phase = FINISHED
        else:
            self._decisions.append(Decision(situation.id, [o.id for o in self.session.choices], now))
            self._phase = READY
        self._revealed = False
        self._featured = None

    @property
    def decisions(self) -> list[Decision]:
        """The decisions the room followed, in order."""
        with self._lock:
            return [d for d in self._decisions if d.followed is not None]

    def close(self) -> None:
        """Close the room: phones are refused from now on, tokens and addresses forgotten."""
        with self._lock:
            self._closed = True
            self._phones.clear()
            for limiter in self._limits.values():
                limiter.clear()
            self._changed()
        self._notify()

    @property
    def closed(self) -> bool:
        with self._lock:
            return self._closed

    # -- what the projector and the facilitator see ------------------------------------------
    def view(self, facilitator: bool = False) -> RoomView:
        """The room for the projector (the spread only once revealed) or, with ``facilitator``, all of it."""
        with self._lock:
            decision = self.decision
            situation = self.session.situation if decision else None
            options = tuple(OptionView(o.id, o.choice.text, o.available, unavailable_reason(o, self.session.scenario))
                            for o in (self.session.choices if decision else []))
            counts = decision.counts() if decision else []
            seen = bool(counts) and (facilitator or self._revealed)
            featured = self.featured
            feedback = self._last_feedback if self.mode == "training" and self._phase in (READY, FINISHED) else Text({})
            return RoomView(
                version=self._version, code=self.code, phase=self._phase, phones=len(self._phones),
                round=decision.round.number if decision and decision.round else 0, voters=self.voters(),
                situation_id=decision.situation_id if decision else None,
                situation=situation.text if situation else Text({}), options=options,
                rounds=tuple(counts) if seen else None, majority=self.majority() if seen else None,
                featured=featured.text if featured else None,
                reasons=tuple(self.reasons()) if facilitator else (), feedback=feedback)

    # -- what a phone sees --------------------------------------------------------------------
    def phone_state(self, token: str) -> dict[str, Any]:
        """The room as one phone sees it (JSON-ready; texts in both languages)."""
        with self._lock:
            decision = self.decision
            state: dict[str, Any] = {
                "version": self._version, "lang": self.lang, "phase": self._phase, "phones": len(self._phones),
                "mode": self.mode, "round": 0, "situation": None, "choices": [], "voted": None, "reason": None,
                "voters": 0, "counts": None, "feedback": None,
            }
            if self._phase == FINISHED:
                ending = self.session.ending
                state["ending"] = _texts(ending.title) if ending else None
            if self.mode == "training" and self._last_feedback and self._phase in (READY, FINISHED):
                state["feedback"] = _texts(self._last_feedback)
            if decision is None:
                return state
            situation, scenario = self.session.situation, self.session.scenario
            state["situation"] = {"id": decision.situation_id, "text": _texts(situation.text) if situation else {}}
            state["choices"] = [{"id": o.id, "text": _texts(o.choice.text), "available": o.available,
                                 "reason": None if o.available else _texts(unavailable_reason(o, scenario))}
                                for o in self.session.choices]
            round_ = decision.round
            if round_ is not None:
                state["round"] = round_.number
                state["voted"] = round_.ballots.get(token)
                mine = round_.reasons.get(token)
                state["reason"] = mine.text if mine else None
                state["voters"] = len(round_.ballots)
                if self._revealed:
                    state["counts"] = round_.counts(decision.choice_ids)
            return state


def _texts(text: Text) -> dict[str, str]:
    return {"nl": text.get("nl"), "en": text.get("en")}
