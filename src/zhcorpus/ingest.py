"""Ingest: read a file, clean it and segment it into a :class:`~zhcorpus.model.Document`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .clean import CLEAN_RULES, clean_taken
from .errors import InputError
from .formats import extract
from .heap import release_freed
from .manifest import Entry, Manifest
from .model import Document, Paragraph, Segment
from .reading import read_bytes
from .segment import split


def build_document(doc_id: str, lang: str, text: str, meta: dict[str, Any] | None = None,
                   *, script: str | None = None, rules: tuple[str, ...] = CLEAN_RULES) -> Document:
    """Clean (with the passes *rules*) and segment decoded *text* into a Document with stable ids
    (``<doc>/<para>/<sent>``)."""
    box = [text]
    del text  # the cleaning takes it: with the caller's reference gone too, its first pass frees the source
    result = clean_taken(box, lang, rules)
    release_freed(sum(map(len, result.paragraphs)))  # the cleaned text is gone; its paragraphs remain
    meta = dict(meta or {})
    meta.update({k: v for k, v in result.meta.items() if k not in meta})
    if result.flags:
        meta["flags"] = result.flags
    texts, kinds, edits = result.paragraphs, result.kinds, result.edits
    paragraphs: list[Paragraph] = []
    offset = 0
    # Equal offsets share one int object (a segment's end is usually the next one's start, a
    # paragraph's start and end its first segment's start and last one's end): ints above 256 are
    # 32-byte objects, and a large document holds hundreds of thousands of them.
    for pi, kind in enumerate(kinds, 1):
        # a paragraph's text goes once its segments hold it (a Paragraph joins them when asked)
        ptext, texts[pi - 1] = texts[pi - 1], ""
        pid = f"{doc_id}/{pi}"
        segs: list[Segment] = []
        pos = offset
        for si, (stext, space) in enumerate(split(ptext, lang), 1):
            end = pos + len(stext)
            segs.append(Segment(id=f"{pid}/{si}", text=stext, start=pos, end=end, space_after=space, paragraph=pi))
            pos = end + len(space) if space else end
        pend = offset + len(ptext)
        if segs and segs[-1].end == pend:
            pend = segs[-1].end
        para = Paragraph(id=pid, index=pi, start=offset, end=pend, kind=kind, segments=segs)
        if para.joined() != ptext:  # the no-loss invariant, checked on every paragraph
            raise AssertionError(f"segmentation lost text in {pid}")
        paragraphs.append(para)
        offset = pend + 1
    return Document(id=doc_id, lang=lang, paragraphs=paragraphs, script=script, meta=meta, edits=edits)


def ingest_file(path: str | Path, doc_id: str, lang: str, meta: dict[str, Any] | None = None,
                *, script: str | None = None, rules: tuple[str, ...] = CLEAN_RULES,
                encoding: str | None = None) -> Document:
    """Read, extract (by the file's format), clean and segment one file."""
    return ingest_bytes(read_bytes(path), Path(path), doc_id, lang, meta, script=script, rules=rules,
                        encoding=encoding)


def ingest_bytes(data: bytes, path: str | Path, doc_id: str, lang: str, meta: dict[str, Any] | None = None,
                 *, script: str | None = None, rules: tuple[str, ...] = CLEAN_RULES,
                 encoding: str | None = None) -> Document:
    """Extract (by *path*'s extension: text, Markdown, Word, HTML, PDF, TMX — the one place where
    a source file's bytes become text), clean and segment a file's bytes; *path* names it in
    errors and metadata. *encoding* (or the manifest's ``encoding`` field in *meta*) overrides
    detection for text formats."""
    path = Path(path)
    meta = dict(meta or {})
    sha256 = hashlib.sha256(data).hexdigest()
    extracted = extract(data, path, lang, encoding=encoding or meta.get("encoding"))
    del data  # from ingest_file this was the only reference: the raw bytes go before cleaning
    meta.update({
        "path": path.as_posix(),
        "sha256": sha256,
        "encoding": extracted.encoding,
        "bom": extracted.had_bom,
        "crlf_converted": extracted.crlf,
        "nfc_changed": extracted.nfc_changed,
    })
    if extracted.format != "txt":  # what extraction removed and joined, next to the cleaning log
        meta["extraction"] = extracted.record()
        for key, value in extracted.meta.items():
            meta.setdefault(key, value)
    # the text is handed over, not kept here: build_document frees it once it is cleaned
    doc = build_document(doc_id, lang, extracted.take_text(), meta, script=script, rules=rules)
    if not doc.paragraphs:
        raise InputError(path, "no text left after cleaning (only boilerplate?)")
    return doc


def ingest_entry(entry: Entry, root: Path | None = None,
                 rules: tuple[str, ...] = CLEAN_RULES) -> tuple[Document, Document | None]:
    """Ingest a manifest entry: the Chinese document and, if listed, its English translation
    (through :class:`~zhcorpus.source.Source`, exactly as the build's ingest step does)."""
    from .source import Source

    return Source.from_entry(entry, root).ingest(rules)


def ingest_manifest(manifest: Manifest, rules: tuple[str, ...] = CLEAN_RULES) -> Iterator[tuple[Document, Document | None]]:
    """Ingest every entry of the manifest, in order."""
    root = manifest.root.parent
    for entry in manifest.entries:
        yield ingest_entry(entry, root, rules)
