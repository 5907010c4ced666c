"""Package data: the case library (``scenarios/``) and the assets (``assets/``), mapped here by ``setup.py``.

Nothing lives in this folder in a checkout; ``game.bundled.scenarios`` and ``game.bundled.assets``
are the top-level folders, found with ``importlib.resources`` in a checkout and in a wheel alike.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _folder(package: str) -> Path:
    folder = resources.files(package)
    if not isinstance(folder, Path):  # e.g. a zip import: the library is read from real files
        raise RuntimeError(f"{package} must be installed as files on disk, not inside an archive")
    return folder


def library_folder() -> Path:
    """The shipped case library (``scenarios/`` in a checkout)."""
    return _folder("game.bundled.scenarios")


def assets_folder() -> Path:
    """The shipped assets: fonts and portraits (``assets/`` in a checkout)."""
    return _folder("game.bundled.assets")


def font_folder() -> Path:
    """The shipped fonts (``assets/fonts/`` in a checkout)."""
    return assets_folder() / "fonts"
