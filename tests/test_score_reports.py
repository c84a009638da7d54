"""The outputs of `corpus score`: terminal table, JSON, per-segment JSONL and the HTML report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhcorpus.cli import main
from zhcorpus.glossary import load_glossary
from zhcorpus.score import (
    ScoreOptions,
    format_text,
    load_inputs,
    render_html,
    score,
    segment_rows,
    worst_segments,
)

DATA = Path(__file__).parent / "data" / "score"
FAST = ("--bootstrap", "100", "--paired-bs-n", "100", "--paired-ar-n", "200")


def run(*args: str):
    return CliRunner().invoke(main, ["score", *args])


@pytest.fixture
def two_systems(tmp_path):
    """The zh-en fixture with a second, worse system whose text needs escaping in HTML."""
    worse = tmp_path / "worse.txt"
    hyp = (DATA / "zh-en.hyp.txt").read_text(encoding="utf-8").splitlines()
    hyp[2] = "<script>alert('x')</script> & society"  # a term miss: listed whole in the report
    hyp[0] = "We must win."
    worse.write_text("\n".join(hyp) + "\n", encoding="utf-8")
    return [str(DATA / "zh-en.hyp.txt"), str(worse)]


def test_terminal_table_with_significance_and_signatures(two_systems):
    args = ["--ref", str(DATA / "zh-en.ref.txt"), "--src", str(DATA / "zh-en.src.txt"),
            "--glossary", str(DATA / "glossary.tsv"), *FAST]
    r = run(*args, "--hyp", two_systems[0], "--hyp", two_systems[1])
    assert r.exit_code == 0, r.output
    out = r.output
    assert "paired tests against the baseline" in out and "p (AR)" in out
    assert re.search(r"BLEU\|nrefs:1\|bs:100\|seed:12345\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:", out)
    assert "BLEU paired bootstrap|nrefs:1|bs:100|seed:12345" in out
    assert "BLEU approximate randomisation|nrefs:1|ar:200|seed:12345" in out
    assert "term accuracy of" in out and "S03 小康社会" in out


def test_json_is_deterministic_and_complete(two_systems, tmp_path):
    args = ["--ref", str(DATA / "zh-en.ref.txt"), "--src", str(DATA / "zh-en.src.txt"),
            "--glossary", str(DATA / "glossary.tsv"), "--hyp", two_systems[0], "--hyp", two_systems[1],
            "--json", *FAST]
    a, b = run(*args), run(*args)
    assert a.exit_code == 0, a.output
    assert a.output == b.output
    d = json.loads(a.output)
    assert d["target"] == "en" and d["segments"] == 6 and d["metrics"] == ["bleu", "chrf", "chrf++", "ter"]
    s0, s1 = d["systems"]
    assert s0["scores"]["bleu"]["signature"].startswith("nrefs:1|bs:100|seed:12345")
    assert s0["terms"]["hits"] == 5 and s0["terms"]["total"] == 7
    assert s1["terms"]["hits"] == 4  # line 1 no longer has "fight against poverty"
    assert d["reference_terms"]["accuracy"] == 1.0
    rows = d["significance"]["rows"]
    assert {r["system"] for r in rows} == set(two_systems)
    assert all(r["p_bs"] is not None and r["p_ar"] is not None for r in rows if r["system"] == two_systems[1])


def test_segments_and_html_report(two_systems, tmp_path):
    seg_path, html_path = tmp_path / "out" / "segments.jsonl", tmp_path / "out" / "report.html"
    args = ["--ref", str(DATA / "zh-en.ref.txt"), "--src", str(DATA / "zh-en.src.txt"),
            "--glossary", str(DATA / "glossary.tsv"), "--hyp", two_systems[0], "--hyp", two_systems[1],
            "--segments", str(seg_path), "--report", str(html_path), *FAST]
    assert run(*args).exit_code == 0
    rows = [json.loads(x) for x in seg_path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 6 and rows[2]["id"] == "line 3" and rows[2]["src"] == "全面建成小康社会。"
    third = rows[2]["systems"][two_systems[0]]
    assert set(third["scores"]) == {"bleu", "chrf", "chrf++", "ter"}
    assert third["terms"] == [{"concept": "S03", "found": None, "source_form": "小康社会", "status": "missing"}]
    html = html_path.read_text(encoding="utf-8")
    first_html = html
    # self-contained: inline SVG plot, no scripts, no external resources
    assert "<svg" in html and "<script" not in html.lower().replace("&lt;script", "")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", html)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; society" in html
    assert "Worst 6 segments" in html and "Paired significance" in html and "Term accuracy" in html
    # rerun: byte-identical report (no timestamps, fixed SVG ids)
    assert run(*args).exit_code == 0
    assert html_path.read_text(encoding="utf-8") == first_html


def test_failed_run_leaves_earlier_outputs(tmp_path):
    html = tmp_path / "report.html"
    html.write_text("earlier", encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text("x\n", encoding="utf-8")
    r = run("--ref", str(DATA / "zh-en.ref.txt"), "--hyp", str(short), "--report", str(html))
    assert r.exit_code == 1
    assert html.read_text(encoding="utf-8") == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "short.txt"]


def test_conversion_scoring_gives_character_accuracy():
    ref, hyps, src = load_inputs(DATA / "s2tw.ref.txt", [DATA / "s2tw.hyp.txt"], DATA / "s2tw.src.txt",
                                 ref_lang="zh-TW")
    report = score(ref, hyps, src=src, glossary=load_glossary(DATA / "glossary.tsv"),
                   options=ScoreOptions(n_bootstrap=0, segment_scores=True))
    sysres = report.systems[0]
    assert sysres.char_accuracy is not None and sysres.char_accuracy.accuracy == pytest.approx(0.84)
    assert "chrf" in sysres.scores
    assert sysres.terms is not None and sysres.terms.direction == "zh-Hans -> zh-TW"
    text = format_text(report)
    assert "character accuracy of" in text and "position-wise on 5 segments" in text
    assert "髮→發" in text
    assert worst_segments(report, 2) == [3, 1]  # 精准扶贫 unconverted, then 軟件 for 軟體
    rows = segment_rows(report)
    assert rows[3]["systems"][str(DATA / "s2tw.hyp.txt")]["char_accuracy"]["errors"] == 2
    html = render_html(report)
    assert "Character accuracy" in html and "<del>" in html and "<ins>" in html


def test_help_has_an_example():
    r = CliRunner().invoke(main, ["score", "--help"])
    assert r.exit_code == 0 and "Example" in r.output and "--ref-lang" in r.output
