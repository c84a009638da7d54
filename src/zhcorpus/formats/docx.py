"""Word .docx (python-docx): body paragraphs and table cells in document order.

Headers, footers (running text and page numbers) and empty paragraphs are not body text: they
are dropped and recorded. A soft line break inside a paragraph becomes a line break (the
cleaning rules rejoin a sentence broken there).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from ..errors import InputError
from .base import Extracted, finish


def read_docx(data: bytes, path: str | Path) -> Extracted:
    """The body text of a .docx file, one paragraph per line."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(path, "reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a Word .docx file ({exc}); a legacy .doc must be saved as .docx first") from None
    paragraphs: list[str] = []
    removed: list[dict[str, Any]] = []
    empty = 0
    tables = 0
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(block, document).text
            if text.strip():
                paragraphs.append(text)
            else:
                empty += 1
        elif tag == "tbl":
            tables += 1
            seen: set[int] = set()
            for row in Table(block, document).rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats across the span
                        continue
                    seen.add(id(cell._tc))
                    paragraphs.extend(p.text for p in cell.paragraphs if p.text.strip())
    for n, section in enumerate(document.sections, 1):
        for kind, part in (("header", section.header), ("footer", section.footer)):
            if part.is_linked_to_previous and n > 1:
                continue
            text = "\n".join(p.text for p in part.paragraphs if p.text.strip())
            if text:
                removed.append({"what": f"page-{kind}", "section": n, "text": text})
    if not paragraphs:
        raise InputError(path, "the Word document has no body text")
    stats: dict[str, Any] = {"paragraphs": len(paragraphs)}
    if empty:
        stats["empty_paragraphs_dropped"] = empty
    if tables:
        stats["tables"] = tables
    core = document.core_properties
    meta = {k: v for k, v in (("title", core.title), ("author", core.author)) if v}
    return finish(paragraphs, "docx", removed, meta, stats)
