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
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from align_metrics import auc, budget_recall, ece, mac_dev_path, reliability  # noqa: E402
from align_omission import delete, null_sentences  # noqa: E402
from zhcorpus.align import Aligner, AlignOptions, beadscore, crf, omission  # noqa: E402
from zhcorpus.align.beadfeatures import FEATURES, Rescorer  # noqa: E402
from zhcorpus.align.goldfile import GoldDoc, read_gold  # noqa: E402
from zhcorpus.align.similarity import ScoreParams  # noqa: E402

MAC = mac_dev_path(ROOT)
CONF = ROOT / "src" / "zhcorpus" / "align" / "confidence.py"
OMIT = ROOT / "src" / "zhcorpus" / "align" / "omission.py"
OMISSION_SETS = [ROOT / "tests" / "data" / "gold" / "seeds.jsonl", ROOT / "tests" / "data" / "gold" / "policy.jsonl"]
# the policy set's Basic Law documents are held out: the models are fitted on the seeds and assembly-law only
HELD_OUT = frozenset({"basic-law-1", "basic-law-2", "basic-law-3"})
TRAIN_SEEDS = range(100, 104)  # deletion seeds for training (bench/align_omission.py uses 0, 1, 2)
CONF_SEEDS = (200, 201)  # corruption seeds for the confidence model's policy-text examples
LAMBDA = 0.1  # L2 strength of the confidence model (0.1 and 1 within 0.002 AUC leave-one-document-out)
OMISSION_LAMBDA = 0.1  # ... of the omission model (among 0.1, 1, 3, 10)


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


