"""Export the corpus as a Hugging Face dataset folder: Parquet shards per subset and split, plus
a dataset card whose YAML maps each subset to its files, so ``load_dataset(folder, subset)``
works offline with no loading script.

Everything is built in a staging folder first; only when every file is ready are they moved into
place (card last) and shards of an earlier export that are no longer listed removed, so a
failure leaves the earlier export intact.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pyarrow as pa
import pyarrow.parquet as pq

from ..atomic import atomic_write_text
from ..errors import InputError
from ..glossary import Glossary
from ..model import Document, EditLog, Unit
from .card import BuildInfo, render_card
from .features import (
    CONFIG_NAMES,
    DOCUMENTS_CONFIG,
    GLOSSARY_CONFIG,
    SPLITS,
    TRANSLATION_CONFIGS,
    TranslationConfig,
    document_features,
    features_for,
    glossary_features,
    translation_features,
)
from .gcpause import gc_paused
from .parquet import columns_table, parquet_writer, shard_name, to_table
from .result import HfExportResult, SubsetInfo
from .rows import (
    DocumentGroup,
    TranslationColumns,
    document_row,
    glossary_rows,
    group_documents,
    id_sort_key,
    shared_columns,
    translation_columns,
    unit_sort_key,
)
from .splits import assign_splits, duplicate_texts
from .verify import CARD_NAME

if TYPE_CHECKING:  # only an annotation here (hf.features imports datasets for the schemas)
    from datasets import Features

# Rows per Parquet row group and per shard (file), by kind of subset.
ROW_GROUP = {"translation": 10_000, DOCUMENTS_CONFIG: 100, GLOSSARY_CONFIG: 10_000}
SHARD_ROWS = {"translation": 500_000, DOCUMENTS_CONFIG: 5_000, GLOSSARY_CONFIG: 500_000}
# Documents of one split whose rows become Arrow tables together (memory stays small; fewer,
# larger tables are much cheaper to make and to cut into row groups).
BATCH_DOCUMENTS = 100


class _Rows(NamedTuple):
    """Queued rows: ``table[start:stop]``, the rows of *documents* consecutive documents; *alone*
    makes them again as the table of their one document (None: the table is that already)."""

    table: pa.Table
    start: int
    stop: int
    documents: int
    alone: Callable[[], pa.Table] | None

    def rows(self) -> pa.Table:
        return self.table.slice(self.start, self.stop - self.start)


class _ShardWriter:
    """One subset and split, streamed: Parquet row groups of a fixed size, shards of a fixed
    number of rows; shards get their ``-of-N`` names when closed (N is known only then). The
    same rows always give the same bytes, however they arrive.

    Rows come in tables of many documents, but are cut as if each document had come as a table
    of its own (as the export once made them): Parquet does not see the difference, but the
    in-memory sizes the card states (``num_bytes``) depend on how the Arrow buffers were made."""

    def __init__(self, stage: Path, subset: str, split: str, kind: str) -> None:
        self.stage, self.subset, self.split = stage, subset, split
        self.row_group, self.shard_rows = ROW_GROUP[kind], SHARD_ROWS[kind]
        self.pending: list[_Rows] = []
        self.pending_rows = 0
        self.writer: pq.ParquetWriter | None = None
        self.temps: list[Path] = []
        self.in_shard = 0
        self.rows = 0
        self.nbytes = 0
        self.size = 0

    def add(self, table: pa.Table, sizes: Sequence[int] | None = None,
            alone: Callable[[int], pa.Table] | None = None) -> None:
        """Queue *table*'s rows, *sizes* rows per document in order (one document if not
        given; ``alone(i)`` makes document i's table by itself); full row groups are written at once."""
        start = 0
        for i, n in enumerate([table.num_rows] if sizes is None else sizes):
            if n == 0:
                continue
            last = self.pending[-1] if self.pending else None
            if last is not None and last.table is table and last.stop == start:
                self.pending[-1] = last._replace(stop=start + n, documents=last.documents + 1, alone=None)
            else:
                self.pending.append(_Rows(table, start, start + n, 1,
                                          None if alone is None else functools.partial(alone, i)))
            self.pending_rows += n
            start += n
            while self.pending_rows >= self.row_group:
                self._write(self.row_group)

    def _table(self) -> pa.Table:
        """The queued rows as one table, made as the tables of one document each would give."""
        if len(self.pending) > 1:  # a concatenation: fresh buffers, whatever the tables were
            return pa.concat_tables([p.rows() for p in self.pending]).combine_chunks()
        p = self.pending[0]
        if p.documents > 1:  # several documents: concatenated as their own tables would be
            rows = p.rows()
            return pa.concat_tables([rows, rows.slice(0, 0)]).combine_chunks()
        return p.alone() if p.alone is not None else p.rows()

    def _write(self, n: int) -> None:
        table = self._table()
        head, rest = table.slice(0, n), table.slice(n)
        if self.writer is None:
            path = self.stage / self.subset / f".{self.split}-{len(self.temps):05d}.tmp"
            path.parent.mkdir(parents=True, exist_ok=True)
            self.temps.append(path)
            self.writer = parquet_writer(path, head.schema)
        self.writer.write_table(head, row_group_size=n)
        self.rows += n
        self.in_shard += n
        self.nbytes += head.nbytes
        self.pending = [_Rows(rest, 0, rest.num_rows, 1, None)] if rest.num_rows else []
        self.pending_rows = rest.num_rows
        if self.in_shard >= self.shard_rows:
            self._close_shard()

    def _close_shard(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
            self.size += self.temps[-1].stat().st_size
        self.in_shard = 0

    def close(self) -> list[str]:
        """Write what is left, close, and name the shards; returns their relative paths."""
        if self.pending_rows:
            self._write(self.pending_rows)
        self._close_shard()
        rels = []
        for i, tmp in enumerate(self.temps):
            rel = f"{self.subset}/{shard_name(self.split, i, len(self.temps))}"
            os.replace(tmp, self.stage / rel)
            rels.append(rel)
        return rels


class _Writers:
    """The shard writers of one subset, one per split, created on the first row."""

    def __init__(self, stage: Path, info: SubsetInfo, kind: str) -> None:
        self.stage, self.info, self.kind = stage, info, kind
        self.by_split: dict[str, _ShardWriter] = {}

    def add(self, split: str, table: pa.Table, sizes: Sequence[int] | None = None,
            alone: Callable[[int], pa.Table] | None = None) -> None:
        """Queue rows of *split* (see :meth:`_ShardWriter.add`)."""
        if table.num_rows == 0:
            return
        if split not in self.by_split:
            self.by_split[split] = _ShardWriter(self.stage, self.info.name, split, self.kind)
        self.by_split[split].add(table, sizes, alone)

    def close(self) -> list[str]:
        """Close every split (in split order) and record rows, files and sizes in the info."""
        written: list[str] = []
        for split in SPLITS:
            w = self.by_split.get(split)
            if w is None:
                continue
            paths = w.close()
            self.info.rows[split] = w.rows
            self.info.files[split] = paths
            self.info.num_bytes[split] = w.nbytes
            self.info.download_size += w.size
            written.extend(paths)
        return written


class _Batch:
    """The rows of one split's next documents, turned into Arrow tables together: a table per
    batch instead of per document and subset, which was most of the export's time. The writers
    cut the same row groups either way, so the Parquet files do not change."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.ends: list[int] = []  # where each document's units end in ``units``
        self.scripts: dict[str, str | None] = {}
        self.rows: list[dict[str, Any]] = []

    def add(self, g: DocumentGroup) -> None:
        """Queue the document's ``documents`` row and its units."""
        self.units.extend(g.units)
        self.ends.append(len(self.units))
        self.scripts[g.doc_id] = g.zh.script
        self.rows.append(document_row(g))

    def flush(self, split: str, base: Features, translation: dict[str, _Writers], documents: _Writers) -> None:
        """Hand the queued rows to the writers of every subset, in document order; empty after."""
        if not self.rows:
            return
        units, scripts, rows, bounds = (
            self.units, self.scripts, self.rows, list(zip([0, *self.ends[:-1]], self.ends, strict=True)))
        if units:
            shared = columns_table(shared_columns(units), base)
            for config in TRANSLATION_CONFIGS:
                w = translation[config.name]
                cols = translation_columns(config, units, scripts)
                w.info.missing.extend(cols.missing)

                def alone(i: int, config: TranslationConfig = config, w: _Writers = w) -> pa.Table:
                    doc = units[bounds[i][0]:bounds[i][1]]
                    return _translation_table(w, columns_table(shared_columns(doc), base),
                                              translation_columns(config, doc, scripts))

                w.add(split, _translation_table(w, shared, cols),
                      [sum(cols.keep[start:end]) for start, end in bounds], alone)
        documents.add(split, to_table(rows, documents.info.features), [1] * len(rows),
                      lambda i: to_table([rows[i]], documents.info.features))
        self.units, self.ends, self.scripts, self.rows = [], [], {}, []


def _translation_table(w: _Writers, shared: pa.Table, cols: TranslationColumns) -> pa.Table:
    """The subset's table: the kept rows of the *shared* columns and the subset's own columns."""
    kept = shared.filter(pa.array(cols.keep, type=pa.bool_()))
    columns: dict[str, Any] = {name: kept.column(name) for name in kept.column_names}
    columns.update(translation=cols.translation, zh_source=cols.zh_source)
    return columns_table(columns, w.info.features)


class _UnitSummary(NamedTuple):
    """What the card needs of a unit once its rows are written (keeps memory flat)."""

    aligned: bool
    bead: str
    variants: bool


def _summary(g: DocumentGroup) -> DocumentGroup:
    """The group as the card uses it: metadata only, no texts, edits or segment tree."""
    def light(d: Document | None) -> Document | None:
        return None if d is None else replace(d, paragraphs=[], edits=EditLog(), detached_text=None)

    zh = light(g.zh)
    assert zh is not None
    return DocumentGroup(g.doc_id, zh, light(g.en),
                         [_UnitSummary(u.aligned, sys.intern(u.bead), bool(u.variants)) for u in g.units])  # type: ignore[misc]


class _Unordered(Exception):
    """The inputs are not grouped and ordered by document: export them in memory instead."""


def export_hf(units: Iterable[Unit], documents: Iterable[Document], glossary: Glossary | None,
              out_dir: Path, *, build_info: Mapping[str, Any],
              sources: Mapping[str, str | Path] | None = None,
              doc_ids: Iterable[str] | None = None) -> HfExportResult:
    """Write the dataset folder *out_dir* (Parquet shards and ``README.md``); deterministic.

    *build_info* carries the facts the card states (licence, tool version, stages, alignment
    method and measured F1, ...): see :class:`~zhcorpus.hf.card.BuildInfo` for the keys.
    *sources* names where ``units``, ``documents`` and ``build_info`` came from, for errors.

    When *units* and *documents* can be iterated twice (lists, or readers such as
    :class:`zhcorpus.jsonl.JsonlRecords`) and come grouped by document in id order (as ``corpus build`` writes
    them), the export streams: one document at a time, memory flat whatever the corpus size.
    Otherwise they are read into memory and sorted; the output is the same. *doc_ids* (the
    documents' pair ids, if the caller knows them) saves a pass over *documents*.
    """
    info = BuildInfo.from_dict(build_info, source=(sources or {}).get("build_info"))
    src = dict(sources or {})
    with gc_paused():
        if iter(units) is not units and iter(documents) is not documents:
            try:
                ids = sorted(set(doc_ids)) if doc_ids is not None else _pair_ids(documents)
                if not ids:
                    raise _Unordered
                same = duplicate_texts((d.pair_id, d.text) for d in documents if d.lang == "zh")
                return _export(_ordered_groups(units, documents), assign_splits(ids, same), glossary,
                               Path(out_dir), info)
            except _Unordered:
                pass
        groups = group_documents(units, documents, units_src=src.get("units"), docs_src=src.get("documents"))
        if not groups:
            raise InputError(None, "nothing to export: no documents were given")
        same = duplicate_texts((g.doc_id, g.zh.text) for g in groups)
        return _export(iter(groups), assign_splits((g.doc_id for g in groups), same), glossary, Path(out_dir), info)


def export_groups(groups: Iterable[DocumentGroup], doc_ids: list[str], glossary: Glossary | None,
                  out_dir: Path, *, build_info: Mapping[str, Any],
                  same_text: Mapping[str, str] | None = None) -> HfExportResult:
    """Write the dataset folder from document groups whose ids *doc_ids* are known (the build's
    exporter); groups in id order stream one at a time, others are sorted in memory first.
    *same_text* (id -> earlier id with the identical Chinese text) keeps duplicates in one split."""
    info = BuildInfo.from_dict(build_info)
    if not doc_ids:
        raise InputError(None, "nothing to export: no documents were given")
    with gc_paused():
        if doc_ids != sorted(set(doc_ids)):
            groups = sorted(groups, key=lambda g: g.doc_id)
        return _export(iter(groups), assign_splits(doc_ids, same_text), glossary, Path(out_dir), info)


def _pair_ids(documents: Iterable[Document]) -> list[str]:
    return sorted({d.pair_id for d in documents if d.lang == "zh"})


def _ordered_groups(units: Iterable[Unit], documents: Iterable[Document]) -> Iterator[DocumentGroup]:
    """Document groups from inputs grouped by document in id order (zh, then its translation;
    units in order); raises _Unordered at the first sign of anything else."""
    docs = iter(documents)
    us = iter(units)
    unit = next(us, None)
    doc = next(docs, None)
    last = None
    while doc is not None:
        if doc.lang != "zh" or (last is not None and doc.pair_id <= last):
            raise _Unordered
        zh, last = doc, doc.pair_id
        doc = next(docs, None)
        en = None
        if doc is not None and doc.lang != "zh" and doc.pair_id == zh.pair_id:
            en, doc = doc, next(docs, None)
        group = DocumentGroup(last, zh.detached(), en.detached() if en else None)
        key = None
        while unit is not None and unit.doc_id == last:
            k = unit_sort_key(unit)
            if key is not None and k <= key:  # strictly increasing: no unit id twice
                raise _Unordered
            key = k
            group.units.append(unit)
            unit = next(us, None)
        if unit is not None and unit.doc_id < last:
            raise _Unordered
        yield group
    if unit is not None:
        raise _Unordered


def _export(groups: Iterator[DocumentGroup], splits: dict[str, str], glossary: Glossary | None,
            out_dir: Path, info: BuildInfo) -> HfExportResult:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    try:
        base = features_for(TRANSLATION_CONFIGS[0].name)
        translation = {c.name: _Writers(stage, SubsetInfo(c.name, c.description, translation_features(c)),
                                        "translation") for c in TRANSLATION_CONFIGS}
        docs_info = SubsetInfo(DOCUMENTS_CONFIG, "whole documents with metadata, cleaning log and "
                               "unaligned beads", document_features())
        documents = _Writers(stage, docs_info, DOCUMENTS_CONFIG)
        summaries: list[DocumentGroup] = []
        aligned: list[str] = []
        unaligned: list[str] = []
        term_counts: dict[str, int] = {}
        batches: dict[str, _Batch] = {}
        for g in groups:
            if g.doc_id not in splits:
                raise _Unordered
            split = splits[g.doc_id]
            batch = batches.get(split)
            if batch is None:
                batch = batches[split] = _Batch()
            batch.add(g)
            if len(batch.rows) >= BATCH_DOCUMENTS:
                batch.flush(split, base, translation, documents)
            for u in g.units:
                (aligned if u.aligned else unaligned).append(u.id)
                for t in set(u.terms):
                    term_counts[t] = term_counts.get(t, 0) + 1
            summaries.append(_summary(g))
        for split, batch in batches.items():
            batch.flush(split, base, translation, documents)
        if len(summaries) != len(splits):
            raise _Unordered
        if not summaries:
            raise InputError(None, "nothing to export: no documents were given")
        rel_files: list[str] = []
        subsets: dict[str, SubsetInfo] = {}
        skipped: dict[str, str] = {}
        for config in TRANSLATION_CONFIGS:
            w = translation[config.name]
            rel_files += w.close()
            w.info.missing.sort(key=id_sort_key)
            if w.info.total:
                subsets[config.name] = w.info
            else:
                tags = " and ".join(config.zh_tags)
                skipped[config.name] = (f"no unit carries {tags} text ({len(w.info.missing)} units lack it; "
                                        "the variants stage adds every variant)")
        if glossary is not None and len(glossary):
            sub = SubsetInfo(GLOSSARY_CONFIG, "the policy-term glossary, one row per concept",
                             glossary_features())
            gw = _Writers(stage, sub, GLOSSARY_CONFIG)
            gw.add("train", to_table(glossary_rows(glossary, counts=term_counts), sub.features))
            rel_files += gw.close()
            subsets[GLOSSARY_CONFIG] = sub
        else:
            skipped[GLOSSARY_CONFIG] = "no glossary was given"
        rel_files += documents.close()
        subsets[DOCUMENTS_CONFIG] = docs_info
        result = HfExportResult(
            out_dir=out_dir, subsets=subsets, splits=splits, skipped=skipped,
            unaligned=unaligned, aligned=aligned, card_path=out_dir / CARD_NAME, files=[],
        )
        atomic_write_text(stage / CARD_NAME, render_card(result, summaries, info))
        _commit(stage, out_dir, [*rel_files, CARD_NAME])
        result.files = [out_dir / r for r in [*rel_files, CARD_NAME]]
        return result
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _commit(stage: Path, out_dir: Path, rel_files: list[str]) -> None:
    """Move the staged files into *out_dir* (card last), then drop shards no longer listed."""
    for rel in rel_files:
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage / rel, target)
    keep = set(rel_files)
    for name in CONFIG_NAMES:
        folder = out_dir / name
        if not folder.is_dir():
            continue
        for f in folder.glob("*.parquet"):
            if f"{name}/{f.name}" not in keep:
                f.unlink()
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty
