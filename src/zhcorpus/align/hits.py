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


def _unique_inverse(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(x, return_inverse=True)`` for a 1-d array, without its general-case overhead."""
    s = np.sort(x)
    keep = np.empty(len(s), dtype=bool)
    keep[:1] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    u = s[keep]
    return u, np.searchsorted(u, x)


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
    r0 = 0
    while r0 < n:
        r1 = r0 + 1
        while r1 < n and zh.indptr[r1 + 1] - zh.indptr[r0] <= CHUNK_TOKENS:
            r1 += 1
        c0 = int(starts[r0:r1].min())
        c1 = min(m, int(starts[r0:r1].max()) + width)
        if c1 > c0:
            a, b = zh.indptr[r0], zh.indptr[r1]
            zt, zw = zh.ids[a:b], zh.weights[a:b]
            zr = np.repeat(np.arange(r1 - r0), np.diff(zh.indptr[r0:r1 + 1]))
            ut, tinv = _unique_inverse(zt)
            a, b = en.indptr[c0], en.indptr[c1]
            es, ew = en.ids[a:b], en.weights[a:b]
            ec = np.repeat(np.arange(c1 - c0), np.diff(en.indptr[c0:c1 + 1]))
            us, sinv = _unique_inverse(es)
            R, T, S, C = r1 - r0, len(ut), len(us), c1 - c0
            Zw = np.bincount(zr * T + tinv, zw, minlength=R * T).reshape(R, T)
            Ew = np.bincount(sinv * C + ec, ew, minlength=S * C).reshape(S, C)
            loc[us] = np.arange(S)
            idx, owner = _ranges(f.tr_indptr[ut], f.tr_indptr[ut + 1])
            ls = loc[f.tr_stem[idx]]
            loc[us] = -1
            keep = ls >= 0
            owner, ls, q = owner[keep], ls[keep], f.tr_q[idx[keep]]
            # A[t, c] = min(1, sum of weights of t's translations present in en unit c)
            A = np.zeros((T, C))
            if len(owner):
                contrib = q[:, None] * (Ew[ls] > 0)
                first = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
                A[owner[first]] = np.add.reduceat(contrib, first, axis=0)
            zl = Zw @ np.minimum(1.0, A)
            # B[r, s] = min(1, sum over r's tokens of the weight of stem s as their translation)
            tptr = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=T))])
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
