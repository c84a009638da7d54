"""Cleaning: boilerplate, indentation, stray spaces, broken lines, masked text, converter artifacts.

Cleaning runs as a few passes of rules. Every change is an :class:`~zhcorpus.model.Edit` that
records the rule, the text before and after and the line:col in the source, so nothing
disappears silently and :func:`restore` gives back the decoded source exactly. Boilerplate that
is removed (bylines, source/date lines, editor credits, author notes, related-headlines lists)
is kept in the document metadata; masked text and the 壹-for-一 artifact are only flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .model import Edit

WS = " \t\u3000\u00a0"
ZH_TERMINALS = "。！？!?…"
CLOSERS = "”’」』）)》】〕\"'"
# Punctuation that may end a paragraph that is not a heading.
FINAL_PUNCT = set(ZH_TERMINALS + CLOSERS + ".;:：；")
CJK_PUNCT = "，。、；：？！“”‘’「」『』（）《》〈〉【】…—"

RELATED_HEAD = re.compile(
    r"^[ \t\u3000]*(相关焦点|相關焦點|相关新闻|相關新聞|相关阅读|相關閱讀|相关链接|相關鏈接|"
    r"延伸阅读|延伸閱讀|相关报道|相關報導|Related (?:headlines|stories|news|reading))[ \t\u3000]*$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^[ \t\u3000]*[•·●▪◆\-\*][ \t\u3000]")
EDITOR = re.compile(
    r"^[ \t\u3000]*[（(][ \t\u3000]*(?:责任编辑|責任編輯|编辑|編輯|Editor|Edited by)[：:]?[ \t\u3000]*"
    r"(?P<who>[^）)]+?)[ \t\u3000]*[）)][ \t\u3000]*$",
    re.IGNORECASE,
)
AUTHOR_NOTE = re.compile(
    r"^[ \t\u3000]*[（(][ \t\u3000]*(?P<note>(?:作者系|作者为|作者為|作者是|作者：|The author is|The authors are)"
    r"[^\n]*?)[ \t\u3000]*[）)][ \t\u3000]*$",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^[ \t\u3000]*(?P<name>[\u4e00-\u9fff·]{2,5})[ \t\u3000]*[|｜][ \t\u3000]*(?P<role>\S.*?)[ \t\u3000]*$")
DATELINE = re.compile(
    r"^[ \t\u3000]*(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:[ \t\u3000]+\d{1,2}:\d{2})?"
    r"[ \t\u3000]+(?:来源[：:]|來源[：:])?(?P<source>\S[^\n]{0,30}?)[ \t\u3000]*$"
)
LIST_MARKER = re.compile(r"^(?P<ws>[ \t\u3000]*)(?P<marker>- ◆ |- ◇ |◆ |◇ |• |● |- |\* )(?=\S)", re.MULTILINE)
MASKED = re.compile(r"\*(?: ?\*){2,}|[×＊]{2,}|[Xx]{3,}(?![A-Za-z])|□{2,}")
CAPITAL_NUMERALS = "貳贰叁參肆伍陸陆柒捌玖拾佰仟萬万億亿"


@dataclass
class CleanResult:
    """The cleaned paragraphs, every edit made, and what was moved to metadata or flagged."""

    paragraphs: list[str]
    kinds: list[str]
    edits: list[Edit]
    meta: dict[str, Any] = field(default_factory=dict)
    flags: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cleaned document text: paragraphs joined by a newline."""
        return "\n".join(self.paragraphs)


Span = tuple[int, int, str, str]  # start, end, replacement, rule


