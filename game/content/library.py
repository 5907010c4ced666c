"""The scenario library: finding, loading and checking the scenario files in a folder."""

from __future__ import annotations

import datetime as _dt
import os
from game.engine.records import dataclass, field
from pathlib import Path

from game.engine.gcpause import without_cyclic_gc
from game.bundled import library_folder
from game.engine.findings import ERROR, WARNING, Finding, ordered
from game.engine.model import LANGUAGES, Lever, Scenario, Text

CATALOGUE_NAME = "levers.yaml"


def default_folder() -> Path:
    """The library folder: $OMGEKEERD_SCENARIOS, else the shipped library (package data)."""
    configured = os.environ.get("OMGEKEERD_SCENARIOS")
    if configured:
        return Path(configured)
    return library_folder()


def display_path(path: Path | str) -> str:
    """A path as a trainer would type it: relative to the working folder where possible."""
    absolute = os.path.abspath(path)
    here = os.getcwd()
    if absolute.startswith(here + os.sep):
        return os.path.relpath(absolute, here)
    return str(path)


@dataclass
class Entry:
    """One scenario file of the library: its scenario when it loads cleanly, and its findings."""

    path: str
    scenario: Scenario | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not any(f.is_error for f in self.findings)


@dataclass
class Library:
    """The scenario folder as loaded: the lever catalogue (with its findings) and every file's entry."""

    folder: Path
    catalogue: dict[str, Lever]
    catalogue_findings: list[Finding]
    entries: list[Entry]

    def playable(self) -> list[Scenario]:
        """Scenarios without errors, in file order."""
        return [e.scenario for e in self.entries if e.ok and e.scenario]

    def broken(self) -> list[Entry]:
        return [e for e in self.entries if not e.ok]

    def find(self, scenario_id: str) -> Entry | None:
        for entry in self.entries:
            if entry.scenario and entry.scenario.id == scenario_id:
                return entry
            if Path(entry.path).stem == scenario_id:
                return entry
        return None

    def findings(self) -> list[Finding]:
        return self.catalogue_findings + [f for e in self.entries for f in e.findings]


def scenario_files(folder: Path) -> list[Path]:
    """The scenario files of a folder (every .yaml/.yml except the lever catalogue)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix in (".yaml", ".yml") and p.name != CATALOGUE_NAME and p.is_file())


def catalogue_for(path: Path) -> tuple[dict[str, Lever], list[Finding]]:
    """The lever catalogue that applies to a scenario file: beside it, else the library's, else the shipped one."""
    for candidate in (path.parent / CATALOGUE_NAME, default_folder() / CATALOGUE_NAME,
                      library_folder() / CATALOGUE_NAME):
        if candidate.is_file():
            return _catalogue(candidate)
    return {}, [Finding(display_path(path.parent / CATALOGUE_NAME), 0, "warning",
                        "there is no lever catalogue: no levers.yaml beside the scenarios, in the library "
                        "or shipped with Omgekeerd",
                        "copy scenarios/levers.yaml of Omgekeerd into this folder, or give the scenarios "
                        "their own levers: (docs/scenario-format.md, section 12)")]




# -- the lever catalogue kept between runs -------------------------------------------------------------
# As JSON in the user cache folder: used only for the same bytes (their checksum), shown under the same path,
# read by the same engine code (game.content.kept.code_fingerprint); anything else is read again.

CATALOGUE_FORMAT = 2  # 2: findings as the listing keeps them


