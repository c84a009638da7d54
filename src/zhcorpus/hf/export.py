"""Export the corpus as a Hugging Face dataset folder: Parquet shards per subset and split, plus
a dataset card whose YAML maps each subset to its files, so ``load_dataset(folder, subset)``
works offline with no loading script.

Everything is built in a staging folder first; only when every file is ready are they moved into
place (card last) and shards of an earlier export that are no longer listed removed, so a
failure leaves the earlier export intact.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
from datasets import Features

from ..atomic import atomic_write_bytes, atomic_write_text
from ..errors import InputError
from ..glossary import Glossary
from ..model import Document, Unit
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
from .parquet import columns_table, parquet_bytes, shard_name, to_table
from .rows import (
    document_row,
    glossary_rows,
    group_documents,
    id_sort_key,
    shared_columns,
    translation_columns,
)
from .splits import assign_splits
from .verify import CARD_NAME

# Rows per Parquet row group and per shard (file), by kind of subset.
ROW_GROUP = {"translation": 10_000, DOCUMENTS_CONFIG: 100, GLOSSARY_CONFIG: 10_000}
SHARD_ROWS = {"translation": 500_000, DOCUMENTS_CONFIG: 5_000, GLOSSARY_CONFIG: 500_000}


@dataclass
class SubsetInfo:
    """One exported subset: its rows, files and sizes per split."""

    name: str
    description: str
    features: Features
    rows: dict[str, int] = field(default_factory=dict)  # split -> rows (non-empty splits only)
    files: dict[str, list[str]] = field(default_factory=dict)  # split -> paths relative to out_dir
    num_bytes: dict[str, int] = field(default_factory=dict)  # split -> Arrow bytes
    download_size: int = 0  # Parquet bytes
    missing: list[str] = field(default_factory=list)  # unit ids left out for lack of a variant

    @property
    def total(self) -> int:
        """Rows over all splits."""
        return sum(self.rows.values())


@dataclass
class HfExportResult:
    """What was exported: subsets, document splits, and what was left out and why."""

    out_dir: Path
    subsets: dict[str, SubsetInfo]
    splits: dict[str, str]  # document id -> split
    skipped: dict[str, str]  # subset name -> why it is not in the export
    unaligned: list[str]  # ids of beads with an empty side (in the documents subset only)
    aligned: list[str]  # ids of beads with both sides, in corpus order
    card_path: Path
    files: list[Path]  # every file written, card last

    def counts(self) -> dict[str, dict[str, int]]:
        """Rows per subset and split."""
        return {name: dict(s.rows) for name, s in self.subsets.items()}


def _add_subset(stage: Path, info: SubsetInfo, tables: Mapping[str, pa.Table], kind: str) -> list[str]:
    """Write the subset's shards into *stage*; returns their paths relative to the folder."""
    written: list[str] = []
    for split in SPLITS:
        table = tables.get(split)
        if table is None or table.num_rows == 0:
            continue
        per = SHARD_ROWS[kind]
        count = (table.num_rows + per - 1) // per
        paths, size = [], 0
        for i in range(count):
            data = parquet_bytes(table.slice(i * per, per), row_group_size=ROW_GROUP[kind])
            rel = f"{info.name}/{shard_name(split, i, count)}"
            atomic_write_bytes(stage / rel, data)
            paths.append(rel)
            size += len(data)
        info.rows[split] = table.num_rows
        info.files[split] = paths
        info.num_bytes[split] = table.nbytes
        info.download_size += size
        written.extend(paths)
    return written


def _translation_tables(config: TranslationConfig, by_split: Mapping[str, list[Unit]],
                        shared: Mapping[str, pa.Table], scripts: Mapping[str, str | None]
                        ) -> tuple[SubsetInfo, dict[str, pa.Table]]:
    """The subset's table per split: the shared columns of the units it keeps, plus its own."""
    features = translation_features(config)
    info = SubsetInfo(config.name, config.description, features)
    tables: dict[str, pa.Table] = {}
    for split, units in by_split.items():
        cols = translation_columns(config, units, scripts)
        info.missing.extend(cols.missing)
        kept = shared[split].filter(pa.array(cols.keep, type=pa.bool_()))
        columns: dict[str, Any] = {name: kept.column(name) for name in kept.column_names}
        columns.update(translation=cols.translation, zh_source=cols.zh_source)
        tables[split] = columns_table(columns, features)
    info.missing.sort(key=id_sort_key)
    return info, tables


