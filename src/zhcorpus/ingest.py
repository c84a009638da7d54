"""Ingest: read a file, clean it and segment it into a :class:`~zhcorpus.model.Document`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .clean import CLEAN_RULES, clean_text
from .errors import InputError
from .manifest import Entry, Manifest
from .model import Document, Paragraph, Segment
from .reading import Decoded, decode_bytes, read_bytes
from .segment import split


def build_document(doc_id: str, lang: str, text: str, meta: dict[str, Any] | None = None,
                   *, script: str | None = None, rules: tuple[str, ...] = CLEAN_RULES) -> Document:
    """Clean (with the passes *rules*) and segment decoded *text* into a Document with stable ids
    (``<doc>/<para>/<sent>``)."""
    result = clean_text(text, lang, rules)
    meta = dict(meta or {})
    meta.update({k: v for k, v in result.meta.items() if k not in meta})
    if result.flags:
        meta["flags"] = result.flags
    paragraphs: list[Paragraph] = []
    offset = 0
    for pi, (ptext, kind) in enumerate(zip(result.paragraphs, result.kinds, strict=True), 1):
        pid = f"{doc_id}/{pi}"
        segs: list[Segment] = []
        pos = offset
        for si, (stext, space) in enumerate(split(ptext, lang), 1):
            segs.append(Segment(id=f"{pid}/{si}", text=stext, start=pos, end=pos + len(stext), space_after=space,
                                paragraph=pi))
            pos += len(stext) + len(space)
        paragraphs.append(Paragraph(id=pid, index=pi, text=ptext, start=offset, end=offset + len(ptext),
                                    kind=kind, segments=segs))
        offset += len(ptext) + 1
    doc = Document(id=doc_id, lang=lang, text=result.text, paragraphs=paragraphs, script=script,
                   meta=meta, edits=result.edits)
    for p in doc.paragraphs:  # the no-loss invariant, checked on every document
        if p.joined() != p.text:
            raise AssertionError(f"segmentation lost text in {p.id}")
    return doc


def ingest_file(path: str | Path, doc_id: str, lang: str, meta: dict[str, Any] | None = None,
                *, script: str | None = None, rules: tuple[str, ...] = CLEAN_RULES) -> Document:
    """Read, decode, clean and segment one file."""
    return ingest_bytes(read_bytes(path), Path(path), doc_id, lang, meta, script=script, rules=rules)


def decode_source(data: bytes, path: str | Path, lang: str) -> Decoded:
    """The one place where a source file's bytes become text (readers for other formats plug in
    here, by file name); an undecodable file is an InputError naming it."""
    return decode_bytes(data, path)


def ingest_bytes(data: bytes, path: str | Path, doc_id: str, lang: str, meta: dict[str, Any] | None = None,
                 *, script: str | None = None, rules: tuple[str, ...] = CLEAN_RULES) -> Document:
    """Decode, clean and segment a file's bytes (*path* names it in errors and metadata)."""
    path = Path(path)
    decoded = decode_source(data, path, lang)
    meta = dict(meta or {})
    meta.update({
        "path": path.as_posix(),
        "sha256": hashlib.sha256(data).hexdigest(),
        "encoding": decoded.encoding,
        "bom": decoded.had_bom,
        "crlf_converted": decoded.crlf,
        "nfc_changed": decoded.nfc_changed,
    })
    doc = build_document(doc_id, lang, decoded.text, meta, script=script, rules=rules)
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
