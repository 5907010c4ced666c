"""Hardening, terminal: scenario text never drives the terminal (issue 15, point 8)."""

from __future__ import annotations

import sys

HOSTILE = r'''
format: 1
id: casus
title: {nl: "Titel\e]0;gekaapt\a", en: "Title"}
start: melding
situations:
  melding:
    text: {nl: "Een melding.\e[2J\e[31m Rood?\r\n\tNieuwe regel."}
    choices:
      - id: bellen
        text: {nl: "Bellen\e[8m"}
        goto: einde
endings:
  einde: {title: {nl: "Einde\e]0;weg\a"}, text: {nl: "Zes maanden later.\x9b2J"}}
'''


def test_play_text_shows_escape_sequences_escaped(write, cli):
    path = write(HOSTILE)
    code, out, err = cli("play", "--text", str(path), "--choices", "bellen")
    assert code == 0, err
    for raw in ("\x1b", "\x07", "\x9b", "\r"):
        assert raw not in out and raw not in err
    assert "\\x1b[2J" in out and "\\x1b]0;weg\\x07" in out and "\\x9b2J" in out
    assert "\\n" not in out and "Nieuwe regel." in out  # line breaks are kept, not escaped
    assert type(sys.stdout).__name__ != "SafeStream"  # the wrapper is removed after the command


def test_list_and_validate_show_titles_and_findings_escaped(write, cli, monkeypatch, tmp_path):
    path = write(HOSTILE.replace("goto: einde", "goto: \"ein\\e[2Jde\""))
    monkeypatch.setenv("OMGEKEERD_SCENARIOS", str(path.parent))
    code, out, _ = cli("validate", str(path), "--lang", "en")
    assert code == 1 and "\x1b" not in out and 'goes to "ein\\x1b[2Jde"' in out
    code, out, _ = cli("list")
    assert "\x1b" not in out and "\x07" not in out
