"""The xAPI section of the string catalogue: sync to the learning record store (LRS) and the xAPI exports."""

from __future__ import annotations

STRINGS: dict[str, dict[str, object]] = {
    "xapi.not_configured": {
        "nl": "Er is geen leeromgeving (LRS) ingesteld. Zet endpoint, key en secret in {path}, of in "
              "OMGEKEERD_LRS_ENDPOINT, OMGEKEERD_LRS_KEY en OMGEKEERD_LRS_SECRET. Alles blijft bewaard.",
        "en": "No learning record store (LRS) is set up. Put endpoint, key and secret in {path}, or in "
              "OMGEKEERD_LRS_ENDPOINT, OMGEKEERD_LRS_KEY and OMGEKEERD_LRS_SECRET. Everything stays saved."},
    "xapi.auth": {
        "nl": "De leeromgeving op {endpoint} weigert de inloggegevens ({detail}). Controleer key en secret. "
              "Er is niets als verstuurd gemarkeerd.",
        "en": "The learning record store at {endpoint} refuses the credentials ({detail}). Check key and secret. "
              "Nothing was marked as sent."},
    "xapi.endpoint": {
        "nl": "Op {endpoint} staat geen xAPI-leeromgeving ({detail}). Controleer het adres (endpoint); "
              "er is niets als verstuurd gemarkeerd.",
        "en": "There is no xAPI learning record store at {endpoint} ({detail}). Check the address (endpoint); "
              "nothing was marked as sent."},
    "xapi.unreachable": {
        "nl": "De leeromgeving op {endpoint} is niet bereikbaar ({detail}). Alles blijft bewaard en gaat mee "
              "bij de volgende sync.",
        "en": "The learning record store at {endpoint} cannot be reached ({detail}). Everything stays saved and "
              "goes with the next sync."},
    "xapi.server": {
        "nl": "De leeromgeving op {endpoint} geeft een fout ({detail}). Alles blijft bewaard en gaat mee "
              "bij de volgende sync.",
        "en": "The learning record store at {endpoint} reports an error ({detail}). Everything stays saved and "
              "goes with the next sync."},
    "xapi.config_problem": {"nl": "Let op, LRS-instelling: {problem}", "en": "Note, LRS setting: {problem}"},
    "xapi.sent": {"nl": {"one": "{count} leerregistratie verstuurd.", "other": "{count} leerregistraties verstuurd."},
                  "en": {"one": "{count} learning record sent.", "other": "{count} learning records sent."}},
    "xapi.queued": {"nl": {"one": "{count} leerregistratie wacht nog.",
                           "other": "{count} leerregistraties wachten nog."},
                    "en": {"one": "{count} learning record still queued.",
                           "other": "{count} learning records still queued."}},
    "xapi.rejected_now": {
        "nl": {"one": "{count} leerregistratie geweigerd door de leeromgeving:",
               "other": "{count} leerregistraties geweigerd door de leeromgeving:"},
        "en": {"one": "{count} learning record refused by the learning record store:",
               "other": "{count} learning records refused by the learning record store:"}},
    "xapi.rejected_kept": {
        "nl": {"one": "{count} geweigerde leerregistratie is bewaard (met de reden); "
                      "stuur opnieuw met: sync --retry-rejected",
               "other": "{count} geweigerde leerregistraties zijn bewaard (met de reden); "
                        "stuur opnieuw met: sync --retry-rejected"},
        "en": {"one": "{count} refused learning record is kept (with the reason); "
                      "send again with: sync --retry-rejected",
               "other": "{count} refused learning records are kept (with the reason); "
                        "send again with: sync --retry-rejected"}},
    "xapi.rejected_line": {"nl": "  {id}: {reason}", "en": "  {id}: {reason}"},
    "xapi.retried": {"nl": {"one": "{count} geweigerde leerregistratie gaat opnieuw mee.",
                            "other": "{count} geweigerde leerregistraties gaan opnieuw mee."},
                     "en": {"one": "{count} refused learning record goes again.",
                            "other": "{count} refused learning records go again."}},
    "xapi.exported": {"nl": {"one": "{count} leerregistratie (xAPI) geschreven: {path}",
                             "other": "{count} leerregistraties (xAPI) geschreven: {path}"},
                      "en": {"one": "{count} learning record (xAPI) written: {path}",
                             "other": "{count} learning records (xAPI) written: {path}"}},
    "xapi.moodle_written": {"nl": {"one": "{count} regel voor Moodle geschreven: {path}",
                                   "other": "{count} regels voor Moodle geschreven: {path}"},
                            "en": {"one": "{count} row for Moodle written: {path}",
                                   "other": "{count} rows for Moodle written: {path}"}},
    "xapi.export_what": {"nl": "Kies wat je wilt exporteren: --csv BESTAND, --xapi BESTAND of --csv BESTAND --moodle.",
                         "en": "Choose what to export: --csv FILE, --xapi FILE or --csv FILE --moodle."},
    "xapi.moodle_needs_csv": {"nl": "--moodle hoort bij --csv BESTAND.", "en": "--moodle goes with --csv FILE."},
    "xapi.column.identifier": {"nl": "identifier", "en": "identifier"},
    "xapi.column.case": {"nl": "casus", "en": "case"},
    "xapi.column.completed": {"nl": "afgerond", "en": "completed"},
    "xapi.column.score": {"nl": "score", "en": "score"},
    "xapi.column.resident": {"nl": "bewonersgericht", "en": "resident-centred"},
    "xapi.column.rules": {"nl": "rechtmatig", "en": "lawful"},
    "xapi.column.finished": {"nl": "afgerond op (UTC)", "en": "finished (UTC)"},
}
