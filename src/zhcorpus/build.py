"""`corpus build`: the stages in order, writing the corpus products atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .ingest import ingest_manifest
from .jsonl import write_jsonl
from .manifest import load_manifest
from .pipeline import DocPair


@dataclass
class BuildOptions:
    """Where the build reads and writes."""

    seeds: Path = Path("seeds")
    out: Path = Path("corpus")
    tmx_out: Path = Path("tmx")
    quiet: bool = False


def ingest_pairs(seeds: Path) -> list[DocPair]:
    """Ingest every manifest entry into DocPairs."""
    manifest = load_manifest(seeds / "manifest.toml")
    return [DocPair(id=zh.pair_id, zh=zh, en=en) for zh, en in ingest_manifest(manifest)]


def run_build(opts: BuildOptions) -> str:
    """Run the build; returns a one-paragraph summary."""
    pairs = ingest_pairs(opts.seeds)
    docs = [d for p in pairs for d in (p.zh, p.en) if d is not None]
    write_jsonl(opts.out / "documents.jsonl", (d.to_dict() for d in docs))
    nzh = sum(len(p.zh.segments()) for p in pairs)
    nen = sum(len(p.en.segments()) for p in pairs if p.en)
    return f"{len(pairs)} documents, {nzh} zh and {nen} en segments -> {opts.out}/documents.jsonl"
