"""Benchmark `corpus review` on a large project: the committed corpus (corpus/*.jsonl) copied
under new document ids until it has N beads, served by a real `corpus review` process, timed
over HTTP (httpx): start-up, the queue's first and a later page, a filtered queue, a document
view, and actions (approve, merge, split, undo) answered.

    python bench/review.py --beads 10000
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _rename(obj, old: str, new: str):
    """Every id string of a document/unit record moved from pair *old* to pair *new*."""
    if isinstance(obj, dict):
        return {k: _rename(v, old, new) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_rename(v, old, new) for v in obj]
    if isinstance(obj, str):
        for sep in (".zh", ".en", "/"):
            if obj.startswith(old + sep):
                return new + obj[len(old):]
        return new if obj == old else obj
    return obj


def make_project(dest: Path, beads: int) -> tuple[int, int]:
    """A project folder with a corpus of at least *beads* beads; returns (beads, documents)."""
    docs = [json.loads(x) for x in (ROOT / "corpus" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    units = [json.loads(x) for x in (ROOT / "corpus" / "units.jsonl").read_text(encoding="utf-8").splitlines()]
    pairs = sorted({u["doc_id"] for u in units})
    (dest / "corpus").mkdir(parents=True)
    (dest / "seeds").mkdir()
    (dest / "seeds" / "glossary.tsv").write_bytes((ROOT / "seeds" / "glossary.tsv").read_bytes())
    n_beads = n_docs = copy = 0
    with open(dest / "corpus" / "documents.jsonl", "w", encoding="utf-8") as dfh, \
            open(dest / "corpus" / "units.jsonl", "w", encoding="utf-8") as ufh:
        while n_beads < beads:
            copy += 1
            for pid in pairs:
                new = f"{pid}-c{copy:04d}"
                for d in docs:
                    if d["id"].rsplit(".", 1)[0] == pid:
                        dfh.write(json.dumps(_rename(d, pid, new), ensure_ascii=False) + "\n")
                for u in units:
                    if u["doc_id"] == pid:
                        ufh.write(json.dumps(_rename(u, pid, new), ensure_ascii=False) + "\n")
                        n_beads += 1
                n_docs += 1
    return n_beads, n_docs


def add_long_document(dest: Path, n: int) -> str:
    """A synthetic document pair of *n* sentences a side, aligned 1-1, appended to the corpus."""
    sys.path.insert(0, str(ROOT / "src"))
    from zhcorpus.ingest import ingest_file
    from zhcorpus.units import make_units

    zh = "\n".join("".join(f"坚决打赢脱贫攻坚战，巩固拓展脱贫攻坚成果，第{p}段第{i}句。" for i in range(10))
                   for p in range(n // 10))
    en = "\n".join(" ".join(f"We must win the battle against poverty and consolidate its gains, paragraph {p}, "
                            f"sentence {i}." for i in range(10)) for p in range(n // 10))
    (dest / "long.zh.txt").write_text(zh + "\n", encoding="utf-8")
    (dest / "long.en.txt").write_text(en + "\n", encoding="utf-8")
    z = ingest_file(dest / "long.zh.txt", "long.zh", "zh")
    e = ingest_file(dest / "long.en.txt", "long.en", "en")
    units = make_units(z, e, [((i,), (i,), 0.9) for i in range(len(z.segments()))])
    with open(dest / "corpus" / "documents.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(z.to_dict(), ensure_ascii=False) + "\n" + json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    with open(dest / "corpus" / "units.jsonl", "a", encoding="utf-8") as fh:
        fh.writelines(json.dumps(u.to_dict(), ensure_ascii=False) + "\n" for u in units)
    return "long"


def timed(fn, n: int = 1) -> tuple[float, list[float]]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--beads", type=int, default=10_000)
    ap.add_argument("--long", type=int, default=2_000, help="beads of one long extra document (0: none)")
    args = ap.parse_args()
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        beads, ndocs = make_project(project, args.beads)
        long_doc = add_long_document(project, args.long) if args.long else None
        if long_doc:
            beads, ndocs = beads + args.long, ndocs + 1
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", "from zhcorpus.cli import main; main()", "review"],
                                cwd=project, env=env, stdout=subprocess.PIPE, text=True)
        try:
            line = proc.stdout.readline()
            startup = time.perf_counter() - t0
            url = re.search(r"(http://\S+)", line)[1]
            base, token = url.split("/?token=")
            c = httpx.Client(base_url=base, timeout=60)
            get = lambda path: c.get(path + ("&" if "?" in path else "?") + f"token={token}").raise_for_status()  # noqa: E731
            rows = {}
            rows["queue, page 1 (first request)"] = timed(lambda: get("/"))[0]
            rows["queue, page 1"] = timed(lambda: get("/"), 5)[0]
            rows["queue, page 100"] = timed(lambda: get("/?page=100"), 5)[0]
            rows["queue, filtered (one document)"] = timed(lambda: get("/?doc=000-c0001"), 5)[0]
            doc = "002-c0001"
            rows[f"document view ({doc})"] = timed(lambda: get(f"/doc/{doc}"), 5)[0]
            versions: dict[str, int] = {}

            def act(op: str, bead: int, on: str | None = None, **extra) -> None:
                d = on or doc
                r = c.post(f"/doc/{d}/act", data={"token": token, "version": str(versions.get(d, 0)), "op": op,
                                                  "bead": str(bead), **extra})
                assert r.status_code == 303, (r.status_code, r.text[:300])
                versions[d] = versions.get(d, 0) + 1

            bead = [0]

            def approve() -> None:
                act("approve", bead[0])
                bead[0] += 2
            rows["action: approve (answer)"] = timed(approve, 10)[0]
            merges, splits = [], []
            for _ in range(5):  # merge two 1-1 beads, split them back
                merges += timed(lambda: act("merge-next", 20))[1]
                splits += timed(lambda: act("split", 20, zh="1", en="1"))[1]
            rows["action: merge with next"] = statistics.median(merges)
            rows["action: split"] = statistics.median(splits)
            rows["action: undo"] = timed(lambda: act("undo", 0), 5)[0]
            rows["action + reload of the document"] = timed(lambda: (act("approve", 30), get(f"/doc/{doc}")), 5)[0]
            if long_doc:
                rows[f"document view, {args.long:,}-bead document (first 200)"] = timed(lambda: get(f"/doc/{long_doc}"), 5)[0]
                lb = [0]

                def approve_long() -> None:
                    act("approve", lb[0], on=long_doc)
                    lb[0] += 7
                rows[f"action: approve in the {args.long:,}-bead document"] = timed(approve_long, 10)[0]
                rows[f"action: merge in the {args.long:,}-bead document"] = timed(
                    lambda: act("merge-next", 500, on=long_doc), 5)[0]
        finally:
            proc.terminate()
            proc.wait()
        print(f"{beads:,} beads in {ndocs:,} documents; server start-up (load + glossary check): {startup:.2f} s")
        print("| request | median time |")
        print("|---|---|")
        for k, v in rows.items():
            print(f"| {k} | {v * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
