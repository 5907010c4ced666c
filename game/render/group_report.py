"""The group report page: one self-contained HTML file of a case's playthroughs or a workshop group session."""

from __future__ import annotations

from functools import partial

from game.engine import markup
from game.engine.model import Text
from game.i18n import has, t, tn
from game.render.coaching import dot_radius, end_chart, excerpt
from game.render.report import environment
from scoring.group import GroupReport


def _text(value: Text | str, lang: str) -> str:
    return value.get(lang) if isinstance(value, Text) else str(value)


def verdict_label(verdict: str, lang: str) -> str:
    """A verdict's words: a declared outcome (``outcome.<id>``) or a quadrant's label."""
    for key in (f"outcome.{verdict}", f"quadrant.{verdict}.label"):
        if has(key):
            return t(key, lang)
    return verdict


def render_group(report: GroupReport, lang: str = "nl", names: bool = False,
                 rounds: object | None = None) -> str:
    """The group report as one HTML document; pseudonyms only with ``names``; a workshop's ``rounds`` (its
    ``game.workshop.debrief.GroupDebrief``, read by the template only: render sits below the workshop) add every
    round's votes, where the room split, both routes' scores and the reflection questions."""
    title = report.title.get(lang) or report.scenario_id
    kicker = "coaching.group.kicker_workshop" if report.workshop else "coaching.group.kicker"
    facts = [(t("coaching.group.case", lang), report.scenario_id)]
    if report.workshop:
        facts.append((t("coaching.group.decisions", lang), str(len(report.spread))))
    else:
        facts += [(t("coaching.group.plays", lang), str(report.plays)),
                  (t("coaching.group.finished", lang), str(report.finished))]
    current = report.marks[0].quadrant if report.workshop and report.marks else None
    page = environment().get_template("group.html.j2")
    return page.render(
        g=report, lang=lang, title=title, names=names, facts=facts, rounds=rounds,
        page_title=markup.plain(f"{t(kicker, lang)}: {title}"),
        label=partial(t, lang=lang), text=partial(_text, lang=lang), excerpt=excerpt,
        chart=end_chart(report.marks, lang, names, current), radius=dot_radius, spread=report.spread,
        plays_label=lambda count: tn("coaching.plays" if not report.workshop else "coaching.votes", count, lang),
        quadrant_label=lambda kind: t(f"quadrant.{kind}.label", lang),
        lever=lambda lever_id: _text(report.lever_titles.get(lever_id, Text({})), lang) or lever_id,
    ) + "\n"
