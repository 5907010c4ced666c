"""The one string catalogue for all interface text (not scenario content), in Dutch and English.

Entries live in ``game/i18n/strings/<section>.py``, each a dict ``STRINGS`` of
``key -> {"nl": ..., "en": ...}``. A plural entry has the forms per language as a dict
``{"one": ..., "other": ...}``; read it with :func:`tn`. Placeholders use ``str.format``
names (``{count}``). Dutch is the default; English falls back to Dutch.

An unknown key raises :class:`UnknownKey` in strict mode (on in the test suite, or with
``OMGEKEERD_STRICT_I18N=1``), and so does :func:`t` on a plural entry (:class:`PluralNeedsCount`);
otherwise the key itself (or the 'other' form) is shown, so a typo never crashes play.

Keys start with their area (``ui.``, ``cli.``, ``store.``, ``quadrant.``, ...). Objects of the
engine and scoring carry ids, not texts: renderers ask for ``quadrant.<id>.title``,
``verdict.<id>``, ``metric.<id>`` and so on. ``tests/test_i18n.py`` checks that every entry has
both languages, the same placeholders and complete plural forms, and that every key the code
asks for exists.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from functools import lru_cache

Forms = Mapping[str, str]
Entry = Mapping[str, str | Forms]

LANGUAGES = ("nl", "en")
SECTIONS = (  # one section module per line: game/i18n/strings/<name>.py
    "base",
    "play",
    "workshop",
    "workshop_ui",
    "scoring",
    "conditions",
    "export",
    "engine",
    "report",
    "cli",
    "keys",
    "xapi",
    "hardening",
    "truth",
    "findings",
    "coaching",
    "fit",
    "coaching_ui",
    "settings",
    "window_loading",
)

_strict = os.environ.get("OMGEKEERD_STRICT_I18N") == "1"


class UnknownKey(KeyError):
    """An interface string key that is not in the catalogue (raised in strict mode only)."""


class PluralNeedsCount(TypeError):
    """``t()`` asked for an entry with plural forms, which needs ``tn()`` and a count (strict mode only)."""


def set_strict(strict: bool) -> None:
    """Make unknown keys raise (tests) or fall back to the key (play)."""
    global _strict
    _strict = strict


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Entry]:
    """Every entry of every section, merged; a key defined twice is a programming error."""
    merged: dict[str, Entry] = {}
    for name in SECTIONS:
        section: dict[str, Entry] = importlib.import_module(f"game.i18n.strings.{name}").STRINGS
        for key, entry in section.items():
            if key in merged:
                raise ValueError(f"interface string {key!r} is defined twice (section {name})")
            merged[key] = entry
    return merged


def _entry(key: str) -> Entry | None:
    entry = catalogue().get(key)
    if entry is None and _strict:
        raise UnknownKey(key)
    return entry


def _format(text: str, params: Mapping[str, object]) -> str:
    return text.format(**params) if params else text


def t(key: str, lang: str = "nl", **params: object) -> str:
    """An interface string in ``lang`` (Dutch when missing), with ``{name}`` placeholders filled."""
    entry = _entry(key)
    if entry is None:
        return key
    value = entry.get(lang) or entry.get("nl", key)
    if not isinstance(value, str):
        if _strict:
            raise PluralNeedsCount(f"{key} has plural forms: use tn({key!r}, count, ...)")
        value = value.get("other", "")
    return _format(value, params)


def plural_form(lang: str, count: int) -> str:
    """The plural category of a count: Dutch and English both have 'one' (exactly 1) and 'other'."""
    return "one" if count == 1 else "other"


def tn(key: str, count: int, lang: str = "nl", **params: object) -> str:
    """A string with a real plural: the 'one' or 'other' form for ``count`` (also passed as ``{count}``)."""
    entry = _entry(key)
    if entry is None:
        return key
    value = entry.get(lang) or entry.get("nl", key)
    if isinstance(value, str):
        text = value
    else:
        text = value.get(plural_form(lang, count)) or value.get("other", key)
    return _format(text, {"count": count, **params})


def texts(key: str, **params: object) -> dict[str, str]:
    """An interface string in every language, ``{lang: text}``: for data that carries all languages."""
    return {lang: t(key, lang, **params) for lang in LANGUAGES}


def has(key: str) -> bool:
    """Whether the catalogue has a key."""
    return key in catalogue()