def export_hf(units: Iterable[Unit], documents: Iterable[Document], glossary: Glossary | None,
              out_dir: Path, *, build_info: Mapping[str, Any],
              sources: Mapping[str, str | Path] | None = None) -> HfExportResult:
    """Write the dataset folder *out_dir* (Parquet shards and ``README.md``); deterministic.

    *build_info* carries the facts the card states (licence, tool version, stages, alignment
    method and measured F1, ...): see :class:`~zhcorpus.hf.card.BuildInfo` for the keys.
    *sources* names where ``units``, ``documents`` and ``build_info`` came from, for errors.
    """
    with gc_paused():
        return _export(units, documents, glossary, Path(out_dir), build_info, dict(sources or {}))


def _export(units: Iterable[Unit], documents: Iterable[Document], glossary: Glossary | None,
            out_dir: Path, build_info: Mapping[str, Any], src: dict[str, str | Path]) -> HfExportResult:
    info = BuildInfo.from_dict(build_info, source=src.get("build_info"))
    units = list(units)
    groups = group_documents(units, documents, units_src=src.get("units"), docs_src=src.get("documents"))
    if not groups:
        raise InputError(None, "nothing to export: no documents were given")
    splits = assign_splits(g.doc_id for g in groups)
    subsets: dict[str, SubsetInfo] = {}
    skipped: dict[str, str] = {}
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    try:
        rel_files: list[str] = []
        by_split = {sp: [u for g in groups if splits[g.doc_id] == sp for u in g.units] for sp in SPLITS}
        scripts = {g.doc_id: g.zh.script for g in groups}
        base = features_for(TRANSLATION_CONFIGS[0].name)
        shared = {sp: columns_table(shared_columns(us), base) for sp, us in by_split.items()}
        for config in TRANSLATION_CONFIGS:
            sub, tables = _translation_tables(config, by_split, shared, scripts)
            rel_files += _add_subset(stage, sub, tables, "translation")
            if sub.total:
                subsets[config.name] = sub
            else:
                tags = " and ".join(config.zh_tags)
                skipped[config.name] = (f"no unit carries {tags} text ({len(sub.missing)} units lack it; "
                                        "the variants stage adds every variant)")
        if glossary is not None and len(glossary):
            sub = SubsetInfo(GLOSSARY_CONFIG, "the policy-term glossary, one row per concept",
                             glossary_features())
            table = to_table(glossary_rows(glossary, units), sub.features)
            rel_files += _add_subset(stage, sub, {"train": table}, GLOSSARY_CONFIG)
            subsets[GLOSSARY_CONFIG] = sub
        else:
            skipped[GLOSSARY_CONFIG] = "no glossary was given"
        sub = SubsetInfo(DOCUMENTS_CONFIG, "whole documents with metadata, cleaning log and "
                         "unaligned beads", document_features())
        doc_tables = {sp: to_table([document_row(g) for g in groups if splits[g.doc_id] == sp], sub.features)
                      for sp in SPLITS}
        rel_files += _add_subset(stage, sub, doc_tables, DOCUMENTS_CONFIG)
        subsets[DOCUMENTS_CONFIG] = sub
        all_units = [u for g in groups for u in g.units]
        result = HfExportResult(
            out_dir=out_dir, subsets=subsets, splits=splits, skipped=skipped,
            unaligned=[u.id for u in all_units if not u.aligned],
            aligned=[u.id for u in all_units if u.aligned],
            card_path=out_dir / CARD_NAME, files=[],
        )
        atomic_write_text(stage / CARD_NAME, render_card(result, groups, info))
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
