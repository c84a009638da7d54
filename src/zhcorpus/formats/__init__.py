"""Document formats: text out of .txt/.md/.docx/.html/.pdf/.tmx files, one paragraph per line.

:func:`extract` dispatches on the file name's extension; every reader returns an
:class:`Extracted` whose ``removed`` list records what extraction dropped (page headers and
numbers, navigation, Word headers and footers …), so the cleaning log accounts for every part of
the source. Plain text goes through :mod:`zhcorpus.reading` (encoding guard, ``--encoding``).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .base import Extracted, finish

TEXT_SUFFIXES = (".txt", ".text", "")
SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".html", ".htm", ".xhtml", ".pdf", ".tmx")


def format_of(path: str | Path) -> str:
    """The format name for a file, from its extension (unknown extensions are read as text)."""
    suffix = Path(str(path)).suffix.lower()
    return {".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".pdf": "pdf", ".tmx": "tmx", ".doc": "doc"}.get(suffix, "txt")


def extract(data: bytes, path: str | Path, lang: str | None = None, *, encoding: str | None = None) -> Extracted:
    """The text of a document file's bytes, by its extension; an InputError names the file."""
    fmt = format_of(path)
    if fmt == "txt":
        from .text import read_plain

        return read_plain(data, path, lang, encoding)
    if fmt == "md":
        from .markdown import read_markdown

        return read_markdown(data, path, lang, encoding)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, path)
    if fmt == "html":
        from .html import read_html

        return read_html(data, path, lang, encoding)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path, lang)
    if fmt == "tmx":
        from .tmx import read_tmx_side

        return read_tmx_side(data, path, lang)
    raise InputError(path, "a legacy Word .doc file: save it as .docx (or .txt) first")


__all__ = ["SUFFIXES", "Extracted", "extract", "finish", "format_of"]
