"""The seeds manifest (``seeds/manifest.toml``): which documents make the corpus, and their metadata."""

from __future__ import annotations

import datetime as dt
import re
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
    """Read and check a manifest; errors name the file and the entry (``document N``, field).

    Every source path must resolve (symlinks followed) inside the manifest's folder, or inside a
    folder the manifest lists in ``[sources] allow_outside`` (paths relative to the manifest).
    """
    path = Path(path)
    if path.is_dir():
        path = path / "manifest.toml"
    data = _parse(path)
    corpus = _table(path, data.get("corpus", {}), "[corpus]")
    if "date" in corpus:
        _date(path, corpus["date"], "[corpus] date", full=True)
    roots = [path.parent.resolve()] + _allowed_outside(path, data)
    docs = data.get("document")
    if docs is None or (isinstance(docs, list) and not docs):
        raise InputError(path, "the manifest lists no [[document]] entries")
    if not isinstance(docs, list):
        raise InputError(path, f"'document' must be an array of tables ([[document]]), got {_kind(docs)}")
    entries: list[Entry] = []
    seen: set[str] = set()
    files: dict[Path, str] = {}
    for n, d in enumerate(docs, 1):
        where = f"document {n}"
        d = _table(path, d, where)
        missing = [k for k in REQUIRED if k not in d]
        if missing:
            raise InputError(path, f"missing field(s) {', '.join(missing)}", where=where)
        doc_id = _string(path, d["id"], f"{where}, id")
        if doc_id in seen:
            raise InputError(path, f"duplicate document id {doc_id!r}", where=where)
        seen.add(doc_id)
        if "/" in doc_id or "." in doc_id:
            raise InputError(path, f"document id {doc_id!r} may not contain '/' or '.'", where=where)
        _lang(path, d["lang"], f"{where}, lang", DOCUMENT_LANGS)
        script = d.get("script")
        if script is not None:
            _script(path, script, f"{where}, script")
        if "date" in d:
            _date(path, d["date"], f"{where}, date")
        doc_path = _source(path, d["file"], f"{where}, file", roots, files)
        meta = {k: v for k, v in d.items() if k not in ("translation",)}
        tr = _table(path, d.get("translation", {}), f"{where}, translation")
        tr_path = None
        if tr:
            if "file" not in tr:
                raise InputError(path, "missing field file", where=f"{where}, translation")
            tr_path = _source(path, tr["file"], f"{where}, translation.file", roots, files, pair_file=doc_path)
            _lang(path, tr.get("lang", "en"), f"{where}, translation.lang", TRANSLATION_LANGS)
            if "date" in tr:
                _date(path, tr["date"], f"{where}, translation.date")
        check_own_fields(d, tr, path, where)
        entries.append(
            Entry(
                id=doc_id,
                path=doc_path,
                lang=d["lang"],
                script=script,
                meta=meta,
                translation_path=tr_path,
                translation_meta=dict(tr),
            )
        )
    return Manifest(path=path, corpus=corpus, entries=entries)


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


# --- one validation function per kind of field (errors name the document and the field) ---

DOCUMENT_LANGS = ("zh",)  # the languages the cleaning and segmentation rules handle
TRANSLATION_LANGS = ("en",)
SCRIPTS = ("Hans", "Hant")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _parse(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "manifest not found (expected seeds/manifest.toml)") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the manifest: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, "not valid UTF-8 (TOML files are UTF-8)", where=f"byte {exc.start}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML: {exc}") from None


def _kind(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "a boolean", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


def _table(path: Path, value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(path, f"must be a table, got {_kind(value)} {value!r}"[:200], where=where)
    return value


def _string(path: Path, value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, f"must be a non-empty string, got {_kind(value)} {value!r}"[:200], where=where)
    return value


def _lang(path: Path, value: Any, where: str, allowed: tuple[str, ...]) -> str:
    value = _string(path, value, where)
    if value not in allowed:
        raise InputError(path, f"language {value!r} is not supported here (use {' or '.join(allowed)})", where=where)
    return value


def _script(path: Path, value: Any, where: str) -> str:
    value = _string(path, value, where)
    if value not in SCRIPTS:
        raise InputError(path, f"unknown script {value!r} (use {' or '.join(SCRIPTS)})", where=where)
    return value


def _date(path: Path, value: Any, where: str, *, full: bool = False) -> None:
    """A date: a TOML date, or a string YYYY, YYYY-MM or YYYY-MM-DD (*full*: a whole valid date)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return
    text = _string(path, value, where)
    ok = _DATE.fullmatch(text) is not None
    if ok:
        parts = [int(p) for p in text.split("-")] + [1, 1]
        try:
            dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            ok = False
    if not ok or (full and len(text) != 10):
        want = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
        raise InputError(path, f"not a date: {text!r} (use {want})", where=where)


def _allowed_outside(path: Path, data: dict[str, Any]) -> list[Path]:
    """Folders outside the manifest's folder that sources may come from (``[sources] allow_outside``)."""
    sources = _table(path, data.get("sources", {}), "[sources]")
    allowed = sources.get("allow_outside", [])
    if not isinstance(allowed, list):
        raise InputError(path, f"must be an array of folder paths, got {_kind(allowed)}", where="[sources] allow_outside")
    return [(path.parent / _string(path, a, "[sources] allow_outside")).resolve() for a in allowed]


def _source(path: Path, value: Any, where: str, roots: list[Path], files: dict[Path, str],
            pair_file: Path | None = None) -> Path:
    """A source file path: a string, resolving inside an allowed folder, listed once."""
    rel = _string(path, value, where)
    if "\0" in rel:
        raise InputError(path, "a file path may not contain NUL", where=where)
    src = path.parent / rel
    try:
        real = src.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise InputError(path, f"cannot resolve {rel!r}: {exc}", where=where) from None
    if not any(real == r or r in real.parents for r in roots):
        raise InputError(path, f"{rel!r} resolves to {real}, outside the project folder {roots[0]}; list its folder "
                               f"in [sources] allow_outside to use it", where=where)
    # a bilingual TMX is both sides of its own document (*pair_file*: that document's file)
    bilingual = real.suffix.lower() == ".tmx" and pair_file is not None and real == pair_file.resolve()
    if real in files and not bilingual:
        raise InputError(path, f"{rel!r} is already listed ({files[real]})", where=where)
    files[real] = where
    return src
