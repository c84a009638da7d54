"""The score-distribution plot of the HTML report: per-segment scores of each system as
overlaid histograms, rendered by matplotlib to an SVG string that is byte-identical across runs
(fixed hash salt, no date metadata, text kept as text)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

_RC = {"svg.hashsalt": "zhcorpus", "svg.fonttype": "none", "font.size": 9}


def histogram_svg(series: Sequence[tuple[str, Sequence[float]]], metric: str, *,
                  lo: float = 0.0, hi: float = 100.0, bins: int = 20) -> str:
    """An inline ``<svg>`` element: one step histogram per (label, per-segment scores)."""
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.0, 3.2))
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        edges = [lo + (hi - lo) * i / bins for i in range(bins + 1)]
        for label, values in series:
            # a "$" would start matplotlib's mathtext; labels are file names, shown literally
            ax.hist(list(values), bins=edges, histtype="step", linewidth=1.6, label=label.replace("$", r"\$"))
        ax.set_xlabel(f"segment {metric}")
        ax.set_ylabel("segments")
        ax.set_xlim(lo, hi)
        ax.grid(axis="y", alpha=0.3)
        if len(series) > 1:
            ax.legend(loc="upper left", fontsize=8, frameon=False)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]
