"""The scenario library: cards to pick a case, filters, progress marks and broken files."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pygame

from game.engine.model import Scenario

from game.ui.loading import progress_text
from game.ui.toolkit.bindings import NEXT, RELOAD, Binding
from game.ui.toolkit.chrome import hint_bar, main_region, margin, top_bar
from game.ui.records import problem_text
from game.ui.screens.base import Screen
from game.ui.toolkit.widgets import Button, Column, DrawState, Layer, TextBlock, Ui, Widget, rounded
from game.ui.words import audience_name, finding_text, tag_name

MAX_FINDINGS = 3
MAX_INLINE_TAGS = 8
CARD_TEXT_WIDTHS = 19  # a card is at least this many times the body text size wide
MAX_CARD_COLUMNS = 4
CARD_SUMMARY = 170  # characters of the summary on a card
DIGIT_WAIT = 1.2  # seconds a first digit waits for a second one (11 cases and more)
KEPT = "library"  # the app keeps the filter under this name between visits


def card_summary(text: str, limit: int = CARD_SUMMARY) -> str:
    """The first paragraph of a summary, cut at a word near ``limit`` characters (the introduction has it all)."""
    first = text.strip().split("\n", 1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


class ScenarioCard(Widget):
    """A case in the library: title, summary, minutes, audience, tags and the player's marks."""

    focusable = True

    def __init__(self, scenario: Scenario, number: int | None, marks: str, action: Any, key: str) -> None:
        super().__init__(key)
        self.scenario, self.number, self.marks, self.action = scenario, number, marks, action
        self.blocks: list[TextBlock] = []
        self.lang = "nl"

    @property
    def label(self) -> str:
        return self.scenario.title.get(self.lang)

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        unit, lang = ui.theme.unit, ui.lang
        self.lang = lang
        scenario = self.scenario
        pad = unit * 2
        inner = width - 2 * pad
        title = scenario.title.get(lang) or scenario.id
        if self.number is not None:
            title = f"{self.number}. {title}"
        parts = [TextBlock(title, "text", "bold", role="accent")]
        if scenario.summary:
            parts.append(TextBlock(card_summary(scenario.summary.get(lang)), "small"))
        meta = []
        if scenario.minutes:
            meta.append(ui.t("ui.library.minutes", minutes=scenario.minutes))
        if scenario.audience:
            meta.append(ui.t("ui.library.for", who=", ".join(audience_name(a, lang) for a in scenario.audience)))
        if meta:
            parts.append(TextBlock(" · ".join(meta), "small", role="muted", rich=False))
        if scenario.tags:
            parts.append(TextBlock("  ".join(f"#{tag_name(tag, lang)}" for tag in scenario.tags), "small", role="muted",
                                   rich=False))
        if self.marks:
            parts.append(TextBlock(self.marks, "small", "bold", role="good", rich=False))
        top = y + pad
        for block in parts:
            block.place(ui, x + pad, top, inner)
            top = block.rect.bottom + unit // 2
        self.blocks = parts
        self.rect = pygame.Rect(x, y, width, top - y + pad - unit // 2)
        return self.rect.height

    def stretch(self, height: int) -> None:
        self.rect.height = height

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        rect = self.screen_rect(origin)
        rounded(surface, ui.colour("hover") if state.hovered else ui.colour("surface"), rect, ui.theme.radius)
        rounded(surface, ui.colour("border"), rect, ui.theme.radius, 1 if not ui.theme.high_contrast else 2)
        for block in self.blocks:
            block.draw(surface, ui, origin, DrawState())
        if state.focused:
            ring = rect.inflate(ui.theme.ring * 2 + 2, ui.theme.ring * 2 + 2)
            rounded(surface, ui.colour("focus"), ring, ui.theme.radius + ui.theme.ring, ui.theme.ring)

    def activate(self) -> None:
        self.action()


class LibraryScreen(Screen):
    """Pick a case; resume an unfinished one; see which files cannot be played and why."""

    name = "library"
    follows_library = True  # built again while the library loads: the cases appear as their files are checked
    BINDINGS = (Binding(("1-9", "0"), "open_case", "keys.library.open", with_key=True, keys_label="keys.name.1-9"),
                NEXT, RELOAD, Binding(("p",), "playthroughs", "coach_ui.keys.playthroughs"),
                Binding(("g",), "progress", "coach_ui.keys.progress", show=False),
                Binding(("escape",), "back", "keys.library.switch"),
                Binding(("t",), "topics", "keys.library.topics", show=False),
                Binding(("r",), "resume", "keys.library.resume", show=False))

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        kept = app.kept.get(KEPT, {})
        self.tag: str | None = kept.get("tag")
        self.audience: str | None = kept.get("audience")
        self.typed = ""  # a first digit waiting for a second one (11 cases and more)
        self._typed_wait = 0.0
        self._shown: list[Scenario] = []
        self._resumable: Any = None
        self.resume_problem: Any = None  # (saved, restored) when the saved choices no longer fit
        self.topics_open = False

    def on_enter(self) -> None:
        pygame.key.stop_text_input()

    # -- data --------------------------------------------------------------------------------------
    def _saved(self) -> list[Any]:
        player = self.app.player
        if player is None or self.app.records is None:
            return []
        try:
            return list(self.app.records.sessions(player.name))
        except Exception:
            return []

    def _unfinished(self) -> Any:
        player = self.app.player
        if player is None or self.app.records is None:
            return None
        try:
            return self.app.records.last_unfinished(player.name)
        except Exception:
            return None

    def marks(self, ui: Ui, scenario: Scenario, saved: list[Any]) -> str:
        """'Finished · last score …' or 'Started' for this player's playthroughs of a case."""
        own = [s for s in saved if s.scenario_id == scenario.id]
        finished = [s for s in own if s.finished]
        if finished:
            last = max(finished, key=lambda s: (str(s.updated), s.id))
            return ui.t("ui.library.finished", times=len(finished), resident=last.resident, rules=last.rules)
        if own:
            return ui.t("ui.library.started")
        return ""

    def filtered(self) -> list[Scenario]:
        return [s for s in self.app.library_so_far.playable()
                if (self.tag is None or self.tag in s.tags) and (self.audience is None or self.audience in s.audience)]

    # -- actions -----------------------------------------------------------------------------------
    def set_tag(self, tag: str | None) -> None:
        self.tag = None if tag == self.tag else tag
        self._keep()

    def set_audience(self, audience: str | None) -> None:
        self.audience = None if audience == self.audience else audience
        self._keep()

    def _keep(self) -> None:
        """Remember the filter for the next visit (after playing a case), then show it."""
        self.app.kept[KEPT] = {"tag": self.tag, "audience": self.audience}
        self.forget_scroll("main")
        self.app.rebuild()

    def open(self, scenario: Scenario) -> None:
        self.go("intro", scenario=scenario, source=scenario.id)

    def resume(self, saved: Any) -> None:
        """Continue the last unfinished playthrough (its choices are replayed on the scenario as it is now);
        while the library is still loading, that happens as soon as it is there."""
        if self.app.library_progress is not None:
            self.app.toast(self.app.ui.t("ui.loading.resume_waits"), 3)
            self.app.after_library(lambda: self._resume_loaded(saved))
            return
        self._resume_loaded(saved)

    def _resume_loaded(self, saved: Any) -> None:
        from game.ui.playthrough import Playthrough

        if self.app.screen is not self:
            return  # the player went elsewhere while the library loaded
        ui, records, player = self.app.ui, self.app.records, self.app.player
        if records is None or player is None:
            return
        try:
            resumed = Playthrough.resume(records.store, saved, self.app.library, lang=ui.lang,
                                         background=player.background)
        except Exception as exc:
            self.app.toast(ui.t("ui.store_problem", problem=problem_text(exc, ui.lang)), 8)
            return
        restored = resumed.restored
        if resumed.playthrough is None:
            self.resume_problem = (saved, restored)
            self.focus_key = None
            self.app.rebuild()
            return
        notes = [ui.t("ui.resume.changed")] if restored.changed else []
        notes += [restored.note] if restored.note else []
        if notes:
            self.app.toast(" ".join(notes), 8)
        self._play_on(resumed.playthrough)

    def _play_on(self, play: Any) -> None:
        self.go("ending" if play.finished else "situation", play=play)

    def restart(self) -> None:
        """The saved choices no longer fit: set the old playthrough aside and start the case again."""
        from game.ui.playthrough import Playthrough

        saved, restored = self.resume_problem
        ui, records, player = self.app.ui, self.app.records, self.app.player
        if records is None or player is None:
            return
        try:
            play = Playthrough.start_again(records.store, saved, restored.scenario, lang=ui.lang,
                                           background=player.background)
        except Exception as exc:
            self.app.toast(ui.t("ui.store_problem", problem=problem_text(exc, ui.lang)), 8)
            return
        self.resume_problem = None
        self._play_on(play)

    def set_aside(self) -> None:
        from game.play.service import set_aside

        saved, _restored = self.resume_problem
        try:
            if self.app.records is not None:
                set_aside(self.app.records.store, saved.id)
        except Exception as exc:
            self.app.toast(problem_text(exc, self.app.ui.lang), 8)
        self.close_problem()

    def close_problem(self) -> None:
        self.resume_problem = None
        self.focus_key = None
        self.app.rebuild()

    def _panel_open(self) -> bool:
        return len(self.layers) > 1

    def action_open_case(self, pressed: str) -> None:
        """A digit: open the case with that number; from 10 cases on, numbers above 9 take two digits."""
        if self._panel_open():
            return
        count = len(self._shown)
        typed = self.typed + pressed
        self.typed, self._typed_wait = "", 0.0
        if count < 10:
            self._open_number(int(pressed))
        elif int(typed) * 10 <= count and len(typed) < len(str(count)):
            self.typed = typed  # 1 of 11..19: wait for a second digit (or Enter, or a moment)
            self.app.toast(self.app.ui.t("coach_ui.library.typed", number=typed), DIGIT_WAIT + 0.5)
        else:
            self._open_number(int(typed))

    def _open_number(self, number: int) -> None:
        if 1 <= number <= len(self._shown):
            self.open(self._shown[number - 1])
        elif number:
            self.app.toast(self.app.ui.t("coach_ui.library.no_case", number=number), 3)

    def update(self, dt: float) -> None:
        """A first digit that waited long enough opens its own case."""
        if self.typed:
            self._typed_wait += dt
            if self._typed_wait >= DIGIT_WAIT:
                typed, self.typed = self.typed, ""
                self._open_number(int(typed))

    def action_playthroughs(self) -> None:
        """P: every playthrough of this player."""
        if not self._panel_open():
            self.go("playthroughs")

    def action_progress(self) -> None:
        """G: this player's progress over time."""
        if not self._panel_open():
            self.go("progress")

    def action_topics(self) -> None:
        """T: the panel with every topic."""
        if not self._panel_open() and not self.topics_open:
            self.open_topics()

    def action_resume(self) -> None:
        """R: continue the last unfinished playthrough."""
        if not self._panel_open() and self._resumable is not None:
            self.resume(self._resumable)

    def on_back(self) -> None:
        self.go("start")

    def open_settings(self) -> None:
        self.push("settings")

    # -- building ----------------------------------------------------------------------------------
    def build(self, ui: Ui, width: int, height: int) -> None:
        layer = Layer()
        self.layers = [layer]
        player = self.app.player
        who = ""
        if player is not None:
            who = " · ".join([player.name, ui.t(f"background.{player.background or 'nieuw'}"),
                              ui.t(f"ui.mode.{self.app.mode}")])
        bar = top_bar(ui, layer, width, ui.t("ui.library.title"), who, [
            Button(ui.t("coach_ui.playthroughs.open"), self.action_playthroughs, "quiet", key="playthroughs",
                   hint=self.key_hint("playthroughs")),
            Button(ui.t("coach_ui.progress.open"), self.action_progress, "quiet", key="progress"),
            Button(ui.t("ui.settings"), self.open_settings, "quiet", key="settings"),
            Button(ui.t("ui.library.switch"), self.on_back, "quiet", key="switch", hint=self.key_hint("back")),
        ])
        hints = hint_bar(ui, layer, width, height, self.hints())
        region = main_region(layer, width, bar, height - hints)
        side = margin(ui)
        inner = width - 2 * side
        x = (width - inner) // 2
        column = Column(ui, region, x, ui.theme.unit * 2, inner)
        self._loading_line(ui, column)
        self._resume_banner(ui, column)
        self._broken_notice(ui, column)
        self._filters(ui, column)
        self._cards(ui, column)
        self._broken(ui, column)
        region.content_height = column.y + ui.theme.unit * 2
        if self.resume_problem is not None:
            self.layers.append(self._problem_panel(ui, width, height))
        elif self.topics_open:
            self.layers.append(self._topics_panel(ui, width, height))

    def _problem_panel(self, ui: Ui, width: int, height: int) -> Layer:
        from game.ui.toolkit.panels import make_panel

        saved, restored = self.resume_problem

        def body(column: Column) -> None:
            column.add(TextBlock(restored.problem or "", "text", rich=False))
            column.add(TextBlock(ui.t("ui.resume.offer"), "small", role="muted"))

        buttons = [Button(ui.t("ui.resume.set_aside"), self.set_aside, "secondary", key="problem:aside")]
        if restored.scenario is not None:
            buttons.append(Button(ui.t("ui.resume.restart"), self.restart, "primary", key="problem:restart"))
        return make_panel(ui, width, height, ui.t("ui.resume.problem_title"), body, buttons, self.close_problem,
                          share=0.6, centre=True, name="problem")

    def _loading_line(self, ui: Ui, column: Column) -> None:
        """'Bibliotheek laden… 7 van 16 casussen' while the library loads in the background."""
        text = progress_text(self.app.library_progress, ui.lang)
        if text:
            column.add(TextBlock(text, "small", "bold", role="muted", rich=False), gap=ui.theme.unit)

    def _resume_banner(self, ui: Ui, column: Column) -> None:
        saved = self._unfinished()
        self._resumable = saved
        if saved is None:
            return
        entry = self.app.library_so_far.find(saved.scenario_id)
        title = entry.scenario.title.get(ui.lang) if entry is not None and entry.scenario else saved.scenario_id
        column.add(Button(ui.tn("ui.resume.button", len(saved.choices), title=title),
                          lambda: self.resume(saved), "primary", key="resume", fill=True, hint=self.key_hint("resume")))
        column.space(ui.theme.unit)

    def _filters(self, ui: Ui, column: Column) -> None:
        """Audience chips, and topic chips (in a panel when there are many topics)."""
        playable = self.app.library_so_far.playable()
        tags = sorted({tag for s in playable for tag in s.tags}, key=lambda tag: tag_name(tag, ui.lang).casefold())
        audiences = sorted({a for s in playable for a in s.audience},
                           key=lambda word: audience_name(word, ui.lang).casefold())
        if len(playable) < 2 or not (tags or audiences):
            return
        gap = ui.theme.unit // 2 + 2
        if audiences:
            column.add(TextBlock(ui.t("ui.library.audience"), "small", "bold", role="muted"), gap=ui.theme.unit // 2)
            column.row(self._chips(ui, audiences, self.audience, self.set_audience, "audience"), gap=gap)
        if tags:
            column.add(TextBlock(ui.t("ui.library.topic"), "small", "bold", role="muted"), gap=ui.theme.unit // 2)
            if len(tags) <= MAX_INLINE_TAGS:
                column.row(self._chips(ui, tags, self.tag, self.set_tag, "tag"), gap=gap)
            else:
                chips = [Button(ui.t("ui.library.all"), lambda: self.set_tag(None), "chip", key="tag:*",
                                selected=self.tag is None)]
                if self.tag is not None:
                    chips.append(Button(f"{tag_name(self.tag, ui.lang)}  ×", lambda: self.set_tag(None), "chip",
                                        key=f"tag:{self.tag}", selected=True))
                chips.append(Button(ui.t("ui.library.pick_topic", count=len(tags)), self.open_topics, "chip",
                                    key="topics", hint=self.key_hint("topics")))
                column.row(chips, gap=gap)
        column.space(ui.theme.unit)

    def _chips(self, ui: Ui, values: list[str], chosen: str | None, setter: Any, prefix: str) -> list[Button]:
        chips = [Button(ui.t("ui.library.all"), lambda: setter(None), "chip", key=f"{prefix}:*",
                        selected=chosen is None)]
        name = audience_name if prefix == "audience" else tag_name
        return chips + [Button(name(v, ui.lang), partial(setter, v), "chip", key=f"{prefix}:{v}",
                               selected=v == chosen) for v in values]

    def open_topics(self) -> None:
        self.topics_open = True
        self.focus_key = None
        self.app.rebuild()

    def close_topics(self) -> None:
        self.topics_open = False
        self.focus_key = None
        self.app.rebuild()

    def pick_topic(self, tag: str | None) -> None:
        self.topics_open = False
        self.tag = None
        self.set_tag(tag)

    def _topics_panel(self, ui: Ui, width: int, height: int) -> Layer:
        from game.ui.toolkit.panels import make_panel

        tags = sorted({tag for s in self.app.library_so_far.playable() for tag in s.tags},
                      key=lambda tag: tag_name(tag, ui.lang).casefold())

        def body(column: Column) -> None:
            column.row(self._chips(ui, tags, self.tag, self.pick_topic, "topic"), gap=ui.theme.unit // 2 + 2)

        return make_panel(ui, width, height, ui.t("ui.library.topic"), body, [], self.close_topics, share=0.6,
                          centre=True, name="topics")

    def _cards(self, ui: Ui, column: Column) -> None:
        shown = self.filtered()
        self._shown = shown
        saved = self._saved()
        library = self.app.library_so_far
        if not shown:
            if self.app.library_progress is None:  # while loading, the progress line says why nothing is here yet
                key = "ui.library.none" if library.playable() else "ui.library.empty"
                column.add(TextBlock(ui.t(key, folder=str(library.folder)), "text", role="muted"))
            return
        unit = ui.theme.unit
        columns = max(1, min(MAX_CARD_COLUMNS, column.width // (CARD_TEXT_WIDTHS * ui.theme.text_px)))
        gap = unit * 2
        card_width = (column.width - gap * (columns - 1)) // columns
        for start in range(0, len(shown), columns):
            row = []
            for offset, scenario in enumerate(shown[start:start + columns]):
                index = start + offset
                card = ScenarioCard(scenario, index + 1, self.marks(ui, scenario, saved),
                                    lambda s=scenario: self.open(s), key=f"card:{scenario.id}")
                card.place(ui, column.x + offset * (card_width + gap), column.y, card_width)
                row.append(card)
            tallest = max(card.rect.height for card in row)
            for card in row:
                card.stretch(tallest)
                column.region.add(card)
            column.y += tallest + gap

    def _broken_notice(self, ui: Ui, column: Column) -> None:
        """A short warning at the top, so broken files are seen without scrolling."""
        broken = self.app.library_so_far.broken()
        if broken:
            names = ", ".join(Path(entry.path).name for entry in broken)
            column.add(TextBlock(ui.tn("ui.library.broken_notice", len(broken), names=names), "small",
                                 role="warning_text", box="warning_bg", rich=False))
            column.space(ui.theme.unit // 2)

    def _broken(self, ui: Ui, column: Column) -> None:
        broken = self.app.library_so_far.broken()
        if not broken:
            return
        column.space(ui.theme.unit)
        column.add(TextBlock(ui.t("ui.library.broken_title"), "heading", "bold"))
        column.add(TextBlock(ui.t("ui.library.broken_help"), "small", role="muted"))
        column.add(TextBlock(ui.t("coach_ui.findings.help"), "small", role="muted"))
        for entry in broken:
            findings = [f for f in entry.findings if f.is_error][:MAX_FINDINGS] or entry.findings[:MAX_FINDINGS]
            lines = [f"**⚠ {Path(entry.path).name}**"] + [f"- {finding_text(f, ui.lang)}" for f in findings]
            more = len([f for f in entry.findings if f.is_error]) - len(findings)
            if more > 0:
                lines.append(ui.tn("ui.library.more_findings", more))
            column.add(TextBlock("\n".join(lines), "small", role="warning_text", box="warning_bg", rich=True))

    def default_action(self) -> None:
        if self.typed:
            typed, self.typed = self.typed, ""
            self._open_number(int(typed))
        elif self._shown and not self.focus_key:
            self.move_focus(1)
