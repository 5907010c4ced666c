"""Projector mode from the back of a room, and the situation screen's fixes (issues 12 and 13).

Every situation of every library case is shown at 1920x1080 in projector mode: body text of
at least 32 px and every choice on screen. At 1280x720 the choices below the fold are
announced. The debrief chart's labels never overlap and its quadrants are told apart on a
projector. S saves the report; an unavailable choice says why when clicked; a stray click
beside the feedback does not skip it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pygame
import pytest

from game.engine.model import Scenario
from game.engine.session import Session
from game.i18n import t, tn
from game.ui.app import App
from game.ui.playthrough import Playthrough
from game.ui.toolkit.bindings import hint_text
from game.ui.toolkit.chart import QuadrantChart, distance
from game.ui.toolkit.fit import Fit, fit_sizes
from game.ui.toolkit.theme import HIGH_CONTRAST, NORMAL, Colour, Palette
from uikit import ROOT, click, click_at, library_folder, open_app, press, texts_on_screen, type_text

LIBRARY = ROOT / "scenarios"
FULL_HD, HD, XGA = (1920, 1080), (1280, 720), (1024, 768)


# -- helpers ------------------------------------------------------------------------------------------

def situations(scenario: Scenario) -> Iterator[list[str]]:
    """A shortest choice path to every situation a player can reach (breadth first)."""
    seen: set[str] = set()
    queue: deque[list[str]] = deque([[]])
    while queue:
        path = queue.popleft()
        session = Session.replay(scenario, path)
        if session.finished or session.situation is None or session.situation.id in seen:
            continue
        seen.add(session.situation.id)
        yield path
        queue.extend(path + [o.id] for o in session.choices if o.available)


def path_to(scenario: Scenario, situation_id: str) -> list[str]:
    for path in situations(scenario):
        if Session.replay(scenario, path).situation.id == situation_id:  # type: ignore[union-attr]
            return path
    raise AssertionError(f"{situation_id} is not reachable in {scenario.id}")


def show_situation(app: App, scenario: Scenario, path: list[str], mode: str = "training") -> None:
    """The situation screen on the playthrough that made these choices (read-only: nothing is chosen)."""
    session = Session.replay(scenario, path)
    assert app.records is not None
    play = Playthrough(app.records.store, session, 0, player="Sam", background=None, mode=mode,
                       lang=app.ui.lang, source=scenario.id)
    app.go("situation", play=play)
    app.rebuild()
    app.frame()


def begin(app: App, scenario: Scenario, choices: list[str], mode: str = "training") -> Playthrough:
    """A recorded playthrough with these choices made."""
    assert app.records is not None
    play = Playthrough.begin(scenario, app.records, player="Sam", background="wmo", mode=mode, lang=app.ui.lang,
                             source=scenario.id)
    for choice in choices:
        play.choose(choice)
    return play


def visible_choices(app: App) -> tuple[list[str], list[str]]:
    """(choices wholly on screen, choices not) of the current situation screen, without scrolling."""
    fitted = app.screen.fitted
    window = pygame.Rect((0, 0), app.size)
    shown, hidden = [], []
    region = fitted.choices
    for widget in fitted.choice_widgets:
        rect = widget.screen_rect(region.origin)
        inside = region.viewport.contains(rect) and window.contains(rect)
        covered = fitted.cue is not None and fitted.cue.hidden and rect.colliderect(cue_rect(app))
        (shown if inside and not covered else hidden).append(widget.key)
    return shown, hidden


def cue_rect(app: App) -> pygame.Rect:
    region = app.screen.region("more-below")
    assert region is not None
    return region.viewport


@pytest.fixture
def projector(tmp_path: Path):  # type: ignore[no-untyped-def]
    game = open_app(tmp_path, LIBRARY, size=FULL_HD)
    game.change_settings(projector=True)
    yield game
    game.close()


# -- projector mode: every situation of the library -------------------------------------------------

@pytest.mark.parametrize(("lang", "text_size"), [("nl", 2), ("en", 2), ("nl", 4), ("en", 0)])
def test_every_situation_of_the_library_fits_a_projector_at_full_hd(projector, lang: str,  # type: ignore[no-untyped-def]
                                                                    text_size: int) -> None:
    projector.change_settings(lang=lang, text_size=text_size)  # the default, the largest and the smallest
    shown = 0
    for scenario in projector.library.playable():
        for path in situations(scenario):
            show_situation(projector, scenario, path)
            fitted = projector.screen.fitted
            where = f"{scenario.id} after {path} ({lang}, text size {text_size})"
            assert fitted.fit.story.theme.text_px >= 32 and fitted.fit.choices.theme.text_px >= 32, where
            assert fitted.fit.fits, where
            visible, hidden = visible_choices(projector)
            assert not hidden and len(visible) == len(projector.screen.session.choices) > 0, where
            assert fitted.story.max_scroll == 0, where
            shown += 1
    assert shown > 100  # every reachable situation of the eleven cases


def test_the_worst_case_keeps_32_px_with_the_story_shrunk_before_the_choices(projector) -> None:  # type: ignore[no-untyped-def]
    scenario = projector.library.find("tas-van-oma").scenario
    show_situation(projector, scenario, path_to(scenario, "toets_giften"))  # the longest text and choices
    fit = projector.screen.fitted.fit
    assert 32 <= fit.story.theme.text_px <= fit.choices.theme.text_px < projector.ui.theme.text_px
    assert not visible_choices(projector)[1]


def test_the_story_shrinks_first_then_the_choices() -> None:
    class Step:  # a type size the fit can try; heights below are in lines of that size
        def __init__(self, px: int) -> None:
            self.theme = type("Theme", (), {"text_px": px})()

    steps = [Step(41), Step(36), Step(32)]

    def height(story_lines: int, choice_lines: int) -> object:
        return lambda arrangement, story, choices: (story_lines * story.theme.text_px
                                                    + choice_lines * choices.theme.text_px)

    def sizes(fit: Fit) -> tuple[int, int]:
        return fit.story.theme.text_px, fit.choices.theme.text_px

    assert sizes(fit_sizes(steps, 900, height(10, 10), ("stacked",))) == (41, 41)  # type: ignore[arg-type]
    assert sizes(fit_sizes(steps, 750, height(10, 10), ("stacked",))) == (32, 41)  # type: ignore[arg-type]
    assert sizes(fit_sizes(steps, 700, height(10, 10), ("stacked",))) == (32, 36)  # type: ignore[arg-type]
    assert fit_sizes(steps, 700, height(10, 10), ("stacked",)).fits  # type: ignore[arg-type]


# -- 1280x720: choices below the fold are announced ------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("case", "situation"), [("tas-van-oma", "toets_giften"),
                                                 ("dertig-hulpverleners", "signaal")])
def test_choices_below_the_fold_are_announced_at_1280x720(tmp_path: Path, case: str, situation: str,
                                                           lang: str) -> None:
    app = open_app(tmp_path, LIBRARY, lang=lang, size=HD)
    try:
        scenario = app.library.find(case).scenario
        show_situation(app, scenario, path_to(scenario, situation))
        visible, hidden = visible_choices(app)
        cue = app.screen.fitted.cue
        if hidden:
            assert cue is not None and cue.hidden == len(hidden)
            words = tn("fit.more_choices", len(hidden), lang)
            assert words in texts_on_screen(app)
            strip = cue_rect(app)
            assert app.screen.region("main").viewport.contains(strip)
            assert any(app.surface.get_at((x, y))[:3] == app.ui.colour("accent")
                       for x in range(strip.x, strip.right, 2) for y in range(strip.y, strip.bottom, 2))
            click(app, "more-below")  # the cue takes the player to the choices
            assert not visible_choices(app)[1] and cue.hidden == 0
            assert words not in texts_on_screen(app)
        else:
            assert visible and (cue is None or cue.hidden == 0)
    finally:
        app.close()


# -- the quadrant chart --------------------------------------------------------------------------------

def chart_of(app: App) -> tuple[QuadrantChart, pygame.Rect]:
    app.frame()
    for layer in app.screen.layers:
        for region in layer.regions:
            for widget in region.widgets:
                if isinstance(widget, QuadrantChart):
                    return widget, widget.screen_rect(region.origin)
    raise AssertionError("no chart on the debrief")


def assert_labels_apart(app: App, chart: QuadrantChart, rect: pygame.Rect, where: str) -> None:
    plan = chart.plan(app.ui, rect)
    labels = plan.labels
    assert {label.kind for label in labels} >= {"quadrant", "axis", "axis-up", "tag"}, where
    for first, second in combinations(labels, 2):
        assert not first.rect.colliderect(second.rect), f"{first.text!r} on {second.text!r} ({where})"
    for label in labels:
        assert rect.contains(label.rect), f"{label.text!r} leaves the chart ({where})"
        if label.kind == "tag":
            assert not any(label.rect.colliderect(marker) for marker in plan.markers), f"{label.text!r} ({where})"
    tag_of = {t("ui.chart.expert", app.ui.lang): plan.expert, t("ui.chart.you", app.ui.lang): plan.points[-1]}
    for label in labels:
        if label.kind == "tag" and not plan.shared:  # nearer its own marker than the other one
            own = tag_of[label.text]
            rival = plan.points[-1] if own == plan.expert else plan.expert
            nearer = distance(label.rect, own) + app.ui.theme.unit < distance(label.rect, rival)  # type: ignore[arg-type]
            led = label.leader is not None and label.leader[0] == own and label.rect.collidepoint(label.leader[1])
            assert nearer or led, f"{label.text!r} seems to name the other marker ({where})"
    tags = sorted(label.text for label in labels if label.kind == "tag")
    together = t("fit.chart.together", app.ui.lang)
    assert tags == ([together] if plan.shared else sorted([t("ui.chart.expert", app.ui.lang),
                                                           t("ui.chart.you", app.ui.lang)])), where
    if plan.shared:  # one tag for both only where two could not be told apart
        (you_x, you_y), (expert_x, expert_y) = plan.points[-1], plan.expert
        assert plan.together or max(abs(you_x - expert_x), abs(you_y - expert_y)) < 6 * app.ui.theme.unit, where


@pytest.mark.parametrize("size", [FULL_HD, HD, XGA])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chart_labels_never_overlap(tmp_path: Path, size: tuple[int, int], lang: str) -> None:
    app = open_app(tmp_path, LIBRARY, lang=lang, size=size)
    try:
        scenario = app.library.find("dertig-hulpverleners").scenario
        expert = app.analysis_for(scenario).expert_route
        other = [o.id for o in Session(scenario).choices if o.available and o.id != expert[0]][:1]
        for projector in (False, True):
            app.change_settings(projector=projector)
            for route in (expert, other):  # the same end point as the expert, and another
                play = begin(app, scenario, route)
                app.go("debrief", play=play)
                chart, rect = chart_of(app)
                where = f"{size} projector={projector} route={route}"
                plan = chart.plan(app.ui, rect)
                assert plan.together == (route == expert), where
                assert_labels_apart(app, chart, rect, where)
                for corner in ((0, 0), (100, 100), (100, 0), (0, 100), (50, 50)):  # markers at the edges too
                    chart.trajectory, chart.expert = [(50, 50), corner], corner
                    assert_labels_apart(app, chart, rect, f"{where} both at {corner}")
                    chart.expert = (100 - corner[0], corner[1])
                    assert_labels_apart(app, chart, rect, f"{where} you at {corner}")
                for near in (6, 10, 16, 25, 35):  # the expert in a corner, you close by
                    chart.trajectory, chart.expert = [(50, 50), (100 - near, 100 - near // 2)], (100, 100)
                    assert_labels_apart(app, chart, rect, f"{where} you {near} from the expert")
                    chart.trajectory, chart.expert = [(50, 50), (50 + near // 2, 50)], (50, 50 + near)
                    assert_labels_apart(app, chart, rect, f"{where} you {near} below the expert")
    finally:
        app.close()


def luminance(colour: Colour) -> float:
    """WCAG 2 relative luminance."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: Colour, second: Colour) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high contrast"])
