"""Teams on several laptops: a portable, checksummed file of playthroughs, merged without duplicates in any order."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from coachkit import make_cases, play, stepping_clock
from game.store.database import DB_NAME, Store
from game.store.portable import FORMAT, PortableError, canonical, export_text, import_file


def contents(folder: Path) -> list[tuple]:
    """What a store holds, independent of row ids and play order: players, sessions by uid, choices, texts."""
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        sessions = conn.execute(
            "SELECT s.uid, p.name, s.scenario_id, s.content_hash, s.mode, s.lang, s.started, s.updated, s.finished,"
            " s.abandoned, s.ending, s.resident, s.rules, s.quadrant,"
            " (SELECT group_concat(choice_id || '@' || made, ',') FROM (SELECT * FROM choices c"
            "  WHERE c.session_id = s.id ORDER BY seq))"
            " FROM sessions s JOIN players p ON p.id = s.player_id ORDER BY s.uid").fetchall()
        players = conn.execute("SELECT name FROM players ORDER BY name").fetchall()
        texts = conn.execute("SELECT hash FROM contents ORDER BY hash").fetchall()
        return [tuple(players), tuple(texts), *sessions]
    finally:
        conn.close()


@pytest.fixture
def laptops(tmp_path):
    """Two laptops with playthroughs of two cases, exported: (file of A, file of B, cases)."""
    cases = make_cases(tmp_path / "cases", "drie-stappen", "tweede-casus")
    files = []
    for name, start, players in (("a", "2026-11-02T09:00:00", ("anna", "bert")), ("b", "2026-11-03T09:00:00",
                                                                                  ("Anna", "cas"))):
        clock, _ = stepping_clock(start)
        with Store.open(tmp_path / name, clock=clock) as store:
            for player in players:
                play(store, cases["drie-stappen"], player, ["bellen", "luisteren", "maatwerk"])
                play(store, cases["tweede-casus"], player, ["brief"])
            path = tmp_path / f"{name}.json"
            path.write_text(export_text(store), encoding="utf-8")
            files.append(path)
    return files[0], files[1], cases


def merged(folder: Path, *files: Path) -> list[tuple]:
    with Store.open(folder) as store:
        for path in files:
            import_file(store, path)
    return contents(folder)


def test_the_same_files_in_any_order_and_any_number_of_times_give_the_same_store(tmp_path, laptops):
    a, b, _ = laptops
    once = merged(tmp_path / "c1", a, b)
    assert merged(tmp_path / "c2", b, a, a, b) == once
    assert merged(tmp_path / "c3", a, a) == merged(tmp_path / "c4", a)
    players, _texts, *sessions = once
    assert len(sessions) == 8 and [p[0] for p in players] == ["Anna", "bert", "cas"]  # Anna is anna: one player
    with Store.open(tmp_path / "c5") as store:
        first, again = import_file(store, a), import_file(store, a)
    assert (first.added, first.updated, first.known) == (4, 0, 0) and (again.added, again.known) == (0, 4)


def test_a_playthrough_exported_twice_keeps_the_version_further_along_whatever_the_order(tmp_path, laptops):
    _, _, cases = laptops
    clock, _ = stepping_clock()
    with Store.open(tmp_path / "d", clock=clock) as store:
        going = play(store, cases["drie-stappen"], "dirk", ["bellen"])
        early = tmp_path / "early.json"
        early.write_text(export_text(store), encoding="utf-8")
        going.choose("luisteren")
        going.choose("maatwerk")
        going.finish()
        late = tmp_path / "late.json"
        late.write_text(export_text(store), encoding="utf-8")
    forward, backward = merged(tmp_path / "e1", early, late), merged(tmp_path / "e2", late, early)
    assert forward == backward
    (session,) = forward[2:]
    assert session[8] is not None and session[-1].count("@") == 3  # finished, with all three choices
    assert merged(tmp_path / "d", early) == contents(tmp_path / "d")  # its own older copy changes nothing

    document = json.loads(late.read_text(encoding="utf-8"))  # the same uid, further along, but someone else's
    document["payload"]["sessions"][0].update(player="mallory", updated="2027-01-01T00:00:00.000+00:00")
    document["payload"]["sessions"][0]["choices"].append(["extra", "2027-01-01T00:00:00.000+00:00"])
    document["sha256"] = hashlib.sha256(canonical(document["payload"])).hexdigest()
    other = tmp_path / "other.json"
    other.write_text(json.dumps(document), encoding="utf-8")
    before = contents(tmp_path / "e1")
    assert merged(tmp_path / "e1", other) == before  # a session never changes hands


def test_the_file_is_versioned_checksummed_and_carries_pseudonyms_only(tmp_path, laptops):
    a, _, _ = laptops
    document = json.loads(a.read_text(encoding="utf-8"))
    assert document["format"] == FORMAT and document["version"] == 1
    assert document["sha256"] == hashlib.sha256(canonical(document["payload"])).hexdigest()
    entry = document["payload"]["sessions"][0]
    assert set(entry) == {"uid", "player", "background", "scenario", "source", "content_hash", "mode", "lang",
                          "started", "updated", "finished", "abandoned", "ending", "resident", "rules", "quadrant",
                          "choices"}
    assert all("/" not in s["source"] for s in document["payload"]["sessions"])  # a file path travels as its name
    assert str(tmp_path) not in a.read_text(encoding="utf-8")


def refused(store_folder: Path, path: Path) -> PortableError:
    before = contents(store_folder)
    with Store.open(store_folder) as store, pytest.raises(PortableError) as caught:
        import_file(store, path)
    assert contents(store_folder) == before  # nothing already stored is touched
    return caught.value


def test_a_truncated_tampered_foreign_newer_or_malformed_file_is_refused_and_nothing_changes(tmp_path, laptops):
    a, b, _ = laptops
    target = tmp_path / "target"
    merged(target, b)
    text = a.read_text(encoding="utf-8")

    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) // 2], encoding="utf-8")
    assert refused(target, cut).key == "truncated"

    tampered = tmp_path / "tampered.json"
    tampered.write_text(text.replace('"luisteren"', '"formulier"', 1), encoding="utf-8")
    error = refused(target, tampered)
    assert error.key == "tampered" and "controlesom" in error.message("nl") and "checksum" in error.message("en")

    for name, data in (("foreign.json", b'{"hello": "world"}'), ("foreign.csv", b"id;naam\n1;anna\n"),
                       ("foreign.bin", bytes(range(256)))):
        (tmp_path / name).write_bytes(data)
        assert refused(target, tmp_path / name).key == "foreign"

    document = json.loads(text)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**document, "version": 2}), encoding="utf-8")
    assert refused(target, newer).key == "newer"

    document["payload"]["sessions"][-1]["player"] = "x\u0007y"  # a control character, with a fitting checksum
    document["sha256"] = hashlib.sha256(canonical(document["payload"])).hexdigest()
    malformed = tmp_path / "malformed.json"
    malformed.write_text(json.dumps(document), encoding="utf-8")
    error = refused(target, malformed)
    assert error.key == "malformed" and "sessions[4].player" in error.message("en")


def test_import_in_the_terminal_merges_the_good_files_and_names_the_refused_one(tmp_path, cli, laptops):
    a, b, _ = laptops
    cut = tmp_path / "cut.json"
    cut.write_text(a.read_text(encoding="utf-8")[:300], encoding="utf-8")
    data = str(tmp_path / "team")
    code, out, err = cli("import", str(a), str(cut), str(b), "--data-dir", data)
    assert code == 1 and "cut.json" in err and "niet compleet" in err
    assert "4 speelbeurten toegevoegd" in out and out.count("toegevoegd") == 2
    code, out, _ = cli("export-sessions", "--out", str(tmp_path / "team.json"), "--data-dir", data)
    assert code == 0 and "8 speelbeurten" in out
    code, out, _ = cli("--lang", "en", "sessions", "--data-dir", data)
    assert out.count("from another laptop") == 8
