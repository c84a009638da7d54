"""Guards against silent corruption by the converter: control characters and length changes.

The official OpenCC binding truncates the output at a NUL in two-step configurations
(``s2tw('前a\\x00b后发') == '前a'``), and a lone surrogate cannot be encoded at all; such text is
rejected (or stripped on request) before conversion. OpenCC is length-preserving for the
configurations used here except for rare phrases, so every conversion is checked and a change in
length is reported, never hidden.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import InputError

# C0/C1 controls other than TAB, LF and CR, and lone UTF-16 surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class ControlCharacterError(InputError):
    """Text with a control character or lone surrogate that would corrupt the conversion."""

    def __init__(self, char: str, offset: int, path: str | None = None, where: str | None = None) -> None:
        self.char = char
        self.offset = offset
        super().__init__(path, f"{describe(char)} in the text (it would corrupt the OpenCC conversion)",
                         where=where if where is not None else f"char {offset}")


def describe(char: str) -> str:
    """A readable name for an unsafe character (``NUL``, ``control character U+001B``)."""
    cp = ord(char)
    if cp == 0:
        return "NUL"
    if 0xD800 <= cp <= 0xDFFF:
        return f"lone surrogate U+{cp:04X}"
    return f"control character U+{cp:04X}"


def find_unsafe(text: str) -> int | None:
    """Offset of the first unsafe character in *text*, or None."""
    m = _UNSAFE.search(text)
    return m.start() if m else None


def check_text(text: str) -> None:
    """Raise :class:`ControlCharacterError` if *text* holds an unsafe character."""
    pos = find_unsafe(text)
    if pos is not None:
        raise ControlCharacterError(text[pos], pos)


def strip_unsafe(text: str) -> tuple[str, int]:
    """*text* without unsafe characters, and how many were removed."""
    return _UNSAFE.subn("", text)


@dataclass(frozen=True)
class LengthMismatch:
    """A conversion whose output has a different number of characters than its input."""

    config: str
    source: str
    output: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with both lengths."""
        d = asdict(self)
        d["source_len"], d["output_len"] = len(self.source), len(self.output)
        return d
