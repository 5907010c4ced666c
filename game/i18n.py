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
    # -- the session store (game/store.py): one line each, never a traceback ------------------
    "store.no_folder": {
        "nl": "De gegevensmap {path} kan niet worden gemaakt ({detail}); kies een andere met --data-dir MAP of OMGEKEERD_DATA.",
        "en": "The data folder {path} cannot be created ({detail}); choose another with --data-dir DIR or OMGEKEERD_DATA."},
    "store.unreadable": {
        "nl": "{path} kan niet worden geopend ({detail}); het bestand is niet gewijzigd.",
        "en": "{path} cannot be opened ({detail}); the file was not changed."},
    "store.corrupt": {
        "nl": "{path} is beschadigd of geen Omgekeerd-database ({detail}); het bestand is bewaard zoals het was: "
              "zet het opzij om opnieuw te beginnen, of kies een andere map met --data-dir MAP.",
        "en": "{path} is damaged or not an Omgekeerd database ({detail}); the file was kept as it was: "
              "move it aside to start afresh, or choose another folder with --data-dir DIR."},
    "store.foreign": {
        "nl": "{path} bevat tabellen van een ander programma; het bestand is bewaard zoals het was: "
              "kies een andere map met --data-dir MAP.",
        "en": "{path} holds tables of another program; the file was kept as it was: "
              "choose another folder with --data-dir DIR."},
    "store.newer": {
        "nl": "{path} komt van een nieuwere Omgekeerd (schema {found}; deze versie leest tot en met {known}); "
              "het bestand is bewaard zoals het was: werk Omgekeerd bij of kies een andere map met --data-dir MAP.",
        "en": "{path} comes from a newer Omgekeerd (schema {found}; this version reads up to {known}); "
              "the file was kept as it was: update Omgekeerd or choose another folder with --data-dir DIR."},
    "store.locked": {
        "nl": "{path} is bezet door een ander Omgekeerd-venster of -opdracht; probeer het zo opnieuw.",
        "en": "{path} is busy in another Omgekeerd window or command; try again in a moment."},
    "store.write_failed": {
        "nl": "Opslaan in {path} lukt niet ({detail}); wat al bewaard was, blijft bewaard.",
        "en": "Saving to {path} failed ({detail}); what was saved before is still there."},
    "store.no_session": {"nl": "Er is geen sessie {id}.", "en": "There is no session {id}."},
    "store.session_closed": {"nl": "Sessie {id} is al afgerond of opzijgezet.",
                             "en": "Session {id} is already finished or set aside."},
    "store.bad_name": {"nl": 'De schuilnaam "{name}" kan niet: gebruik 1 tot {max} tekens, zonder regeleinden.',
                       "en": 'The pseudonym "{name}" cannot be used: use 1 to {max} characters, without line breaks.'},
    "store.bad_background": {"nl": 'Onbekende achtergrond "{background}"; kies uit: {known}.',
                             "en": 'Unknown background "{background}"; choose from: {known}.'},
    "store.bad_mode": {"nl": 'Onbekende speelwijze "{mode}".', "en": 'Unknown mode "{mode}".'},
    # -- recorded play and resume (game/recordplay.py) -------------------------------------------
    "ask_player": {"nl": "Je schuilnaam (geen echte naam; Enter = {default})",
                   "en": "Your pseudonym (not your real name; Enter = {default})"},
    "ask_background": {"nl": "Je achtergrond (1-{count}; Enter = overslaan)", "en": "Your background (1-{count}; Enter = skip)"},
    "saved_as": {"nl": "Deze speelsessie wordt bewaard als sessie {id} van {player}.",
                 "en": "This playthrough is saved as session {id} of {player}."},
    "resume_hint": {"nl": "Speel later verder met: python main.py play --resume",
                    "en": "Continue later with: python main.py play --resume"},
    "no_unfinished": {"nl": "Er is geen onafgemaakte speelsessie om verder te spelen.",
                      "en": "There is no unfinished playthrough to continue."},
    "resuming": {"nl": "Je speelt verder met sessie {id} ({player}); je had {count} keuze(s) gemaakt.",
                 "en": "You continue session {id} ({player}); you had made {count} choice(s)."},
    "resume_changed": {"nl": "De casus is gewijzigd sinds je begon. Je keuzes passen nog: je speelt verder met de nieuwe versie.",
                       "en": "The case has changed since you started. Your choices still fit: you continue with the new version."},
    "resume_saved_copy": {"nl": "De casus {source} is niet (meer) te laden; je speelt verder met de bewaarde versie.",
                          "en": "The case {source} cannot be loaded (any more); you continue with the saved version."},
    "resume_misfit": {"nl": 'De casus is gewijzigd sinds je begon. Keuze {number} ({choice}: "{choice_text}") '
                            'in situatie "{situation}" ("{situation_text}") past niet meer: {reason}.',
                      "en": 'The case has changed since you started. Choice {number} ({choice}: "{choice_text}") '
                            'in situation "{situation}" ("{situation_text}") no longer fits: {reason}.'},
    "misfit.ended": {"nl": "de speelsessie eindigt nu al eerder", "en": "the playthrough now ends earlier"},
    "misfit.elsewhere": {"nl": 'je komt nu eerst in situatie "{now}"', "en": 'you now come to situation "{now}" instead'},
    "misfit.gone": {"nl": "die keuze bestaat daar niet meer", "en": "that choice no longer exists there"},
    "misfit.unavailable": {"nl": "die keuze is daar nu niet beschikbaar ({why})",
                           "en": "that choice is not available there now ({why})"},
    "misfit.engine": {"nl": "de keuzes laten zich niet opnieuw spelen ({why})",
                      "en": "the choices cannot be replayed ({why})"},
    "resume_unloadable": {"nl": "Sessie {id} kan niet verder: de casus {source} is niet te laden ({reason}).",
                          "en": "Session {id} cannot go on: the case {source} cannot be loaded ({reason})."},
    "offer_restart": {"nl": "Opnieuw beginnen met de huidige versie van de casus? (j/n)",
                      "en": "Start again with the current version of the case? (y/n)"},
    "kept_unfinished": {"nl": "Sessie {id} is bewaard zoals ze was.", "en": "Session {id} was kept as it was."},
    "restarted": {"nl": "Sessie {old} is opzijgezet (bewaard); je begint opnieuw in sessie {new}.",
                  "en": "Session {old} was set aside (kept); you start again in session {new}."},
    "yes_answers": {"nl": "j,ja,y,yes", "en": "y,yes,j,ja"},
    "not_saved": {"nl": "Deze keuze kon niet worden bewaard.", "en": "This choice could not be saved."},
    # -- the debrief in the terminal (game/textdebrief.py) ---------------------------------------
    "debrief": {"nl": "Nabespreking", "en": "Debrief"},
    "score.resident": {"nl": "Bewonersgericht", "en": "Resident-centred"},
    "score.rules": {"nl": "Rechtmatig", "en": "Lawful"},
    "four_questions": {"nl": "De vier vragen", "en": "The four questions"},
    "thinking_errors": {"nl": "Denkfouten", "en": "Thinking errors"},
    "no_thinking_errors": {"nl": "Geen denkfouten in je keuzes.", "en": "No thinking errors in your choices."},
    "levers_used": {"nl": "Wettelijke mogelijkheden die je gebruikte", "en": "Legal levers you used"},
    "levers_missed": {"nl": "Wettelijke mogelijkheden die je liet liggen", "en": "Legal levers you left unused"},
    "levers_elsewhere": {"nl": "Ook mogelijk geweest", "en": "Also possible"},
    "none": {"nl": "geen", "en": "none"},
    "expert_route": {"nl": "De route van de expert", "en": "The expert route"},
    "follows_expert": {"nl": "Je volgde precies de route van de expert.", "en": "You followed the expert route exactly."},
    "report_hint": {"nl": "Sessie {id} is bewaard. Maak er een verslag van met: python main.py report {id} --out verslag.html",
                    "en": "Session {id} is saved. Make a report of it with: python main.py report {id} --out report.html"},
    "not_finished": {"nl": "Deze speelsessie is nog niet afgemaakt.", "en": "This playthrough is not finished yet."},
    # -- report, export, forget (game/storecmds.py) ----------------------------------------------
    "no_sessions": {"nl": "Er zijn nog geen bewaarde speelsessies.", "en": "There are no saved playthroughs yet."},
    "report_unloadable": {"nl": "Sessie {id} kan niet opnieuw worden gespeeld voor het verslag: {reason}",
                          "en": "Session {id} cannot be replayed for the report: {reason}"},
    "cannot_write": {"nl": "{path} kan niet worden geschreven ({detail}).", "en": "{path} cannot be written ({detail})."},
    "report_written": {"nl": "Verslag van sessie {id} geschreven: {path}", "en": "Report of session {id} written: {path}"},
    "export_written": {"nl": "{sessions} sessie(s) in {rows} regel(s) geschreven: {path}",
                       "en": "{sessions} session(s) in {rows} row(s) written: {path}"},
    "no_player": {"nl": 'Er is geen speler "{name}".', "en": 'There is no player "{name}".'},
    "forgotten": {"nl": "Alles van {name} is verwijderd: {count} sessie(s).",
                  "en": "Everything of {name} was deleted: {count} session(s)."},
}


def t(key: str, lang: str = "nl") -> str:
    """An interface string in ``lang`` (Dutch when missing)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("nl", key)
