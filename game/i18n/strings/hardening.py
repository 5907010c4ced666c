"""Interface strings of the store's safety checks and safe writes (issue 15): journals, backups, damage."""

from __future__ import annotations

STRINGS = {
    "store.journal_set_aside": {
        "nl": "Naast {path} lag een journaalbestand dat niet bij deze database hoort; het is opzijgezet als {aside} "
              "(niets gewist). De opgeslagen sessies zijn er nog.",
        "en": "Beside {path} lay a journal file that does not belong to this database; it was set aside as {aside} "
              "(nothing deleted). The stored sessions are still there."},
    "store.journal_unchecked": {
        "nl": "Naast {path} ligt een journaalbestand dat niet bij deze database lijkt te horen; het is niet gebruikt "
              "en niet gewijzigd. Zet het opzij (of kies een andere map met --data-dir MAP).",
        "en": "Beside {path} lies a journal file that does not seem to belong to this database; it was not used "
              "and not changed. Move it aside (or choose another folder with --data-dir DIR)."},
    "store.backup_failed": {
        "nl": "Voor het bijwerken van {path} kon geen reservekopie worden gemaakt ({detail}); er is niets gewijzigd.",
        "en": "Before updating {path} no backup could be made ({detail}); nothing was changed."},
    "store.damaged_rows": {
        "nl": {"one": "In {path} is sessie {ids} beschadigd ({detail}); om de rest te beschermen schrijft Omgekeerd "
                      "niet in dit bestand. Maak met 'export' een kopie van de andere sessies en kies een nieuwe map "
                      "met --data-dir MAP.",
               "other": "In {path} zijn de sessies {ids} beschadigd ({detail}); om de rest te beschermen schrijft "
                        "Omgekeerd niet in dit bestand. Maak met 'export' een kopie van de andere sessies en kies een "
                        "nieuwe map met --data-dir MAP."},
        "en": {"one": "In {path} session {ids} is damaged ({detail}); to protect the rest Omgekeerd does not write to "
                      "this file. Copy the other sessions with 'export' and choose a new folder with --data-dir DIR.",
               "other": "In {path} sessions {ids} are damaged ({detail}); to protect the rest Omgekeerd does not "
                        "write to this file. Copy the other sessions with 'export' and choose a new folder with "
                        "--data-dir DIR."}},
    "store.damaged_session": {
        "nl": "Sessie {id} in {path} is beschadigd ({detail}); de andere sessies zijn wel te lezen.",
        "en": "Session {id} in {path} is damaged ({detail}); the other sessions can still be read."},
    "store.missing_column": {
        "nl": "{path} mist de kolom {column}; het bestand is bewaard zoals het was. Zet het opzij om opnieuw te "
              "beginnen, of kies een andere map met --data-dir MAP.",
        "en": "{path} lacks the column {column}; the file was kept as it was. Move it aside to start afresh, "
              "or choose another folder with --data-dir DIR."},
    "store.no_database": {
        "nl": "Er is nog niets opgeslagen in {path}.",
        "en": "Nothing has been stored in {path} yet."},
    "store.old_schema_read_only": {
        "nl": "{path} heeft een oudere opbouw (schema {found}) en kan hier niet worden bijgewerkt ({detail}); "
              "speel één keer op een computer waar de map schrijfbaar is.",
        "en": "{path} has an older layout (schema {found}) and cannot be updated here ({detail}); "
              "play once on a computer where the folder is writable."},
    "store.forget_pending": {
        "nl": "{name} is verwijderd, maar een ander Omgekeerd-venster houdt nog een oude kopie open; sluit het en "
              "voer 'forget' nog eens uit om ook die sporen te wissen.",
        "en": "{name} was deleted, but another Omgekeerd window still holds an old copy open; close it and run "
              "'forget' again to wipe those traces too."},
    "hardening.scale_approximate": {
        "nl": "Let op: deze casus heeft te veel mogelijke routes om alle uitkomsten na te gaan. De scores staan daarom "
              "op de breedst mogelijke schaal en zijn een benadering.",
        "en": "Note: this case has too many possible routes to check every outcome. The scores are therefore on the "
              "widest possible scale and are an approximation."},
    "report.scale_approximate": {  # the HTML report's line (report.* keys are the report's labels)
        "nl": "Deze casus heeft te veel mogelijke routes om alle uitkomsten na te gaan: de scores staan op de "
              "breedst mogelijke schaal en zijn een benadering.",
        "en": "This case has too many possible routes to check every outcome: the scores are on the widest "
              "possible scale and are an approximation."},
    "hardening.analyze_approximate": {
        "nl": "  benadering: de verkenning stopte na {states} speltoestanden (te groot); de schaal is de breedst "
              "mogelijke, eindes en expertroute zijn niet bepaald",
        "en": "  approximate: exploring stopped after {states} play states (too large); the scale is the widest "
              "possible, endings and expert route are not known"},
    "hardening.damage.no_player": {"nl": "de speler ervan ontbreekt", "en": "its player is missing"},
    "hardening.damage.no_content": {"nl": "de tekst van de casus ontbreekt", "en": "its scenario text is missing"},
    "hardening.damage.column": {"nl": "de tekst in kolom {column} is onleesbaar",
                                "en": "the text in column {column} cannot be read"},
    "hardening.damage.choice_column": {"nl": "de tekst in kolom {column} van een keuze is onleesbaar",
                                       "en": "the text in column {column} of a choice cannot be read"},
    "hardening.export_skipped": {
        "nl": "Sessie {id} is niet geëxporteerd: {reason}",
        "en": "Session {id} was not exported: {reason}"},
}
