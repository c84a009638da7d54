"""``corpus tmx merge``: several TMX files into one, duplicates merged, conflicts reported.

Two passes over the inputs (which are files, so nothing is spooled): the first collects digests
and plans (:mod:`zhcorpus.tmx.dedup`), the second writes. Language tags are normalised
(``zh_cn`` -> ``zh-CN``); ``x-count`` props add up; a tuid met again is given a ``~2`` suffix.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from hashlib import blake2b
from pathlib import Path

import numpy as np

from ..errors import InputError
from .dedup import DedupIndex
from .export import TmxReport
from .langs import normalise_tag
from .reader import TmxReader, TmxUnit
from .records import TuRecord
from .text import tmx_date
from .writer import TmxWriter, WriteStats, open_output, prepare


def _digest(tuid: str) -> int:
    return int.from_bytes(blake2b(tuid.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def _records(paths: Sequence[Path], srclang: str, skipped: Counter,
             missing: list[tuple[Path, int | None, str]] | None = None) -> Iterator[TuRecord]:
    for path in paths:
        for tu in TmxReader(path):
            rec = _record(tu, srclang)
            if rec is None:
                skipped["no-source"] += 1
                if missing is not None and len(missing) < 3:
                    missing.append((path, tu.line, ", ".join(tu.segs) or "no segments"))
                continue
            yield rec


def _pair_of(path: Path) -> tuple[str, str]:
    """(source language, target languages) of a TMX file: its header's srclang and the other tags."""
    reader = TmxReader(path)
    others: set[str] = set()
    src = None
    for tu in reader:
        if src is None:
            src = normalise_tag(reader.header.get("srclang") or "")
        others.update(normalise_tag(t) for t in tu.segs)
    if src is None:
        src = normalise_tag(reader.header.get("srclang") or "")
    if not src or src.lower() == "*all*":
        raise InputError(path, "the header names no source language: give --srclang")
    return src, "+".join(sorted(others - {src})) or src


def merge_per_pair(inputs: Sequence[str | Path], out: str | Path, **kwargs: object) -> dict[Path, TmxReport]:
    """Merge files of each language pair into their own output (``OUT_<src>_<tgt>.tmx``): files
    holding zh-CN/en-US and zh-TW/en-US give two merged files, nothing dropped."""
    groups: dict[tuple[str, str], list[Path]] = {}
    for p in inputs:
        groups.setdefault(_pair_of(Path(p)), []).append(Path(p))
    out = Path(out)
    name = out.name
    stem, suffix = (name[: -len(".tmx.gz")], ".tmx.gz") if name.endswith(".tmx.gz") else (out.stem, out.suffix or ".tmx")
    reports: dict[Path, TmxReport] = {}
    for (src, tgt), paths in sorted(groups.items()):
        target = out.with_name(f"{stem}_{src}_{tgt}{suffix}")
        reports[target] = merge_tmx(paths, target, srclang=src, **kwargs)  # type: ignore[arg-type]
    return reports


def _record(tu: TmxUnit, srclang: str) -> TuRecord | None:
    src_tag = tu.tag_for(srclang)
    if src_tag is None:
        return None
    order = [src_tag, *[t for t in tu.segs if t != src_tag]]
    props: list[tuple[str, str]] = []
    weight = 1
    for ptype, values in tu.props.items():
        if ptype == "x-count":
            weight = sum(int(v) for v in values if v.strip().isdigit()) or 1
            continue
        if ptype == "x-warning":
            continue  # the writer sets these again
        props.extend((ptype, v) for v in values)
    score = next((float(v) for v in tu.props.get("x-score", []) if _is_float(v)), 0.0)
    return TuRecord(
        tuid=tu.tuid, segs=[(normalise_tag(t), tu.segs[t]) for t in order], props=props, notes=list(tu.notes),
        score=score, inline={normalise_tag(t): v for t, v in tu.inline.items()},
        tuv_props={normalise_tag(t): [(k, v) for k, vs in p.items() for v in vs] for t, p in tu.tuv_props.items()},
        weight=weight,
    )


