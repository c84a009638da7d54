"""Cleaning: boilerplate, indentation, stray spaces, broken lines, masked text, converter artifacts.

Cleaning runs as a few passes of rules. Every change is an :class:`~zhcorpus.model.Edit` that
records the rule, the text before and after and the line:col in the source, so nothing
disappears silently and :func:`restore` gives back the decoded source exactly. Boilerplate that
is removed (bylines, source/date lines, editor credits, author notes, related-headlines lists)
is kept in the document metadata; masked text and the 壹-for-一 artifact are only flagged.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from .heap import release_freed
from .model import Edit, EditLog

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
MASKED = re.compile(r"\*(?: ?\*){2,}|[×＊]{2,}|[Xx]{3,}(?![A-Za-z])|□{2,}")  # see _may_be_masked too
CAPITAL_NUMERALS = "貳贰叁參肆伍陸陆柒捌玖拾佰仟萬万億亿"
# Halfwidth punctuation in Chinese text and the fullwidth form Chinese (zh-CN, zh-TW and zh-HK
# alike) writes: a CAT tool matches segments character by character, so "，" and "," differ.
FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
HALFWIDTH_PUNCT = re.compile(r"[,:;?!]+")


@dataclass
class CleanResult:
    """The cleaned paragraphs, every edit made, and what was moved to metadata or flagged."""

    paragraphs: list[str]
    kinds: list[str]
    edits: EditLog
    meta: dict[str, Any] = field(default_factory=dict)
    flags: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cleaned document text: paragraphs joined by a newline."""
        return "\n".join(self.paragraphs)


Span = tuple[int, int, str, str]  # start, end, replacement, rule


def _newlines(text: str) -> Iterator[int]:
    """The offsets of the newlines in *text*, in order."""
    pos = text.find("\n")
    while pos >= 0:
        yield pos
        pos = text.find("\n", pos + 1)


class _Chunks:
    """A text written in pieces, joined into chunks of about 64K characters as it comes (thousands
    of small strings alive at once would be larger than the text), and at the end into one."""

    SIZE = 1 << 16

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pending: list[str] = []
        self.size = 0

    def write(self, piece: str) -> None:
        """Append *piece*."""
        self.pending.append(piece)
        self.size += len(piece)
        if self.size >= self.SIZE:
            self.chunks.append("".join(self.pending))
            self.pending.clear()
            self.size = 0

    def take(self) -> str:
        """The whole text (the chunks are let go)."""
        self.chunks.append("".join(self.pending))
        self.pending.clear()
        text = "".join(self.chunks)
        self.chunks.clear()
        return text


