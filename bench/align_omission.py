"""Omissions and insertions: delete 5% of one side's sentences at random and see whether the
aligner leaves their partners unaligned.

For each gold set and each random seed, sentences are deleted from the English side (the
translation leaves something out) and, separately, from the Chinese side (the translation adds
something). A gold bead that loses its whole side leaves its other sentences as 1-0 or 0-1
beads. A sentence counts as detected when the aligner puts it in a 1-0 or 0-1 bead (flagged
``omission``). Precision and recall are over sentences in gold null beads (those created by the
deletion plus any the gold already had). Only numbers are printed.

The last four columns say where the gold null sentences ended up: in a null bead ("found"), at
the edge of a bead's multi-sentence side (where the omission model looks: "edge"), inside a side
of three or more sentences ("inner"), or as the only sentence of its side ("alone": a 1-1 or 1-n
bead took it). Found + edge is the most the omission model can reach.

    python bench/align_omission.py                 # MAC-Dev, seeds, policy; 3 seeds per side
    python bench/align_omission.py --seeds 5 --json out.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from align_metrics import mac_dev_path  # noqa: E402
from zhcorpus.align import Aligner, evaluate  # noqa: E402
from zhcorpus.align.goldfile import GoldDoc, read_gold  # noqa: E402

SETS = {"MAC-Dev": mac_dev_path(ROOT), "seeds": ROOT / "tests" / "data" / "gold" / "seeds.jsonl",
        "policy": ROOT / "tests" / "data" / "gold" / "policy.jsonl"}
SHARE = 0.05


def delete(d: GoldDoc, side: str, rng: random.Random, share: float = SHARE) -> GoldDoc:
    """*d* with *share* of one side's sentences removed; the gold re-indexed, and the partners
    of a bead that lost its whole side turned into null beads."""
    sents = d.en if side == "en" else d.zh
    k = max(1, round(share * len(sents)))
    gone = set(rng.sample(range(len(sents)), k))
    keep = [i for i in range(len(sents)) if i not in gone]
    new = {old: n for n, old in enumerate(keep)}
    gold: list[tuple[list[int], list[int]]] = []
    for z, e in d.gold:
        mine = e if side == "en" else z
        other = z if side == "en" else e
        kept = [new[i] for i in mine if i in new]
        if mine and not kept:
            for o in other:  # partners lose their counterpart
                gold.append(([o], []) if side == "en" else ([], [o]))
        else:
            gold.append((z, kept) if side == "en" else (kept, e))
    paras = d.en_paragraphs if side == "en" else d.zh_paragraphs
    paras = [paras[i] for i in keep] if paras is not None else None
    if side == "en":
        return GoldDoc(d.doc, d.zh, [d.en[i] for i in keep], gold, d.zh_paragraphs, paras)
    return GoldDoc(d.doc, [d.zh[i] for i in keep], d.en, gold, paras, d.en_paragraphs)


def null_sentences(beads: list[tuple[list[int], list[int]]] | list) -> set[tuple[str, int]]:
    """("zh"|"en", index) of every sentence in a 1-0 or 0-1 bead."""
    out: set[tuple[str, int]] = set()
    for z, e in beads:
        if not e:
            out.update(("zh", i) for i in z)
        if not z:
            out.update(("en", j) for j in e)
    return out


_ALIGNER: list[Aligner] = []


def _align(d: GoldDoc) -> list[tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]]:
    return [(b.zh, b.en, b.flags) for b in _ALIGNER[0].align(
        d.zh, d.en, zh_paragraphs=d.zh_paragraphs, en_paragraphs=d.en_paragraphs)]


def placement(beads: list[tuple[tuple[int, ...], tuple[int, ...]]], gold: set[tuple[str, int]]) -> dict[str, int]:
    """How many *gold* null sentences sit in a null bead, at the edge or inside a multi-sentence
    side of a linked bead, or alone on their side of one."""
    out = {"found": 0, "edge": 0, "inner": 0, "alone": 0}
    where: dict[tuple[str, int], str] = {}
    for z, e in beads:
        for side, sents, other in (("zh", z, e), ("en", e, z)):
            for k, s in enumerate(sents):
                if not other:
                    where[side, s] = "found"
                elif len(sents) == 1:
                    where[side, s] = "alone"
                else:
                    where[side, s] = "edge" if k in (0, len(sents) - 1) else "inner"
    for g in gold:
        out[where[g]] += 1
    return out


def run_set(path: Path, seeds: int, jobs: int) -> dict:
    """Pooled omission P/R (and strict F1 on the modified gold) over seeds and both sides."""
    docs = list(read_gold(path))
    cases = [delete(d, side, random.Random(f"{s}/{side}/{d.doc}"))
             for s in range(seeds) for side in ("en", "zh") for d in docs]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        preds = pool.map(_align, cases, chunksize=1)
    tp = fp = fn = 0
    where = {"found": 0, "edge": 0, "inner": 0, "alone": 0}
    for d, p in zip(cases, preds, strict=True):
        gold = null_sentences(d.gold)
        pred = null_sentences([(z, e) for z, e, _ in p])
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        for k, v in placement([(z, e) for z, e, _ in p], gold).items():
            where[k] += v
    rep = evaluate([([(z, e) for z, e, _ in p], d.gold) for d, p in zip(cases, preds, strict=True)])
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"cases": len(cases), "gold_null": tp + fn, "predicted_null": tp + fp, "precision": round(prec, 4),
            "recall": round(rec, 4), "strict_f1": round(rep.strict.f1, 4), "placement": where}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=3, help="random seeds per side")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    _ALIGNER.append(Aligner())
    out = {}
    print(f"{'set':8} {'cases':>5} {'gold null':>9} {'pred null':>9} {'P':>7} {'R':>7} {'strict F1':>9} "
          f"{'found':>6} {'edge':>6} {'inner':>6} {'alone':>6}")
    for name, path in SETS.items():
        if not path.is_file():
            print(f"{name}: not found at {path}", file=sys.stderr)
            continue
        r = out[name] = run_set(path, args.seeds, args.jobs)
        print(f"{name:8} {r['cases']:5} {r['gold_null']:9} {r['predicted_null']:9} {r['precision']:7.4f} "
              f"{r['recall']:7.4f} {r['strict_f1']:9.4f} " + " ".join(f"{v:6d}" for v in r["placement"].values()))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
