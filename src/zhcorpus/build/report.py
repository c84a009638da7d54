"""The build report: `report.json` (the numbers) and a self-contained `report.html` (inline SVG plots)."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_text


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def plots(stats: dict[str, Any], points: list[tuple[float, float, bool, str]],
          term_labels: dict[str, str]) -> dict[str, str]:
    """The report's SVG plots from the build's stats (``Stats.to_dict()``) and unit *points*: a
    function of its own, so the build can draw them on a spare core while it finishes the exports."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "zhcorpus", "svg.fonttype": "none", "font.size": 9})
    out: dict[str, str] = {}

    beads = stats["beads"]
    fig, ax = plt.subplots(figsize=(5, 3))
    order = sorted(beads, key=lambda b: (-beads[b], b))
    ax.bar(order, [beads[b] for b in order], color="#3b6ea5")
    ax.set_xlabel("bead type (zh-en sentences)")
    ax.set_ylabel("units")
    ax.set_title("Bead types")
    fig.tight_layout()
    out["beads"] = _svg(fig)
    plt.close(fig)

    hist = stats["score"]["histogram"]["counts"]
    n = len(hist)
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.bar([i / n for i in range(n)], hist, width=1 / n, align="edge", color="#4c9a5f", edgecolor="white")
    ax.set_xlim(0, 1)
    ax.set_xlabel("alignment score")
    ax.set_ylabel("units")
    ax.set_title("Alignment scores")
    fig.tight_layout()
    out["scores"] = _svg(fig)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5, 4))
    ok = [(z, e) for z, e, f, _ in points if not f]
    bad = [(z, e) for z, e, f, _ in points if f]
    if ok:
        ax.scatter(*zip(*ok, strict=True), s=8, alpha=0.6, color="#3b6ea5", label="aligned")
    if bad:
        ax.scatter(*zip(*bad, strict=True), s=14, color="#d1495b", marker="x", label="flagged")
    ax.set_xlabel("Chinese characters")
    ax.set_ylabel("English characters")
    ax.set_title("Length of the two sides of each unit")
    if ok or bad:
        ax.legend(loc="upper left")
    fig.tight_layout()
    out["lengths"] = _svg(fig)
    plt.close(fig)

    terms = stats["terms"]
    top = sorted(terms, key=lambda t: (-terms[t], t))[:25]
    fig, ax = plt.subplots(figsize=(7.5, max(2.5, 0.28 * len(top) + 1)))
    labels = [term_labels.get(t, t) for t in top][::-1]
    ax.barh(labels, [terms[t] for t in top][::-1], color="#edae49")
    ax.set_xlabel("units containing the term")
    ax.set_title("Glossary terms in the corpus (top 25)")
    fig.tight_layout()
    out["terms"] = _svg(fig)
    plt.close(fig)
    return out


def _table(rows: list[tuple[str, Any]]) -> str:
    body = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


FLAG_MEANINGS = {
    "omission": "a sentence the aligner believes has no translation on the other side",
    "low-confidence": "the alignment score is below the build's threshold",
    "length-mismatch": "the two sides differ in length far more than the document's usual ratio",
    "unaligned-zh": "a Chinese sentence with no English (1-0 bead)",
    "unaligned-en": "an English sentence with no Chinese (0-1 bead)",
    "no-translation": "the document has no translation",
    "reviewed": "a person reviewed the bead (`corpus review`): fixed, score 1.0",
    "edited": "a reviewer corrected the English text (before/after in corrections/)",
}


def _flags_table(flags: dict[str, int]) -> str:
    if not flags:
        return "<p>No unit carries a flag.</p>"
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{v:,}</td><td>{html.escape(FLAG_MEANINGS.get(k, ''))}</td></tr>"
                   for k, v in sorted(flags.items()))
    return f"<table><tr><th>flag</th><th>units</th><th>meaning</th></tr>{rows}</table>"


def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v))


