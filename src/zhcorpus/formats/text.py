"""Plain text: decoded by :mod:`zhcorpus.reading` (encoding detected only when certain)."""

from __future__ import annotations

from pathlib import Path

from ..reading import decode_bytes
from .base import Extracted


def read_plain(data: bytes, path: str | Path, lang: str | None, encoding: str | None) -> Extracted:
    """A text file as it is: the cleaning rules do the rest."""
    d = decode_bytes(data, path, encoding=encoding, lang=lang)
    return Extracted(text=d.text, format="txt", encoding=d.encoding, had_bom=d.had_bom, crlf=d.crlf,
                     nfc_changed=d.nfc_changed)