def _is_float(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def merge_tmx(inputs: Sequence[str | Path], out: str | Path, *, srclang: str | None = None,
              duplicates: str = "merge", conflicts: str = "all", creation_date: str | None = None,
              gzip: bool | None = None) -> TmxReport:
    """Merge the TMX files *inputs* into *out* (atomically); *srclang* defaults to the first
    file's. Returns what was written, merged, dropped and skipped."""
    paths = [Path(p) for p in inputs]
    if not paths:
        raise ValueError("nothing to merge: give at least one TMX file")
    out = Path(out)
    if srclang is None:
        first = TmxReader(paths[0])
        for _ in first:
            break
        srclang = first.header.get("srclang")
        if not srclang or srclang.lower() == "*all*":
            raise InputError(paths[0], "the header names no source language: give --srclang")
    srclang = normalise_tag(srclang)
    date = tmx_date(creation_date)

    index = DedupIndex(scores=conflicts == "best-score")
    tuids = array("Q")
    stats = WriteStats()
    skipped: Counter = Counter()
    missing: list[tuple[Path, int | None, str]] = []
    for rec in _records(paths, srclang, skipped, missing):
        ready = prepare(rec, stats)
        if ready is None:
            continue
        index.add(ready.segs[0][1], [f"{t}\x01{x}" for t, x in ready.segs[1:]], ready.score, ready.weight)
        if ready.tuid is not None:
            tuids.append(_digest(ready.tuid))
    if skipped["no-source"]:  # refuse before anything is written: never drop units with exit 0
        path0, line0, _ = missing[0]
        examples = "; ".join(f"{p}:{n} has {tags}" for p, n, tags in missing)
        raise InputError(path0, f"{skipped['no-source']} TU(s) have no {srclang} segment and would be dropped "
                         f"(e.g. {examples}); the files hold different language pairs or another "
                         f"source language: merge files of one pair, give the right --srclang, or --per-pair "
                         f"to write one merged file per language pair; {out} was not written", where=f"{line0}:1")
    plan = index.plan(duplicates, conflicts)
    arr = np.sort(np.frombuffer(tuids, dtype=np.uint64)) if len(tuids) else np.zeros(0, np.uint64)
    clashing = {int(x) for x in np.unique(arr[1:][arr[1:] == arr[:-1]])} if len(arr) > 1 else set()

    report = TmxReport(path=out, langs=[srclang])
    stats = WriteStats()
    skipped = Counter()
    seen_clash: Counter = Counter()
    examples = set(plan.examples)
    langs: list[str] = [srclang]
    with open_output(out, gz=gzip) as fh, TmxWriter(fh, srclang=srclang, creation_date=date) as writer:
        i = -1
        for rec in _records(paths, srclang, skipped):
            ready = prepare(rec, stats)
            if ready is None:
                continue
            i += 1
            if i in examples:
                report.conflict_examples.append(ready.tuid or "")
            if not plan.write(i):
                continue
            if ready.tuid is not None and _digest(ready.tuid) in clashing:
                seen_clash[ready.tuid] += 1
                if seen_clash[ready.tuid] > 1:
                    ready.tuid = f"{ready.tuid}~{seen_clash[ready.tuid]}"
                    report.renamed_tuids += 1
            if plan.count[i] > 1:
                ready.props.append(("x-count", str(int(plan.count[i]))))
            for tag, _ in ready.segs:
                if tag not in langs:
                    langs.append(tag)
            writer.write(ready, prepared=True)
    report.langs = langs
    report.written = writer.stats.written
    report.merged = plan.merged
    report.conflicts = plan.conflicts
    report.conflict_units = plan.conflict_units
    report.dropped_conflicts = plan.dropped
    report.skipped = dict(sorted(skipped.items()))
    if stats.skipped_empty:
        report.skipped["empty"] = stats.skipped_empty
    report.illegal_removed = stats.illegal_removed
    report.units_with_illegal = stats.units_with_illegal
    report.long_segments = stats.long_segments
    return report
