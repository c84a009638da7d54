"""Write a ready OmegaT project for one language pair from the build's documents, units and
glossary: ``omegat.project``, ``source/`` (the documents as the corpus holds them, optionally the
raw ones under ``source/raw/``), ``tm/auto/`` (the pair's TMX: OmegaT inserts its exact matches
when the project opens), ``glossary/`` (the pair's glossary, one file) and ``omegat/`` (filters and
the segmentation rules the memory was built with).

The folder must be new, empty, or one this function made before (it keeps a list of its files
with their hashes in ``.zhcorpus-cat-project.json``); a file of that list that was changed since is
never overwritten, and nothing else in the folder is touched. The same inputs give byte-identical
files.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_bytes
from ..errors import InputError, ZhcorpusError
from ..glossary.cat import omegat_filename, omegat_rows
from ..glossary.model import Glossary
from ..model import Document, Unit
from ..tmx.export import FILE_PREFIX, TmxReport, export_tmx
from ..tmx.langs import Lang, lang
from ..tmx.srx import LANGUAGE_MAP, SrxRule, project_rules, sentences
from .fill import Fill, predict, tmx_sources
from .omegat import FILTERS_XML, project_xml, segmentation_conf
from .sources import (
    RAW_LIST_MARKER,
    MissingVariant,
    bead_exceptions,
    chinese_documents,
    document_file,
    raw_file,
    raw_fits,
)

MARKER = ".zhcorpus-cat-project.json"
EMPTY_DIRS = ("target", "dictionary", "tm/auto", "glossary", "source", "omegat")
GLOSSARY_STEM = "zhcorpus-glossary"


class ProjectFolderError(ZhcorpusError):
    """The output folder holds files this command did not write (or changed since)."""


@dataclass
class CatProject:
    """What was written and what OmegaT will see (predicted; the integration test checks it)."""

    path: Path
    pair: tuple[str, str]
    files: list[str] = field(default_factory=list)
    documents: int = 0
    raw_documents: int = 0
    multi_sentence_beads: int = 0  # aligned beads with 2+ Chinese sentences (2-1, 2-2, 3-1 …)
    kept_together: int = 0  # of those, shown by OmegaT as one segment thanks to the exceptions
    exceptions: int = 0  # no-break rules added
    fill: Fill = field(default_factory=Fill)
    raw_fill: Fill | None = None
    tmx: TmxReport | None = None
    glossary_entries: int = 0

    def summary(self) -> str:
        """A few lines for people."""
        src, tgt = self.pair
        lines = [f"{self.path}: OmegaT project {src} → {tgt}, {self.documents} documents"
                 + (f" (+ {self.raw_documents} raw)" if self.raw_documents else ""),
                 f"  memory: {_memory_line(self.tmx)}",
                 f"  glossary: {self.glossary_entries} entries",
                 f"  segmentation: {self.exceptions} exceptions keep {self.kept_together} of "
                 f"{self.multi_sentence_beads} multi-sentence beads on one segment",
                 f"  exact matches when the project opens: {self.fill.summary()}"]
        if self.raw_fill is not None and self.raw_documents:
            lines.append(f"  raw documents (source/raw): {self.raw_fill.summary()}")
        elif self.raw_fill is not None:
            lines.append(f"  raw documents: none of the documents was received in {src}'s script")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        def fill(f: Fill | None) -> dict[str, Any] | None:
            return None if f is None else {"segments": f.segments, "filled": f.filled,
                                           "files": {k: list(v) for k, v in f.files.items()}}
        return {"path": str(self.path), "pair": list(self.pair), "files": self.files,
                "documents": self.documents, "raw_documents": self.raw_documents,
                "multi_sentence_beads": self.multi_sentence_beads, "kept_together": self.kept_together,
                "exceptions": self.exceptions, "fill": fill(self.fill), "raw_fill": fill(self.raw_fill),
                "glossary_entries": self.glossary_entries}


def _memory_line(tmx: TmxReport | None) -> str:
    """The TMX's summary without its count of sources OmegaT's *default* rules split (the
    project's own rules keep them whole)."""
    if tmx is None:
        return "-"
    return ", ".join(p for p in tmx.summary().split(", ") if "OmegaT splits" not in p)


def parse_pair(pair: str) -> tuple[Lang, Lang]:
    """``zh-CN:en-US`` -> the two languages; the source must be Chinese (the corpus's source side)."""
    parts = pair.split(":")
    if len(parts) != 2:
        raise ValueError(f"a pair is SOURCE:TARGET, e.g. zh-CN:en-US (got {pair!r})")
    src, tgt = lang(parts[0]), lang(parts[1])
    if not src.chinese:
        raise ValueError(f"the source language must be Chinese (zh-CN, zh-TW, zh-HK), got {src.code}")
    if src.code == tgt.code:
        raise ValueError(f"a pair needs two languages, got {src.code} twice")
    return src, tgt


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _previous(out_dir: Path) -> dict[str, str]:
    """The files (relative path -> sha256) an earlier run wrote here; refuses a folder that holds
    anything else and was not made by this command."""
    if not out_dir.exists():
        return {}
    if not out_dir.is_dir():
        raise ProjectFolderError(f"{out_dir}: not a folder")
    marker = out_dir / MARKER
    if not marker.is_file():
        if any(out_dir.iterdir()):
            raise ProjectFolderError(f"{out_dir}: the folder is not empty and was not made by "
                                     "`corpus cat-project`; choose a new or empty folder")
        return {}
    try:
        files = json.loads(marker.read_text(encoding="utf-8"))["files"]
        assert isinstance(files, dict)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise InputError(marker, "not a cat-project file list; choose a new or empty folder") from None
    return {str(k): str(v) for k, v in files.items()}


def _check_unchanged(out_dir: Path, previous: dict[str, str], rel: str) -> None:
    path = out_dir / rel
    if not path.exists():
        return
    if rel not in previous or not path.is_file() or _sha(path.read_bytes()) != previous[rel]:
        raise ProjectFolderError(f"{path}: changed since `corpus cat-project` wrote it (or not written "
                                 "by it); it is not overwritten — move it away or use a new folder")


def write_cat_project(documents: Iterable[Document], units: Iterable[Unit], glossary: Glossary | None,
                      pair: str, out_dir: Path, *, raw: bool = False,
                      creation_date: str | None = None) -> CatProject:
    """Write the OmegaT project for *pair* (``zh-CN:en-US``) into *out_dir*; *units* is iterated
    twice (pass a list or a :class:`~zhcorpus.jsonl.JsonlRecords`). Returns what was written and
    the exact-match fill OmegaT will show."""
    src, tgt = parse_pair(pair)
    out_dir = Path(out_dir)
    previous = _previous(out_dir)
    docs = chinese_documents(documents)
    report = CatProject(path=out_dir, pair=(src.code, tgt.code))

    try:
        exceptions, report.multi_sentence_beads = bead_exceptions(docs, units, src)
        sources = {f"source/{pid}.txt": document_file(d, src) for pid, d in docs.items()}
    except MissingVariant as exc:
        raise InputError(getattr(units, "path", None), f"{exc}; run `corpus build` first") from None
    raw_sources = ({f"source/raw/{_raw_name(pid, d)}.txt": raw_file(d)
                    for pid, d in docs.items() if raw_fits(d, src)} if raw else {})
    base = project_rules()
    zh_rules = [*exceptions, *([RAW_LIST_MARKER] if raw else []), *base["Chinese"]]
    pattern = dict((name, pat) for pat, name in LANGUAGE_MAP)
    conf = segmentation_conf([("Chinese", pattern["Chinese"], zh_rules),
                              ("English", pattern["English"], base["English"])])
    rows = omegat_rows(glossary, src.code, tgt.code) if glossary is not None else []
    gloss = "".join("\t".join(r) + "\n" for r in rows)

    texts: dict[str, bytes] = {
        "omegat.project": project_xml(src.code, tgt.code).encode(),
        "omegat/filters.xml": FILTERS_XML.encode(),
        "omegat/segmentation.conf": conf.encode(),
        **({f"glossary/{omegat_filename(GLOSSARY_STEM, src.code, tgt.code)}": gloss.encode()} if rows else {}),
        **{k: v.encode() for k, v in {**sources, **raw_sources}.items()},
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".tmx-") as tmp:
        result = export_tmx(units, Path(tmp), pairs=[(src.code, tgt.code)], creation_date=creation_date)
        name = next(iter(result))
        tmx_rel = f"tm/auto/{FILE_PREFIX}_{name}.tmx"
        tmx_bytes = result[name].read_bytes()
        report.tmx = result.reports[name]
        report.tmx.path = out_dir / tmx_rel
        memory = tmx_sources(result[name])
    texts[tmx_rel] = tmx_bytes

    for rel in sorted(texts):
        _check_unchanged(out_dir, previous, rel)
    for rel in sorted(set(previous) - set(texts)):
        _check_unchanged(out_dir, previous, rel)
    for d in EMPTY_DIRS:
        (out_dir / d).mkdir(parents=True, exist_ok=True)
    for rel in sorted(texts):
        if previous.get(rel) != _sha(texts[rel]) or not (out_dir / rel).is_file():
            atomic_write_bytes(out_dir / rel, texts[rel])
    for rel in sorted(set(previous) - set(texts)):  # ours, unchanged, no longer produced
        if (out_dir / rel).is_file():
            os.unlink(out_dir / rel)
            parent = (out_dir / rel).parent
            while parent != out_dir and not any(parent.iterdir()) and parent.name not in EMPTY_DIRS:
                parent.rmdir()  # a folder only our file was in (source/raw)
                parent = parent.parent
    listing = {"tool": "zhcorpus cat-project", "pair": f"{src.code}:{tgt.code}",
               "files": {rel: _sha(texts[rel]) for rel in sorted(texts)}}
    atomic_write_bytes(out_dir / MARKER, (json.dumps(listing, ensure_ascii=False, indent=1, sort_keys=True)
                                          + "\n").encode())

    report.files = sorted(texts)
    report.documents, report.raw_documents = len(sources), len(raw_sources)
    report.exceptions = len(exceptions)
    report.glossary_entries = len(rows)
    report.kept_together = _kept_together(docs, units, src, zh_rules)
    report.fill = predict(sources, zh_rules, memory)
    if raw:
        report.raw_fill = predict(raw_sources, zh_rules, memory)
    return report


def _raw_name(pid: str, doc: Document) -> str:
    """The raw file's name: the received file's stem (``000_2bd413ae3be23088``), led by the id."""
    stem = Path(str(doc.meta.get("file") or pid)).stem
    return stem if stem.startswith(pid) else f"{pid}_{stem}"


def _kept_together(docs: dict[str, Document], units: Iterable[Unit], src: Lang, rules: list[SrxRule]) -> int:
    """Multi-sentence beads whose Chinese side the rules leave as one segment."""
    from .sources import paragraphs

    lines = {pid: paragraphs(d, src) for pid, d in docs.items()}
    kept = 0
    for u in units:
        if len(u.zh_ids) < 2 or not u.en_ids or u.doc_id not in lines or u.paragraph is None:
            continue
        text = u.variants.get(src.key) if u.variants else u.zh
        if text and text in sentences(lines[u.doc_id][u.paragraph - 1], rules):
            kept += 1
    return kept
