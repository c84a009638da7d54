"""Ranking and calibration measures of bead scores (used by the aligner bench scripts)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np


def auc(p: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve of score *p* for label *y* (ties count half)."""
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    allp = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(allp))
    i = 0
    while i < len(allp):  # average ranks of ties
        j = i
        while j + 1 < len(allp) and allp[j + 1] == allp[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(allp))
    r[order] = ranks
    return float((r[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over equal-width score bins."""
    k = np.minimum((p * bins).astype(int), bins - 1)
    return float(sum(abs(p[k == b].mean() - y[k == b].mean()) * (k == b).sum() for b in range(bins)
                     if (k == b).any()) / len(p))


def budget_recall(p: np.ndarray, y: np.ndarray, share: float = 0.15) -> float:
    """Share of the wrong beads (y == 0) among the *share* lowest-scoring beads."""
    n = int(round(share * len(p)))
    low = np.argsort(p, kind="mergesort")[:n]
    wrong = (1 - y).sum()
    return float((1 - y[low]).sum() / wrong) if wrong else float("nan")


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 5) -> list[dict[str, float]]:
    """Per score bin: beads, mean score and the share that is right."""
    k = np.minimum((p * bins).astype(int), bins - 1)
    return [{"lo": b / bins, "hi": (b + 1) / bins, "n": int((k == b).sum()),
             "mean_score": float(p[k == b].mean()) if (k == b).any() else float("nan"),
             "share_right": float(y[k == b].mean()) if (k == b).any() else float("nan")}
            for b in range(bins)]


def mac_dev_path(root: Path) -> Path:
    """MAC-Dev: ``$ZHCORPUS_MAC_DEV``, else ``../shared/mac/dev.jsonl`` beside the repository,
    else one more level up (a worktree)."""
    env = os.environ.get("ZHCORPUS_MAC_DEV")
    if env:
        return Path(env)
    for base in (root.parent, root.parent.parent):
        if (base / "shared" / "mac" / "dev.jsonl").is_file():
            return base / "shared" / "mac" / "dev.jsonl"
    return root.parent / "shared" / "mac" / "dev.jsonl"
