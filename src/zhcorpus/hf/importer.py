"""Read a local translation dataset into the project's units, so any parallel dataset (ours, or an
OPUS or WMT style one with a ``translation`` column) can be written as TMX or scored.

Accepted: a Parquet, JSON/JSON Lines or Arrow file; a dataset folder with a card or data files
(read with ``datasets.load_dataset``); a folder written by ``save_to_disk`` (``load_from_disk``).
The pair is the ``translation`` column's *src* and *tgt* keys, or columns named *src* and *tgt*.
The zhcorpus columns (``id``, ``doc_id``, ``paragraph``, ``zh_source``, ``score``, ``terms``,
``flags``, ``zh_ids``, ``en_ids``) are used where present, so our own export comes back as the
units it was made from; otherwise ids are made up as ``<name>-<split>/<n>``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import datasets

from ..errors import InputError
from ..model import Unit
from .features import SPLITS, TRANSLATION_CONFIGS
from .gcpause import gc_paused
from .rows import unit_sort_key

FILE_BUILDERS = {".parquet": "parquet", ".json": "json", ".jsonl": "json", ".arrow": "arrow"}
_TAG_OF_KEY = {"zh_hans": "zh-Hans", "zh_hant": "zh-Hant", "zh_tw": "zh-TW", "zh_hk": "zh-HK",
               "zh_cn": "zh-Hans"}
_OURS = ("id", "doc_id")


def _tag(config: str | None, key: str) -> str | None:
    """The Chinese variant tag the text of *key* is in, from the key or the subset name."""
    norm = key.replace("-", "_").lower()
    if norm in _TAG_OF_KEY:
        return _TAG_OF_KEY[norm]
    for c in TRANSLATION_CONFIGS:
        if c.name == config and "en" in c.languages and key == "zh":
            return c.zh_tags[0]
    return None


def load_local(path: Path, config: str | None = None, *, cache_dir: Path | None = None
               ) -> datasets.DatasetDict:
    """Load a local dataset (file or folder) as a DatasetDict; never reaches the network.

    *cache_dir* is where ``datasets`` keeps its Arrow cache (default: its usual cache).
    """
    cache = str(cache_dir) if cache_dir is not None else None
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file or folder")
    try:
        if path.is_dir():
            if (path / "dataset_dict.json").is_file() or (path / "state.json").is_file():
                ds = datasets.load_from_disk(str(path))
            else:
                if config is None and (path / "README.md").is_file():
                    names = datasets.get_dataset_config_names(str(path))
                    if len(names) > 1:
                        raise InputError(path, "the dataset has several subsets, choose one with "
                                         f"--config: {', '.join(names)}")
                ds = datasets.load_dataset(str(path), config, cache_dir=cache)
        else:
            builder = FILE_BUILDERS.get(path.suffix.lower())
            if builder is None:
                raise InputError(path, f"unknown dataset file type {path.suffix!r}: use one of "
                                 f"{', '.join(sorted(FILE_BUILDERS))}, or a dataset folder")
            if path.stat().st_size == 0:
                raise InputError(path, "empty file: no dataset rows")
            if builder in ("json", "csv"):
                _check_utf8(path)
            ds = datasets.load_dataset(builder, data_files={"train": str(path)}, cache_dir=cache)
    except InputError:
        raise
    except ValueError as exc:  # unknown config, bad split, unreadable data, ...
        raise InputError(path, f"cannot read the dataset: {str(exc).splitlines()[0]}") from None
    except (OSError, datasets.exceptions.DatasetGenerationError) as exc:
        cause = exc.__cause__ or exc
        raise InputError(path, f"cannot read the dataset: {str(cause).splitlines()[0]}") from None
    if isinstance(ds, datasets.Dataset):
        ds = datasets.DatasetDict({"train": ds})
    return ds


def _check_utf8(path: Path) -> None:
    """A text dataset file must be UTF-8; the first bad byte is named by line:column (Arrow would fail later)."""
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02X})", where=f"{n}:{exc.start + 1}") from None


def _split_order(names: list[str]) -> list[str]:
    return [s for s in SPLITS if s in names] + sorted(s for s in names if s not in SPLITS)


def import_hf(path: Path, *, config: str | None = None, split: str | None = None,
              src: str = "zh", tgt: str = "en", default_score: float = 1.0,
              cache_dir: Path | None = None) -> list[Unit]:
    """The dataset's rows as units (Chinese side from *src*, other side from *tgt*).

    All splits unless *split* is given. A dataset with zhcorpus ids comes back in corpus order
    (document, then unit number); any other keeps the dataset's order. A row with an empty side
    becomes a unit flagged ``unaligned-zh``/``unaligned-en``, as in the build. A dataset without
    a ``score`` column gets *default_score* (taken as aligned by its publisher).
    """
    path = Path(path)
    dd = load_local(path, config, cache_dir=cache_dir)
    with gc_paused():
        return _import(dd, path, config, split, src, tgt, default_score)


def _import(dd: datasets.DatasetDict, path: Path, config: str | None, split: str | None,
            src: str, tgt: str, default_score: float) -> list[Unit]:
    if split is not None and split not in dd:
        raise InputError(path, f"no split {split!r}: the dataset has {', '.join(dd)}")
    names = [split] if split is not None else _split_order(list(dd))
    name = config or (path.stem if path.is_file() else path.name)
    units: list[Unit] = []
    ours = False
    seen: dict[str, str] = {}
    for s in names:
        ds = dd[s]
        cols = set(ds.column_names)
        ours = all(c in cols for c in _OURS)
        for n, unit in enumerate(_units(ds, path, s, name, config, src, tgt, default_score), 1):
            where = seen.get(unit.id)
            if where is not None:
                raise InputError(path, f"unit id {unit.id!r} occurs twice (first at {where})",
                                 where=f"{s}:{n}")
            seen[unit.id] = f"{s}:{n}"
            units.append(unit)
    if ours:
        units.sort(key=unit_sort_key)
    return units


def _units(ds: datasets.Dataset, path: Path, split: str, name: str, config: str | None,
           src: str, tgt: str, default_score: float) -> Iterator[Unit]:
    cols = set(ds.column_names)
    nested = "translation" in cols
    if not nested and not {src, tgt} <= cols:
        raise InputError(path, f"split {split!r} has no 'translation' column and no {src!r}/{tgt!r} "
                         f"columns (columns: {', '.join(sorted(cols))})")
    tag = _tag(config, src)
    counters: dict[str, int] = {}
    row_no = 0
    for batch in ds.iter(batch_size=10_000):
        size = len(next(iter(batch.values())))
        for i in range(size):
            row_no += 1
            where = f"{split}:{row_no}"
            row = {k: v[i] for k, v in batch.items()}
            if nested:
                pair = row["translation"]
                if not isinstance(pair, Mapping) or src not in pair or tgt not in pair:
                    keys = ", ".join(sorted(pair)) if isinstance(pair, Mapping) else type(pair).__name__
                    raise InputError(path, f"translation has no {src!r} and {tgt!r} (it has {keys}); "
                                     "choose the languages with --src/--tgt", where=where)
                zh, en = pair[src], pair[tgt]
            else:
                zh, en = row[src], row[tgt]
            zh, en = _text(zh, path, where, src), _text(en, path, where, tgt)
            if not zh and not en:
                raise InputError(path, f"no text on either side ({src!r}, {tgt!r}): not a translation record",
                                 where=where)
            yield _unit(row, zh, en, name, split, tag, counters, default_score, path, where)


def _text(v: Any, path: Path, where: str, key: str) -> str:
    if v is None:
        return ""
    if not isinstance(v, str):
        raise InputError(path, f"{key!r} is {type(v).__name__}, not text", where=where)
    return v


def _strings(row: Mapping[str, Any], key: str, path: Path, where: str) -> list[str] | None:
    v = row.get(key)
    if v is None:
        return None
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise InputError(path, f"{key!r} must be a list of strings", where=where)
    return list(v)


_SAFE = re.compile(r"[^0-9A-Za-z_.-]+")


def _unit(row: Mapping[str, Any], zh: str, en: str, name: str, split: str, tag: str | None,
          counters: dict[str, int], default_score: float, path: Path, where: str) -> Unit:
    doc_id = row.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        doc_id = _SAFE.sub("_", f"{name}-{split}")
    uid = row.get("id")
    if not isinstance(uid, str) or not uid or "doc_id" not in row:
        counters[doc_id] = counters.get(doc_id, 0) + 1
        uid = f"{doc_id}/{counters[doc_id]}"
    zh_ids = _strings(row, "zh_ids", path, where)
    en_ids = _strings(row, "en_ids", path, where)
    if zh_ids is None:  # one sentence a side, named after the unit (as the TMX reader does)
        zh_ids = [f"{uid}/zh"] if zh else []
    if en_ids is None:
        en_ids = [f"{uid}/en"] if en else []
    if bool(zh_ids) != bool(zh) or bool(en_ids) != bool(en):
        raise InputError(path, f"unit {uid}: sentence ids and text disagree (one side is empty)",
                         where=where)
    score = row.get("score")
    if score is None or (isinstance(score, float) and math.isnan(score)):
        score = default_score
    if not isinstance(score, int | float):
        raise InputError(path, f"'score' is {type(score).__name__}, not a number", where=where)
    para = row.get("paragraph")
    if para is not None and not isinstance(para, int):
        raise InputError(path, f"'paragraph' is {type(para).__name__}, not a number", where=where)
    flags = set(_strings(row, "flags", path, where) or [])
    if not zh_ids:
        flags.add("unaligned-en")
    if not en_ids:
        flags.add("unaligned-zh")
    source = row.get("zh_source")
    if source is not None and not isinstance(source, str):
        raise InputError(path, f"'zh_source' is {type(source).__name__}, not text", where=where)
    return Unit(
        id=uid, doc_id=doc_id, zh_ids=zh_ids, en_ids=en_ids, zh=source or zh, en=en,
        score=round(float(score), 4), paragraph=para, flags=sorted(flags),
        terms=_strings(row, "terms", path, where) or [],
        variants={tag: zh} if tag and zh else {},
    )