def test_the_quadrants_are_told_apart_on_a_projector_and_text_stays_readable(palette: Palette) -> None:
    fills = dict(zip(("omgekeerd", "rules", "kind", "stuck"), palette.chart_quadrants, strict=True))
    neighbours = [("rules", "omgekeerd"), ("rules", "stuck"), ("omgekeerd", "kind"), ("stuck", "kind")]
    for first, second in neighbours:
        assert contrast(fills[first], fills[second]) >= 1.5, (first, second)
    for name, fill in fills.items():
        assert contrast(palette.text, fill) >= 4.5, name
        assert contrast(palette.muted, palette.background) >= 4.5  # the quadrant names, beside the plot


# -- the debrief's report key ------------------------------------------------------------------------

def test_s_saves_the_report_in_projector_mode_and_the_hint_bar_names_it(tmp_path: Path) -> None:
    app = open_app(tmp_path, library_folder(tmp_path), size=FULL_HD)
    try:
        scenario = app.library.find("gesloten-deur").scenario
        app.go("debrief", play=begin(app, scenario, ["bellen", "samen"]))
        app.frame()
        assert "S/Ctrl+S: verslag opslaan" in hint_text(app.screen.hints(), "nl")
        assert "S/Ctrl+S: verslag opslaan" in texts_on_screen(app)  # the hint bar, made from the bindings

        app.change_settings(projector=True)
        app.frame()
        assert app.screen.region("hints") is None  # no hint bar on a projector: the button shows the key
        found = app.screen.widget_by_key("report")
        assert found is not None and found[1].hint == "S"
        press(app, pygame.K_s, unicode="s")
        reports = list((tmp_path / "data" / "reports").glob("gesloten-deur-*.html"))
        assert len(reports) == 1 and str(reports[0]) in (app.toast_text or "")
        assert "De gesloten deur" in reports[0].read_text(encoding="utf-8")
    finally:
        app.close()


