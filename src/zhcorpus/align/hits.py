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


def full_hits(f: DocFeatures, z0: np.ndarray, z1: np.ndarray, e0: np.ndarray, e1: np.ndarray
              ) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per segment (zh units ``z0[s] … z1[s]-1`` against en units ``e0[s] … e1[s]-1`` of *f*, each
    of at most :data:`CHUNK_TOKENS` zh tokens), ``zh_hit`` and ``en_hit`` over its full lattice
    (shape (n, m)): :func:`pair_hits` of the segment asked for the full band, read as a matrix.

    Every segment's bookkeeping runs in one pass over all of them (each segment's blocks laid
    out one after another, the sums taken in the same order); only the two matrix products are
    per segment, with the same operands, so the hits are the same bits."""
    S = len(z0)
    n, C = z1 - z0, e1 - e0
    zp, ep = f.zh.indptr, f.en.indptr
    nz, ne = len(f.zh_vocab), len(f.en_vocab)
    zpos, zseg = _ranges(zp[z0], zp[z1])
    zr = np.repeat(np.arange(len(zp) - 1), np.diff(zp))[zpos] - z0[zseg]
    zt, zw = f.zh.ids[zpos], f.zh.weights[zpos]
    ukey, kinv = np.unique(zseg * nz + zt, return_inverse=True)  # each segment's tokens, sorted
    useg, ut = ukey // nz, ukey % nz
    T = np.bincount(useg, minlength=S)
    tloc = np.arange(len(ukey)) - (np.cumsum(T) - T)[useg]
    epos, eseg = _ranges(ep[e0], ep[e1])
    ec = np.repeat(np.arange(len(ep) - 1), np.diff(ep))[epos] - e0[eseg]
    skey, sinv = np.unique(eseg * ne + f.en.ids[epos], return_inverse=True)  # each segment's stems
    Sn = np.bincount(skey // ne, minlength=S)
    sfirst = np.cumsum(Sn) - Sn
    z_off, e_off = _offsets(n * T), _offsets(Sn * C)
    Zw = np.bincount(z_off[zseg] + zr * T[zseg] + tloc[kinv], zw, minlength=int((n * T).sum()))
    Ew = np.bincount(e_off[eseg] + (sinv - sfirst[eseg]) * C[eseg] + ec, f.en.weights[epos],
                     minlength=int((Sn * C).sum()))
    # each token's translations present among its segment's stems (ls: the stem's row there)
    idx, owner = _ranges(f.tr_indptr[ut], f.tr_indptr[ut + 1])
    oseg = useg[owner]
    key = oseg * ne + f.tr_stem[idx]
    at = np.minimum(np.searchsorted(skey, key), max(len(skey) - 1, 0))
    keep = skey[at] == key if len(skey) else np.zeros(len(key), dtype=bool)
    owner, oseg, q = owner[keep], oseg[keep], f.tr_q[idx[keep]]
    ls = at[keep] - sfirst[oseg]
    tptr = np.searchsorted(owner, np.arange(len(ukey) + 1))
    # A[t, c] = min(1, sum of weights of t's translations present in en unit c)
    width = int(C.max())
    cols = np.arange(width)[None, :]
    A = np.zeros(int((T * C).sum()))
    if len(owner):
        oc = C[oseg][:, None]
        present = (cols < oc) & (Ew[e_off[oseg][:, None] + ls[:, None] * oc + np.minimum(cols, oc - 1)] > 0)
        has = np.flatnonzero(tptr[1:] > tptr[:-1])
        red = np.add.reduceat(q[:, None] * present, tptr[has], axis=0)
        hc = C[useg[has]][:, None]
        inside = cols < hc
        A[(_offsets(T * C)[useg[has]][:, None] + tloc[has][:, None] * hc + cols)[inside]] = red[inside]
    A = np.minimum(1.0, A)
    # B[r, s] = min(1, sum over r's tokens of the weight of stem s as their translation)
    e_idx, occ = _ranges(tptr[kinv], tptr[kinv + 1])
    b_off = _offsets(n * Sn)
    os_ = zseg[occ]
    B = np.minimum(1.0, np.bincount(b_off[os_] + zr[occ] * Sn[os_] + ls[e_idx], q[e_idx],
                                    minlength=int((n * Sn).sum())))
    a_off = _offsets(T * C)
    out = []
    for s, (r, t, c, k) in enumerate(zip(n.tolist(), T.tolist(), C.tolist(), Sn.tolist(), strict=True)):
        zo, ao, bo, eo = int(z_off[s]), int(a_off[s]), int(b_off[s]), int(e_off[s])
        ew = Ew[eo:eo + k * c].reshape(k, c).copy()  # fresh operands, as pair_hits makes them
        out.append((Zw[zo:zo + r * t].reshape(r, t).copy() @ A[ao:ao + t * c].reshape(t, c).copy(),
                    B[bo:bo + r * k].reshape(r, k).copy() @ ew))
    return out


def _offsets(sizes: np.ndarray) -> np.ndarray:
    """Where each of consecutive blocks of *sizes* starts."""
    return np.cumsum(sizes) - sizes
