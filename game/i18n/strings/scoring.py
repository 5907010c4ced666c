"""The scoring section of the catalogue: quadrants, verdicts, questions, thinking errors, backgrounds, metrics."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # -- the four quadrants: a short label (chart), a title and an explanation (debrief) ------
    "quadrant.omgekeerd.label": {"nl": "Omgekeerd", "en": "Reverse thinking"},
    "quadrant.omgekeerd.title": {"nl": "Omgekeerd denken: bewonersgericht én rechtmatig",
                                 "en": "Reverse thinking: resident-centred and lawful"},
    "quadrant.omgekeerd.text": {
        "nl": "Je begon bij wat de bewoner nodig had en gebruikte de wet als toets achteraf. "
              "Zo is de oplossing goed voor de bewoner en houdt ze stand.",
        "en": "You started from what the resident needed and used the law as the closing test. "
              "The solution helps the resident and will hold up."},
    "quadrant.rules.label": {"nl": "Regelvast", "en": "Rule-bound"},
    "quadrant.rules.title": {"nl": "Regelvast: rechtmatig, maar de bewoner betaalt de prijs",
                             "en": "Rule-bound: lawful, but the resident pays the price"},
    "quadrant.rules.text": {
        "nl": "Je besluiten kloppen juridisch en zijn vaak efficiënt. "
              "Maar de bewoner komt er slechter uit dan nodig was.",
        "en": "Your decisions are legally sound and often efficient. "
              "But the resident ends up worse off than necessary."},
    "quadrant.kind.label": {"nl": "Goedbedoeld", "en": "Kind but fragile"},
    "quadrant.kind.title": {"nl": "Goedbedoeld maar kwetsbaar: bewonersgericht zonder stevige grondslag",
                            "en": "Kind but fragile: resident-centred without a sound legal basis"},
    "quadrant.kind.text": {
        "nl": "De bewoner is geholpen, maar de besluiten hebben geen stevige basis. "
              "Bij bezwaar, controle of een nieuwe collega kan het omvallen.",
        "en": "The resident was helped, but the decisions lack a sound basis. "
              "An objection, an audit or a new colleague can undo it."},
    "quadrant.stuck.label": {"nl": "Vastgelopen", "en": "Stuck"},
    "quadrant.stuck.title": {"nl": "Vastgelopen: niet bewonersgericht en niet rechtmatig",
                             "en": "Stuck: neither resident-centred nor lawful"},
    "quadrant.stuck.text": {
        "nl": "De bewoner is niet geholpen en de besluiten staan juridisch zwak. "
              "Kijk in de route waar een andere keuze had geholpen.",
        "en": "The resident was not helped and the decisions are legally weak. "
              "Look in the route for where another choice would have helped."},
    # -- what a score means: 50 is where the case began (scoring.scores.scale_word) ----------
    "scale.much_better": {"nl": "veel beter dan bij het begin", "en": "much better than at the start"},
    "scale.better": {"nl": "beter dan bij het begin", "en": "better than at the start"},
    "scale.same": {"nl": "net als bij het begin", "en": "the same as at the start"},
    "scale.worse": {"nl": "slechter dan bij het begin", "en": "worse than at the start"},
    "scale.much_worse": {"nl": "veel slechter dan bij het begin", "en": "much worse than at the start"},
    "scale.explain": {"nl": "50 is hoe de zaak begon. 100 is de beste afloop die deze casus kent, 0 de slechtste.",
                      "en": "50 is where the case began. 100 is the best outcome this case has, 0 the worst."},
    "scale.score": {"nl": "{axis}: {score}/100, {words}", "en": "{axis}: {score}/100, {words}"},
    "scale.differs": {
        "nl": "Het oordeel volgt het einde van het verhaal. Je scores alleen zouden passen bij: {quadrant}.",
        "en": "The verdict follows the end of the story. Your scores alone would fit: {quadrant}."},
    # -- the municipality's four questions and their verdicts --------------------------------
    "question.involved": {"nl": "Is de bewoner zo veel mogelijk betrokken bij de eigen oplossing?",
                          "en": "Is the resident as involved as possible in their own solution?"},
    "question.right_solution": {"nl": "Is het de juiste oplossing voor het probleem?",
                                "en": "Is it the right solution for the problem?"},
    "question.efficient": {"nl": "Is het efficiënt?", "en": "Is it efficient?"},
    "question.allowed": {"nl": "Mag het volgens de regels?", "en": "Is it allowed by the rules?"},
    "verdict.yes": {"nl": "Ja", "en": "Yes"},
    "verdict.partly": {"nl": "Deels", "en": "Partly"},
    "verdict.no": {"nl": "Nee", "en": "No"},
    # -- the five thinking errors ------------------------------------------------------------
    "thinking.incident.name": {"nl": "Incident-denken", "en": "Incident thinking"},
    "thinking.incident.explain": {"nl": "Een gedeeld probleem behandelen als het probleem van één persoon.",
                                  "en": "Treating a shared problem as one person's problem."},
    "thinking.expertise.name": {"nl": "Deskundigheids-denken", "en": "Expertise thinking"},
    "thinking.expertise.explain": {
        "nl": "Beginnen bij het aanbod van de specialisten, niet bij de vraag van de bewoner.",
        "en": "Starting from what the specialists offer, not from the resident's question."},
    "thinking.efficiency.name": {"nl": "Efficiëntie-denken", "en": "Efficiency thinking"},
    "thinking.efficiency.explain": {"nl": "Standaardlijsten en groepsaanbod in plaats van een echt gesprek.",
                                    "en": "Standard checklists and group offers instead of a real conversation."},
    "thinking.criteria.name": {"nl": "Criteria-denken", "en": "Criteria thinking"},
    "thinking.criteria.explain": {"nl": "Eén criterium, zoals taalniveau, bepaalt wat iemand kan.",
                                  "en": "A single criterion, such as language level, decides what someone can do."},
    "thinking.rule.name": {"nl": "Regel-denken", "en": "Rule thinking"},
    "thinking.rule.explain": {"nl": "De regel als eerste filter in plaats van als toets achteraf.",
                              "en": "The rule as the first filter instead of the closing test."},
    # -- the player's background (start screen, terminal, debrief, report: one name each) ----
    "background.inkomen": {"nl": "Inkomensvoorziening", "en": "Income support"},
    "background.handhaving": {"nl": "Handhaving", "en": "Enforcement"},
    "background.wmo": {"nl": "Wmo-consulent", "en": "Wmo consultant"},
    "background.jeugd": {"nl": "Jeugd", "en": "Youth care"},
    "background.nieuw": {"nl": "Nieuw in het werkveld", "en": "New to the field"},
    # -- the axes a metric counts towards ----------------------------------------------------
    "axis.resident": {"nl": "bewoner", "en": "resident"},
    "axis.rules": {"nl": "regels", "en": "rules"},
    "axis.efficiency": {"nl": "doelmatigheid", "en": "efficiency"},
    "axis.none": {"nl": "geen", "en": "none"},
    # -- the standard metrics' default labels (a scenario may give its own label) ------------
    "metric.ownership": {"nl": "Regie", "en": "Ownership"},
    "metric.self_reliance": {"nl": "Zelfredzaamheid", "en": "Self-reliance"},
    "metric.security": {"nl": "Bestaanszekerheid", "en": "Financial security"},
    "metric.trust": {"nl": "Vertrouwen", "en": "Trust"},
    "metric.legality": {"nl": "Rechtmatigheid", "en": "Legality"},
    "metric.justification": {"nl": "Onderbouwing", "en": "Justification"},
    "metric.efficiency": {"nl": "Doelmatigheid", "en": "Efficiency"},
}
