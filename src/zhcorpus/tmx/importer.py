"""``corpus tmx import``: a TMX file as the project's units JSONL (or raw TU records).

The project's own TMX gives every unit back with its metadata (see :mod:`zhcorpus.tmx.records`);
any other TMX gives one unit per TU with its Chinese and English segments. Inline codes are kept
in the raw format (``--format raw``) and flagged ``inline-tags`` on units.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from hashlib import blake2b
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
    renamed: int = 0  # units whose tuid was missing or used before: given a unique id

    def summary(self) -> str:
        """One line for people."""
        extra = [f"{n} {what}" for n, what in ((self.with_inline, "with inline tags"),
                                               (self.no_chinese, "without Chinese"),
                                               (self.no_english, "without English")) if n]
        if self.renamed:
            extra.append(f"warning: {self.renamed} TUs with a missing or repeated tuid got a unique unit id "
                         f"(tuid~2, tuid~3… or tuN by position)")
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


class _UniqueIds:
    """Unit ids made unique as they stream by (a repeated tuid becomes ``tuid~2``…), in bounded memory:
    8-byte digests of the ids seen, not the ids."""

    def __init__(self) -> None:
        self._seen: set[int] = set()

    def _digest(self, uid: str) -> int:
        return int.from_bytes(blake2b(uid.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")

    def unique(self, uid: str) -> str:
        """*uid*, or *uid* with the first free ``~N`` suffix; recorded as seen."""
        candidate, n = uid, 1
        while self._digest(candidate) in self._seen:
            n += 1
            candidate = f"{uid}~{n}"
        self._seen.add(self._digest(candidate))
        return candidate


def import_tmx(path: str | Path, out: str | Path | IO[str], *, fmt: str = "units",
               zh: str | None = None) -> ImportReport:
    """Write the TMX file at *path* as JSONL to *out* (a path, written atomically, or a text
    stream): ``units`` (``Unit.to_dict`` per line) or ``raw`` (every TU field, inline codes too)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    rep = ImportReport(path=Path(path))
    ids = _UniqueIds()
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
                unique = ids.unique(unit.id or f"tu{rep.tus}")
                if unique != unit.id:
                    rep.renamed += 1
                    unit.zh_ids = [unique + i[len(unit.id):] if i.startswith(f"{unit.id}/") else i for i in unit.zh_ids]
                    unit.en_ids = [unique + i[len(unit.id):] if i.startswith(f"{unit.id}/") else i for i in unit.en_ids]
                    unit.id = unique
                rep.no_chinese += not unit.zh
                rep.no_english += not unit.en
                fh.write(dumps(unit.to_dict()))
            fh.write("\n")
            rep.written += 1
    return rep
