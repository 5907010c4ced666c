"""The engine section of the string catalogue: why a choice is refused (``ChoiceRefused.code``)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "refused.ended": {"nl": "Het spel is al afgelopen.", "en": "The playthrough has already ended."},
    "refused.no_such_choice": {"nl": 'situatie "{situation}" heeft geen keuze "{choice}" (keuzes hier: {known})',
                               "en": 'situation "{situation}" has no choice "{choice}" (choices here: {known})'},
    "refused.unavailable": {"nl": "Nu niet mogelijk. {reason}", "en": "Not possible now. {reason}"},
    "refused.replay": {"nl": "keuze {number} ({choice}) past niet meer: {reason}",
                       "en": "choice {number} ({choice}) no longer fits: {reason}"},
    "refused.unknown": {"nl": "Deze keuze kan niet ({code}).", "en": "This choice cannot be made ({code})."},
}
