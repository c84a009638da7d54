"""A document pair as bytes plus metadata: what the per-document steps start from on any engine.

The local engine makes Sources from manifest entries one at a time; the Ray engine stores them
as Parquet rows. Ingesting a Source gives exactly the Documents that ingesting the files does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clean import CLEAN_RULES
from .errors import InputError
from .ingest import ingest_bytes
from .manifest import Entry
from .model import Document
from .reading import read_bytes


@dataclass
class Source:
    """The bytes of a Chinese document and its translation, with the manifest metadata."""

    id: str
    lang: str
    zh_name: str
    zh_bytes: bytes
    script: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    en_name: str | None = None
    en_bytes: bytes | None = None
    translation_meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # the files could not be read (the worker reports a failed document)

    @classmethod
    def from_entry(cls, entry: Entry, root: Path | None) -> Source:
        """Read an entry's files (paths recorded relative to *root*, when given and inside it)."""
        def rel(p: Path) -> str:
            return (p.relative_to(root) if root is not None and p.is_relative_to(root) else p).as_posix()

        en_bytes = read_bytes(entry.translation_path) if entry.translation_path is not None else None
        return cls(id=entry.id, lang=entry.lang, zh_name=rel(entry.path), zh_bytes=read_bytes(entry.path),
                   script=entry.script, meta=dict(entry.meta),
                   en_name=rel(entry.translation_path) if entry.translation_path is not None else None,
                   en_bytes=en_bytes, translation_meta=dict(entry.translation_meta))

    def key(self) -> str:
        """The content key of this input: its bytes and manifest metadata (the first cache key)."""
        meta = json.dumps({"id": self.id, "lang": self.lang, "script": self.script, "meta": self.meta,
                           "translation": self.translation_meta, "zh": self.zh_name, "en": self.en_name},
                          sort_keys=True, default=str)
        h = hashlib.sha256()
        for part in (meta.encode("utf-8"), self.zh_bytes, b"" if self.en_bytes is None else b"1" + self.en_bytes):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
        return h.hexdigest()

    def ingest(self, rules: tuple[str, ...] = CLEAN_RULES) -> tuple[Document, Document | None]:
        """The cleaned, segmented Chinese document and its translation."""
        if self.error:
            raise InputError(None, self.error)
        zh = ingest_bytes(self.zh_bytes, self.zh_name, f"{self.id}.{self.lang}", self.lang, dict(self.meta),
                          script=self.script, rules=rules)
        zh.meta["path"] = self.zh_name
        en = None
        if self.en_bytes is not None and self.en_name is not None:
            tlang = self.translation_meta.get("lang", "en")
            en = ingest_bytes(self.en_bytes, self.en_name, f"{self.id}.{tlang}", tlang, dict(self.translation_meta),
                              rules=rules)
            en.meta["path"] = self.en_name
        return zh, en

    def to_row(self) -> dict[str, Any]:
        """A flat row for Parquet."""
        return {"id": self.id, "lang": self.lang, "zh_name": self.zh_name, "zh_bytes": self.zh_bytes,
                "script": self.script, "meta": json.dumps(self.meta, ensure_ascii=False, sort_keys=True, default=str),
                "en_name": self.en_name, "en_bytes": self.en_bytes,
                "translation_meta": json.dumps(self.translation_meta, ensure_ascii=False, sort_keys=True, default=str),
                "error": self.error}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Source:
        """Rebuild from :meth:`to_row`."""
        return cls(id=str(row["id"]), lang=row.get("lang") or "zh", zh_name=row["zh_name"], zh_bytes=bytes(row["zh_bytes"]),
                   script=row.get("script"), meta=json.loads(row.get("meta") or "{}"), en_name=row.get("en_name"),
                   en_bytes=bytes(row["en_bytes"]) if row.get("en_bytes") is not None else None,
                   translation_meta=json.loads(row.get("translation_meta") or "{}"), error=row.get("error") or None)
