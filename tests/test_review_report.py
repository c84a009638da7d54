"""The build report's review sections: per-document rows, the queue head worst first with the
command that opens each bead, glossary misses, final output paths."""

from __future__ import annotations

from zhcorpus.build.report import _review_sections
from zhcorpus.model import Unit
from zhcorpus.review.summary import summarize


def _u(doc, n, score, flags=(), zh_ids=("z",), en_ids=("e",)):
    return Unit(id=f"{doc}/{n}", doc_id=doc, zh_ids=list(zh_ids), en_ids=list(en_ids), zh=f"中{n}<b>",
                en=f"E{n}", score=score, flags=list(flags))


def test_summary_rows_and_queue_head():
    units = [_u("a", 1, 0.9), _u("a", 2, 0.4, ["low-confidence"]), _u("a", 3, 1.0, ["reviewed"]),
             _u("a", 4, 0.0, ["unaligned-zh"], en_ids=()), _u("b", 1, 0.95), _u("b", 2, 0.7)]
    s = summarize(units, ["b/1"])
    rows = {r["document"]: r for r in s.rows()}
    assert rows["a"] == {"document": "a", "sentences": {"zh": 4, "en": 3}, "beads": 4, "mean_score": 0.7667,
                         "flagged": 2, "glossary_misses": 0, "reviewed": 1, "reviewed_pct": 25.0}
    assert rows["b"]["glossary_misses"] == 1 and rows["b"]["flagged"] == 1
    head = s.head()
    assert [q["unit"] for q in head] == ["a/4", "a/2", "b/1", "b/2", "a/1"]
    assert [q["category"] for q in head][:3] == ["omission", "low-confidence", "glossary-miss"]
    assert head[0]["command"] == "corpus review --unit a/4"
    html = _review_sections({"documents": s.rows(), "review_queue": head, "glossary_misses": [],
                             "signature": "zhcorpus:0.1.0 || align|v:1"})
    assert "中2&lt;b&gt;" in html
    assert "corpus review --unit a/4" in html and "Build signature" in html and "中2<b>" not in html


def test_queue_head_is_bounded():
    s = summarize((_u("d", n, n / 1000) for n in range(1, 500)), [])
    head = s.head()
    assert len(head) == 50 and [q["unit"] for q in head[:2]] == ["d/1", "d/2"]


def test_report_json_names_final_paths(root):
    import json

    report = json.loads((root / "corpus" / "report.json").read_text(encoding="utf-8"))
    assert all(not r["path"].startswith(".") and "staging" not in r["path"] for r in report["tmx"].values())
    assert set(report) >= {"documents", "review_queue", "glossary_misses", "signature", "stale_corrections"}
