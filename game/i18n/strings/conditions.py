"""The conditions section of the string catalogue: why a choice is not available yet, in plain words."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "condition.only_when": {"nl": "Kan pas als: {condition}", "en": "Only possible when: {condition}"},
    "condition.metric": {"nl": "{label} {op} {value}", "en": "{label} {op} {value}"},
    "condition.flag": {"nl": "eerst: {flag}", "en": "first: {flag}"},
    "condition.visited": {"nl": "eerst situatie '{situation}'", "en": "first situation '{situation}'"},
    "condition.chose": {"nl": "eerder gekozen: {choice}", "en": "chosen earlier: {choice}"},
    "condition.not": {"nl": "niet ({condition})", "en": "not ({condition})"},
    "condition.and": {"nl": " en ", "en": " and "},
    "condition.or": {"nl": " of ", "en": " or "},
}
