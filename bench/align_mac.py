"""Benchmark the sentence aligner: every target of the aligner issue in one run — strict F1 on
MAC-Dev, the seeds and the policy gold; 2-2 recall and the bead types found on MAC-Dev; the
confidence score's leave-one-document-out AUC, calibration error and review-budget recall
(bench/align_fit.py); omission precision/recall with 5% of a side deleted (bench/align_omission.py);
time (cold and warm, best and typical of several runs); and how cost grows with length.

Each measurement runs in a fresh subprocess. "cold" uses an empty cache directory (CC-CEDICT is
parsed and jieba builds its cache); "warm" reuses the normal cache. Wall time is the whole
`corpus align-eval` process; CPU is user+system of that process and its workers. The scaling
check aligns one MAC-Dev document, then a document about ten times longer made by concatenating
MAC-Dev documents whole (their gold beads shifted), and reports time, peak memory and F1; the
clean 10x case is the same document repeated ten times.
Only numbers are printed: no MAC-Dev text ever leaves this script.

    python bench/align_mac.py                 # everything
    python bench/align_mac.py --skip-cold     # keep the cache
    python bench/align_mac.py --json out.json # also write the numbers as JSON
    python bench/align_mac.py --skip-cold --card bench/results/align.json  # F1 for the dataset card
    python bench/align_mac.py --quick         # quality only: no timing repeats, no scaling
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from align_metrics import mac_dev_path  # noqa: E402

MAC = mac_dev_path(ROOT)
SEEDS = ROOT / "tests" / "data" / "gold" / "seeds.jsonl"
POLICY = ROOT / "tests" / "data" / "gold" / "policy.jsonl"
CORPUS = [sys.executable, "-c", "from zhcorpus.cli import main; main()"]

_SCALE = r"""
import json, sys, time, tracemalloc, warnings
from zhcorpus.align import Aligner, evaluate
from zhcorpus.align.api import AlignmentWarning
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
factor = float(sys.argv[2])
base = docs[0]
zh, en, gold = [], [], []
k = 0
while len(zh) < factor * len(base["zh"]) - 1e-9:
    d = base if sys.argv[3] == "repeat" else docs[k % len(docs)]
    gold += [[[i + len(zh) for i in z], [j + len(en) for j in e]] for z, e in d["gold"]]
    zh += d["zh"]; en += d["en"]; k += 1
a = Aligner()
a.align(base["zh"][:20], base["en"][:20])  # load the dictionary and jieba outside the timing
warnings.simplefilter("ignore", AlignmentWarning)
t = time.perf_counter(); c = time.process_time()
beads = a.align(zh, en)
wall, cpu = time.perf_counter() - t, time.process_time() - c
tracemalloc.start()
a.align(zh, en)
peak = tracemalloc.get_traced_memory()[1]
rep = evaluate([([(b.zh, b.en) for b in beads], gold)])
print(json.dumps({"zh": len(zh), "en": len(en), "wall": wall, "cpu": cpu, "peak_mb": peak / 2**20,
                  "strict_f1": rep.strict.f1}))
"""


def run_eval(gold: Path, env: dict[str, str], jobs: int, pred: Path | None = None) -> dict:
    """`corpus align-eval GOLD --json` in a subprocess: its numbers plus wall and CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    extra = ["--write-pred", str(pred)] if pred else []
    out = subprocess.run([*CORPUS, "align-eval", str(gold), "--json", "-j", str(jobs), *extra], env=env,
                         capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = json.loads(out.stdout)
    res["process_wall"] = round(wall, 3)
    res["process_cpu"] = round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 3)
    return res


