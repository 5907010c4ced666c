"""The quadrant chart of the debrief: resident axis across, rules axis up, the route as a line.

Where everything goes is worked out first (:meth:`QuadrantChart.plan`), then drawn: the
quadrant names above and below the plot, each wrapped within its half so that they never
meet; the axis names; and the tags "You" and "Expert" beside their markers, each in the
first place that covers no other tag and no marker (one tag "You and the expert" when the
two markers meet). Tests read the same plan.
"""

from __future__ import annotations

from game.engine.records import dataclass, field

import pygame

from game.ui.toolkit.text import TextLayout
from game.ui.toolkit.widgets import DrawState, Ui, Widget, rounded

QUADRANTS = ("omgekeerd", "rules", "kind", "stuck")  # the order of ``Palette.chart_quadrants``
QUADRANT_CORNERS = (("rules", "top-left"), ("omgekeerd", "top-right"), ("stuck", "bottom-left"),
                    ("kind", "bottom-right"))
MIN_NAME_PX = 11
Cost = tuple[int, int, int, float]  # of a tag's place: covered labels and markers, astray, covered dots, distance


@dataclass
class Label:
    """A text of the chart and the rectangle it takes (screen coordinates of the plan)."""

    text: str
    rect: pygame.Rect
    layout: TextLayout
    kind: str  # "quadrant", "axis", "axis-up" (turned a quarter) or "tag"
    leader: tuple[tuple[int, int], tuple[int, int]] | None = None  # a line from a tag's marker to the tag


@dataclass
class ChartPlan:
    """Where the parts of the chart go."""

    area: pygame.Rect  # the plot
    quads: dict[str, pygame.Rect]
    points: list[tuple[int, int]]  # the route
    expert: tuple[int, int] | None
    dot: int
    labels: list[Label] = field(default_factory=list)
    shared: bool = False  # one tag names both markers (they meet, or lie too close for a tag each)

    @property
    def together(self) -> bool:
        """The player's end point and the expert's lie on each other (one tag for both)."""
        markers = self.markers
        return len(markers) == 2 and markers[0].colliderect(markers[1])

    @property
    def markers(self) -> list[pygame.Rect]:
        """The rectangles of the player's end point and of the expert's diamond."""
        found = []
        if self.points:
            x, y = self.points[-1]
            found.append(pygame.Rect(x - self.dot - 3, y - self.dot - 3, 2 * self.dot + 6, 2 * self.dot + 6))
        if self.expert is not None:
            x, y = self.expert
            found.append(pygame.Rect(x - self.dot - 3, y - self.dot - 3, 2 * self.dot + 6, 2 * self.dot + 6))
        return found

    @property
    def expert_size(self) -> int:
        """Half the diagonal of the expert's diamond: larger, drawn round the player's dot, when they meet."""
        return 2 * self.dot + 8 if self.together else self.dot + 3


