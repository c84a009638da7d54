"""Web pages (.html/.htm): the main text only, with trafilatura; navigation, share buttons,
footers and other boilerplate are dropped, and recorded line by line in ``removed``.

The bytes are decoded first with the charset the page declares (``<meta charset>``), else by
:mod:`zhcorpus.reading` (encoding guard), or with ``--encoding``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..reading import check_encoding_name, decode_bytes
from .base import Extracted, finish

_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_SKIP = {"script", "style", "noscript", "template", "head", "svg"}


def _decode(data: bytes, path: str | Path, lang: str | None, encoding: str | None) -> tuple[str, str]:
    if encoding is None:
        m = _CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii").lower()
            declared = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(declared, declared)
            try:
                return data.decode(check_encoding_name(declared, path)), declared
            except UnicodeDecodeError as exc:
                raise InputError(path, f"the page declares charset {declared} but byte offset {exc.start} is not "
                                 f"{declared}; give the right one with --encoding", where=f"byte {exc.start}") from None
    d = decode_bytes(data, path, encoding=encoding, lang=lang)
    return d.text, d.encoding


def _visible_lines(html: str) -> list[str]:
    """Every line of visible text in the page (what a reader would see), in order."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several types for junk; we only need the text
        return []
    chunks: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _SKIP or any(a.tag in _SKIP for a in el.iterancestors()):
            continue
        if el.text:
            chunks.append(el.text)
        if el.tail and el.getparent() is not None and el.getparent().tag not in _SKIP:
            chunks.append(el.tail)
    lines = []
    for chunk in chunks:
        for line in chunk.split("\n"):
            line = " ".join(line.split())
            if line:
                lines.append(line)
    return lines


def read_html(data: bytes, path: str | Path, lang: str | None, encoding: str | None) -> Extracted:
    """The main text of a web page, one paragraph per line."""
    import trafilatura

    html, enc = _decode(data, path, lang, encoding)
    result = trafilatura.extract(html, output_format="json", with_metadata=True, include_comments=False,
                                 include_tables=True, include_links=False, include_images=False,
                                 favor_precision=True, deduplicate=False)
    if not result:
        raise InputError(path, "no main text found in the web page (only navigation or boilerplate?)")
    found = json.loads(result)
    paragraphs = [p for p in (found.get("text") or "").split("\n") if p.strip()]
    if not paragraphs:
        raise InputError(path, "no main text found in the web page (only navigation or boilerplate?)")
    title = " ".join((found.get("title") or "").split())
    visible = _visible_lines(html)
    if title and title in visible and title not in paragraphs:
        paragraphs.insert(0, title)  # the article's heading (trafilatura keeps it as metadata only)
    kept = {" ".join(p.split()) for p in paragraphs}
    removed: list[dict[str, Any]] = []
    for line in visible:
        if line in kept or any(line in k for k in kept):
            continue
        removed.append({"what": "boilerplate", "text": line})
    meta: dict[str, Any] = {}
    for key in ("title", "date", "author", "sitename", "hostname", "url"):
        value = found.get(key)
        if value:
            meta[key] = value
    ex = finish(paragraphs, "html", removed, meta, {"paragraphs": len(paragraphs), "extractor": "trafilatura"})
    ex.encoding = enc
    return ex
