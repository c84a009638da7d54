"""Streaming TMX 1.4b writer: one ``<tu>`` at a time, never the whole document in memory.

The header is complete (creationtool, creationtoolversion, segtype="sentence", o-tmf, adminlang,
srclang, datatype="plaintext", creationdate when one is known); segments are written exactly as
given, never pretty-printed; characters XML 1.0 cannot carry are removed and counted; segments
over :data:`~zhcorpus.tmx.text.LONG_SEGMENT` characters get ``<prop type="x-warning">``.
"""

from __future__ import annotations

import contextlib
import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .. import __version__
from ..atomic import atomic_write
from .inline import text_to_seg_xml
from .records import TuRecord
from .text import ILLEGAL_XML, LONG_SEGMENT, escape_attr, escape_text, strip_illegal

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
CREATION_TOOL = "zhcorpus"
O_TMF = "zhcorpus"


@dataclass
class WriteStats:
    """What a writer did besides writing: characters removed, long segments, records skipped."""

    written: int = 0
    illegal_removed: int = 0  # characters removed in total
    units_with_illegal: int = 0
    long_segments: int = 0
    skipped_empty: int = 0  # records with a segment that was empty (or became empty)


# what needs removing (ILLEGAL_XML) or escaping; a record with none of it is written as it is
_SPECIAL = re.compile(ILLEGAL_XML.pattern[:-1] + '&<>\r"\t\n]')


def plain_text(text: str) -> bool:
    """Whether *text* has no character that needs removing or escaping (see :func:`prepare`)."""
    return _SPECIAL.search(text) is None


def prepare(rec: TuRecord, stats: WriteStats, plain: bool = False) -> TuRecord | None:
    """*rec* with illegal characters removed (counted in *stats*) and warnings added; ``None``
    when a segment is empty, so the record must not be written. *plain*: the caller has checked
    every string of *rec* with :func:`plain_text` already (an exporter writing a unit to several
    files checks its shared strings once)."""
    if plain:
        return _kept(rec, stats, True)
    every = " ".join([rec.tuid or "", *(x for seg in rec.segs for x in seg), *(x for p in rec.props for x in p),
                      *rec.notes, *(x for plist in rec.tuv_props.values() for p in plist for x in p)])
    if not _SPECIAL.search(every) or not ILLEGAL_XML.search(every):  # the common case: nothing to remove
        return _kept(rec, stats, _SPECIAL.search(every) is None)
    tuid, removed = strip_illegal(rec.tuid) if rec.tuid is not None else (None, 0)
    segs = []
    for tag, text in rec.segs:
        clean, n = strip_illegal(text)
        removed += n
        if not clean:
            stats.skipped_empty += 1
            return None
        segs.append((tag, clean))
    props = []
    for ptype, value in rec.props:
        clean, n = strip_illegal(value)
        removed += n
        props.append((ptype, clean))
    notes = []
    for note in rec.notes:
        clean, n = strip_illegal(note)
        removed += n
        notes.append(clean)
    tuv_props = {}
    for tag, plist in rec.tuv_props.items():
        tuv_props[tag] = []
        for ptype, value in plist:
            clean, n = strip_illegal(value)
            removed += n
            tuv_props[tag].append((ptype, clean))
    if removed:
        stats.illegal_removed += removed
        stats.units_with_illegal += 1
        props.append(("x-warning", "illegal-characters-removed"))
    if any(len(t) > LONG_SEGMENT for _, t in segs):
        stats.long_segments += 1
        props.append(("x-warning", "long-segment"))
    return TuRecord(tuid=tuid, segs=segs, props=props, notes=notes, score=rec.score, inline=rec.inline,
                    tuv_props=tuv_props, weight=rec.weight)


def _kept(rec: TuRecord, stats: WriteStats, plain: bool) -> TuRecord | None:
    """:func:`prepare` of a record with nothing to remove."""
    if not all(t for _, t in rec.segs):
        stats.skipped_empty += 1
        return None
    props = rec.props
    if any(len(t) > LONG_SEGMENT for _, t in rec.segs):
        stats.long_segments += 1
        props = [*props, ("x-warning", "long-segment")]
    return TuRecord(tuid=rec.tuid, segs=rec.segs, props=props, notes=rec.notes, score=rec.score,
                    inline=rec.inline, tuv_props=rec.tuv_props, weight=rec.weight, plain=plain)


