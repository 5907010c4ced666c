"""Package data: the case library (``scenarios/``) and the assets (``assets/``), mapped here by ``setup.py``.

Nothing lives in this folder in a checkout; ``game.bundled.scenarios`` and ``game.bundled.assets``
are the top-level folders, found by the import system in a checkout and in a wheel alike.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def _folder(package: str) -> Path:
    """The package's folder on disk, from its import spec (``importlib.resources`` costs 4 ms more to import)."""
    spec = find_spec(package)
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    folder = Path(locations[0]) if locations else None
    if folder is None or not folder.is_dir():  # e.g. a zip import: the library is read from real files
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
