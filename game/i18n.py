"""Interface strings (not scenario content) in Dutch and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "choose_prompt": {"nl": "Kies een nummer", "en": "Choose a number"},
    "keys_help": {"nl": "d = dossier, h = geschiedenis, u = keuze terugnemen, q = stoppen",
                  "en": "d = dossier, h = history, u = undo last choice, q = quit"},
    "unavailable": {"nl": "niet beschikbaar", "en": "not available"},
    "feedback": {"nl": "Terugkoppeling", "en": "Feedback"},
    "dossier": {"nl": "Dossier", "en": "Dossier"},
    "dossier_empty": {"nl": "Er zijn nog geen documenten.", "en": "There are no documents yet."},
    "new": {"nl": "nieuw", "en": "new"},
    "history": {"nl": "Geschiedenis", "en": "History"},
    "history_empty": {"nl": "Je hebt nog geen keuzes gemaakt.", "en": "You have not made any choices yet."},
    "ending": {"nl": "Afloop", "en": "Outcome"},
    "resident": {"nl": "Bewoner", "en": "Resident"},
    "age": {"nl": "jaar", "en": "years"},
    "learning_goals": {"nl": "Leerdoelen", "en": "Learning goals"},
    "stopped": {"nl": "Gestopt. Je keuzes tot nu toe zijn bewaard.", "en": "Stopped. Your choices so far are saved."},
    "stopped_unsaved": {"nl": "Gestopt.", "en": "Stopped."},
    "not_a_choice": {"nl": "Dat is geen keuze hier.", "en": "That is not a choice here."},
    "undone": {"nl": "De laatste keuze is teruggenomen.", "en": "The last choice was taken back."},
    "no_undo": {"nl": "Er is geen keuze om terug te nemen.", "en": "There is no choice to take back."},
    "pick_scenario": {"nl": "Kies een casus", "en": "Choose a case"},
    "minutes": {"nl": "min.", "en": "min."},
    "broken_scenario": {"nl": "Let op: deze casus kan niet worden gespeeld", "en": "Warning: this case cannot be played"},
    "kind.note": {"nl": "notitie", "en": "note"},
    "kind.letter": {"nl": "brief", "en": "letter"},
    "kind.email": {"nl": "e-mail", "en": "email"},
    "kind.form": {"nl": "formulier", "en": "form"},
    "kind.report": {"nl": "rapport", "en": "report"},
    "speaker.narrator": {"nl": "", "en": ""},
    "speaker.resident": {"nl": "Bewoner", "en": "Resident"},
    "speaker.colleague": {"nl": "Collega", "en": "Colleague"},
    "speaker.manager": {"nl": "Leidinggevende", "en": "Manager"},
    "speaker.provider": {"nl": "Zorgaanbieder", "en": "Care provider"},
    "speaker.letter": {"nl": "Brief", "en": "Letter"},
    "speaker.other": {"nl": "", "en": ""},
}


def t(key: str, lang: str = "nl") -> str:
    """An interface string in ``lang`` (Dutch when missing)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("nl", key)
