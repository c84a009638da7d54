"""Make a corpus project (``corpus init``) and add document pairs to it (``corpus add``).

``init`` writes ``corpus.toml``, ``sources/manifest.toml`` (documented, no documents yet) and the
glossary (the curated one copied, or referenced by path, or none). ``add`` copies (or hard-links)
a Chinese file and its English translation into ``sources/zh`` and ``sources/en``, reads them
with the same readers as the build (so a file the build could not read is refused now), records
the detected format, encoding, script and region, and appends a ``[[document]]`` entry to the
manifest — plain TOML the user can go on editing by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .atomic import atomic_write_text
from .errors import InputError
from .project import CONFIG, Project

CONFIG_TEXT = """\
# A zhcorpus project: `corpus build` here (or in any subfolder) builds it.
# Every setting can be overridden on the command line; paths are relative to this folder.
[build]
seeds = "sources"          # manifest.toml, zh/, en/ and glossary.tsv
out = "corpus"             # JSONL, Hugging Face dataset, glossary exports, report
tmx_out = "tmx"            # TMX per language pair and the SRX rules
cache = ".zhcorpus-cache"  # per-document stage results
jobs = 1
"""

MANIFEST_HEAD = """\
# The documents of this corpus: each [[document]] is a Chinese text and its English translation.
# `corpus add ZH EN` appends entries; edit them freely (the fields are described in the README,
# "Build a corpus from your own documents"). Paths are relative to this file.