def _review_sections(report: dict[str, Any]) -> str:
    """Per-document table, the head of the review queue, glossary misses, stale corrections and the
    build signature: what to fix, where, and the command that opens it."""
    out = []
    docs = report.get("documents")
    if docs is not None:
        rows = "".join(
            f"<tr><td>{_e(d['document'])}</td><td>{d['sentences']['zh']:,} / {d['sentences']['en']:,}</td>"
            f"<td>{d['beads']:,}</td><td>{_e(d['mean_score'])}</td><td>{d['flagged']:,}</td>"
            f"<td>{d['glossary_misses']:,}</td><td>{d['reviewed_pct']}%</td></tr>" for d in docs)
        out.append("<h2>Documents</h2><table><tr><th>document</th><th>sentences zh / en</th><th>beads</th>"
                   "<th>mean score</th><th>flagged</th><th>glossary misses</th><th>reviewed</th></tr>"
                   f"{rows}</table>")
    queue = report.get("review_queue")
    if queue is not None:
        if queue:
            rows = "".join(
                f"<tr><td>{i}</td><td>{_e(q['unit'])}</td><td>{_e(q['category'])}</td><td>{_e(q['bead'])}</td>"
                f"<td>{_e(q['score'])}</td><td lang='zh'>{_e(q['zh'])}</td><td lang='en'>{_e(q['en'])}</td>"
                f"<td><code class='cmd'>{_e(q['command'])}</code></td></tr>" for i, q in enumerate(queue, 1))
            out.append(f"<h2>Review queue (first {len(queue)})</h2><p>Worst first: omissions, low confidence, "
                       "length mismatch, glossary misses, then by score. <code>corpus review</code> opens them "
                       "all in the browser.</p><table><tr><th>#</th><th>unit</th><th>why</th><th>bead</th>"
                       f"<th>score</th><th>Chinese</th><th>English</th><th>open</th></tr>{rows}</table>")
        else:
            out.append("<h2>Review queue</h2><p>Nothing left to review: every bead is reviewed.</p>")
    misses = report.get("glossary_misses")
    if misses is not None:
        rows = "".join(
            f"<tr><td>{_e(m['unit'])}</td><td>{_e(m['concept'])}</td><td lang='zh'>{_e(m['term'])}</td>"
            f"<td>{_e(' | '.join(m.get('expected', [])))}</td><td lang='en'>{_e(m['en'])}</td></tr>" for m in misses)
        out.append(f"<h2>Glossary misses ({len(misses)})</h2>"
                   + (f"<table><tr><th>unit</th><th>concept</th><th>term</th><th>expected</th><th>English</th></tr>"
                      f"{rows}</table>" if misses else "<p>Every glossary term is rendered as the glossary says.</p>"))
    stale = report.get("stale_corrections")
    if stale:
        rows = "".join(f"<tr><td>{_e(s['file'])}</td><td>#{_e(s['n'])}</td><td>{_e(s['kind'])}</td>"
                       f"<td>{_e(' '.join(s['ids']))}</td><td>{_e(s['reason'])}</td></tr>" for s in stale)
        out.append(f"<h2>Stale corrections ({len(stale)}, not applied)</h2><table><tr><th>file</th><th>#</th>"
                   f"<th>kind</th><th>sentences</th><th>why</th></tr>{rows}</table>")
    if report.get("signature"):
        out.append(f"<h2>Build signature</h2><p><code class='sig'>{_e(report['signature'])}</code></p>")
    return "".join(out)


CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.5em}table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f4f4f4}
.plots{display:flex;flex-wrap:wrap;gap:1em}.plots figure{margin:0;border:1px solid #eee;padding:.5em}
.plots svg{max-width:100%;height:auto}.fail{color:#b00}
td[lang=zh]{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","PingFang SC","Microsoft YaHei",sans-serif}
code.sig{word-break:break-all;font-size:.8em}code.cmd{white-space:nowrap}"""


def _qa(qa: dict[str, Any] | None) -> str:
    """The QA counts for the summary table (see corpus/qa.html for the findings)."""
    if not qa:
        return "n/a"
    return f"{qa['error']} / {qa['warning']} / {qa['info']} ({qa['explained']} explained; see qa.html)"


def write_report(out_dir: Path, report: dict[str, Any], points: list[tuple[float, float, bool, str]],
                 term_labels: dict[str, str], drawn: dict[str, str] | None = None) -> tuple[Path, Path]:
    """Write report.json and report.html into *out_dir* (with the plots *drawn* already, else drawn
    here); returns both paths."""
    jpath, hpath = out_dir / "report.json", out_dir / "report.html"
    atomic_write_text(jpath, json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
    stats = report["stats"]
    figures = drawn if drawn is not None else plots(stats, points, term_labels)
    score = stats["score"]
    summary = _table([
        ("documents", stats["documents"]),
        ("segments (zh / en)", f"{stats['segments'].get('zh', 0)} / {stats['segments'].get('en', 0)}"),
        ("units (beads)", stats["units"]),
        ("mean alignment score", score["mean"]),
        ("lowest alignment score", f"{score['min']} ({score['min_unit']})"),
        ("flagged units", stats["flagged_units"]),
        ("glossary: term occurrences / misses", f"{sum(stats['terms'].values())} / {report.get('glossary', {}).get('misses', 'n/a')}"),
        ("translation QA: errors / warnings / info (explained)", _qa(report.get("qa"))),
        ("built by", f"zhcorpus {report.get('version', '')}"),
    ])
    flags = _flags_table(stats["flags"])
    files = _table([(k, f"{v:,} bytes") for k, v in sorted(report.get("files", {}).items())])
    failures = "".join(f"<li class='fail'>{html.escape(f['error'])}</li>" for f in stats["failures"])
    figs = "".join(f"<figure>{svg}</figure>" for svg in figures.values())
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>zhcorpus build report</title>"
        f"<style>{CSS}</style></head><body><h1>zhcorpus build report</h1>"
        f"<h2>Summary</h2>{summary}<h2>Plots</h2><div class='plots'>{figs}</div>"
        f"<h2>Flags</h2>{flags}"
        + _review_sections(report)
        + (f"<h2>Failed documents</h2><ul>{failures}</ul>" if failures else "")
        + f"<h2>Files</h2>{files}</body></html>\n"
    )
    atomic_write_text(hpath, page)
    return jpath, hpath
