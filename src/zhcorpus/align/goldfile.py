"""Gold alignment files in the MAC-Dev format: one document per line,
``{"doc", "zh": [sentences], "en": [sentences], "gold": [[[zh ids], [en ids]], ...]}``, optionally
with ``zh_ids``/``en_ids`` (segment ids such as ``000.zh/3/2``, whose middle part is the paragraph).
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..jsonl import read_jsonl
from .api import Aligner
from .bead import Bead
from .evaluate import Report, evaluate


@dataclass
class GoldDoc:
    """One document of a gold file."""

    doc: str
    zh: list[str]
    en: list[str]
    gold: list[tuple[list[int], list[int]]]
    zh_paragraphs: list[int] | None = None
    en_paragraphs: list[int] | None = None


def _paragraphs(ids: Any, n: int, path: Path, line: int, side: str) -> list[int] | None:
    if ids is None:
        return None
    if not isinstance(ids, list) or len(ids) != n:
        raise InputError(path, f"{side}_ids must list one id per sentence", where=f"{line}")
    try:
        return [int(str(i).split("/")[1]) for i in ids]
    except (IndexError, ValueError):
        raise InputError(path, f"{side}_ids must look like '<doc>.{side}/<para>/<sent>'", where=f"{line}") from None


def read_gold(path: str | Path) -> Iterator[GoldDoc]:
    """The documents of a gold file; malformed records are InputErrors naming file and line."""
    path = Path(path)
    for line, rec in enumerate(read_jsonl(path), 1):  # read_jsonl names the file if it cannot be opened
        if not isinstance(rec, dict) or not all(k in rec for k in ("doc", "zh", "en")):
            raise InputError(path, "each line needs 'doc', 'zh' and 'en'", where=f"{line}")
        zh, en = rec["zh"], rec["en"]
        if not (isinstance(zh, list) and isinstance(en, list) and all(isinstance(s, str) for s in zh + en)):
            raise InputError(path, "'zh' and 'en' must be lists of sentences", where=f"{line}")
        gold = []
        for k, bead in enumerate(rec.get("gold", [])):
            try:
                z, e = bead
                z, e = [int(i) for i in z], [int(i) for i in e]
            except (TypeError, ValueError):
                raise InputError(path, f"gold bead {k} is not [[zh ids], [en ids]]", where=f"{line}") from None
            if any(not 0 <= i < len(zh) for i in z) or any(not 0 <= i < len(en) for i in e):
                raise InputError(path, f"gold bead {k} refers to a sentence that does not exist", where=f"{line}")
            gold.append((z, e))
        yield GoldDoc(str(rec["doc"]), zh, en, gold,
                      _paragraphs(rec.get("zh_ids"), len(zh), path, line, "zh"),
                      _paragraphs(rec.get("en_ids"), len(en), path, line, "en"))


@dataclass
class EvalResult:
    """Pooled scores, per-document scores, predictions and the time aligning took."""

    report: Report
    per_doc: dict[str, Report]
    predictions: dict[str, list[Bead]]
    seconds: float


_WORKER: tuple[Aligner, bool] | None = None


def _align_doc(d: GoldDoc) -> list[Bead]:
    assert _WORKER is not None
    aligner, use_paragraphs = _WORKER
    return aligner.align(d.zh, d.en,
                         zh_paragraphs=d.zh_paragraphs if use_paragraphs else None,
                         en_paragraphs=d.en_paragraphs if use_paragraphs else None)


def evaluate_gold(path: str | Path, aligner: Aligner, *, use_paragraphs: bool = True,
                  jobs: int = 1) -> EvalResult:
    """Align every document of a gold file with its own sentence splits and score the result.

    With ``jobs > 1`` documents are aligned in forked worker processes that share the loaded
    dictionary; results are identical and in the same order."""
    global _WORKER
    docs = list(read_gold(path))
    start = time.perf_counter()
    _WORKER = (aligner, use_paragraphs)
    try:
        if jobs > 1 and len(docs) > 1 and "fork" in multiprocessing.get_all_start_methods():
            # longest documents first, so the workers finish together
            order = sorted(range(len(docs)), key=lambda k: -len(docs[k].zh) * len(docs[k].en))
            with multiprocessing.get_context("fork").Pool(min(jobs, len(docs))) as pool:
                done = pool.map(_align_doc, [docs[k] for k in order], chunksize=1)
            results: list[list[Bead]] = [[] for _ in docs]
            for k, beads in zip(order, done, strict=True):
                results[k] = beads
        else:
            results = [_align_doc(d) for d in docs]
    finally:
        _WORKER = None
    seconds = time.perf_counter() - start
    preds = {d.doc: beads for d, beads in zip(docs, results, strict=True)}
    pairs = {d.doc: ([(b.zh, b.en) for b in preds[d.doc]], d.gold) for d in docs}
    return EvalResult(evaluate(pairs.values()), {k: evaluate([v]) for k, v in pairs.items()}, preds, seconds)


def prediction_records(predictions: dict[str, list[Bead]]) -> Iterator[dict[str, Any]]:
    """``{"doc", "align": [[[zh ids], [en ids]], ...], "scores": [...], "flags": [[...], ...]}`` per
    document (one score and one flag list per bead, in order): indices only, no text."""
    for doc, beads in predictions.items():
        yield {"doc": doc, "align": [[list(b.zh), list(b.en)] for b in beads],
               "scores": [round(b.score, 4) for b in beads], "flags": [list(b.flags) for b in beads]}
