"""Pairwise overlaps of zh and en units inside a band, by chunks of small matrix products.

For a pair (zh unit z, en unit e): ``zh_hit[z, e]`` is the weight of z's tokens with a
translation in e, ``en_hit[z, e]`` the weight of e's stems that translate some token of z.
"""

from __future__ import annotations

import numpy as np

from .features import DocFeatures

CHUNK_TOKENS = 600  # zh tokens per chunk of rows


def _ranges(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated ``arange(s, e)`` for each pair, and which pair each element came from."""
    counts = ends - starts
    owner = np.repeat(np.arange(len(starts)), counts)
    return np.arange(len(owner)) + np.repeat(starts - (np.cumsum(counts) - counts), counts), owner


def _dense_unique(x: np.ndarray, mark: np.ndarray, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(x, return_inverse=True)`` for ids below ``len(mark)``, by a vocabulary-sized mask:
    *mark* (all False) comes back all False, *pos* is scratch (its entries at *x* set)."""
    mark[x] = True
    u = np.flatnonzero(mark)
    mark[u] = False
    pos[u] = np.arange(len(u))
    return u, pos[x]


def pair_hits(f: DocFeatures, starts: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """``zh_hit`` and ``en_hit`` of zh unit z against en units ``starts[z] … starts[z]+width-1``
    (arrays of shape (n_zh, width); columns outside the document stay 0).

    A token's hit in a unit saturates at 1 (``min(1, Σ stem weights present)``), so a word is
    counted once however many of its translations appear."""
    zh, en = f.zh, f.en
    n, m = len(zh), len(en)
    zh_hit = np.zeros((n, width))
    en_hit = np.zeros((n, width))
    if n == 0 or m == 0:
        return zh_hit, en_hit
    loc = np.full(len(f.en_vocab), -1, dtype=np.int64)
    emark = np.zeros(len(f.en_vocab), dtype=bool)
    zmark = np.zeros(len(f.zh_vocab), dtype=bool)
    zpos = np.empty(len(f.zh_vocab), dtype=np.int64)
    zp = zh.indptr
    r0 = 0
    while r0 < n:
        if zp[n] - zp[r0] <= CHUNK_TOKENS:  # the rest fits in one chunk (the loop below would end at n)
            r1 = n
        else:
            r1 = r0 + 1
            while r1 < n and zp[r1 + 1] - zp[r0] <= CHUNK_TOKENS:
                r1 += 1
        c0 = int(starts[r0:r1].min())
        c1 = min(m, int(starts[r0:r1].max()) + width)
        if c1 > c0:
            a, b = zp[r0], zp[r1]
            zt, zw = zh.ids[a:b], zh.weights[a:b]
            zr = np.repeat(np.arange(r1 - r0), zp[r0 + 1:r1 + 1] - zp[r0:r1])
            ut, tinv = _dense_unique(zt, zmark, zpos)
            ep = en.indptr
            a, b = ep[c0], ep[c1]
            es, ew = en.ids[a:b], en.weights[a:b]
            ec = np.repeat(np.arange(c1 - c0), ep[c0 + 1:c1 + 1] - ep[c0:c1])
            us, sinv = _dense_unique(es, emark, loc)  # loc: each stem's row among us, -1 off us
            R, T, S, C = r1 - r0, len(ut), len(us), c1 - c0
            Zw = np.bincount(zr * T + tinv, zw, minlength=R * T).reshape(R, T)
            Ew = np.bincount(sinv * C + ec, ew, minlength=S * C).reshape(S, C)
            idx, owner = _ranges(f.tr_indptr[ut], f.tr_indptr[ut + 1])
            ls = loc[f.tr_stem[idx]]
            loc[us] = -1
            keep = ls >= 0
            owner, ls, q = owner[keep], ls[keep], f.tr_q[idx[keep]]
            # A[t, c] = min(1, sum of weights of t's translations present in en unit c)
            tptr = np.searchsorted(owner, np.arange(T + 1))  # owner is sorted: token t's entries
            A = np.zeros((T, C))
            if len(owner):
                contrib = q[:, None] * (Ew[ls] > 0)
                has = tptr[1:] > tptr[:-1]
                A[np.flatnonzero(has)] = np.add.reduceat(contrib, tptr[:-1][has], axis=0)
            zl = Zw @ np.minimum(1.0, A)
            # B[r, s] = min(1, sum over r's tokens of the weight of stem s as their translation)
            e_idx, occ = _ranges(tptr[tinv], tptr[tinv + 1])
            B = np.bincount(zr[occ] * S + ls[e_idx], q[e_idx], minlength=R * S).reshape(R, S)
            el = np.minimum(1.0, B) @ Ew
            if (starts[r0:r1] == c0).all():  # every row from the same column (a paragraph): slices
                w = min(width, C)
                zh_hit[r0:r1, :w] = zl[:, :w]
                en_hit[r0:r1, :w] = el[:, :w]
                r0 = r1
                continue
            cols = (starts[r0:r1] - c0)[:, None] + np.arange(width)[None, :]
            ok = cols < C
            cols = np.where(ok, cols, 0)
            rows = np.arange(R)[:, None]
            zh_hit[r0:r1] = np.where(ok, zl[rows, cols], 0.0)
            en_hit[r0:r1] = np.where(ok, el[rows, cols], 0.0)
        r0 = r1
    return zh_hit, en_hit
