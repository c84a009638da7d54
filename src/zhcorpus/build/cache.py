"""Per-document stage results cached by key, so a rebuild re-processes only what changed.

Keys chain (see :mod:`zhcorpus.steps.base`): the first is the hash of the source bytes and the
manifest metadata, each stage's is ``hash(previous key, step signature)``. An entry is
``MAGIC, key, sha256 of the payload, payload`` (msgpack of the DocPair, written by msgspec straight
from the dataclasses, compressed with zstd level 1: four times faster than zlib level 1, and
smaller; the payload starts with the size of the msgpack). A truncated, corrupt or misfiled entry is dropped and
recomputed, and counted in :attr:`StageCache.problems`; a cache that cannot be written (read-only,
disk full) only makes the build slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec

from ..atomic import atomic_put
from ..pipeline import DocPair

MAGIC = b"ZHCACHE7\n"  # the format of the entries and of the DocPair they hold
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(DocPair)


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
def _zstd() -> tuple[Any, Any]:
    """Arrow's zstd codec (level 1) and the system allocator (Arrow's own would keep what it frees)."""
    import pyarrow as pa

    return pa.Codec("zstd", compression_level=1), pa.system_memory_pool()


def pack(raw: bytes) -> bytes:
    """*raw* compressed, prefixed with its size (8 bytes, big-endian)."""
    codec, pool = _zstd()
    return len(raw).to_bytes(8, "big") + codec.compress(raw, asbytes=True, memory_pool=pool)


def unpack(payload: bytes) -> bytes:
    """The bytes :func:`pack` compressed; :class:`BadEntry` if they cannot be restored."""
    size = int.from_bytes(payload[:8], "big") if len(payload) >= 8 else -1
    if not 0 <= size <= 1 << 32:
        raise BadEntry("undecodable: bad size")
    codec, pool = _zstd()
    try:
        return codec.decompress(payload[8:], decompressed_size=size, asbytes=True, memory_pool=pool)
    except (OSError, ValueError) as exc:
        raise BadEntry(f"undecodable: {exc}") from None


def entry_body(pair: DocPair) -> bytes:
    """The part of a cache entry that does not depend on its key: the payload's sha256 line and the
    payload (a stage that leaves the pair unchanged stores the previous stage's body again)."""
    kept = pair.source, pair.timings, pair.log
    pair.source, pair.timings, pair.log = None, {}, []
    try:
        payload = pack(_ENCODER.encode(pair))
    finally:
        pair.source, pair.timings, pair.log = kept
    return hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload


def encode_entry(key: str, pair: DocPair) -> bytes:
    """The bytes of a cache entry for *pair* stored under *key*."""
    return MAGIC + key.encode("ascii") + b"\n" + entry_body(pair)


class BadEntry(ValueError):
    """A cache entry that cannot be trusted."""


class OldFormat(BadEntry):
    """An entry written by another version of the cache format: a plain miss, not a problem."""


def decode_entry(key: str, data: bytes) -> DocPair:
    """The DocPair of a cache entry; :class:`BadEntry` if it is truncated, corrupt or for another key."""
    if not data.startswith(MAGIC):
        if data.startswith(MAGIC[:7]):  # b"ZHCACHE" and another format number
            raise OldFormat("written by another version of zhcorpus")
        raise BadEntry("not a cache entry (wrong header)")
    head = len(MAGIC)
    stored_key, digest = data[head:head + 64], data[head + 65:head + 129]
    if len(data) < head + 130 or data[head + 64:head + 65] != b"\n" or data[head + 129:head + 130] != b"\n":
        raise BadEntry("truncated header")
    if stored_key.decode("ascii", "replace") != key:
        raise BadEntry("stored under another key")
    payload = data[head + 130:]
    if hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        raise BadEntry("checksum mismatch (truncated or changed)")
    raw = unpack(payload)
    try:
        return _DECODER.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise BadEntry(f"undecodable: {exc}") from None


class StageCache:
    """Stores a DocPair per (stage, key) under the cache folder; never fails the build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[str] = []  # entries dropped, writes that failed (reported by the build)
        self._writable = True
        self._base = os.fspath(root)
        self._folders: set[str] = set()  # the entry folders made so far (each is made once)

    def path(self, stage: str, key: str) -> Path:
        """Where the entry for (stage, key) lives."""
        return Path(self._file(stage, key))

    def _file(self, stage: str, key: str) -> str:
        return f"{self._base}/{stage}/{key[:2]}/{key}.bin"

    def load(self, stage: str, key: str) -> DocPair | None:
        """The cached pair, or None (missing; a bad entry is deleted and reported)."""
        p = self._file(stage, key)
        try:
            with open(p, "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        try:
            return decode_entry(key, data)
        except OldFormat:  # an upgrade: recomputed and overwritten, nothing to report
            return None
        except BadEntry as exc:
            self.problems.append(f"cache entry {self.path(stage, key)}: {exc}; dropped and recomputed")
            with contextlib.suppress(OSError):
                os.unlink(p)
            return None

    def save(self, stage: str, key: str, pair: DocPair, body: bytes | None = None) -> bytes | None:
        """Store the pair (write then rename: readers never see half an entry) and return the
        entry's :func:`entry_body`; *body*, when given, is the pair's body already encoded. A
        failure to write is reported once and the cache is left alone for the rest of the run
        (None is returned then)."""
        if not self._writable:
            return None
        if body is None:
            body = entry_body(pair)
        try:
            atomic_put(self._file(stage, key), MAGIC + key.encode("ascii") + b"\n" + body, self._folders)
        except OSError as exc:
            self._writable = False
            self.problems.append(f"cache {self.root} cannot be written ({exc.strerror or exc}); "
                                 "building without storing results")
            return None
        return body
