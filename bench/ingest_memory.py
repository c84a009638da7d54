"""Peak memory of ingesting one large text file, as a multiple of the file's size.

The seed documents (Chinese and English) are repeated into one file of --mb megabytes; a fresh
child process imports zhcorpus, notes its resident size, ingests the file (read, decode, clean,
segment: ``zhcorpus.ingest.ingest_file``) and reports the peak resident size (``ru_maxrss``).
The figure quoted is (peak − baseline) / file size.

Run: PYTHONPATH=src /work/venv/bin/python bench/ingest_memory.py [--mb 20] [--lang zh|en|both]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
from zhcorpus.ingest import ingest_file
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
doc = ingest_file(sys.argv[1], "big." + sys.argv[2], sys.argv[2])
secs = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"base_kb": base, "peak_kb": peak, "seconds": secs,
                  "segments": sum(len(p.segments) for p in doc.paragraphs)}))
"""


def make_file(path: Path, lang: str, mb: float) -> int:
    """Repeat the seed documents of *lang* into *path* until it holds *mb* megabytes; its size."""
    parts = [p.read_bytes() for p in sorted((ROOT / "seeds" / lang).glob("*.txt"))]
    chunk = b"\n\n".join(parts) + b"\n\n"
    target = int(mb * 1_000_000)
    with open(path, "wb") as fh:
        written = 0
        while written < target:
            fh.write(chunk)
            written += len(chunk)
    return path.stat().st_size


def measure(lang: str, mb: float) -> dict[str, float]:
    """Ingest a *mb* MB file of *lang* in a child process; sizes in MB and the ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / f"big.{lang}.txt"
        size = make_file(f, lang, mb)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        r = subprocess.run([sys.executable, "-c", CHILD, str(f), lang], capture_output=True, text=True, env=env,
                           check=True)
        out = json.loads(r.stdout)
    used = (out["peak_kb"] - out["base_kb"]) * 1024
    return {"lang": lang, "file_mb": round(size / 1e6, 1), "peak_extra_mb": round(used / 1e6, 1),
            "ratio": round(used / size, 2), "seconds": round(out["seconds"], 1), "segments": out["segments"]}


def main() -> None:
    """Print one Markdown table row per language."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="Size of the test file in MB [20].")
    ap.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    args = ap.parse_args()
    print("| language | file | peak memory above baseline | × file size | time | segments |")
    print("|---|---|---|---|---|---|")
    for lang in (["zh", "en"] if args.lang == "both" else [args.lang]):
        m = measure(lang, args.mb)
        print(f"| {m['lang']} | {m['file_mb']} MB | {m['peak_extra_mb']} MB | {m['ratio']}× | {m['seconds']} s "
              f"| {m['segments']:,} |")


if __name__ == "__main__":
    main()
