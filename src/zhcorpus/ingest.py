"""Ingest: read a file, clean it and segment it into a :class:`~zhcorpus.model.Document`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .clean import clean_text
from .errors import InputError
from .formats import extract
from .manifest import Entry, Manifest
from .model import Document, Paragraph, Segment
from .segment import split


def build_document(doc_id: str, lang: str, text: str, meta: dict[str, Any] | None = None,
                   *, script: str | None = None) -> Document:
    """Clean and segment decoded *text* into a Document with stable ids (``<doc>/<para>/<sent>``)."""
    result = clean_text(text, lang)
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
            segs.append(Segment(id=f"{pid}/{si}", text=stext, start=pos, end=pos + len(stext), space_after=space))
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


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, or an InputError naming it."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None


def ingest_file(path: str | Path, doc_id: str, lang: str, meta: dict[str, Any] | None = None,
                *, script: str | None = None, encoding: str | None = None) -> Document:
    """Read, extract (by the file's format), clean and segment one file."""
    return ingest_bytes(read_bytes(path), Path(path), doc_id, lang, meta, script=script, encoding=encoding)


def ingest_bytes(data: bytes, path: str | Path, doc_id: str, lang: str, meta: dict[str, Any] | None = None,
                 *, script: str | None = None, encoding: str | None = None) -> Document:
    """Extract (by *path*'s extension: text, Markdown, Word, HTML, PDF, TMX), clean and segment a
    file's bytes; *path* names it in errors and metadata. *encoding* (or the manifest's
    ``encoding`` field in *meta*) overrides detection for text formats."""
    path = Path(path)
    meta = dict(meta or {})
    extracted = extract(data, path, lang, encoding=encoding or meta.get("encoding"))
    meta.update({
        "path": path.as_posix(),
        "sha256": hashlib.sha256(data).hexdigest(),
        "encoding": extracted.encoding,
        "bom": extracted.had_bom,
        "crlf_converted": extracted.crlf,
        "nfc_changed": extracted.nfc_changed,
    })
    if extracted.format != "txt":  # what extraction removed and joined, next to the cleaning log
        meta["extraction"] = extracted.record()
        for key, value in extracted.meta.items():
            meta.setdefault(key, value)
    doc = build_document(doc_id, lang, extracted.text, meta, script=script)
    if not doc.paragraphs:
        raise InputError(path, "no text left after cleaning (only boilerplate?)")
    return doc


def ingest_entry(entry: Entry, root: Path | None = None) -> tuple[Document, Document | None]:
    """Ingest a manifest entry: the Chinese document and, if listed, its English translation."""
    def rel(p: Path) -> Path:
        return p.relative_to(root) if root is not None and p.is_relative_to(root) else p

    zh = ingest_file(entry.path, f"{entry.id}.{entry.lang}", entry.lang, dict(entry.meta), script=entry.script)
    zh.meta["path"] = rel(entry.path).as_posix()
    en = None
    if entry.translation_path is not None:
        tmeta = dict(entry.translation_meta)
        tlang = tmeta.get("lang", "en")
        en = ingest_file(entry.translation_path, f"{entry.id}.{tlang}", tlang, tmeta)
        en.meta["path"] = rel(entry.translation_path).as_posix()
    return zh, en


def ingest_manifest(manifest: Manifest) -> Iterator[tuple[Document, Document | None]]:
    """Ingest every entry of the manifest, in order."""
    root = manifest.root.parent
    for entry in manifest.entries:
        yield ingest_entry(entry, root)
