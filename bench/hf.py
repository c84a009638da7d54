"""Benchmark the Hugging Face export and import on a synthetic corpus.

Prints, for N units (4 variants each, 100 units a document): export time and peak memory,
the Parquet size, `datasets.load_dataset` time for one subset, and `import_hf` time. Each step
runs in its own process so the peak RSS is that step's own.

    python bench/hf.py --units 200000
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

ZH = "坚决打赢脱贫攻坚战，确保农村贫困人口全部脱贫，第{n}句。"
EN = "We must win the battle against poverty and lift every rural poor person out of it, sentence {n}."


def one_paragraph(doc_id: str, text: str):
    """A paragraph of one segment holding *text* (a document's text is joined from its segments)."""
    from zhcorpus.model import Paragraph, Segment

    return Paragraph(id=f"{doc_id}/1", index=1, start=0, end=len(text),
                     segments=[Segment(id=f"{doc_id}/1/1", text=text, start=0, end=len(text), paragraph=1)])


def corpus(n_units: int, per_doc: int = 100):
    """Yield (documents, units) per synthetic document pair."""
    from zhcorpus.model import Document, Unit

    for d in range(0, n_units, per_doc):
        pid = f"{d // per_doc:06d}"
        k = min(per_doc, n_units - d)
        zh_text = "".join(ZH.format(n=i) for i in range(k))
        en_text = " ".join(EN.format(n=i) for i in range(k))
        docs = [Document(id=f"{pid}.zh", lang="zh", script="Hans", paragraphs=[one_paragraph(f"{pid}.zh", zh_text)],
                         meta={"cleaning": {"blank-lines": 3}, "sha256": "0" * 64}),
                Document(id=f"{pid}.en", lang="en", paragraphs=[one_paragraph(f"{pid}.en", en_text)],
                         meta={"license": "CC-BY-4.0"})]
        units = []
        for i in range(k):
            zh, en = ZH.format(n=i), EN.format(n=i)
            units.append(Unit(id=f"{pid}/{i + 1}", doc_id=pid, zh_ids=[f"{pid}.zh/1/{i + 1}"],
                              en_ids=[f"{pid}.en/1/{i + 1}"], zh=zh, en=en, score=0.9, paragraph=1,
                              terms=["T001"], variants={"zh-Hans": zh, "zh-Hant": zh, "zh-TW": zh, "zh-HK": zh}))
        yield docs, units


def step(name: str, n: int, folder: str) -> dict:
    os.environ.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", HF_HOME=str(Path(folder) / "home"))
    out = Path(folder) / "hf"
    units_path, docs_path = Path(folder) / "units.jsonl", Path(folder) / "documents.jsonl"
    if name == "prepare":  # the JSONL files `corpus build` would write (not timed)
        from zhcorpus.jsonl import dumps

        with open(units_path, "w", encoding="utf-8") as uf, open(docs_path, "w", encoding="utf-8") as df:
            for docs, units in corpus(n):
                df.writelines(dumps(d.to_dict()) + "\n" for d in docs)
                uf.writelines(dumps(u.to_dict()) + "\n" for u in units)
        return {"step": name}
    if name == "export":  # as `corpus build` and `corpus hf export` do: streamed from the files
        from zhcorpus.hf import export_hf
        from zhcorpus.jsonl import JsonlRecords
        from zhcorpus.model import Document, Unit

        t = time.perf_counter()
        export_hf(JsonlRecords(units_path, Unit.from_dict), JsonlRecords(docs_path, Document.from_dict), None, out,
                  build_info={"license": "CC-BY-4.0"})
        secs = time.perf_counter() - t
        size = sum(p.stat().st_size for p in out.rglob("*.parquet"))
        extra = {"parquet_mb": round(size / 2**20, 2)}
    elif name == "load":
        import datasets

        t = time.perf_counter()
        ds = datasets.load_dataset(str(out), "en-zh_Hans")
        secs = time.perf_counter() - t
        extra = {"rows": sum(len(s) for s in ds.values())}
    else:
        from zhcorpus.hf import import_hf

        t = time.perf_counter()
        units = import_hf(out, config="en-zh_Hans")
        secs = time.perf_counter() - t
        extra = {"units": len(units)}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"step": name, "seconds": round(secs, 2), "units_per_s": int(n / secs), "peak_rss_mb": int(rss), **extra}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--step", choices=["prepare", "export", "load", "import"], help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args.units, args.folder)))
        return
    with tempfile.TemporaryDirectory() as folder:
        print(f"{args.units} units, {args.units // 100} documents, 4 variants each")
        for name in ("prepare", "export", "load", "import"):
            res = subprocess.run([sys.executable, __file__, "--units", str(args.units), "--step", name,
                                  "--folder", folder], capture_output=True, text=True, check=True)
            r = json.loads(res.stdout.strip().splitlines()[-1])
            if name == "prepare":
                continue
            print("  " + "  ".join(f"{k}={v}" for k, v in r.items()))


if __name__ == "__main__":
    main()
