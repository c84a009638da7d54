"""What a format reader returns, and the normalisation every extracted text gets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

# Controls other than TAB and LF never belong in extracted text (Word uses \x0b for breaks,
# \x0c for page breaks; PDFs may carry \x00 from broken font maps).
_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n", "\r": "\n"}


@dataclass
class Extracted:
    """Text of a document, one paragraph per line, and what extraction did to get it."""

    text: str
    format: str
    encoding: str | None = None
    had_bom: bool = False
    crlf: int = 0
    nfc_changed: int = 0
    removed: list[dict[str, Any]] = field(default_factory=list)  # what extraction dropped, and where
    meta: dict[str, Any] = field(default_factory=dict)  # what the file says about itself (title, date …)
    stats: dict[str, Any] = field(default_factory=dict)  # lines joined, words rejoined …

    def take_text(self) -> str:
        """The text, no longer kept here (so the caller holds the only reference and can free it)."""
        text, self.text = self.text, ""
        return text

    def record(self) -> dict[str, Any]:
        """The extraction log kept in the document's metadata."""
        out: dict[str, Any] = {"format": self.format}
        if self.stats:
            out.update(self.stats)
        if self.removed:
            out["removed"] = self.removed
        return out


def finish(paragraphs: list[str], fmt: str, removed: list[dict[str, Any]] | None = None,
           meta: dict[str, Any] | None = None, stats: dict[str, Any] | None = None) -> Extracted:
    """Join paragraphs (one per line), NFC-normalise, drop control characters (recorded)."""
    removed = list(removed or [])
    out: list[str] = []
    for n, para in enumerate(paragraphs, 1):
        for k, v in _BREAKS.items():
            para = para.replace(k, v)
        kept = []
        for ch in para:
            if ch not in "\t\n" and (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0):
                removed.append({"what": "control-character", "paragraph": n, "text": f"U+{ord(ch):04X}"})
                continue
            kept.append(ch)
        for line in "".join(kept).split("\n"):
            if line.strip():
                out.append(line)
    text = "\n".join(out)
    nfc = unicodedata.normalize("NFC", text)
    changed = sum(1 for a, b in zip(text, nfc, strict=False) if a != b) + abs(len(text) - len(nfc))
    return Extracted(text=nfc, format=fmt, nfc_changed=changed, removed=removed, meta=dict(meta or {}),
                     stats=dict(stats or {}))
