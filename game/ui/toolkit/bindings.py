"""Key bindings as data: which keys do which action, and the label the player reads for it.

A screen declares its keys as a tuple of :class:`Binding`; the hint bar at the bottom of the
screen and the key list in the settings are both made from these tuples, so every key is
defined once. A binding names an action: the method ``action_<name>`` of the screen (or of
the app, for the global keys below). Key specs are short strings such as ``"d"``,
``"ctrl+z"``, ``"shift+tab"``, ``"escape"`` or ``"1-9"`` (the digits, also on the keypad).
"""

from __future__ import annotations

from game.engine.records import dataclass
from collections.abc import Iterable, Sequence

import pygame

from game.i18n import has, t

DIGITS = "1-9"
HINT_SEPARATOR = " · "

_CODES: dict[str, tuple[int, ...]] = {
    "escape": (pygame.K_ESCAPE,),
    "enter": (pygame.K_RETURN, pygame.K_KP_ENTER),
    "space": (pygame.K_SPACE,),
    "tab": (pygame.K_TAB,),
    "up": (pygame.K_UP,),
    "down": (pygame.K_DOWN,),
    "left": (pygame.K_LEFT,),
    "right": (pygame.K_RIGHT,),
    "pageup": (pygame.K_PAGEUP,),
    "pagedown": (pygame.K_PAGEDOWN,),
    "home": (pygame.K_HOME,),
    "end": (pygame.K_END,),
    "plus": (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS),
    "minus": (pygame.K_MINUS, pygame.K_KP_MINUS),
    "0": (pygame.K_0, pygame.K_KP0),
    "f5": (pygame.K_F5,),
    "f11": (pygame.K_F11,),
}
_DIGIT_CODES: dict[int, str] = {getattr(pygame, f"K_{n}"): str(n) for n in range(1, 10)}
_DIGIT_CODES.update({getattr(pygame, f"K_KP{n}"): str(n) for n in range(1, 10)})


@dataclass(frozen=True)
class KeySpec:
    """One parsed key spec: the pygame key codes it stands for and the modifiers it needs."""

    spec: str
    key: str
    codes: tuple[int, ...]
    ctrl: bool = False
    shift: bool = False


def parse_key(spec: str) -> KeySpec:
    """``"ctrl+z"`` -> the codes of Z with Ctrl; ValueError for a key this module does not know."""
    *modifiers, key = spec.lower().split("+")
    unknown = set(modifiers) - {"ctrl", "shift"}
    if unknown or not key:
        raise ValueError(f"unknown key spec {spec!r}")
    if key == DIGITS:
        codes = tuple(_DIGIT_CODES)
    elif key in _CODES:
        codes = _CODES[key]
    elif len(key) == 1 and "a" <= key <= "z":
        codes = (getattr(pygame, f"K_{key}"),)
    else:
        raise ValueError(f"unknown key spec {spec!r}")
    return KeySpec(spec, key, codes, "ctrl" in modifiers, "shift" in modifiers)


@dataclass(frozen=True)
class Binding:
    """Keys that run one action, with the catalogue key of its label.

    ``show`` puts it in the hint bar; ``with_key`` passes the key pressed to the action
    (``"3"`` for the digits, ``"pagedown"``, ``"ctrl+minus"``); ``keys_label`` is a
    catalogue key naming the keys when the plain names read badly ("Arrows/Page Up/Down").
    """

    keys: tuple[str, ...]
    action: str
    label_key: str
    show: bool = True
    with_key: bool = False
    keys_label: str = ""

    def __post_init__(self) -> None:
        for spec in self.keys:
            parse_key(spec)  # a misspelt key fails when the module is imported, not when it is pressed

    def match(self, event: pygame.event.Event) -> str | None:
        """The key pressed (digit, or spec) when ``event`` is one of these keys, else None."""
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        for spec in self.keys:
            parsed = parse_key(spec)
            if event.key not in parsed.codes or parsed.ctrl != ctrl or (parsed.shift and not shift):
                continue
            return _DIGIT_CODES.get(event.key, "") if parsed.key == DIGITS else spec
        return None

    @property
    def needs_shift(self) -> bool:
        return any(parse_key(spec).shift for spec in self.keys)

    def keys_text(self, lang: str) -> str:
        """How the keys are named on screen: ``Ctrl+Z``, ``1–9``, ``Esc``."""
        if self.keys_label:
            return t(self.keys_label, lang)
        return "/".join(key_name(spec, lang) for spec in self.keys)

    def label(self, lang: str) -> str:
        return t(self.label_key, lang)


def key_name(spec: str, lang: str) -> str:
    """One key spec as the player reads it (``keys.name.<key>`` in the catalogue, else capitals)."""
    parts = spec.lower().split("+")
    return "+".join(t(f"keys.name.{part}", lang) if has(f"keys.name.{part}") else part.upper() for part in parts)


def find(bindings: Iterable[Binding], event: pygame.event.Event) -> tuple[Binding, str] | None:
    """The first binding for this key press (those that need Shift first), with the key pressed."""
    ordered = sorted(bindings, key=lambda b: not b.needs_shift)
    for binding in ordered:
        pressed = binding.match(event)
        if pressed is not None:
            return binding, pressed
    return None


def hint_text(bindings: Sequence[Binding], lang: str) -> str:
    """The hint bar line: ``Keys: label · Keys: label`` in the order declared."""
    return HINT_SEPARATOR.join(f"{b.keys_text(lang)}: {b.label(lang)}" for b in bindings)


def key_list(general: Sequence[Binding], screens: Iterable[Sequence[Binding]], lang: str) -> list[tuple[str, str]]:
    """Every key once, ``(keys, what it does)``, for the key list in the settings: the general
    keys with their own label, then the screens' other keys with the label of each screen that
    uses it. A screen's binding of a general action (its own words for Enter or Esc) is left out."""
    rows: dict[str, list[str]] = {}
    general_actions = {binding.action for binding in general}
    for binding in list(general) + [b for bindings in screens for b in bindings if b.action not in general_actions]:
        labels = rows.setdefault(binding.keys_text(lang), [])
        if binding.label(lang) not in labels:
            labels.append(binding.label(lang))
    return [(keys, "; ".join(labels)) for keys, labels in rows.items()]


# -- keys every screen knows (the base screen handles them) ---------------------------------------
NEXT = Binding(("tab",), "focus_next", "keys.next")
PREVIOUS = Binding(("shift+tab",), "focus_previous", "keys.previous", show=False)
ACTIVATE = Binding(("enter", "space"), "activate", "keys.activate", show=False)
BACK = Binding(("escape",), "back", "keys.back", show=False)
SCROLL = Binding(("up", "down", "pageup", "pagedown", "home", "end"), "scroll", "keys.scroll", with_key=True,
                 keys_label="keys.name.scroll")
COMMON: tuple[Binding, ...] = (ACTIVATE, BACK, NEXT, PREVIOUS, SCROLL)

# -- keys of the whole window (the app handles them before the screen) ----------------------------
RELOAD = Binding(("f5",), "reload", "keys.reload")
FULLSCREEN = Binding(("f11",), "fullscreen", "keys.fullscreen")
TEXT_SIZE = Binding(("ctrl+plus", "ctrl+minus"), "text_size", "keys.text_size", with_key=True,
                    keys_label="keys.name.text_size")
TEXT_NORMAL = Binding(("ctrl+0",), "text_normal", "keys.text_normal", show=False)
GLOBAL: tuple[Binding, ...] = (RELOAD, FULLSCREEN, TEXT_SIZE, TEXT_NORMAL)
