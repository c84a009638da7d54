"""A QA report as text, JSON and a self-contained HTML page (every text escaped, no scripts, no
external resources, no timestamp: the same report gives the same bytes)."""

from __future__ import annotations

import json
from html import escape

from .model import SEVERITIES, Finding, QaReport
from .registry import all_checks


def _line(f: Finding) -> str:
    related = f" (also {', '.join(f.related)})" if f.related else ""
    allowed = f" [explained: {f.allowed}]" if f.allowed else ""
    return f"{f.severity.upper():7} {f.check:13} {f.unit}{related}: {f.message}{allowed}"


def format_text(report: QaReport, *, show_allowed: bool = False, show_text: bool = True) -> str:
    """One line per open finding (and allowed ones if asked), the texts below it, then a summary."""
    out: list[str] = []
    for f in report.findings:
        if f.allowed and not show_allowed:
            continue
        out.append(_line(f))
        if show_text:
            if f.detail and f.detail not in f.message:
                out.append(f"        detail: {f.detail}")
            out.append(f"        zh: {f.zh}")
            out.append(f"        en: {f.en}")
    for s in report.stale_allowlist:
        out.append(f"STALE   allowlist entry matches no finding: {s}")
    out.append(report.summary())
    return "\n".join(out)


def to_json(report: QaReport) -> str:
    """The report as JSON text (sorted keys, so equal reports give equal bytes)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


_CSS = """body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}th{background:#f3f3f3}
.error{background:#fde2e2}.warning{background:#fff4d6}.info{background:#e8f0fe}.allowed{color:#777}
.zh{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif}small{color:#555}"""


def to_html(report: QaReport, title: str = "zhcorpus translation QA") -> str:
    """A self-contained HTML page: counts per check and severity, then every finding with its texts."""
    checks = all_checks()
    c = report.counts()
    rows = []
    by = report.by_check()
    for cid in report.checks:
        desc = checks[cid].description if cid in checks else cid
        cells = "".join(f"<td>{by.get(cid, {}).get(s, 0)}</td>" for s in SEVERITIES)
        rows.append(f"<tr><td>{escape(cid)}</td><td>{escape(desc)}</td>{cells}</tr>")
    items = []
    for f in report.findings:
        cls = f"{f.severity} allowed" if f.allowed else f.severity
        related = f"<br><small>also {escape(', '.join(f.related))}</small>" if f.related else ""
        why = f"<br><small>explained: {escape(f.allowed)}</small>" if f.allowed else ""
        detail = f"<br><small>{escape(f.detail)}</small>" if f.detail and f.detail not in f.message else ""
        items.append(f'<tr class="{cls}"><td>{escape(f.severity)}</td><td>{escape(f.check)}</td>'
                     f"<td>{escape(f.unit)}{related}</td><td>{escape(f.message)}{detail}{why}</td>"
                     f'<td class="zh" lang="zh">{escape(f.zh)}</td><td lang="en">{escape(f.en)}</td></tr>')
    stale = "".join(f"<li>{escape(s)}</li>" for s in report.stale_allowlist)
    allowed = sum(1 for f in report.findings if f.allowed)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{_CSS}</style></head><body><h1>{escape(title)}</h1>"
            f"<p>{report.units} units checked: <b>{c['error']}</b> errors, <b>{c['warning']}</b> warnings, "
            f"<b>{c['info']}</b> info; {allowed} findings explained by the reviewed allowlist.</p>"
            "<h2>Checks</h2><table><tr><th>check</th><th>what it looks for</th><th>errors</th><th>warnings</th>"
            f"<th>info</th></tr>{''.join(rows)}</table>"
            + (f"<h2>Stale allowlist entries</h2><ul>{stale}</ul>" if stale else "")
            + "<h2>Findings</h2><table><tr><th>severity</th><th>check</th><th>unit</th><th>finding</th>"
            f"<th>Chinese</th><th>English</th></tr>{''.join(items)}</table></body></html>\n")
