"""Export units as TMX: one two-language file per pair (Trados reads one pair a file), or one
multilingual file on request; streaming, atomic and deterministic.

The units may be a generator over millions: each is read once and rendered; the rendered TUs wait
on a temporary spool file beside the output (marshal batches, deleted afterwards) while the
duplicate plan is made from digests (:mod:`zhcorpus.tmx.dedup`), and are then written. With
``duplicates="keep"`` and ``conflicts="all"`` nothing needs planning and TUs are written at once.
Nothing is dropped silently: every unit not written is counted by reason.
"""

from __future__ import annotations

import contextlib
import marshal
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..model import Unit
from .dedup import DedupIndex, Plan
from .langs import DEFAULT_PAIRS, Lang, lang, pair_name
from .records import TuRecord, record_of, unit_props, unit_segs
from .srx import omegat_splits
from .text import ILLEGAL_XML, LONG_SEGMENT, tmx_date
from .writer import TmxWriter, WriteStats, open_output, plain_text, prepare, tu_xml

FILE_PREFIX = "zhcorpus"


@dataclass
class TmxReport:
    """What one exported file holds and what was left out, by reason."""

    path: Path
    langs: list[str]
    written: int = 0
    merged: int = 0  # identical TUs merged into the first (x-count)
    conflicts: int = 0  # sources with more than one translation
    conflict_units: int = 0
    dropped_conflicts: int = 0  # TUs dropped by the conflict policy
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> units
    illegal_removed: int = 0  # XML-illegal characters removed
    units_with_illegal: int = 0
    long_segments: int = 0
    omegat_split: int = 0  # written TUs whose Chinese source OmegaT's default rules split (no exact match)
    conflict_examples: list[str] = field(default_factory=list)  # tuids
    renamed_tuids: int = 0  # tuids met again in a merge, written with a ~2, ~3 … suffix

    def summary(self) -> str:
        """One line for people."""
        parts = [f"{self.path.name}: {self.written} TUs"]
        if self.merged:
            parts.append(f"{self.merged} identical merged")
        if self.conflicts:
            parts.append(f"{self.conflicts} sources with several translations"
                         + (f" ({self.dropped_conflicts} TUs dropped)" if self.dropped_conflicts else ""))
        for reason, n in sorted(self.skipped.items()):
            parts.append(f"{n} {reason}")
        if self.illegal_removed:
            parts.append(f"{self.illegal_removed} illegal characters removed")
        if self.long_segments:
            parts.append(f"{self.long_segments} over-long segments flagged")
        if self.renamed_tuids:
            parts.append(f"{self.renamed_tuids} repeated tuids renamed with a ~N suffix")
        if self.omegat_split:
            parts.append(f"{self.omegat_split} with a source OmegaT splits into several sentences")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}


class TmxExport(dict[str, Path]):
    """The files written, by pair name (``zh-CN_en-US``), with a :class:`TmxReport` for each."""

    def __init__(self) -> None:
        super().__init__()
        self.reports: dict[str, TmxReport] = {}


@dataclass
class _Target:
    name: str
    langs: list[Lang]
    path: Path
    index: DedupIndex = field(default_factory=lambda: DedupIndex(scores=False))
    skipped: Counter = field(default_factory=Counter)
    stats: WriteStats = field(default_factory=WriteStats)
    plan: Plan | None = None
    writer: TmxWriter | None = None
    n: int = 0  # TUs read back from the spool
    omegat_split: int = 0  # written TUs whose source OmegaT splits
    splits: bytearray = field(default_factory=bytearray)  # per TU: does OmegaT split its source


def _targets(out_dir: Path, codes: str, pairs: Sequence[tuple[str, str]], multilingual: bool,
             gz: bool) -> list[_Target]:
    ext = ".tmx.gz" if gz else ".tmx"
    resolved = [(lang(s, codes), lang(t, codes)) for s, t in pairs]
    if not resolved:
        raise ValueError("no language pairs to export")
    for s, t in resolved:
        if s.code == t.code:
            raise ValueError(f"a pair needs two languages, got {s.code} twice")
    if multilingual:
        langs: list[Lang] = []
        for s, t in resolved:
            for lg in (s, t):
                if lg not in langs:
                    langs.append(lg)
        return [_Target("multilingual", langs, out_dir / f"{FILE_PREFIX}_multilingual{ext}")]
    seen: set[str] = set()
    out = []
    for s, t in resolved:
        name = pair_name(s, t)
        if name not in seen:
            seen.add(name)
            out.append(_Target(name, [s, t], out_dir / f"{FILE_PREFIX}_{name}{ext}"))
    return out


_BATCH = 1024  # TUs per spool record
_REMEMBER = 100_000  # distinct TUs per file whose repeats are known (~90 bytes each): repeats are not rendered


