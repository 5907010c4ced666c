"""The report: one self-contained, printable HTML page rendered from a Debrief (no assets, no pygame).

Everything that comes from a scenario is escaped; the only markup taken from it is the
format's ``*cursief*`` and ``**vet**``. The quadrant chart with the playthrough's trajectory
is inline SVG. Interface strings are in ``LABELS`` (Dutch and English).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from game.engine.model import Text, standard_metrics

from scoring.debrief import BACKGROUND_NAMES, Debrief, LeverNote, RouteStep
from scoring.scores import HIGH

LABELS: dict[str, dict[str, str]] = {
    "report": {"nl": "Verslag van een speelsessie", "en": "Report of a playthrough"},
    "player": {"nl": "Speler", "en": "Player"},
    "session": {"nl": "Sessie", "en": "Session"},
    "played": {"nl": "Gespeeld", "en": "Played"},
    "background": {"nl": "Achtergrond", "en": "Background"},
    "mode": {"nl": "Speelwijze", "en": "Mode"},
    "mode.training": {"nl": "oefenen (met terugkoppeling)", "en": "training (with feedback)"},
    "mode.assessment": {"nl": "toets (zonder terugkoppeling)", "en": "assessment (without feedback)"},
    "version": {"nl": "Versie van de casus", "en": "Version of the case"},
    "unfinished": {"nl": "Deze speelsessie is nog niet afgemaakt: het verslag toont de keuzes tot nu toe.",
                   "en": "This playthrough is not finished: the report shows the choices so far."},
    "outcome": {"nl": "Uitkomst", "en": "Outcome"},
    "resident": {"nl": "Bewonersgericht", "en": "Resident-centred"},
    "rules": {"nl": "Rechtmatig", "en": "Lawful"},
    "expert_scores": {"nl": "De route van de expert haalt {resident} en {rules}.",
                      "en": "The expert route scores {resident} and {rules}."},
    "chart": {"nl": "Waar je keuzes de bewoner brachten", "en": "Where your choices took the resident"},
    "chart_alt": {"nl": "Kwadrant: bewonersgericht (horizontaal) tegen rechtmatig (verticaal), met het verloop na elke keuze.",
                  "en": "Quadrant: resident-centred (across) against lawful (up), with the course after every choice."},
    "axis.resident": {"nl": "Bewonersgericht →", "en": "Resident-centred →"},
    "axis.rules": {"nl": "Rechtmatig →", "en": "Lawful →"},
    "q.omgekeerd": {"nl": "Omgekeerd denken", "en": "Reverse thinking"},
    "q.rules": {"nl": "Regelvast", "en": "Rule-bound"},
    "q.kind": {"nl": "Goedbedoeld, kwetsbaar", "en": "Kind but fragile"},
    "q.stuck": {"nl": "Vastgelopen", "en": "Stuck"},
    "legend.you": {"nl": "jouw verloop (S = start)", "en": "your course (S = start)"},
    "legend.expert": {"nl": "route van de expert", "en": "expert route"},
    "course": {"nl": "Verloop", "en": "Course"},
    "step": {"nl": "Stap", "en": "Step"},
    "start": {"nl": "Start", "en": "Start"},
    "questions": {"nl": "De vier vragen", "en": "The four questions"},
    "question": {"nl": "Vraag", "en": "Question"},
    "verdict": {"nl": "Oordeel", "en": "Verdict"},
    "moved": {"nl": "Wat veranderde", "en": "What changed"},
    "routes": {"nl": "Jouw route en de route van de expert", "en": "Your route and the expert route"},
    "your_route": {"nl": "Jouw route", "en": "Your route"},
    "expert_route": {"nl": "Route van de expert", "en": "Expert route"},
    "follows_expert": {"nl": "Je volgde precies de route van de expert.", "en": "You followed the expert route exactly."},
    "no_choices": {"nl": "Nog geen keuzes gemaakt.", "en": "No choices made yet."},
    "you_chose": {"nl": "Jouw keuze", "en": "Your choice"},
    "feedback": {"nl": "Terugkoppeling", "en": "Feedback"},
    "not_taken": {"nl": "Niet gekozen", "en": "Not chosen"},
    "unavailable": {"nl": "niet beschikbaar", "en": "not available"},
    "expert_here": {"nl": "De expert koos hier", "en": "Here the expert chose"},
    "after": {"nl": "daarna", "en": "after"},
    "thinking": {"nl": "Denkfouten", "en": "Thinking errors"},
    "no_thinking": {"nl": "In je keuzes kwam geen denkfout naar voren.", "en": "Your choices showed no thinking errors."},
    "shown_in": {"nl": "Zichtbaar in", "en": "Shown in"},
    "levers": {"nl": "Wettelijke mogelijkheden", "en": "Legal levers"},
    "levers_used": {"nl": "Gebruikt", "en": "Used"},
    "levers_missed": {"nl": "Laten liggen", "en": "Left unused"},
    "levers_elsewhere": {"nl": "Ook mogelijk geweest (bij keuzes die je niet maakte)",
                         "en": "Also possible (in choices you did not make)"},
    "none": {"nl": "Geen.", "en": "None."},
    "ending": {"nl": "Afloop", "en": "Ending"},
    "reflection": {"nl": "Om over na te denken", "en": "To reflect on"},
    "reflection_hint": {"nl": "Schrijf je antwoord op de lijnen, of bespreek het met je team.",
                        "en": "Write your answer on the lines, or discuss it with your team."},
    "about": {"nl": "Achtergrond en bronnen", "en": "Background and sources"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "for_background": {"nl": "Voor jouw achtergrond: {name}", "en": "For your background: {name}"},
    "footer": {"nl": "Gemaakt met Omgekeerd. De gegevens van deze speelsessie blijven op deze computer.",
               "en": "Made with Omgekeerd. The data of this playthrough stays on this computer."},
}

_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")
_URL = re.compile(r"^https?://[^\s<>\"']+$")


@dataclass(frozen=True)
class ReportInfo:
    """What the store knows about the playthrough (all optional)."""

    session_id: int | None = None
    player: str = ""
    mode: str = ""
    started: str = ""
    finished_at: str | None = None
    source: str = ""
    content_hash: str = ""


def label(key: str, lang: str) -> str:
    """An interface string of the report (Dutch when missing)."""
    entry = LABELS.get(key, {})
    return entry.get(lang) or entry.get("nl", key)


def esc(text: object) -> str:
    """Escape any text for HTML (quotes too)."""
    return html.escape(str(text), quote=True)


def inline(text: str) -> str:
    """Escaped text with the format's *cursief* and **vet** as <em> and <strong>."""
    return _EMPHASIS.sub(lambda m: f"<strong>{m.group(1)}</strong>" if m.group(1) else f"<em>{m.group(2)}</em>",
                         esc(text))


