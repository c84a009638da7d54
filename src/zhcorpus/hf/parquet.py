"""Deterministic Parquet shards: the same rows always give the same bytes.

Tables are built against the subset's explicit ``Features`` (its Arrow schema carries the
``huggingface`` metadata, so ``datasets`` restores the exact feature types) and written with
fixed options: zstd compression, fixed row-group size, no timestamps (Parquet writes none; the
``created_by`` field names the pyarrow version only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features

COMPRESSION = "zstd"


_SCHEMAS: dict[int, tuple[Features, pa.Schema]] = {}


def arrow_schema(features: Features) -> pa.Schema:
    """``features.arrow_schema``, made once per Features object (``datasets`` rebuilds it, and its
    JSON metadata, on every access: a table per document made that a large share of the export)."""
    hit = _SCHEMAS.get(id(features))
    if hit is None or hit[0] is not features:
        hit = _SCHEMAS[id(features)] = (features, features.arrow_schema)
    return hit[1]


def to_table(rows: Sequence[dict[str, Any]], features: Features) -> pa.Table:
    """An Arrow table of *rows* with exactly the schema of *features*."""
    schema = arrow_schema(features)
    return pa.Table.from_pylist(list(rows), schema=schema)


def columns_table(columns: Mapping[str, Any], features: Features) -> pa.Table:
    """An Arrow table from *columns* (name -> list or Arrow array) with the schema of *features*,
    in its column order; the columns may be a subset of the schema's, in any order."""
    schema = arrow_schema(features)
    fields = [f for f in schema if f.name in columns]
    arrays = [pa.array(columns[f.name], type=f.type) if isinstance(columns[f.name], list)
              else columns[f.name] for f in fields]
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=schema.metadata))
    return table.combine_chunks()


def parquet_writer(path: Any, schema: pa.Schema) -> pq.ParquetWriter:
    """A Parquet writer with fixed options (byte-identical files for equal tables; row groups are
    given per ``write_table`` call)."""
    return pq.ParquetWriter(path, schema, compression=COMPRESSION, use_dictionary=True,
                            write_statistics=True, store_schema=True)


def shard_name(split: str, index: int, count: int) -> str:
    """The Hub's shard naming: ``train-00000-of-00001.parquet``."""
    return f"{split}-{index:05d}-of-{count:05d}.parquet"
