"""Deterministic JSON Lines: sorted keys, UTF-8, no ASCII escaping, LF ends; atomic writes."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import msgspec

from .atomic import atomic_write
from .errors import InputError
from .reading import open_input

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # what json.dumps makes per call


def dumps(obj: Any) -> str:
    """One JSON line (no newline), deterministic."""
    return _ENCODER.encode(obj)


_FAST = msgspec.json.Encoder(order="sorted")  # the same bytes as _ENCODER for what _same() admits, 2-3x faster


def _same(obj: Any) -> bool:
    """Whether msgspec writes *obj* exactly as :func:`dumps` does: str keys, and only str, int,
    bool, None, lists, tuples and floats that ``repr`` writes without an exponent (msgspec writes
    ``1e16`` for ``1e+16``, ``1.5e-7`` for ``1.5e-07``, ``null`` for NaN)."""
    t = type(obj)
    if t is dict:
        for k, v in obj.items():
            if type(k) is not str:
                return False
            tv = type(v)
            if tv is not str and tv is not int and not _same(v):
                return False
        return True
    if t is list or t is tuple:
        for v in obj:
            tv = type(v)
            if tv is not str and tv is not int and not _same(v):
                return False
        return True
    if t is str or t is int or t is bool or obj is None:
        return True
    if t is float:
        return obj == 0.0 or (math.isfinite(obj) and 1e-4 <= abs(obj) < 1e16)
    return False


def encode(obj: Any) -> bytes:
    """:func:`dumps` as UTF-8 bytes, by msgspec where that gives the same bytes (the exports' JSONL)."""
    if _same(obj):
        try:
            return _FAST.encode(obj)
        except (msgspec.EncodeError, OverflowError, UnicodeEncodeError, TypeError):
            pass  # an int beyond 64 bits, a lone surrogate: the standard encoder decides
    return dumps(obj).encode("utf-8")


def write_jsonl(path: str | Path, records: Iterable[Any]) -> int:
    """Write records atomically, one per line; returns the count."""
    n = 0
    with atomic_write(path) as fh:
        for r in records:
            fh.write(dumps(r))
            fh.write("\n")
            n += 1
    return n


def read_jsonl(path: str | Path) -> Iterator[Any]:
    """Read records; a bad line is an InputError naming the file and line."""
    with open_input(path) as fh:
        for n, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02X})", where=f"{n}:{exc.start + 1}") from None
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(path, f"not valid JSON: {exc.msg}", where=f"{n}:{exc.colno}") from None


class JsonlRecords:
    """A JSONL file as a re-iterable of objects (``make`` per record), so a consumer can stream
    it more than once; a record of the wrong shape is an InputError naming the file and record."""

    def __init__(self, path: str | Path, make: Callable[[Any], Any], what: str = "record") -> None:
        self.path, self.make, self.what = Path(path), make, what

    def __iter__(self) -> Iterator[Any]:
        for n, rec in enumerate(read_jsonl(self.path), 1):
            try:
                yield self.make(rec)
            except (TypeError, KeyError, AttributeError) as exc:
                raise InputError(self.path, f"not a {self.what} record: {exc}", where=str(n)) from None
