"""Duplicate and conflict planning over millions of TUs in bounded memory.

Each TU adds a 16-byte digest of its source and an 8-byte digest of its translation(s) (24 bytes
a TU, no text kept; 8 more for its score when the ``best-score`` policy needs it). :meth:`DedupIndex.plan` then says, with numpy sorts, which TUs to write:
identical pairs are merged into their first occurrence (the count goes in ``x-count``), and when
one source has several translations the policy picks which to keep:

- ``all``: keep every translation (the conflicts are reported);
- ``first``: the translation seen first;
- ``most-frequent``: the translation seen most often (ties: the first);
- ``best-score``: the translation with the highest alignment score (ties: the first).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from hashlib import blake2b

import numpy as np

DUPLICATE_POLICIES = ("merge", "keep")
CONFLICT_POLICIES = ("all", "first", "most-frequent", "best-score")
_SEP = "\x00"  # never in a written segment (removed as XML-illegal)


@dataclass
class Plan:
    """Which TUs (by position in the order they were added) to write, and with what count."""

    keep: np.ndarray  # bool per TU
    count: np.ndarray  # int64 per TU: occurrences merged into this one (1 = none)
    merged: int = 0  # TUs merged into an earlier identical one
    conflicts: int = 0  # sources with more than one distinct translation
    conflict_units: int = 0  # TUs whose source has more than one translation
    dropped: int = 0  # TUs dropped by the conflict policy
    examples: list[int] = field(default_factory=list)  # first TU of the first conflicting sources

    def write(self, i: int) -> bool:
        """Whether TU *i* is written."""
        return bool(self.keep[i])


class DedupIndex:
    """Digests of every TU's source and translation, added in write order."""

    def __init__(self, *, scores: bool = True, remember: int = 0) -> None:
        self._seen: set[bytes] | None = set() if remember > 0 else None  # (source, translation) digests
        self._remember = remember
        self._src_hi = bytearray()  # the 16-byte source digest as two 8-byte columns
        self._src_lo = bytearray()
        self._tgt = bytearray()
        self._n = 0
        self._score: array | None = array("d") if scores else None  # only "best-score" needs them
        self._weight: array | None = None  # created when a weight other than 1 is added

    def __len__(self) -> int:
        return self._n

    def add(self, source: str, targets: list[str], score: float, weight: int = 1) -> bool:
        """Record one TU: its source text, its other segments (tag-prefixed), its score and how
        many occurrences it stands for. True when the same source and segments were added before
        (so a plan never writes this TU); known for the first *remember* distinct pairs only,
        False otherwise."""
        digest = blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        self._src_hi += digest[:8]
        self._src_lo += digest[8:]
        tgt = blake2b(_SEP.join(targets).encode("utf-8", "surrogatepass"), digest_size=8).digest()
        self._tgt += tgt
        if self._score is not None:
            self._score.append(score)
        if weight != 1 and self._weight is None:
            self._weight = array("q", [1]) * self._n
        if self._weight is not None:
            self._weight.append(weight)
        self._n += 1
        seen = self._seen
        if seen is None:
            return False
        key = digest + tgt
        if key in seen:
            return True
        if len(seen) < self._remember:
            seen.add(key)
        return False

    def plan(self, duplicates: str = "merge", conflicts: str = "all", *, examples: int = 10) -> Plan:
        """Decide which TUs to write (see the module docstring for the policies)."""
        if duplicates not in DUPLICATE_POLICIES:
            raise ValueError(f"unknown duplicates policy {duplicates!r} (expected {', '.join(DUPLICATE_POLICIES)})")
        if conflicts not in CONFLICT_POLICIES:
            raise ValueError(f"unknown conflicts policy {conflicts!r} (expected {', '.join(CONFLICT_POLICIES)})")
        n = len(self)
        if n == 0:
            return Plan(keep=np.zeros(0, bool), count=np.zeros(0, np.int64))
        # views of the digests (no copies), temporaries dropped as soon as they are used: at a
        # million TUs the plan stays within a few tens of MB
        hi = np.frombuffer(self._src_hi, dtype="<u8")
        lo = np.frombuffer(self._src_lo, dtype="<u8")
        tgt = np.frombuffer(self._tgt, dtype="<u8")
        order = np.lexsort((tgt, lo, hi))  # stable: by source, translation, position
        if n < 2**31:
            order = order.astype(np.int32)  # half the memory for the per-TU index arrays below
        new_src = np.ones(n, bool)
        for col in (hi, lo):
            key = col[order]
            new_src[1:] &= key[1:] == key[:-1]
            del key
        np.logical_not(new_src, out=new_src)
        new_src[0] = True
        key = tgt[order]
        new_pair = new_src.copy()
        new_pair[1:] |= key[1:] != key[:-1]
        del key
        pair_starts = np.flatnonzero(new_pair).astype(order.dtype)
        src_of_pair = (np.cumsum(new_src, dtype=np.int32) - 1)[pair_starts]  # source group of each pair group
        del new_src
        pair_first = order[pair_starts]  # earliest TU of each pair group
        pair_size = np.diff(np.append(pair_starts, n))  # TUs in each pair group
        weight = np.frombuffer(self._weight, dtype=np.int64) if self._weight is not None else None
        pair_count = pair_size if weight is None else np.add.reduceat(weight[order], pair_starts)
        n_pairs = len(pair_starts)
        pairs_per_src = np.bincount(src_of_pair)
        conflicted_pair = pairs_per_src[src_of_pair] > 1

        if conflicts == "all":
            win = np.ones(n_pairs, bool)
        else:
            if conflicts == "first":
                rank = (pair_first,)
            elif conflicts == "most-frequent":
                rank = (pair_first, -pair_count)
            else:
                if self._score is None:
                    raise ValueError("this index was made without scores (DedupIndex(scores=False))")
                score = np.frombuffer(self._score, dtype=np.float64)
                best = np.maximum.reduceat(score[order], pair_starts)
                rank = (pair_first, -best)
            by = np.lexsort((*rank, src_of_pair))  # per source group, the preferred pair first
            win = np.zeros(n_pairs, bool)
            first_of_src = np.ones(n_pairs, bool)
            first_of_src[1:] = src_of_pair[by][1:] != src_of_pair[by][:-1]
            win[by[first_of_src]] = True

        keep = np.zeros(n, bool)
        count = np.ones(n, np.int64) if weight is None else weight.copy()
        if duplicates == "merge":
            keep[pair_first[win]] = True
            count[pair_first] = pair_count
            merged = int(pair_size[win].sum() - win.sum())
        else:
            pair_of_pos = np.cumsum(new_pair) - 1  # pair group of each sorted position
            keep[order[win[pair_of_pos]]] = True
            merged = 0
        # one example per conflicting source: its earliest TU
        src_first = np.full(len(pairs_per_src), n, dtype=np.int64)
        np.minimum.at(src_first, src_of_pair[conflicted_pair], pair_first[conflicted_pair])
        ex = np.sort(src_first[src_first < n])[:examples]
        return Plan(
            keep=keep, count=count, merged=merged,
            conflicts=int((pairs_per_src > 1).sum()),
            conflict_units=int(pair_size[conflicted_pair].sum()),
            dropped=int(pair_size[~win].sum()),
            examples=[int(x) for x in ex],
        )
