"""The aligner core: coarse-to-fine banded search, then self-training and a second search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from . import batched
from .batched import Segment
from .features import DocFeatures
from .search import ALL_TYPES, COARSE_TYPES, Band, Path, band_from_path, dp
from .selftrain import SelfTrainParams, reweighted
from .similarity import BeadScorer, ScoreParams, length_ratio, linked_beads, typical_similarity

TOP_CELLS = 4096  # the coarsest level is searched in full when it has at most this many cells
MARGIN = 8  # band half-width (in units of the finer level) around the projected coarse path


def search_path(f: DocFeatures, params: ScoreParams, types: Sequence[tuple[int, int]] = ALL_TYPES,
                margin: int = MARGIN, top_cells: int = TOP_CELLS,
                near: Path | None = None, ratio: float | None = None) -> tuple[Path, BeadScorer]:
    """The best bead path by coarse-to-fine banded search, and the finest level's scorer.

    *near*, a path from an earlier pass, replaces the coarse levels (search around it);
    *ratio* is the document's en/zh length ratio (default: this text's)."""
    if len(f.zh) == 1 and len(f.en) == 1 and tuple(types) == ALL_TYPES:
        return _one_by_one(f, params, ratio)
    levels = [f]
    while near is None and (len(levels[-1].zh) + 1) * (len(levels[-1].en) + 1) > top_cells \
            and min(len(levels[-1].zh), len(levels[-1].en)) > 4:
        levels.append(f.merged(2 ** len(levels)))
    path: Path | None = None
    scorer: BeadScorer | None = None
    for depth in range(len(levels) - 1, -1, -1):
        g = levels[depth]
        n, m = len(g.zh), len(g.en)
        if near is not None:
            band = band_from_path(near, 1, n, m, margin)
        else:
            band = Band.full(n, m) if path is None else band_from_path(path, 2, n, m, margin)
        level_types = types if depth == 0 else COARSE_TYPES
        level_params = params if depth == 0 or params.weights is None else replace(params, weights=None)
        scorer = BeadScorer(g, band, level_params, reach=max(max(t) for t in level_types), ratio=ratio)
        path = dp(band, level_types, scorer.band_scores(level_types))
    assert path is not None and scorer is not None
    return path, scorer


def _one_by_one(f: DocFeatures, params: ScoreParams, ratio: float | None) -> tuple[Path, BeadScorer]:
    """:func:`search_path` of one zh and one en sentence (any band is the full 2x2 lattice): the
    1-1 bead, or two null beads, decided by :func:`.search.dp`'s own comparisons (same sums, same
    tie rules), with only the 1-1 bead scored."""
    scorer = BeadScorer(f, Band.full(1, 1), params, reach=max(max(t) for t in ALL_TYPES), ratio=ratio)
    s11 = float(scorer.band_scores(((1, 1),))[0, 1, 1])
    s10, s01 = float(params.null_score(1, 0)), float(params.null_score(0, 1))
    row0 = 0.0 + s01  # row 0: (0, 0) then the 0-1 bead to (0, 1)
    via = row0 + s10  # (0, 1) then the 1-0 bead, the only other candidate into (1, 1)
    best, path = (s11, [(0, 1, 0, 1)]) if s11 >= via else (via, [(0, 0, 0, 1), (0, 1, 1, 1)])
    run = max(0.0 + s10 - 0.0, best - s01) + s01  # (1, 0) then the 0-1 bead, as dp's run of skips
    if run > best + 1e-9:
        path = [(0, 1, 0, 0), (1, 1, 0, 1)]
    return path, scorer


def bead_similarities(path: Path, scorer: BeadScorer) -> np.ndarray:
    """The lexical similarity (0..1) of every bead of *path* (0 for 1-0 and 0-1 beads)."""
    out = np.zeros(len(path))
    ends = np.array([(i1, j1, i1 - i0, j1 - j0) for i0, i1, j0, j1 in path], dtype=np.int64)
    if not len(path):
        return out
    for a, b in {(int(a), int(b)) for a, b in ends[:, 2:] if a and b}:
        sel = (ends[:, 2] == a) & (ends[:, 3] == b)
        out[sel] = scorer.similarity(ends[sel, 0], ends[sel, 1], a, b)
    return out


def search_segments(f: DocFeatures, params: ScoreParams, segments: Sequence[Segment],
                    near: Path | None = None) -> tuple[Path, np.ndarray]:
    """Align each segment (a zh range and the en range it must align to) on its own; the beads
    and their similarities, in document coordinates. The small segments searched over their full
    lattice go together through :func:`.batched.search_full` (the same paths, the same bits)."""
    ratio = length_ratio(f)
    found: list[tuple[Path, np.ndarray] | None] = []
    small: list[tuple[int, Segment]] = []
    for (z0, z1), (e0, e1) in segments:
        if z1 == z0 or e1 == e0:  # one side empty: nothing to search
            n, m = z1 - z0, e1 - e0  # (in the segment's coordinates, as every found path)
            beads = [(i, i + 1, 0, 0) for i in range(n)] + [(n, n, j, j + 1) for j in range(m)]
            found.append((beads, np.zeros(len(beads))))
            continue
        local = None
        if near is not None:
            local = [(a - z0, b - z0, c - e0, d - e0) for a, b, c, d in near
                     if z0 <= a and b <= z1 and e0 <= c and d <= e1]
        seg = ((z0, z1), (e0, e1))
        if batched.suits(f, seg, params) and (local is None
                                              or _full(band_from_path(local, 1, z1 - z0, e1 - e0, MARGIN))):
            small.append((len(found), seg))
            found.append(None)
            continue
        g = f.slice((z0, z1), (e0, e1))
        p, scorer = search_path(g, params, near=local, ratio=ratio)
        found.append((p, bead_similarities(p, scorer)))
    if small:
        for (k, _seg), got in zip(small, batched.search_full(f, [seg for _k, seg in small], params, ratio),
                                  strict=True):
            found[k] = got
    path: Path = []
    sims: list[np.ndarray] = []
    for ((z0, _z1), (e0, _e1)), got in zip(segments, found, strict=True):
        assert got is not None
        p, s = got
        path.extend((a + z0, b + z0, c + e0, d + e0) for a, b, c, d in p)
        sims.append(s)
    return path, np.concatenate(sims) if sims else np.zeros(0)


def _full(band: Band) -> bool:
    """Whether *band* is the whole lattice."""
    return not band.lo.any() and bool((band.hi == band.hi[-1]).all())


def align_features(f: DocFeatures, params: ScoreParams, train: SelfTrainParams | None,
                   rounds: int = 1, segments: Sequence[Segment] | None = None,
                   policy: tuple[float, float] | None = None
                   ) -> tuple[Path, np.ndarray, DocFeatures, ScoreParams]:
    """Align; then, ``rounds`` times, re-weight the table from confident beads and re-align.
    *policy* = (similarity, skip): when the first pass's typical bead similarity reaches
    *similarity* (a policy text the dictionary covers well), the later passes charge *skip* for
    a 1-0 or 0-1 bead, and self-training learns from confident 1-1 beads only (a sentence whose
    translation is missing, absorbed into its neighbour's bead, would otherwise teach its words
    as the neighbour's translation). Returns the path, each bead's similarity, the (re-weighted) features and
    the bead score parameters of the last pass."""
    segs = list(segments) if segments is not None else [((0, len(f.zh)), (0, len(f.en)))]
    learned = params
    params = replace(params, weights=None)  # the first pass: the hand-set score (it finds the document's usual)
    path, sims = search_segments(f, params, segs)
    typical = typical_similarity(path, sims)
    params = replace(learned, typical=typical)
    if learned.weights is not None and (train is None or rounds == 0):
        path, sims = search_segments(f, params, segs, near=path)
    is_policy = policy is not None and typical >= policy[0]
    if policy is not None and is_policy:
        params = replace(params, skip=policy[1])
        if train is None or rounds == 0:
            path, sims = search_segments(f, params, segs, near=path)
    for _ in range(rounds if train is not None else 0):
        assert train is not None
        linked = linked_beads(path)
        if not linked:
            break
        cut = np.quantile(sims[linked], 1.0 - train.confident_share)
        confident = [(range(path[k][0], path[k][1]), range(path[k][2], path[k][3]))
                     for k in linked if sims[k] >= cut and (not is_policy or _one_to_one(path[k]))]
        f = reweighted(f, confident, train)
        path, sims = search_segments(f, params, segs, near=path)
    return path, sims, f, params


def _one_to_one(bead: tuple[int, int, int, int]) -> bool:
    """Whether a bead (zh start, end, en start, end) is 1-1."""
    return bead[1] - bead[0] == 1 and bead[3] - bead[2] == 1
