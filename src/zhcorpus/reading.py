"""Read a text file in UTF-8 (with or without BOM), UTF-16 (with BOM), GB18030 or Big5.

The encoding is detected, or given (``--encoding``); the text is returned NFC-normalised with LF
line ends. Anything that is not text (undecodable bytes, a binary file, NUL or control
characters) is an :class:`~zhcorpus.errors.InputError` that names the file and the byte offset
or line:col. A legacy-encoding guess is accepted only when it is certain (see
:mod:`zhcorpus.encoding_guess`); otherwise the error names ``--encoding`` — never mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .encoding_guess import guess_legacy
from .errors import InputError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# C0/C1 controls other than TAB, LF, CR (and the BOM handled separately) are never text.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
NUL = b"\x00"


@dataclass
class Decoded:
    """A decoded file: its text, the encoding used and what normalisation changed."""

    text: str
    encoding: str
    had_bom: bool
    crlf: int  # CR/LF line ends converted to LF
    nfc_changed: int  # characters changed by NFC normalisation


def check_encoding_name(name: str, path: str | Path | None = None) -> str:
    """The canonical codec name for *name* (``--encoding``), or an InputError."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(path, f"unknown encoding {name!r} (try utf-8, gb18030, big5, cp1252)") from None


def _is_control(ch: str) -> bool:
    return ch not in _ALLOWED_CONTROLS and (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0)


# the characters _is_control accepts, as one regular-expression class (a search in C, not a loop)
_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0xA0) if _is_control(chr(c))) + "]")


def _line_col(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"{line}:{col}"


def _decode_given(data: bytes, encoding: str, path: str) -> str:
    """Decode with the encoding the user named; a bad byte is an error at its offset."""
    enc = check_encoding_name(encoding, path)
    if enc.startswith("utf-16") and data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        enc = "utf-16"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode as {encoding} (given with --encoding): byte 0x{data[exc.start]:02x} "
                         f"at byte offset {exc.start} is invalid", where=f"byte {exc.start}") from None
    return text.lstrip("\ufeff") if enc in ("utf-8", "utf-8-sig", "utf-16") else text


def decode_bytes(data: bytes, path: str | Path = "<input>", *, encoding: str | None = None,
                 lang: str | None = None) -> Decoded:
    """Decode *data* (detected, or *encoding* when given); raise InputError naming *path* on failure.

    *lang* (``"en"``) tells the guesser the text is English: it is then never decoded as a CJK
    encoding.
    """
    path = str(path)
    if not data:
        raise InputError(path, "empty file: nothing to read")
    had_bom = False
    if encoding is not None:
        had_bom = any(data.startswith(b) for b, _ in _BOMS)
        text = _decode_given(data, encoding, path)
        encoding = check_encoding_name(encoding, path)
    else:
        for bom, enc in _BOMS:
            if data.startswith(bom):
                encoding, had_bom = enc, True
                break
        if encoding is None and NUL in data:
            raise InputError(
                path,
                "binary file: contains NUL bytes (UTF-16 text needs a byte-order mark, or give --encoding utf-16-le)",
                where=f"byte {data.index(NUL)}",
            )
        if encoding is not None:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"cannot decode as {encoding}: invalid bytes at byte offset {exc.start}",
                    where=f"byte {exc.start}",
                ) from None
        else:
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, encoding = guess_legacy(data, path, lang)
        if encoding == "utf-16":
            encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        text = text.lstrip("\ufeff") if had_bom else text
    bad = _CONTROL.search(text)
    if bad is not None:
        i, ch = bad.start(), bad.group()
        name = "NUL" if ch == "\x00" else f"control character U+{ord(ch):04X}"
        raise InputError(path, f"{name} in text", where=_line_col(text, i))
    crlf = text.count("\r\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nfc = unicodedata.normalize("NFC", text)
    changed = 0 if nfc == text else sum(1 for a, b in zip(text, nfc, strict=False) if a != b) + abs(len(text) - len(nfc))
    if not nfc.strip():
        raise InputError(path, "file holds only whitespace: nothing to read")
    return Decoded(text=nfc, encoding=encoding, had_bom=had_bom, crlf=crlf, nfc_changed=changed)


def open_input(path: str | Path) -> IO[bytes]:
    """*path* opened for reading bytes, or an InputError naming it (the one way every command opens
    an input file: the same message for a missing file, a folder or an unreadable one)."""
    p = Path(path)
    try:
        return open(p, "rb")  # noqa: SIM115 - the caller closes it
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, or an InputError naming it (see :func:`open_input`)."""
    with open_input(path) as fh:
        try:
            return fh.read()
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def read_text(path: str | Path, *, encoding: str | None = None, lang: str | None = None) -> Decoded:
    """Read and decode a file (see :func:`decode_bytes`)."""
    return decode_bytes(read_bytes(path), Path(path), encoding=encoding, lang=lang)
