"""The join QR code: the room's address with its code, as PNG or SVG bytes (segno, pure Python)."""

from __future__ import annotations

import io

import segno


def join_url(host: str, port: int, code: str) -> str:
    """The address a phone opens to join: ``http://HOST:PORT/?code=CODE``."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?code={code}"


def join_qr_png(url: str, scale: int = 10) -> bytes:
    """A PNG of the QR code for ``url``, each module ``scale`` pixels, with the standard quiet zone."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=max(1, int(scale)), border=4)
    return buffer.getvalue()


def join_qr_svg(url: str, scale: int = 10) -> bytes:
    """An SVG of the QR code for ``url`` (for a report or a printed hand-out)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=max(1, int(scale)), border=4, xmldecl=False)
    return buffer.getvalue()


def join_qr_text(url: str) -> str:
    """The QR code drawn with block characters, for a terminal."""
    buffer = io.StringIO()
    segno.make(url, error="m").terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()
