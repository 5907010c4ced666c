"""The analyze command: the scale, every ending's routes, the routes CSV (``--routes``) and the figures."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from game.content.library import Entry, Library, load_library, resolve
from game.engine.findings import ERROR
from game.engine.model import Scenario
from game.i18n import t, tn
from scoring.analysis import Analysis, analyse
from scoring.figures import Figures, total
from scoring.routes import MAX_LISTED_ROUTES, EndingRoutes, Route, TooManyRoutes, ending_routes, every_route
from scoring.scores import QUADRANTS

ROUTE_COLUMNS = ("route", "ending", "outcome", "resident", "rules", "quadrant")  # the CSV's header, fixed ids


class AnalyzeError(Exception):
    """Analyze cannot do what was asked; the message says why (exit 1)."""


def analysis_json(scenario: Scenario, analysis: Analysis) -> dict[str, object]:
    """``analyze --json``: the analysis plus, per reachable ending, its routes."""
    result = analysis.to_json()
    result["ending_routes"] = {e: s.to_json() for e, s in ending_routes(scenario, analysis).items()}
    return result


def print_analysis(scenario: Scenario, analysis: Analysis, lang: str) -> None:
    """The analysis in words: reach, the scale with its start, every ending's routes, the expert route."""
    print(f"{scenario.id}: {scenario.title.get(lang)}")
    if analysis.approximate:
        print(t("hardening.analyze_approximate", lang, states=analysis.states))
    print(t("cli.analyze.reachable", lang, reached=len(analysis.situations), total=len(scenario.situations)))
    print(t("cli.analyze.playthroughs", lang, count=analysis.playthroughs, states=analysis.states,
            loops=t("cli.analyze.loops", lang) if analysis.cyclic else ""))
    for axis, (low, high) in analysis.range.items():
        print(t("truth.analyze.range", lang, axis=t(f"axis.{axis}", lang), low=f"{low:g}", high=f"{high:g}",
                start=f"{analysis.start.get(axis, 0):g}"))
    summaries = ending_routes(scenario, analysis)
    for ending_id in scenario.endings:
        summary = summaries.get(ending_id)
        if analysis.approximate:
            print(t("truth.analyze.not_analysed", lang, ending=ending_id))
        elif summary is None:
            print(t("truth.analyze.unreachable", lang, ending=ending_id))
        else:
            _print_ending(summary, lang)
    if analysis.dead_ends:
        print(t("cli.analyze.dead_ends", lang, situations=", ".join(analysis.dead_ends)))
    scores = analysis.expert_scores
    print(t("cli.analyze.expert", lang, ending=analysis.expert_ending, resident=scores.resident if scores else "-",
            rules=scores.rules if scores else "-", route=",".join(analysis.expert_route)))


def _route(route: Route, lang: str) -> str:
    return ",".join(route.choices) or t("truth.analyze.no_choices", lang)


def _median(value: float, lang: str) -> str:
    """A median as a reader of the language writes it (83,5 in Dutch, 83.5 in English)."""
    shown = f"{value:g}"
    return shown.replace(".", ",") if lang == "nl" else shown


def _print_ending(summary: EndingRoutes, lang: str) -> None:
    outcome = t("truth.analyze.outcome", lang, outcome=summary.outcome) if summary.outcome else ""
    print(t("truth.analyze.ending", lang, ending=summary.ending, outcome=outcome,
            routes=tn("truth.analyze.routes", summary.routes, lang)))
    print(t("truth.analyze.spread", lang, resident_low=summary.resident.low, resident_high=summary.resident.high,
            resident_median=_median(summary.resident.median, lang), rules_low=summary.rules.low,
            rules_high=summary.rules.high, rules_median=_median(summary.rules.median, lang)))
    counts = ", ".join(f"{q} {summary.quadrants.get(q, 0)}" for q in QUADRANTS)
    print(t("truth.analyze.quadrants", lang, counts=counts))
    for key, route in (("truth.analyze.best", summary.best), ("truth.analyze.worst", summary.worst)):
        print(t(key, lang, resident=route.scores.resident, rules=route.scores.rules, route=_route(route, lang)))
    example = summary.example
    if summary.differing and example is not None:
        print(tn("truth.analyze.differs", summary.differing, lang, route=_route(example, lang),
                 resident=example.scores.resident, rules=example.scores.rules, quadrant=example.quadrant))


