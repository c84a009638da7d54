"""The HTML report: one self-contained file (inline CSS and SVG, no scripts or external assets)
with the corpus scores and signatures, significance, the score distribution, character and term
accuracy, and the worst segments side by side with the differences marked. All text escaped."""

from __future__ import annotations

import difflib
import re
from html import escape
from pathlib import Path

import sacrebleu

from .. import __version__
from ..atomic import atomic_write_text
from .langs import is_chinese
from .plot import histogram_svg
from .report_text import labels
from .run import ScoreReport
from .segments import rank_metric, worst_segments

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
MAX_MISSES = 200
_SECTION = re.compile(r"<h2 id=(\w+)>([^<(]+)")

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","PingFang SC",sans-serif;
 margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
th{background:#f5f5f7;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font-size:12px;word-break:break-all}.sig{color:#555}.muted{color:#777}
table.seg{table-layout:fixed;width:100%}.seg th:first-child{width:6.5em}
del{background:#ffd7d5;text-decoration:none}ins{background:#d3f5d8;text-decoration:none}
.yes{color:#0a7d27;font-weight:600}.no{color:#777}
"""


def _e(x: object) -> str:
    return escape(str(x), quote=True)


def _tokens(text: str, chinese: bool) -> list[str]:
    return list(text) if chinese else _TOKENS.findall(text)


def _diff(ref: str, hyp: str, chinese: bool) -> tuple[str, str]:
    """Reference and hypothesis as HTML, tokens missing from the hypothesis in <del>, added in <ins>."""
    a, b = _tokens(ref, chinese), _tokens(hyp, chinese)
    ra, hb = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        left, right = _e("".join(a[i1:i2])), _e("".join(b[j1:j2]))
        if tag == "equal":
            ra.append(left)
            hb.append(right)
            continue
        if left:
            ra.append(f"<del>{left}</del>")
        if right:
            hb.append(f"<ins>{right}</ins>")
    return "".join(ra), "".join(hb)


def _fmt(x: float | None, width: int) -> str:
    return "–" if x is None else f"{x:.{width}f}"


def _scores(report: ScoreReport, width: int) -> list[str]:
    names = report.config.names()
    first = report.systems[0].scores
    h = ["<h2 id=scores>Corpus scores</h2><table><tr><th>system</th>"]
    h += [f"<th>{_e(first[k].name)} {'↑' if first[k].higher_is_better else '↓'}</th>" for k in names]
    h.append("</tr>")
    for s in report.systems:
        h.append(f"<tr><td><code>{_e(s.name)}</code></td>")
        for k in names:
            sc = s.scores[k]
            ci = (f" <span class=muted>(μ {sc.mean:.{width}f} ± {sc.ci:.{width}f})</span>"
                  if sc.mean is not None and sc.ci is not None else "")
            h.append(f"<td class=n>{sc.score:.{width}f}{ci}</td>")
        h.append("</tr>")
    h.append("</table><p>Bootstrap 95% intervals as sacrebleu reports them: mean ± half-width.</p><ul>")
    for k in names:
        sc = first[k]
        h.append(f"<li class=sig><code>{_e(sc.name)}|{_e(sc.signature)}</code></li>")
    h.append("</ul>")
    return h


def _significance(report: ScoreReport, width: int) -> list[str]:
    sig = report.significance
    if sig is None:
        return []
    h = [f"<h2 id=significance>Paired significance</h2><p>Against the baseline <code>{_e(sig.baseline)}</code>: "
         f"paired bootstrap ({sig.n_bs} resamples) and approximate randomisation ({sig.n_ar} trials); "
         "significant when both p-values are below 0.05.</p>",
         "<table><tr><th>system</th><th>metric</th><th>score</th><th>Δ</th><th>p (bootstrap)</th>"
         "<th>p (AR)</th><th>p &lt; 0.05</th></tr>"]
    for r in sig.rows:
        if r.delta is None:
            continue
        mark = "<span class=yes>yes</span>" if r.significant else "<span class=no>no</span>"
        h.append(f"<tr><td><code>{_e(r.system)}</code></td><td>{_e(r.name)}</td><td class=n>{r.score:.{width}f}</td>"
                 f"<td class=n>{r.delta:+.{width}f}</td><td class=n>{r.p_bs:.4f}</td><td class=n>{r.p_ar:.4f}</td>"
                 f"<td>{mark}</td></tr>")
    h.append("</table><ul>")
    for key, tests in sig.signatures.items():
        name = report.systems[0].scores[key].name
        h.append(f"<li class=sig><code>{_e(name)}|{_e(tests['bs'])}</code><br><code>{_e(name)}|{_e(tests['ar'])}</code></li>")
    h.append("</ul>")
    return h


def _distribution(report: ScoreReport) -> list[str]:
    if any(s.sentence is None for s in report.systems):
        return []
    key = rank_metric(report)
    name = report.systems[0].scores[key].name
    svg = histogram_svg([(s.name, [row[key] for row in s.sentence or []]) for s in report.systems], name,
                        hi=max(100.0, *(row[key] for s in report.systems for row in s.sentence or [])))
    return [f"<h2 id=distribution>Distribution of segment {_e(name)}</h2>", svg]


def _chars(report: ScoreReport, width: int) -> list[str]:
    rows = [s for s in report.systems if s.char_accuracy is not None]
    if not rows:
        return []
    h = ["<h2 id=characters>Character accuracy</h2><table><tr><th>system</th><th>accuracy</th><th>errors</th>"
         "<th>reference characters</th><th>method</th><th>top confusions (reference → hypothesis)</th></tr>"]
    for s in rows:
        ca = s.char_accuracy
        assert ca is not None
        conf = ", ".join(f"{_e(r)}→{_e(hh)} ×{n}" for r, hh, n in ca.confusions) or "none"
        h.append(f"<tr><td><code>{_e(s.name)}</code></td><td class=n>{100 * ca.accuracy:.{width + 1}f}%</td>"
                 f"<td class=n>{ca.errors}</td><td class=n>{ca.ref_chars}</td><td>{_e(ca.method)}</td><td>{conf}</td></tr>")
    h.append("</table>")
    return h


def _terms(report: ScoreReport, width: int) -> list[str]:
    rows = [s for s in report.systems if s.terms is not None]
    if not rows:
        return []
    first = rows[0].terms
    assert first is not None
    h = [f"<h2 id=terms>Term accuracy ({_e(first.direction)})</h2><p>Per segment and glossary concept found in the source: "
         "does the hypothesis use the preferred or an accepted rendering?</p>",
         "<table><tr><th>system</th><th>accuracy</th><th>hits / occurrences</th><th>preferred</th></tr>"]
    for s in rows:
        ta = s.terms
        assert ta is not None
        h.append(f"<tr><td><code>{_e(s.name)}</code></td><td class=n>{100 * ta.accuracy:.{width}f}%</td>"
                 f"<td class=n>{ta.hits} / {ta.total}</td><td class=n>{ta.preferred}</td></tr>")
    if report.reference_terms is not None:
        rt = report.reference_terms
        h.append(f"<tr><td class=muted>(reference)</td><td class=n>{100 * rt.accuracy:.{width}f}%</td>"
                 f"<td class=n>{rt.hits} / {rt.total}</td><td class=n>{rt.preferred}</td></tr>")
    h.append("</table><h3>Per term</h3><table><tr><th>concept</th><th>source term</th><th>expected</th>")
    h += [f"<th><code>{_e(s.name)}</code></th>" for s in rows]
    h.append("</tr>")
    per_sys = [{t.concept_id: t for t in (s.terms.terms if s.terms else [])} for s in rows]
    for t in first.terms:
        h.append(f"<tr><td>{_e(t.concept_id)}</td><td>{_e(t.source)}</td><td>{_e(' | '.join(t.expected))}</td>")
        for st in per_sys:
            x = st[t.concept_id]
            h.append(f"<td class=n>{x.hits}/{x.total}</td>")
        h.append("</tr>")
    h.append("</table>")
    for s in rows:
        ta = s.terms
        assert ta is not None
        misses = ta.misses()
        h.append(f"<h3>Misses of <code>{_e(s.name)}</code> ({len(misses)})</h3>")
        if not misses:
            continue
        h.append("<table><tr><th>segment</th><th>concept</th><th>source term</th><th>found</th><th>hypothesis</th></tr>")
        for m in misses[:MAX_MISSES]:
            found = f"{_e(m.found)} (wrong variant)" if m.found else "–"
            h.append(f"<tr><td>{_e(report.ref.ids[m.segment])}</td><td>{_e(m.concept_id)}</td><td>{_e(m.source_form)}</td>"
                     f"<td>{found}</td><td>{_e(s.segments.texts[m.segment])}</td></tr>")
        h.append("</table>")
        if len(misses) > MAX_MISSES:
            h.append(f"<p class=muted>{len(misses) - MAX_MISSES} more in the --json output.</p>")
    return h


def _worst(report: ScoreReport, n: int, width: int) -> list[str]:
    if any(s.sentence is None for s in report.systems):
        return []
    key = rank_metric(report)
    name = report.systems[0].scores[key].name
    chinese = is_chinese(report.target)
    idx = worst_segments(report, n)
    h = [f"<h2 id=worst>Worst {len(idx)} segments</h2><p>By segment {_e(name)} of <code>{_e(report.systems[0].name)}</code>. "
         "<del>Red</del>: in the reference, not in the hypothesis; <ins>green</ins>: in the hypothesis only.</p>",
         "<table class=seg><tr><th>segment</th>" + ("<th>source</th>" if report.src else "") + "<th>reference</th>"]
    label = labels(report)
    h += [f"<th><code>{_e(label[s.name])}</code></th>" for s in report.systems]
    h.append("</tr>")
    for i in idx:
        h.append(f"<tr><td>{_e(report.ref.ids[i])}</td>")
        if report.src is not None:
            h.append(f"<td>{_e(report.src.texts[i])}</td>")
        ref_html, _ = _diff(report.ref.texts[i], report.systems[0].segments.texts[i], chinese)
        h.append(f"<td>{ref_html}</td>")
        for s in report.systems:
            _, hyp_html = _diff(report.ref.texts[i], s.segments.texts[i], chinese)
            assert s.sentence is not None
            scores = " ".join(f"{_e(s.scores[k].name)} {_fmt(v, width)}" for k, v in s.sentence[i].items())
            h.append(f"<td>{hyp_html}<br><span class=muted>{scores}</span></td>")
        h.append("</tr>")
    h.append("</table>")
    return h


def render_html(report: ScoreReport, *, worst: int = 20, width: int = 1) -> str:
    """The whole report as one HTML document."""
    ref = report.ref
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>Scores against {_e(Path(ref.path).name)}</title><style>{_CSS}</style></head><body>",
             f"<h1>Translation quality against <code>{_e(ref.path)}</code></h1>",
             f"<p>{len(ref)} segments, target language {_e(report.target)}"
             f"{' (guessed from the text)' if ref.lang_guessed else ''}, BLEU tokenizer "
             f"<code>{_e(report.config.bleu_tokenize)}</code>. zhcorpus {_e(__version__)}, "
             f"sacrebleu {_e(sacrebleu.__version__)}.</p>"]
    if report.notes:
        parts.append("<ul>" + "".join(f"<li>{_e(n)}</li>" for n in report.notes) + "</ul>")
    blocks = [_scores(report, width), _significance(report, width), _distribution(report),
              _chars(report, width), _terms(report, width), _worst(report, worst, width)]
    toc = [m.groups() for b in blocks if b for m in [_SECTION.search(b[0])] if m]
    parts.append("<nav>" + " · ".join(f'<a href="#{i}">{_e(t.strip())}</a>' for i, t in toc) + "</nav>")
    for block in blocks:
        parts.extend(block)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_html(path: str | Path, report: ScoreReport, *, worst: int = 20, width: int = 1) -> None:
    """Write :func:`render_html` atomically."""
    atomic_write_text(path, render_html(report, worst=worst, width=width))