def run_json(cmd: list[str], env: dict[str, str]) -> dict:
    """Run a bench script with ``--json FILE`` and return what it wrote."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        subprocess.run([*cmd, "--json", str(out)], env=env, capture_output=True, text=True, check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def bead_types(gold: Path, pred: Path) -> dict:
    """Predicted bead types, and the recall of gold 2-2 beads, from a --write-pred file."""
    golds = {json.loads(line)["doc"]: json.loads(line)["gold"] for line in gold.read_text(encoding="utf-8").splitlines()}
    counts: dict[str, int] = {}
    found = total = 0
    for line in pred.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        beads = {(tuple(z), tuple(e)) for z, e in rec["align"]}
        for z, e in rec["align"]:
            counts[f"{len(z)}-{len(e)}"] = counts.get(f"{len(z)}-{len(e)}", 0) + 1
        for z, e in golds[rec["doc"]]:
            if len(z) == 2 and len(e) == 2:
                total += 1
                found += (tuple(z), tuple(e)) in beads
    order = sorted(counts, key=lambda k: -counts[k])
    return {"predicted": {k: counts[k] for k in order}, "gold_2-2": total,
            "recall_2-2": found / total if total else float("nan")}


def run_scale(factor: float, env: dict[str, str], mode: str) -> dict:
    """Align a document *factor* times as long as MAC-Dev's first one (that document repeated,
    or MAC-Dev documents concatenated); time, memory, F1."""
    out = subprocess.run([sys.executable, "-c", _SCALE, str(MAC), str(factor), mode], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skip-cold", action="store_true", help="do not measure the cold (empty cache) run")
    ap.add_argument("--quick", action="store_true", help="quality only: one timing run, no scaling")
    ap.add_argument("--repeat", type=int, default=5, help="warm MAC-Dev runs timed (best and median)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="align-eval workers")
    ap.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    ap.add_argument("--card", type=Path, help="write the quality figures (no timings) that `corpus build` "
                    "quotes in the dataset card, e.g. bench/results/align.json")
    args = ap.parse_args()
    env = dict(os.environ)  # this checkout's code first, whatever zhcorpus is installed
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    results: dict[str, dict] = {}
    sets = [("seeds", SEEDS), ("policy", POLICY)] + ([("MAC-Dev", MAC)] if MAC.is_file() else [])
    if not MAC.is_file():
        print(f"MAC-Dev not found at {MAC}: measuring the seeds only", file=sys.stderr)
    if not args.skip_cold:
        with tempfile.TemporaryDirectory() as tmp:
            results["cold"] = run_eval(sets[-1][1], {**env, "ZHCORPUS_CACHE": tmp}, args.jobs)
    run_eval(SEEDS, env, args.jobs)  # make sure the cache exists
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in sets:
            results[name] = run_eval(path, env, args.jobs, Path(tmp) / f"{name}.jsonl")
            results[name]["types"] = bead_types(path, Path(tmp) / f"{name}.jsonl")
    if MAC.is_file() and not args.quick:
        walls = sorted(run_eval(MAC, env, args.jobs)["process_wall"] for _ in range(args.repeat))
        results["MAC-Dev"]["wall_best"], results["MAC-Dev"]["wall_median"] = walls[0], walls[len(walls) // 2]
    if MAC.is_file():
        results["confidence"] = run_json([sys.executable, str(ROOT / "bench" / "align_fit.py")], env)
    results["omission"] = run_json([sys.executable, str(ROOT / "bench" / "align_omission.py")], env)
    if MAC.is_file() and not args.quick:
        results["scale_1x"] = run_scale(1, env, "repeat")
        results["scale_10x"] = run_scale(10, env, "repeat")
        results["scale_mixed_10x"] = run_scale(10, env, "mixed")
    print(f"{'set':10} {'strict P':>9} {'R':>7} {'F1':>7} {'lax F1':>7} {'load s':>7} {'align s':>8} "
          f"{'wall s':>7} {'cpu s':>7}")
    for name in [n for n, _ in sets] + (["cold"] if "cold" in results else []):
        r = results[name]
        label = f"{name}" if name != "cold" else f"{sets[-1][0]} cold"
        print(f"{label:10} {r['strict_precision']:9.4f} {r['strict_recall']:7.4f} {r['strict_f1']:7.4f} "
              f"{r['lax_f1']:7.4f} {r['load_seconds']:7.2f} {r['align_seconds']:8.2f} "
              f"{r['process_wall']:7.2f} {r['process_cpu']:7.2f}")
    for name in [n for n, _ in sets]:
        t = results[name]["types"]
        print(f"{name}: 2-2 recall {t['recall_2-2']:.3f} ({t['gold_2-2']} gold 2-2 beads); predicted bead types: "
              + ", ".join(f"{k} {v}" for k, v in t["predicted"].items()))
    if "wall_best" in results.get("MAC-Dev", {}):
        r = results["MAC-Dev"]
        print(f"MAC-Dev warm `corpus align-eval` ({args.repeat} runs, {args.jobs} workers): best {r['wall_best']:.2f} s, "
              f"median {r['wall_median']:.2f} s")
    if "confidence" in results:
        c = results["confidence"]
        print(f"confidence (MAC-Dev, leave-one-document-out): AUC {c['auc']:.4f}, ECE {c['ece']:.4f}, "
              f"wrong beads among the 15% lowest {c['budget15']:.3f}")
        print(f"confidence (corrupted seeds and policy set, leave-one-document-out): AUC {c['policy_auc']:.4f}, "
              f"ECE {c['policy_ece']:.4f}")
        print("  score bin  beads  mean score  share right")
        for row in c["reliability"]:
            print(f"  {row['lo']:.1f}-{row['hi']:.1f} {row['n']:7d} {row['mean_score']:11.3f} {row['share_right']:12.3f}")
    for name, o in results["omission"].items():
        print(f"omissions ({name}, 5% of a side deleted, 3 seeds x 2 sides): precision {o['precision']:.3f}, "
              f"recall {o['recall']:.3f} ({o['gold_null']} unaligned sentences in the gold)")
    if "scale_10x" in results:
        a = results["scale_1x"]
        print("scaling (CPU time of align(), dictionary already loaded; peak = traced allocations):")
        for name, label in (("scale_1x", "dev-001"), ("scale_10x", "dev-001 x10"),
                            ("scale_mixed_10x", "MAC-Dev docs joined")):
            b = results[name]
            size = (b["zh"] + b["en"]) / (a["zh"] + a["en"])
            print(f"  {label:20} {b['zh']:5}+{b['en']:<5} sentences ({size:4.1f}x): {b['cpu']:6.2f} s CPU "
                  f"({b['cpu'] / a['cpu']:4.1f}x), {b['wall']:6.2f} s wall, peak {b['peak_mb']:5.1f} MiB "
                  f"({b['peak_mb'] / a['peak_mb']:4.1f}x), strict F1 {b['strict_f1']:.4f}")
            b["size_ratio"], b["cpu_ratio"] = size, b["cpu"] / a["cpu"]
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.card:
        args.card.parent.mkdir(parents=True, exist_ok=True)
        args.card.write_text(json.dumps(card_summary(results), indent=1, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


DATA_NAMES = {"MAC-Dev": "MAC-Dev (6 literary documents, manually aligned; bench/align_mac.py)",
              "seeds": "the five seed documents' hand-made gold alignment (tests/data/gold/seeds.jsonl)",
              "policy": "two PRC laws and their official English (the Assemblies Law; the Basic Law of the HKSAR, "
                        "Articles 1-160), hand-aligned (tests/data/gold/policy.jsonl)"}


def card_summary(results: dict[str, dict]) -> dict:
    """Strict bead-level P/R/F1 per gold set, in the shape the dataset card reads."""
    evals = [{"data": DATA_NAMES[name], "metric": "strict",
              "f1": round(results[name]["strict_f1"], 4), "precision": round(results[name]["strict_precision"], 4),
              "recall": round(results[name]["strict_recall"], 4)}
             for name in ("MAC-Dev", "seeds", "policy") if name in results]
    return {"method": "zhcorpus.align: banded dynamic programming over beads up to 1-6 and 4-1 (2-4, 3-3), CC-CEDICT + "
                      "glossary lexical similarity with a self-trained lexicon, length term, paragraph anchors, "
                      "omissions split off in policy texts, a calibrated bead score from forward-backward bead posteriors",
            "evaluations": evals}


if __name__ == "__main__":
    sys.exit(main())
