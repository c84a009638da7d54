"""PDF with a text layer (pdfplumber): lines rejoined into paragraphs, running headers, footers
and page numbers dropped.

A new paragraph starts at an indented line, after a wider vertical gap, or after a line that
ended short (the next line's first word would have fitted on it). Otherwise lines are joined —
across page ends too — with no space in Chinese, a space in English, and an English word
hyphenated at a line end rejoined (recorded in ``dehyphenated`` so it can be checked). The first
and last lines of a page that repeat on other pages (digits ignored) are running headers and
footers; a line holding only a page number is a page number. A PDF without any text is a
scanned image: an error that says to OCR it, never an empty document. Single-column layout.
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .base import Extracted, finish

_PAGE_NUMBER = re.compile(
    r"^[\s\-–—·.]*(?:第\s*)?(?:[0-9０-９]+|[ivxlcdm]+|[IVXLCDM]+)(?:\s*页)?(?:\s*(?:/|of|共)\s*[0-9０-９]+\s*页?)?[\s\-–—·.]*$"
    r"|^\s*(?:page|p\.)\s*[0-9]+(?:\s*(?:/|of)\s*[0-9]+)?\s*$",
    re.IGNORECASE,
)
_ZH_END = "。！？；：…”’」』）》"
_EN_END = ".!?:;\"”’)"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\uf900" <= ch <= "\ufaff"


def _pages(data: bytes, path: str | Path) -> tuple[list[list[_Line]], list[dict[str, Any]], list[int]]:
    try:
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(path, "reading PDF needs pdfplumber (pip install pdfplumber)") from None
    pages: list[list[_Line]] = []
    sizes: list[dict[str, Any]] = []
    image_only: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for n, page in enumerate(pdf.pages, 1):
                lines = [_Line(" ".join(ln["text"].split()), ln["x0"], ln["x1"], ln["top"], ln["bottom"], n)
                         for ln in page.extract_text_lines(strip=True) if ln["text"].strip()]
                pages.append(lines)
                sizes.append({"height": float(page.height), "width": float(page.width)})
                if not lines and page.images:
                    image_only.append(n)
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a readable PDF file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many private exception types on damaged files
        if type(exc).__module__.startswith(("pdfminer", "pdfplumber")):
            raise InputError(path, f"not a readable PDF file ({type(exc).__name__}: {exc})") from None
        raise
    return pages, sizes, image_only


def _key(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", text)


def _drop_margins(pages: list[list[_Line]], removed: list[dict[str, Any]]) -> None:
    """Remove running headers/footers (first/last lines repeated on other pages) and page numbers."""
    n = len(pages)
    for where, index in (("running-header", 0), ("running-footer", -1)):
        counts: dict[str, int] = {}
        for lines in pages:
            if lines:
                counts[_key(lines[index].text)] = counts.get(_key(lines[index].text), 0) + 1
        for p, lines in enumerate(pages, 1):
            while lines:
                line = lines[index]
                if _PAGE_NUMBER.match(line.text):
                    removed.append({"what": "page-number", "page": p, "text": line.text})
                elif n >= 2 and counts.get(_key(line.text), 0) >= max(2, (n + 1) // 2):
                    removed.append({"what": where, "page": p, "text": line.text})
                else:
                    break
                lines.pop(index)


def _token_width(line: _Line, first: bool) -> float:
    """The width of a line's first (or last) word: a character in Chinese."""
    text = line.text
    if not text:
        return 0.0
    per_char = (line.x1 - line.x0) / max(1, len(text))
    ch = text[0] if first else text[-1]
    if _is_cjk(ch):
        return per_char * 1.0
    word = text.split(" ", 1)[0] if first else text.rsplit(" ", 1)[-1]
    return per_char * len(word)


def _join(prev: str, nxt: str, lang: str | None, dehyphenated: list[str]) -> str:
    a, b = prev[-1:], nxt[:1]
    if a == "-" and len(prev) >= 3 and prev[-2].isalpha() and prev[-3].isalpha() and b.islower():
        word = prev.rsplit(" ", 1)[-1]
        dehyphenated.append(f"{word}{nxt.split(' ', 1)[0]}")
        return prev[:-1] + nxt
    if _is_cjk(a) or _is_cjk(b):
        return prev + nxt
    return prev + " " + nxt


def read_pdf(data: bytes, path: str | Path, lang: str | None) -> Extracted:
    """The text of a PDF's text layer, one paragraph per line."""
    pages, sizes, image_only = _pages(data, path)
    if not any(pages):
        raise InputError(path, f"no text layer in the PDF ({len(pages)} page(s) of images: a scan?); "
                         "run OCR on it first (e.g. ocrmypdf) or use the text it was made from")
    if image_only:
        raise InputError(path, f"page(s) {', '.join(map(str, image_only))} hold images but no text (scanned?); "
                         "their text would be lost — OCR the file first")
    removed: list[dict[str, Any]] = []
    for p, lines in enumerate(pages, 1):
        if not lines:
            removed.append({"what": "blank-page", "page": p, "text": ""})
    _drop_margins(pages, removed)
    body = [ln for lines in pages for ln in lines]
    if not body:
        raise InputError(path, "the PDF holds only page headers, footers and numbers")
    size = statistics.median(ln.bottom - ln.top for ln in body)
    left = min(ln.x0 for ln in body)
    # the right margin: the longest line, not counting lines ending in a hyphen (they may overhang)
    right = max((ln.x1 for ln in body if not ln.text.endswith("-")), default=max(ln.x1 for ln in body))
    gaps = [b.top - a.bottom for lines in pages for a, b in zip(lines, lines[1:], strict=False)]
    normal_gap = statistics.median(gaps) if gaps else size * 0.6
    paragraphs: list[str] = []
    dehyphenated: list[str] = []
    joined = across = 0
    prev: _Line | None = None
    for line in body:
        new = prev is None
        if prev is not None:
            indented = line.x0 > left + 0.5 * size
            gap = prev.page == line.page and (line.top - prev.bottom) > normal_gap + 0.4 * size
            space = 0.0 if _is_cjk(line.text[0]) else 0.25 * size
            short = prev.x1 + space + _token_width(line, True) < right - 0.5 * size
            ended = prev.text[-1] in (_ZH_END + _EN_END)
            cjk = _is_cjk(prev.text[-1]) or _is_cjk(line.text[0])
            new = indented or gap or (short and (cjk or ended or not line.text[0].islower()))
        if new:
            paragraphs.append(line.text)
        else:
            assert prev is not None
            paragraphs[-1] = _join(paragraphs[-1], line.text, lang, dehyphenated)
            joined += 1
            across += prev.page != line.page
        prev = line
    stats: dict[str, Any] = {"pages": len(pages), "lines_joined": joined, "joined_across_pages": across}
    if dehyphenated:
        stats["dehyphenated"] = dehyphenated
    return finish(paragraphs, "pdf", removed, {}, stats)
