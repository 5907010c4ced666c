"""Benchmark the workshop room on loopback: 40 phones voting at once, and the server idle with 40 phones connected.

Figures: the time from the last vote sent to the updated count on the facilitator's side
(the room, which the projector reads), and to the live update on every phone's WebSocket
(p50/p95 over many rounds of 40 simultaneous votes); the server's CPU while idle with 40
phones connected by WebSocket (the server runs in its own process, measured from /proc).

Run: .venv/bin/python benchmarks/bench_workshop.py [--idle-seconds 30]   (prints figures; asserts nothing)
Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp

from game.content.library import resolve
from game.engine.session import Session
from game.workshop.room import Limit, Limits, Room
from game.workshop.server import Address, RoomServer

EXAMPLE = Path(__file__).resolve().parent.parent / "scenarios" / "examples" / "huurachterstand.yaml"
PHONES = 40
TRIALS = 60


def open_room() -> tuple[Room, RoomServer, Address]:
    entry = resolve(str(EXAMPLE))
    assert entry.scenario is not None
    # On loopback all 40 phones share one address; in a venue each has its own, so lift only that limit.
    room = Room(Session(entry.scenario), time.monotonic(), limits=Limits(address=Limit(burst=10_000, rate=10_000)))
    server = RoomServer(room)
    return room, server, server.start("127.0.0.1", 0)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# -- 40 phones voting at once ---------------------------------------------------------------------

class Phone:
    """One simulated phone: a token, a WebSocket that records when each state version arrives."""

    def __init__(self, client: aiohttp.ClientSession, address: Address, code: str) -> None:
        self.client, self.base, self.code = client, address.url(), code
        self.token = ""
        self.arrived: dict[int, float] = {}

    async def join(self) -> None:
        async with self.client.post(self.base + "api/join", json={"code": self.code}) as response:
            self.token = (await response.json())["token"]

    async def listen(self) -> None:
        url = f"{self.base}api/live?code={self.code}&token={self.token}"
        async with self.client.ws_connect(url) as ws:
            async for message in ws:
                data: dict[str, Any] = message.json()
                if "version" in data:
                    self.arrived.setdefault(data["version"], time.perf_counter())

    async def vote(self, choice: str) -> float:
        sent = time.perf_counter()
        async with self.client.post(self.base + "api/vote",
                                    json={"code": self.code, "token": self.token, "choice": choice}) as response:
            await response.read()
        return sent


async def votes_at_once(room: Room, address: Address) -> tuple[list[float], list[float]]:
    seen: dict[str, float] = {}
    target = {"choice": ""}

    def facilitator() -> None:  # runs in the server thread after every change, as the projector's check would
        if target["choice"] and "at" not in seen and room.counts().get(target["choice"]) == PHONES:
            seen["at"] = time.perf_counter()

    room.subscribe(facilitator)
    to_room: list[float] = []
    to_phones: list[float] = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=PHONES + 10)) as client:
        phones = [Phone(client, address, room.code) for _ in range(PHONES)]
        for phone in phones:
            await phone.join()
        listeners = [asyncio.create_task(p.listen()) for p in phones]
        await asyncio.sleep(0.5)
        room.open_vote()
        choices = [o.id for o in room.session.choices if o.available]
        for trial in range(TRIALS):
            choice = choices[trial % len(choices)]
            seen.clear()
            target["choice"] = choice
            sent = await asyncio.gather(*(p.vote(choice) for p in phones))
            last = max(sent)
            final = room.version
            deadline = time.perf_counter() + 10
            while "at" not in seen or not all(final in p.arrived for p in phones):
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"round {trial}: counts {room.counts()} never reached {PHONES} for {choice}")
                await asyncio.sleep(0.001)
            to_room.append(seen["at"] - last)
            to_phones.append(max(p.arrived[final] for p in phones) - last)
            await asyncio.sleep(0.2)  # stay under each phone's own rate limit (10 a second)
        for task in listeners:
            task.cancel()
    room.unsubscribe(facilitator)
    return to_room, to_phones


def bench_votes() -> None:
    room, server, address = open_room()
    try:
        to_room, to_phones = asyncio.run(votes_at_once(room, address))
    finally:
        room.close()
        server.stop()
    for name, samples in (("facilitator's side (the room's count)", to_room), ("every phone's live update", to_phones)):
        print(f"{PHONES} phones voting at once, last vote -> {name}: "
              f"p50 {statistics.median(samples) * 1000:.1f} ms, p95 {percentile(samples, 0.95) * 1000:.1f} ms, "
              f"max {max(samples) * 1000:.1f} ms over {len(samples)} rounds (target p95 < 200 ms)")


# -- the server idle with 40 phones connected ---------------------------------------------------------

def serve_forever() -> None:
    """(in the child process) open a room, print its port and code, serve until stdin closes."""
    room, server, address = open_room()
    print(address.port, room.code, flush=True)
    sys.stdin.read()
    room.close()
    server.stop()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def hold_phones(address: Address, code: str, seconds: float, pid: int) -> float:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=PHONES + 10)) as client:
        phones = [Phone(client, address, code) for _ in range(PHONES)]
        for phone in phones:
            await phone.join()
        listeners = [asyncio.create_task(p.listen()) for p in phones]
        await asyncio.sleep(2.0)
        assert all(p.arrived for p in phones), "not every phone is connected"
        before, started = cpu_seconds(pid), time.monotonic()
        await asyncio.sleep(seconds)
        used, elapsed = cpu_seconds(pid) - before, time.monotonic() - started
        for task in listeners:
            task.cancel()
    return used / elapsed * 100


def bench_idle(seconds: float) -> None:
    child = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout is not None and child.stdin is not None
        port, code = child.stdout.readline().split()
        percent = asyncio.run(hold_phones(Address("127.0.0.1", int(port)), code, seconds, child.pid))
        print(f"server CPU while idle with {PHONES} phones connected by WebSocket: {percent:.2f} % of one core "
              f"over {seconds:.0f} s (target < 2 %)")
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    args = parser.parse_args()
    if args.serve:
        serve_forever()
        return
    bench_votes()
    bench_idle(args.idle_seconds)


if __name__ == "__main__":
    main()
