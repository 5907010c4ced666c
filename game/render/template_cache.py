"""Compiled report templates kept between runs, as Python keeps ``__pycache__`` (issue 16).

Jinja2 compiles a template to Python code on every run (about 30 ms for the report); this
cache keeps the compiled code in the user cache folder, one file per template, beside the
listing cache. A file is used only when its header names this Jinja2, this Python, these
environment options and the template source's checksum; anything else (a changed template,
another version, a damaged or foreign file) is a miss and the template is compiled again.
Jinja2's own file cache is not used because it stores the checksum with pickle.
Nothing here is player data: only code compiled from the templates shipped with the game.
"""

from __future__ import annotations

import marshal
import os
import sys
import types
from pathlib import Path

from jinja2 import __version__ as jinja_version
from jinja2.bccache import Bucket, BytecodeCache, bc_magic

FORMAT = b"omgekeerd-templates-1"


class TemplateCache(BytecodeCache):
    """Compiled template code in ``folder``; never raises (a problem is a miss, a failed write is skipped)."""

    def __init__(self, folder: Path, options: str) -> None:
        self.folder = folder
        self.header = b"|".join((FORMAT, bc_magic, jinja_version.encode(), sys.implementation.cache_tag.encode(),
                                 options.encode("utf-8")))

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.code"

    def _head(self, bucket: Bucket) -> bytes:
        return self.header + b"|" + bucket.checksum.encode("ascii") + b"\n"

    def load_bytecode(self, bucket: Bucket) -> None:
        from game.content.kept import read_bytes

        data = read_bytes(self._file(bucket))
        if data is None:
            return
        head = self._head(bucket)
        if not data.startswith(head):
            return
        try:
            code = marshal.loads(data[len(head):])
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, types.CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is None:
            return
        target = self._file(bucket)
        partial = target.with_name(f"{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")  # per writer, thread
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(self._head(bucket) + marshal.dumps(bucket.code))
            os.replace(partial, target)
        except OSError:
            partial.unlink(missing_ok=True)


def template_cache(options: str) -> TemplateCache | None:
    """The cache in the user cache folder (None when the platform gives none)."""
    from game.content.kept import cache_folder

    try:
        folder = cache_folder() / "templates"
    except Exception:  # noqa: BLE001 - no cache folder: templates are compiled each run, as before
        return None
    return TemplateCache(folder, options)
