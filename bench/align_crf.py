"""Fit the learned bead score (zhcorpus.align.beadscore) as a CRF and report it leave-one-document-out.

Each training document is aligned by the current aligner; its final sentence features, its
path and its gold path give a lattice (zhcorpus.align.crf.lattice). The weights maximise the
gold paths' conditional log-likelihood with an L2 penalty towards the hand-set score. MAC-Dev is
reported leave-one-document-out: each fold is fitted on the other five MAC-Dev documents (plus,
unless --mac-only, the seeds and the policy set without its held-out Basic Law documents) and the
full aligner with those weights aligns the sixth. The seeds and the policy set are aligned with
the weights fitted on everything. Only numbers are printed: no MAC-Dev text leaves this script.

    python bench/align_crf.py                 # LODO report
    python bench/align_crf.py --write         # ... and write the weights into beadscore.py
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from align_fit import HELD_OUT, write_weights  # noqa: E402
from align_metrics import mac_dev_path  # noqa: E402
from zhcorpus.align import Aligner, AlignOptions, beadscore, crf  # noqa: E402
from zhcorpus.align.evaluate import Counts, strict_counts  # noqa: E402
from zhcorpus.align.goldfile import GoldDoc, read_gold  # noqa: E402
from zhcorpus.align.similarity import ScoreParams  # noqa: E402

MAC = mac_dev_path(ROOT)
SEEDS = ROOT / "tests" / "data" / "gold" / "seeds.jsonl"
POLICY = ROOT / "tests" / "data" / "gold" / "policy.jsonl"
MODULE = ROOT / "src" / "zhcorpus" / "align" / "beadscore.py"
LAMBDA = 2.0  # L2 strength towards the hand-set score (LODO MAC-Dev F1: 0.1 0.856, 1 0.868, 2 0.871, 3 0.872, 5 0.871, 10 0.868)
COST = 0.0  # softmax-margin cost of a wrong bead
MARGIN = 3  # band half-width around the gold and predicted paths


def lattices(docs: list[GoldDoc], aligner: Aligner, margin: int) -> list[crf.Lattice]:
    """One CRF lattice per document, from *aligner*'s final features and path."""
    out = []
    for d in docs:
        path, f, params = aligner.search(d.zh, d.en, zh_paragraphs=d.zh_paragraphs, en_paragraphs=d.en_paragraphs)
        gold = crf.gold_path(d.gold, len(d.zh), len(d.en))
        out.append(crf.lattice(f, params, [path], gold, margin))
    return out


def evaluate(docs: list[GoldDoc], weights: np.ndarray | None, dictionary: object) -> tuple[Counts, int, int]:
    """Pooled strict counts of the full aligner with *weights* on *docs*, and 2-2 beads found / in the gold."""
    aligner = Aligner(AlignOptions(score=ScoreParams(weights=None if weights is None else tuple(float(v) for v in weights))),
                      dictionary)
    pooled = Counts()
    found = total = 0
    for d in docs:
        beads = aligner.align(d.zh, d.en, zh_paragraphs=d.zh_paragraphs, en_paragraphs=d.en_paragraphs)
        pred = [(b.zh, b.en) for b in beads]
        pooled.add(strict_counts(pred, d.gold))
        have = {(tuple(z), tuple(e)) for z, e in pred}
        for z, e in d.gold:
            if len(z) == 2 and len(e) == 2:
                total += 1
                found += (tuple(sorted(z)), tuple(sorted(e))) in have
    return pooled, found, total


def training_docs(mac_only: bool = False) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """MAC-Dev's documents, and the other training documents (seeds, policy set without the held-out ones)."""
    extra = [] if mac_only else [d for p in (SEEDS, POLICY) for d in read_gold(p) if d.doc not in HELD_OUT]
    return list(read_gold(MAC)), extra


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lam", type=float, default=LAMBDA)
    ap.add_argument("--cost", type=float, default=COST, help="softmax-margin cost of a wrong bead (0: plain CRF)")
    ap.add_argument("--margin", type=int, default=MARGIN)
    ap.add_argument("--rounds", type=int, default=1, help="fits, each on lattices from the aligner with the last fit")
    ap.add_argument("--mac-only", action="store_true", help="train on MAC-Dev only")
    ap.add_argument("--write", action="store_true", help="fit on everything and write the weights")
    args = ap.parse_args()
    t0 = time.perf_counter()
    base = Aligner(AlignOptions(score=ScoreParams(weights=None)))
    mac, extra_docs = training_docs(args.mac_only)
    mac_lats = lattices(mac, base, args.margin)
    extra = lattices(extra_docs, base, args.margin)
    p = ScoreParams()
    prior = beadscore.hand_weights(p.type_penalty, p.skip, p.length_weight)
    print(f"lattices built in {time.perf_counter() - t0:.1f} s")
    pooled = Counts()
    found = total = 0
    for k, d in enumerate(mac):
        w = crf.fit([lat for q, lat in enumerate(mac_lats) if q != k] + extra, prior, args.lam, args.cost)
        for _ in range(args.rounds - 1):  # rebuild the training lattices with the aligner using w
            learned = Aligner(AlignOptions(score=ScoreParams(weights=tuple(float(v) for v in w))), base.dictionary)
            train = [m for q, m in enumerate(mac) if q != k] + extra_docs
            w = crf.fit(lattices(train, learned, args.margin), prior, args.lam, args.cost)
        c, f2, t2 = evaluate([d], w, base.dictionary)
        pooled.add(c)
        found, total = found + f2, total + t2
        print(f"  fold {d.doc}: held-out strict F1 {c.f1:.4f}")
    print(f"MAC-Dev leave-one-document-out: strict P {pooled.precision:.4f} R {pooled.recall:.4f} "
          f"F1 {pooled.f1:.4f}; 2-2 recall {found}/{total}")
    w = crf.fit(mac_lats + extra, prior, args.lam, args.cost)
    for name, path in (("seeds", SEEDS), ("policy", POLICY)):
        c, _f, _t = evaluate(list(read_gold(path)), w, base.dictionary)
        print(f"{name} (weights fitted on everything): strict F1 {c.f1:.4f}")
    print("weights: " + ", ".join(f"{n} {v:.3f}" for n, v in zip(beadscore.FEATURES, w, strict=True)))
    if args.write:
        write_weights(MODULE, "CRF WEIGHTS", beadscore.FEATURES, w)
        print(f"weights written to {MODULE.relative_to(ROOT)}")
    print(f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