[corpus]
name = {name}
date = {date}  # the release date: TMX creationdate and dataset dates (SOURCE_DATE_EPOCH overrides)
"""

_ID = re.compile(r"[^A-Za-z0-9_-]+")


def curated_glossary() -> Path | None:
    """The curated glossary of the zhcorpus source tree (seeds/glossary.tsv), when present."""
    here = Path(__file__).resolve()
    for base in here.parents[:4]:
        p = base / "seeds" / "glossary.tsv"
        if p.is_file():
            return p
    return None


def init_project(folder: Path, *, name: str | None = None, glossary: str = "copy",
                 glossary_file: Path | None = None, date: str | None = None, url: str | None = None) -> list[Path]:
    """Make a project in *folder* (created if needed); returns the files written.

    *glossary*: ``copy`` the glossary into sources/, ``link`` to refer to it where it is (the
    ``glossary`` setting in corpus.toml), or ``none``. *glossary_file* defaults to the curated one.
    """
    folder = Path(folder)
    if (folder / CONFIG).exists():
        raise InputError(folder / CONFIG, "already a corpus project (corpus.toml exists); nothing was changed")
    sources = folder / "sources"
    if (sources / "manifest.toml").exists():
        raise InputError(sources / "manifest.toml", "exists already; nothing was changed")
    source_glossary: Path | None = None
    if glossary != "none":
        source_glossary = glossary_file or curated_glossary()
        if source_glossary is None or not source_glossary.is_file():
            raise InputError(source_glossary or folder, "no glossary to copy or link: give --glossary-file PATH "
                             "or --glossary none")
    written: list[Path] = []
    for sub in (sources / "zh", sources / "en"):
        sub.mkdir(parents=True, exist_ok=True)
    config = CONFIG_TEXT
    if glossary == "link" and source_glossary is not None:
        config += f"glossary = {json.dumps(source_glossary.resolve().as_posix())}  # the glossary, referenced\n"
    atomic_write_text(folder / CONFIG, config)
    written.append(folder / CONFIG)
    today = date or dt.date.today().isoformat()
    head = MANIFEST_HEAD.format(name=json.dumps(name or f"{folder.resolve().name} corpus", ensure_ascii=False),
                                date=json.dumps(today))
    if url:
        head += f"url = {json.dumps(url)}  # the corpus's home page, cited in the dataset card\n"
    atomic_write_text(sources / "manifest.toml", head)
    written.append(sources / "manifest.toml")
    if glossary == "copy" and source_glossary is not None:
        shutil.copyfile(source_glossary, sources / "glossary.tsv")
        written.append(sources / "glossary.tsv")
    return written


@dataclass
class AddRequest:
    """What `corpus add` was asked to add."""

    zh: Path
    en: Path | None = None
    id: str | None = None
    link: bool = False
    encoding: str | None = None
    en_encoding: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # title, date, source, url, license, author …
    translation_fields: dict[str, Any] = field(default_factory=dict)  # translator, license, date …


@dataclass
class AddResult:
    """The entry written and what was detected."""

    id: str
    entry: str
    files: list[Path]
    detected: dict[str, Any]


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _new_id(project: Project, stem: str, taken: set[str]) -> str:
    base = _ID.sub("-", stem).strip("-")[:40] or "doc"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _existing(project: Project) -> tuple[set[str], dict[str, str], str]:
    """Ids in the manifest, the sha256 of each listed Chinese file, and the manifest text."""
    import tomllib

    text = project.manifest.read_text(encoding="utf-8") if project.manifest.is_file() else ""
    if not text:
        raise InputError(project.manifest, "manifest not found: make the project with `corpus init`")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(project.manifest, f"not valid TOML: {exc}") from None
    ids, hashes = set(), {}
    for d in data.get("document", []) or []:
        ids.add(str(d.get("id")))
        f = project.manifest.parent / str(d.get("file", ""))
        if f.is_file():
            hashes[hashlib.sha256(f.read_bytes()).hexdigest()] = str(d.get("id"))
    return ids, hashes, text


def _place(src: Path, target: Path, link: bool) -> None:
    if target.exists() or target.is_symlink():
        raise InputError(target, "exists already in the project; choose another --id")
    target.parent.mkdir(parents=True, exist_ok=True)
    if link:
        try:
            os.link(src, target)
            return
        except OSError as exc:
            raise InputError(src, f"cannot hard-link into the project ({exc.strerror}); add it without --link "
                             "to copy it") from None
    shutil.copyfile(src, target)


def _detect(data: bytes, path: Path, lang: str, encoding: str | None) -> tuple[dict[str, Any], Any]:
    from .formats import extract

    ex = extract(data, path, lang, encoding=encoding)
    info: dict[str, Any] = {"format": ex.format}
    if ex.encoding is not None:
        info["encoding"] = ex.encoding
    if lang == "zh":
        from .variants.converter import VariantConverter

        conv = VariantConverter()
        guess = conv.detect(ex.text)
        info["script"] = guess.script if guess.script in ("Hans", "Hant") else "Hans"
        if info["script"] == "Hant":
            info["region"] = {"zh-TW": "TW", "zh-HK": "HK"}.get(conv.region(ex.text).tag, "")
            if not info["region"]:
                del info["region"]
    return info, ex


def add_document(project: Project, req: AddRequest) -> AddResult:
    """Copy (or link) a document pair into *project* and append its manifest entry."""
    from .formats import format_of
    from .manifest import load_manifest
    from .reading import read_bytes

    ids, hashes, text = _existing(project)
    zh_data = read_bytes(req.zh)
    is_tmx = format_of(req.zh) == "tmx"
    if req.en is None and not is_tmx:
        raise InputError(req.zh, "give the English translation too: corpus add ZH EN (only a .tmx holds both)")
    digest = hashlib.sha256(zh_data).hexdigest()
    if digest in hashes:
        raise InputError(req.zh, f"the same file is already in the project as document {hashes[digest]!r}")
    doc_id = req.id or _new_id(project, req.zh.stem, ids)
    if doc_id in ids:
        raise InputError(project.manifest, f"document id {doc_id!r} is taken; choose another --id")
    if "/" in doc_id or "." in doc_id or not doc_id:
        raise InputError(None, f"document id {doc_id!r} may not be empty or contain '/' or '.'")
    zh_info, _ = _detect(zh_data, req.zh, "zh", req.encoding)
    en_src = req.en if req.en is not None else req.zh
    en_data = read_bytes(en_src) if req.en is not None else zh_data
    try:
        en_info, _ = _detect(en_data, en_src, "en", req.en_encoding)
    except InputError as exc:  # the English file's option is --en-encoding
        if req.en is None or "--encoding" not in exc.message:
            raise
        raise InputError(exc.path, exc.message.replace("--encoding", "--en-encoding"), where=exc.where) from None
    sources = project.sources
    zh_target = sources / "zh" / f"{doc_id}{req.zh.suffix.lower()}"
    en_target = zh_target if req.en is None else sources / "en" / f"{doc_id}{en_src.suffix.lower()}"
    files = [zh_target] if req.en is None else [zh_target, en_target]
    _place(req.zh, zh_target, req.link)
    try:
        if req.en is not None:
            _place(req.en, en_target, req.link)
        entry = _entry_text(doc_id, zh_target.relative_to(sources), en_target.relative_to(sources),
                            zh_info, en_info, req)
        new_text = text.rstrip("\n") + "\n\n" + entry
        atomic_write_text(project.manifest, new_text)
        try:
            load_manifest(project.manifest)
        except InputError:
            atomic_write_text(project.manifest, text)
            raise
    except BaseException:
        for f in files:
            if f.exists() and (f != en_target or req.en is not None):
                f.unlink()
        raise
    return AddResult(id=doc_id, entry=entry, files=files, detected={"zh": zh_info, "en": en_info})


def _entry_text(doc_id: str, zh_rel: Path, en_rel: Path, zh_info: dict[str, Any], en_info: dict[str, Any],
                req: AddRequest) -> str:
    lines = ["[[document]]", f"id = {_toml_value(doc_id)}", f"file = {_toml_value(zh_rel.as_posix())}", 'lang = "zh"',
             f"script = {_toml_value(zh_info['script'])}"]
    if zh_info.get("region"):
        lines.append(f"region = {_toml_value(zh_info['region'])}")
    if zh_info.get("encoding") and zh_info["encoding"] != "utf-8":
        lines.append(f"encoding = {_toml_value(zh_info['encoding'])}  # detected")
    for key, value in req.fields.items():
        if value not in (None, ""):
            lines.append(f"{key} = {_toml_value(value)}")
    lines += ["", "[document.translation]", f"file = {_toml_value(en_rel.as_posix())}", 'lang = "en"']
    if en_info.get("encoding") and en_info["encoding"] != "utf-8":
        lines.append(f"encoding = {_toml_value(en_info['encoding'])}")
    for key, value in req.translation_fields.items():
        if value not in (None, ""):
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"
