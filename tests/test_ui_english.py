"""The window in English is English: every screen rendered in English shows no Dutch interface word.

Every screen is rendered the way ``main.py screenshots`` does (on the shipped library), and
every text the window lays out to draw is collected. The Dutch interface words are the
words of the catalogue's Dutch texts that no English text of the catalogue uses; none of
them may appear in what the English window drew. The Dutch window is checked the other
way for the checker's findings: their severity word is Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.content.library import default_folder

import uikit  # noqa: F401 - headless SDL before pygame is imported

from game.i18n import catalogue
from game.ui.screenshots import render_screenshots
from game.ui.toolkit.text import Typesetter

WORD = re.compile(r"[^\W\d_]{4,}")  # words of four letters or more (short ones are shared too often: "in", "de")
PLACEHOLDER = re.compile(r"\{[^}]*\}")
# Names that are Dutch in both windows on purpose: the brand, the language chip, Dutch laws.
PROPER_NAMES = {"omgekeerd", "nederlands", "participatiewet", "wmo", "jeugdwet"}
ENGLISH_TOO = {"door", "even", "letters", "past", "stand"}  # Dutch interface words that are English words as well
NAMES_IN_CASES = ("Lindeveen Wonen", "de Groot")  # people and organisations of the cases


def citations() -> list[str]:
    """The legal and literature citations of the shipped library: Dutch documents by their Dutch titles.

    A lever's ``source`` and a case's ``debrief.sources`` are plain text in the scenario
    format: they name Dutch laws, articles and publications, which keep their Dutch titles in
    the English window (a translated title could not be looked up); the English debrief calls
    them "Dutch documents, by their Dutch titles". Everything else must be English.
    """
    from game.content.library import load_library

    library = load_library()
    found: set[str] = set()
    for scenario in library.playable():
        found.update(scenario.debrief.sources)
        found.update(lever.source for lever in scenario.levers.values() if lever.source)
    return sorted(found, key=len, reverse=True)


def _texts(entry_value: object) -> Iterator[str]:
    if isinstance(entry_value, str):
        yield entry_value
    elif isinstance(entry_value, dict):
        for form in entry_value.values():
            yield from _texts(form)


def words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(PLACEHOLDER.sub(" ", text))}


def dutch_interface_words() -> set[str]:
    """Words of the catalogue's Dutch texts that no English text of the catalogue uses."""
    dutch: set[str] = set()
    english: set[str] = set()
    for entry in catalogue().values():
        for text in _texts(entry.get("nl")):
            dutch |= words(text)
        for text in _texts(entry.get("en")):
            english |= words(text)
    return dutch - english - PROPER_NAMES - ENGLISH_TOO


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Every text laid out while rendering all screens, per language."""
    found: dict[str, list[str]] = {}
    original = Typesetter.layout
    for lang in ("en", "nl"):
        texts: list[str] = []

        def recording(self: Typesetter, text: str, *args: object, _texts: list[str] = texts,
                      **kwargs: object) -> object:
            _texts.append(text)
            return original(self, text, *args, **kwargs)  # type: ignore[arg-type]

        Typesetter.layout = recording  # type: ignore[method-assign]
        try:
            shots = render_screenshots(tmp_path_factory.mktemp(f"shots-{lang}"), lang=lang)
        finally:
            Typesetter.layout = original  # type: ignore[method-assign]
        assert len(shots) >= 25
        found[lang] = texts
    return found


def test_the_dutch_word_list_is_real() -> None:
    found = dutch_interface_words()
    assert {"speelbeurten", "nabespreking", "casussen", "handhaving", "inkomen"} <= found
    assert not found & {"resident", "rules", "debrief", "cases"}


def test_every_screen_in_english_shows_no_dutch_interface_word(drawn: dict[str, list[str]]) -> None:
    dutch = dutch_interface_words()
    cited = citations()
    leaks = {}
    case_ids = sorted((p.stem for p in Path(default_folder()).glob("*.yaml")), key=len, reverse=True)
    for text in drawn["en"]:
        for name in (*cited, *NAMES_IN_CASES, *case_ids):  # a case id is a file name, not an interface word
            text = text.replace(name, " ")
        hit = words(text) & dutch
        if hit:
            leaks[text[:120]] = sorted(hit)
    assert leaks == {}


def test_the_english_window_drew_its_coaching_screens_and_the_library_words(drawn: dict[str, list[str]]) -> None:
    shown = "\n".join(drawn["en"])
    for text in ("My playthroughs", "Coach view", "Progress", "Delete this playthrough?", "The expert's choice",
                 "Best ending still possible", "Levers you never used", "income support", "enforcement"):
        assert text in shown


def test_the_dutch_window_names_the_findings_severity_in_dutch(drawn: dict[str, list[str]]) -> None:
    shown = "\n".join(drawn["nl"])
    assert re.search(r"kapot\.yaml(:\d+)?: fout: ", shown)
    assert not re.search(r"kapot\.yaml(:\d+)?: error: ", shown)
    assert "De meldingen hieronder zijn voor wie de casus schrijft" in shown


def test_the_english_window_names_the_findings_severity_in_english(drawn: dict[str, list[str]]) -> None:
    assert re.search(r"\.yaml(:\d+)?: error: ", "\n".join(drawn["en"]))
    assert Path  # the paths of findings stay as they are on disk


def test_the_dutch_window_names_the_severity_of_the_findings_after_f5_in_dutch(drawn: dict[str, list[str]]) -> None:
    shown = "\n".join(drawn["nl"])
    assert re.search(r"\.yaml:\d+: fout: .*no-such-situation", shown)  # the case broken on purpose for the shots
    assert not re.search(r"\.yaml:\d+: error: .*no-such-situation", shown)
