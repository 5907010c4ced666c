"""The room's web server: aiohttp in a background thread, serving the phone page and the room's API only.

Routes (nothing else is served: no store, no files, no directory listing):
``GET /`` the phone page; ``GET /static/phone.js`` and ``/static/phone.css``; ``GET /api/strings``;
``POST /api/join`` (room code -> token); ``GET /api/state`` (state; long-polls with ``since``);
``GET /api/live`` (WebSocket: the state after every change); ``POST /api/vote``; ``POST /api/reason``.
Every API request carries the room code, and all but join the phone's token; a refusal is a
JSON ``{"error": key, "message": text}`` with a 4xx status, and changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from game.engine.records import dataclass
from importlib import resources
from typing import Any
from collections.abc import Awaitable, Callable

from aiohttp import WSMsgType, web

from game.i18n import LANGUAGES, catalogue, t
from game.workshop.address import lan_address
from game.workshop.room import Room, RoomError

log = logging.getLogger(__name__)
MAX_BODY = 2_048  # bytes: a vote or a 140-character reason fits many times over
LONG_POLL_S = 20.0
STATIC = {"phone.js": "application/javascript", "phone.css": "text/css"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                               " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def page_strings() -> dict[str, dict[str, str]]:
    """Every phone-page string (and the room's error messages) per language, keys without ``workshop.``."""
    keys = [k for k in catalogue() if k.startswith(("workshop.page.", "workshop.error."))]
    result: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        texts: dict[str, str] = {}
        for key in keys:
            entry = catalogue()[key]
            value = entry.get(lang) or entry.get("nl")
            if isinstance(value, dict):
                for form, text in value.items():
                    texts[f"{key[len('workshop.'):]}.{form}"] = text
            else:
                texts[key[len("workshop."):]] = str(value)
        result[lang] = texts
    return result


def _error(key: str, status: int, lang: str) -> web.Response:
    return web.json_response({"error": key, "message": t(f"workshop.error.{key}", lang)}, status=status)


@dataclass(frozen=True)
class Address:
    """Where the room listens."""

    host: str
    port: int

    def url(self, code: str | None = None) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/" + (f"?code={code}" if code else "")


WILDCARDS = ("0.0.0.0", "::", "")  # listen on every interface: no phone can open such an address


def join_host(host: str, lan: Callable[[], str] | None = None) -> str:
    """The host a phone should open: the bound one, or this laptop's LAN address when bound to every interface."""
    if host in WILDCARDS:
        return (lan or lan_address)()
    return host


class RoomServer:
    """The room's server in its own thread and event loop: ``start(host, port)``, ``stop()``."""

    def __init__(self, room: Room, clock: Callable[[], float] = time.monotonic) -> None:
        self.room = room
        self.clock = clock
        self.address: Address | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._tick: asyncio.Event | None = None
        self._files = {name: (resources.files("game.workshop") / "static" / name).read_bytes()
                       for name in ("index.html", *STATIC)}
        self._strings = json.dumps(page_strings(), ensure_ascii=False)

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self, host: str | None = None, port: int = 8080) -> Address:
        """Bind (default: the LAN address) and serve in a background thread; returns the bound address."""
        if self._thread is not None:
            raise RuntimeError("the room's server is already running")
        ready = threading.Event()
        failure: list[BaseException] = []
        bind_host = host or lan_address()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._serve(bind_host, port))
            except BaseException as exc:  # noqa: BLE001 - reported to start(); the thread ends
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown())
            loop.close()

        self._thread = threading.Thread(target=run, name="workshop-room", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            self._thread = None
            raise failure[0]
        assert self.address is not None
        return self.address

    async def _serve(self, host: str, port: int) -> None:
        self._tick = asyncio.Event()
        self.room.subscribe(self._listener)
        self._runner = web.AppRunner(self._app(), access_log=None)  # no access log: no addresses kept
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0]
        self.address = Address(join_host(host), int(bound[1]))

    async def _shutdown(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def stop(self) -> None:
        """Stop serving (open connections are closed) and wait for the thread."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if self._tick is not None:
            loop.call_soon_threadsafe(self._changed)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        self.room.unsubscribe(self._listener)
        self._thread = None
        self._loop = None

    def _listener(self) -> None:
        """Called by the room from any thread after a change: wake the loop (if it still runs)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed in between
                loop.call_soon_threadsafe(self._changed)

    def _changed(self) -> None:
        """On the loop: wake every waiting long-poll and WebSocket."""
        if self._tick is not None:
            old, self._tick = self._tick, asyncio.Event()
            old.set()

    # -- the application -----------------------------------------------------------------------
    def _app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        app.router.add_get("/", self._page)
        for name in STATIC:
            app.router.add_get(f"/static/{name}", self._static)
        app.router.add_get("/api/strings", self._api_strings)
        app.router.add_post("/api/join", self._api_join)
        app.router.add_get("/api/state", self._api_state)
        app.router.add_get("/api/live", self._api_live)
        app.router.add_post("/api/vote", self._api_vote)
        app.router.add_post("/api/reason", self._api_reason)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Rate limits, same-origin checks, JSON errors and security headers for every request."""
        lang = self.room.lang
        try:
            if request.path.startswith("/api/"):
                self.room.admit("address", request.remote or "?", self.clock())
                self._check_origin(request)
            response = await handler(request)
        except RoomError as exc:
            response = _error(exc.key, exc.status, lang)
        except web.HTTPRequestEntityTooLarge:
            response = _error("too_large", 413, lang)
        except web.HTTPNotFound:
            response = _error("not_found", 404, lang)
        except web.HTTPMethodNotAllowed:
            response = _error("not_found", 405, lang)
        except web.HTTPException:
            raise
        except Exception:  # a bug must not leak a traceback to a phone; the room goes on
            log.exception("workshop request failed")
            response = _error("server_error", 500, lang)
        if not response.prepared:
            response.headers.update(SECURITY_HEADERS)
        return response

    @staticmethod
    def _check_origin(request: web.Request) -> None:
        """A browser's cross-site request (another page posting to the room) is refused."""
        origin = request.headers.get("Origin")
        if origin and origin not in (f"http://{request.host}", f"https://{request.host}"):
            raise RoomError("foreign_origin", 403)

    async def _page(self, _request: web.Request) -> web.Response:
        return web.Response(body=self._files["index.html"], content_type="text/html", charset="utf-8")

    async def _static(self, request: web.Request) -> web.Response:
        name = request.path.rsplit("/", 1)[-1]
        return web.Response(body=self._files[name], content_type=STATIC[name], charset="utf-8")

    async def _api_strings(self, _request: web.Request) -> web.Response:
        return web.Response(text=self._strings, content_type="application/json")

    # -- the API --------------------------------------------------------------------------------
    async def _body(self, request: web.Request) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise RoomError("bad_request", 415)
        try:
            data = await request.json()
        except web.HTTPRequestEntityTooLarge:
            raise
        except (ValueError, UnicodeDecodeError):
            raise RoomError("bad_request", 400) from None
        if not isinstance(data, dict) or not all(isinstance(v, (str, int, type(None))) for v in data.values()):
            raise RoomError("bad_request", 400)
        return data

    def _phone(self, code: object, token: object) -> str:
        """Check the room code and the phone's token, and the phone's rate limit; returns the token."""
        if not isinstance(code, str) or not isinstance(token, str):
            raise RoomError("bad_request", 400)
        self.room.check(code, token)
        self.room.admit("phone", token, self.clock())
        return token

    async def _api_join(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        code = data.get("code")
        if not isinstance(code, str):
            raise RoomError("bad_request", 400)
        self.room.admit("join", request.remote or "?", self.clock())
        token = self.room.join(code, self.clock())
        return web.json_response({"token": token, "code": self.room.code, "state": self.room.phone_state(token)})

    async def _api_state(self, request: web.Request) -> web.Response:
        token = self._phone(request.query.get("code"), request.query.get("token"))
        since = request.query.get("since", "")
        if since.isdigit() and int(since) >= self.room.version and self._tick is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._tick.wait(), LONG_POLL_S)
        self.room.check(request.query.get("code", ""), token)
        return web.json_response(self.room.phone_state(token))

    async def _api_live(self, request: web.Request) -> web.StreamResponse:
        token = self._phone(request.query.get("code"), request.query.get("token"))
        ws = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_BODY)
        await ws.prepare(request)
        reader = asyncio.ensure_future(self._drain(ws))
        try:
            while not ws.closed and not reader.done():
                tick = self._tick
                if not self.room.has_phone(token):
                    await ws.send_json({"closed": True})
                    break
                await ws.send_json(self.room.phone_state(token))
                assert tick is not None
                waiter = asyncio.ensure_future(tick.wait())
                done, _ = await asyncio.wait({reader, waiter}, return_when=asyncio.FIRST_COMPLETED)
                if waiter not in done:
                    waiter.cancel()
        except (ConnectionResetError, RuntimeError):
            pass
        finally:
            reader.cancel()
            await ws.close()
        return ws

    @staticmethod
    async def _drain(ws: web.WebSocketResponse) -> None:
        """Read (and ignore) what a phone sends until it closes; phones vote over HTTP."""
        async for message in ws:
            if message.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                return

    async def _api_vote(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        token = self._phone(data.get("code"), data.get("token"))
        choice = data.get("choice")
        if not isinstance(choice, str):
            raise RoomError("bad_request", 400)
        changed = self.room.vote(token, choice)
        return web.json_response({"ok": True, "changed": changed, "state": self.room.phone_state(token)})

    async def _api_reason(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        token = self._phone(data.get("code"), data.get("token"))
        text = data.get("reason")
        if not isinstance(text, str):
            raise RoomError("bad_request", 400)
        cleaned = self.room.give_reason(token, text)
        return web.json_response({"ok": True, "reason": cleaned, "state": self.room.phone_state(token)})