def collect(path: Path, weights_for: dict[str, tuple[float, ...]] | None = None
            ) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(document, features, labels) for each document of a gold file (*weights_for*: the learned
    bead score's weights to align each document with, fitted without it)."""
    aligner = Aligner()
    out = []
    for d in read_gold(path):
        if weights_for is not None:
            aligner = Aligner(AlignOptions(score=ScoreParams(weights=weights_for[d.doc])), aligner.dictionary)
        beads, x, _f = aligner.bead_features(d.zh, d.en, zh_paragraphs=d.zh_paragraphs,
                                             en_paragraphs=d.en_paragraphs)
        gold = {(tuple(sorted(z)), tuple(sorted(e))) for z, e in d.gold}
        y = np.array([(tuple(range(a, b)), tuple(range(c, e))) in gold for a, b, c, e in beads], dtype=float)
        out.append((d.doc, x, y))
    return out


def corrupted(d: GoldDoc, rng: random.Random, swaps: int = 3) -> GoldDoc:
    """*d* with *swaps* pairs of English sentences at least 3 apart exchanged (a translation
    pasted out of order): the gold follows the sentences, so beads across a swap are wrong."""
    m = len(d.en)
    perm = list(range(m))
    for _ in range(swaps if m >= 8 else 0):
        a = rng.randrange(m)
        b = rng.choice([j for j in range(m) if abs(j - a) >= 3])
        perm[a], perm[b] = perm[b], perm[a]
    inv = {old: new for new, old in enumerate(perm)}
    gold = [(z, sorted(inv[j] for j in e)) for z, e in d.gold]
    return GoldDoc(d.doc, d.zh, [d.en[j] for j in perm], gold, d.zh_paragraphs, None)


def policy_cases(paths: list[Path]) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Confidence training data from policy texts, where the dictionary covers most of each
    sentence and MAC-Dev's literary beads say little about what a wrong bead looks like: each
    document with English sentences swapped, and with 5% of a side deleted (seeds 200, 201)."""
    aligner = Aligner()
    out = []
    for d in (d for p in paths for d in read_gold(p) if d.doc not in HELD_OUT):
        xs, ys = [], []
        cases = [corrupted(d, random.Random(f"{s}/swap/{d.doc}")) for s in CONF_SEEDS] + \
                [delete(d, side, random.Random(f"{s}/{side}/{d.doc}")) for s in CONF_SEEDS for side in ("en", "zh")]
        for c in cases:
            beads, x, _f = aligner.bead_features(c.zh, c.en, zh_paragraphs=c.zh_paragraphs,
                                                 en_paragraphs=c.en_paragraphs)
            gold = {(tuple(sorted(z)), tuple(sorted(e))) for z, e in c.gold}
            xs.append(x)
            ys.append(np.array([(tuple(range(a, b)), tuple(range(q, e))) in gold for a, b, q, e in beads],
                               dtype=float))
        out.append((f"policy:{d.doc}", np.vstack(xs), np.concatenate(ys)))
    return out


def omission_cases(paths: list[Path]) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(document, candidate features, labels) for the omission model: each document as it is
    and with 5% of one side deleted (both sides, several seeds); a candidate is labelled 1 when
    the gold leaves its sentence unaligned."""
    aligner = Aligner()
    out: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
    for d in (d for p in paths for d in read_gold(p) if d.doc not in HELD_OUT):
        cases: list[GoldDoc] = [d] + [delete(d, side, random.Random(f"{s}/{side}/{d.doc}"))
                                      for s in TRAIN_SEEDS for side in ("en", "zh")]
        for c in cases:
            beads, f, params = aligner.search(c.zh, c.en, zh_paragraphs=c.zh_paragraphs,
                                              en_paragraphs=c.en_paragraphs)
            cands = omission.candidates(beads)
            rs = Rescorer(f, beads, params)
            if not cands or not omission.applies(rs.sims(beads), beads, aligner.options.omission_min_similarity):
                continue
            x = omission.candidate_features(f, beads, rs.scorer, params, cands)
            gold = null_sentences(c.gold)
            y = np.array([(side, s) in gold for _k, side, s in cands], dtype=float)
            out.setdefault(d.doc, []).append((x, y))
    return [(doc, np.vstack([x for x, _ in v]), np.concatenate([y for _, y in v])) for doc, v in out.items()]


def lodo(docs: list[tuple[str, np.ndarray, np.ndarray]], extra: list[tuple[str, np.ndarray, np.ndarray]] = (),
         lam: float = LAMBDA) -> tuple[np.ndarray, np.ndarray]:
    """Held-out scores and labels, pooled over the leave-one-document-out folds of *docs*
    (each fold also trains on *extra*, documents of another set)."""
    ps, ys = [], []
    for k, (_doc, x, y) in enumerate(docs):
        xt = np.vstack([d[1] for i, d in enumerate(docs) if i != k] + [d[1] for d in extra])
        yt = np.concatenate([d[2] for i, d in enumerate(docs) if i != k] + [d[2] for d in extra])
        w = irls(xt, yt, lam)
        ps.append(1.0 / (1.0 + np.exp(-(x @ w))))
        ys.append(y)
    return np.concatenate(ps), np.concatenate(ys)


def held_out_bead_weights(gold: Path) -> dict[str, tuple[float, ...]] | None:
    """When the learned bead score is the default: for each document of *gold*, its weights
    fitted without that document (bench/align_crf.py's fit), so that the confidence model is
    measured on alignments the bead score has not seen; ``None`` otherwise."""
    if ScoreParams().weights is None:
        return None
    import align_crf

    base = Aligner(AlignOptions(score=ScoreParams(weights=None)))
    docs = list(read_gold(gold))
    _mac, extra_docs = align_crf.training_docs()
    lats = align_crf.lattices(docs, base, align_crf.MARGIN)
    extra = align_crf.lattices(extra_docs, base, align_crf.MARGIN)
    p = ScoreParams(weights=None)
    prior = beadscore.hand_weights(p.type_penalty, p.skip, p.length_weight)
    return {d.doc: tuple(float(v) for v in crf.fit([x for q, x in enumerate(lats) if q != k] + extra, prior,
                                                   align_crf.LAMBDA))
            for k, d in enumerate(docs)}


def write_weights(path: Path, marker: str, names: tuple[str, ...], w: np.ndarray) -> None:
    """Replace the block between ``# BEGIN <marker>`` and ``# END <marker>`` of a module."""
    body = "WEIGHTS: dict[str, float] = {\n" + "".join(
        f"    {name!r}: {float(v):.6f},\n" for name, v in zip(names, w, strict=True)) + "}\n"
    text = path.read_text(encoding="utf-8")
    new = re.sub(rf"(# BEGIN {marker}[^\n]*\n).*?(# END {marker})", lambda m: m.group(1) + body + m.group(2),
                 text, flags=re.S)
    path.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=MAC)
    ap.add_argument("--write", action="store_true", help="fit on all documents and write the weights")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON")
    args = ap.parse_args()
    if not args.gold.is_file():
        print(f"no gold file at {args.gold}", file=sys.stderr)
        return 1
    cases = omission_cases(OMISSION_SETS)
    po, yo = lodo(cases, lam=OMISSION_LAMBDA)
    hit = po > 0.5
    om = {"candidates": len(yo), "positives": int(yo.sum()),
          "precision": float((hit & (yo == 1)).sum() / max(hit.sum(), 1)),
          "recall": float((hit & (yo == 1)).sum() / max(yo.sum(), 1))}
    print(f"omission model, leave-one-document-out: {om['candidates']} candidate sentences "
          f"({om['positives']} unaligned in the gold): split precision {om['precision']:.3f}, "
          f"recall {om['recall']:.3f}")
    wo = irls(np.vstack([c[1] for c in cases]), np.concatenate([c[2] for c in cases]), OMISSION_LAMBDA)
    omission._W[:] = wo  # the confidence model is fitted on what the aligner will output
    docs = collect(args.gold, held_out_bead_weights(args.gold))
    extra = policy_cases(OMISSION_SETS)
    p, y = lodo(docs, extra)
    pp, yp = lodo(extra, docs)
    print(f"confidence on corrupted policy texts (seeds, policy set), leave-one-document-out: "
          f"{len(yp)} beads ({int((1 - yp).sum())} wrong), AUC {auc(pp, yp):.4f}, ECE {ece(pp, yp):.4f}, "
          f"wrong among the 15% lowest {budget_recall(pp, yp, 0.15):.3f}")
    res = {"policy_auc": auc(pp, yp), "policy_ece": ece(pp, yp), "policy_budget15": budget_recall(pp, yp, 0.15), "omission": om, "beads": len(y), "wrong": int((1 - y).sum()), "auc": auc(p, y), "ece": ece(p, y),
           "budget15": budget_recall(p, y, 0.15), "reliability": reliability(p, y)}
    print(f"leave-one-document-out over {len(docs)} documents, {res['beads']} beads ({res['wrong']} wrong):")
    print(f"  AUC {res['auc']:.4f}  ECE {res['ece']:.4f}  wrong beads among the 15% lowest: {res['budget15']:.3f}")
    print("  score bin    beads  mean score  share right")
    for row in res["reliability"]:
        print(f"  {row['lo']:.1f}-{row['hi']:.1f} {row['n']:9d} {row['mean_score']:11.3f} {row['share_right']:12.3f}")
    if args.write:
        w = irls(np.vstack([d[1] for d in docs + extra]), np.concatenate([d[2] for d in docs + extra]))
        write_weights(OMIT, "OMISSION WEIGHTS", omission.OMISSION_FEATURES, wo)
        write_weights(CONF, "WEIGHTS", FEATURES, w)
        print(f"weights written to {OMIT.relative_to(ROOT)} and {CONF.relative_to(ROOT)}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