# -- the situation screen's clicks ----------------------------------------------------------------------

def start_as_sam(app: App) -> None:
    """On the start screen, by mouse: the pseudonym, a background, on to the library."""
    click(app, "input")
    type_text(app, "Sam")
    click(app, "background:wmo")
    click(app, "go")
    assert app.screen.name == "library"


def to_gated_choice(app: App) -> None:
    """In the test case, choose the letter: the next situation's first choice is then unavailable."""
    start_as_sam(app)
    click(app, "card:gesloten-deur")
    click(app, "begin")
    click(app, "choice:brief")
    click(app, "feedback:continue")
    assert app.screen.session.situation.id == "keuken"


@pytest.mark.parametrize("projector_mode", [False, True])
def test_clicking_an_unavailable_choice_says_why_and_changes_nothing(tmp_path: Path, projector_mode: bool) -> None:
    app = open_app(tmp_path, library_folder(tmp_path), size=FULL_HD if projector_mode else HD)
    try:
        app.change_settings(projector=projector_mode)
        to_gated_choice(app)
        click(app, "choice:samen")
        assert "Ria moet je eerst vertrouwen." in (app.toast_text or "")
        assert app.screen.session.situation.id == "keuken" and app.screen.session.choice_ids == ["brief"]
    finally:
        app.close()