def rich(text: Text | str, lang: str) -> str:
    """A scenario text as escaped paragraphs (blank lines part paragraphs, single newlines break lines)."""
    value = text.get(lang) if isinstance(text, Text) else str(text)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", value.strip()) if b.strip()]
    return "".join("<p>" + "<br>".join(inline(line) for line in block.split("\n")) + "</p>" for block in blocks)


def render_report(debrief: Debrief, lang: str = "nl", info: ReportInfo | None = None) -> str:
    """The whole report as one HTML document."""
    info = info or ReportInfo()
    title = debrief.title.get(lang) or debrief.scenario_id
    parts = [
        _header(debrief, lang, info),
        _outcome(debrief, lang),
        _chart_section(debrief, lang),
        _questions(debrief, lang),
        _routes(debrief, lang),
        _thinking(debrief, lang),
        _levers(debrief, lang),
        _ending(debrief, lang),
        _reflection(debrief, lang),
        _about(debrief, lang),
        f'<footer><p>{esc(label("footer", lang))}</p></footer>',
    ]
    heading = f'{label("report", lang)}: {title}' + (f" – {info.player}" if info.player else "")
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(_plain(heading))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(p for p in parts if p) + "\n</main>\n</body>\n</html>\n")


def _plain(text: str) -> str:
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)


