"""Markdown: the text without its markup (headings, emphasis, links, images, code fences, rules).

Paragraphs are blocks separated by blank lines; lines of one block are kept as lines (the
cleaning rules rejoin a line broken inside a sentence). Removed markup is counted by kind and
dropped blocks (front matter, code, images, HTML comments) are recorded with their line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..reading import decode_bytes
from .base import Extracted, finish

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)")
_CODE = re.compile(r"`([^`\n]+)`")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def _inline(line: str, counts: dict[str, int], removed: list[dict[str, Any]], n: int) -> str:
    for m in _IMAGE.finditer(line):
        removed.append({"what": "image", "line": n, "text": m.group(0)})
    line = _IMAGE.sub("", line)
    new = _LINK.sub(r"\1", line)
    counts["links"] = counts.get("links", 0) + len(_LINK.findall(line))
    line = new
    while True:
        new = _EMPHASIS.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(3), line)
        if new == line:
            break
        counts["emphasis"] = counts.get("emphasis", 0) + 1
        line = new
    return _CODE.sub(r"\1", line)


def read_markdown(data: bytes, path: str | Path, lang: str | None, encoding: str | None) -> Extracted:
    """The text of a Markdown file, paragraph structure kept."""
    d = decode_bytes(data, path, encoding=encoding, lang=lang)
    lines = d.text.split("\n")
    removed: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    out: list[str] = []
    i = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((k for k in range(1, len(lines)) if lines[k].strip() in ("---", "...")), None)
        if end is not None:
            removed.append({"what": "front-matter", "line": 1, "text": "\n".join(lines[: end + 1])})
            i = end + 1
    fence: tuple[str, int, list[str]] | None = None
    comment: tuple[int, list[str]] | None = None
    for n in range(i, len(lines)):
        line = lines[n]
        if fence is not None:
            fence[2].append(line)
            if line.strip().startswith(fence[0]):
                removed.append({"what": "code-block", "line": fence[1], "text": "\n".join(fence[2])})
                fence = None
            continue
        if comment is not None:
            comment[1].append(line)
            if "-->" in line:
                removed.append({"what": "html-comment", "line": comment[0], "text": "\n".join(comment[1])})
                comment = None
            continue
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = (stripped[:3], n + 1, [line])
            continue
        if stripped.startswith("<!--"):
            if "-->" in stripped:
                removed.append({"what": "html-comment", "line": n + 1, "text": line})
            else:
                comment = (n + 1, [line])
            continue
        if _RULE.match(line) or (_SETEXT.match(line) and out and out[-1]):
            counts["rules"] = counts.get("rules", 0) + 1
            out.append("")
            continue
        m = _HEADING.match(line)
        if m:
            counts["headings"] = counts.get("headings", 0) + 1
            out.extend(["", m.group(1), ""])
            continue
        if _QUOTE.match(line):
            counts["quotes"] = counts.get("quotes", 0) + 1
            line = _QUOTE.sub("", line)
        out.append(_inline(line, counts, removed, n + 1))
    if fence is not None:
        removed.append({"what": "code-block", "line": fence[1], "text": "\n".join(fence[2])})
    paragraphs = "\n".join(out).split("\n")
    ex = finish(paragraphs, "md", removed, stats={"markup": dict(sorted(counts.items()))} if counts else {})
    ex.encoding, ex.had_bom, ex.crlf = d.encoding, d.had_bom, d.crlf
    ex.nfc_changed += d.nfc_changed
    return ex
