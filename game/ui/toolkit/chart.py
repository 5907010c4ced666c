"""The quadrant chart of the debrief: resident axis across, rules axis up, the route as a line."""

from __future__ import annotations

import pygame

from game.ui.toolkit.widgets import DrawState, Ui, Widget, rounded

QUADRANT_CORNERS = (("rules", "top-left"), ("omgekeerd", "top-right"), ("stuck", "bottom-left"),
                    ("kind", "bottom-right"))


class QuadrantChart(Widget):
    """Scores 0-100 on two axes; the trajectory of a playthrough and the expert's end point."""

    def __init__(self, trajectory: list[tuple[int, int]], expert: tuple[int, int] | None, size: int) -> None:
        super().__init__("chart")
        self.trajectory, self.expert, self.size = trajectory, expert, size

    def place(self, ui: Ui, x: int, y: int, width: int) -> int:
        self.rect = pygame.Rect(x, y, min(width, self.size), min(width, self.size))
        return self.rect.height

    def _plot(self, ui: Ui, rect: pygame.Rect) -> pygame.Rect:
        """The plotting area inside the widget: room for quadrant names above and below, axis labels."""
        line = ui.layout("Ag", "small").line_height
        left = rect.x + line + ui.theme.unit
        top = rect.y + line
        bottom = rect.bottom - 2 * line - ui.theme.unit // 2
        return pygame.Rect(left, top, rect.right - left - 2, bottom - top)

    @staticmethod
    def point(area: pygame.Rect, resident: float, rules: float) -> tuple[int, int]:
        return (round(area.x + area.width * resident / 100), round(area.bottom - area.height * rules / 100))

    def draw(self, surface: pygame.Surface, ui: Ui, origin: tuple[int, int], state: DrawState) -> None:
        rect = self.screen_rect(origin)
        area = self._plot(ui, rect)
        half_w, half_h = area.width // 2, area.height // 2
        fills = dict(zip(("omgekeerd", "rules", "kind", "stuck"), ui.theme.palette.chart_quadrants))
        quads = {"rules": pygame.Rect(area.x, area.y, half_w, half_h),
                 "omgekeerd": pygame.Rect(area.x + half_w, area.y, area.width - half_w, half_h),
                 "stuck": pygame.Rect(area.x, area.y + half_h, half_w, area.height - half_h),
                 "kind": pygame.Rect(area.x + half_w, area.y + half_h, area.width - half_w, area.height - half_h)}
        for kind, quad in quads.items():
            surface.fill(fills[kind], quad)
        pygame.draw.rect(surface, ui.colour("border"), area, 1)
        pygame.draw.line(surface, ui.colour("border"), (area.centerx, area.y), (area.centerx, area.bottom))
        pygame.draw.line(surface, ui.colour("border"), (area.x, area.centery), (area.right, area.centery))
        self._quadrant_names(surface, ui, quads)
        self._axes(surface, ui, area)
        self._route(surface, ui, area)

    def _quadrant_names(self, surface: pygame.Surface, ui: Ui, quads: dict[str, pygame.Rect]) -> None:
        """Each quadrant's name outside the plot: the top two above it, the bottom two below it."""
        for kind, corner in QUADRANT_CORNERS:
            quad = quads[kind]
            layout = ui.layout(ui.t(f"quadrant.{kind}.label"), "small", 10_000, "bold", rich=False)
            x = quad.x if corner.endswith("left") else quad.right - layout.text_width
            y = quad.y - layout.line_height if corner.startswith("top") else quad.bottom
            layout.draw(surface, x, y, ui.colour("muted"), surface.get_clip())

    def _axes(self, surface: pygame.Surface, ui: Ui, area: pygame.Rect) -> None:
        muted = ui.colour("text")
        across = ui.layout(ui.t("ui.chart.resident"), "small", 10_000, "bold")
        across.draw(surface, area.centerx - across.text_width // 2, area.bottom + across.line_height, muted)
        up = ui.layout(ui.t("ui.chart.rules"), "small", 10_000, "bold")
        label = pygame.Surface((up.text_width + 2, up.line_height), pygame.SRCALPHA)
        up.draw(label, 0, 0, muted, label.get_rect())
        turned = pygame.transform.rotate(label, 90)
        x = area.x - turned.get_width() - ui.theme.unit // 2
        surface.blit(turned, (x, area.centery - turned.get_height() // 2))

    def _route(self, surface: pygame.Surface, ui: Ui, area: pygame.Rect) -> None:
        accent, focus = ui.colour("accent"), ui.colour("focus")
        dot = max(4, ui.theme.unit // 2)
        inside = area.inflate(-2 * (dot + 5), -2 * (dot + 5))  # points at 0 or 100 stay inside the plot
        points = [self.point(inside, r, q) for r, q in self.trajectory]
        if len(points) > 1:
            pygame.draw.lines(surface, accent, False, points, 3)
        for index, point in enumerate(points[:-1]):
            pygame.draw.circle(surface, ui.colour("surface"), point, dot)
            pygame.draw.circle(surface, accent, point, dot, 2 if index == 0 else 0)
        taken = [pygame.Rect(p[0] - dot - 3, p[1] - dot - 3, 2 * dot + 6, 2 * dot + 6) for p in points]
        if self.expert is not None:
            ex, ey = self.point(inside, *self.expert)
            size = dot + 3
            diamond = [(ex, ey - size), (ex + size, ey), (ex, ey + size), (ex - size, ey)]
            pygame.draw.polygon(surface, ui.colour("surface"), diamond)
            pygame.draw.polygon(surface, ui.colour("text"), diamond, 2)
            taken.append(self._tag(surface, ui, ui.t("ui.chart.expert"), (ex, ey), area, taken))
        if points:
            pygame.draw.circle(surface, focus, points[-1], dot + 3)
            pygame.draw.circle(surface, ui.colour("text"), points[-1], dot + 3, 2)
            self._tag(surface, ui, ui.t("ui.chart.you"), points[-1], area, taken)

    def _tag(self, surface: pygame.Surface, ui: Ui, text: str, at: tuple[int, int], area: pygame.Rect,
             taken: list[pygame.Rect]) -> pygame.Rect:
        """A label beside a point: the first place around it that stays inside and overlaps no other label."""
        layout = ui.layout(text, "small", 10_000, "bold")
        unit = ui.theme.unit
        box = pygame.Rect(0, 0, layout.text_width + unit, layout.line_height)
        x, y = at
        gap = unit
        places = [dict(midleft=(x + gap, y)), dict(midright=(x - gap, y)), dict(midtop=(x, y + gap)),
                  dict(midbottom=(x, y - gap)), dict(topright=(x - gap, y + gap)), dict(bottomright=(x - gap, y - gap))]
        chosen = None
        for place in places:
            candidate = box.copy()
            setattr(candidate, *next(iter(place.items())))
            if area.contains(candidate) and not any(candidate.colliderect(t) for t in taken):
                chosen = candidate
                break
        if chosen is None:
            chosen = box.copy()
            chosen.midright = (x - gap, y)
            chosen.clamp_ip(area)
        rounded(surface, ui.colour("surface"), chosen, ui.theme.radius)
        pygame.draw.rect(surface, ui.colour("border"), chosen, 1, border_radius=ui.theme.radius)
        layout.draw(surface, chosen.x + unit // 2, chosen.y, ui.colour("text"))
        return chosen
