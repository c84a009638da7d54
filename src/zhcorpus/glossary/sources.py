"""Where the glossary commands get translation units: a units JSONL file (``corpus/units.jsonl``,
written by the build), or a gold alignment in the MAC-Dev-style format of
``tests/data/gold/seeds.jsonl`` applied to the documents of a manifest (before an aligner ran).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..ingest import ingest_manifest
from ..jsonl import read_jsonl, write_jsonl
from ..manifest import load_manifest
from ..model import Unit
from ..units import make_units


def read_units(path: str | Path) -> list[Unit]:
    """Units from a JSONL file; a record that is not a unit is an InputError naming the line."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "units file not found (run `corpus build`, or pass --gold)")
    units = []
    for n, rec in enumerate(read_jsonl(path), 1):
        try:
            units.append(Unit.from_dict(rec))
        except (TypeError, KeyError, AttributeError) as exc:
            raise InputError(path, f"record {n} is not a translation unit: {exc}", where=f"record {n}") from None
    return units


def write_units(path: str | Path, units: list[Unit]) -> int:
    """Write units as JSONL, atomically; returns the count."""
    return write_jsonl(path, (u.to_dict() for u in units))


def gold_units(gold_path: str | Path, manifest_path: str | Path) -> list[Unit]:
    """Units built from a gold alignment over the manifest's documents (ingested here), in
    manifest order; a link to a segment that does not exist is an InputError."""
    gold_path = Path(gold_path)
    if not gold_path.is_file():
        raise InputError(gold_path, "gold alignment not found")
    gold: dict[str, tuple[int, list]] = {}
    for n, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            gold[rec["doc"]] = (n, rec["gold"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(gold_path, f"not a gold alignment record: {exc}", where=str(n)) from None
    units: list[Unit] = []
    for zh, en in ingest_manifest(load_manifest(manifest_path)):
        if zh.pair_id not in gold or en is None:
            continue
        line, links = gold[zh.pair_id]
        nz, ne = len(zh.segments()), len(en.segments())
        for z, e in links:
            bad = [i for i in z if not 0 <= i < nz] + [i for i in e if not 0 <= i < ne]
            if bad:
                raise InputError(gold_path, f"document {zh.pair_id}: segment index {bad[0]} out of "
                                 f"range ({nz} zh, {ne} en segments)", where=str(line))
        units.extend(make_units(zh, en, [(z, e, 1.0) for z, e in links]))
    return units
