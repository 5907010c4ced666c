"""Export streams (issue 16): sessions read a page at a time, the file written in chunks, still atomic."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.store.database import Store
from game.store.files import write_atomic_chunks
from storekit import load, write_scenario
from test_hardening_store import damage_source_of


def seven_sessions(folder: Path, tmp_path: Path) -> None:
    scenario = load(write_scenario(tmp_path / "cases"))
    with Store.open(folder) as store:
        for number in range(7):
            session_id = store.start_session(f"speler{number}", scenario, "drie-stappen")
            store.record_choice(session_id, "bellen")


def test_sessions_read_in_pages_are_all_sessions_in_order_and_a_damaged_one_costs_only_itself(tmp_path):
    folder = tmp_path / "data"
    seven_sessions(folder, tmp_path)
    damage_source_of(folder, 3)
    with Store.open(folder, read_only=True) as store:
        everything = [s.id for s in store.sessions()]
        paged = [(s.id, s.choices) for s in store.iter_sessions(page=2)]
        assert list(store.damaged) == [3] and "source" in store.damaged[3]
    assert everything == [1, 2, 4, 5, 6, 7]
    assert paged == [(n, ["bellen"]) for n in everything]


def test_a_stream_that_fails_halfway_leaves_the_old_file_whole_and_no_temporary_file(tmp_path):
    target = tmp_path / "export.csv"
    target.write_text("oud\n", encoding="utf-8")

    def chunks() -> Iterator[str]:
        yield "nieuw;"
        raise RuntimeError("the store went away")

    with pytest.raises(RuntimeError):
        write_atomic_chunks(target, chunks())
    assert target.read_text(encoding="utf-8") == "oud\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_chunks_are_written_one_after_another_text_as_utf8(tmp_path):
    target = tmp_path / "out.txt"
    write_atomic_chunks(target, ["één;", b"twee", "\r\n"])
    assert target.read_bytes() == "één;twee\r\n".encode()


def test_the_streamed_export_of_more_sessions_than_a_chunk_has_every_row_once(tmp_path, cli, monkeypatch):
    from game.store import csv_export

    monkeypatch.setattr(csv_export, "CHUNK_ROWS", 3)  # several chunks for seven sessions
    folder = tmp_path / "data"
    seven_sessions(folder, tmp_path)
    code, out, _ = cli("export", "--csv", str(tmp_path / "e.csv"), "--data-dir", str(folder))
    assert code == 0 and "7 sessies" in out
    text = (tmp_path / "e.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff") and text.count("\ufeff") == 1
    table = list(csv.reader(text[1:].splitlines(), delimiter=";"))
    assert len(table) == 8 and [row[0] for row in table[1:]] == [str(n) for n in range(1, 8)]
