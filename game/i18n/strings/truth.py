"""The truth section of the catalogue (issue 10): analyze's routes per ending, the routes CSV and the figures."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # -- analyze: the scale and every ending's routes ------------------------------------------
    "truth.analyze.range": {"nl": "  totaal van de as {axis}: {low} tot {high}, bij de start {start} (score 50)",
                            "en": "  {axis} axis total: {low} to {high}, at the start {start} (score 50)"},
    "truth.analyze.ending": {"nl": "  afloop {ending}{outcome}: {routes}",
                             "en": "  ending {ending}{outcome}: {routes}"},
    "truth.analyze.outcome": {"nl": " (uitkomst {outcome})", "en": " (outcome {outcome})"},
    "truth.analyze.routes": {"nl": {"one": "{count} route", "other": "{count} routes"},
                             "en": {"one": "{count} route", "other": "{count} routes"}},
    "truth.analyze.unreachable": {"nl": "  afloop {ending}: niet bereikbaar", "en": "  ending {ending}: not reachable"},
    "truth.analyze.not_analysed": {"nl": "  afloop {ending}: routes niet geteld (te veel speeltoestanden)",
                                   "en": "  ending {ending}: routes not counted (too many play states)"},
    "truth.analyze.spread": {
        "nl": "    bewoner {resident_low} tot {resident_high} (mediaan {resident_median}), "
              "regels {rules_low} tot {rules_high} (mediaan {rules_median})",
        "en": "    resident {resident_low} to {resident_high} (median {resident_median}), "
              "rules {rules_low} to {rules_high} (median {rules_median})"},
    "truth.analyze.quadrants": {"nl": "    kwadranten: {counts}", "en": "    quadrants: {counts}"},
    "truth.analyze.best": {"nl": "    beste route (bewoner {resident}, regels {rules}): {route}",
                           "en": "    best route (resident {resident}, rules {rules}): {route}"},
    "truth.analyze.worst": {"nl": "    slechtste route (bewoner {resident}, regels {rules}): {route}",
                            "en": "    worst route (resident {resident}, rules {rules}): {route}"},
    "truth.analyze.differs": {
        "nl": {"one": "    {count} route valt in een ander kwadrant dan de uitkomst, zoals {route} "
                      "(bewoner {resident}, regels {rules}: {quadrant})",
               "other": "    {count} routes vallen in een ander kwadrant dan de uitkomst, zoals {route} "
                        "(bewoner {resident}, regels {rules}: {quadrant})"},
        "en": {"one": "    {count} route lands in another quadrant than the outcome, e.g. {route} "
                      "(resident {resident}, rules {rules}: {quadrant})",
               "other": "    {count} routes land in another quadrant than the outcome, e.g. {route} "
                        "(resident {resident}, rules {rules}: {quadrant})"}},
    "truth.analyze.no_choices": {"nl": "(geen keuzes)", "en": "(no choices)"},
    "truth.analyze.needs_one": {
        "nl": "noem één casus: analyze CASUS, of analyze --figures [PAD ...] voor de cijfers",
        "en": "name one scenario: analyze SCENARIO, or analyze --figures [PATH ...] for the figures"},
    # -- analyze --routes FILE.csv -------------------------------------------------------------
    "truth.routes.too_many": {
        "nl": "{scenario} heeft {count} routes, meer dan de {limit} die in een lijst passen; er is niets geschreven. "
              "'analyze {scenario}' telt ze per afloop, met de beste en de slechtste route",
        "en": "{scenario} has {count} routes, more than the {limit} a list can hold; nothing was written. "
              "'analyze {scenario}' counts them per ending, with the best and the worst route"},
    "truth.routes.approximate": {
        "nl": "{scenario} is te groot om elke route te volgen; er is niets geschreven (zie 'validate {scenario}')",
        "en": "{scenario} is too large to follow every route; nothing was written (see 'validate {scenario}')"},
    "truth.routes.wrote": {"nl": {"one": "{count} route geschreven naar {path}",
                                  "other": "{count} routes geschreven naar {path}"},
                           "en": {"one": "wrote {count} route to {path}", "other": "wrote {count} routes to {path}"}},
    # -- play --choices that could not be made --------------------------------------------------
    "truth.play.set_aside": {
        "nl": "Sessie {id} is bewaard, maar wordt niet aangeboden om verder te spelen: de keuzes pasten niet.",
        "en": "Session {id} is kept, but not offered to resume: the choices did not fit."},
    # -- analyze --figures: over every route of every scenario -----------------------------------
    "truth.figures.heading": {"nl": "Cijfers over elke route van {scenarios} casussen ({routes} routes):",
                              "en": "Figures over every route of {scenarios} scenarios ({routes} routes):"},
    "truth.figures.differs": {
        "nl": "  routes in een ander kwadrant dan de uitkomst van hun afloop: {count} van {of} (afloop met uitkomst)",
        "en": "  routes in another quadrant than their ending's outcome: {count} of {of} (endings with an outcome)"},
    "truth.figures.stuck_yes": {
        "nl": "  routes naar een afloop 'stuck' met 'Ja' op 'Is het efficiënt?': {count} van {of}",
        "en": "  routes to a 'stuck' ending answering 'Yes' to 'Is it efficient?': {count} of {of}"},
    "truth.figures.longest": {
        "nl": "  keuzes op de route van de expert waar de expert-optie de langste tekst heeft: "
              "{count} van {of} ({share} %)",
        "en": "  decisions on the expert route where the expert option is the longest text: "
              "{count} of {of} ({share} %)"},
    "truth.figures.unlike_best": {
        "nl": "  ter informatie: routes in een ander kwadrant dan de beste route van hun afloop: {count} van {of}",
        "en": "  for information: routes in another quadrant than their ending's best route: {count} of {of}"},
    "truth.figures.scored_stuck": {
        "nl": "  ter informatie: routes met scores in 'stuck' en 'Ja' op 'Is het efficiënt?': {count} van {of}",
        "en": "  for information: routes scoring 'stuck' that answer 'Yes' to 'Is it efficient?': {count} of {of}"},
    "truth.figures.skipped": {"nl": "  niet geteld (te groot om elke route te volgen): {scenarios}",
                              "en": "  not counted (too large to follow every route): {scenarios}"},
}
