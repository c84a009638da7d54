"""Check an exported dataset folder against its card, from the files alone: every subset's files
exist, row counts and feature types match the card's ``dataset_info``, and no document is in two
splits. Run after export and before an upload.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from datasets import Features
from huggingface_hub import DatasetCard

from ..errors import InputError

CARD_NAME = "README.md"


def load_card(folder: Path) -> DatasetCard:
    """The folder's dataset card, parsed; an InputError when it is missing or not valid YAML."""
    path = Path(folder) / CARD_NAME
    if not path.is_file():
        raise InputError(path, "no dataset card (README.md): export the dataset first")
    import yaml

    try:
        return DatasetCard.load(path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else None
        raise InputError(path, f"the card's YAML cannot be read: {exc.problem or exc}", where=where) from None
    except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(path, f"the card's YAML cannot be read: {str(exc).splitlines()[0] if str(exc) else exc}") from None


def _paths(entry: Any) -> list[str]:
    return [entry] if isinstance(entry, str) else list(entry)


def listed_files(folder: Path) -> list[str]:
    """The data files the card's configs list, relative to *folder*, in card order."""
    out: list[str] = []
    for cfg in load_card(folder).data.to_dict().get("configs") or []:
        for df in cfg.get("data_files", []):
            out.extend(p for p in _paths(df["path"]) if p not in out)
    return out


def check_export(folder: Path) -> list[str]:
    """Problems found in *folder* (an empty list when the export is consistent)."""
    folder = Path(folder)
    data = load_card(folder).data.to_dict()
    problems: list[str] = []
    if data.get("license") in (None, "unknown") or (data.get("license") == "other" and not data.get("license_name")):
        problems.append(f"licence is {data.get('license') or 'missing'}: set one before publishing")
    infos = {i["config_name"]: i for i in data.get("dataset_info") or []}
    configs = data.get("configs") or []
    if not configs:
        problems.append("the card lists no configs")
    for cfg in configs:
        name = cfg["config_name"]
        info = infos.get(name)
        if info is None:
            problems.append(f"{name}: no dataset_info (features and split sizes) in the card")
            continue
        expected = {s["name"]: s["num_examples"] for s in info.get("splits", [])}
        features = Features._from_yaml_list(info["features"])
        docs: dict[str, str] = {}
        for df in cfg.get("data_files", []):
            split, rows = df["split"], 0
            for rel in _paths(df["path"]):
                f = folder / rel
                if not f.is_file():
                    problems.append(f"{name}/{split}: file {rel} is missing")
                    continue
                pf = pq.ParquetFile(f)
                rows += pf.metadata.num_rows
                got = Features.from_arrow_schema(pf.schema_arrow)
                if got != features:
                    problems.append(f"{name}/{split}: {rel} has other features than the card says")
                if "doc_id" in pf.schema_arrow.names:
                    for d in set(pf.read(columns=["doc_id"]).column("doc_id").to_pylist()):
                        if docs.setdefault(d, split) != split:
                            problems.append(f"{name}: document {d} is in {docs[d]} and {split}")
            if expected.get(split) != rows:
                problems.append(f"{name}/{split}: {rows} rows, the card says {expected.get(split)}")
        listed = {df["split"] for df in cfg.get("data_files", [])}
        for split in sorted(set(expected) - listed):
            problems.append(f"{name}: the card counts split {split} but lists no files for it")
    return problems
