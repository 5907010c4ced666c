"""Pausing Python's cyclic garbage collector while large acyclic structures are built or explored."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freezing = True  # a command's process: freeze what was built; a long-running window turns this off


def freeze_after_pause(freeze: bool) -> None:
    """Whether the end of a pause freezes what exists (``gc.freeze``). A command that runs and exits wants it;
    the window does not: objects frozen while alive (its screens and widgets, which hold cycles) would never be
    collected once they are garbage, so a long session would keep them all."""
    global _freezing
    _freezing = freeze


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector (loading and analysis build many small objects and no cycles), then restore it.

    In a command, what was built is moved out of the collector's view (``gc.freeze``) before it runs again:
    otherwise its first pass walks every object made meanwhile (0.15 s after a 10,000-situation case). Frozen
    objects are still freed by reference counting, which is how this acyclic data goes.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if _freezing:
                gc.freeze()
            gc.enable()
