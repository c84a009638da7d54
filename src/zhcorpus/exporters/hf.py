"""The Hugging Face dataset folder (Parquet per subset and split, dataset card), and the facts its
card states about the build — taken from the build signature, not typed by hand."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import msgspec

from .. import __version__
from ..errors import InputError
from ..hf.splits import duplicate_keys, text_key
from ..pipeline import DocPair
from ..signature import signature_text, step_settings
from .base import ExportContext, Exporter, Offload

if TYPE_CHECKING:  # hf.rows imports datasets: only where the dataset is written
    from ..hf.rows import DocumentGroup

STEP_TEXT = {
    "ingest": "encoding detection, NFC, cleaning rules (every change recorded), sentence segmentation",
    "variants": "OpenCC {opencc} (official binding) with a reviewed Taiwan phrase list; 壹-for-一 repair",
    "align": "lexical dynamic-programming aligner (CC-CEDICT + glossary + self-trained lexicon), paragraph anchors",
    "glossary": "term annotation and consistency check against the curated glossary",
}


def card_info(signature: dict[str, Any], corpus: dict[str, Any], date_text: str, exports: list[str],
              alignment_eval: Path | None = None, dataset_path: str = "") -> dict[str, Any]:
    """What the dataset card states about a build: licence, each step with the settings it ran
    with (from *signature*), the exports, the measured aligner quality, the corpus URL (citation)
    and the dataset folder (*dataset_path*, the usage snippet's real path)."""
    opencc = signature.get("opencc", "unknown")
    stages = []
    for sig in signature.get("steps", []):
        name = sig.split("|", 1)[0]
        fields = step_settings(signature, name)
        version = fields.pop("v", "?")
        settings = ", ".join(f"{k} {v}" for k, v in fields.items())
        text = STEP_TEXT.get(name, "").format(opencc=opencc)
        stages.append(f"{name} (v{version}): {text + '; ' if text else ''}settings: {settings}")
    stages.append("exports: " + ", ".join(exports))
    info: dict[str, Any] = {
        "pretty_name": corpus.get("name", "zhcorpus"),
        "license": corpus.get("license"),
        "license_note": corpus.get("license_note", ""),
        "tool": "zhcorpus",
        "version": __version__,
        "date": date_text,
        "stages": stages,
        "variants": f"zh-Hans, zh-Hant, zh-TW, zh-HK converted with OpenCC {opencc}; see the project README",
        "signature": signature_text(signature),
        "repository": str(corpus.get("url", "")),
        "dataset_path": dataset_path,
    }
    if alignment_eval and alignment_eval.is_file():
        try:
            info["alignment"] = json.loads(alignment_eval.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise InputError(alignment_eval, f"not valid JSON: {exc}") from None
    return info


_ENC = msgspec.msgpack.Encoder()
_DEC = msgspec.msgpack.Decoder(DocPair)


def _spooled(fh: BinaryIO) -> Iterator[DocumentGroup]:
    """The document groups of a spool file, in the order they were written."""
    from ..hf.rows import DocumentGroup

    fh.seek(0)
    while head := fh.read(8):
        p = _DEC.decode(fh.read(int.from_bytes(head, "big")))
        assert p.zh is not None
        yield DocumentGroup(p.id, p.zh, p.en, p.units)


def export_spool(spool: Path, ids: list[str], glossary: Any, out: Path, info: dict[str, Any],
                 same_text: dict[str, str]) -> None:
    """Write the dataset folder *out* from a spool file of the exporter (module-level, so the
    build can run it in a spare process while it finishes the other exports)."""
    from ..hf.export import export_groups

    with open(spool, "rb") as fh:
        export_groups(_spooled(fh), ids, glossary, out, build_info=info, same_text=same_text)


class HfExporter(Exporter):
    """``hf/``: the dataset folder. Pairs are spooled (msgpack, a file next to the outputs) until
    the last one, because the document-level train/validation/test split needs every document id;
    then written in one streaming pass, one document at a time."""

    name = "hf"
    description = "this dataset"
    spare_imports = (__name__, "zhcorpus.hf.export")  # what export_spool needs (datasets, pyarrow)

    def open(self, ctx: ExportContext) -> None:
        super().open(ctx)
        fd, name = tempfile.mkstemp(prefix=".hf-spool.", dir=ctx.out_dir)
        self._spool_path = Path(name)
        self._spool: BinaryIO = os.fdopen(fd, "w+b")
        self._ids: list[str] = []
        self._keys: list[tuple[str, str]] = []  # (id, text key): identical texts share a split

    def add(self, pair: DocPair) -> None:
        if pair.zh is None:
            return
        light = DocPair(id=pair.zh.pair_id, zh=pair.zh.detached(), en=pair.en.detached() if pair.en else None,
                        units=pair.units)
        data = _ENC.encode(light)
        self._spool.write(len(data).to_bytes(8, "big") + data)
        self._ids.append(light.id)
        self._keys.append((light.id, text_key(light.zh.text)))

    def _arguments(self) -> tuple[Any, ...]:
        from . import EXPORTERS

        self._spool.close()
        info = card_info(self.ctx.signature, self.ctx.corpus, self.ctx.date.strftime("%Y-%m-%d"),
                         [cls.description for cls in EXPORTERS.values()], self.ctx.alignment_eval,
                         self.ctx.dataset_path)
        return (self._spool_path, self._ids, self.ctx.glossary, self.ctx.out_dir / "hf", info,
                duplicate_keys(self._keys))

    def start_close(self, offload: Offload) -> Callable[[], dict[str, Any]]:
        """The dataset export handed to *offload* (its spool is complete); the returned function
        waits for it."""
        try:
            future = offload(export_spool, *self._arguments())
        except BaseException:
            self.abort()
            raise

        def wait() -> dict[str, Any]:
            try:
                future.result()
            finally:
                self.abort()
            return {}

        return wait

    def close(self) -> dict[str, Any]:
        try:
            export_spool(*self._arguments())
        finally:
            self.abort()
        return {}

    def abort(self) -> None:
        self._spool.close()
        self._spool_path.unlink(missing_ok=True)
