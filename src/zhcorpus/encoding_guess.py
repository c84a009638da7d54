"""Guess the legacy encoding (GB18030 or Big5) of bytes that are not UTF-8 — only when certain.

Any byte string with high bytes in pairs decodes as GB18030, and many as Big5 too, so "it
decodes" proves nothing (``Z\\xfcrich`` decodes as GB18030 ``Z黵ich``). A candidate is scored by
how many of its characters are common Chinese characters (GB2312 level 1, the 3,755 most
frequent Simplified characters, or Big5's 5,401 frequently used Traditional characters) or
Chinese punctuation: right decodings are almost all common, wrong ones about half. The guess is
accepted when the likelihood ratio against the alternative is large; otherwise, and for English,
mixed-encoding and Western (cp1252/latin-1) text, an InputError names the file and ``--encoding``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .errors import InputError

# P(common character | right decoding) and P(common | wrong decoding), from the character sets'
# coverage of running text (right) and of bytes read in the other encoding (wrong, conservative).
P_RIGHT = 0.97
P_WRONG = 0.5
# Likelihood ratio needed to accept a guess: against the other CJK encoding, and (one candidate
# only) against "not this encoding at all".
CERTAIN_PAIR = 1e4
CERTAIN_SINGLE = 1e2
_ENCODING_HINT = "give the encoding with --encoding (e.g. --encoding gb18030, --encoding big5, --encoding cp1252)"
_PUNCT = set("、。，．：；？！“”‘’…—·《》〈〉「」『』【】（）〔〕～")
_LATIN_FLANKED = re.compile(r"[A-Za-z]([^\x00-\x7f]{1,2})(?=[A-Za-z])")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """GB2312 level 1 (Simplified) and Big5 frequently used (Traditional) characters."""
    out: set[str] = set()
    for lead in range(0xB0, 0xD8):  # GB2312 level 1: B0A1..D7F9
        for trail in range(0xA1, 0xFF):
            try:
                out.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for lead in range(0xA4, 0xC7):  # Big5 frequently used: A440..C67E
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if lead == 0xC6 and trail > 0x7E:
                break
            try:
                out.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(out)


@lru_cache(maxsize=1)
def _common_set() -> frozenset[str]:
    """Common characters plus Chinese punctuation and fullwidth forms."""
    extra = set(_PUNCT) | {chr(o) for o in range(0x3000, 0x3040)} | {chr(o) for o in range(0xFF01, 0xFF5F)}
    return frozenset(common_chars() | extra)


_ASCII = re.compile(r"[\x00-\x7f]+")


def _counts(text: str) -> tuple[int, int]:
    """(non-ASCII characters, how many of them are common Chinese characters or punctuation)."""
    high = _ASCII.sub("", text)
    return len(high), sum(map(_common_set().__contains__, high))


def _line_counts(text: str) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """:func:`_counts` of each line, and of the whole text."""
    lines = [_counts(line) for line in text.split("\n")]
    return lines, (sum(t for t, _ in lines), sum(c for _, c in lines))


def _preview(text: str, n: int = 10) -> str:
    return "".join(ch for ch in text if ord(ch) > 0x7F)[:n]


def _single_log_ratio(counts: tuple[int, int]) -> float:
    """log(P(observations | right) / P(observations | wrong)) for one decoding."""
    total, common = counts
    return common * math.log(P_RIGHT / P_WRONG) + (total - common) * math.log((1 - P_RIGHT) / (1 - P_WRONG))


def _pair_log_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    """log(P(observations | A right) / P(observations | B right)) for two decodings of the same
    bytes: each reading is right under its own hypothesis and wrong under the other's, so the
    ratio is A's single ratio minus B's."""
    return _single_log_ratio(a) - _single_log_ratio(b)


def _utf8_evidence(data: bytes, path: str) -> None:
    """Bytes that are mostly UTF-8 with some other encoding mixed in are an error, never re-read whole."""
    try:
        data.decode("utf-8")
        return
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    prefix = data[:first_bad].decode("utf-8")
    cjk = sum(1 for ch in prefix if "\u4e00" <= ch <= "\u9fff")
    good_lines = 0
    if cjk < 4:
        for line in data.split(b"\n"):
            try:
                s = line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff") >= 3:
                good_lines += 1
    if cjk >= 4 or good_lines:
        raise InputError(
            path,
            f"not valid UTF-8: byte 0x{data[first_bad]:02x} at byte offset {first_bad}, though other text in the "
            f"file is UTF-8 (mixed encodings, or damaged bytes); fix the bytes, or {_ENCODING_HINT}",
            where=f"byte {first_bad}",
        )


def _first_non_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def guess_legacy(data: bytes, path: str, lang: str | None = None) -> tuple[str, str]:
    """Decode bytes that are not UTF-8 as GB18030 or Big5 when that is certain; else InputError."""
    _utf8_evidence(data, path)
    bad = _first_non_utf8(data)
    if lang is not None and lang != "zh" and not lang.startswith("zh"):
        raise InputError(
            path,
            f"not UTF-8 (byte 0x{data[bad]:02x} at byte offset {bad}); {lang} text is never guessed as a Chinese "
            f"encoding — if the file is Windows-1252 or Latin-1, give --encoding cp1252 (or the right encoding)",
            where=f"byte {bad}",
        )
    decodable: dict[str, str] = {}
    for enc in ("gb18030", "big5", "big5hkscs"):
        if enc == "big5hkscs" and "big5" in decodable:
            continue
        try:
            decodable[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if not decodable:
        raise InputError(
            path,
            f"cannot decode: byte 0x{data[bad]:02x} at byte offset {bad} is not valid UTF-8, and the file is not "
            f"GB18030 or Big5 either; {_ENCODING_HINT}",
            where=f"byte {bad}",
        )
    for enc, text in list(decodable.items()):
        runs = _NON_ASCII_RUN.findall(text)
        flanked = len(_LATIN_FLANKED.findall(text))
        if flanked and flanked * 5 >= len(runs):
            del decodable[enc]
            if not decodable:
                raise InputError(
                    path,
                    f"not UTF-8 (byte 0x{data[bad]:02x} at byte offset {bad}), and reading it as {enc.upper()} puts "
                    f"Chinese characters inside Latin words ({_preview(text)!r}): this looks like Western text — "
                    f"give --encoding cp1252 (or the right encoding)",
                    where=f"byte {bad}",
                )
    per_line = {enc: _line_counts(text) for enc, text in decodable.items()}
    flags = {enc: whole for enc, (_, whole) in per_line.items()}
    if len(decodable) == 1:
        enc, text = next(iter(decodable.items()))
        if _single_log_ratio(flags[enc]) < math.log(CERTAIN_SINGLE):
            raise InputError(
                path,
                f"cannot tell the encoding for certain: read as {enc.upper()} it gives {_preview(text)!r}, "
                f"too short or too unusual to be sure; {_ENCODING_HINT}",
            )
        for n, counts in enumerate(per_line[enc][0], 1):  # one line in another encoding: mixed
            if _single_log_ratio(counts) < -math.log(CERTAIN_SINGLE):
                line = text.split("\n")[n - 1]
                raise InputError(
                    path,
                    f"mixed encodings: the file reads as {enc.upper()} but line {n} then gives "
                    f"{_preview(line)!r}; convert the file to one encoding (UTF-8) first",
                    where=f"{n}:1",
                )
        return text, enc
    gb, b5 = decodable["gb18030"], decodable.get("big5", decodable.get("big5hkscs", ""))
    b5_name = "big5" if "big5" in decodable else "big5hkscs"
    llr = _pair_log_ratio(flags["gb18030"], flags[b5_name])
    if abs(llr) < math.log(CERTAIN_PAIR):
        raise InputError(
            path,
            f"cannot tell the encoding for certain: GB18030 gives {_preview(gb)!r} and Big5 gives {_preview(b5)!r}; "
            f"give it with --encoding gb18030 or --encoding big5",
        )
    _check_mixed_lines(per_line["gb18030"][0], per_line[b5_name][0], path)
    return (gb, "gb18030") if llr > 0 else (b5, b5_name)


def _check_mixed_lines(gb_lines: list[tuple[int, int]], b5_lines: list[tuple[int, int]], path: str) -> None:
    """A file whose lines are certainly GB18030 in one place and certainly Big5 in another is an error."""
    verdicts: dict[str, int] = {}
    for n, (gb, b5) in enumerate(zip(gb_lines, b5_lines, strict=True), 1):
        llr = _pair_log_ratio(gb, b5)
        if abs(llr) >= math.log(CERTAIN_PAIR):
            verdicts.setdefault("gb18030" if llr > 0 else "big5", n)
    if len(verdicts) == 2:
        raise InputError(
            path,
            f"mixed encodings: line {verdicts['gb18030']} reads as GB18030 and line {verdicts['big5']} as Big5; "
            "convert the file to one encoding (UTF-8) first",
            where=f"{max(verdicts.values())}:1",
        )
