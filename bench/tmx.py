"""Benchmark: write and read N synthetic units as TMX, zhcorpus vs translate-toolkit's tmxfile.

Each measurement runs in a fresh subprocess, which reports wall time and its peak resident memory
(ru_maxrss, including the interpreter and libraries, whose size after imports is shown too).

    python bench/tmx.py                      # 1,000,000 units, translate-toolkit at the same size
    python bench/tmx.py -n 100000 --ttk-n 100000
    python bench/tmx.py --ttk-n 200000       # translate-toolkit smaller, its rate extrapolated

Prints one line per measurement and a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ZH = "坚持以人民为中心的发展思想，推进乡村振兴和新型城镇化，巩固拓展脱贫攻坚成果，促进共同富裕"
EN = ("Adhere to the people-centred philosophy of development, advance rural revitalization and the new type "
      "of urbanization, consolidate and expand the gains of poverty alleviation, and promote common prosperity")


def synthetic(n: int) -> Iterator[tuple[str, str, str]]:
    """n distinct (id, zh, en) triples of realistic length (about 50 and 250 characters)."""
    for i in range(n):
        k = i % 37
        yield f"{i // 1000:04d}/{i % 1000 + 1}", f"第{i}条：{ZH[k:]}{ZH[:k]}。", f"Article {i}: {EN[k * 3:]} {EN[:k * 3]}."


def units(n: int) -> Iterator:
    from zhcorpus.model import Unit

    for uid, zh, en in synthetic(n):
        doc = uid.split("/")[0]
        yield Unit(id=uid, doc_id=doc, zh_ids=[f"{doc}.zh/1/1"], en_ids=[f"{doc}.en/1/1"], zh=zh, en=en,
                   score=0.87, paragraph=1, variants={"zh-Hans": zh})


def zhcorpus_write(n: int, path: Path) -> int:
    from zhcorpus.tmx import export_tmx

    res = export_tmx(units(n), path.parent, pairs=[("zh-CN", "en-US")], creation_date="2026-11-24")
    res["zh-CN_en-US"].rename(path)
    return res.reports["zh-CN_en-US"].written


def zhcorpus_read(n: int, path: Path) -> int:
    from zhcorpus.tmx import read_tmx

    count = 0
    for tu in read_tmx(path):
        count += bool(tu.segs["zh-CN"]) and bool(tu.segs["en-US"])
    return count


def ttk_write(n: int, path: Path) -> int:
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="zh-CN", targetlanguage="en-US")
    count = 0
    for _, zh, en in synthetic(n):
        store.addtranslation(zh, "zh-CN", en, "en-US")
        count += 1
    with open(path, "wb") as fh:
        store.serialize(fh)
    return count


def ttk_read(n: int, path: Path) -> int:
    from translate.storage.tmx import tmxfile

    with open(path, "rb") as fh:
        store = tmxfile(fh, sourcelanguage="zh-CN", targetlanguage="en-US")
    return sum(1 for u in store.units if u.source and u.target)


TASKS = {"zhcorpus-write": zhcorpus_write, "zhcorpus-read": zhcorpus_read,
         "ttk-write": ttk_write, "ttk-read": ttk_read}
IMPORTS = {"zhcorpus": "import zhcorpus.tmx", "ttk": "import translate.storage.tmx"}


def worker(task: str, n: int, path: Path) -> None:
    exec(IMPORTS[task.split("-")[0]])  # the library's own footprint, measured before the work
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    done = TASKS[task](n, path)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"task": task, "n": n, "done": done, "seconds": secs, "base_mb": base / 1024,
                      "peak_mb": peak / 1024, "bytes": path.stat().st_size}))


def run(task: str, n: int, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "_worker", task, str(n), str(path)], check=True,
                         capture_output=True, text=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{task:15s} n={n:>9,} {r['seconds']:8.1f} s {n / r['seconds']:>10,.0f} units/s "
          f"peak {r['peak_mb']:7.1f} MB (after imports {r['base_mb']:.1f} MB) file {r['bytes'] / 1e6:,.0f} MB",
          flush=True)
    return r


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        worker(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1_000_000, help="units for zhcorpus (default 1,000,000)")
    ap.add_argument("--ttk-n", type=int, default=None, help="units for translate-toolkit (default: same as -n)")
    ap.add_argument("--no-ttk", action="store_true", help="skip translate-toolkit")
    args = ap.parse_args()
    ttk_n = args.ttk_n or args.n
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "ours" / "ours.tmx"
        ours.parent.mkdir()
        rows.append(run("zhcorpus-write", args.n, ours))
        rows.append(run("zhcorpus-read", args.n, ours))
        ours.unlink()
        if not args.no_ttk:
            theirs = Path(tmp) / "ttk.tmx"
            rows.append(run("ttk-write", ttk_n, theirs))
            rows.append(run("ttk-read", ttk_n, theirs))
    print("\n| task | units | seconds | units/s | peak RSS (MB) | RSS after imports (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['task']} | {r['n']:,} | {r['seconds']:.1f} | {r['n'] / r['seconds']:,.0f} | "
              f"{r['peak_mb']:.0f} | {r['base_mb']:.0f} |")


if __name__ == "__main__":
    main()
