"""Self-training: re-weight and extend the translation table from the confident beads of a pass.

Counts over confident beads say which dictionary senses this document uses (打 → "hit" rather
than "dozen") and which pairs the dictionary lacks (names, idioms): a dictionary pair keeps full
weight when seen, and fades when its Chinese word is frequent but the pair rarely co-occurs;
a new pair enters, weighted by its Dice coefficient, when it co-occurs often enough.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, islice

import numpy as np

from .features import DocFeatures, Units

_SPECIAL = ("#", "p:", "py:")


@dataclass(frozen=True)
class SelfTrainParams:
    """How confident beads are chosen and what the counts may change."""

    confident_share: float = 0.7  # the best-scoring share of linked beads used for counting
    unseen_floor: float = 0.3  # weight of a dictionary sense never seen with a frequent word
    min_word_count: int = 3  # below this many confident beads, a word's senses are left alone
    min_pair_count: int = 2  # a new pair needs this many co-occurrences
    min_dice: float = 0.3  # … and at least this Dice coefficient


def _bead_members(units: Units, beads: Sequence[Sequence[int]], special: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(bead index, token id) pairs, each once, for the units of every bead (specials left out),
    by bead and then token id."""
    us = np.fromiter(chain.from_iterable(beads), dtype=np.int64)
    owner = np.repeat(np.arange(len(beads)), np.array([len(b) for b in beads], dtype=np.int64))
    a, b = units.indptr[us], units.indptr[us + 1]
    counts = b - a
    pos = np.arange(int(counts.sum())) + np.repeat(a - (np.cumsum(counts) - counts), counts)
    size = len(special)
    codes = np.unique(np.repeat(owner, counts) * size + units.ids[pos])  # sorted: by bead, then id
    bead, ids = codes // size, codes % size
    keep = ~special[ids]
    return bead[keep], ids[keep]


@dataclass
class Cooccurrence:
    """Bead counts of zh tokens (``zh``), en stems (``en``) and of pairs (``codes`` = t·|V_en| + s,
    sorted, with ``pair_counts``)."""

    zh: np.ndarray
    en: np.ndarray
    codes: np.ndarray
    pair_counts: np.ndarray

    def pair(self, t: np.ndarray, s: np.ndarray) -> np.ndarray:
        """Counts of the pairs (t, s), elementwise (0 when never seen)."""
        c = t * len(self.en) + s
        k = np.minimum(np.searchsorted(self.codes, c), max(len(self.codes) - 1, 0))
        return np.where((len(self.codes) > 0) & (self.codes[k] == c) if len(self.codes) else False,
                        self.pair_counts[k] if len(self.codes) else 0, 0)


def cooccurrence(f: DocFeatures, beads: Sequence[tuple[Sequence[int], Sequence[int]]]) -> Cooccurrence:
    """Bead counts of zh tokens, en stems and their pairs over *beads* (unit indices)."""
    zspecial = np.array([t.startswith(_SPECIAL) for t in f.zh_vocab], dtype=bool)
    especial = np.array([t.startswith(_SPECIAL) for t in f.en_vocab], dtype=bool)
    zb, zt = _bead_members(f.zh, [z for z, _ in beads], zspecial)
    eb, es = _bead_members(f.en, [e for _, e in beads], especial)
    n_en = len(f.en_vocab)
    ct = np.bincount(zt, minlength=len(f.zh_vocab))
    cs = np.bincount(es, minlength=n_en)
    # join the two sides on the bead index (both are grouped by bead already)
    nb = len(beads)
    zs, ze = np.searchsorted(zb, np.arange(nb)), np.searchsorted(zb, np.arange(nb), "right")
    e0, e1 = np.searchsorted(eb, np.arange(nb)), np.searchsorted(eb, np.arange(nb), "right")
    zc, ec = ze - zs, e1 - e0
    per = zc * ec
    bead = np.repeat(np.arange(nb), per)
    k = np.arange(int(per.sum())) - np.repeat(np.cumsum(per) - per, per)
    step = np.maximum(ec[bead], 1)
    codes = zt[zs[bead] + k // step] * n_en + es[e0[bead] + k % step]
    uniq, counts = np.unique(codes, return_counts=True)
    return Cooccurrence(ct, cs, uniq, counts)


def reweighted(f: DocFeatures, beads: Sequence[tuple[Sequence[int], Sequence[int]]],
               params: SelfTrainParams) -> DocFeatures:
    """A copy of *f* whose translation table is re-weighted and extended from *beads*."""
    co = cooccurrence(f, beads)
    n_en = len(f.en_vocab)
    owner = np.repeat(np.arange(len(f.table)), np.diff(f.tr_indptr))
    seen = co.pair(owner, f.tr_stem)
    n = co.zh[owner] if len(owner) else np.zeros(0)
    q = np.where(n < params.min_word_count, f.tr_q,
                 np.where(2 * seen >= n, 1.0, np.maximum(params.unseen_floor, 2.0 * seen / np.maximum(n, 1))))
    entries = zip(f.tr_stem.tolist(), q.tolist(), strict=True)  # each word's entries in turn
    table = [dict(islice(entries, c)) if c else {} for c in np.diff(f.tr_indptr).tolist()]
    frequent = co.pair_counts >= params.min_pair_count
    t_new, s_new = co.codes[frequent] // n_en, co.codes[frequent] % n_en
    dice = 2.0 * co.pair_counts[frequent] / (co.zh[t_new] + co.en[s_new])
    for t, s, d in zip(t_new.tolist(), s_new.tolist(), dice.tolist(), strict=True):
        if d >= params.min_dice and s not in table[t]:
            table[t][s] = d
    return f.with_table(table)
