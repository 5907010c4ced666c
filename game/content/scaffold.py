"""The ``new`` command's work: a ready-to-edit, bilingual scenario file with comments on every part.

The template is a small playable case (three situations, three endings, one lever on the
best route) that validates without errors or warnings, scoring smells included, so that an
author starts from something that works and changes it step by step.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.loader import SCENARIO_ID

_ID = "__ID__"

TEMPLATE = """\
# A new Omgekeerd scenario ("casus"), made by: omgekeerd new __ID__
#
# How to work with this file
#   - Lines that start with # are comments: the game skips them. Remove them when you like.
#   - Indentation matters. Use spaces (never tabs): two more for every level, as here.
#   - Put text in double quotes "...", or after | on the lines below it, indented.
#   - Every text has Dutch (nl, required) and English (en, optional) on its own line.
#   - Check your work:    python main.py validate __PATH__
#   - See the whole case: python main.py graph __PATH__ --format mermaid
#   - Play it:            python main.py play --text __PATH__
# The guide for authors is docs/authoring.md; every key is described in docs/scenario-format.md.
# This example case plays as it is: change the texts and choices into your own case.

format: 1                      # the version of the scenario format: keep it at 1
id: __ID__                     # small letters, digits and -; the same as the file name
title:                         # the title players see in the list of cases
  nl: "Nieuwe casus"
  en: "New case"
summary:                       # one short paragraph for the list of cases
  nl: |
    Noor Bakker heeft twee maanden huurachterstand. De woningcorporatie meldt dat bij de gemeente. Jij pakt het signaal op.
  en: |
    Noor Bakker is two months behind on rent. The housing corporation reports it to the municipality. You pick up the signal.
tags: [schulden, voorbeeld]    # free words, for finding the case
audience: [inkomen, wijkteam]  # free words: who the case is written for
minutes: 5                     # about how long one playthrough takes
# date: 2026-03-01             # optional: the day the case plays; levers are checked against the law then
learning_goals:                # what a player should learn: a list, one line per goal
  nl:
    - "Je zoekt eerst contact en pas daarna pas je een regel toe."
    - "Je gebruikt de wet als toets achteraf, niet als filter vooraf."
  en:
    - "You make contact first and only then apply a rule."
    - "You use the law as the closing test, not as a filter at the start."
resident:                      # the (fictional) resident at the centre of the case
  name: "Noor Bakker"
  age: 38
  household:
    nl: "Alleenstaand, twee kinderen van 6 en 9"
    en: "Single, two children aged 6 and 9"

# Scores come from metrics. Every case has these without declaring them:
#   resident axis: ownership, self_reliance, security, trust
#   rules axis:    legality, justification
#   and:           efficiency
# A choice changes them with effects, e.g. effects: {trust: 1, legality: -2}.
# You may add metrics of your own. Remove the # signs below to use this one,
# and give at least one choice an effect on it, e.g. effects: {schuld: -300}.
# metrics:
#   schuld:
#     label: {nl: "Huurschuld (euro)", en: "Rent arrears (euro)"}
#     axis: none               # resident | rules | efficiency | none
#     start: 1800
#     min: 0
#     max: 5000

dossier:                       # documents the player can read during the case
  - id: signaal
    title: {nl: "Signaal van de corporatie", en: "Signal from the housing corporation"}
    kind: email                # note | letter | email | form | report
    available: start           # start: readable from the beginning
    text:
      nl: "Mevrouw Bakker heeft twee maanden huurachterstand. Dat is 1.800 euro. Wij willen graag een oplossing."
      en: "Ms Bakker is two months behind on rent. That is 1,800 euros. We would like a solution."
  - id: budget
    title: {nl: "Budgetoverzicht van Noor", en: "Noor's budget overview"}
    kind: form
    available: unlocked        # unlocked: readable once a situation names it under unlocks
    text:
      nl: |
        Inkomen: bijstand en kinderbijslag.
        In maart viel haar toeslag weg. Daardoor ontstond de achterstand.
      en: |
        Income: social assistance and child benefit.
        In March her allowance stopped. That is how the arrears began.

start: melding                 # the first situation of the case

