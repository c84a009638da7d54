"""Read a text file in UTF-8 (with or without BOM), UTF-16 (with BOM), GB18030 or Big5.

The encoding is detected; the text is returned NFC-normalised with LF line ends. Anything that
is not text (undecodable bytes, a binary file, NUL or control characters) is an
:class:`~zhcorpus.errors.InputError` that names the file and the byte offset or line:col.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from charset_normalizer import from_bytes

from .errors import InputError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Candidates for files without a BOM that are not valid UTF-8.
_LEGACY = ["gb18030", "big5", "big5hkscs"]
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


def _is_control(ch: str) -> bool:
    return ch not in _ALLOWED_CONTROLS and (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0)


def _line_col(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"{line}:{col}"


def _legacy_decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: GB18030 or Big5, chosen by charset-normalizer."""
    decodable = {}
    for enc in _LEGACY:
        try:
            decodable[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if not decodable:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                path,
                f"cannot decode: byte 0x{data[exc.start]:02x} at byte offset {exc.start} is not "
                "valid UTF-8, and the file is not GB18030 or Big5 either",
                where=f"byte {exc.start}",
            ) from None
    if len(decodable) == 1:
        enc, text = next(iter(decodable.items()))
        return text, enc
    best = from_bytes(data, cp_isolation=list(decodable)).best()
    enc = best.encoding if best is not None else "gb18030"
    enc = {"gb2312": "gb18030", "gbk": "gb18030", "cp950": "big5"}.get(enc, enc)
    if enc not in decodable:
        enc = next(iter(decodable))
    return decodable[enc], enc


def decode_bytes(data: bytes, path: str | Path = "<input>") -> Decoded:
    """Decode *data*, detecting the encoding; raise InputError naming *path* on failure."""
    path = str(path)
    if not data:
        raise InputError(path, "empty file: nothing to read")
    encoding = None
    had_bom = False
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding, had_bom = enc, True
            break
    if encoding is None and b"\x00" in data:
        raise InputError(
            path,
            "binary file: contains NUL bytes (UTF-16 text needs a byte-order mark)",
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
            text, encoding = _legacy_decode(data, path)
    if encoding == "utf-16":
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    text = text.lstrip("\ufeff") if had_bom else text
    for i, ch in enumerate(text):
        if _is_control(ch):
            name = "NUL" if ch == "\x00" else f"control character U+{ord(ch):04X}"
            raise InputError(path, f"{name} in text", where=_line_col(text, i))
    crlf = text.count("\r\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nfc = unicodedata.normalize("NFC", text)
    changed = sum(1 for a, b in zip(text, nfc, strict=False) if a != b) + abs(len(text) - len(nfc))
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


def read_text(path: str | Path) -> Decoded:
    """Read and decode a file (see :func:`decode_bytes`)."""
    return decode_bytes(read_bytes(path), Path(path))
