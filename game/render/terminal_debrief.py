"""Text mode debrief: print a Debrief (scores, quadrant, questions, errors, levers, expert route) in the terminal."""

from __future__ import annotations

from scoring.debrief import Debrief

from game.i18n import t
from game.render.terminal import TextScreen, plain


def show_debrief(screen: TextScreen, debrief: Debrief) -> None:
    """Print the short debrief after a playthrough."""
    lang = screen.lang
    screen.heading(t("debrief", lang))
    if not debrief.finished:
        screen.line(t("not_finished", lang))
    scores = debrief.scores
    resident_words, rules_words = debrief.score_words
    screen.line(t("scale.score", lang, axis=t("score.resident", lang), score=scores.resident,
                  words=t(resident_words, lang)))
    screen.line(t("scale.score", lang, axis=t("score.rules", lang), score=scores.rules, words=t(rules_words, lang)))
    screen.para(t("scale.explain", lang), "  ")
    if debrief.scale_approximate:
        screen.para(t("hardening.scale_approximate", lang), "  ")
    screen.line()
    screen.para(t(f"quadrant.{debrief.quadrant}.title", lang))
    screen.para(t(f"quadrant.{debrief.quadrant}.text", lang), "  ")
    if debrief.scores_differ:
        screen.para(t("scale.differs", lang, quadrant=t(f"quadrant.{debrief.score_quadrant}.label", lang)), "  ")
    if debrief.expertise_note:
        screen.line()
        screen.para(debrief.expertise_note, "  ")
    _questions(screen, debrief)
    _thinking(screen, debrief)
    _levers(screen, debrief)
    _expert(screen, debrief)
    _reflection(screen, debrief)


def _reflection(screen: TextScreen, debrief: Debrief) -> None:
    """The author's reflection questions, background and sources, as the report shows them."""
    lang = screen.lang
    questions = debrief.reflection.lines(lang)
    if questions:
        screen.line()
        screen.line(t("ui.debrief.reflection", lang) + ":")
        for question in questions:
            screen.para(plain(question), "  - ", "    ")
    if debrief.background:
        screen.line()
        screen.line(t("ui.debrief.background", lang) + ":")
        screen.para(plain(debrief.background.get(lang)), "  ")
    if debrief.sources:
        screen.line()
        screen.line(t("ui.debrief.sources", lang) + ":")
        for source in debrief.sources:
            screen.para(source, "  - ", "    ")


def _questions(screen: TextScreen, debrief: Debrief) -> None:
    lang = screen.lang
    screen.line()
    screen.line(t("debrief.questions", lang) + ":")
    width = max(len(t(q.verdict_key, lang)) for q in debrief.questions) if debrief.questions else 0
    for question in debrief.questions:
        verdict = t(question.verdict_key, lang).ljust(width)
        screen.para(t(question.question_key, lang), f"  {verdict}  ", " " * (width + 4))


def _thinking(screen: TextScreen, debrief: Debrief) -> None:
    lang = screen.lang
    screen.line()
    if not debrief.thinking:
        screen.line(t("no_thinking_errors", lang))
        return
    screen.line(t("debrief.thinking", lang) + ":")
    for error in debrief.thinking:
        shown = "; ".join(f'"{plain(text.get(lang))}"' for _, text in error.choices)
        screen.para(f"{t(error.name_key, lang)}: {t(error.explain_key, lang)} ({shown})", "  - ")


def _levers(screen: TextScreen, debrief: Debrief) -> None:
    lang = screen.lang
    for key, notes in (("levers_used", debrief.levers_used), ("levers_missed", debrief.levers_missed)):
        screen.line()
        titles = "; ".join(plain(note.title.get(lang)) for note in notes) or t("none", lang)
        screen.para(f"{t(key, lang)}: {titles}")


def _expert(screen: TextScreen, debrief: Debrief) -> None:
    lang = screen.lang
    screen.line()
    if debrief.follows_expert:
        screen.line(t("debrief.follows_expert", lang))
        return
    expert = debrief.expert_scores
    figures = (f" ({t('score.resident', lang)} {expert.resident}, {t('score.rules', lang)} {expert.rules})"
               if expert else "")
    screen.line(f"{t('expert_route', lang)}{figures}:")
    for number, step in enumerate(debrief.expert_route, start=1):
        screen.para(plain(step.choice_text.get(lang)) or step.choice, f"  {number}. ")
