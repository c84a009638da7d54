"""Repair of a bad Simplified→Traditional conversion in a source (註重, 關系, 寬松 in 002).

A reviewed table (``data/converter_errors.tsv``) lists wrong words and their correct Traditional
form. A word is repaired only where it is a whole word of the text (jieba, on the Simplified
text, as for the phrase lists) and the round trip through Simplified (``tw2s``→``s2tw`` or
``t2s``→``s2t``) changes it to the correct form too, so the same characters across two words
(有關系統: 有關 + 系統, which OpenCC's own round trip gets wrong) are left alone. Repairs are one
character for one, so every offset stays valid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import InputError
from .phrases import data_path, read_tsv, respects_words

ERRORS_FILE = "converter_errors.tsv"
COLUMNS = ("wrong", "right", "fix", "source", "reason")
RULE = "converter-error"
# (forward, back) round trips whose result marks a character as a candidate
ROUND_TRIPS = (("tw2s", "s2tw"), ("t2s", "s2t"))


@dataclass(frozen=True)
class ConverterError:
    """One reviewed converter artifact: the wrong word, the right one, and whether to repair it."""

    wrong: str
    right: str
    fix: bool
    source: str
    reason: str


def load_errors(path: str | Path | None = None) -> list[ConverterError]:
    """The reviewed table (default: the one shipped in the package); errors name the line."""
    p = Path(path) if path is not None else data_path(ERRORS_FILE)
    out: list[ConverterError] = []
    for n, row in read_tsv(p, COLUMNS):
        if len(row["wrong"]) != len(row["right"]) or row["wrong"] == row["right"]:
            raise InputError(p, "wrong and right must differ and have the same length", where=str(n))
        if row["fix"] not in ("yes", "no"):
            raise InputError(p, "fix must be yes or no", where=str(n))
        out.append(ConverterError(row["wrong"], row["right"], row["fix"] == "yes", row["source"], row["reason"]))
    return out


@cache
def shipped_errors() -> tuple[ConverterError, ...]:
    """The shipped table, read once."""
    return tuple(load_errors())


def find_repairs(text: str, run: Callable[[str, str], str],
                 errors: tuple[ConverterError, ...] | None = None) -> list[tuple[int, str, str]]:
    """(offset, before, after) for each character of a listed wrong word the round trip confirms.

    *run(config, text)* converts with OpenCC. Only words marked ``fix`` are repaired.
    """
    table = [e for e in (errors if errors is not None else shipped_errors()) if e.fix and e.wrong in text]
    if not table:
        return []
    trips = []
    for fwd, back in ROUND_TRIPS:
        again = run(back, run(fwd, text))
        if len(again) == len(text):
            trips.append(again)
    hans = run("t2s", text)
    out: dict[int, tuple[str, str]] = {}
    for e in table:
        start = text.find(e.wrong)
        while start >= 0:
            if len(hans) != len(text) or not respects_words(hans, start, start + len(e.wrong)):
                start = text.find(e.wrong, start + 1)
                continue
            for i, (a, b) in enumerate(zip(e.wrong, e.right, strict=True)):
                pos = start + i
                if a != b and any(t[pos] == b for t in trips):
                    out[pos] = (a, b)
            start = text.find(e.wrong, start + 1)
    return [(p, a, b) for p, (a, b) in sorted(out.items())]
