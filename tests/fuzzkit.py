"""Fuzz cases for tests/test_fuzz.py and benchmarks/fuzz.py: scenario files built, broken, mutated; one checked run.

A case is the bytes of one scenario file: built from random parts (mostly valid, with loops,
conditions, odd numbers and dates), then perhaps broken as text, or a library file mutated
byte by byte and line by line. ``run_case`` loads, validates (with the scoring smells),
analyses and plays it with a scripted route, and reports what a tester would count: an
exception that escaped, a finding without a line, an internal fault turned into a finding,
and the seconds each stage took (validate, analyze, play with its debrief).
"""

from __future__ import annotations

import random
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "scenarios"
MAX_PLAY_STEPS = 300  # a scripted play stops after this many choices (a loop may go on for ever)
FAULT_MARKS = ("could not finish", "Omgekeerd could not")  # our own catch-alls: a bug, not a finding

WORDS = ("melding", "bellen", "brief", "gesprek", "Sandra", "huur", "schuld", "regel", "ruimte", "besluit",
         "wachten", "Nee", "no", "on", "1:30", "017", "0x1F", "ééé", "€ 12,50", "**vet**", "*schuin*", "\\e[2J")
METRICS = ("trust", "legality", "ownership", "security", "efficiency", "justification", "self_reliance", "schuld")
ODD_NUMBERS = ("1e400", ".inf", "-.inf", ".nan", "9" * 30, "1" + "0" * 500, "0o17", "2.5", "-0", "1_000")
CONTROL = ("\x00", "\x07", "\x1b", "\x1b[2J", "\x9b", "\u202e", "\r", "\t", "\ufeff")


@dataclass
class Outcome:
    """What one case did."""

    escaped: str = ""  # an exception that escaped loading, validating, analysing or playing (with traceback)
    faults: list[str] = field(default_factory=list)  # internal faults that became findings
    without_line: list[str] = field(default_factory=list)  # findings of the file without a line
    seconds: float = 0.0  # the slowest stage
    stages: dict[str, float] = field(default_factory=dict)  # validate | analyze | play (with the debrief)
    playable: bool = False
    findings: int = 0


# -- building -----------------------------------------------------------------------------------

def _text(rng: random.Random) -> dict[str, str] | str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8)))
    return {"nl": words, "en": words} if rng.random() < 0.7 else words


def _condition(rng: random.Random, flags: list[str], situations: list[str], depth: int = 0) -> dict[str, object]:
    kind = rng.choice(("flag", "metric", "visited", "not", "all", "any") if depth < 2 else ("flag", "metric"))
    if kind == "flag":
        return {"flag": rng.choice(flags)}
    if kind == "metric":
        return {"metric": rng.choice(METRICS[:4]), rng.choice(("gte", "lt", "eq")): rng.randint(-3, 3)}
    if kind == "visited":
        return {"visited": rng.choice(situations)}
    if kind == "not":
        return {"not": _condition(rng, flags, situations, depth + 1)}
    return {kind: [_condition(rng, flags, situations, depth + 1) for _ in range(rng.randint(1, 3))]}


def build_scenario(rng: random.Random) -> str:
    """The YAML text of a random scenario: mostly valid, often with loops, conditions and odd values."""
    situations = [f"s{i}" for i in range(rng.randint(1, 8))]
    endings = [f"e{i}" for i in range(rng.randint(1, 3))]
    flags = [f"vlag_{i}" for i in range(rng.randint(1, 4))]
    data: dict[str, object] = {"format": 1, "id": "fuzz", "title": _text(rng), "start": situations[0]}
    metrics = list(METRICS[:-1])
    if rng.random() < 0.3:
        metrics.append("schuld")
        data["metrics"] = {"schuld": {"label": {"nl": "Schuld"}, "axis": rng.choice(("rules", "resident", "none")),
                                      "start": 0, "min": -rng.randint(0, 1000), "max": rng.randint(0, 100000)}}
    if rng.random() < 0.2:
        data["date"] = rng.choice(("2026-03-01", "2026-03-01 10:00:00", "2026-02-30", "gisteren"))
    body: dict[str, object] = {}
    for index, situation_id in enumerate(situations):
        later = situations[index + 1:] + endings
        if rng.random() < 0.15 and index + 1 < len(situations):
            routes: list[dict[str, object]] = [{"if": _condition(rng, flags, situations), "goto": rng.choice(later)}]
            routes.append({"goto": rng.choice(later)})
            body[situation_id] = {"text": _text(rng), "next": routes}
            continue
        choices = []
        for number in range(rng.randint(1, 4)):
            target = later[0] if number == 0 else rng.choice(later)  # the first choice keeps the chain going
            if number and rng.random() < 0.15:
                target = rng.choice(situations[: index + 1])  # a loop back
            choice: dict[str, object] = {"id": f"k{number}", "text": _text(rng), "goto": target}
            effects = {m: rng.randint(-3, 3) for m in rng.sample(metrics, rng.randint(0, 3))}
            if effects:
                choice["effects"] = effects
            if rng.random() < 0.3:
                choice["set"] = [rng.choice(flags)]
            if rng.random() < 0.25:
                choice["requires"] = _condition(rng, flags, situations)
            choices.append(choice)
        body[situation_id] = {"text": _text(rng), "choices": choices}
    data["situations"] = body
    data["endings"] = {e: {"title": _text(rng), "text": _text(rng)} for e in endings}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    if rng.random() < 0.2:  # an odd number where an effect goes
        text = _EFFECT.sub(lambda m: m.group(1) + rng.choice(ODD_NUMBERS), text, count=1)
    return text


