"""The seeds manifest (``seeds/manifest.toml``): which documents make the corpus, and their metadata."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

REQUIRED = ("id", "file", "lang")


@dataclass
class Entry:
    """One document of the manifest and its (optional) translation."""

    id: str
    path: Path
    lang: str
    script: str | None
    meta: dict[str, Any]
    translation_path: Path | None = None
    translation_meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Manifest:
    """The parsed manifest: corpus-level fields and the document entries in order."""

    path: Path
    corpus: dict[str, Any]
    entries: list[Entry]

    @property
    def root(self) -> Path:
        """The folder the manifest's paths are relative to."""
        return self.path.parent

    def get(self, doc_id: str) -> Entry:
        """The entry with id *doc_id*, or an InputError naming the manifest."""
        for e in self.entries:
            if e.id == doc_id:
                return e
        raise InputError(self.path, f"no document with id {doc_id!r} in the manifest")

    def find_file(self, path: str | Path) -> Entry:
        """The entry whose Chinese file is *path*, or an InputError (missing manifest entry)."""
        target = Path(path).resolve()
        for e in self.entries:
            if e.path.resolve() == target:
                return e
        raise InputError(path, f"not listed in the manifest {self.path}: add a [[document]] entry for it")


def load_manifest(path: str | Path) -> Manifest:
    """Read and check a manifest; errors name the file and the entry."""
    path = Path(path)
    if path.is_dir():
        path = path / "manifest.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "manifest not found (expected seeds/manifest.toml)") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML: {exc}") from None
    docs = data.get("document")
    if not isinstance(docs, list) or not docs:
        raise InputError(path, "the manifest lists no [[document]] entries")
    entries: list[Entry] = []
    seen: set[str] = set()
    for n, d in enumerate(docs, 1):
        where = f"document {n}"
        missing = [k for k in REQUIRED if k not in d]
        if missing:
            raise InputError(path, f"missing field(s) {', '.join(missing)}", where=where)
        doc_id = str(d["id"])
        if doc_id in seen:
            raise InputError(path, f"duplicate document id {doc_id!r}", where=where)
        seen.add(doc_id)
        if "/" in doc_id or "." in doc_id:
            raise InputError(path, f"document id {doc_id!r} may not contain '/' or '.'", where=where)
        meta = {k: v for k, v in d.items() if k not in ("translation",)}
        tr = d.get("translation") or {}
        check_own_fields(d, tr, path, where)
        entries.append(
            Entry(
                id=doc_id,
                path=path.parent / d["file"],
                lang=d["lang"],
                script=d.get("script"),
                meta=meta,
                translation_path=(path.parent / tr["file"]) if tr.get("file") else None,
                translation_meta=dict(tr),
            )
        )
    return Manifest(path=path, corpus=data.get("corpus", {}), entries=entries)


# --- fields written by `corpus add` (own documents): encoding, region, licences, translator ---
_STRING_FIELDS = ("encoding", "region", "license", "url", "source", "title", "translator")


def check_own_fields(doc: dict[str, Any], translation: Any, path: Path, where: str) -> None:
    """The fields `corpus add` writes have the right type and value; an InputError names the entry."""
    import codecs

    if not isinstance(translation, dict):
        raise InputError(path, "[document.translation] must be a table", where=where)
    for table, name in ((doc, "document"), (translation, "document.translation")):
        for key in _STRING_FIELDS:
            if key in table and not isinstance(table[key], str):
                raise InputError(path, f"{name}.{key} must be a string", where=where)
        if "encoding" in table:
            try:
                codecs.lookup(table["encoding"])
            except LookupError:
                raise InputError(path, f"{name}.encoding {table['encoding']!r} is not an encoding "
                                 "(e.g. gb18030, big5, cp1252)", where=where) from None
    if "region" in doc and doc["region"] not in ("TW", "HK"):
        raise InputError(path, f"region must be TW or HK, not {doc['region']!r}", where=where)
