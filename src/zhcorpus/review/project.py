"""The review app's model of a built project: documents, their beads as the reviewer sees them
(the build's alignment with the corrections applied), the review queue, and actions that write
only the corrections files.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..align.bead import Bead
from ..errors import InputError
from ..jsonl import JsonlRecords
from ..model import Document, Unit
from . import actions
from .apply import Applied, Realign
from .corrections import Correction
from .document import corrected_units, original_beads
from .rank import CATEGORIES, category, is_reviewed, rank_key
from .store import CorrectionsStore, DocCorrections

PER_PAGE = 50


@dataclass
class DocView:
    """One document as the reviewer sees it."""

    doc: str
    zh: Document
    en: Document | None
    version: int
    corrections: list[Correction]
    beads: list[Bead]
    units: list[Unit]
    applied: Applied | None
    misses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # unit id -> its glossary misses

    sents: actions.Sentences | None = None
    _entries: list[tuple[tuple, QueueItem, bool]] | None = None

    def entries(self) -> list[tuple[tuple, QueueItem, bool]]:
        """Each bead's queue entry (rank key, item, reviewed), computed once per view."""
        if self._entries is None:
            out = []
            for pos, u in enumerate(self.units):
                ms = self.misses.get(u.id, [])
                out.append((rank_key(u, bool(ms)), QueueItem(u, pos, category(u.flags, bool(ms)), ms), is_reviewed(u)))
            self._entries = out
        return self._entries

    def sentences(self) -> actions.Sentences:
        """(id, text) of each side's sentences (the documents' own text: the anchors' text)."""
        if self.sents is None:
            self.sents = actions.Sentences([(s.id, s.text) for s in self.zh.segments()],
                                           [(s.id, s.text) for s in self.en.segments()] if self.en else [])
        return self.sents


@dataclass
class QueueItem:
    """A bead in the review queue."""

    unit: Unit
    position: int  # 0-based bead number in its document
    category: str
    misses: list[dict[str, Any]]


@dataclass
class QueuePage:
    """One page of the queue, with the counts the page shows."""

    items: list[QueueItem]
    page: int
    pages: int
    total: int  # beads matching the filters
    reviewed: int  # of all beads (in the document filter)
    left: int  # flagged beads not yet reviewed (in the document filter)
    beads: int