# -- sections -----------------------------------------------------------------------------

def _header(debrief: Debrief, lang: str, info: ReportInfo) -> str:
    facts = []
    if info.player:
        facts.append((label("player", lang), esc(info.player)))
    if info.session_id is not None:
        facts.append((label("session", lang), esc(info.session_id)))
    if info.started:
        facts.append((label("played", lang), esc(_when(info.finished_at or info.started, lang))))
    if debrief.player_background:
        facts.append((label("background", lang), esc(BACKGROUND_NAMES[debrief.player_background].get(lang))))
    if info.mode:
        facts.append((label("mode", lang), esc(label(f"mode.{info.mode}", lang))))
    if info.content_hash:
        facts.append((label("version", lang), f"<code>{esc(info.content_hash)}</code>"))
    rows = "".join(f"<div><dt>{esc(k)}</dt><dd>{v}</dd></div>" for k, v in facts)
    banner = "" if debrief.finished else f'<p class="banner">{esc(label("unfinished", lang))}</p>'
    return (f'<header><p class="kicker">Omgekeerd · {esc(label("report", lang))}</p>'
            f"<h1>{inline(debrief.title.get(lang) or debrief.scenario_id)}</h1>"
            f'<dl class="facts">{rows}</dl>{banner}</header>')


def _when(stamp: str, lang: str) -> str:
    """An ISO UTC timestamp as a date and time a reader expects."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})", stamp)
    if not match:
        return stamp
    year, month, day, hour, minute = match.groups()
    day_text = f"{day}-{month}-{year}" if lang == "nl" else f"{year}-{month}-{day}"
    return f"{day_text} {hour}:{minute} UTC"


def _outcome(debrief: Debrief, lang: str) -> str:
    scores = debrief.scores
    cards = "".join(
        f'<div class="score"><span class="label">{esc(label(key, lang))}</span>'
        f'<span class="value">{value}</span><span class="of">/100</span>'
        f'<span class="bar"><span style="width:{max(0, min(100, value))}%"></span></span></div>'
        for key, value in (("resident", scores.resident), ("rules", scores.rules)))
    expert = ""
    if debrief.expert_scores is not None and not debrief.follows_expert:
        expert = "<p>" + esc(label("expert_scores", lang).format(
            resident=f'{label("resident", lang).lower()} {debrief.expert_scores.resident}',
            rules=f'{label("rules", lang).lower()} {debrief.expert_scores.rules}')) + "</p>"
    note = ""
    if debrief.expertise_note and debrief.player_background:
        name = BACKGROUND_NAMES[debrief.player_background].get(lang)
        note = (f'<aside class="note"><h3>{esc(label("for_background", lang).format(name=name))}</h3>'
                f"{rich(debrief.expertise_note, lang)}</aside>")
    return (f'<section class="outcome"><h2>{esc(label("outcome", lang))}</h2>'
            f'<div class="scores">{cards}</div>'
            f'<div class="quadrant q-{esc(debrief.quadrant)}"><h3>{inline(debrief.quadrant_title.get(lang))}</h3>'
            f"{rich(debrief.quadrant_text, lang)}</div>{expert}{note}</section>")


def _chart_section(debrief: Debrief, lang: str) -> str:
    return (f'<section class="chart"><h2>{esc(label("chart", lang))}</h2>'
            f'<div class="chart-grid"><figure>{quadrant_svg(debrief, lang)}'
            f'<figcaption><span class="key you"></span>{esc(label("legend.you", lang))} '
            f'<span class="key expert"></span>{esc(label("legend.expert", lang))}</figcaption></figure>'
            f"{_course_table(debrief, lang)}</div></section>")


def _course_table(debrief: Debrief, lang: str) -> str:
    rows = [f'<tr><td>S</td><td>{esc(label("start", lang))}</td>'
            f"<td>{debrief.trajectory[0][0]}</td><td>{debrief.trajectory[0][1]}</td></tr>"] if debrief.trajectory else []
    for number, step in enumerate(debrief.route, start=1):
        resident, rules = step.scores_after
        rows.append(f"<tr><td>{number}</td><td>{inline(step.choice_text.get(lang) or step.choice)}</td>"
                    f"<td>{resident}</td><td>{rules}</td></tr>")
    return (f'<table class="course"><caption>{esc(label("course", lang))}</caption><thead><tr>'
            f'<th>{esc(label("step", lang))}</th><th>{esc(label("you_chose", lang))}</th>'
            f'<th>{esc(label("resident", lang))}</th><th>{esc(label("rules", lang))}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _questions(debrief: Debrief, lang: str) -> str:
    labels = {m.id: m.label for m in standard_metrics().values()}
    rows = []
    for question in debrief.questions:
        moved = ", ".join(f"{labels.get(k, Text({'nl': k})).get(lang).lower()} {_signed(v)}"
                          for k, v in question.changes.items()) or "–"
        rows.append(f"<tr><td>{esc(question.question.get(lang))}</td>"
                    f'<td><span class="verdict v-{esc(question.verdict)}">{esc(question.verdict_text.get(lang))}</span></td>'
                    f"<td>{esc(moved)}</td></tr>")
    return (f'<section class="questions"><h2>{esc(label("questions", lang))}</h2><table><thead><tr>'
            f'<th>{esc(label("question", lang))}</th><th>{esc(label("verdict", lang))}</th>'
            f'<th>{esc(label("moved", lang))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _signed(value: float) -> str:
    number = int(value) if float(value).is_integer() else value
    return f"+{number}" if value > 0 else str(number)


def _routes(debrief: Debrief, lang: str) -> str:
    expert_at = {step.situation: step for step in debrief.expert_route}
    yours = "".join(_route_step(number, step, expert_at.get(step.situation), lang)
                    for number, step in enumerate(debrief.route, start=1))
    yours = f"<ol class='route'>{yours}</ol>" if yours else f"<p>{esc(label('no_choices', lang))}</p>"
    if debrief.follows_expert:
        expert = f"<p>{esc(label('follows_expert', lang))}</p>"
    else:
        expert = "<ol class='route expert'>" + "".join(
            f"<li><p class='situation'>{esc(_excerpt(_plain(step.situation_text.get(lang))))}</p>"
            f"<p class='chosen'>{inline(step.choice_text.get(lang) or step.choice)}</p>"
            f"<p class='after'>{_after(step, lang)}</p></li>" for step in debrief.expert_route) + "</ol>"
    return (f'<section class="routes"><h2>{esc(label("routes", lang))}</h2><div class="two">'
            f'<div><h3>{esc(label("your_route", lang))}</h3>{yours}</div>'
            f'<div class="aside"><h3>{esc(label("expert_route", lang))}</h3>{expert}</div></div></section>')


def _route_step(number: int, step: RouteStep, expert: RouteStep | None, lang: str) -> str:
    alternatives = "".join(
        f"<li>{inline(text.get(lang) or choice_id)}"
        + ("" if available else f' <span class="muted">({esc(label("unavailable", lang))})</span>') + "</li>"
        for choice_id, text, available in step.alternatives)
    parts = [f'<div class="situation">{rich(step.situation_text, lang)}</div>',
             f'<p class="chosen"><span class="tag">{esc(label("you_chose", lang))}</span> '
             f"{inline(step.choice_text.get(lang) or step.choice)}</p>"]
    if step.feedback:
        parts.append(f'<div class="feedback"><span class="tag">{esc(label("feedback", lang))}</span>'
                     f"{rich(step.feedback, lang)}</div>")
    if alternatives:
        parts.append(f'<div class="alternatives"><span class="tag">{esc(label("not_taken", lang))}</span>'
                     f"<ul>{alternatives}</ul></div>")
    if expert is not None and expert.choice != step.choice:
        parts.append(f'<p class="expert-here"><span class="tag">{esc(label("expert_here", lang))}</span> '
                     f"{inline(expert.choice_text.get(lang) or expert.choice)}</p>")
    parts.append(f'<p class="after">{_after(step, lang)}</p>')
    return f'<li class="step" value="{number}">' + "".join(parts) + "</li>"


def _after(step: RouteStep, lang: str) -> str:
    resident, rules = step.scores_after
    return esc(f'{label("after", lang)}: {label("resident", lang).lower()} {resident} · '
               f'{label("rules", lang).lower()} {rules}')


def _excerpt(text: str, limit: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


def _thinking(debrief: Debrief, lang: str) -> str:
    if not debrief.thinking:
        return f'<section class="thinking"><h2>{esc(label("thinking", lang))}</h2><p>{esc(label("no_thinking", lang))}</p></section>'
    items = "".join(
        f"<li><h3>{esc(error.name.get(lang))}</h3><p>{esc(error.explanation.get(lang))}</p>"
        f'<p class="muted">{esc(label("shown_in", lang))}: '
        + "; ".join(inline(text.get(lang)) for _, text in error.choices) + "</p></li>"
        for error in debrief.thinking)
    return f'<section class="thinking"><h2>{esc(label("thinking", lang))}</h2><ul class="cards">{items}</ul></section>'


def _levers(debrief: Debrief, lang: str) -> str:
    groups = [("levers_used", debrief.levers_used, "used"), ("levers_missed", debrief.levers_missed, "missed"),
              ("levers_elsewhere", debrief.levers_elsewhere, "elsewhere")]
    blocks = []
    for key, notes, kind in groups:
        if not notes and kind == "elsewhere":
            continue
        body = "".join(_lever(note, lang) for note in notes) if notes else f"<p>{esc(label('none', lang))}</p>"
        blocks.append(f'<div class="levers {kind}"><h3>{esc(label(key, lang))}</h3>{body}</div>')
    return f'<section class="levers-all"><h2>{esc(label("levers", lang))}</h2>{"".join(blocks)}</section>'


def _lever(note: LeverNote, lang: str) -> str:
    source = f'<p class="source">{inline(note.source)}</p>' if note.source else ""
    return (f'<div class="lever"><h4>{inline(note.title.get(lang) or note.id)}</h4>'
            f"{rich(note.explain, lang)}{source}</div>")


def _ending(debrief: Debrief, lang: str) -> str:
    if not debrief.finished:
        return ""
    epilogue = "".join(rich(text, lang) for text in debrief.epilogue)
    return (f'<section class="ending"><h2>{esc(label("ending", lang))}: {inline(debrief.ending_title.get(lang))}</h2>'
            f"{rich(debrief.ending_text, lang)}{epilogue}</section>")


def _reflection(debrief: Debrief, lang: str) -> str:
    questions = debrief.reflection.lines(lang)
    if not questions:
        return ""
    lines = '<div class="write">' + '<span class="line"></span>' * 4 + "</div>"
    items = "".join(f"<li><p>{inline(q)}</p>{lines}</li>" for q in questions)
    return (f'<section class="reflection"><h2>{esc(label("reflection", lang))}</h2>'
            f'<p class="muted">{esc(label("reflection_hint", lang))}</p><ol>{items}</ol></section>')


def _about(debrief: Debrief, lang: str) -> str:
    if not debrief.background and not debrief.sources:
        return ""
    sources = ""
    if debrief.sources:
        items = "".join(f"<li>{_source(s)}</li>" for s in debrief.sources)
        sources = f'<h3>{esc(label("sources", lang))}</h3><ul>{items}</ul>'
    return (f'<section class="about"><h2>{esc(label("about", lang))}</h2>'
            f"{rich(debrief.background, lang)}{sources}</section>")


def _source(text: str) -> str:
    if _URL.match(text.strip()):
        return f'<a href="{esc(text.strip())}">{esc(text.strip())}</a>'
    return inline(text)


# -- the chart ------------------------------------------------------------------------------

SIZE, LEFT, TOP, PLOT = 420, 56, 16, 340  # the plot square is PLOT wide, at (LEFT, TOP)


def _x(resident: float) -> float:
    return LEFT + PLOT * max(0.0, min(100.0, resident)) / 100


def _y(rules: float) -> float:
    return TOP + PLOT * (1 - max(0.0, min(100.0, rules)) / 100)


def quadrant_svg(debrief: Debrief, lang: str) -> str:
    """The four quadrants with the player's trajectory (and the expert's, dashed) as inline SVG."""
    mid_x, mid_y = _x(HIGH), _y(HIGH)
    right, bottom = LEFT + PLOT, TOP + PLOT
    areas = [("rules", LEFT, TOP, mid_x - LEFT, mid_y - TOP), ("omgekeerd", mid_x, TOP, right - mid_x, mid_y - TOP),
             ("stuck", LEFT, mid_y, mid_x - LEFT, bottom - mid_y), ("kind", mid_x, mid_y, right - mid_x, bottom - mid_y)]
    shapes = []
    for kind, x, y, w, h in areas:
        current = " current" if kind == debrief.quadrant else ""
        shapes.append(f'<rect class="area a-{kind}{current}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"/>')
        shapes.append(f'<text class="area-label" x="{x + w / 2:.1f}" y="{y + 22:.1f}">{esc(label("q." + kind, lang))}</text>')
    shapes.append(f'<rect class="frame" x="{LEFT}" y="{TOP}" width="{PLOT}" height="{PLOT}"/>')
    for value in (0, 50, 100):
        shapes.append(f'<text class="tick" x="{_x(value):.1f}" y="{bottom + 16:.1f}">{value}</text>')
        shapes.append(f'<text class="tick end" x="{LEFT - 6}" y="{_y(value) + 4:.1f}">{value}</text>')
    shapes.append(f'<text class="axis" x="{LEFT + PLOT / 2:.1f}" y="{bottom + 36:.1f}">{esc(label("axis.resident", lang))}</text>')
    shapes.append(f'<text class="axis" transform="translate({LEFT - 36} {TOP + PLOT / 2:.1f}) rotate(-90)">'
                  f'{esc(label("axis.rules", lang))}</text>')
    if debrief.trajectory and not debrief.follows_expert:
        expert = [debrief.trajectory[0]] + [step.scores_after for step in debrief.expert_route]
        shapes.append(_line(expert, "expert"))
        ex, ey = _x(expert[-1][0]), _y(expert[-1][1])
        shapes.append(f'<path class="expert-end" d="M{ex:.1f} {ey - 8:.1f} L{ex + 8:.1f} {ey:.1f} '
                      f'L{ex:.1f} {ey + 8:.1f} L{ex - 8:.1f} {ey:.1f} Z"/>')
    if debrief.trajectory:
        shapes.append(_line(debrief.trajectory, "you"))
        shapes.extend(_markers(debrief.trajectory))
    alt = esc(label("chart_alt", lang))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" role="img" aria-label="{alt}">'
            f"<title>{alt}</title>" + "".join(shapes) + "</svg>")


def _line(points: list[tuple[int, int]], kind: str) -> str:
    coordinates = " ".join(f"{_x(r):.1f},{_y(s):.1f}" for r, s in points)
    return f'<polyline class="path {kind}" points="{coordinates}"/>'


def _markers(points: list[tuple[int, int]]) -> list[str]:
    """Numbered dots for the start (S) and every choice; a point equal to the one before gets no new label."""
    shapes = []
    labelled: dict[tuple[int, int], list[str]] = {}
    for number, point in enumerate(points):
        labelled.setdefault(point, []).append("S" if number == 0 else str(number))
    for point, names in labelled.items():
        x, y = _x(point[0]), _y(point[1])
        last = point == points[-1]
        shapes.append(f'<circle class="dot{" last" if last else ""}" cx="{x:.1f}" cy="{y:.1f}" r="{7 if last else 5}"/>')
        text = ",".join(names)
        anchor = "end" if x > LEFT + PLOT - 40 else "start"
        dx = -10 if anchor == "end" else 10
        shapes.append(f'<text class="dot-label {anchor}" x="{x + dx:.1f}" y="{y - 8:.1f}">{esc(text)}</text>')
    return shapes


CSS = """
:root { --ink:#1d2430; --muted:#5b6472; --line:#d5dae1; --accent:#0b5cad; --good:#1f7a3a; --mid:#9a6a00; --bad:#b3261e; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color:var(--ink);
       background:#f4f6f8; line-height:1.5; font-size:16px; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; background:#fff; }
h1 { font-size:1.9rem; margin:.2rem 0 1rem; line-height:1.2; }
h2 { font-size:1.3rem; margin:2.2rem 0 .8rem; padding-bottom:.3rem; border-bottom:2px solid var(--line); }
h3 { font-size:1.05rem; margin:.2rem 0 .4rem; }
p { margin:.3rem 0 .6rem; }
.kicker { text-transform:uppercase; letter-spacing:.08em; font-size:.8rem; color:var(--muted); margin:0; }
.facts { display:flex; flex-wrap:wrap; gap:.4rem 1.6rem; margin:0; font-size:.92rem; }
.facts dt { color:var(--muted); font-size:.78rem; }
.facts dd { margin:0; font-weight:600; }
.banner { margin-top:1rem; padding:.6rem .9rem; border-left:4px solid var(--mid); background:#fff6e0; }
.scores { display:flex; flex-wrap:wrap; gap:1rem; margin-bottom:1rem; }
.score { flex:1 1 14rem; border:1px solid var(--line); border-radius:8px; padding:.8rem 1rem; }
.score .label { display:block; color:var(--muted); font-size:.9rem; }
.score .value { font-size:2.4rem; font-weight:700; }
.score .of { color:var(--muted); margin-left:.2rem; }
.score .bar { display:block; height:8px; background:#e8ecf0; border-radius:4px; overflow:hidden; }
.score .bar span { display:block; height:100%; background:var(--accent); }
.quadrant { border-left:6px solid var(--accent); padding:.4rem 1rem; background:#f3f7fc; }
.q-omgekeerd { border-color:var(--good); } .q-rules { border-color:var(--accent); }
.q-kind { border-color:var(--mid); } .q-stuck { border-color:var(--bad); }
.note { margin-top:1rem; padding:.6rem 1rem; border:1px dashed var(--line); border-radius:8px; }
.chart-grid { display:grid; grid-template-columns: minmax(0, 420px) minmax(0, 1fr); gap:1.5rem; align-items:start; }
figure { margin:0; }
svg { width:100%; height:auto; display:block; }
figcaption { font-size:.85rem; color:var(--muted); }
.key { display:inline-block; width:1.6rem; height:0; border-top:3px solid var(--accent); vertical-align:middle; margin:0 .3rem 0 .6rem; }
.key.expert { border-top:3px dashed #777; }
.area { stroke:none; } .a-omgekeerd { fill:#e3f3e7; } .a-rules { fill:#e4eef9; } .a-kind { fill:#fdf3dc; } .a-stuck { fill:#f9e3e1; }
.area.current { stroke:#333; stroke-width:2; }
.area-label { font-size:13px; fill:#4a5260; text-anchor:middle; font-weight:600; }
.frame { fill:none; stroke:#9aa3ae; }
.tick { font-size:11px; fill:#5b6472; text-anchor:middle; } .tick.end { text-anchor:end; }
.axis { font-size:13px; fill:#1d2430; text-anchor:middle; font-weight:600; }
.path { fill:none; stroke-linejoin:round; stroke-linecap:round; }
.path.you { stroke:var(--accent); stroke-width:3; }
.path.expert { stroke:#777; stroke-width:2; stroke-dasharray:6 5; }
.expert-end { fill:#fff; stroke:#555; stroke-width:2; }
.dot { fill:var(--accent); stroke:#fff; stroke-width:1.5; } .dot.last { fill:#0a3d73; }
.dot-label { font-size:12px; fill:#0a3d73; font-weight:700; } .dot-label.end { text-anchor:end; }
table { border-collapse:collapse; width:100%; font-size:.93rem; }
caption { text-align:left; font-weight:600; padding-bottom:.3rem; }
th, td { text-align:left; vertical-align:top; padding:.4rem .5rem; border-bottom:1px solid var(--line); }
th { font-size:.82rem; color:var(--muted); font-weight:600; }
.course td:nth-child(3), .course td:nth-child(4) { text-align:right; font-variant-numeric: tabular-nums; }
.verdict { display:inline-block; padding:.05rem .55rem; border-radius:1rem; font-weight:700; font-size:.85rem; color:#fff; }
.v-yes { background:var(--good); } .v-partly { background:var(--mid); } .v-no { background:var(--bad); }
.two { display:grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap:1.5rem; }
.aside { border-left:1px solid var(--line); padding-left:1.2rem; }
.route { padding-left:1.4rem; margin:0; }
.route > li { margin-bottom:1.2rem; }
.route .situation { color:#333; }
.route .situation p { margin:.2rem 0; }
.route.expert .situation { color:var(--muted); font-size:.88rem; margin:0; }
.chosen { font-weight:600; }
.tag { display:inline-block; font-size:.72rem; text-transform:uppercase; letter-spacing:.05em; color:var(--muted);
       font-weight:600; margin-right:.3rem; }
.feedback { font-style:italic; color:#333; }
.feedback p { display:inline; }
.alternatives ul { margin:.1rem 0 .3rem; padding-left:1.2rem; color:#444; }
.expert-here { color:#444; }
.after { font-size:.82rem; color:var(--muted); }
.muted { color:var(--muted); }
.cards { list-style:none; padding:0; display:grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap:.8rem; }
.cards li { border:1px solid var(--line); border-radius:8px; padding:.6rem .9rem; }
.levers { margin-bottom:1rem; }
.lever { border-left:4px solid var(--line); padding:.2rem .9rem; margin:.5rem 0; }
.levers.used .lever { border-color:var(--good); } .levers.missed .lever { border-color:var(--bad); }
.levers.elsewhere .lever { border-color:var(--mid); }
.lever h4 { margin:.2rem 0; font-size:1rem; }
.lever .source { font-size:.82rem; color:var(--muted); }
.reflection ol { padding-left:1.4rem; }
.reflection li { margin-bottom:1rem; }
.write .line { display:block; height:1.9rem; border-bottom:1px solid #9aa3ae; }
footer { margin-top:2.5rem; font-size:.8rem; color:var(--muted); border-top:1px solid var(--line); padding-top:.6rem; }
a { color:var(--accent); }
@media (max-width: 700px) { .chart-grid, .two { grid-template-columns: 1fr; } .aside { border-left:none; padding-left:0; } }
@media print {
  @page { size: A4; margin: 14mm 14mm 16mm; }
  body { background:#fff; font-size:10.5pt; }
  main { max-width:none; padding:0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  .step, .cards li, .lever, .reflection li, .score, .quadrant, tr, figure { break-inside: avoid; page-break-inside: avoid; }
  .chart-grid { grid-template-columns: 95mm 1fr; }
  .reflection { break-before: page; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color:inherit; text-decoration:none; }
}
"""
