"""Per-document stage results cached by input hash, so a rebuild re-processes only what changed.

A key chains the hashes: ingest = H(code, manifest entry, source bytes); each later stage =
H(previous key, stage, its own inputs such as the glossary). The code fingerprint covers every
file of the installed package, so changing the code invalidates the cache.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..atomic import atomic_write_bytes
from ..pipeline import DocPair


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def hash_parts(*parts: str) -> str:
    """Hex sha256 of the parts, unambiguously joined."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8")
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's source and data files (changes whenever the code does)."""
    pkg = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for f in sorted(pkg.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc":
            h.update(f.relative_to(pkg).as_posix().encode())
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


class StageCache:
    """Stores a DocPair per (stage, key) as gzip-compressed JSON under the cache folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, stage: str, key: str) -> Path:
        return self.root / stage / f"{key[:2]}" / f"{key}.json.gz"

    def load(self, stage: str, key: str) -> DocPair | None:
        """The cached pair, or None (missing or unreadable entries are simply recomputed)."""
        p = self._path(stage, key)
        try:
            return DocPair.from_dict(json.loads(gzip.decompress(p.read_bytes())))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, stage: str, key: str, pair: DocPair) -> None:
        """Store the pair (atomically)."""
        data = json.dumps(pair.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
        atomic_write_bytes(self._path(stage, key), gzip.compress(data, mtime=0))
