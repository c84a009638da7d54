"""``corpus tmx import``: a TMX file as the project's units JSONL (or raw TU records).

The project's own TMX gives every unit back with its metadata (see :mod:`zhcorpus.tmx.records`);
any other TMX gives one unit per TU with its Chinese and English segments. Inline codes are kept
in the raw format (``--format raw``) and flagged ``inline-tags`` on units.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..atomic import atomic_write
from ..jsonl import dumps
from ..model import Unit
from .reader import TmxReader, TmxUnit
from .records import record_to_unit

FORMATS = ("units", "raw")
INLINE_FLAG = "inline-tags"


@dataclass
class ImportReport:
    """What an import read and wrote."""

    path: Path
    tus: int = 0
    written: int = 0
    with_inline: int = 0
    no_chinese: int = 0
    no_english: int = 0

    def summary(self) -> str:
        """One line for people."""
        extra = [f"{n} {what}" for n, what in ((self.with_inline, "with inline tags"),
                                               (self.no_chinese, "without Chinese"),
                                               (self.no_english, "without English")) if n]
        return f"{self.path}: {self.tus} TUs read, {self.written} written" + (f" ({', '.join(extra)})" if extra else "")


def tmx_unit_to_unit(tu: TmxUnit, zh: str | None = None) -> Unit:
    """The :class:`~zhcorpus.model.Unit` a TU stands for; *zh* picks the Chinese tag when a TU has
    several (default: the first Chinese segment)."""
    segs = tu.segs
    if zh is not None:
        tag = tu.tag_for(zh)
        if tag is not None:
            segs = {tag: segs[tag], **{t: x for t, x in segs.items() if t != tag}}
    unit = record_to_unit(tu.tuid, segs, tu.props)
    if tu.inline and INLINE_FLAG not in unit.flags:
        unit.flags.append(INLINE_FLAG)
    return unit


def units_from_tmx(path: str | Path, zh: str | None = None) -> Iterator[Unit]:
    """The units of the TMX file at *path*, one at a time."""
    for tu in TmxReader(path):
        yield tmx_unit_to_unit(tu, zh)


def import_tmx(path: str | Path, out: str | Path | IO[str], *, fmt: str = "units",
               zh: str | None = None) -> ImportReport:
    """Write the TMX file at *path* as JSONL to *out* (a path, written atomically, or a text
    stream): ``units`` (``Unit.to_dict`` per line) or ``raw`` (every TU field, inline codes too)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    rep = ImportReport(path=Path(path))
    with contextlib.ExitStack() as stack:
        fh = out if hasattr(out, "write") else stack.enter_context(atomic_write(out))  # type: ignore[arg-type]
        for tu in TmxReader(path):
            rep.tus += 1
            if tu.inline:
                rep.with_inline += 1
            if fmt == "raw":
                fh.write(dumps(tu.to_dict()))
            else:
                unit = tmx_unit_to_unit(tu, zh)
                rep.no_chinese += not unit.zh
                rep.no_english += not unit.en
                fh.write(dumps(unit.to_dict()))
            fh.write("\n")
            rep.written += 1
    return rep