situations:                    # each situation: what the player sees, and what they can do
  melding:                     # the id of the situation: letters, digits, _ and -
    speaker: colleague         # narrator | resident | colleague | manager | provider | letter | other
    speaker_name: "Fatima (schuldhulp)"
    text:
      nl: |
        Fatima legt een mail op je bureau.
        "Noor Bakker heeft huurachterstand. De corporatie wil een oplossing. Pak jij dit op?"
      en: |
        Fatima puts an email on your desk.
        "Noor Bakker is behind on rent. The corporation wants a solution. Will you take this?"
    choices:                   # what the player can do; every choice has an id, a text and a goto
      - id: huisbezoek         # small letters, digits and _
        text:
          nl: "Noor bellen en een huisbezoek voorstellen"
          en: "Call Noor and suggest a home visit"
        effects: {trust: 2, ownership: 1, efficiency: -1}   # how the metrics change
        set: [huisbezoek_gedaan]   # a flag: remembers that this happened, for later conditions
        feedback:              # shown right after the choice (training mode)
          nl: "Noor schrikt eerst. Dan vertelt ze wat er aan de hand is."
          en: "Noor is startled at first. Then she tells you what is going on."
        goto: gesprek          # where play goes next: a situation or an ending
      - id: brief_sturen
        text:
          nl: "Een standaardbrief sturen met de regels voor schuldhulp"
          en: "Send a standard letter with the rules for debt help"
        effects: {efficiency: 1, legality: 1, trust: -1}
        thinking: [efficiency] # thinking errors shown: incident | expertise | efficiency | criteria | rule
        feedback:
          nl: "De brief is snel verstuurd. Noor belt twee weken later pas terug."
          en: "The letter goes out quickly. Noor only calls back two weeks later."
        goto: gesprek

  gesprek:
    speaker: resident
    text:
      nl: |
        Noor zit tegenover je. "Mijn toeslag stopte in maart. Ik durfde het niet te zeggen."
        Ze schuift een map met papieren naar je toe.
      en: |
        Noor sits across from you. "My allowance stopped in March. I didn't dare to say."
        She pushes a folder of papers towards you.
    unlocks: [budget]          # the dossier document budget becomes readable here
    choices:
      - id: maatwerk
        text:
          nl: "Samen een plan maken dat past bij Noor, en het toetsen aan de wet"
          en: "Make a plan with Noor that fits her, and test it against the law"
        requires: {flag: huisbezoek_gedaan}   # only possible after the home visit
        requires_text:         # why the choice is not possible yet (shown greyed out)
          nl: "Je kent haar situatie nog niet goed genoeg."
          en: "You do not know her situation well enough yet."
        effects: {security: 2, self_reliance: 1, legality: 2, justification: 2, efficiency: -1}
        levers: [pw-18]        # legal levers this choice uses: ids from scenarios/levers.yaml
        feedback:
          nl: "De wet vraagt om bijstand die past bij de persoon. Jouw plan doet dat, en je legt uit waarom."
          en: "The law asks for assistance that fits the person. Your plan does that, and you explain why."
        goto: afronding
      - id: standaard
        text:
          nl: "De standaardregeling toepassen: aflossen binnen zes maanden"
          en: "Apply the standard arrangement: pay off within six months"
        effects: {legality: 1, justification: 1, efficiency: 1, security: -2}
        thinking: [rule]
        missed_levers: [pw-18] # levers that would have opened a better route here
        feedback:
          nl: "Het klopt met de regels. Maar zes maanden is voor Noor te kort."
          en: "It fits the rules. But six months is too short for Noor."
        goto: afronding
      - id: toezeggen
        text:
          nl: "Noor beloven dat de gemeente de achterstand betaalt"
          en: "Promise Noor that the municipality will pay the arrears"
        effects: {trust: 1, security: 2, legality: -2, justification: -2}
        set: [toezegging]
        feedback:
          nl: "Noor is opgelucht. Maar je belooft iets zonder grondslag."
          en: "Noor is relieved. But you promise something without a legal basis."
        goto: afronding

  afronding:                   # no choices here: play moves on by itself with next
    next:                      # the first entry whose if holds is taken; the last has no if
      - {if: {flag: toezegging}, goto: goedbedoeld}
      - {if: {chose: gesprek.maatwerk}, goto: samen_verder}
      - {goto: volgens_de_regels}

