"""The export section of the string catalogue: the CSV export's column heads and session states."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "export.column.session": {"nl": "sessie", "en": "session"},
    "export.column.player": {"nl": "speler", "en": "player"},
    "export.column.background": {"nl": "achtergrond", "en": "background"},
    "export.column.scenario": {"nl": "casus", "en": "scenario"},
    "export.column.source": {"nl": "bron", "en": "source"},
    "export.column.version": {"nl": "versie", "en": "version"},
    "export.column.mode": {"nl": "speelwijze", "en": "mode"},
    "export.column.lang": {"nl": "taal", "en": "language"},
    "export.column.started": {"nl": "begonnen (UTC)", "en": "started (UTC)"},
    "export.column.finished_at": {"nl": "afgerond (UTC)", "en": "finished (UTC)"},
    "export.column.status": {"nl": "status", "en": "status"},
    "export.column.ending": {"nl": "afloop", "en": "ending"},
    "export.column.resident": {"nl": "bewonersgericht", "en": "resident-centred"},
    "export.column.rules": {"nl": "rechtmatig", "en": "lawful"},
    "export.column.quadrant": {"nl": "kwadrant", "en": "quadrant"},
    "export.column.number": {"nl": "keuze nr", "en": "choice no"},
    "export.column.situation": {"nl": "situatie", "en": "situation"},
    "export.column.choice": {"nl": "keuze", "en": "choice"},
    "export.column.choice_text": {"nl": "keuzetekst", "en": "choice text"},
    "export.column.made": {"nl": "gekozen (UTC)", "en": "chosen (UTC)"},
    "export.status.finished": {"nl": "afgerond", "en": "finished"},
    "export.status.abandoned": {"nl": "opzijgezet", "en": "set aside"},
    "export.status.open": {"nl": "onafgemaakt", "en": "unfinished"},
}
