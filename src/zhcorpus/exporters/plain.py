"""Line-aligned plain text (Moses/OPUS layout) and TSV, one file set per language pair.

``plain/zhcorpus_zh-CN_en-US.zh-CN`` and ``….en-US`` hold one aligned unit per line, line *n* of
one the translation of line *n* of the other, as MT trainers (Moses, OpenNMT, fairseq, Marian)
read them; ``tsv/zhcorpus_zh-CN_en-US.tsv`` has the unit id, both sides and the score. Every
aligned unit that has both languages of a pair is written (no deduplication, unlike the TMX).
Line breaks and tabs inside a unit become spaces, so the line alignment always holds.
"""

from __future__ import annotations

import re
from typing import IO, Any

from ..pipeline import DocPair
from ..tmx.langs import DEFAULT_PAIRS, Lang, lang, pair_name
from ..tmx.records import unit_segs
from .base import ExportContext, Exporter

FILE_PREFIX = "zhcorpus"
_BREAKS = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str) -> tuple[str, bool]:
    """*text* with every character that a line reader or a TSV cell would split on made a space."""
    out = _BREAKS.sub(" ", text)
    return out, out != text


_Rows = dict[str, tuple[list[tuple[str, list[str], float]], int, int]]


def _pair_rows(pair: DocPair, pairs: list[tuple[str, Lang, Lang]]) -> _Rows:
    """Per language pair: the aligned units of *pair* as ``(id, one-line texts, score)``, how many
    were skipped and how many texts had line breaks replaced. Made once for the plain text and TSV
    exporters (through :meth:`.base.ExportContext.per_pair`)."""
    rows: _Rows = {name: ([], 0, 0) for name, _, _ in pairs}
    skipped = dict.fromkeys(rows, 0)
    changed = dict.fromkeys(rows, 0)
    for u in pair.units:
        if not u.aligned:
            continue
        lined: dict[str, tuple[str, bool]] = {}  # a unit's text is in several pairs: made one line once
        for name, src, tgt in pairs:
            segs = unit_segs(u, [src, tgt])  # as the TMX export: the units' own variants
            if isinstance(segs, str):
                skipped[name] += 1
                continue
            texts = []
            for _, text in segs:
                done = lined.get(text)
                if done is None:
                    done = lined[text] = one_line(text)
                line, was_changed = done
                changed[name] += was_changed
                texts.append(line)
            rows[name][0].append((u.id, texts, u.score))
    return {name: (r, skipped[name], changed[name]) for name, (r, _, _) in rows.items()}


class _PairFiles(Exporter):
    """Shared by the two formats: a target per language pair, units written as they come."""

    folder: str

    def open(self, ctx: ExportContext) -> None:
        super().open(ctx)
        (ctx.out_dir / self.folder).mkdir(parents=True, exist_ok=True)
        self.pairs: list[tuple[str, Lang, Lang]] = []
        for s, t in DEFAULT_PAIRS:
            src, tgt = lang(s, ctx.tmx_codes), lang(t, ctx.tmx_codes)
            self.pairs.append((pair_name(src, tgt), src, tgt))
        self.files: dict[str, list[IO[str]]] = {}
        self.counts = {name: 0 for name, _, _ in self.pairs}
        self.skipped = {name: 0 for name, _, _ in self.pairs}
        self.changed = 0
        for name, src, tgt in self.pairs:
            self.files[name] = self._open(name, src, tgt)

    def _open(self, name: str, src: Lang, tgt: Lang) -> list[IO[str]]:
        raise NotImplementedError

    def _lines(self, out: list[list[str]], uid: str, texts: list[str], score: float) -> None:
        """Append the unit's line(s) to *out* (one list per file of the pair)."""
        raise NotImplementedError

    def add(self, pair: DocPair) -> None:
        lines: dict[str, list[list[str]]] = {name: [[] for _ in self.files[name]] for name, _, _ in self.pairs}
        made = self.ctx.per_pair("plain-rows", pair, lambda: _pair_rows(pair, self.pairs))
        for name, (rows, skipped, changed) in made.items():
            out = lines[name]
            for uid, texts, score in rows:
                self._lines(out, uid, texts, score)
            self.counts[name] += len(rows)
            self.skipped[name] += skipped
            self.changed += changed
        for name, per_file in lines.items():  # one write per file and document
            for fh, chunk in zip(self.files[name], per_file, strict=True):
                if chunk:
                    fh.write("".join(chunk))

    def close(self) -> dict[str, Any]:
        self.abort()
        return {"lines": self.counts, "skipped": {k: v for k, v in self.skipped.items() if v},
                "line_breaks_replaced": self.changed}

    def abort(self) -> None:
        for files in self.files.values():
            for fh in files:
                fh.close()


class MosesExporter(_PairFiles):
    """``plain/zhcorpus_<src>_<tgt>.<src>`` and ``.<tgt>``: line-aligned plain text per pair."""

    name = "plain"
    description = "line-aligned plain text per language pair (Moses/OPUS layout)"
    folder = "plain"

    def _open(self, name: str, src: Lang, tgt: Lang) -> list[IO[str]]:
        base = self.ctx.out_dir / self.folder / f"{FILE_PREFIX}_{name}"
        return [open(f"{base}.{lg.tag}", "w", encoding="utf-8", newline="\n") for lg in (src, tgt)]  # noqa: SIM115

    def _lines(self, out: list[list[str]], uid: str, texts: list[str], score: float) -> None:
        for chunk, text in zip(out, texts, strict=True):
            chunk.append(text + "\n")


class TsvExporter(_PairFiles):
    """``tsv/zhcorpus_<src>_<tgt>.tsv``: id, source, target and score per aligned unit."""

    name = "tsv"
    description = "TSV per language pair (id, source, target, score)"
    folder = "tsv"

    def _open(self, name: str, src: Lang, tgt: Lang) -> list[IO[str]]:
        fh = open(self.ctx.out_dir / self.folder / f"{FILE_PREFIX}_{name}.tsv", "w", encoding="utf-8",  # noqa: SIM115
                  newline="\n")
        fh.write(f"id\t{src.tag}\t{tgt.tag}\tscore\n")
        return [fh]

    def _lines(self, out: list[list[str]], uid: str, texts: list[str], score: float) -> None:
        out[0].append(f"{uid}\t{texts[0]}\t{texts[1]}\t{score!r}\n")