def tu_xml(rec: TuRecord) -> str:
    """The ``<tu>`` of *rec* as XML text: one element a line, segments exactly as given."""
    if rec.plain and not rec.notes and not rec.inline and not rec.tuv_props and rec.tuid is not None:
        # the common case: nothing to escape (see prepare), so no escape call per string
        props = "".join([f'\n  <prop type="{t}">{v}</prop>' for t, v in rec.props])
        tuvs = "".join([f'\n  <tuv xml:lang="{t}"><seg>{x}</seg></tuv>' for t, x in rec.segs])
        return f'<tu tuid="{rec.tuid}">{props}{tuvs}\n</tu>\n'
    parts = [f'<tu tuid="{escape_attr(rec.tuid)}">' if rec.tuid is not None else "<tu>"]
    for note in rec.notes:
        parts.append(f"\n  <note>{escape_text(note)}</note>")
    for ptype, value in rec.props:
        parts.append(f'\n  <prop type="{escape_attr(ptype)}">{escape_text(value)}</prop>')
    for tag, text in rec.segs:
        parts.append(f'\n  <tuv xml:lang="{escape_attr(tag)}">')
        for ptype, value in rec.tuv_props.get(tag, ()):
            parts.append(f'<prop type="{escape_attr(ptype)}">{escape_text(value)}</prop>')
        if tag in rec.inline:
            parts.append(text_to_seg_xml(text, rec.inline[tag]))
        else:
            parts.append(f"<seg>{escape_text(text)}</seg>")
        parts.append("</tuv>")
    parts.append("\n</tu>\n")
    return "".join(parts)


class TmxWriter:
    """Write a TMX document to a binary stream, one record at a time (bounded memory).

    Use as a context manager: entering writes the declaration and header, leaving closes the body.
    TUs are serialized directly (twice as fast as building lxml elements, which matters at
    millions of units); the round-trip and DTD tests hold the output to the same standard.
    """

    FLUSH_AT = 1 << 20  # characters buffered before a write

    def __init__(self, fh: IO[bytes], *, srclang: str, creation_date: str | None = None,
                 adminlang: str = "en-US", header_props: list[tuple[str, str]] | None = None,
                 creationtool: str = CREATION_TOOL, creationtoolversion: str = __version__,
                 o_tmf: str = O_TMF) -> None:
        self._fh = fh
        self._buf: list[str] = []
        self._size = 0
        self._open = False
        self.stats = WriteStats()
        self._header = {
            "creationtool": creationtool,
            "creationtoolversion": creationtoolversion,
            "segtype": "sentence",
            "o-tmf": o_tmf,
            "adminlang": adminlang,
            "srclang": srclang,
            "datatype": "plaintext",
        }
        if creation_date:
            self._header["creationdate"] = creation_date
        self._header_props = list(header_props or [])

    def __enter__(self) -> TmxWriter:
        attrs = "".join(f' {k}="{escape_attr(v)}"' for k, v in self._header.items())
        head = [f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n<tmx version="1.4">\n<header{attrs}']
        if self._header_props:
            head.append(">")
            for ptype, value in self._header_props:
                head.append(f'\n  <prop type="{escape_attr(ptype)}">{escape_text(strip_illegal(value)[0])}</prop>')
            head.append("\n</header>\n")
        else:
            head.append("/>\n")
        head.append("<body>\n")
        self._fh.write("".join(head).encode("utf-8"))
        self._open = True
        return self

    def write(self, rec: TuRecord, *, prepared: bool = False) -> bool:
        """Write one TU; returns False (and counts it) when a segment is empty."""
        if not self._open:
            raise RuntimeError("use TmxWriter as a context manager")
        ready = rec if prepared else prepare(rec, self.stats)
        if ready is None:
            return False
        self.write_xml(tu_xml(ready))
        return True

    def write_xml(self, xml: str) -> None:
        """Write one TU already rendered by :func:`tu_xml`."""
        if not self._open:
            raise RuntimeError("use TmxWriter as a context manager")
        self._buf.append(xml)
        self._size += len(xml)
        if self._size >= self.FLUSH_AT:
            self._flush()
        self.stats.written += 1

    def _flush(self) -> None:
        self._fh.write("".join(self._buf).encode("utf-8"))
        self._buf.clear()
        self._size = 0

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None and self._open:
            self._flush()
            self._fh.write(b"</body>\n</tmx>\n")
        self._open = False


@contextlib.contextmanager
def open_output(path: Path, *, gz: bool | None = None) -> Iterator[IO[bytes]]:
    """A binary stream that lands atomically at *path*; gzip-compressed (deterministic header, no
    timestamp) when *gz* is true or the name ends in ``.gz``."""
    path = Path(path)
    if gz is None:
        gz = path.name.endswith(".gz")
    with atomic_write(path, "wb") as raw:
        if not gz:
            yield raw
            return
        inner = path.name[:-3] if path.name.endswith(".gz") else path.name
        with gzip.GzipFile(filename=inner, mode="wb", fileobj=raw, compresslevel=6, mtime=0) as zf:
            yield zf
