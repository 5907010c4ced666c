"""Send the outbox to the LRS: batches over HTTP with retries and backoff, marking what the LRS acknowledged.

``POST {endpoint}/statements`` with ``X-Experience-API-Version: 1.0.3`` and basic auth, the
statements exactly as queued. 200 and 204 mark the whole batch as sent (an LRS answers a
statement id it already has with 204 and stores nothing new, so a batch resent after a
crash is harmless). 400, 409, 413 and 422 refuse the batch: it is split in halves until the
statements that fail are found, and each is kept with the LRS's reason. 401/403 stops at
once with nothing marked, and so does another 4xx (a wrong endpoint answers 404); an LRS
that cannot be reached (or keeps answering 5xx/429) stops after the retries with
everything still queued. Only the standard library (``urllib``).
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from game.engine.records import dataclass, field
from typing import Protocol
from collections.abc import Callable, Sequence

from game.store.database import Store, utc_now
from game.store.outbox import Queued
from game.xapi.config import LrsConfig
from game.xapi.profile import XAPI_VERSION

BATCH_SIZE = 100
ATTEMPTS = 4  # tries per batch when the LRS is unreachable or answers 5xx/429
BACKOFF_S = 0.5  # first wait; doubled after each failed try
MAX_WAIT_S = 30.0
TIMEOUT_S = 30.0
REASON_CHARS = 400
REFUSED = (400, 409, 413, 422)  # the LRS refuses what was sent: find the statements and keep them with the reason


@dataclass(frozen=True)
class Reply:
    """What the LRS answered: the HTTP status, the body text and a Retry-After in seconds."""

    status: int
    body: str = ""
    retry_after: float | None = None


class Unreachable(Exception):
    """No HTTP answer at all (connection refused, DNS, timeout)."""


class Transport(Protocol):
    """Sends one request; raises ``Unreachable`` when there is no answer."""

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Reply: ...


class UrllibTransport:
    """The standard library's HTTP client."""

    def __init__(self, timeout: float = TIMEOUT_S) -> None:
        self.timeout = timeout

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Reply:
        request = urllib.request.Request(url, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return Reply(response.status, response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as exc:
            text = exc.read().decode("utf-8", "replace") if exc.fp is not None else ""
            return Reply(exc.code, text, _seconds(exc.headers.get("Retry-After") if exc.headers else None))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise Unreachable(str(reason)) from None


@dataclass
class SyncReport:
    """The outcome of one sync: sent now, refused now (id, reason), still queued, and why it stopped."""

    sent: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    queued: int = 0
    rejected_total: int = 0
    problem: str | None = None  # not_configured | auth | endpoint | unreachable | server
    detail: str = ""


class _Stop(Exception):
    def __init__(self, problem: str, detail: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.detail = detail


@dataclass
class Sender:
    """One sync run against one LRS."""

    store: Store
    config: LrsConfig
    transport: Transport = field(default_factory=UrllibTransport)
    batch_size: int = BATCH_SIZE
    attempts: int = ATTEMPTS
    backoff: float = BACKOFF_S
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], str] = utc_now
    report: SyncReport = field(default_factory=SyncReport)

    def run(self) -> SyncReport:
        """Send every queued statement, batch by batch, until done or stopped."""
        if not self.config.ready:
            self.report.problem = "not_configured"
        else:
            try:
                while batch := self.store.outbox.pending(max(1, self.batch_size)):
                    self._deliver(batch)
            except _Stop as stop:
                self.report.problem, self.report.detail = stop.problem, stop.detail
        counts = self.store.outbox.counts()
        self.report.queued, self.report.rejected_total = counts["queued"], counts["rejected"]
        return self.report

    def _deliver(self, rows: Sequence[Queued]) -> None:
        reply = self._post(rows)
        if reply.status in (200, 204):
            self.store.outbox.mark_sent([r.id for r in rows], self.clock())
            self.report.sent += len(rows)
        elif reply.status in (401, 403):
            raise _Stop("auth", f"HTTP {reply.status}")
        elif reply.status in REFUSED:
            if len(rows) == 1:
                reason = rejection_reason(reply)
                self.store.outbox.mark_rejected(rows[0].id, reason)
                self.report.rejected.append((rows[0].id, reason))
                return
            middle = len(rows) // 2
            self._deliver(rows[:middle])
            self._deliver(rows[middle:])
        elif 400 <= reply.status < 500:
            raise _Stop("endpoint", f"HTTP {reply.status}")
        else:
            raise _Stop("server", f"HTTP {reply.status}: {reply.body[:REASON_CHARS]}")

    def _post(self, rows: Sequence[Queued]) -> Reply:
        """POST a batch, retrying with backoff while the LRS is unreachable or busy."""
        body = ("[" + ",".join(r.statement for r in rows) + "]").encode("utf-8")
        wait, last = self.backoff, ""
        for attempt in range(max(1, self.attempts)):
            if attempt:
                self.sleep(wait)
                wait = min(wait * 2, MAX_WAIT_S)
            try:
                reply = self.transport.post(self.config.statements_url, body, self._headers())
            except Unreachable as exc:
                last = str(exc)
                continue
            if reply.status == 429 or reply.status >= 500:
                last = f"HTTP {reply.status}"
                if reply.retry_after is not None:
                    wait = min(reply.retry_after, MAX_WAIT_S)
                continue
            return reply
        raise _Stop("unreachable" if not last.startswith("HTTP") else "server", last)

    def _headers(self) -> dict[str, str]:
        token = base64.b64encode(f"{self.config.key}:{self.config.secret}".encode()).decode("ascii")
        return {"Content-Type": "application/json; charset=utf-8", "X-Experience-API-Version": XAPI_VERSION,
                "Authorization": f"Basic {token}"}


def sync(store: Store, config: LrsConfig, **options: object) -> SyncReport:
    """Send the outbox of ``store`` to the LRS of ``config`` (see ``Sender`` for the options)."""
    return Sender(store, config, **options).run()  # type: ignore[arg-type]


def rejection_reason(reply: Reply) -> str:
    """The LRS's reason in one line: pydantic's field errors when it sent them, else its text."""
    try:
        data = json.loads(reply.body)
    except (json.JSONDecodeError, ValueError):
        data = None
    detail = data.get("detail") if isinstance(data, dict) else None
    if isinstance(detail, list):
        parts = []
        for item in detail:
            if isinstance(item, dict):
                where = ".".join(str(p) for p in item.get("loc", [])[2:] if p != "body")
                parts.append(f"{where}: {item.get('msg', '')}" if where else str(item.get("msg", "")))
        text = "; ".join(parts)
    elif isinstance(detail, str):
        text = detail
    else:
        text = " ".join(reply.body.split())
    return f"HTTP {reply.status}: {text}"[:REASON_CHARS]


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
