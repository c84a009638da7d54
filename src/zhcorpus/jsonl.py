"""Deterministic JSON Lines: sorted keys, UTF-8, no ASCII escaping, LF ends; atomic writes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .atomic import atomic_write
from .errors import InputError
from .reading import open_input


def dumps(obj: Any) -> str:
    """One JSON line (no newline), deterministic."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


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
    with io.TextIOWrapper(open_input(path), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
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
