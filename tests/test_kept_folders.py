"""The user's folders as platformdirs gives them: on Linux game.content.kept applies the XDG rule itself (issue 16)."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from game.content.kept import user_folder

KINDS = {"cache": ("XDG_CACHE_HOME", platformdirs.user_cache_dir),
         "data": ("XDG_DATA_HOME", platformdirs.user_data_dir),
         "config": ("XDG_CONFIG_HOME", platformdirs.user_config_dir)}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="elsewhere platformdirs itself is asked")
@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("variable", [None, "", "relatief/pad", "/abs/xdg", "/abs/xdg/"])
@pytest.mark.parametrize("home", [None, "", "thuis", "/home/speler", "/home/speler/", "/"])
def test_the_folder_is_the_one_platformdirs_gives(kind: str, variable: str | None, home: str | None,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    name, theirs = KINDS[kind]
    for key, value in ((name, variable), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(key, raising=False)
        else:
            monkeypatch.setenv(key, value)
    assert user_folder(kind) == Path(theirs("omgekeerd", appauthor=False))


def test_the_store_and_the_cache_use_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.content.kept import cache_folder
    from game.store.folders import default_data_dir
    from game.xapi.config import config_dir

    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    assert cache_folder() == tmp_path / "xdg_cache_home" / "omgekeerd"
    assert default_data_dir() == tmp_path / "xdg_data_home" / "omgekeerd"
    assert config_dir() == tmp_path / "xdg_config_home" / "omgekeerd"