class _Work:
    """The text between passes, with the source offset of each character.

    The offsets are kept as runs, not one integer per character (which cost ~36 bytes a
    character, 20-50× the file's size): ``starts[i]`` is where run i begins in the current text,
    ``srcs[i]`` its source offset, and ``const[i]`` says whether the run is a replacement (all its
    characters map to one source offset) or copied text (offsets advance with the text). They are
    arrays of machine integers, not lists of int objects: a pass with 100,000 edits makes 200,000 runs.
    """

    def __init__(self, source: str) -> None:
        # where the source's lines start, not the source itself: each pass can then free the text it
        # replaces (the source too, once the caller has let go of it)
        self.newlines = array("q", _newlines(source))
        self.source_len = len(source)
        self.text = source
        self.starts = array("q", [0])
        self.srcs = array("q", [0])
        self.const = bytearray(1)
        self.edits = EditLog()
        self.pass_no = 0
        self._short: dict[str, str] = {}  # one object for each short before/after text of the edits

    def _line_col(self, pos: int) -> tuple[int, int]:
        """1-based line and column of source offset *pos*."""
        line = bisect_left(self.newlines, pos)  # the newlines before it
        return line + 1, pos - (self.newlines[line - 1] + 1 if line else 0) + 1

    def _shared(self, text: str) -> str:
        """One object for equal short texts (thousands of edits remove the same "\u3000\u3000")."""
        return self._short.setdefault(text, text) if len(text) <= 8 else text

    def _src(self, pos: int) -> int:
        """The source offset of current position *pos* (the source's end past the text)."""
        if pos >= len(self.text):
            return self.source_len
        i = bisect_right(self.starts, pos) - 1
        return self.srcs[i] if self.const[i] else self.srcs[i] + (pos - self.starts[i])

    def _copy_runs(self, a: int, b: int, offset: int, out: tuple[array[int], array[int], bytearray]) -> None:
        """Append the runs of current text [a, b) to *out*, moved to start at *offset*."""
        if a >= b:
            return
        i = bisect_right(self.starts, a) - 1
        while i < len(self.starts) and self.starts[i] < b:
            start = max(self.starts[i], a)
            src = self.srcs[i] if self.const[i] else self.srcs[i] + (start - self.starts[i])
            out[0].append(offset + start - a)
            out[1].append(src)
            out[2].append(self.const[i])
            i += 1

    def apply(self, spans: Iterable[Span]) -> None:
        """Apply non-overlapping replacements, given in text order, to the current text as one pass
        (no spans: no pass). A generator's spans are used as they come, never all held at once."""
        spans = iter(spans)
        first = next(spans, None)
        if first is None:
            return
        self.pass_no += 1
        out = _Chunks()
        runs: tuple[array[int], array[int], bytearray] = (array("q"), array("q"), bytearray())
        pos = length = 0
        for start, end, repl, rule in chain((first,), spans):
            if start < pos:
                raise ValueError(f"overlapping or unordered cleaning edits at {start} ({rule})")
            out.write(self.text[pos:start])
            self._copy_runs(pos, start, length, runs)
            length += start - pos
            src_pos = self._src(start)
            line, col = self._line_col(src_pos)
            self.edits.add(rule, start, end, self._shared(self.text[start:end]), self._shared(repl), self.pass_no,
                           line, col)
            out.write(repl)
            if repl:
                runs[0].append(length)
                runs[1].append(src_pos)
                runs[2].append(True)
                length += len(repl)
            pos = end
        del spans
        out.write(self.text[pos:])
        self._copy_runs(pos, len(self.text), length, runs)
        self.text = ""  # the previous text goes before the new one is joined (if nothing else holds it)
        self.text = out.take()
        release_freed(len(self.text))  # the previous text and the output chunks are gone
        if not runs[0]:
            runs = (array("q", [0]), array("q", [self.source_len]), bytearray(b"\x01"))
        self.starts, self.srcs, self.const = runs

    def lines(self) -> Iterator[tuple[int, int, str]]:
        """(start, end-without-newline, text) for every line of the current text, one at a time."""
        text = self.text
        pos = 0
        while True:
            nl = text.find("\n", pos)
            end = len(text) if nl < 0 else nl
            yield pos, end, text[pos:end]
            if nl < 0:
                return
            pos = nl + 1


def restore(cleaned: str, edits: Iterable[Edit]) -> str:
    """Undo every edit, last pass first: gives back the decoded source text exactly."""
    edits = list(edits)  # (looked through once per pass)
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


def _nonblank_lines(w: _Work) -> Iterator[tuple[int, int, int, str]]:
    """(0-based line number, start, end, text) of each line with more than white space, one at a time."""
    for i, (start, end, text) in enumerate(w.lines()):
        if text.strip(WS):
            yield i, start, end, text


def _related_headlines(w: _Work) -> tuple[int, int, list[str]] | None:
    """The related-headlines list that ends the text: a heading with only bullets / indented
    summaries after it — (its line number, its start, the bullet items) — or None."""
    head: tuple[int, int] | None = None
    items: list[str] = []
    rest = 0
    for i, start, _end, text in _nonblank_lines(w):
        if head is None:
            if RELATED_HEAD.match(text):  # only the first such heading is considered
                head = (i, start)
            continue
        rest += 1
        if BULLET.match(text):
            items.append(text.strip(WS + "•·●▪◆-*"))
        elif not text.startswith(("  ", "\t", "\u3000\u3000")):
            return None
    return (*head, items) if head is not None and rest else None


