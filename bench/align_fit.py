"""Fit the aligner's confidence model on MAC-Dev gold and report it leave-one-document-out.

For every MAC-Dev document the aligner's beads and their features (zhcorpus.align.beadfeatures)
are collected, each bead labelled 1 when it is exactly a gold bead. A logistic regression
(L2-regularised IRLS in numpy) is fitted six times, each time on five documents and scored on
the sixth; the pooled held-out scores give AUC, expected calibration error, the share of wrong
beads among the 15% lowest-scoring beads, and a reliability table. ``--write`` fits on all six
documents and writes the weights into src/zhcorpus/align/confidence.py. Only numbers are
printed: no MAC-Dev text leaves this script.

    python bench/align_fit.py            # LODO report
    python bench/align_fit.py --write    # ... and export the weights
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from align_metrics import auc, budget_recall, ece, mac_dev_path, reliability  # noqa: E402
from zhcorpus.align import Aligner  # noqa: E402
from zhcorpus.align.beadfeatures import FEATURES  # noqa: E402
from zhcorpus.align.goldfile import read_gold  # noqa: E402

MAC = mac_dev_path(ROOT)
CONF = ROOT / "src" / "zhcorpus" / "align" / "confidence.py"
LAMBDA = 0.1  # L2 strength (chosen leave-one-document-out among 0.1, 1, 3, 10)


def irls(x: np.ndarray, y: np.ndarray, lam: float = LAMBDA, iterations: int = 50) -> np.ndarray:
    """Logistic regression weights by Newton's method with an L2 penalty (no intercept: the
    features hold a constant)."""
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        h = x.T @ (x * (p * (1 - p))[:, None]) + lam * np.eye(len(w))
        step = np.linalg.solve(h, x.T @ (y - p) - lam * w)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    return w


def collect(path: Path) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(document, features, labels) for each document of a gold file."""
    aligner = Aligner()
    out = []
    for d in read_gold(path):
        beads, x, _f = aligner.bead_features(d.zh, d.en, zh_paragraphs=d.zh_paragraphs,
                                             en_paragraphs=d.en_paragraphs)
        gold = {(tuple(sorted(z)), tuple(sorted(e))) for z, e in d.gold}
        y = np.array([(tuple(range(a, b)), tuple(range(c, e))) in gold for a, b, c, e in beads], dtype=float)
        out.append((d.doc, x, y))
    return out


def lodo(docs: list[tuple[str, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Held-out scores and labels, pooled over the leave-one-document-out folds."""
    ps, ys = [], []
    for k, (_doc, x, y) in enumerate(docs):
        xt = np.vstack([d[1] for i, d in enumerate(docs) if i != k])
        yt = np.concatenate([d[2] for i, d in enumerate(docs) if i != k])
        w = irls(xt, yt)
        ps.append(1.0 / (1.0 + np.exp(-(x @ w))))
        ys.append(y)
    return np.concatenate(ps), np.concatenate(ys)


def write_weights(w: np.ndarray) -> None:
    """Replace the WEIGHTS block of confidence.py."""
    body = "WEIGHTS: dict[str, float] = {\n" + "".join(
        f"    {name!r}: {float(v):.6f},\n" for name, v in zip(FEATURES, w, strict=True)) + "}\n"
    text = CONF.read_text(encoding="utf-8")
    new = re.sub(r"(# BEGIN WEIGHTS[^\n]*\n).*?(# END WEIGHTS)", lambda m: m.group(1) + body + m.group(2),
                 text, flags=re.S)
    CONF.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=MAC)
    ap.add_argument("--write", action="store_true", help="fit on all documents and write the weights")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON")
    args = ap.parse_args()
    if not args.gold.is_file():
        print(f"no gold file at {args.gold}", file=sys.stderr)
        return 1
    docs = collect(args.gold)
    p, y = lodo(docs)
    res = {"beads": len(y), "wrong": int((1 - y).sum()), "auc": auc(p, y), "ece": ece(p, y),
           "budget15": budget_recall(p, y, 0.15), "reliability": reliability(p, y)}
    print(f"leave-one-document-out over {len(docs)} documents, {res['beads']} beads ({res['wrong']} wrong):")
    print(f"  AUC {res['auc']:.4f}  ECE {res['ece']:.4f}  wrong beads among the 15% lowest: {res['budget15']:.3f}")
    print("  score bin    beads  mean score  share right")
    for row in res["reliability"]:
        print(f"  {row['lo']:.1f}-{row['hi']:.1f} {row['n']:9d} {row['mean_score']:11.3f} {row['share_right']:12.3f}")
    if args.write:
        w = irls(np.vstack([d[1] for d in docs]), np.concatenate([d[2] for d in docs]))
        write_weights(w)
        print(f"weights written to {CONF.relative_to(ROOT)}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