class _Spool:
    """Rendered TUs ``(target, tuid, xml)`` kept on a temporary file until the plan is made."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._batch: list[tuple[int, str | None, str]] = []

    def add(self, target: int, tuid: str | None, xml: str) -> None:
        self._batch.append((target, tuid, xml))
        if len(self._batch) >= _BATCH:
            marshal.dump(self._batch, self._fh)
            self._batch = []

    def __iter__(self) -> Iterator[tuple[int, str | None, str]]:
        if self._batch:
            marshal.dump(self._batch, self._fh)
            self._batch = []
        self._fh.seek(0)
        while True:
            try:
                batch = marshal.load(self._fh)
            except EOFError:
                return
            yield from batch


def _with_count(xml: str, count: int) -> str:
    """*xml* of a TU with ``<prop type="x-count">`` after its other props."""
    if count <= 1:
        return xml
    at = xml.index("\n  <tuv ")
    return f'{xml[:at]}\n  <prop type="x-count">{count}</prop>{xml[at:]}'


def _dedup_key(segs: Sequence[tuple[str, str]]) -> tuple[str, list[str]]:
    """A TU's key in the dedup index, from its (tag, text) segments: the source text, and the
    others each prefixed with its tag."""
    return segs[0][1], [f"{tag}\x01{text}" for tag, text in segs[1:]]


def export_tmx(units: Iterable[Unit], out_dir: Path, *, codes: str = "region",
               pairs: Sequence[tuple[str, str]] = DEFAULT_PAIRS, creation_date: str | None = None,
               gzip: bool = False, multilingual: bool = False, duplicates: str = "merge",
               conflicts: str = "all", scripts: Mapping[str, str] | None = None,
               signature: str | None = None) -> TmxExport:
    """Write the TMX files for *units* into *out_dir*; returns the paths and a report for each.

    *signature* (the build signature) goes into each header as ``<prop type="x-zhcorpus-signature">``.

    *codes* is the language-code profile (``region``: zh-CN/zh-TW/zh-HK; ``script``:
    zh-Hans/zh-Hant/zh-Hant-HK). *scripts* maps a document id to ``Hans``/``Hant``: a unit that has
    no variants yet fills the zh-CN (Hans) or zh-TW (Hant) side with its own text.
    *duplicates*/*conflicts* are the policies of :mod:`zhcorpus.tmx.dedup`.
    """
    out_dir = Path(out_dir)
    date = tmx_date(creation_date)
    targets = _targets(out_dir, codes, pairs, multilingual, gzip)
    scripts = scripts or {}
    one_pass = duplicates == "keep" and conflicts == "all"
    # with duplicates merged, a TU identical to an earlier one is never written: only its place is spooled
    remember = _REMEMBER if duplicates == "merge" else 0
    for tg in targets:
        tg.index = DedupIndex(scores=conflicts == "best-score", remember=remember)
    result = TmxExport()
    out_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        spool = None if one_pass else _Spool(stack.enter_context(tempfile.TemporaryFile(dir=out_dir)))
        if one_pass:
            _open_writers(stack, targets, date, gzip, signature)
        for unit in units:
            script = scripts.get(unit.doc_id)
            shared = _Shared(unit)
            for t, tg in enumerate(targets):
                if spool is not None and shared.clean:
                    # nothing to remove from this TU's strings: its segments, as they are, are its key,
                    # and a repeat is counted (its only mark on the stats: a long segment) but not prepared
                    present = unit_segs(unit, tg.langs, script)
                    if isinstance(present, str):
                        tg.skipped[present] += 1
                        continue
                    if tg.index.add(*_dedup_key([(lg.tag, x) for lg, x in present]), float(unit.score)):
                        tg.stats.long_segments += any(len(x) > LONG_SEGMENT for _, x in present)
                        tg.splits.append(False)
                        spool.add(t, None, "")  # merged into the earlier identical TU's x-count
                        continue
                    rec = _record(unit, tg, shared, present)
                    assert rec is not None, "a TU with nothing to remove was dropped as empty"
                else:
                    rec = _prepared(unit, tg, script, shared)
                    if rec is None:
                        continue
                    if tg.index.add(*_dedup_key(rec.segs), rec.score) and spool is not None:
                        tg.splits.append(False)
                        spool.add(t, None, "")
                        continue
                split = tg.langs[0].chinese and shared.splits(rec.segs[0][1])
                xml = tu_xml(rec)
                if spool is None:
                    assert tg.writer is not None
                    tg.writer.write_xml(xml)
                    tg.omegat_split += split
                else:
                    tg.splits.append(split)
                    spool.add(t, rec.tuid, xml)
        for tg in targets:
            tg.plan = tg.index.plan(duplicates, conflicts)
            tg.index = DedupIndex(scores=False)  # the digests are no longer needed
        if spool is not None:
            _open_writers(stack, targets, date, gzip, signature)
            examples = [set(tg.plan.examples) if tg.plan else set() for tg in targets]
            for t, tuid, xml in spool:
                tg = targets[t]
                i = tg.n
                tg.n += 1
                assert tg.plan is not None and tg.writer is not None
                if i in examples[t]:
                    result.reports.setdefault(tg.name, _report(tg)).conflict_examples.append(tuid or "")
                if tg.plan.write(i):
                    assert xml, "a TU merged into an earlier one was planned to be written"
                    tg.writer.write_xml(_with_count(xml, int(tg.plan.count[i])))
                    tg.omegat_split += tg.splits[i]
        for tg in targets:
            assert tg.writer is not None and tg.plan is not None
            rep = result.reports.setdefault(tg.name, _report(tg))
            rep.written = tg.writer.stats.written
            rep.merged = tg.plan.merged
            rep.conflicts = tg.plan.conflicts
            rep.conflict_units = tg.plan.conflict_units
            rep.dropped_conflicts = tg.plan.dropped
            rep.skipped = dict(sorted(tg.skipped.items()))
            if tg.stats.skipped_empty:
                rep.skipped["empty"] = tg.stats.skipped_empty
            rep.illegal_removed = tg.stats.illegal_removed
            rep.units_with_illegal = tg.stats.units_with_illegal
            rep.long_segments = tg.stats.long_segments
            rep.omegat_split = tg.omegat_split
            result[tg.name] = tg.path
    return result


def _report(tg: _Target) -> TmxReport:
    return TmxReport(path=tg.path, langs=[lg.tag for lg in tg.langs])


class _Shared:
    """What the TUs of one unit in the several files share: its common props, whether they (and
    its id) need nothing removed or escaped, and whether no string of any of its TUs has anything
    to remove (``clean``: its texts too; checked once, not once per file)."""

    __slots__ = ("_split", "clean", "plain", "props")

    def __init__(self, unit: Unit) -> None:
        self.props = unit_props(unit)
        self.plain = plain_text(" ".join([unit.id, *(x for p in self.props for x in p)]))
        try:
            self.clean = self.plain and not ILLEGAL_XML.search(" ".join([unit.zh, unit.en, *unit.variants.values()]))
        except TypeError:  # a text that is not a string: the TUs take the checked way
            self.clean = False
        self._split: dict[str, bool] = {}

    def splits(self, source: str) -> bool:
        """:func:`.srx.omegat_splits` of a Chinese source (two files share the zh-CN one)."""
        known = self._split.get(source)
        if known is None:
            known = self._split[source] = omegat_splits(source)
        return known


def _prepared(unit: Unit, tg: _Target, script: str | None, shared: _Shared) -> TuRecord | None:
    present = unit_segs(unit, tg.langs, script)
    if isinstance(present, str):
        tg.skipped[present] += 1
        return None
    return _record(unit, tg, shared, present)


def _record(unit: Unit, tg: _Target, shared: _Shared, present: list[tuple[Lang, str]]) -> TuRecord | None:
    """The prepared TU of *unit* with the segments *present* (None: a segment became empty)."""
    rec = record_of(unit, present, shared.props)
    plain = shared.plain and plain_text(" ".join([*(x for seg in rec.segs for x in seg),
                                                  *(x for p in rec.props[len(shared.props):] for x in p)]))
    return prepare(rec, tg.stats, plain)


SIGNATURE_PROP = "x-zhcorpus-signature"


def _open_writers(stack: contextlib.ExitStack, targets: list[_Target], date: str | None, gz: bool,
                  signature: str | None = None) -> None:
    props = [(SIGNATURE_PROP, signature)] if signature else None
    for tg in targets:
        fh = stack.enter_context(open_output(tg.path, gz=gz))
        tg.writer = stack.enter_context(TmxWriter(fh, srclang=tg.langs[0].tag, creation_date=date,
                                                  header_props=props))


def export_tmx_pairs(units: Iterable[Unit], out_dir: Path, *, codes: str = "region",
                     pairs: Sequence[tuple[str, str]] = DEFAULT_PAIRS, creation_date: str | None = None,
                     gzip: bool = False, scripts: Mapping[str, str] | None = None,
                     signature: str | None = None) -> TmxExport:
    """One two-language TMX per pair in *out_dir* (the build's call); see :func:`export_tmx`."""
    return export_tmx(units, out_dir, codes=codes, pairs=pairs, creation_date=creation_date,
                      gzip=gzip, scripts=scripts, signature=signature)
