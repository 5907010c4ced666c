"""The findings section of the catalogue: validate's most common findings and hints, in Dutch and English.

The engine writes findings in English (it never reads the catalogue); ``game.cli.findings``
recognises their shapes and renders them from these entries in the reader's language.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "findings.severity.error": {"nl": "fout", "en": "error"},
    "findings.severity.warning": {"nl": "waarschuwing", "en": "warning"},
    # -- YAML syntax ---------------------------------------------------------------------------
    "findings.yaml_tab": {"nl": "YAML-fout: er staat een tab op deze regel; YAML springt alleen in met spaties",
                          "en": "YAML syntax: there is a tab on this line; YAML indents with spaces only"},
    "findings.yaml_tab.hint": {"nl": "vervang de tab door spaties: twee extra voor elk niveau",
                               "en": "replace the tab by spaces: two more for every level"},
    "findings.yaml_colon": {
        "nl": "YAML-fout: een dubbele punt (:) in een waarde, of een sleutel die niet goed inspringt",
        "en": "YAML syntax: a colon (:) inside a value, or a key that is not indented right"},
    "findings.yaml_colon.hint": {
        "nl": 'zet een tekst met een dubbele punt tussen aanhalingstekens, bijvoorbeeld title: "Let op: de brief"; '
              "of controleer het inspringen op deze regel en de regel ervoor",
        "en": 'put a text with a colon in double quotes, e.g. title: "Note: the letter"; '
              "or check the indentation of this line and the one before"},
    "findings.yaml_syntax": {"nl": "YAML-fout: {problem}", "en": "YAML syntax: {problem}"},
    "findings.yaml_syntax.hint": {
        "nl": "controleer het inspringen, de dubbele punten en de aanhalingstekens op deze regel en de regel ervoor",
        "en": "check indentation, colons and quotes on this line and the one before"},
    "findings.empty_file": {"nl": "het bestand is leeg", "en": "the file is empty"},
    "findings.duplicate_key": {"nl": 'de sleutel "{name}" staat twee keer in dezelfde map',
                               "en": 'the key "{name}" appears twice in the same map'},
    "findings.duplicate_key.hint": {"nl": "houd er één over (sleutels en ids moeten uniek zijn)",
                                    "en": "keep one of them (keys and ids must be unique)"},
    # -- shapes and references -------------------------------------------------------------------
    "findings.unknown_key": {"nl": 'onbekende sleutel "{name}" in {where}', "en": 'unknown key "{name}" in {where}'},
    "findings.missing_key": {"nl": '{where} heeft geen "{name}"', "en": '{where} has no "{name}"'},
    "findings.missing_key.hint": {"nl": "voeg '{name}:' toe aan {where}", "en": "add '{name}:' to {where}"},
    "findings.unknown_value": {"nl": 'onbekende {noun} "{value}" in {where}',
                               "en": 'unknown {noun} "{value}" in {where}'},
    "findings.noun.speaker": {"nl": "spreker", "en": "speaker"},
    "findings.noun.axis": {"nl": "as", "en": "axis"},
    "findings.noun.thinking_error": {"nl": "denkfout", "en": "thinking error"},
    "findings.noun.dossier_kind": {"nl": "soort document", "en": "dossier kind"},
    "findings.noun.condition_key": {"nl": "sleutel van een voorwaarde", "en": "condition key"},
    "findings.unknown_target": {"nl": '{where} gaat naar "{target}", en dat is geen situatie of afloop',
                                "en": '{where} goes to "{target}", which is not a situation or ending'},
    "findings.unknown_target.hint": {"nl": "schrijf de id van een situatie of een afloop",
                                     "en": "write the id of a situation or an ending"},
    "findings.unknown_metric": {"nl": '{where} verandert de onbekende meetwaarde "{metric}"',
                                "en": '{where} changes unknown metric "{metric}"'},
    "findings.unknown_metric.hint": {"nl": "zet haar onder metrics: of gebruik een standaardmeetwaarde",
                                     "en": "declare it under metrics: or use a standard metric"},
    "findings.unknown_outcome": {"nl": 'onbekende uitkomst "{value}" in {where}',
                                 "en": 'unknown outcome "{value}" in {where}'},
    "findings.flag_never_set": {"nl": '{where} test de vlag "{flag}", maar geen keuze zet die',
                                "en": '{where} tests flag "{flag}", which no choice sets'},
    "findings.flag_never_set.hint": {"nl": "zet de vlag in de set:-lijst van een keuze, of verbeter de naam",
                                     "en": "add it to a choice's set: list, or fix the name"},
    "findings.unreachable_flag": {
        "nl": "afloop {ending} is nooit te bereiken: voorwaarden testen de vlag {flags}, maar geen keuze zet die",
        "en": "ending {ending} can never be reached: conditions test the flag {flags}, which no choice sets"},
    "findings.unreachable_flag.hint": {"nl": "verbeter de naam van de vlag in de voorwaarde of in de set:-lijst",
                                       "en": "fix the flag's name in the condition or in a choice's set: list"},
    "findings.no_language": {"nl": '{where} heeft geen {language} tekst ("{code}")',
                             "en": '{where} has no {language} ("{code}")'},
    "findings.no_language.hint": {
        "nl": 'voeg {code}: "..." toe naast de andere talen, bijvoorbeeld {{nl: "...", {code}: "..."}}',
        "en": 'add {code}: "..." beside the other languages, e.g. {{nl: "...", {code}: "..."}}'},
    "findings.language.en": {"nl": "Engelse", "en": "English"},
    "findings.language.nl": {"nl": "Nederlandse", "en": "Dutch"},
    "findings.long_sentence": {"nl": '{where}: een zin van {words} woorden ("{start} …")',
                               "en": '{where}: a sentence of {words} words ("{start} …")'},
    "findings.long_sentence.hint": {"nl": "knip hem op; B1-Nederlands houdt zinnen op {limit} woorden of minder",
                                    "en": "split it; B1 Dutch keeps sentences to {limit} words or fewer"},
    "findings.id_differs": {"nl": 'de id "{id}" is anders dan de bestandsnaam "{name}"',
                            "en": 'the id "{id}" differs from the file name "{name}"'},
    "findings.id_differs.hint": {"nl": "noem het bestand {id}.yaml of verander de id",
                                 "en": "rename the file to {id}.yaml or change the id"},
    "findings.start_unknown": {"nl": 'start noemt "{name}", en dat is geen situatie',
                               "en": 'start names "{name}", which is not a situation'},
    "findings.start_unknown.hint": {"nl": "schrijf de id van de eerste situatie",
                                    "en": "write the id of the first situation"},
    "findings.not_reachable": {"nl": "{where} is vanaf de start niet te bereiken",
                               "en": "{where} cannot be reached from start"},
    "findings.not_reachable.hint": {"nl": "laat een keuze of next ernaartoe gaan, of haal het weg",
                                    "en": "add a choice or next entry that goes to it, or remove it"},
    "findings.no_ending": {"nl": "vanuit situatie {situation} is geen afloop te bereiken",
                           "en": "from situation {situation} no ending can be reached"},
    "findings.no_ending.hint": {"nl": "geef haar (of een situatie erna) een keuze die naar een afloop leidt",
                                "en": "give it (or a situation after it) a choice that leads towards an ending"},
    "findings.unknown_lever": {"nl": '{where} noemt de onbekende hefboom "{lever}"',
                               "en": '{where} names unknown lever "{lever}"'},
    "findings.unknown_lever.hint": {"nl": "gebruik een id uit scenarios/levers.yaml of zet haar onder levers:",
                                    "en": "use an id from scenarios/levers.yaml or declare it under levers:"},
    "findings.tests_unknown_metric": {"nl": '{where} test de onbekende meetwaarde "{metric}"',
                                      "en": '{where} tests unknown metric "{metric}"'},
    "findings.flag_never_read": {
        "nl": 'vlag "{flag}" wordt gezet (door keuze {choice}), maar geen voorwaarde leest haar',
        "en": 'flag "{flag}" is set (by choice {choice}) but no condition reads it'},
    "findings.flag_never_read.hint": {
        "nl": "test haar waar het ertoe doet (requires: {{flag: ...}}, een next-if of een epiloog-if), "
              "of haal haar uit set:",
        "en": "test it where it matters (requires: {{flag: ...}}, a next if, or an epilogue if), "
              "or remove it from set:"},
    # -- the scoring checks ------------------------------------------------------------------------
    "findings.fixed_axis": {
        "nl": "de as {axis_name} kan niet variëren: elke speelsessie eindigt met een totaal van {total}, "
              "dus iedereen scoort er 100 op",
        "en": "the {axis_name} axis cannot vary: every playthrough ends with a {axis_name} total of {total}, "
              "so every player scores 100 on it"},
    "findings.fixed_axis.hint": {"nl": "geef keuzes verschillende gevolgen voor de meetwaarden van die as ({metrics})",
                                 "en": "give choices different effects on the {axis_name} metrics ({metrics})"},
    "findings.no_lever": {
        "nl": "een route naar afloop {ending} scoort bewoner {resident} en regels {rules} ({high} of meer op allebei) "
              "zonder een wettelijke mogelijkheid te gebruiken: {route}",
        "en": "a route to ending {ending} scores resident {resident} and rules {rules} ({high} or more on both) "
              "without using any lever: {route}"},
    "findings.no_lever.hint": {
        "nl": "de beste afloop hoort de wet om te draaien: noem de hefboom die een keuze op deze route gebruikt "
              "(levers: [...]), of verlaag de scores van deze route",
        "en": "the best outcome should need the law turned around: name the lever a choice on this route uses "
              "(levers: [...]), or lower the scores of this route"},
    "findings.outcome_differs": {
        "nl": 'afloop {ending} heeft als uitkomst "{outcome}", maar {count} van de {routes} routes ernaartoe scoren '
              'in een ander kwadrant, zoals {route} (bewoner {resident}, regels {rules}: "{quadrant}")',
        "en": 'ending {ending} declares outcome "{outcome}", but {count} of its {routes} routes score in another '
              'quadrant, e.g. {route} (resident {resident}, rules {rules}: "{quadrant}")'},
    "findings.outcome_differs.hint": {
        "nl": "de nabespreking volgt de afloop; geef de keuzes op deze routes (of de afloop, onder effects:) "
              "gevolgen die bij het verhaal passen, of laat deze routes elders eindigen "
              "('omgekeerd analyze --routes BESTAND.csv' toont elke route)",
        "en": "the debrief follows the ending; give the choices on these routes (or the ending, under effects:) "
              "effects that match the story, or let these routes end elsewhere ('omgekeerd analyze --routes "
              "FILE.csv' lists every route)"},
    "findings.give_away": {
        "nl": "de keuze van de expert is de langste tekst in {count} van de {decisions} beslissingen op de route "
              "van de expert ({share} %): ervaren spelers kiezen haar zonder te lezen",
        "en": "the expert option is the longest text in {count} of {decisions} decisions on the expert route "
              "({share} %): experienced players pick it without reading"},
    "findings.give_away.hint": {
        "nl": "geef de andere keuzes een eigen reden en een vergelijkbare lengte, of zeg de keuze van de expert "
              "korter; mik op hoogstens 40 %",
        "en": "give the other options reasons of their own and a similar length, or say the expert option "
              "more briefly; aim for at most 40 %"},
    "findings.strawman": {
        "nl": "keuze {choice} is een stropop: elke andere keuze van {situation} scoort beter voor bewoner én regels, "
              "en ze bespaart geen moeite ({effects})",
        "en": "choice {choice} is a strawman: every other choice of {situation} scores better on both the resident "
              "and the rules axis and it saves no effort ({effects})"},
    "findings.strawman.hint": {
        "nl": "niemand die nadenkt kiest haar, dus ze leert niets: geef haar de winst die verleidt "
              "(snelheid, een regel die het lijkt te eisen, minder risico), of haal haar weg",
        "en": "nobody thoughtful picks it, so it teaches nothing: give it the gain that makes it tempting "
              "(speed, a rule that seems to demand it, less risk), or remove it"},
    "findings.same_effects": {
        "nl": "alle {count} keuzes van situatie {situation} hebben dezelfde gevolgen ({effects}): "
              "de beslissing hier verandert geen score",
        "en": "all {count} choices of situation {situation} have the same effects ({effects}): "
              "the decision here changes no score"},
    "findings.same_effects.hint": {
        "nl": "geef elke keuze de gevolgen die laten zien wat ze oplevert en kost; verschilt alleen het verhaal, "
              "dan mag dat voor één situatie, maar zeg in de feedback waarom het ertoe doet",
        "en": "give each choice the effects that show what it gains and costs; if only the story differs, that is "
              "fine for one situation, but say in the feedback why it matters"},
    "findings.never_reached": {
        "nl": "afloop {ending} is nooit te bereiken: de voorwaarden onderweg gelden nooit",
        "en": "ending {ending} can never be reached: the conditions on the way never hold"},
    "findings.never_reached.hint": {
        "nl": "controleer de requires- en next-voorwaarden op weg ernaartoe ('omgekeerd analyze' toont wat "
              "bereikbaar is)",
        "en": "check the requires and next conditions on the way there ('omgekeerd analyze' shows what is "
              "reachable)"},
    # -- parts of hints -------------------------------------------------------------------------
    "findings.did_you_mean": {"nl": 'bedoel je "{word}"?', "en": 'did you mean "{word}"?'},
    "findings.allowed_keys": {"nl": "toegestane sleutels: {keys}", "en": "allowed keys: {keys}"},
    "findings.use_one_of": {"nl": "gebruik een van: {values}", "en": "use one of: {values}"},
    # -- the names of places in a scenario ------------------------------------------------------
    "findings.where.scenario": {"nl": "de casus", "en": "the scenario"},
    "findings.where.situation": {"nl": "situatie", "en": "situation"},
    "findings.where.choice": {"nl": "keuze", "en": "choice"},
    "findings.where.a_choice_of": {"nl": "een keuze van situatie", "en": "a choice of situation"},
    "findings.where.ending": {"nl": "afloop", "en": "ending"},
    "findings.where.next_of": {"nl": "next van situatie", "en": "next of situation"},
}