def _catalogue(candidate: Path) -> tuple[dict[str, Lever], list[Finding]]:
    """The catalogue in ``candidate``, from the kept copy when it was read before, else read (and kept)."""
    import hashlib

    from game.content.kept import catalogue_records, code_fingerprint, read_bytes
    from game.engine import loader
    from game.engine.loader import load_catalogue
    from game.engine.source import MAX_BYTES

    shown = display_path(candidate)
    data = read_bytes(candidate, MAX_BYTES)
    if data is None:
        return load_catalogue(shown)  # says what is wrong with the file
    records = catalogue_records()
    if records is None:
        return load_catalogue(shown, data)
    stamp = [CATALOGUE_FORMAT, shown, hashlib.sha256(data).hexdigest(),
             code_fingerprint(Path(loader.__file__).parent)]
    name = "catalogue-" + hashlib.sha256(str(candidate.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    found = _catalogue_from(records.get(name), stamp)
    if found is not None:
        return found
    levers, findings = load_catalogue(shown, data)
    records.put(name, {"stamp": stamp, "levers": [_lever_record(lever) for lever in levers.values()],
                       "findings": [_finding_record(f) for f in findings]})
    return levers, findings


def _text_record(text: Text) -> list[object]:
    return [dict(text.values), dict(text.where)]


def _lever_record(lever: Lever) -> list[object]:
    return [lever.id, _text_record(lever.title), _text_record(lever.explain), lever.line, lever.path, lever.source,
            lever.valid_from.isoformat() if lever.valid_from else None,
            lever.valid_until.isoformat() if lever.valid_until else None]


def _text_of(value: object) -> Text:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError("not a text")
    values: object = value[0]
    where: object = value[1]
    if not isinstance(values, dict) or not isinstance(where, dict) or \
            not all(isinstance(k, str) and (isinstance(v, str) or (isinstance(v, list) and
                                                                   all(isinstance(i, str) for i in v)))
                    for k, v in values.items()) or \
            not all(isinstance(k, str) and type(v) is int for k, v in where.items()):
        raise ValueError("not a text")
    return Text(values, where)


def _date_of(value: object) -> _dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("not a date")
    return _dt.date.fromisoformat(value)


def _finding_record(finding: Finding) -> dict[str, object]:
    """A finding as the kept listing and catalogue hold it."""
    return {"path": finding.path, "line": finding.line, "severity": finding.severity, "message": finding.message,
            "hint": finding.hint, "knock_on": finding.knock_on}


def _finding_of(value: object) -> Finding:
    """A kept finding back; ValueError when it is not one."""
    if not isinstance(value, dict) or set(value) != {"path", "line", "severity", "message", "hint", "knock_on"} or \
            not (isinstance(value["path"], str) and type(value["line"]) is int and
                 value["severity"] in (ERROR, WARNING) and isinstance(value["message"], str) and
                 isinstance(value["hint"], str) and isinstance(value["knock_on"], bool)):
        raise ValueError("not a finding")
    return Finding(value["path"], value["line"], value["severity"], value["message"], value["hint"],
                   value["knock_on"])


def _catalogue_from(record: object, stamp: list[object]) -> tuple[dict[str, Lever], list[Finding]] | None:
    """The kept catalogue when the record is well formed and for exactly this stamp, else None."""
    if not isinstance(record, dict) or record.get("stamp") != stamp:
        return None
    try:
        levers: dict[str, Lever] = {}
        for lever_id, title, explain, line, where, source, valid_from, valid_until in record["levers"]:
            if not (isinstance(lever_id, str) and type(line) is int and isinstance(where, str) and
                    isinstance(source, str)) or lever_id in levers:
                return None
            levers[lever_id] = Lever(lever_id, _text_of(title), _text_of(explain), line, where, source,
                                     _date_of(valid_from), _date_of(valid_until))
        findings = [_finding_of(item) for item in record["findings"]]
    except (KeyError, TypeError, ValueError):
        return None
    return levers, findings


def check_file(path: Path, catalogue: dict[str, Lever], play: bool = True) -> Entry:
    """Load and validate one scenario file; whatever is wrong in it stays in its own entry.

    ``play``: also build the play machine now, so the first choice is quick; checking and analysing
    alone (``validate``, ``analyze``, ``graph``) leave it, and the state machine library, unloaded.
    """
    with without_cyclic_gc():
        return _checked(path, catalogue, play)


def _checked(path: Path, catalogue: dict[str, Lever], play: bool = True) -> Entry:
    from game.engine.loader import load_scenario, unexpected  # loaded on first use: the window's first
    from game.engine.validator import validate  # frame needs none of them

    shown = display_path(path)
    scenario, findings = load_scenario(shown, catalogue)
    if scenario is not None:
        try:
            findings = findings + validate(scenario)
        except Exception as exc:
            findings = findings + [unexpected(shown, exc, "checking this scenario")]
    if scenario is not None and Path(path).stem != scenario.id and scenario.id:
        findings.append(Finding(shown, scenario.lines.get("id", 1), "warning",
                                f'the id "{scenario.id}" differs from the file name "{Path(path).stem}"',
                                f"rename the file to {scenario.id}.yaml or change the id"))
    entry = Entry(shown, scenario, ordered(findings))
    if play and entry.ok and scenario is not None:
        from game.engine.machine import prepare

        prepare(scenario)  # the machine is built at load time, not on the first choice
    return entry


def load_library(folder: Path | None = None, play: bool = True) -> Library:
    """Load every scenario of a folder, with the catalogue and all findings (``play``: as ``check_file``)."""
    folder = folder or default_folder()
    catalogue, catalogue_findings = catalogue_for(folder / "_")
    entries = [check_file(path, catalogue, play) for path in scenario_files(folder)]
    seen: dict[str, str] = {}
    for entry in entries:
        mark_duplicate_id(entry, seen)
    return Library(folder, catalogue, catalogue_findings, entries)


def mark_duplicate_id(entry: Entry, seen: dict[str, str]) -> None:
    """The library rule that every scenario has its own id: a later file than the first with it gets the error
    (``seen``: the path of each id so far, filled in as the files come; the window's loader uses it too)."""
    if entry.scenario is None or not entry.scenario.id:
        return
    first = seen.setdefault(entry.scenario.id, entry.path)
    if first != entry.path:
        entry.findings.append(duplicate_id(entry.path, entry.scenario.lines.get("id", 1), entry.scenario.id, first))


def duplicate_id(path: str, line: int, scenario_id: str, first: str) -> Finding:
    """The error of a file whose id an earlier file of the library has."""
    return Finding(path, line, ERROR, f'the id "{scenario_id}" is already used by {first}',
                   "give every scenario in the library its own id")


def resolve(name: str, library: Library | None = None, play: bool = True) -> Entry:
    """A SCENARIO argument: a path to a YAML file, or the id of a library scenario (``play``: as ``check_file``)."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or os.sep in name or path.is_file():
        if not path.exists():
            return Entry(name, None, [Finding(name, 0, ERROR, "no such file", "check the path")])
        if not path.is_file():
            return Entry(name, None, [Finding(name, 0, ERROR, "this is not a scenario file",
                                              "give the path of a .yaml file")])
        catalogue, catalogue_findings = catalogue_for(path)
        checked = check_file(path, catalogue, play)
        checked.findings = [f for f in catalogue_findings if f.is_error] + checked.findings
        return checked
    if library is None:
        direct = _by_file_name(name, play)
        if direct is not None:
            return direct
    library = library or load_library(play=play)
    entry = library.find(name)
    if entry is None:
        from game.engine.findings import did_you_mean
        ids = [e.scenario.id for e in library.entries if e.scenario]
        hint = did_you_mean(name, ids) or "run 'omgekeerd list' to see the library"
        return Entry(name, None, [Finding(name, 0, ERROR, f'no scenario "{name}" in the library', hint)])
    return entry


def find_in_library(scenario_id: str) -> Entry | None:
    """The library scenario with this id: ``<folder>/<id>.yaml`` first, else the whole library is scanned."""
    return _by_file_name(scenario_id) or load_library().find(scenario_id)


def _by_file_name(scenario_id: str, play: bool = True) -> Entry | None:
    """The library scenario ``<folder>/<id>.yaml`` when it exists and has that id (no scan of the folder)."""
    folder = default_folder()
    if not scenario_id or os.sep in scenario_id or scenario_id.startswith("."):
        return None
    for suffix in (".yaml", ".yml"):
        path = folder / f"{scenario_id}{suffix}"
        if path.is_file() and path.name != CATALOGUE_NAME:
            catalogue, _catalogue_findings = catalogue_for(folder / "_")
            entry = check_file(path, catalogue, play)
            if entry.scenario is not None and entry.scenario.id == scenario_id:
                return entry
            return None
    return None


# -- the listing cache: ``list`` without loading every file again ----------------------------------

LISTING_FORMAT = 2  # raise when what a listing holds changes


@dataclass(frozen=True)
class Listed:
    """What ``list`` shows of one library file: its name, id, title and first error."""

    stem: str
    scenario_id: str
    title: dict[str, str]
    ok: bool
    first_error: Finding | None

    def title_in(self, lang: str) -> str:
        """The title in ``lang``, falling back to Dutch (as ``Text.get``)."""
        return self.title.get(lang, self.title.get("nl", ""))


@dataclass(frozen=True)
class _Own:
    """A file's listing as its own check gives it, before the library's rule that ids differ."""

    listed: Listed
    path: str  # as findings show it
    id_line: int


def _own(entry: Entry) -> _Own:
    scenario = entry.scenario
    title = {lang: scenario.title.get(lang) for lang in LANGUAGES} if scenario else {}
    first = next((f for f in entry.findings if f.is_error), None)
    return _Own(Listed(Path(entry.path).stem, scenario.id if scenario else "", title, entry.ok, first), entry.path,
                scenario.lines.get("id", 1) if scenario else 1)


def _with_duplicates(own: list[_Own]) -> list[Listed]:
    """The listing with ``mark_duplicate_id``'s rule applied: a later file with an earlier file's id is broken."""
    seen: dict[str, str] = {}
    listing = []
    for item in own:
        listed = item.listed
        first = seen.setdefault(listed.scenario_id, item.path) if listed.scenario_id else item.path
        if first != item.path:
            error = listed.first_error or duplicate_id(item.path, item.id_line, listed.scenario_id, first)
            listed = Listed(listed.stem, listed.scenario_id, listed.title, False, error)
        listing.append(listed)
    return listing


def _head(folder: Path) -> list[object]:
    """What every file's listing depends on: the format, the working folder, the catalogues' name, mtime and size."""
    catalogues = [p for p in (folder / CATALOGUE_NAME, library_folder() / CATALOGUE_NAME) if p.is_file()]
    return [LISTING_FORMAT, os.getcwd(), str(folder.resolve())] + \
        [[str(p), p.stat().st_mtime_ns, p.stat().st_size] for p in catalogues]


def _cache_file(folder: Path) -> Path:
    import hashlib

    from game.content.kept import cache_folder

    name = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_folder() / f"listing-{name}.json"




def _kept_files(data: object, head: list[object]) -> dict[str, tuple[list[object], _Own]]:
    """Each file's kept listing by path with its (mtime, size), when the cache is for this head; else none."""
    if not isinstance(data, dict) or data.get("stamp") != head or not isinstance(data.get("files"), dict):
        return {}
    kept = {}
    for path, item in data["files"].items():
        try:
            error = item["first_error"]
            listed = Listed(str(item["stem"]), str(item["id"]), {str(k): str(v) for k, v in item["title"].items()},
                            item["ok"] is True, _finding_of(error) if error else None)
            if not (isinstance(item["file"], list) and isinstance(item["shown"], str) and
                    type(item["id_line"]) is int):
                continue
            kept[str(path)] = (item["file"], _Own(listed, item["shown"], item["id_line"]))
        except (KeyError, TypeError, AttributeError, ValueError):
            continue
    return kept


def library_listing(folder: Path | None = None) -> list[Listed]:
    """What ``list`` shows, each file from the cache (JSON in the user cache folder) while it is unchanged.

    A changed file is checked again, the others are not; a changed lever catalogue or working folder
    checks them all. The ids are compared across the library each time. A cache that cannot be read
    or does not match is ignored and written again.
    """
    import json

    from game.content.kept import read_json, write_json

    folder = folder or default_folder()
    try:
        files = scenario_files(folder)
        stamps: dict[str, list[object]] = {str(p): [p.stat().st_mtime_ns, p.stat().st_size] for p in files}
        head, cache = _head(folder), _cache_file(folder)
    except OSError:
        return [_own(entry).listed for entry in load_library(folder, play=False).entries]
    kept = _kept_files(read_json(cache), json.loads(json.dumps(head)))
    catalogue: dict[str, Lever] | None = None
    own: list[tuple[list[object], _Own]] = []
    changed = len(kept) != len(files)
    for path in files:
        found = kept.get(str(path))
        if found is not None and found[0] == stamps[str(path)]:
            own.append(found)
            continue
        if catalogue is None:
            catalogue = catalogue_for(folder / "_")[0]
        own.append((stamps[str(path)], _own(check_file(path, catalogue, play=False))))
        changed = True
    if changed:  # when writing fails: no cache this time, the listing is right either way
        write_json(cache, {"stamp": head, "files": {
            str(path): {"file": stamp, "shown": item.path, "id_line": item.id_line, "stem": item.listed.stem,
                        "id": item.listed.scenario_id, "title": item.listed.title, "ok": item.listed.ok,
                        "first_error": item.listed.first_error and _finding_record(item.listed.first_error)}
            for path, (stamp, item) in zip(files, own, strict=True)}})
    return _with_duplicates([item for _stamp, item in own])
