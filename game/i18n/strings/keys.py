"""Key labels of the game window: what each key binding does, and how keys are named.

The hint bar of a screen and the key list in the settings are made from the screens' key
bindings (``game.ui.toolkit.bindings``); every binding's label is one entry here.
"""

STRINGS = {
    # how keys are named (a key without an entry is shown in capitals: D, F5, Ctrl+Z)
    "keys.name.ctrl": {"nl": "Ctrl", "en": "Ctrl"},
    "keys.name.shift": {"nl": "Shift", "en": "Shift"},
    "keys.name.escape": {"nl": "Esc", "en": "Esc"},
    "keys.name.enter": {"nl": "Enter", "en": "Enter"},
    "keys.name.space": {"nl": "Spatie", "en": "Space"},
    "keys.name.tab": {"nl": "Tab", "en": "Tab"},
    "keys.name.1-9": {"nl": "1–9", "en": "1–9"},
    "keys.name.scroll": {"nl": "Pijltjes/Page Up/Down", "en": "Arrows/Page Up/Down"},
    "keys.name.text_size": {"nl": "Ctrl+plus/min", "en": "Ctrl+plus/minus"},

    # keys every screen knows, and keys of the whole window
    "keys.activate": {"nl": "bevestigen, of de hoofdknop van het scherm", "en": "confirm, or the screen's main button"},
    "keys.back": {"nl": "terug, of een paneel sluiten", "en": "back, or close a panel"},
    "keys.next": {"nl": "volgende", "en": "next"},
    "keys.previous": {"nl": "vorige", "en": "previous"},
    "keys.scroll": {"nl": "scrollen", "en": "scroll"},
    "keys.reload": {"nl": "opnieuw inlezen", "en": "read again"},
    "keys.fullscreen": {"nl": "volledig scherm", "en": "fullscreen"},
    "keys.text_size": {"nl": "tekstgrootte", "en": "text size"},
    "keys.text_normal": {"nl": "tekst weer normaal", "en": "text back to normal"},

    # per screen
    "keys.start.go": {"nl": "naar de casussen", "en": "to the cases"},
    "keys.start.quit": {"nl": "afsluiten", "en": "quit"},
    "keys.library.open": {"nl": "casus openen", "en": "open a case"},
    "keys.library.switch": {"nl": "andere speler", "en": "switch player"},
    "keys.library.topics": {"nl": "onderwerp kiezen", "en": "pick a topic"},
    "keys.library.resume": {"nl": "verder waar je was", "en": "continue where you were"},
    "keys.intro.begin": {"nl": "begin", "en": "begin"},
    "keys.intro.back": {"nl": "terug", "en": "back"},
    "keys.situation.choose": {"nl": "kiezen", "en": "choose"},
    "keys.situation.dossier": {"nl": "dossier", "en": "dossier"},
    "keys.situation.history": {"nl": "geschiedenis", "en": "history"},
    "keys.situation.undo": {"nl": "terugnemen", "en": "take back"},
    "keys.situation.stop": {"nl": "stoppen (voortgang blijft bewaard)", "en": "stop (progress is kept)"},
    "keys.ending.debrief": {"nl": "naar de nabespreking", "en": "to the debrief"},
    "keys.ending.library": {"nl": "naar de casussen", "en": "to the cases"},
    "keys.debrief.replay": {"nl": "opnieuw spelen", "en": "play again"},
    "keys.debrief.other": {"nl": "andere keuze", "en": "another choice"},
    "keys.debrief.library": {"nl": "naar de casussen", "en": "to the cases"},
    "keys.route.try": {"nl": "deze keuze proberen", "en": "try this choice"},
    "keys.route.back": {"nl": "terug", "en": "back"},
    "keys.settings.select": {"nl": "kiezen", "en": "select"},
    "keys.settings.done": {"nl": "klaar", "en": "done"},
}
