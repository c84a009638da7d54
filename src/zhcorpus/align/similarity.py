"""Bead scores: lexical similarity of the concatenated sentences, a length term and type priors.

``sim`` is a coverage Dice: (zh weight with a translation in the English side + English weight
translating something on the Chinese side) / (all matchable weight of both sides). For a
concatenation it is computed from the pairwise hits, each sentence's coverage capped at its own
weight. A bead (a, b) scores ``(a+b)**size_exponent * sim - length_weight * length_nll -
type_penalty``; 1-0 and 0-1 beads score ``-skip``. All cells of a band are scored at once. With
``ScoreParams.weights`` set, beads score by the learned CRF potential of :mod:`.beadscore` instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from . import beadscore
from .features import DocFeatures
from .hits import pair_hits
from .search import NEG, Band, Path


def _default_penalties() -> dict[tuple[int, int], float]:
    return {(1, 1): 0.0, (1, 2): 0.5, (2, 1): 0.6, (1, 3): 1.0, (3, 1): 1.0, (2, 2): 1.2,
            (1, 4): 1.5, (4, 1): 1.5, (2, 3): 1.5, (3, 2): 1.5, (1, 5): 2.0, (1, 6): 2.5, (2, 4): 2.0,
            (3, 3): 2.0}


DEFAULT_SKIP = 0.82


@dataclass(frozen=True)
class ScoreParams:
    """Weights of the bead score (chosen on MAC-Dev, checked leave-one-document-out)."""

    length_weight: float = 0.7
    length_sigma: float = 0.45  # std. dev. of log(en length / expected en length)
    length_smooth: float = 20.0  # characters added to both sides before taking the ratio
    skip: float = DEFAULT_SKIP  # penalty for a 1-0 or 0-1 bead
    size_exponent: float = 0.75  # a bead's similarity counts (a+b)**size_exponent times
    type_penalty: dict[tuple[int, int], float] = field(default_factory=_default_penalties)
    embedding_weight: float = 0.5  # share of the embedding cosine in the similarity, when present
    orphan_weight: float = 0.0  # cost of each sentence of a multi-sentence side whose content finds
    orphan_coverage: float = 0.2  # ... less than this share of its weight translated on the other side
    orphan_unique: float = 0.05  # ... or explains less than this share of the other side alone
    orphan_mass: float = 2.0  # sentences with less matchable weight than this are never orphans
    weights: tuple[float, ...] | None = None  # learned bead score (.beadscore.FEATURES); None: the hand-set one
    typical: float = 0.0  # the document's median bead similarity after the first pass (read by the learned score)

    def null_score(self, a: int = 1, b: int = 0) -> float:
        """The score of a 1-0 (a=1) or 0-1 (b=1) bead. With learned weights, a ``skip`` other
        than the default (a policy text's cheaper null bead) shifts it by the difference."""
        if self.weights is None:
            return -self.skip
        return (beadscore.SCALE * beadscore.null_potential(self.weights, a, b, self.typical)
                + (DEFAULT_SKIP - self.skip))


@dataclass
class PairTable:
    """Pairwise hits of zh unit z with en units ``start[z] … start[z]+width-1`` (+1 zero column)."""

    start: np.ndarray
    zh_hit: np.ndarray
    en_hit: np.ndarray

    def take(self, hits: np.ndarray, z: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """hits[z, cols] elementwise, with columns outside the stored range read as 0."""
        return hits[z, self.stored(z, cols)]

    def stored(self, z: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Where document columns *cols* of zh units *z* are stored in ``zh_hit``/``en_hit`` (the
        zero pad column for those outside the stored range)."""
        k = cols - self.start[z]
        w = self.zh_hit.shape[1] - 1
        return np.where((k >= 0) & (k < w), k, w)


def pair_table(f: DocFeatures, band: Band, reach: int) -> PairTable:
    """The pairwise hits needed by beads of up to *reach* sentences per side inside *band*."""
    n = len(f.zh)
    if n == 0:
        return PairTable(np.zeros(0, dtype=np.int64), np.zeros((0, 1)), np.zeros((0, 1)))
    idx = np.minimum(np.arange(n)[:, None] + np.arange(1, reach + 1)[None, :], n)
    start = np.maximum(0, band.lo[idx].min(axis=1) - reach)
    end = band.hi[idx].max(axis=1)
    width = int((end - start).max()) + 1
    zh_hit, en_hit = pair_hits(f, start, width)
    pad = np.zeros((n, 1))
    return PairTable(start, np.hstack([zh_hit, pad]), np.hstack([en_hit, pad]))


def beads_hits(t: PairTable, beads: Sequence[tuple[int, int, int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """``zh_hit`` and ``en_hit`` of every sentence pair of every (non-empty) bead, bead after bead
    and row by row, flat (one gather each)."""
    z = np.concatenate([np.repeat(np.arange(i0, i1), j1 - j0) for i0, i1, j0, j1 in beads])
    e = np.concatenate([np.tile(np.arange(j0, j1), i1 - i0) for i0, i1, j0, j1 in beads])
    col = t.stored(z, e)
    return t.zh_hit[z, col], t.en_hit[z, col]


def bead_hits(t: PairTable, i0: int, i1: int, j0: int, j1: int) -> tuple[np.ndarray, np.ndarray]:
    """``zh_hit`` and ``en_hit`` of every sentence pair of the bead (zh i0 … i1-1, en j0 … j1-1),
    as (i1-i0, j1-j0) matrices."""
    zh, en = beads_hits(t, [(i0, i1, j0, j1)])
    return zh.reshape(i1 - i0, j1 - j0), en.reshape(i1 - i0, j1 - j0)


EXPECTED_RATIO = 4.3  # English characters per Chinese character (MAC-Dev 3.4–5.2, seeds 4.6–5.4)


def length_ratio(f: DocFeatures) -> float:
    """English characters per Chinese character over the document, kept within a factor of two
    of the usual ratio (a pair of very different lengths would otherwise skew every bead)."""
    zl, el = float(f.zh.lengths.sum()), float(f.en.lengths.sum())
    if zl <= 0 or el <= 0:
        return EXPECTED_RATIO
    return min(max(el / zl, EXPECTED_RATIO / 2), EXPECTED_RATIO * 2)


def linked_beads(path: Path) -> list[int]:
    """The indexes of the beads of *path* with sentences on both sides."""
    return [k for k, (i0, i1, j0, j1) in enumerate(path) if i1 > i0 and j1 > j0]


def typical_similarity(path: Path, sims: np.ndarray) -> float:
    """The median similarity of the linked beads of a path, the document's usual (0 when none)."""
    linked = linked_beads(path)
    return float(np.median(sims[linked])) if linked else 0.0


class BeadScorer:
    """Similarity and score of beads of a document inside a band."""

    def __init__(self, f: DocFeatures, band: Band, params: ScoreParams, reach: int = 6,
                 ratio: float | np.ndarray | None = None) -> None:
        self.f, self.p, self.band = f, params, band
        self.table = pair_table(f, band, reach)
        zl, el = f.zh.lengths, f.en.lengths
        r = ratio if ratio is not None else length_ratio(f)
        self.ratio = (np.full(len(f.zh) + 1, float(r)) if np.ndim(r) == 0  # by bead end
                      else np.broadcast_to(np.asarray(r, dtype=float), (len(f.zh) + 1,)))
        self.zlen_c = np.concatenate([[0.0], np.cumsum(zl)])
        self.elen_c = np.concatenate([[0.0], np.cumsum(el)])
        self.zm_c = np.concatenate([[0.0], np.cumsum(f.zh.mass)])
        self.em_c = np.concatenate([[0.0], np.cumsum(f.en.mass)])
        self.zm = np.concatenate([f.zh.mass, [0.0]])
        self.em = np.concatenate([f.en.mass, [0.0]])
        self.zv_c = self.ev_c = None
        if f.zh_vec is not None and f.en_vec is not None:
            d = f.zh_vec.shape[1]
            self.zv_c = np.vstack([np.zeros((1, d)), np.cumsum(f.zh_vec, axis=0)])
            self.ev_c = np.vstack([np.zeros((1, d)), np.cumsum(f.en_vec, axis=0)])

    def similarity(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Coverage Dice of zh units i-a … i-1 with en units j-b … j-1 (elementwise; a, b ≥ 1;
        the caller guarantees i ≥ a and j ≥ b)."""
        grid = self._lattice()
        if grid is not None:  # computed for the whole lattice (once, for every reader)
            grid.scores(a, b)
            return grid.sims[a, b][np.asarray(i) - a, np.asarray(j) - b]
        return self.parts(i, j, a, b)[0]

    def _lattice(self) -> _GridScores | None:
        """The scores of the whole lattice when they suit this scorer (see :class:`_GridScores`),
        made on first use and shared by :meth:`score`, :meth:`similarity` and :meth:`band_scores`."""
        if "_grid" not in self.__dict__:
            lo, hi = self.band.lo, self.band.hi
            self._grid = _GridScores(self) if _GridScores.suits(self, int((hi - lo).max()) + 1) else None
        return self._grid

    def parts(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """The similarity and the orphan count of beads. On a side with two or more sentences, a
        sentence is an orphan when little of its own content is translated on the other side,
        or when it explains little of the other side that its companions do not already
        explain (legal texts repeat their words: 第十二条 joined to Article 11)."""
        p = self.p
        zh_hit, en_hit, rows, cols, zm, em, cz, ce = self._cover(i, j, a, b)
        orphans = np.zeros(i.shape)
        if p.orphan_weight > 0 and a > 1:
            for dz in range(a):
                gain = sum(np.minimum(cols[de], em[de]) - np.minimum(cols[de] - en_hit[dz][de], em[de])
                           for de in range(b))
                orphans += _orphan(rows[dz], zm[dz], gain / np.maximum(ce, 1e-9), p)
        if p.orphan_weight > 0 and b > 1:
            for de in range(b):
                gain = sum(np.minimum(rows[dz], zm[dz]) - np.minimum(rows[dz] - zh_hit[dz][de], zm[dz])
                           for dz in range(a))
                orphans += _orphan(cols[de], em[de], gain / np.maximum(cz, 1e-9), p)
        den = (self.zm_c[i] - self.zm_c[i - a]) + (self.em_c[j] - self.em_c[j - b])
        lexical = np.where(den > 0, (cz + ce) / np.maximum(den, 1e-9), 0.0)
        if self.zv_c is None or self.ev_c is None:
            return lexical, orphans
        w = self.p.embedding_weight
        return (1 - w) * lexical + w * self.cosine(i, j, a, b), orphans

    def _cover(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> tuple:
        """Pairwise hits of the sentences of beads (a, b) ending at (i, j), their row and column
        sums, the sentences' matchable weights, and each side's translated weight."""
        t = self.table
        zm = [self.zm[i - a + dz] for dz in range(a)]
        em = [self.em[j - b + de] for de in range(b)]
        # [dz][de]: every pair of sentences at once (gathered together; the same cells)
        z = np.add.outer(np.arange(a), np.add.outer(np.zeros(b, dtype=np.int64), i - a))
        e = np.add.outer(np.zeros(a, dtype=np.int64), np.add.outer(np.arange(b), j - b))
        col = t.stored(z, e)
        zh_hit, en_hit = t.zh_hit[z, col], t.en_hit[z, col]
        rows = [sum(zh_hit[dz]) for dz in range(a)]
        cols = [sum(en_hit[dz][de] for dz in range(a)) for de in range(b)]
        cz = sum(np.minimum(rows[dz], zm[dz]) for dz in range(a))
        ce = sum(np.minimum(cols[de], em[de]) for de in range(b))
        return zh_hit, en_hit, rows, cols, zm, em, cz, ce

    def learned_parts(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> list[np.ndarray]:
        """The :data:`.beadscore.CONTINUOUS` features of linked beads (a, b) ending at (i, j)."""
        _zh, _en, rows, cols, zm, em, cz, ce = self._cover(i, j, a, b)
        zmass = self.zm_c[i] - self.zm_c[i - a]
        emass = self.em_c[j] - self.em_c[j - b]
        den = zmass + emass
        sim = np.where(den > 0, (cz + ce) / np.maximum(den, 1e-9), 0.0)  # as parts() computes it
        if self.zv_c is not None and self.ev_c is not None:
            sim = (1 - self.p.embedding_weight) * sim + self.p.embedding_weight * self.cosine(i, j, a, b)
        r = self.log_ratio(i, j, a, b)
        weak_zh = beadscore.weakest([np.minimum(x, w) for x, w in zip(rows, zm, strict=True)], zm)
        weak_en = beadscore.weakest([np.minimum(x, w) for x, w in zip(cols, em, strict=True)], em)
        return beadscore.continuous(sim, cz, ce, zmass, emass, r, r * r / (2 * self.p.length_sigma ** 2),
                                    weak_zh, weak_en, self.p.typical, a, b)

    def log_ratio(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """log of the beads' (smoothed) English length over the length the document's ratio expects."""
        lz = self.zlen_c[i] - self.zlen_c[i - a]
        le = self.elen_c[j] - self.elen_c[j - b]
        k = self.p.length_smooth
        return np.log((le + k) / (self.ratio[i] * lz + k))

    def cosine(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Cosine (floored at 0) of the summed embeddings of the two sides of each bead."""
        assert self.zv_c is not None and self.ev_c is not None
        x = self.zv_c[i] - self.zv_c[i - a]
        y = self.ev_c[j] - self.ev_c[j - b]
        num = np.einsum("kd,kd->k", x, y)
        den = np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1)
        return np.maximum(np.where(den > 0, num / np.maximum(den, 1e-12), 0.0), 0.0)

    def length_nll(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Negative log-likelihood of the en/zh length ratio under the document's ratio."""
        r = self.log_ratio(i, j, a, b)
        return r * r / (2 * self.p.length_sigma ** 2)

    def score(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """The DP score of a bead (a, b) ending at lattice points (i, j)."""
        if a == 0 or b == 0:
            return np.full(i.shape, self.p.null_score(a, b))
        grid = self._lattice()
        if grid is not None:
            return grid.scores(a, b)[np.asarray(i) - a, np.asarray(j) - b]
        if self.p.weights is not None:
            return beadscore.SCALE * beadscore.potential(self.p.weights, self.learned_parts(i, j, a, b), a, b)
        sim, orphans = self.parts(i, j, a, b)
        return ((a + b) ** self.p.size_exponent * sim - self.p.length_weight * self.length_nll(i, j, a, b)
                - self.p.type_penalty.get((a, b), 0.0) - self.p.orphan_weight * orphans)

    def band_scores(self, types: Sequence[tuple[int, int]]) -> np.ndarray:
        """Scores of every type at every band cell: shape (types, n+1, width); NEG outside."""
        lo, hi = self.band.lo, self.band.hi
        n = len(lo) - 1
        width = int((hi - lo).max()) + 1
        out = np.full((len(types), n + 1, width), NEG)
        grid = self._lattice()
        m = len(self.f.en)
        if grid is not None and self.p.weights is None:
            grid.hand_scores([(a, b) for a, b in types if 0 < a <= n and 0 < b <= m])  # every linked type at once
        if grid is not None and width == m + 1 and not lo.any() and (hi == m).all():
            # the full lattice (a paragraph's search): the type's scores are one slice each
            for k, (a, b) in enumerate(types):
                if a <= n and b <= m:
                    out[k, a:, b:] = grid.scores(a, b) if a > 0 and b > 0 else self.p.null_score(a, b)
            return out
        ii = np.repeat(np.arange(n + 1)[:, None], width, axis=1)
        jj = lo[:, None] + np.arange(width)[None, :]
        inside = jj <= hi[:, None]
        for k, (a, b) in enumerate(types):
            ok = inside & (ii >= a) & (jj >= b)
            if ok.any():
                if grid is not None and a > 0 and b > 0:
                    out[k][ok] = grid.scores(a, b)[ii[ok] - a, jj[ok] - b]
                else:
                    out[k][ok] = self.score(ii[ok], jj[ok], a, b)
        return out


class _GridScores:
    """The bead scores of a small document (or paragraph) at *every* lattice point at once.

    The pairwise hits are laid out as dense (zh, en) matrices, so the sentences of a bead are
    shifted slices rather than gathered cells, and the per-sentence sums of bead (a, b) build on
    those of (a-1, b) and (a, b-1). Every value is computed with the same floating-point
    operations in the same order as :meth:`BeadScorer.parts` and :meth:`BeadScorer.score`, so
    the scores are identical, bit for bit; only the bookkeeping is cheaper.
    """

    MAX_CELLS = 1 << 16  # lattice points up to which the whole lattice is scored
    BAND_SHARE = 8  # ... when it is at most this many times the band

    @classmethod
    def suits(cls, scorer: BeadScorer, width: int) -> bool:
        """Whether *scorer*'s band is small and full enough (and its score plain enough)."""
        n, m = len(scorer.f.zh), len(scorer.f.en)
        cells = (n + 1) * (m + 1)
        p = scorer.p
        return (n > 0 and m > 0 and cells <= cls.MAX_CELLS and cells <= cls.BAND_SHARE * (n + 1) * width
                and p.orphan_weight == 0 and scorer.zv_c is None)

    def __init__(self, scorer: BeadScorer) -> None:
        self.s = scorer
        n, m = len(scorer.f.zh), len(scorer.f.en)
        self.n, self.m = n, m
        t = scorer.table
        self.zh_hit = self._dense(t.start, t.zh_hit, n, m)
        self.en_hit = self._dense(t.start, t.en_hit, n, m)
        self.zm = scorer.zm[:n, None]
        self.em = scorer.em[None, :m]
        self._rows: dict[int, np.ndarray] = {}  # b -> min(zh coverage over b en sentences, zh mass)
        self._cols: dict[int, np.ndarray] = {}  # a -> min(en coverage over a zh sentences, en mass)
        self._racc: dict[int, np.ndarray] = {}  # b -> zh coverage over b en sentences (before the min)
        self._cacc: dict[int, np.ndarray] = {}  # a -> en coverage over a zh sentences (before the min)
        self._cz: dict[tuple[int, int], np.ndarray] = {}
        self._ce: dict[tuple[int, int], np.ndarray] = {}
        self._out: dict[tuple[int, int], np.ndarray] = {}
        self._zside: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._eside: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.sims: dict[tuple[int, int], np.ndarray] = {}  # (a, b) -> [r, s]: the beads' similarity

    @staticmethod
    def _dense(start: np.ndarray, hits: np.ndarray, n: int, m: int) -> np.ndarray:
        """``hits`` (row z: columns ``start[z]`` …, last column the zero pad) as an (n, m) matrix,
        0 outside the stored range, as :meth:`PairTable.take` reads it."""
        width = hits.shape[1] - 1
        out = np.zeros((n, m + width))
        cols = start[:, None] + np.arange(width)[None, :]
        out[np.arange(n)[:, None], cols] = hits[:, :width]
        return out[:, :m]

    def _row_sums(self, b: int) -> np.ndarray:
        """[z, s]: min(Σ_{de<b} zh_hit[z, s+de], zm[z]) (the sum taken in order, from de = 0)."""
        if b not in self._rows:
            self._rows[b] = np.minimum(self._row_acc(b), self.zm)
        return self._rows[b]

    def _row_acc(self, b: int) -> np.ndarray:
        """[z, s]: Σ_{de<b} zh_hit[z, s+de], added from de = 0 (the sum for b-1, plus one more)."""
        if b not in self._racc:
            self._racc[b] = self.zh_hit if b == 1 else self._row_acc(b - 1)[:, :self.m - b + 1] + self.zh_hit[:, b - 1:]
        return self._racc[b]

    def _col_acc(self, a: int) -> np.ndarray:
        """[r, e]: Σ_{dz<a} en_hit[r+dz, e], added from dz = 0 (the sum for a-1, plus one more)."""
        if a not in self._cacc:
            self._cacc[a] = self.en_hit if a == 1 else self._col_acc(a - 1)[:self.n - a + 1] + self.en_hit[a - 1:]
        return self._cacc[a]

    def _col_sums(self, a: int) -> np.ndarray:
        """[r, e]: min(Σ_{dz<a} en_hit[r+dz, e], em[e]) (the sum taken in order, from dz = 0)."""
        if a not in self._cols:
            self._cols[a] = np.minimum(self._col_acc(a), self.em)
        return self._cols[a]

    def _zh_cover(self, a: int, b: int) -> np.ndarray:
        """[r, s]: the zh side's covered weight of the bead of zh r … r+a-1 and en s … s+b-1."""
        key = (a, b)
        if key not in self._cz:
            rows = self._row_sums(b)
            self._cz[key] = rows if a == 1 else self._zh_cover(a - 1, b)[:self.n - a + 1] + rows[a - 1:]
        return self._cz[key]

    def _en_cover(self, a: int, b: int) -> np.ndarray:
        """[r, s]: the en side's covered weight of the same bead."""
        key = (a, b)
        if key not in self._ce:
            cols = self._col_sums(a)
            self._ce[key] = cols if b == 1 else self._en_cover(a, b - 1)[:, :self.m - b + 1] + cols[:, b - 1:]
        return self._ce[key]

    def scores(self, a: int, b: int) -> np.ndarray:
        """[r, s]: the score of bead (a, b) from lattice point (r, s) to (r+a, s+b)."""
        key = (a, b)
        if key not in self._out:
            p, n, m = self.s.p, self.n, self.m
            cz, ce = self._zh_cover(a, b), self._en_cover(a, b)
            zpart, zlen = self._zh_side(a)
            epart, elen = self._en_side(b)
            den = zpart[:, None] + epart[None, :]
            sim = self.sims[key] = np.where(den > 0, (cz + ce) / np.maximum(den, 1e-9), 0.0)
            r = np.log(elen / zlen)
            nll = r * r / (2 * p.length_sigma ** 2)
            if p.weights is not None:
                zmass, emass = zpart[:, None] + 0 * epart[None, :], epart[None, :] + 0 * zpart[:, None]
                rows, cols = self._row_sums(b), self._col_sums(a)
                weak_zh = beadscore.weakest([rows[dz:n - a + 1 + dz] for dz in range(a)],
                                            [self.zm[dz:n - a + 1 + dz] for dz in range(a)])
                weak_en = beadscore.weakest([cols[:, de:m - b + 1 + de] for de in range(b)],
                                            [self.em[:, de:m - b + 1 + de] for de in range(b)])
                parts = beadscore.continuous(sim, cz, ce, zmass, emass, r, nll, weak_zh, weak_en, p.typical, a, b)
                self._out[key] = beadscore.SCALE * beadscore.potential(p.weights, parts, a, b)
                return self._out[key]
            # no orphan term: suits() takes only scorers whose orphan weight is 0
            self._out[key] = ((a + b) ** p.size_exponent * sim - p.length_weight * nll
                              - p.type_penalty.get((a, b), 0.0))
        return self._out[key]

    def hand_scores(self, pairs: list[tuple[int, int]]) -> None:
        """:meth:`scores` (and the similarities) of several linked bead types of the hand-set
        score at once: each type's arrays are laid into one stack (padded), then every operation
        of :meth:`scores` runs once on the stack. Elementwise, the same operations on the same
        numbers: the same bits; only the count of numpy calls falls."""
        p, n, m = self.s.p, self.n, self.m
        todo = [(a, b) for a, b in pairs if (a, b) not in self._out]
        if len(todo) < 2:
            return
        t = len(todo)
        cover = np.zeros((t, n, m))
        zpart, zlen = np.zeros((t, n, 1)), np.ones((t, n, 1))
        epart, elen = np.zeros((t, 1, m)), np.ones((t, 1, m))
        for k, (a, b) in enumerate(todo):
            za, zl = self._zh_side(a)
            eb, el = self._en_side(b)
            np.add(self._zh_cover(a, b), self._en_cover(a, b), out=cover[k, :n - a + 1, :m - b + 1])
            zpart[k, :n - a + 1, 0] = za
            zlen[k, :n - a + 1] = zl
            epart[k, 0, :m - b + 1] = eb
            elen[k, :, :m - b + 1] = el
        den = zpart + epart
        sim = np.where(den > 0, cover / np.maximum(den, 1e-9), 0.0)
        r = np.log(elen / zlen)
        nll = r * r / (2 * p.length_sigma ** 2)
        size = np.array([(a + b) ** p.size_exponent for a, b in todo])[:, None, None]
        penalty = np.array([p.type_penalty.get((a, b), 0.0) for a, b in todo])[:, None, None]
        out = size * sim - p.length_weight * nll - penalty
        for k, (a, b) in enumerate(todo):
            self.sims[a, b] = sim[k, :n - a + 1, :m - b + 1]
            self._out[a, b] = out[k, :n - a + 1, :m - b + 1]

    def _zh_side(self, a: int) -> tuple[np.ndarray, np.ndarray]:
        """Per zh start r: the matchable weight of zh r … r+a-1, and the length term's denominator."""
        if a not in self._zside:
            sc, n = self.s, self.n
            lz = sc.zlen_c[a:n + 1] - sc.zlen_c[:n - a + 1]
            self._zside[a] = (sc.zm_c[a:n + 1] - sc.zm_c[:n - a + 1],
                              sc.ratio[a:n + 1, None] * lz[:, None] + sc.p.length_smooth)
        return self._zside[a]

    def _en_side(self, b: int) -> tuple[np.ndarray, np.ndarray]:
        """Per en start s: the matchable weight of en s … s+b-1, and the length term's numerator."""
        if b not in self._eside:
            sc, m = self.s, self.m
            le = sc.elen_c[b:m + 1] - sc.elen_c[:m - b + 1]
            self._eside[b] = (sc.em_c[b:m + 1] - sc.em_c[:m - b + 1], le[None, :] + sc.p.length_smooth)
        return self._eside[b]


def _orphan(hit: np.ndarray, mass: np.ndarray, unique: np.ndarray, p: ScoreParams) -> np.ndarray:
    """1 for a sentence with matchable content of which almost none is translated, or which adds
    almost nothing to the bead's other side (*unique*: the share of the other side's translated
    weight that only this sentence explains); easing to 0 at ``orphan_coverage``."""
    cov = np.minimum(hit, mass) / np.maximum(mass, 1e-9)
    evidence = np.minimum(cov / p.orphan_coverage, unique / p.orphan_unique)
    return np.where(mass >= p.orphan_mass, np.maximum(0.0, 1.0 - evidence), 0.0)
