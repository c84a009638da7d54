"""The terminal report: corpus scores with bootstrap intervals, paired significance, character
and term accuracy, misses and the sacrebleu signature of every metric."""

from __future__ import annotations

import io
from pathlib import Path

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from .run import ScoreReport
from .significance import ALPHA

MAX_MISSES = 10


def _num(x: float | None, width: int) -> str:
    return "–" if x is None else f"{x:.{width}f}"


def _pct(x: float, width: int) -> str:
    return f"{100 * x:.{width}f}%"


def _which(p_bs: float | None, p_ar: float | None) -> str:
    """Which tests reject "no difference" at 0.05."""
    bs, ar = p_bs is not None and p_bs < ALPHA, p_ar is not None and p_ar < ALPHA
    return "both" if bs and ar else "bs only" if bs else "AR only" if ar else "neither"


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _p(p: float | None) -> str:
    return "–" if p is None else f"{p:.4f}"


def labels(report: ScoreReport) -> dict[str, str]:
    """Short names for the tables: file names when they are unique, else the paths as given."""
    names = [s.name for s in report.systems]
    short = [Path(n).name for n in names]
    return dict(zip(names, short if len(set(short)) == len(short) else names, strict=True))


def renderables(report: ScoreReport, width: int = 1) -> list[RenderableType]:
    """The report as rich renderables (tables and text), in reading order."""
    out: list[RenderableType] = []
    label = labels(report)
    ref = report.ref
    guessed = " (guessed)" if ref.lang_guessed else ""
    out.append(Text(f"reference {ref.path} ({ref.format}, {report.target}{guessed}), {len(ref)} segments; "
                    f"BLEU tokenizer {report.config.bleu_tokenize}"))
    names = report.config.names()
    if any(label[s.name] != s.name for s in report.systems):
        out.append(Text("systems: " + ", ".join(f"{label[s.name]} = {s.name}" for s in report.systems)))
    out.append(Text("corpus scores (± half-width of the bootstrap 95% interval):"))
    t = Table(box=box.SIMPLE_HEAD)
    t.add_column("system", no_wrap=True)
    first = report.systems[0].scores
    for key in names:
        arrow = "↑" if first[key].higher_is_better else "↓"
        t.add_column(f"{first[key].name} {arrow}", justify="right", no_wrap=True)
    has_chars = any(s.char_accuracy for s in report.systems)
    has_terms = any(s.terms for s in report.systems)
    if has_chars:
        t.add_column("char acc", justify="right", no_wrap=True)
    if has_terms:
        t.add_column("term acc", justify="right", no_wrap=True)
    for s in report.systems:
        cells = [f"{s.scores[key].score:.{width}f}" for key in names]
        if has_chars:
            cells.append(_pct(s.char_accuracy.accuracy, width) if s.char_accuracy else "–")
        if has_terms:
            cells.append(f"{_pct(s.terms.accuracy, width)} ({s.terms.hits}/{s.terms.total})" if s.terms else "–")
        t.add_row(Text(label[s.name]), *cells)
        if any(s.scores[key].ci is not None for key in names):
            cis = [f"±{s.scores[key].ci:.{width}f}" if s.scores[key].ci is not None else "" for key in names]
            t.add_row("", *cis, *([""] * (has_chars + has_terms)), style="dim")
    if report.reference_terms is not None and has_terms:
        rt = report.reference_terms
        t.add_row("[dim](reference)[/dim]", *([""] * len(names)), *([""] if has_chars else []),
                  f"{_pct(rt.accuracy, width)} ({rt.hits}/{rt.total})")
    out.append(t)

    sig = report.significance
    if sig is not None:
        out.append(Text(f"paired tests against the baseline {label[sig.baseline]}: bootstrap resampling "
                        f"(n={sig.n_bs}) and approximate randomisation (n={sig.n_ar}):"))
        st = Table(box=box.SIMPLE_HEAD)
        for col, j in (("system", "left"), ("metric", "left"), ("score", "right"), ("Δ", "right"),
                       ("p (bs)", "right"), ("p (AR)", "right"), ("p < 0.05", "left")):
            st.add_column(col, justify=j, no_wrap=True)  # type: ignore[arg-type]
        for r in sig.rows:
            if r.delta is None:
                continue
            mark = _which(r.p_bs, r.p_ar)
            st.add_row(Text(label[r.system]), r.name, _num(r.score, width), f"{r.delta:+.{width}f}", _p(r.p_bs), _p(r.p_ar), mark)
        out.append(st)

    for s in report.systems:
        ca = s.char_accuracy
        if ca is not None:
            conf = ", ".join(f"{r}→{h} ×{n}" for r, h, n in ca.confusions[:8]) or "none"
            out.append(Text(f"character accuracy of {label[s.name]}: {_pct(ca.accuracy, width + 1)} "
                            f"({_n(ca.errors, 'error')} in {ca.ref_chars} reference characters; {ca.method}); "
                            f"top confusions (reference→hypothesis): {conf}"))
    for s in report.systems:
        ta = s.terms
        if ta is None:
            continue
        misses = ta.misses()
        out.append(Text(f"term accuracy of {label[s.name]} ({ta.direction}): {_pct(ta.accuracy, width)}, "
                        f"{ta.hits} of {ta.total} term occurrences in {len({c.segment for c in ta.checks})} "
                        f"segments ({ta.preferred} preferred); {_n(len(misses), 'miss', 'misses')}"))
        for m in misses[:MAX_MISSES]:
            expected = " | ".join(next(t.expected for t in ta.terms if t.concept_id == m.concept_id))
            found = f"used {m.found!r} (wrong variant)" if m.found else "not used"
            out.append(Text(f"  {report.ref.ids[m.segment]}: {m.concept_id} {m.source_form} → "
                            f"expected {expected}; {found}"))
        if len(misses) > MAX_MISSES:
            out.append(Text(f"  … {len(misses) - MAX_MISSES} more (see --json, --segments or --report)"))

    out.append(Text("signatures:"))
    for key in names:
        sc = report.systems[0].scores[key]
        out.append(Text(f"  {sc.name}|{sc.signature}"))
    if sig is not None:
        for key, tests in sig.signatures.items():
            name = report.systems[0].scores[key].name
            out.append(Text(f"  {name} paired bootstrap|{tests['bs']}"))
            out.append(Text(f"  {name} approximate randomisation|{tests['ar']}"))
    notes = [*report.notes, *(f"{x.path}: {n}" for x in [report.ref, *(s.segments for s in report.systems)]
                              for n in x.notes)]
    for n in notes:
        out.append(Text(f"note: {n}"))
    return out


def print_report(report: ScoreReport, console: Console, width: int = 1) -> None:
    """Print the report; lines of text (signatures) are never wrapped, so they copy whole."""
    for r in renderables(report, width):
        console.print(r, soft_wrap=isinstance(r, Text))


def format_text(report: ScoreReport, width: int = 1, columns: int = 120) -> str:
    """The terminal report as plain text (no colour), tables *columns* wide."""
    buf = io.StringIO()
    print_report(report, Console(file=buf, width=columns, color_system=None, highlight=False), width)
    return buf.getvalue()
