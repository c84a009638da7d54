"""Scale benchmark for `corpus build`: synthetic corpora of 10 … 10,000 document pairs.

The corpus replicates the five seeds with variations (each copy keeps a different, deterministic
subset and order of paragraphs on both sides, so it stays a parallel document), then runs
`corpus build` in a fresh process and records wall time, documents/s and peak memory (max RSS
of the build process and its children), and CPU time (user + system of the build and its
workers: the fairer comparison on a machine shared with other work). Results are printed as a
Markdown table.

    python bench/build_scale.py --sizes 10 100 1000 10000
    python bench/build_scale.py --sizes 1000 10000 --engine ray
    python bench/build_scale.py --sizes 1000 --distinct   # no sentence repeated across copies
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhcorpus.manifest import load_manifest  # noqa: E402


def _paragraphs(path: Path) -> list[str]:
    from zhcorpus.ingest import ingest_file

    return [p.text for p in ingest_file(path, "x.zh", "zh").paragraphs]


_ZH_END = re.compile(r"([。！？；])")
_EN_END = re.compile(r"([.!?;])(?=\s|$)")


def _distinct(zh: str, en: str, n: int) -> tuple[str, str]:
    """The paragraph pair with the number *n* before every sentence end on both sides, so no
    sentence of one copy equals a sentence of another (per-text memos cannot help)."""
    return _ZH_END.sub(rf"{n}\1", zh) or zh, _EN_END.sub(rf" {n}\1", en) or en


def make_corpus(n: int, dest: Path, distinct: bool = False) -> Path:
    """Write a synthetic seeds folder with *n* document pairs; returns its path. With *distinct*,
    every paragraph of every copy gets its own number in each sentence (see :func:`_distinct`)."""
    manifest = load_manifest(ROOT / "seeds" / "manifest.toml")
    seeds = []
    for e in manifest.entries:
        zh = _paragraphs(e.path)
        from zhcorpus.ingest import ingest_file

        en = [p.text for p in ingest_file(e.translation_path, "x.en", "en").paragraphs]
        seeds.append((e, zh, en))
    folder = dest / "seeds"
    (folder / "zh").mkdir(parents=True)
    (folder / "en").mkdir(parents=True)
    lines = ['[corpus]\nname = "synthetic"\ndate = "2026-01-01"\n']
    for i in range(n):
        e, zh, en = seeds[i % len(seeds)]
        rng = random.Random(i)
        idx = list(range(len(zh)))
        keep = sorted(rng.sample(idx, max(2, int(len(idx) * rng.uniform(0.6, 1.0)))))
        if i >= len(seeds):
            rng.shuffle(keep)
        doc_id = f"s{i:06d}"
        pairs = [(zh[k], en[k]) for k in keep]
        if distinct:
            pairs = [_distinct(z, t, i * 1000 + j) for j, (z, t) in enumerate(pairs)]
        (folder / "zh" / f"{doc_id}.txt").write_text("\n\n".join(z for z, _ in pairs) + "\n", encoding="utf-8")
        (folder / "en" / f"{doc_id}.txt").write_text("\n\n".join(t for _, t in pairs) + "\n", encoding="utf-8")
        lines.append(f'[[document]]\nid = "{doc_id}"\nfile = "zh/{doc_id}.txt"\nlang = "zh"\nscript = "{e.script}"\n'
                     f'[document.translation]\nfile = "en/{doc_id}.txt"\nlang = "en"\ntranslator = "synthetic"\n')
    shutil.copy(ROOT / "seeds" / "glossary.tsv", folder / "glossary.tsv") if (ROOT / "seeds" / "glossary.tsv").exists() else None
    (folder / "manifest.toml").write_text("\n".join(lines), encoding="utf-8")
    return folder


def run(n: int, engine: str, jobs: int, distinct: bool = False) -> dict:
    """Build a synthetic corpus of *n* pairs; returns the measurements."""
    with tempfile.TemporaryDirectory(prefix=f"zhscale{n}-") as tmp:
        tmp_path = Path(tmp)
        seeds = make_corpus(n, tmp_path, distinct)
        cmd = [sys.executable, "-c", "from zhcorpus.cli import main; main()", "build", "-q", "--seeds", str(seeds),
               "--out", str(tmp_path / "corpus"), "--tmx-out", str(tmp_path / "tmx"), "--cache", str(tmp_path / "cache"),
               "--engine", engine, "--jobs", str(jobs)]
        code = ("import resource, subprocess, sys, json, time; t=time.perf_counter(); "
                "r=subprocess.run(sys.argv[1:]); w=time.perf_counter()-t; "
                "u=resource.getrusage(resource.RUSAGE_CHILDREN); "
                "print(json.dumps({'rc': r.returncode, 'wall': w, 'cpu': u.ru_utime + u.ru_stime, "
                "'maxrss_kb': u.ru_maxrss}))")
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, cwd=tmp_path, env=env)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        if res["rc"] != 0:
            raise SystemExit(f"build failed at n={n}:\n{out.stderr[-3000:]}")
        units = sum(1 for _ in open(tmp_path / "corpus" / "units.jsonl", encoding="utf-8"))
        return {"documents": n, "engine": engine, "jobs": jobs, "wall_s": round(res["wall"], 2),
                "cpu_s": round(res["cpu"], 1),
                "docs_per_s": round(n / res["wall"], 1), "peak_mb": round(res["maxrss_kb"] / 1024), "units": units}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    ap.add_argument("--engine", default="local", choices=["local", "ray"])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--distinct", action="store_true",
                    help="no sentence repeated across copies (a number added before each sentence end)")
    args = ap.parse_args()
    print("| documents | engine | jobs | wall (s) | documents/s | CPU (s) | peak memory (MB) | units |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        r = run(n, args.engine, args.jobs, args.distinct)
        print(f"| {r['documents']:,} | {r['engine']} | {r['jobs']} | {r['wall_s']} | {r['docs_per_s']} | {r['cpu_s']} "
              f"| {r['peak_mb']} | {r['units']:,} |",
              flush=True)



if __name__ == "__main__":
    main()
