"""The command-line section of the string catalogue: validate, analyze, graph, new, list, report and errors."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # -- validate ---------------------------------------------------------------------------
    "cli.validate.summary": {"nl": "{errors}, {warnings}", "en": "{errors}, {warnings}"},
    "cli.validate.errors": {"nl": {"one": "{count} fout", "other": "{count} fouten"},
                            "en": {"one": "{count} error", "other": "{count} errors"}},
    "cli.validate.warnings": {"nl": {"one": "{count} waarschuwing", "other": "{count} waarschuwingen"},
                              "en": {"one": "{count} warning", "other": "{count} warnings"}},
    "cli.validate.clean": {"nl": "geen problemen gevonden", "en": "no problems found"},
    "cli.no_library": {"nl": "de casusmap {folder} bestaat niet", "en": "the library folder {folder} does not exist"},
    "cli.no_scenario_files": {"nl": "{name}: geen casusbestanden (.yaml) in deze map",
                              "en": "{name}: no scenario files (.yaml) in this folder"},
    "cli.no_such_path": {"nl": "{name}: dit bestand of deze map bestaat niet", "en": "{name}: no such file or folder"},
    # -- analyze ----------------------------------------------------------------------------
    "cli.analyze.reachable": {"nl": "  bereikbare situaties: {reached} van {total}",
                              "en": "  situations reachable: {reached} of {total}"},
    "cli.analyze.playthroughs": {"nl": "  speelsessies: {count}{loops} over {states} toestanden",
                                 "en": "  playthroughs: {count}{loops} over {states} states"},
    "cli.analyze.loops": {"nl": " (plus eindeloze lussen)", "en": " (plus endless loops)"},
    "cli.analyze.range": {"nl": "  totaal van de as {axis}: {low} tot {high}",
                          "en": "  {axis} axis total: {low} to {high}"},
    "cli.analyze.ending": {"nl": "  afloop {ending}: {shown}", "en": "  ending {ending}: {shown}"},
    "cli.analyze.best": {"nl": "beste route scoort bewoner {resident}, regels {rules}",
                         "en": "best route scores resident {resident}, rules {rules}"},
    "cli.analyze.unreachable": {"nl": "niet bereikbaar", "en": "not reachable"},
    "cli.analyze.dead_ends": {"nl": "  doodlopend (geen keuze beschikbaar): {situations}",
                              "en": "  dead ends (no choice available): {situations}"},
    "cli.analyze.expert": {"nl": "  route van de expert ({ending}; bewoner {resident}, regels {rules}): {route}",
                           "en": "  expert route ({ending}; resident {resident}, rules {rules}): {route}"},
    # -- play, graph, new, list --------------------------------------------------------------
    "cli.json_needs_choices": {"nl": "--json werkt alleen met --choices (een vastgelegde speelsessie)",
                               "en": "--json needs --choices (a scripted playthrough)"},
    "cli.not_written": {"nl": "{path} kon niet worden geschreven: {detail}",
                        "en": "{path} could not be written: {detail}"},
    "cli.wrote": {"nl": "geschreven: {path}", "en": "wrote {path}"},
    "cli.new.exists_in_library": {
        "nl": 'de casussen hebben al een casus "{id}" in {path}; er is niets geschreven. Kies een andere id',
        "en": 'the library already has a scenario "{id}" in {path}; nothing was written. Choose another id'},
    "cli.new.name_differs": {
        "nl": 'let op: de bestandsnaam wijkt af van de id "{id}"; validate vraagt je ze gelijk te maken',
        "en": 'note: the file name differs from the id "{id}"; validate will ask you to make them equal'},
    "cli.new.next": {
        "nl": "en nu: bewerk het, controleer het met 'python main.py validate {path}', "
              "bekijk het met 'python main.py graph {path}', speel het met 'python main.py play --text {path}'",
        "en": "next: edit it, check it with 'python main.py validate {path}', "
              "see it with 'python main.py graph {path}', play it with 'python main.py play --text {path}'"},
    "cli.no_playable": {"nl": "geen speelbare casussen in {folder}", "en": "no playable scenarios in {folder}"},
    "cli.play.name_scenario": {
        "nl": "noem een casus (een id uit de casussen of een .yaml-bestand), bijvoorbeeld play --text boodschappen",
        "en": "name a scenario (a library id or a .yaml file), e.g. play --text boodschappen"},
    "cli.play.resume_no_scenario": {
        "nl": "--resume speelt de laatste onafgemaakte speelsessie verder; laat de casus weg",
        "en": "--resume continues the last unfinished playthrough; leave out the scenario"},
    "cli.play.in_situation": {"nl": ' in situatie "{situation}"', "en": ' in situation "{situation}"'},
    "cli.play.refused": {"nl": "keuze {number} ({choice}){where} kan niet worden gemaakt: {reason}",
                         "en": "choice {number} ({choice}){where} cannot be made: {reason}"},
    "cli.bad_size": {"nl": "--size verwacht BREEDTExHOOGTE zoals 1280x720, niet {value}",
                     "en": "--size wants WIDTHxHEIGHT such as 1280x720, not {value}"},
    # -- report -----------------------------------------------------------------------------
    "cli.report.name_one": {
        "nl": "noem één sessie: report SESSIE_ID --out BESTAND.html, of report --last --out BESTAND.html",
        "en": "name one session: report SESSION_ID --out FILE.html, or report --last --out FILE.html"},
    "cli.report.not_an_id": {"nl": '"{value}" is geen sessienummer (een getal, getoond na play)',
                             "en": '"{value}" is not a session id (a number, shown after play)'},
    # -- errors of any command --------------------------------------------------------------
    "cli.error": {"nl": "omgekeerd: fout: {message}", "en": "omgekeerd: error: {message}"},
    "cli.unexpected": {"nl": "omgekeerd: onverwachte fout: {error} (zet OMGEKEERD_DEBUG=1 om details te zien)",
                       "en": "omgekeerd: unexpected error: {error} (set OMGEKEERD_DEBUG=1 to see details)"},
}