def _boilerplate(w: _Work, meta: dict[str, Any]) -> list[Span]:
    spans: list[Span] = []
    boiler: list[dict[str, Any]] = []
    cut = None  # the line the related-headlines list starts at: nothing from there on is looked at again
    related = _related_headlines(w)
    if related is not None:
        cut, start, items = related
        boiler.append({"rule": "related-headlines", "line": cut + 1, "items": items, "text": w.text[start:]})
        spans.append((start, len(w.text), "", "related-headlines"))
    for k, (i, start, end, text) in enumerate(_nonblank_lines(w)):
        if cut is not None and i >= cut:
            break
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
        if k < 4:  # the first four lines with text
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
    return sorted(spans)


def _list_markers(w: _Work) -> Iterator[Span]:
    return ((m.start("marker"), m.end("marker"), "", "list-marker") for m in LIST_MARKER.finditer(w.text))


def _line_whitespace(w: _Work) -> Iterator[Span]:
    for start, end, text in w.lines():
        stripped = text.lstrip(WS)
        lead = len(text) - len(stripped)
        if not stripped:
            if text:
                yield (start, end, "", "blank-line-spaces")
            continue
        if lead:
            rule = "fullwidth-indent" if "\u3000" in text[:lead] else "leading-space"
            yield (start, start + lead, "", rule)
        trail = len(text) - len(text.rstrip(WS))
        if trail:
            yield (end - trail, end, "", "trailing-space")


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


def _broken_lines(w: _Work, lang: str) -> Iterator[Span]:
    prev: tuple[int, str] | None = None  # (end, text) of the previous line that is not empty
    for s2, e2, t2 in w.lines():
        if not t2:
            continue
        if prev is not None and is_broken(prev[1], t2, lang):
            yield (prev[0], s2, "" if lang == "zh" else " ", "rejoin-broken-line")
        prev = (e2, t2)


_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")
_ODD_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]{2,}|[\t\u3000\u00a0]")  # the same runs, but for a lone " "


def _inline_spaces(w: _Work, lang: str) -> Iterator[Span]:
    # a lone space changes only next to Chinese punctuation: outside Chinese text it is not even looked at
    if lang != "zh" and not any(s in w.text for s in ("  ", "\t", "\u3000", "\u00a0")):
        return  # what every _ODD_SPACE_RUN match holds (substring tests: far cheaper than its scan of each space)
    for m in (_SPACE_RUN if lang == "zh" else _ODD_SPACE_RUN).finditer(w.text):
        s, e = m.start(), m.end()
        before = w.text[s - 1] if s else ""
        after = w.text[e] if e < len(w.text) else ""
        if before in ("", "\n") or after in ("", "\n"):
            continue  # line ends were handled by the line-whitespace pass
        if lang == "zh" and (before in CJK_PUNCT or after in CJK_PUNCT):
            yield (s, e, "", "stray-space")
        elif m.group() != " ":
            yield (s, e, " ", "stray-space")


def _is_chinese(ch: str) -> bool:
    return _is_cjk(ch) or ch in CJK_PUNCT


def _punct_width(w: _Work) -> Iterator[Span]:
    """Halfwidth ``, : ; ? !`` next to a Chinese character or Chinese punctuation become fullwidth
    (never between two ASCII letters or digits: 18:56, 1,000, and not in Latin text)."""
    text = w.text
    for m in HALFWIDTH_PUNCT.finditer(text):  # a run (?! ...) is judged by what is around it
        i, j = m.span()
        before = text[i - 1] if i else ""
        after = text[j] if j < len(text) else ""
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            continue
        if _is_chinese(before) or _is_chinese(after):
            yield (i, j, "".join(FULLWIDTH[c] for c in m.group()), "punct-width")


