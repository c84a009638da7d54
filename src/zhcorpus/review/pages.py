"""HTML of the review app: the queue and the document view. Every text is HTML-escaped here
(sentences, ids, flags, glossary entries), so a segment holding markup shows as text."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

from ..model import Segment, Unit
from .project import DocView, QueuePage, ReviewProject

CJK_FONTS = ('"Noto Sans CJK SC","Noto Sans CJK TC","Source Han Sans SC","WenQuanYi Zen Hei",'
             '"PingFang SC","Hiragino Sans GB","Microsoft YaHei",sans-serif')

CSS = """*{box-sizing:border-box}body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,@CJK@;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1f3b5a;color:#fff;padding:.6em 1.2em;display:flex;gap:1.2em;align-items:baseline;flex-wrap:wrap}
header a{color:#cfe3ff}header h1{font-size:1.1em;margin:0}main{padding:1em 1.2em;max-width:1500px;margin:auto}
[lang|=zh]{font-family:@CJK@;line-height:1.7}table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e1e4ea;padding:.35em .5em;text-align:left;vertical-align:top;font-size:.92em}
th{background:#eef1f5;font-weight:600}.num{text-align:right;white-space:nowrap}
.counts span{margin-right:1.2em}.flag{display:inline-block;font-size:.75em;padding:0 .4em;border-radius:3px;background:#e8ebf0;margin:0 .2em .2em 0}
.flag.omission,.flag.unaligned-zh,.flag.unaligned-en{background:#f9d6d5}.flag.low-confidence{background:#fbe3c0}
.flag.length-mismatch{background:#f6efb5}.flag.glossary-miss{background:#e3d7f5}.flag.reviewed{background:#cdebd3}.flag.edited{background:#cfe3ff}
.bead{display:grid;grid-template-columns:8.5em 1fr 1fr 15em;gap:.6em;background:#fff;border:1px solid #e1e4ea;border-left:4px solid #c5ccd6;margin:.35em 0;padding:.45em .6em;scroll-margin-top:5em}
.bead:focus{outline:none}.bead.reviewed{border-left-color:#3c9a56}.bead.problem{border-left-color:#d1495b}.bead.focus{outline:2px solid #3b6ea5;background:#f4f8ff}
.meta{font-size:.8em;color:#4a5568}.meta b{font-size:1.15em;color:#1d2330}.s{cursor:pointer;border-radius:2px;padding:0 1px}
.s:hover{background:#eef3fb}.s.sel{background:#ffe58f}.s.edited{border-bottom:2px dotted #3b6ea5}
mark.term{background:#fff1b8;border-bottom:2px solid #e0a800;padding:0}mark.term.miss{background:#f3d9fa;border-bottom-color:#9b30c0}
.var{display:none;font-size:.85em;color:#4a5568;margin-top:.3em}body.variants .var{display:block}.var b{font-weight:600;margin-right:.3em}
.acts button{font-size:.78em;margin:0 .15em .25em 0;padding:.15em .45em;cursor:pointer}.acts select{font-size:.78em}
.acts details{display:inline-block}.edit textarea{width:100%;font:inherit;min-height:3.5em}.edit{display:none}.edit.open{display:block}
.help{background:#fff;border:1px solid #e1e4ea;padding:.5em .8em;font-size:.85em;margin-bottom:.8em}
.help kbd{border:1px solid #aab;border-bottom-width:2px;border-radius:3px;padding:0 .35em;font-size:.9em;background:#fafbfc}
.notice{background:#fff4e5;border:1px solid #f0c36d;padding:.5em .8em;margin:.5em 0}.error{background:#fdecea;border-color:#e57373}
.pager a,.pager b{margin-right:.5em}form.inline{display:inline}.muted{color:#718096}
""".replace("@CJK@", CJK_FONTS)

SHORTCUTS = [("j / k", "next / previous bead"), ("click", "select a sentence"), ("a", "approve the bead"),
             ("n / p", "merge with the next / previous bead"), ("s", "split the bead (choose where)"),
             ("] / [", "move the selected edge sentence to the next / previous bead"),
             ("o", "mark the selected sentence (or the whole bead) untranslated"),
             ("e", "edit the selected English sentence"), ("u", "undo the last action"),
             ("v", "show zh-TW / zh-HK variants"), ("g", "back to the queue")]

JS = r"""(function(){
const beads=[...document.querySelectorAll('.bead')];let cur=-1,sel=null;
function focus(i){if(!beads.length)return;i=Math.max(0,Math.min(beads.length-1,i));if(cur>=0)beads[cur].classList.remove('focus');
cur=i;beads[i].classList.add('focus');beads[i].scrollIntoView({block:'nearest'});history.replaceState(null,'','#'+beads[i].id);}
function click(sel_){const b=beads[cur];if(!b)return;const el=b.querySelector(sel_);if(el){el.click();}}
document.querySelectorAll('.s').forEach(s=>s.addEventListener('click',e=>{if(sel)sel.classList.remove('sel');
sel=s;s.classList.add('sel');const b=s.closest('.bead');focus(beads.indexOf(b));}));
beads.forEach((b,i)=>b.addEventListener('focusin',()=>{if(cur!==i)focus(i);}));
const h=location.hash&&document.getElementById(location.hash.slice(1));if(h&&beads.includes(h))focus(beads.indexOf(h));
document.addEventListener('keydown',e=>{if(e.target.closest('textarea,input,select')||e.ctrlKey||e.metaKey||e.altKey)return;
const b=beads[cur];const side=sel&&sel.closest('.bead')===b?sel.dataset.side:null;let k=e.key;
if(k==='j'){focus(cur+1);}else if(k==='k'){focus(cur-1);}else if(k==='a'){click('button[value=approve]');}
else if(k==='n'){click('button[value=merge-next]');}else if(k==='p'){click('button[value=merge-prev]');}
else if(k==='s'){const d=b&&b.querySelector('details.split');if(d){d.open=true;const x=d.querySelector('button');if(x)x.focus();}}
else if(k===']'||k==='['){click('button[value="move-'+(k===']'?'next':'prev')+'|'+(side||'zh')+'"]');}
else if(k==='o'){if(side&&sel){click('button[value="omission|'+CSS.escape(sel.dataset.id)+'"]');}else{click('button[value=omission]');}}
else if(k==='e'){const id=side==='en'?sel.dataset.id:(b&&b.querySelector('.s[data-side=en]')||{dataset:{}}).dataset.id;
if(id){const f=document.getElementById('edit-'+id);if(f){f.classList.add('open');f.querySelector('textarea').focus();}}}
else if(k==='u'){const u=document.getElementById('undo');if(u)u.click();}
else if(k==='v'){document.body.classList.toggle('variants');}
else if(k==='g'){const q=document.getElementById('to-queue');if(q)location.href=q.href;}
else return;e.preventDefault();});
document.querySelectorAll('button.edit-open').forEach(x=>x.addEventListener('click',()=>{
const f=document.getElementById('edit-'+x.dataset.id);f.classList.toggle('open');if(f.classList.contains('open'))f.querySelector('textarea').focus();}));
document.querySelectorAll('.var-toggle').forEach(x=>x.addEventListener('click',()=>document.body.classList.toggle('variants')));
})();"""


def e(v: Any) -> str:
    """HTML-escape any value (quotes too: safe in attributes)."""
    return html.escape("" if v is None else str(v), quote=True)


def page(title: str, body: str, nonce: str, header: str = "") -> str:
    """A whole page: CSS inline, the script under the per-response nonce."""
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width,initial-scale=1'><link rel='icon' href='data:,'>"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
            f"<header><h1>zhcorpus review</h1>{header}</header><main>{body}</main>"
            f"<script nonce='{e(nonce)}'>{JS}</script></body></html>")


def _flags(flags: Sequence[str], extra: Sequence[str] = ()) -> str:
    return "".join(f"<span class='flag {e(f)}'>{e(f)}</span>" for f in [*flags, *extra])


def _url(path: str, token: str, **params: Any) -> str:
    q = {"token": token, **{k: v for k, v in params.items() if v not in (None, "", False)}}
    return f"{path}?{urlencode(q)}"


def _hidden(token: str, version: int | None = None, **extra: Any) -> str:
    out = f"<input type='hidden' name='token' value='{e(token)}'>"
    if version is not None:
        out += f"<input type='hidden' name='version' value='{version}'>"
    out += "".join(f"<input type='hidden' name='{e(k)}' value='{e(v)}'>" for k, v in extra.items())
    return out


def queue_page(project: ReviewProject, q: QueuePage, token: str, nonce: str, doc: str | None,
               flag: str | None, show_reviewed: bool) -> str:
    """The review queue: filters, counts, one page of beads worst first."""
    docs, cats = project.filters()
    doc_opts = "".join(f"<option value='{e(d)}'{' selected' if d == doc else ''}>{e(d)}</option>" for d in docs)
    flag_opts = "".join(f"<option value='{e(c)}'{' selected' if c == flag else ''}>{e(c)}</option>" for c in cats)
    filters = (f"<form method='get' action='/' class='filters'>{_hidden(token)}"
               f"<label>document <select name='doc'><option value=''>all</option>{doc_opts}</select></label> "
               f"<label>flag <select name='flag'><option value=''>any</option>{flag_opts}</select></label> "
               f"<label><input type='checkbox' name='reviewed' value='1'{' checked' if show_reviewed else ''}> "
               "show reviewed</label> <button>filter</button></form>")
    counts = (f"<p class='counts'><span><b>{q.reviewed:,}</b> reviewed</span><span><b>{q.left:,}</b> flagged left"
              f"</span><span>{q.beads:,} beads</span><span>{q.total:,} in this list</span></p>")
    rows = []
    start = (q.page - 1) * 50
    for i, it in enumerate(q.items, start + 1):
        u = it.unit
        link = doc_url(u.doc_id, token, it.position)
        miss = ["glossary-miss"] if it.misses else []
        rows.append(
            f"<tr id='q{i}'><td class='num'>{i}</td><td><a href='{e(link)}'>{e(u.id)}</a></td>"
            f"<td>{e(it.category)}</td><td>{e(u.bead)}</td><td class='num'>{u.score:.3f}</td>"
            f"<td>{_flags(u.flags, miss)}</td><td lang='zh-Hans'>{e(u.zh)}</td><td lang='en'>{e(u.en)}</td></tr>")
    table = ("<table><tr><th>#</th><th>unit</th><th>why</th><th>bead</th><th>score</th><th>flags</th>"
             f"<th>Chinese</th><th>English</th></tr>{''.join(rows)}</table>" if rows
             else "<p class='notice'>Nothing in this list.</p>")
    nav = []
    for p in range(1, q.pages + 1):
        if p == q.page:
            nav.append(f"<b>{p}</b>")
        elif p <= 3 or p > q.pages - 3 or abs(p - q.page) <= 2:
            nav.append(f"<a href='{e(_url('/', token, doc=doc, flag=flag, reviewed=show_reviewed and 1, page=p))}'>{p}</a>")
        elif nav[-1] != "…":
            nav.append("…")
    pager = f"<p class='pager'>page {''.join(nav)}</p>" if q.pages > 1 else ""
    header = f"<span>queue, worst first</span><span>{len(docs)} documents</span>"
    return page("zhcorpus review: queue", filters + counts + pager + table + pager, nonce, header)


def _marked(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """*text* escaped, with (start, end, class, title) spans wrapped in <mark>."""
    out, at = [], 0
    for s, t, cls, title in sorted(spans):
        if s < at:
            continue
        out.append(e(text[at:s]))
        out.append(f"<mark class='{e(cls)}' title='{e(title)}'>{e(text[s:t])}</mark>")
        at = t
    out.append(e(text[at:]))
    return "".join(out)


def _en_spans(text: str, forms: list[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    low = text.lower()
    spans = []
    for form, title in forms:
        f = form.lower()
        i = low.find(f) if f else -1
        if i >= 0:
            spans.append((i, i + len(f), "term", title))
    return spans


DOC_WINDOW = 200  # beads on one page of a document view (long documents are paged)


def doc_url(doc: str, token: str, k: int) -> str:
    """The document page showing bead *k* (0-based), anchored at it."""
    return _url(f"/doc/{quote(doc)}", token, at=k + 1) + f"#b{k + 1}"


def doc_page(project: ReviewProject, v: DocView, token: str, nonce: str, message: str = "", at: int = 1) -> str:
    """A document, bead by bead: Chinese and English side by side, with the actions; a long
    document shows the window of DOC_WINDOW beads that holds bead *at* (1-based)."""
    zsegs = v.zh.segments()
    esegs = v.en.segments() if v.en else []
    edits = v.applied.edits if v.applied else {}
    act = f"/doc/{quote(v.doc)}/act"
    n = len(v.units)
    out = []
    help_ = "".join(f"<kbd>{e(k)}</kbd> {e(w)} · " for k, w in SHORTCUTS)
    out.append(f"<div class='help' id='shortcuts'><b>Keys:</b> {help_}<span class='muted'>every action is saved at "
               f"once in {e(project.store.path(v.doc).as_posix())}</span></div>")
    if message:
        out.append(f"<div class='notice'>{e(message)}</div>")
    if v.applied and v.applied.stale:
        items = "".join(f"<li>#{c.n} {e(c.kind)} {e(' '.join([*c.zh, *c.en]))}: {e(why)}</li>" for c, why in v.applied.stale)
        out.append(f"<div class='notice' id='stale'><b>Stale corrections (not applied):</b><ul>{items}</ul></div>")
    undo = (f"<form method='post' action='{e(act)}' class='inline'>{_hidden(token, v.version)}"
            f"<button id='undo' name='op' value='undo'{'' if v.corrections else ' disabled'}>undo last action (u)</button></form>")
    reviewed = sum("reviewed" in u.flags for u in v.units)
    out.append(f"<p class='counts'><span><b>{reviewed}</b> of {n} beads reviewed</span>"
               f"<span>{len(v.corrections)} corrections (version {v.version})</span>{undo} "
               "<button class='var-toggle' type='button'>zh-TW / zh-HK (v)</button></p>")
    term_en: dict[str, list[tuple[str, str]]] = {}
    if project.glossary is not None:
        for c in project.glossary:
            term_en[c.id] = [(f, f"{c.id} {c.zh_hans} = {c.en}") for f in c.en_forms()]
    start = (min(max(at, 1), max(n, 1)) - 1) // DOC_WINDOW * DOC_WINDOW
    end = min(n, start + DOC_WINDOW)
    pager = ""
    if n > DOC_WINDOW:
        links = []
        for w in range(0, n, DOC_WINDOW):
            label = f"{w + 1}–{min(n, w + DOC_WINDOW)}"
            links.append(f"<b>{label}</b>" if w == start else
                         f"<a href='{e(_url('/doc/' + quote(v.doc), token, at=w + 1))}'>{label}</a>")
        pager = f"<p class='pager'>beads {' '.join(links)} of {n}</p>"
    out.append(pager)
    for k in range(start, end):
        u, b = v.units[k], v.beads[k]
        out.append(_bead_html(project, v, k, u, [zsegs[i] for i in b.zh], [esegs[j] for j in b.en], edits, b.en,
                              term_en, token, act, n))
    out.append(pager)
    header = (f"<a id='to-queue' href='{e(_url('/', token))}'>← queue</a><span>document <b>{e(v.doc)}</b></span>"
              f"<span lang='zh-Hans'>{e(v.zh.meta.get('title') or '')}</span>")
    return page(f"zhcorpus review: {v.doc}", "".join(out), nonce, header)


def _bead_html(project: ReviewProject, v: DocView, k: int, u: Unit, zs: list[Segment], es: list[Segment],
               edits: dict[int, str], en_ix: tuple[int, ...], term_en: dict[str, list[tuple[str, str]]],
               token: str, act: str, n: int) -> str:
    misses = v.misses.get(u.id, [])
    missed = {m["concept"] for m in misses}
    zh_parts = []
    for s in zs:
        spans = []
        if project.matcher is not None:
            for h in project.matcher.find(s.text):
                c = project.glossary.get(h.concept_id)
                miss = h.concept_id in missed
                title = f"{c.id} {c.en}" + (f" — glossary miss: expected {' | '.join(c.en_forms())}" if miss else "")
                spans.append((h.start, h.end, "term miss" if miss else "term", title))
        zh_parts.append(f"<span class='s' data-side='zh' data-id='{e(s.id)}' title='{e(s.id)}'>{_marked(s.text, spans)}</span>")
    forms = [f for t in u.terms for f in term_en.get(t, [])]
    en_parts = []
    for s, j in zip(es, en_ix, strict=True):
        text = edits.get(j, s.text)
        cls = "s edited" if j in edits else "s"
        title = s.id + (f" — edited; was: {s.text}" if j in edits else "")
        en_parts.append(f"<span class='{cls}' data-side='en' data-id='{e(s.id)}' title='{e(title)}'>"
                        f"{_marked(text, _en_spans(text, forms))}</span>")
    variants = "".join(f"<div><b>{e(tag)}</b><span lang='{e(tag)}'>{e(u.variants[tag])}</span></div>"
                       for tag in ("zh-TW", "zh-HK") if tag in u.variants)
    problem = any(f in u.flags for f in ("omission", "unaligned-zh", "unaligned-en", "low-confidence", "length-mismatch")) or misses
    cls = "bead reviewed" if "reviewed" in u.flags else ("bead problem" if problem else "bead")
    meta = (f"<div class='meta'><b>#{k + 1}</b> {e(u.bead)} · {u.score:.3f}<br>"
            f"{_flags(u.flags, ['glossary-miss'] if misses else [])}</div>")
    hid = _hidden(token, v.version, bead=k)
    btns = ["<button name='op' value='approve' title='a'>approve</button>"]
    if k > 0:
        btns.append("<button name='op' value='merge-prev' title='p'>merge ↑</button>")
    if k < n - 1:
        btns.append("<button name='op' value='merge-next' title='n'>merge ↓</button>")
    for side, segs in (("zh", zs), ("en", es)):
        if segs and k > 0:
            btns.append(f"<button name='op' value='move-prev|{side}' title='['>{side} first ↑</button>")
        if segs and k < n - 1:
            btns.append(f"<button name='op' value='move-next|{side}' title=']'>{side} last ↓</button>")
    btns.append("<button name='op' value='omission' title='o'>untranslated</button>")
    for s in [*zs, *es]:  # per-sentence omission buttons (the o key presses the selected one's)
        btns.append(f"<button name='op' value='omission|{e(s.id)}' hidden>untranslated {e(s.id)}</button>")
    split = ""
    if len(zs) + len(es) > 1:
        zo = "".join(f"<option value='{i}'{' selected' if i == min(1, len(zs)) else ''}>{i}</option>" for i in range(len(zs) + 1))
        eo = "".join(f"<option value='{i}'{' selected' if i == min(1, len(es)) else ''}>{i}</option>" for i in range(len(es) + 1))
        split = (f"<details class='split'><summary>split…</summary>first part keeps <select name='zh' aria-label='zh sentences'>{zo}</select> zh "
                 f"+ <select name='en' aria-label='en sentences'>{eo}</select> en <button name='op' value='split'>split</button></details>")
    form = f"<form method='post' action='{e(act)}' class='acts'>{hid}{''.join(btns)}{split}</form>"
    edit_forms = "".join(
        f"<form method='post' action='{e(act)}' class='edit' id='edit-{e(s.id)}'>{_hidden(token, v.version, bead=k)}"
        f"<textarea name='text' lang='en' aria-label='corrected English'>{e(edits.get(j, s.text))}</textarea>"
        f"<button name='op' value='edit|{e(s.id)}'>save correction</button></form>" for s, j in zip(es, en_ix, strict=True))
    edit_btns = "".join(f"<button type='button' class='edit-open' data-id='{e(s.id)}' title='e'>edit {e(s.id.rsplit('/', 2)[-2] + '/' + s.id.rsplit('/', 1)[-1])}</button>" for s in es)
    return (f"<section class='{cls}' id='b{k + 1}' tabindex='-1'>{meta}"
            f"<div class='zh' lang='zh-Hans'>{''.join(zh_parts) or '<span class=muted>— (no Chinese)</span>'}"
            f"<div class='var'>{variants}</div></div>"
            f"<div class='en' lang='en'>{' '.join(en_parts) or '<span class=muted>— (no English)</span>'}{edit_forms}</div>"
            f"<div>{form}<div class='acts'>{edit_btns}</div></div></section>")


def message_page(title: str, message: str, nonce: str, back: str | None = None) -> str:
    """A short page for an error or a conflict, with a way back."""
    link = f"<p><a href='{e(back)}'>back</a></p>" if back else ""
    return page(title, f"<div class='notice error'><b>{e(title)}</b><p>{e(message)}</p></div>{link}", nonce)
