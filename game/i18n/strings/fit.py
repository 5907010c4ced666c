"""Strings of the window's fitting parts: the cue that more choices follow, the chart's shared label, the report key."""

STRINGS = {
    "fit.more_choices": {"nl": {"one": "↓ Nog {count} keuze hieronder", "other": "↓ Nog {count} keuzes hieronder"},
                         "en": {"one": "↓ {count} more choice below", "other": "↓ {count} more choices below"}},
    "fit.more_text": {"nl": "↓ De tekst gaat verder", "en": "↓ The text goes on"},
    "fit.chart.together": {"nl": "Jij en de expert", "en": "You and the expert"},
    "fit.keys.report": {"nl": "verslag opslaan", "en": "save report"},
}
