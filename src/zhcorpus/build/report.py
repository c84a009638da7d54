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


def _plots(report: dict[str, Any], points: list[tuple[float, float, bool, str]], term_labels: dict[str, str]) -> dict[str, str]:
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "zhcorpus", "svg.fonttype": "none", "font.size": 9})
    out: dict[str, str] = {}
    stats = report["stats"]

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


CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.5em}table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}th{background:#f4f4f4}
.plots{display:flex;flex-wrap:wrap;gap:1em}.plots figure{margin:0;border:1px solid #eee;padding:.5em}
.plots svg{max-width:100%;height:auto}.fail{color:#b00}"""


def _qa(qa: dict[str, Any] | None) -> str:
    """The QA counts for the summary table (see corpus/qa.html for the findings)."""
    if not qa:
        return "n/a"
    return f"{qa['error']} / {qa['warning']} / {qa['info']} ({qa['explained']} explained; see qa.html)"


def write_report(out_dir: Path, report: dict[str, Any], points: list[tuple[float, float, bool, str]],
                 term_labels: dict[str, str]) -> tuple[Path, Path]:
    """Write report.json and report.html into *out_dir*; returns both paths."""
    jpath, hpath = out_dir / "report.json", out_dir / "report.html"
    atomic_write_text(jpath, json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
    stats = report["stats"]
    plots = _plots(report, points, term_labels)
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
    flags = _table(sorted(stats["flags"].items()))
    files = _table([(k, f"{v:,} bytes") for k, v in sorted(report.get("files", {}).items())])
    failures = "".join(f"<li class='fail'>{html.escape(f['error'])}</li>" for f in stats["failures"])
    figs = "".join(f"<figure>{svg}</figure>" for svg in plots.values())
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>zhcorpus build report</title>"
        f"<style>{CSS}</style></head><body><h1>zhcorpus build report</h1>"
        f"<h2>Summary</h2>{summary}<h2>Plots</h2><div class='plots'>{figs}</div>"
        f"<h2>Flags</h2>{flags}"
        + (f"<h2>Failed documents</h2><ul>{failures}</ul>" if failures else "")
        + f"<h2>Files</h2>{files}</body></html>\n"
    )
    atomic_write_text(hpath, page)
    return jpath, hpath
