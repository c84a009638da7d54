"""Deterministic JSON Lines: sorted keys, UTF-8, no ASCII escaping, LF ends; atomic writes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .atomic import atomic_write
from .errors import InputError
from .reading import open_input

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # what json.dumps makes per call


def dumps(obj: Any) -> str:
    """One JSON line (no newline), deterministic."""
    return _ENCODER.encode(obj)


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