def _blank_lines(w: _Work) -> list[Span]:
    spans: list[Span] = []
    text, n = w.text, len(w.text)
    i = text.find("\n\n")
    while i >= 0:  # each maximal run of 2+ newlines (what finditer(r"\n{2,}") gives, without its slow scan)
        j = i + 2
        while j < n and text[j] == "\n":
            j += 1
        spans.append((i, j, "\n", "blank-lines"))
        i = text.find("\n\n", j)
    if w.text.startswith("\n"):
        m = re.match(r"\n+", w.text)
        assert m
        spans = [sp for sp in spans if sp[0] != 0] + [(0, m.end(), "", "blank-lines")]
    tail = len(w.text) - len(w.text.rstrip("\n"))
    if tail and w.text.strip("\n"):
        spans = [sp for sp in spans if sp[1] != len(w.text)] + [(len(w.text) - tail, len(w.text), "", "blank-lines")]
    return sorted(spans)


def paragraph_kind(text: str, lang: str = "zh") -> str:
    """``heading`` for a short paragraph without final punctuation, else ``body``."""
    limit = 80 if lang == "zh" else 250
    if text and text[-1] not in FINAL_PUNCT and len(text) <= limit and not re.search(r"[。！？]|[.!?]\s", text):
        return "heading"
    return "body"


def _may_be_masked(text: str) -> bool:
    """Whether *text* holds what every :data:`MASKED` match needs (``*``, ``×``, ``＊``, ``□`` or two
    of ``Xx`` in a row): substring tests, several times faster than the regex's own scan."""
    return any(c in text for c in "*×＊□") or any(x in text for x in ("xx", "XX", "xX", "Xx"))


def _flags(paragraphs: list[str], lang: str, text: str) -> list[dict[str, Any]]:
    """Masked text and the 壹-for-一 artifact in *paragraphs* (*text*: the same with the line breaks)."""
    flags: list[dict[str, Any]] = []
    for i, p in enumerate(paragraphs, 1) if _may_be_masked(text) else ():
        for m in MASKED.finditer(p):
            flags.append({"rule": "masked-text", "paragraph": i, "offset": m.start(), "text": m.group()})
    if lang == "zh":
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


Pass = Callable[[_Work], Iterable[Span]]  # the spans in text order (most passes yield them as they find them)


CLEAN_RULES = ("boilerplate", "list-markers", "line-whitespace", "broken-lines", "punct-width", "inline-spaces",
               "blank-lines")
"""The cleaning passes, in the order they run (the ingest step's ``clean`` setting selects them)."""


def clean_text(source: str, lang: str, rules: tuple[str, ...] = CLEAN_RULES) -> CleanResult:
    """Clean decoded *source* text of language *lang* (``zh`` or ``en``) with the passes *rules*."""
    return clean_taken([source], lang, rules)


def clean_taken(box: list[str], lang: str, rules: tuple[str, ...] = CLEAN_RULES) -> CleanResult:
    """:func:`clean_text` of the text taken out of the one-item list *box*: with no reference left
    at the caller, the first pass frees the source (a large file's text is then held once, not twice)."""
    unknown = set(rules) - set(CLEAN_RULES)
    if unknown:
        raise ValueError(f"unknown cleaning rule(s) {', '.join(sorted(unknown))}; known: {', '.join(CLEAN_RULES)}")
    w = _Work(box.pop())
    meta: dict[str, Any] = {}
    passes: dict[str, Pass] = {
        "boilerplate": lambda w: _boilerplate(w, meta),
        "list-markers": _list_markers,
        "line-whitespace": _line_whitespace,
        "broken-lines": lambda w: _broken_lines(w, lang),
        "punct-width": lambda w: _punct_width(w) if lang == "zh" else iter(()),
        "inline-spaces": lambda w: _inline_spaces(w, lang),
        "blank-lines": _blank_lines,
    }
    for name in CLEAN_RULES:
        if name not in rules:
            continue
        w.apply(passes[name](w))
    edits = w.edits
    text = w.text
    del w
    paragraphs = [p for p in text.split("\n") if p] if text else []
    counts: dict[str, int] = {}
    for rule in edits.rules:
        counts[rule] = counts.get(rule, 0) + 1
    meta["cleaning"] = dict(sorted(counts.items()))
    return CleanResult(paragraphs=paragraphs, kinds=[paragraph_kind(p, lang) for p in paragraphs],
                       edits=edits, meta=meta, flags=_flags(paragraphs, lang, text))
