"""The string catalogue: every key in Dutch and English, real plurals, placeholders alike, no unknown key in code."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from collections.abc import Iterator

import pytest

from game import i18n
from game.engine.findings import ERROR, WARNING, Finding
from game.engine.model import AXES, BACKGROUNDS, DOSSIER_KINDS, SPEAKERS, THINKING_ERRORS, Condition, standard_metrics
from game.i18n import LANGUAGES, PluralNeedsCount, UnknownKey, catalogue, t, tn
from game.render.conditions import describe_condition
from game.store.csv_export import COLUMNS
from game.ui.settings import TEXT_SIZES
from scoring.scores import QUADRANTS, QUESTIONS, VERDICTS

ROOT = Path(__file__).resolve().parent.parent

# Keys whose text is empty on purpose: the narrator has no name above the text, and an "other"
# speaker is always named by the scenario itself (speaker_name).
INTENTIONALLY_EMPTY = {"speaker.narrator", "speaker.other"}

CALLS = {"t", "tn", "translate", "translate_count"}  # the catalogue's functions, also as ui.t / ui.tn


def _forms(value: object) -> dict[str, str]:
    return dict(value) if isinstance(value, dict) else {"text": str(value)}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_dutch_and_english_text() -> None:
    missing = [(key, lang) for key, entry in catalogue().items() for lang in LANGUAGES
               if key not in INTENTIONALLY_EMPTY
               and (not entry.get(lang) or not all(str(v).strip() for v in _forms(entry[lang]).values()))]
    assert missing == []


def test_the_intentionally_empty_keys_exist_and_are_empty_in_both_languages() -> None:
    for key in INTENTIONALLY_EMPTY:
        assert {lang: catalogue()[key][lang] for lang in LANGUAGES} == {"nl": "", "en": ""}


def test_every_plural_entry_has_one_and_other_in_both_languages() -> None:
    plural = {key: entry for key, entry in catalogue().items() if any(isinstance(v, dict) for v in entry.values())}
    assert "cli.validate.errors" in plural and "resuming" in plural
    wrong = [key for key, entry in plural.items() for lang in LANGUAGES
             if not isinstance(entry.get(lang), dict) or set(entry[lang]) != {"one", "other"}]
    assert wrong == []


def test_every_dutch_placeholder_is_also_in_the_english_text() -> None:
    wrong = []
    for key, entry in catalogue().items():
        dutch, english = _forms(entry.get("nl", "")), _forms(entry.get("en", ""))
        for form, text in dutch.items():
            if not _placeholders(text) <= _placeholders(english.get(form, "")):
                wrong.append((key, form))
    assert wrong == []


def test_no_plural_is_faked_any_more() -> None:
    faked = [key for key, entry in catalogue().items() for lang in LANGUAGES
             for text in _forms(entry.get(lang, "")).values() if re.search(r"\w\((s|en)\)", text)]
    assert faked == []


def test_an_unknown_key_raises_in_strict_mode_and_shows_the_key_otherwise() -> None:
    with pytest.raises(UnknownKey):
        t("no.such.key")
    with pytest.raises(UnknownKey):
        tn("no.such.key", 2)
    i18n.set_strict(False)
    try:
        assert t("no.such.key", "en") == "no.such.key"
        assert tn("no.such.key", 2, "nl") == "no.such.key"
    finally:
        i18n.set_strict(True)


def test_a_plural_entry_read_without_a_count_fails_loudly_in_tests() -> None:
    with pytest.raises(PluralNeedsCount):
        t("cli.validate.errors", "nl")
    i18n.set_strict(False)
    try:
        assert t("cli.validate.errors", "en", count=3) == "3 errors"
    finally:
        i18n.set_strict(True)


@pytest.mark.parametrize(("count", "dutch", "english"), [(0, "0 fouten", "0 errors"), (1, "1 fout", "1 error"),
                                                          (2, "2 fouten", "2 errors")])
def test_tn_picks_the_plural_form_for_the_count(count: int, dutch: str, english: str) -> None:
    assert tn("cli.validate.errors", count, "nl") == dutch
    assert tn("cli.validate.errors", count, "en") == english


def test_tn_fills_other_placeholders_beside_the_count() -> None:
    assert tn("forgotten", 1, "nl", name="Eva") == "Alles van Eva is verwijderd: 1 sessie."
    assert tn("forgotten", 3, "en", name="Eva") == "Everything of Eva was deleted: 3 sessions."


def test_validate_says_how_many_errors_and_warnings_in_the_chosen_language(cli, monkeypatch) -> None:
    findings = [Finding("casus.yaml", 3, ERROR, "e", ""), Finding("casus.yaml", 4, WARNING, "w", ""),
                Finding("casus.yaml", 5, WARNING, "v", "")]
    monkeypatch.setattr("game.cli.main._validate_paths", lambda paths, lang: findings)
    assert cli("validate")[1].splitlines()[-1] == "1 fout, 2 waarschuwingen"
    assert cli("--lang", "en", "validate")[1].splitlines()[-1] == "1 error, 2 warnings"
    assert cli("validate", "--lang", "en")[1].splitlines()[-1] == "1 error, 2 warnings"


def test_each_background_has_one_name_in_the_whole_interface(capsys) -> None:
    from game.cli.play import ask_background
    from scoring.debrief import BACKGROUND_NAMES

    assert ask_background("en", lambda prompt: "") is None
    assert [line.split(". ", 1)[1] for line in capsys.readouterr().out.split("\n") if ". " in line] == \
        [t(f"background.{background}", "en") for background in BACKGROUNDS]

    assert not [key for key in catalogue() if key.startswith(("ui.background.", "ui.verdict.", "ui.quadrant."))]
    for background in BACKGROUNDS:
        for lang in LANGUAGES:
            assert BACKGROUND_NAMES[background].get(lang) == t(f"background.{background}", lang)
    assert t("background.wmo") == "Wmo-consulent"


def test_standard_metric_names_come_from_the_catalogue_not_the_engine(scenario) -> None:
    assert all(not metric.label for metric in standard_metrics().values())
    loaded = scenario("""
        format: 1
        id: casus
        title: {nl: Casus}
        start: begin
        situations:
          begin:
            text: {nl: Begin.}
            choices:
              - {id: a, text: {nl: A}, goto: klaar}
        endings:
          klaar: {title: {nl: Klaar}, text: {nl: Klaar.}}
    """)
    condition = Condition("metric", 1, "trust", (("gte", 2),))
    described = describe_condition(condition, loaded)
    assert described.get("nl") == "Kan pas als: vertrouwen ≥ 2"
    assert described.get("en") == "Only possible when: trust ≥ 2"


# -- every key the code asks for exists ------------------------------------------------------

def _source_files() -> Iterator[Path]:
    for folder in ("game", "scoring"):
        yield from (ROOT / folder).rglob("*.py")


def _called_name(node: ast.Call) -> str | None:
    function = node.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return None


def _keys_in_source() -> Iterator[tuple[str, int, ast.expr]]:
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _called_name(node) in CALLS and node.args:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.lineno, node.args[0]


def _pattern(key: ast.JoinedStr) -> re.Pattern[str]:
    parts = [re.escape(part.value) if isinstance(part, ast.Constant) else r"[^.]+" for part in key.values]
    return re.compile("".join(parts) + "$")


def test_every_literal_key_in_the_code_is_in_the_catalogue() -> None:
    literal = [(where, key.value) for where, _, key in _keys_in_source()
               if isinstance(key, ast.Constant) and isinstance(key.value, str)]
    assert len(literal) > 100
    assert [(where, key) for where, key in literal if key not in catalogue()] == []


def test_every_computed_key_in_the_code_matches_catalogue_keys() -> None:
    computed = [(where, _pattern(key)) for where, _, key in _keys_in_source() if isinstance(key, ast.JoinedStr)]
    assert computed
    assert [(where, p.pattern) for where, p in computed if not any(p.match(k) for k in catalogue())] == []


FILE_NAME = re.compile(r"\.(j2|html|svg|css|json|csv|yaml|py|png|ttf)$")


def _inside_formatted_strings(tree: ast.AST) -> set[int]:
    return {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}


def test_every_key_like_text_in_the_code_is_in_the_catalogue() -> None:
    """Keys handed on before t() is called (a heading, a button, a table) exist too."""
    prefixes = {key.split(".")[0] for key in catalogue() if "." in key}
    key_like = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
    unknown = []
    for path in _source_files():
        if "i18n" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts = _inside_formatted_strings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts
                    and key_like.match(node.value) and not FILE_NAME.search(node.value)
                    and node.value.split(".")[0] in prefixes and node.value not in catalogue()):
                unknown.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert unknown == []


KNOWN_VALUES = {  # the computed keys, checked for every value they can take
    "speaker.{}": SPEAKERS,
    "kind.{}": DOSSIER_KINDS,
    "background.{}": BACKGROUNDS,
    "quadrant.{}.label": QUADRANTS, "quadrant.{}.title": QUADRANTS, "quadrant.{}.text": QUADRANTS,
    "verdict.{}": VERDICTS,
    "question.{}": [question_id for question_id, _ in QUESTIONS],
    "thinking.{}.name": THINKING_ERRORS, "thinking.{}.explain": THINKING_ERRORS,
    "metric.{}": list(standard_metrics()),
    "axis.{}": AXES,
    "export.column.{}": COLUMNS,
    "export.status.{}": ("finished", "abandoned", "open"),
    "ui.mode.{}": ("training", "assessment"),
    "ui.settings.size{}": range(len(TEXT_SIZES)),
}


@pytest.mark.parametrize("template", sorted(KNOWN_VALUES))
def test_every_value_of_a_computed_key_is_in_the_catalogue(template: str) -> None:
    assert [value for value in KNOWN_VALUES[template] if template.format(value) not in catalogue()] == []
