"""A tiny built corpus for the review tests (documents.jsonl + units.jsonl, no full build)."""

from __future__ import annotations

from pathlib import Path

from zhcorpus.ingest import ingest_file
from zhcorpus.jsonl import write_jsonl
from zhcorpus.units import make_units

XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>']

ZH = {
    "a01": "第一句话。第二句话。第三句话。\n第四句话。第五句话。",
    "b02": "另一篇文章。还有一句。",
}
EN = {
    "a01": f"The first sentence. The second sentence {XSS[0]}. The third sentence.\n"
           f"The fourth sentence {XSS[1]}. The fifth sentence.",
    "b02": "Another article. One more sentence.",
}


def mini_corpus(root: Path, links: dict[str, list[tuple[tuple[int, ...], tuple[int, ...], float]]] | None = None,
                flags: dict[str, list[tuple[str, ...]]] | None = None) -> Path:
    """A project folder with ``corpus/`` holding two small document pairs aligned 1-1 (or *links*)."""
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    docs, units = [], []
    for doc in ZH:
        (src / f"{doc}.zh.txt").write_text(ZH[doc] + "\n", encoding="utf-8")
        (src / f"{doc}.en.txt").write_text(EN[doc] + "\n", encoding="utf-8")
        zh = ingest_file(src / f"{doc}.zh.txt", f"{doc}.zh", "zh")
        en = ingest_file(src / f"{doc}.en.txt", f"{doc}.en", "en")
        n = len(zh.segments())
        assert n == len(en.segments()), (zh.segments(), en.segments())
        lk = (links or {}).get(doc) or [((i,), (i,), 0.9 - 0.1 * (i % 3)) for i in range(n)]
        fl = (flags or {}).get(doc)
        docs += [zh.to_dict(), en.to_dict()]
        units += [u.to_dict() for u in make_units(zh, en, lk, flags=fl)]
    write_jsonl(root / "corpus" / "documents.jsonl", docs)
    write_jsonl(root / "corpus" / "units.jsonl", units)
    return root