def test_a_stray_click_beside_the_feedback_does_not_skip_it(tmp_path: Path) -> None:
    app = open_app(tmp_path, library_folder(tmp_path))
    try:
        start_as_sam(app)
        click(app, "card:gesloten-deur")
        click(app, "begin")
        click(app, "choice:bellen")
        assert app.screen.panel == "feedback"
        click_at(app, (5, app.size[1] // 2))  # beside the panel
        assert app.screen.panel == "feedback" and "Ria is blij dat je belt." in texts_on_screen(app)
        click(app, "feedback:continue")
        assert app.screen.panel is None and app.screen.session.situation.id == "keuken"
        click(app, "choice:indiceren")
        assert app.screen.name == "ending"  # no feedback on that choice: straight on
    finally:
        app.close()


def test_esc_still_goes_on_from_the_feedback(tmp_path: Path) -> None:
    app = open_app(tmp_path, library_folder(tmp_path))
    try:
        start_as_sam(app)
        click(app, "card:gesloten-deur")
        click(app, "begin")
        press(app, pygame.K_1, unicode="1")
        assert app.screen.panel == "feedback"
        press(app, pygame.K_ESCAPE)
        assert app.screen.name == "situation" and app.screen.panel is None
        assert app.screen.session.situation.id == "keuken"
    finally:
        app.close()


def test_on_a_projector_the_arrows_move_between_the_choices_and_enter_makes_one(tmp_path: Path) -> None:
    app = open_app(tmp_path, library_folder(tmp_path), size=FULL_HD)
    try:
        app.change_settings(projector=True)
        start_as_sam(app)
        click(app, "card:gesloten-deur")
        click(app, "begin")
        assert app.screen.fitted.choices is not app.screen.fitted.story  # the choices in their own region
        press(app, pygame.K_DOWN)
        press(app, pygame.K_DOWN)
        assert app.screen.focus_key == "choice:brief"
        press(app, pygame.K_RETURN)
        assert app.screen.session.choice_ids == ["brief"] and app.screen.panel == "feedback"
    finally:
        app.close()