endings:                       # how the case ends: told some months later
  samen_verder:
    title: {nl: "Samen een uitweg", en: "A way out together"}
    text:
      nl: "Een half jaar later is de achterstand bijna weg. Noor belt zelf als er iets is."
      en: "Six months later the arrears are almost gone. Noor calls herself when something comes up."
    outcome: omgekeerd         # what the ending means: omgekeerd, rules, kind or stuck (the debrief's verdict)
  volgens_de_regels:
    title: {nl: "Netjes volgens de regels", en: "Neatly by the rules"}
    text:
      nl: "Noor haalt de termijn niet. De corporatie dreigt opnieuw met een ontruiming."
      en: "Noor misses the deadline. The corporation threatens eviction again."
    outcome: rules
    effects: {security: -2}    # what the outcome itself costs, whichever route led here
  goedbedoeld:
    title: {nl: "Goedbedoeld, maar wankel", en: "Well meant, but shaky"}
    text:
      nl: "De achterstand is betaald. Bij een controle blijkt er geen besluit te zijn."
      en: "The arrears are paid. An audit finds that there is no decision."
    outcome: kind
    epilogue:                  # optional paragraphs that only show when their if holds
      - if: {flag: huisbezoek_gedaan}
        text:
          nl: "Noor vertrouwt je nog. Samen zoeken jullie een nette oplossing."
          en: "Noor still trusts you. Together you look for a proper solution."

debrief:                       # for the conversation after the case
  reflection:                  # questions for coaching: a list
    nl:
      - "Wat deed je als eerste, en waarom?"
      - "Welke regel gaf jou ruimte in plaats van grenzen?"
    en:
      - "What did you do first, and why?"
      - "Which rule gave you room instead of limits?"
  background:
    nl: "De Participatiewet vraagt om bijstand die past bij de persoon (art. 18 lid 1)."
    en: "The Participation Act asks for assistance that fits the person (art. 18(1))."
  sources: ["Participatiewet art. 18 lid 1"]
  expertise:                   # optional: a note per background: inkomen, handhaving, wmo, jeugd, nieuw
    inkomen:
      nl: "Jij kent de regels. Gebruik ze om te laten zien waarom maatwerk mag."
      en: "You know the rules. Use them to show why a tailored plan is allowed."

# Levers of your own (for example a local hardship clause) go under levers:, in the same
# shape as scenarios/levers.yaml. Remove the # signs to use this one, and name it in a
# choice's levers: list.
# levers:
#   eigen-hardheidsclausule:
#     title: {nl: "Hardheidsclausule (verordening gemeente)", en: "Hardship clause (municipal ordinance)"}
#     explain: {nl: "Het college kan afwijken als de regel onredelijk uitpakt.", en: "The executive may deviate when the rule works out unreasonably."}
#     source: "Verordening maatregelen, art. 12"
"""


class ScaffoldError(Exception):
    """The new scenario could not be written (bad id, file exists, folder missing); nothing was written."""


def scaffold_text(scenario_id: str, path: str | None = None) -> str:
    """The template with the scenario id and the file's path (default scenarios/ID.yaml) filled in."""
    check_id(scenario_id)
    return TEMPLATE.replace("__PATH__", path or f"scenarios/{scenario_id}.yaml").replace(_ID, scenario_id)


def check_id(scenario_id: str) -> None:
    if not SCENARIO_ID.match(scenario_id):
        raise ScaffoldError(f'"{scenario_id}" cannot be a scenario id: use small letters, digits and -, '
                            "e.g. huurachterstand-noor")


def write_scaffold(scenario_id: str, path: Path, shown: str | None = None) -> Path:
    """Write the template to ``path`` (its header names ``shown``, default the path); never overwrite a file."""
    text = scaffold_text(scenario_id, shown or str(path))
    if path.exists():
        raise ScaffoldError(f"{path} already exists; nothing was written. "
                            "Choose another id, or another file with --out FILE")
    if not path.parent.is_dir():
        raise ScaffoldError(f"the folder {path.parent} does not exist; nothing was written")
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; nothing was written") from None
    except OSError as exc:
        raise ScaffoldError(f"{path} could not be written: {exc.strerror or exc}") from None
    return path
