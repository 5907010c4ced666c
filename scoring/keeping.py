"""Where analyses are kept between runs, when a command says so (issue 16).

``scoring.analysis.analyse`` asks the keeper installed here for an analysis of the same
scenario text before it explores, and gives it each exact analysis it makes. The keeper is
a plain store of JSON-shaped records by name (the command line installs one over the user
cache folder, ``game.content.kept``, for whatever it runs: every command, the window and the
workshop room included); what a record holds and when it may be trusted is decided in
``scoring.analysis``. Without a keeper (code that calls ``analyse`` itself, most tests) every
process explores afresh. This module imports nothing heavy, so a command can install a keeper
before it knows whether it will analyse at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Keeper(Protocol):
    """A store of records by name; a record it cannot give back is None (never an exception)."""

    def get(self, name: str) -> object: ...

    def put(self, name: str, record: dict[str, object]) -> None: ...


_keeper: list[Keeper] = []  # the installed keeper (innermost last)


def keeper() -> Keeper | None:
    """The keeper analyses go to now, if any."""
    return _keeper[-1] if _keeper else None


@contextmanager
def kept_in(store: Keeper | None) -> Iterator[None]:
    """Within the block, analyses are looked up in and given to ``store`` (None: not kept)."""
    if store is None:
        yield
        return
    _keeper.append(store)
    try:
        yield
    finally:
        _keeper.remove(store)