class ReviewProject:
    """A built corpus (``corpus/units.jsonl``, ``documents.jsonl``) and its corrections folder."""

    def __init__(self, corpus: Path, corrections: Path, glossary: Path | None = None,
                 realign_factory: Callable[[Document, Document], Realign] | None = None) -> None:
        self.corpus = Path(corpus)
        self.store = CorrectionsStore(corrections)
        self.realign_factory = realign_factory
        self._lock = threading.RLock()
        units_path, docs_path = self.corpus / "units.jsonl", self.corpus / "documents.jsonl"
        for p in (units_path, docs_path):
            if not p.is_file():
                raise InputError(p, "not found: build the corpus first (corpus build)")
        self.glossary_path = Path(glossary) if glossary is not None else None
        self.glossary = None
        self.matcher = None
        if glossary is not None and Path(glossary).is_file():
            from ..glossary import TermMatcher, load_glossary

            self.glossary = load_glossary(glossary)
            self.matcher = TermMatcher(self.glossary)
        self.docs: dict[str, tuple[Document, Document | None]] = {}
        zh_docs: dict[str, Document] = {}
        en_docs: dict[str, Document] = {}
        for d in JsonlRecords(docs_path, Document.from_dict, "document"):
            (zh_docs if d.lang == "zh" else en_docs)[d.pair_id] = d
        self.order = list(zh_docs)
        self.docs = {k: (zh_docs[k], en_docs.get(k)) for k in self.order}
        built: dict[str, list[Unit]] = {k: [] for k in self.order}
        for u in JsonlRecords(units_path, Unit.from_dict, "unit"):
            if u.doc_id not in built:
                raise InputError(units_path, f"unit {u.id} belongs to document {u.doc_id!r}, not in documents.jsonl")
            built[u.doc_id].append(u)
        self.built = built
        self.views: dict[str, DocView] = {}
        self._gloss: dict[str, dict[tuple, tuple[list[str], list[dict[str, Any]]]]] = {}
        self._base: dict[str, list[Bead]] = {}  # the aligner's beads of each document
        self._memo: dict[str, dict[Bead, Unit]] = {}  # bead -> unit, per document
        for k in self.order:
            self.views[k] = self._view(k)

    # -- views -----------------------------------------------------------------------------
    def _realign(self, zh: Document, en: Document) -> Realign:
        if self.realign_factory is None:
            self.realign_factory = default_realign_factory(self.glossary_path)
        return self.realign_factory(zh, en)

    def _view(self, doc: str, corr: DocCorrections | None = None) -> DocView:
        zh, en = self.docs[doc]
        corr = corr if corr is not None else self.store.load(doc)
        units = self.built[doc]
        applied = None
        reviewed_before = bool((zh.review or {}).get("aligned"))
        if corr.items or reviewed_before:
            if doc not in self._base:
                self._base[doc] = original_beads(units, zh, en)
            lazy = _LazyRealign(lambda: self._realign(zh, en)) if en is not None else _no_realign
            got = corrected_units(zh, en, self._base[doc], corr.items, lazy, self._memo.setdefault(doc, {}))
            units, applied = got.units, got.applied
            beads = got.beads
            misses = self._glossary_info(doc, units, annotate=True)
        else:
            zpos = {s.id: i for i, s in enumerate(zh.segments())}
            epos = {s.id: j for j, s in enumerate(en.segments())} if en else {}
            beads = [Bead(tuple(zpos[i] for i in u.zh_ids), tuple(epos[j] for j in u.en_ids), u.score, tuple(u.flags))
                     for u in units]
            misses = self._glossary_info(doc, units, annotate=False)
        old = self.views.get(doc)
        return DocView(doc, zh, en, corr.version, list(corr.items), beads, units, applied, misses,
                       sents=old.sents if old is not None else None)

    def _glossary_info(self, doc: str, units: list[Unit], annotate: bool) -> dict[str, list[dict[str, Any]]]:
        """Each unit's glossary misses (and, for units the corrections made, its terms, as the
        build's glossary step sets them); units seen before in this document reuse their result,
        so an action on a long document re-checks only the beads it changed."""
        if self.glossary is None:
            return {}
        from ..glossary import annotate_units, check_units

        cache = self._gloss.setdefault(doc, {})

        def key(u: Unit) -> tuple:
            return (tuple(u.zh_ids), tuple(u.en_ids), u.zh, u.en)
        todo = [u for u in units if key(u) not in cache]
        if todo:
            if annotate:
                todo = list(annotate_units(todo, self.matcher))
            found: dict[str, list[dict[str, Any]]] = {}
            for m in check_units(todo, self.glossary, self.matcher).misses:
                found.setdefault(m.unit_id, []).append(m.to_dict())
            for u in todo:
                cache[key(u)] = (list(u.terms), found.get(u.id, []))
        misses: dict[str, list[dict[str, Any]]] = {}
        for u in units:
            terms, ms = cache[key(u)]
            if annotate:
                u.terms = list(terms)
            if ms:
                misses[u.id] = [{**m, "unit": u.id} for m in ms]
        return misses

    def view(self, doc: str) -> DocView:
        """The document as the reviewer sees it now (re-read when its corrections file changed)."""
        if doc not in self.docs:
            raise InputError(None, f"no document {doc!r} in {self.corpus}/documents.jsonl")
        with self._lock:
            current = self.store.load(doc)
            v = self.views[doc]
            if current.version != v.version:
                v = self.views[doc] = self._view(doc, current)
            return v

    # -- queue -----------------------------------------------------------------------------
    def queue(self, doc: str | None = None, flag: str | None = None, page: int = 1,
              per_page: int = PER_PAGE, show_reviewed: bool = False) -> QueuePage:
        """The beads to review, worst first (see :mod:`zhcorpus.review.rank`), one page of them."""
        docs = [doc] if doc else self.order
        items: list[tuple[tuple, QueueItem]] = []
        reviewed = left = beads = 0
        for d in docs:
            v = self.view(d)
            entries = v.entries()
            beads += len(entries)
            for key, item, rev in entries:
                reviewed += rev
                left += (not rev and item.category != "other")
                if rev and not show_reviewed:
                    continue
                if flag and flag != item.category and flag not in item.unit.flags:
                    continue
                items.append((key, item))
        items.sort(key=lambda t: t[0])
        pages = max(1, -(-len(items) // per_page))
        page = min(max(1, page), pages)
        chunk = [it for _, it in items[(page - 1) * per_page: page * per_page]]
        return QueuePage(chunk, page, pages, len(items), reviewed, left, beads)

    def locate(self, unit_id: str) -> tuple[str, int]:
        """(document, 0-based bead position) of a unit id ``<doc>/<n>``."""
        doc, _, n = unit_id.rpartition("/")
        if doc not in self.docs or not n.isdigit() or not 1 <= int(n) <= len(self.view(doc).units):
            raise InputError(None, f"no unit {unit_id!r} in this corpus")
        return doc, int(n) - 1

    # -- actions ---------------------------------------------------------------------------
    def act(self, doc: str, version: int, action: str, params: dict[str, Any]) -> DocView:
        """Do *action* on *doc* if its corrections are still at *version* (else VersionConflict)."""
        with self._lock:
            v = self.view(doc)
            current = self.store.load(doc)
            if action == "undo":
                items = actions.undo(current.items)
            else:
                new = actions.plan(action, v.beads, v.sentences(), current.last_action + 1, params)
                items = [*current.items, *new]
            self.store.save(doc, items, version)
            return self.view(doc)

    def import_corrections(self, doc: str, new: Sequence[Correction]) -> DocView:
        """Append corrections made elsewhere (the review sheet) as one action."""
        with self._lock:
            current = self.store.load(doc)
            n = current.last_action + 1
            items = [*current.items, *(_renumber(c, n) for c in new)]
            self.store.save(doc, items, current.version)
            return self.view(doc)

    def filters(self) -> tuple[list[str], tuple[str, ...]]:
        """The documents and the flags/categories the queue can be filtered by."""
        return self.order, CATEGORIES[:-1]


def _renumber(c: Correction, n: int) -> Correction:
    from dataclasses import replace

    return replace(c, n=n)


class _LazyRealign:
    """Makes the real aligner only when a span actually needs re-aligning (rare in the app)."""

    def __init__(self, make: Callable[[], Realign]) -> None:
        self.make = make
        self.fn: Realign | None = None

    def __call__(self, zi: Sequence[int], ei: Sequence[int]) -> Sequence[Bead]:
        if self.fn is None:
            self.fn = self.make()
        return self.fn(zi, ei)


def _no_realign(zi: Sequence[int], ei: Sequence[int]) -> Sequence[Bead]:
    raise AssertionError("a document without translation has nothing to re-align")


def default_realign_factory(glossary: Path | None = None, root: Path = Path(".")) -> Callable[[Document, Document], Realign]:
    """Re-align as the build does: the project's ``[align]`` settings and glossary dictionary."""
    from ..build.options import make_options
    from ..steps import AlignStep
    from ..steps.base import StepContext
    from .step import make_realign

    opts = make_options({}, root)
    step = AlignStep(opts.steps["align"], StepContext(glossary=glossary or opts.glossary_path))

    def factory(zh: Document, en: Document) -> Realign:
        return make_realign(step.aligner, zh.segments(), en.segments(), step.extra_dictionary())
    return factory
