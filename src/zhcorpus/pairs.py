"""One document pair through the pipeline's steps, as the build runs them (for `corpus align`).

A pair listed in the manifest gets the build's id, metadata and paths, so its units are exactly
the build's; any other pair gets the Chinese file's stem as its id.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

from .errors import InputError, ZhcorpusError
from .manifest import Manifest, load_manifest
from .model import Document, Paragraph, Segment
from .pipeline import DocPair
from .reading import decode_bytes, read_bytes
from .source import Source
from .steps import PipelineConfig, make_steps


def find_manifest(zh_file: Path, manifest_path: Path | None) -> Manifest | None:
    """The manifest listing *zh_file* (the given one, else the corpus project's — found from the
    working folder up — else ``seeds/manifest.toml`` when it exists)."""
    from .project import find_project

    project = find_project() if manifest_path is None else None
    path = manifest_path or (project.manifest if project is not None else Path("seeds/manifest.toml"))
    if manifest_path is None and not path.is_file():
        return None
    manifest = load_manifest(path)
    try:
        manifest.find_file(zh_file)
    except InputError:
        if manifest_path is not None:
            raise
        return None
    return manifest


def pair_source(zh_file: Path, en_file: Path, manifest: Manifest | None, *, encoding: str | None = None,
                en_encoding: str | None = None) -> Source:
    """The Source of a Chinese file and its translation (manifest metadata when listed there);
    *encoding*/*en_encoding* (``--encoding``) read a pair not in the manifest."""
    if manifest is not None:
        entry = manifest.find_file(zh_file)
        if entry.translation_path is not None and entry.translation_path.resolve() == en_file.resolve():
            from .project import find_project

            project = find_project()  # file names relative to the project root, as the build records them
            return Source.from_entry(entry, project.root if project is not None else Path("."))
    return Source(id=zh_file.stem, lang="zh", zh_name=zh_file.as_posix(), zh_bytes=read_bytes(zh_file),
                  meta={"encoding": encoding} if encoding else {}, en_name=en_file.as_posix(),
                  en_bytes=read_bytes(en_file),
                  translation_meta={"lang": "en", **({"encoding": en_encoding} if en_encoding else {})})


def presegmented_document(path: Path, doc_id: str, lang: str, encoding: str | None = None) -> Document:
    """A file of one sentence per line as a Document of one paragraph (blank lines ignored)."""
    text = decode_bytes(read_bytes(path), path, encoding=encoding, lang=lang).text
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    sep = "" if lang == "zh" else " "
    segs, pos = [], 0
    for i, line in enumerate(lines, 1):
        space = sep if i < len(lines) else ""
        segs.append(Segment(id=f"{doc_id}/1/{i}", text=line, start=pos, end=pos + len(line), space_after=space,
                            paragraph=1))
        pos += len(line) + len(space)
    joined = "".join(s.text + s.space_after for s in segs)
    paras = [Paragraph(id=f"{doc_id}/1", index=1, start=0, end=len(joined), segments=segs)] if segs else []
    return Document(id=doc_id, lang=lang, paragraphs=paras, meta={"path": path.as_posix()})


def run_pair(pair: DocPair, config: PipelineConfig | None = None, glossary: Path | None = None,
             skip_ingest: bool = False, warn: Callable[[str], None] | None = None) -> DocPair:
    """*pair* through every step of the pipeline (after ingest when *skip_ingest*); a failing step
    raises its error. Aligner warnings go to *warn*."""
    steps = make_steps(config, glossary)
    if skip_ingest:
        steps = steps[1:]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for step in steps:
            try:
                pair = step(pair)
            except ZhcorpusError:
                raise
            except ValueError as exc:
                raise InputError(None, f"document {pair.id}, stage {step.name}: {exc}") from None
    for w in caught:
        if warn is not None and issubclass(w.category, UserWarning):
            warn(str(w.message))
    pair.source = None
    return pair