_EFFECT = re.compile(r"((?:trust|legality|ownership|security|efficiency|justification|self_reliance|schuld): )-?[0-9]+")


# -- breaking ----------------------------------------------------------------------------------

def break_text(rng: random.Random, text: str) -> str:
    """The text with one to three edits a careless hand or a bad copy makes."""
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(rng.randint(1, 3)):
        where = rng.randrange(len(lines))
        action = rng.randrange(9)
        if action == 0:
            del lines[where]
        elif action == 1:
            lines.insert(where, lines[where])
        elif action == 2:
            lines[where] = " " * rng.randint(1, 5) + lines[where]
        elif action == 3:
            lines[where] = lines[where].replace("goto: ", rng.choice(('goto: ""', "goto: ' '", "goto: x")) + " ", 1)
        elif action == 4:
            cut = rng.randrange(len(lines[where]) + 1)
            lines[where] = lines[where][:cut] + rng.choice(CONTROL) + lines[where][cut:]
        elif action == 5:
            lines[where] = lines[where].replace(":", rng.choice(("", " :", "::", ": &a", ": *a", ": !!python/none")), 1)
        elif action == 6:
            lines[where] = lines[where][: rng.randrange(len(lines[where]) + 1)] + "\n"
        elif action == 7:
            lines[where] = lines[where].replace("1", rng.choice(ODD_NUMBERS), 1)
        else:
            other = rng.randrange(len(lines))
            lines[where], lines[other] = lines[other], lines[where]
        if not lines:
            lines = [""]
    return "".join(lines)


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """Bytes with a few flipped, inserted or removed (a damaged copy)."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not buffer:
            break
        where = rng.randrange(len(buffer))
        action = rng.randrange(3)
        if action == 0:
            buffer[where] = rng.randrange(256)
        elif action == 1:
            buffer[where:where] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        else:
            del buffer[where:where + rng.randint(1, 40)]
    return bytes(buffer)


def library_texts() -> list[bytes]:
    """The library's scenario files, to mutate."""
    return [p.read_bytes() for p in sorted(LIBRARY.glob("*.yaml")) if p.name != "levers.yaml"]


def make_case(rng: random.Random, library: list[bytes]) -> bytes:
    """One fuzz case: a built scenario (perhaps broken), or a library file broken or damaged."""
    kind = rng.randrange(4)
    if kind == 0:
        return build_scenario(rng).encode("utf-8")
    if kind == 1:
        return break_text(rng, build_scenario(rng)).encode("utf-8")
    source = rng.choice(library)
    if kind == 2:
        return break_text(rng, source.decode("utf-8")).encode("utf-8")
    return mutate_bytes(rng, source)


# -- running -----------------------------------------------------------------------------------

def run_case(data: bytes, folder: Path, rng: random.Random) -> Outcome:
    """Load, validate (with smells), analyse and play one case; never raises."""
    from game.content.library import catalogue_for, check_file
    from game.engine.session import Session
    from scoring.analysis import analyse
    from scoring.debrief import build_debrief
    from scoring.smells import with_smells

    outcome = Outcome()
    path = folder / "fuzz.yaml"
    path.write_bytes(data)
    clock = time.monotonic()
    try:
        catalogue, _ = catalogue_for(path)
        entry = check_file(path, catalogue)
        findings = with_smells(entry)
        outcome.stages["validate"], clock = time.monotonic() - clock, time.monotonic()
        outcome.findings = len(findings)
        for finding in findings:
            shown = str(finding)
            if any(mark in shown for mark in FAULT_MARKS):
                outcome.faults.append(shown)
            if finding.line < 1:
                outcome.without_line.append(shown)
        if entry.ok and entry.scenario is not None:
            outcome.playable = True
            analysis = analyse(entry.scenario)
            outcome.stages["analyze"], clock = time.monotonic() - clock, time.monotonic()
            session = Session(entry.scenario)
            for _ in range(MAX_PLAY_STEPS):
                options = [option for option in session.choices if option.available]
                if session.finished or not options:
                    break
                session.choose(rng.choice(options).id)
            build_debrief(session, analysis)
            outcome.stages["play"] = time.monotonic() - clock
    except Exception:  # counting what escapes is the point
        outcome.escaped = traceback.format_exc()
    outcome.seconds = max(outcome.stages.values(), default=0.0)
    return outcome
