"""A bounded memo: per-text results kept for reuse, since documents repeat sentences (boilerplate,
headings, standard phrasing) and units repeat their texts; the oldest entry goes first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(Generic[K, V]):
    """A map of at most *size* results, made on first use (a value of None is never kept)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.data: dict[K, V] = {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value for *key*, made by *make* (and kept) on first use."""
        value = self.data.get(key)
        if value is None:
            value = make()
            if len(self.data) >= self.size:
                del self.data[next(iter(self.data))]
            self.data[key] = value
        return value

    def __len__(self) -> int:
        return len(self.data)