class QuadrantChart(Widget):
    """Scores 0-100 on two axes; the trajectory of a playthrough and the expert's end point."""

    def __init__(self, trajectory: list[tuple[int, int]], expert: tuple[int, int] | None, size: int) -> None:
        super().__init__("chart")
        self.trajectory, self.expert, self.size = trajectory, expert, size

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.rect = pygame.Rect(x, y, min(width, self.size), min(width, self.size))
        return self.rect.height

    @staticmethod
    def point(area: pygame.Rect, resident: float, rules: float) -> tuple[int, int]:
        return (round(area.x + area.width * resident / 100), round(area.bottom - area.height * rules / 100))

    # -- the plan ----------------------------------------------------------------------------------
    def plan(self, ui: Ui, rect: pygame.Rect) -> ChartPlan:
        """Where the plot, the quadrants, the route and every label go inside ``rect``."""
        unit = ui.theme.unit
        line = ui.layout("Ag", "small", 10_000, "bold").line_height
        left = rect.x + line + unit
        names = self._names(ui, (rect.right - 2 - left) // 2 - unit)
        top_band = max(names["rules"].height, names["omgekeerd"].height)
        bottom_band = max(names["stuck"].height, names["kind"].height)
        area = pygame.Rect(left, rect.y + top_band, rect.right - 2 - left,
                           rect.height - top_band - bottom_band - line - unit // 2)
        half_w, half_h = area.width // 2, area.height // 2
        quads = {"rules": pygame.Rect(area.x, area.y, half_w, half_h),
                 "omgekeerd": pygame.Rect(area.x + half_w, area.y, area.width - half_w, half_h),
                 "stuck": pygame.Rect(area.x, area.y + half_h, half_w, area.height - half_h),
                 "kind": pygame.Rect(area.x + half_w, area.y + half_h, area.width - half_w, area.height - half_h)}
        dot = max(4, unit // 2)
        inside = area.inflate(-2 * (dot + 5), -2 * (dot + 5))  # points at 0 or 100 stay inside the plot
        points = [self.point(inside, r, q) for r, q in self.trajectory]
        expert = self.point(inside, *self.expert) if self.expert is not None else None
        plan = ChartPlan(area, quads, points, expert, dot)
        self._place_names(ui, plan, names)
        self._place_axes(ui, plan, rect)
        self._place_tags(ui, plan)
        return plan

    def _names(self, ui: Ui, width: int) -> dict[str, TextLayout]:
        """The quadrant names wrapped within ``width``, in type small enough that no word is broken."""
        px = ui.theme.small_px
        while True:
            names = {kind: ui.typesetter.layout(ui.t(f"quadrant.{kind}.label"), px, max(20, width), "bold", False)
                     for kind in QUADRANTS}
            words = max(ui.typesetter.layout(word, px, 10_000, "bold", False).text_width
                        for kind in QUADRANTS for word in ui.t(f"quadrant.{kind}.label").split())
            if words <= width or px <= MIN_NAME_PX:
                return names
            px -= 1

    def _place_names(self, ui: Ui, plan: ChartPlan, names: dict[str, TextLayout]) -> None:
        """The top two names above the plot, the bottom two below it, each at its outer corner."""
        for kind, corner in QUADRANT_CORNERS:
            layout, quad = names[kind], plan.quads[kind]
            rect = pygame.Rect(0, 0, layout.text_width, layout.height)
            if corner.endswith("left"):
                rect.left = quad.x
            else:
                rect.right = quad.right
            if corner.startswith("top"):
                rect.bottom = quad.y
            else:
                rect.top = quad.bottom
            plan.labels.append(Label(ui.t(f"quadrant.{kind}.label"), rect, layout, "quadrant"))

    def _place_axes(self, ui: Ui, plan: ChartPlan, rect: pygame.Rect) -> None:
        area = plan.area
        across = ui.layout(ui.t("ui.chart.resident"), "small", 10_000, "bold")
        below = max([label.rect.bottom for label in plan.labels if label.kind == "quadrant"] + [area.bottom])
        box = pygame.Rect(0, 0, across.text_width, across.line_height)
        box.midtop = (area.centerx, below)
        plan.labels.append(Label(ui.t("ui.chart.resident"), box, across, "axis"))
        up = ui.layout(ui.t("ui.chart.rules"), "small", 10_000, "bold")
        turned = pygame.Rect(0, 0, up.line_height, up.text_width + 2)  # drawn turned a quarter
        turned.right = area.x - ui.theme.unit // 2
        turned.centery = area.centery
        plan.labels.append(Label(ui.t("ui.chart.rules"), turned, up, "axis-up"))

    def _place_tags(self, ui: Ui, plan: ChartPlan) -> None:
        """"You" by the player's end point and "Expert" by the diamond, each nearer its own marker than the
        other; one tag for both where they meet, or lie so close that two tags cannot be told apart."""
        you, expert = (plan.points[-1] if plan.points else None), plan.expert
        route = [pygame.Rect(x - plan.dot, y - plan.dot, 2 * plan.dot, 2 * plan.dot) for x, y in plan.points[:-1]]
        taken = ([(label.rect, 100) for label in plan.labels] + [(marker, 100) for marker in plan.markers]
                 + [(dot, 1) for dot in route])
        if plan.together and you is not None:  # the diamond is drawn round the player's dot: keep clear of it
            plan.shared = True
            gap = max(ui.theme.unit, plan.expert_size + 2)
            plan.labels.append(self._tag(ui, plan, ui.t("fit.chart.together"), you, None, taken, gap)[1])
            return
        if you is None or expert is None:
            for key, at in (("ui.chart.you", you), ("ui.chart.expert", expert)):
                if at is not None:
                    plan.labels.append(self._tag(ui, plan, ui.t(key), at, None, taken, ui.theme.unit)[1])
            return
        best: tuple[list[Cost], list[Label]] | None = None
        for order in ((("ui.chart.expert", expert, you), ("ui.chart.you", you, expert)),
                      (("ui.chart.you", you, expert), ("ui.chart.expert", expert, you))):
            costs: list[Cost] = []
            labels: list[Label] = []
            for key, at, rival in order:
                cost, label = self._tag(ui, plan, ui.t(key), at, rival, taken + [(done.rect, 100) for done in labels],
                                        ui.theme.unit)
                costs.append(cost)
                labels.append(label)
            if all(cost[:2] == (0, 0) for cost in costs):
                plan.labels.extend(labels)
                return
            if best is None or sorted(costs, reverse=True) < sorted(best[0], reverse=True):
                best = (costs, labels)
        assert best is not None
        costs, labels = best
        if any(cost[0] for cost in costs):  # no room for a tag each: one tag names both
            plan.shared = True
            plan.labels.append(self._tag(ui, plan, ui.t("fit.chart.together"), you, None, taken, ui.theme.unit)[1])
            return
        for cost, label, at in zip(costs, labels, (expert, you) if labels[0].text == ui.t("ui.chart.expert")
                                   else (you, expert), strict=True):
            if cost[1]:  # nearer the other marker: a line to its own says which it names
                label.leader = (at, nearest(label.rect, at))
        plan.labels.extend(labels)

    def _tag(self, ui: Ui, plan: ChartPlan, text: str, at: tuple[int, int], rival: tuple[int, int] | None,
             taken: list[tuple[pygame.Rect, int]], gap: int) -> tuple[Cost, Label]:
        layout = ui.layout(text, "small", 10_000, "bold")
        box = pygame.Rect(0, 0, layout.text_width + ui.theme.unit, layout.line_height)
        cost, rect = self._spot(box, at, rival, plan.area, taken, gap)
        return cost, Label(text, rect, layout, "tag")

    @staticmethod
    def _spot(box: pygame.Rect, at: tuple[int, int], rival: tuple[int, int] | None, area: pygame.Rect,
              taken: list[tuple[pygame.Rect, int]], gap: int) -> tuple[Cost, pygame.Rect]:
        """The best place around ``at`` inside ``area``: first one that covers no label or marker, then one
        that lies nearer to ``at`` than to the ``rival`` marker (so that a tag never seems to name the other
        one), then one that covers fewest of the route's dots, then the nearest that keeps some way from the
        rival (``taken``: rectangles with a weight: 100 for labels and markers, 1 for the route's dots)."""
        x, y = at
        best: tuple[Cost, pygame.Rect] | None = None
        for reach in (gap, gap * 3, gap * 6):  # farther places get a leader line when they need one
            places = [("midleft", (x + reach, y)), ("midright", (x - reach, y)), ("midtop", (x, y + reach)),
                      ("midbottom", (x, y - reach)), ("topleft", (x + reach, y + reach)),
                      ("topright", (x - reach, y + reach)), ("bottomleft", (x + reach, y - reach)),
                      ("bottomright", (x - reach, y - reach))]
            for anchor, spot in places:
                candidate = box.copy()
                setattr(candidate, anchor, spot)
                candidate.clamp_ip(area)
                hard = sum(_overlap(candidate, other) for other, weight in taken if weight > 1)
                soft = sum(_overlap(candidate, other) for other, weight in taken if weight == 1)
                own = distance(candidate, at)
                other = distance(candidate, rival) if rival is not None else own
                astray = int(rival is not None and other <= own + gap)  # clearly nearer its own
                cost = (hard, astray, soft, own - min(other - own, 3 * gap) / 2)  # near its own, clear of the other
                if best is None or cost < best[0]:
                    best = (cost, candidate)
        assert best is not None
        return best

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        plan = self.plan(ui, self.screen_rect(origin))
        area = plan.area
        for kind, colour in zip(QUADRANTS, ui.theme.palette.chart_quadrants, strict=True):
            surface.fill(colour, plan.quads[kind])
        frame = ui.colour("muted")
        width = 2 if ui.theme.projector or ui.theme.high_contrast else 1
        pygame.draw.rect(surface, frame, area, width)
        pygame.draw.line(surface, frame, (area.centerx, area.y), (area.centerx, area.bottom - 1), width)
        pygame.draw.line(surface, frame, (area.x, area.centery), (area.right - 1, area.centery), width)
        self._route(surface, ui, plan)
        for label in plan.labels:
            self._label(surface, ui, label)

    def _label(self, surface: pygame.Surface, ui: Ui, label: Label) -> None:
        if label.kind == "quadrant":
            label.layout.draw(surface, label.rect.x, label.rect.y, ui.colour("muted"), surface.get_clip())
        elif label.kind == "axis-up":
            flat = pygame.Surface((label.rect.height, label.rect.width), pygame.SRCALPHA)
            label.layout.draw(flat, 0, 0, ui.colour("text"), flat.get_rect())
            surface.blit(pygame.transform.rotate(flat, 90), label.rect.topleft)
        elif label.kind == "axis":
            label.layout.draw(surface, label.rect.x, label.rect.y, ui.colour("text"))
        else:
            if label.leader is not None:
                pygame.draw.line(surface, ui.colour("text"), *label.leader, 2)
            rounded(surface, ui.colour("surface"), label.rect, ui.theme.radius)
            pygame.draw.rect(surface, ui.colour("text"), label.rect, 1, border_radius=ui.theme.radius)
            label.layout.draw(surface, label.rect.x + ui.theme.unit // 2, label.rect.y, ui.colour("text"))

    def _route(self, surface: pygame.Surface, ui: Ui, plan: ChartPlan) -> None:
        accent, focus, dot, points = ui.colour("accent"), ui.colour("focus"), plan.dot, plan.points
        if len(points) > 1:
            pygame.draw.lines(surface, accent, False, points, 3)
        for index, point in enumerate(points[:-1]):
            pygame.draw.circle(surface, ui.colour("surface"), point, dot)
            pygame.draw.circle(surface, accent, point, dot, 2 if index == 0 else 0)
        together = plan.together
        if plan.expert is not None and not together:
            self._diamond(surface, ui, plan.expert, plan.expert_size, filled=True)
        if points:
            pygame.draw.circle(surface, focus, points[-1], dot + 3)
            pygame.draw.circle(surface, ui.colour("text"), points[-1], dot + 3, 2)
        if plan.expert is not None and together:  # around the player's dot, so that both show
            self._diamond(surface, ui, plan.expert, plan.expert_size, filled=False)

    @staticmethod
    def _diamond(surface: pygame.Surface, ui: Ui, at: tuple[int, int], size: int, filled: bool) -> None:
        x, y = at
        diamond = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
        if filled:
            pygame.draw.polygon(surface, ui.colour("surface"), diamond)
        pygame.draw.polygon(surface, ui.colour("text"), diamond, 2)


def nearest(rect: pygame.Rect, point: tuple[int, int]) -> tuple[int, int]:
    """The point of ``rect`` nearest to ``point``."""
    return (max(rect.left, min(point[0], rect.right - 1)), max(rect.top, min(point[1], rect.bottom - 1)))


def distance(rect: pygame.Rect, point: tuple[int, int]) -> float:
    """How far ``point`` lies from ``rect`` (0 inside it)."""
    dx = max(rect.left - point[0], 0, point[0] - rect.right)
    dy = max(rect.top - point[1], 0, point[1] - rect.bottom)
    return float((dx * dx + dy * dy) ** 0.5)


def _overlap(a: pygame.Rect, b: pygame.Rect) -> int:
    clipped = a.clip(b)
    return clipped.width * clipped.height
