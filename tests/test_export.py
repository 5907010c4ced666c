"""The CSV export: every session, one row per choice, as Dutch Excel and LibreOffice read it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from game.store.csv_export import write_csv
from game.store.database import Store
from storekit import load, write_scenario


def fill(data: Path, case: Path) -> None:
    scenario = load(case)
    with Store.open(data) as store:
        first = store.start_session("Anna", scenario, str(case), "training", "nl")
        for choice in ("bellen", "luisteren", "maatwerk"):
            store.record_choice(first, choice)
        store.finish_session(first, "goed", 80, 100, "omgekeerd")
        store.start_session("=HYPERLINK(\"x\")", scenario, str(case), "assessment", "en")  # no choices yet
        store.ensure_player("Bea", "wmo")
        third = store.start_session("Bea", scenario, str(case), "training", "nl")
        store.record_choice(third, "brief")


def read(path: Path) -> tuple[bytes, list[list[str]]]:
    raw = path.read_bytes()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_export_opens_in_dutch_spreadsheets(tmp_path, cli):
    case = write_scenario(tmp_path / "cases")
    fill(tmp_path / "data", case)
    target = tmp_path / "sessies.csv"
    code, out, err = cli("export", "--csv", str(target), "--data-dir", str(tmp_path / "data"))
    assert code == 0 and err == "" and "3 sessies in 5 regels" in out
    raw, rows = read(target)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel then reads the accents
    header = raw[3:].split(b"\r\n")[0]
    assert header.startswith(b'"sessie";"speler";') and all(f.startswith(b'"') for f in header.split(b";"))
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert rows[0][:4] == ["sessie", "speler", "achtergrond", "casus"] and len(rows) == 6
    assert all(len(row) == len(rows[0]) for row in rows)


def test_one_row_per_choice_with_situation_and_text(tmp_path):
    case = write_scenario(tmp_path / "cases")
    fill(tmp_path / "data", case)
    with Store.open(tmp_path / "data") as store:
        count = write_csv(store.sessions(), tmp_path / "out.csv")
    _, rows = read(tmp_path / "out.csv")
    assert count == 5
    table = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    anna = [r for r in table if r["speler"] == "Anna"]
    assert [(r["keuze nr"], r["situatie"], r["keuze"]) for r in anna] == [
        ("1", "melding", "bellen"), ("2", "gesprek", "luisteren"), ("3", "besluit", "maatwerk")]
    assert anna[0]["keuzetekst"] == "Sam bellen"
    assert {r["status"] for r in anna} == {"afgerond"} and anna[0]["bewonersgericht"] == "80"
    assert anna[0]["begonnen (UTC)"][4] == "-" and anna[0]["begonnen (UTC)"][10] == " "  # 2026-11-23 20:07:49
    waiting = [r for r in table if r["sessie"] == "2"]
    assert len(waiting) == 1 and waiting[0]["keuze"] == "" and waiting[0]["status"] == "onafgemaakt"
    bea = [r for r in table if r["speler"] == "Bea"]
    assert bea[0]["achtergrond"] == "wmo" and bea[0]["keuze"] == "brief"


def test_a_text_that_looks_like_a_formula_stays_text(tmp_path):
    case = write_scenario(tmp_path / "cases")
    fill(tmp_path / "data", case)
    with Store.open(tmp_path / "data") as store:
        write_csv(store.sessions(), tmp_path / "out.csv")
    _, rows = read(tmp_path / "out.csv")
    assert [r[1] for r in rows[1:] if "HYPERLINK" in r[1]] == ["'=HYPERLINK(\"x\")"]


def test_english_headers(tmp_path, cli):
    case = write_scenario(tmp_path / "cases")
    fill(tmp_path / "data", case)
    target = tmp_path / "sessions.csv"
    assert cli("--lang", "en", "export", "--csv", str(target), "--data-dir", str(tmp_path / "data"))[0] == 0
    _, rows = read(target)
    assert rows[0][:3] == ["session", "player", "background"] and "finished" in {r[10] for r in rows[1:]}


def test_an_unwritable_target_is_a_message_and_leaves_no_half_file(tmp_path, cli):
    code, _, err = cli("export", "--csv", str(tmp_path / "missing" / "x.csv"), "--data-dir", str(tmp_path / "data"))
    assert code == 1 and "kan niet worden geschreven" in err
    assert not (tmp_path / "missing").exists()