class _Work:
    """The text between passes, with the source offset of each character."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.text = source
        self.orig = list(range(len(source)))
        self.edits: list[Edit] = []
        self.pass_no = 0

    def _line_col(self, pos: int) -> tuple[int, int]:
        src = self.source
        line = src.count("\n", 0, pos) + 1
        col = pos - (src.rfind("\n", 0, pos) + 1) + 1
        return line, col

    def apply(self, spans: list[Span]) -> None:
        """Apply non-overlapping replacements to the current text as one pass."""
        self.pass_no += 1
        spans = sorted(spans)
        out: list[str] = []
        orig: list[int] = []
        pos = 0
        for start, end, repl, rule in spans:
            if start < pos:
                raise ValueError(f"overlapping cleaning edits at {start} ({rule})")
            out.append(self.text[pos:start])
            orig.extend(self.orig[pos:start])
            src_pos = self.orig[start] if start < len(self.orig) else len(self.source)
            line, col = self._line_col(src_pos)
            self.edits.append(
                Edit(rule=rule, start=start, end=end, before=self.text[start:end], after=repl,
                     pass_no=self.pass_no, line=line, col=col)
            )
            out.append(repl)
            orig.extend([src_pos] * len(repl))
            pos = end
        out.append(self.text[pos:])
        orig.extend(self.orig[pos:])
        self.text = "".join(out)
        self.orig = orig

    def lines(self) -> list[tuple[int, int, str]]:
        """(start, end-without-newline, text) for every line of the current text."""
        result = []
        pos = 0
        for line in self.text.split("\n"):
            result.append((pos, pos + len(line), line))
            pos += len(line) + 1
        return result


def restore(cleaned: str, edits: list[Edit]) -> str:
    """Undo every edit, last pass first: gives back the decoded source text exactly."""
    text = cleaned
    for pass_no in sorted({e.pass_no for e in edits}, reverse=True):
        group = sorted((e for e in edits if e.pass_no == pass_no), key=lambda e: e.start)
        shift = 0
        out: list[str] = []
        pos = 0
        for e in group:
            ostart = e.start + shift
            out.append(text[pos:ostart])
            out.append(e.before)
            pos = ostart + len(e.after)
            shift += len(e.after) - len(e.before)
        out.append(text[pos:])
        text = "".join(out)
    return text


def _remove_line(w: _Work, start: int, end: int, rule: str) -> Span:
    """A span removing a whole line and its newline."""
    return (start, min(end + 1, len(w.text)), "", rule)


def _boilerplate(w: _Work, meta: dict[str, Any]) -> list[Span]:
    spans: list[Span] = []
    lines = w.lines()
    nonblank = [i for i, (_, _, t) in enumerate(lines) if t.strip(WS)]
    head = set(nonblank[:4])
    boiler: list[dict[str, Any]] = []
    # related-headlines list: a heading and only bullets / indented summaries after it
    for k, i in enumerate(nonblank):
        if RELATED_HEAD.match(lines[i][2]):
            rest = nonblank[k + 1:]
            if rest and all(BULLET.match(lines[j][2]) or lines[j][2].startswith(("  ", "\t", "\u3000\u3000"))
                            for j in rest):
                start = lines[i][0]
                items = [lines[j][2].strip(WS + "•·●▪◆-*") for j in rest if BULLET.match(lines[j][2])]
                text = w.text[start:]
                boiler.append({"rule": "related-headlines", "line": i + 1, "items": items, "text": text})
                spans.append((start, len(w.text), "", "related-headlines"))
                lines = lines[:i]
                nonblank = nonblank[:k]
            break
    for i in nonblank:
        start, end, text = lines[i]
        m = EDITOR.match(text)
        if m:
            meta.setdefault("editor", m.group("who").strip())
            boiler.append({"rule": "editor-credit", "line": i + 1, "text": text.strip(WS)})
            spans.append(_remove_line(w, start, end, "editor-credit"))
            continue
        m = AUTHOR_NOTE.match(text)
        if m:
            meta.setdefault("author_note", text.strip(WS))
            boiler.append({"rule": "author-note", "line": i + 1, "text": text.strip(WS)})
            spans.append(_remove_line(w, start, end, "author-note"))
            continue
        if i in head:
            m = BYLINE.match(text)
            if m:
                meta.setdefault("author", m.group("name"))
                meta.setdefault("author_role", m.group("role"))
                boiler.append({"rule": "byline", "line": i + 1, "text": text.strip(WS)})
                spans.append(_remove_line(w, start, end, "byline"))
                continue
            m = DATELINE.match(text)
            if m:
                meta.setdefault("date", re.sub(r"[年月/.]", "-", m.group("date")).rstrip("日"))
                meta.setdefault("source", m.group("source"))
                boiler.append({"rule": "source-date", "line": i + 1, "text": text.strip(WS)})
                spans.append(_remove_line(w, start, end, "source-date"))
    if boiler:
        meta["boilerplate"] = boiler
    return spans


def _list_markers(w: _Work) -> list[Span]:
    return [(m.start("marker"), m.end("marker"), "", "list-marker") for m in LIST_MARKER.finditer(w.text)]


def _line_whitespace(w: _Work) -> list[Span]:
    spans: list[Span] = []
    for start, end, text in w.lines():
        stripped = text.lstrip(WS)
        lead = len(text) - len(stripped)
        if not stripped:
            if text:
                spans.append((start, end, "", "blank-line-spaces"))
            continue
        if lead:
            rule = "fullwidth-indent" if "\u3000" in text[:lead] else "leading-space"
            spans.append((start, start + lead, "", rule))
        trail = len(text) - len(text.rstrip(WS))
        if trail:
            spans.append((end - trail, end, "", "trailing-space"))
    return spans


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003ffff"


def is_broken(line: str, nxt: str, lang: str) -> bool:
    """Whether *line* was broken in the middle of a sentence and continues in *nxt*."""
    if not line or not nxt or line[-1] in FINAL_PUNCT or line[-1] in CJK_PUNCT:
        return False
    if lang == "zh":
        terminated = any(c in line for c in "。！？")
        return terminated and len(line) >= 40 and (_is_cjk(line[-1]) or line[-1].isalnum())
    return bool(re.search(r"[.!?]\s", line)) and line[-1].isalnum() and nxt[0].islower()


def _broken_lines(w: _Work, lang: str) -> list[Span]:
    spans: list[Span] = []
    content = [(s, e, t) for s, e, t in w.lines() if t]
    for (_s1, e1, t1), (s2, _e2, t2) in zip(content, content[1:], strict=False):
        if is_broken(t1, t2, lang):
            spans.append((e1, s2, "" if lang == "zh" else " ", "rejoin-broken-line"))
    return spans


def _inline_spaces(w: _Work, lang: str) -> list[Span]:
    spans: list[Span] = []
    for m in re.finditer(r"[ \t\u3000\u00a0]+", w.text):
        s, e = m.start(), m.end()
        before = w.text[s - 1] if s else ""
        after = w.text[e] if e < len(w.text) else ""
        if before in ("", "\n") or after in ("", "\n"):
            continue  # line ends were handled by the line-whitespace pass
        if lang == "zh" and (before in CJK_PUNCT or after in CJK_PUNCT):
            spans.append((s, e, "", "stray-space"))
        elif m.group() != " ":
            spans.append((s, e, " ", "stray-space"))
    return spans


def _blank_lines(w: _Work) -> list[Span]:
    spans: list[Span] = []
    for m in re.finditer(r"\n{2,}", w.text):
        spans.append((m.start(), m.end(), "\n", "blank-lines"))
    if w.text.startswith("\n"):
        m = re.match(r"\n+", w.text)
        assert m
        spans = [sp for sp in spans if sp[0] != 0] + [(0, m.end(), "", "blank-lines")]
    tail = len(w.text) - len(w.text.rstrip("\n"))
    if tail and w.text.strip("\n"):
        spans = [sp for sp in spans if sp[1] != len(w.text)] + [(len(w.text) - tail, len(w.text), "", "blank-lines")]
    return spans


def paragraph_kind(text: str, lang: str = "zh") -> str:
    """``heading`` for a short paragraph without final punctuation, else ``body``."""
    limit = 80 if lang == "zh" else 250
    if text and text[-1] not in FINAL_PUNCT and len(text) <= limit and not re.search(r"[。！？]|[.!?]\s", text):
        return "heading"
    return "body"


def _flags(paragraphs: list[str], lang: str) -> list[dict[str, Any]]:
    flags: list[dict[str, Any]] = []
    for i, p in enumerate(paragraphs, 1):
        for m in MASKED.finditer(p):
            flags.append({"rule": "masked-text", "paragraph": i, "offset": m.start(), "text": m.group()})
    if lang == "zh":
        text = "\n".join(paragraphs)
        n_yi_cap, n_yi = text.count("壹"), text.count("一")
        if n_yi_cap and n_yi_cap >= n_yi:
            positions = []
            for i, p in enumerate(paragraphs, 1):
                for m in re.finditer("壹", p):
                    ctx = p[max(0, m.start() - 1): m.start() + 2]
                    amount = any(c in CAPITAL_NUMERALS for c in ctx)
                    positions.append({"paragraph": i, "offset": m.start(), "context": p[max(0, m.start() - 3): m.start() + 4],
                                      "capital_numeral": amount})
            flags.append({"rule": "yi-artifact", "count": n_yi_cap, "yi_count": n_yi,
                          "note": "壹 written for 一 (a converter artifact); repaired by the variants stage",
                          "positions": positions})
    return flags


Pass = Callable[[_Work], list[Span]]


CLEAN_RULES = ("boilerplate", "list-markers", "line-whitespace", "broken-lines", "inline-spaces", "blank-lines")
"""The cleaning passes, in the order they run (the ingest step's ``clean`` setting selects them)."""


def clean_text(source: str, lang: str, rules: tuple[str, ...] = CLEAN_RULES) -> CleanResult:
    """Clean decoded *source* text of language *lang* (``zh`` or ``en``) with the passes *rules*."""
    unknown = set(rules) - set(CLEAN_RULES)
    if unknown:
        raise ValueError(f"unknown cleaning rule(s) {', '.join(sorted(unknown))}; known: {', '.join(CLEAN_RULES)}")
    w = _Work(source)
    meta: dict[str, Any] = {}
    passes: dict[str, Pass] = {
        "boilerplate": lambda w: _boilerplate(w, meta),
        "list-markers": _list_markers,
        "line-whitespace": _line_whitespace,
        "broken-lines": lambda w: _broken_lines(w, lang),
        "inline-spaces": lambda w: _inline_spaces(w, lang),
        "blank-lines": _blank_lines,
    }
    for name in CLEAN_RULES:
        if name not in rules:
            continue
        spans = passes[name](w)
        if spans:
            w.apply(spans)
    paragraphs = [p for p in w.text.split("\n") if p] if w.text else []
    counts: dict[str, int] = {}
    for e in w.edits:
        counts[e.rule] = counts.get(e.rule, 0) + 1
    meta["cleaning"] = dict(sorted(counts.items()))
    return CleanResult(paragraphs=paragraphs, kinds=[paragraph_kind(p, lang) for p in paragraphs],
                       edits=w.edits, meta=meta, flags=_flags(paragraphs, lang))