def routes_csv(scenario: Scenario, analysis: Analysis, limit: int | None = None) -> tuple[str, int]:
    """Every route as CSV text (choices, ending, its outcome, both scores, quadrant) and how many there are."""
    limit = MAX_LISTED_ROUTES if limit is None else limit
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ROUTE_COLUMNS)
    count = 0
    for route in every_route(analysis, limit):
        writer.writerow([",".join(route.choices), route.ending, scenario.endings[route.ending].outcome,
                         route.scores.resident, route.scores.rules, route.quadrant])
        count += 1
    return out.getvalue(), count


def write_routes(scenario: Scenario, analysis: Analysis, path: str, lang: str) -> None:
    """``analyze --routes FILE.csv``: write the CSV, or refuse in words when there are too many routes."""
    from game.store.files import write_atomic

    if analysis.approximate:
        raise AnalyzeError(t("truth.routes.approximate", lang, scenario=scenario.id))
    try:
        text, count = routes_csv(scenario, analysis)
    except TooManyRoutes as exc:
        raise AnalyzeError(t("truth.routes.too_many", lang, scenario=scenario.id, count=_thousands(exc.count),
                             limit=_thousands(exc.limit))) from None
    try:
        write_atomic(path, text)
    except (OSError, ValueError) as exc:
        detail = getattr(exc, "strerror", None) or exc
        raise AnalyzeError(t("cli.not_written", lang, path=path, detail=detail)) from None
    print(tn("truth.routes.wrote", count, lang, path=path))


def _thousands(count: int) -> str:
    """A count with a dot between thousands, as both languages of the catalogue write it here."""
    return f"{count:,}".replace(",", ".")


# -- figures ------------------------------------------------------------------------------------

def figure_scenarios(paths: Sequence[str]) -> list[Scenario]:
    """The valid scenarios of the library (no paths) or of the files and folders named."""
    libraries: list[Library] = []
    scenarios: list[Scenario] = []
    if not paths:
        libraries.append(load_library(play=False))
    for name in paths:
        if Path(name).is_dir():
            libraries.append(load_library(Path(name), play=False))
        else:
            entry = resolve(name, play=False)
            if entry.scenario is not None and not any(f.severity == ERROR for f in entry.findings):
                scenarios.append(entry.scenario)
    for library in libraries:
        scenarios += [e.scenario for e in library.entries
                      if e.scenario is not None and not any(f.severity == ERROR for f in e.findings)]
    return scenarios


def print_figures(scenarios: list[Scenario], found: Figures, lang: str) -> None:
    """The figures in words."""
    print(t("truth.figures.heading", lang, scenarios=len(scenarios), routes=found.routes))
    print(t("truth.figures.differs", lang, count=found.differing, of=found.declared_routes))
    print(t("truth.figures.stuck_yes", lang, count=found.stuck_efficient_yes, of=found.stuck_routes))
    print(t("truth.figures.longest", lang, count=found.expert_longest, of=found.expert_decisions,
            share=round(100 * found.longest_share)))
    print(t("truth.figures.unlike_best", lang, count=found.unlike_best, of=found.routes))
    print(t("truth.figures.scored_stuck", lang, count=found.scored_stuck_efficient_yes, of=found.scored_stuck))
    if found.skipped:
        print(t("truth.figures.skipped", lang, scenarios=", ".join(found.skipped)))


def cmd_analyze(args: argparse.Namespace, load_playable: Callable[[str, str, bool], Entry]) -> int:
    """Explore every playthrough of a scenario, or (``--figures``) sum the truth figures of many."""
    lang = args.lang
    if args.figures:
        scenarios = figure_scenarios(args.scenario)
        found = total(scenarios)
        if args.json:
            print(json.dumps({"scenarios": [s.id for s in scenarios], **found.to_json()}, ensure_ascii=False,
                             indent=2))
        else:
            print_figures(scenarios, found, lang)
        return 0
    if len(args.scenario) != 1:
        raise UsageProblem(t("truth.analyze.needs_one", lang))
    entry = load_playable(args.scenario[0], lang, False)  # analysed, not played: no play machine
    scenario = entry.scenario
    assert scenario is not None
    analysis = analyse(scenario)
    try:
        if args.routes:
            write_routes(scenario, analysis, args.routes, lang)
            return 0
    except AnalyzeError as exc:
        print(f"omgekeerd: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(analysis_json(scenario, analysis), ensure_ascii=False, indent=2, allow_nan=False))
        return 0
    print_analysis(scenario, analysis, lang)
    return 0


class UsageProblem(Exception):
    """analyze used wrongly (exit 2); main turns it into its usage error."""
