"""The data model passed between stages: Document -> Paragraph -> Segment, plus cleaning edits.

Ids are stable and human-readable: a document is ``<pair>.<lang>`` (``000.zh``), a paragraph
``<doc>/<para>`` (``000.zh/3``) and a segment ``<doc>/<para>/<sent>`` (``000.zh/3/2``), all
1-based, so the same input always gives the same ids.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, TypedDict

from .shapes import check_document, check_unit


@dataclass(slots=True)
class Edit:
    """One change made by a cleaning rule: what, where, before and after (nothing lost silently)."""

    rule: str
    start: int  # offset in the text the rule's pass received
    end: int
    before: str
    after: str
    pass_no: int = 0  # which cleaning pass made it (edits are undone in reverse pass order)
    line: int = 0  # 1-based line of the change in the decoded source
    col: int = 0  # 1-based column there

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"rule": self.rule, "start": self.start, "end": self.end, "before": self.before, "after": self.after,
                "pass_no": self.pass_no, "line": self.line, "col": self.col}


_EDIT_NUMBERS = struct.Struct("=qqqqq")  # start, end, pass_no, line, col of one edit, as machine integers


@dataclass(slots=True)
class EditLog:
    """A document's cleaning edits, kept compactly: a list of :class:`Edit` in use (iterate, index,
    ``len``, ``append``), but stored by column (each edit's numbers packed in ``numbers``), since a
    large document has hundreds of thousands of edits and an Edit with its ints is about 190 bytes."""

    rules: list[str] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    numbers: bytearray = field(default_factory=bytearray)

    @classmethod
    def of(cls, edits: Iterable[Edit]) -> EditLog:
        """A log holding *edits*, in order."""
        log = cls()
        for e in edits:
            log.append(e)
        return log

    def add(self, rule: str, start: int, end: int, before: str, after: str, pass_no: int, line: int,
            col: int) -> None:
        """Record one edit (as :meth:`append` does, without making an Edit first)."""
        self.rules.append(rule)
        self.before.append(before)
        self.after.append(after)
        self.numbers += _EDIT_NUMBERS.pack(start, end, pass_no, line, col)

    def append(self, e: Edit) -> None:
        """Record the edit *e*."""
        self.add(e.rule, e.start, e.end, e.before, e.after, e.pass_no, e.line, e.col)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Edit]:
        for rule, before, after, (start, end, pass_no, line, col) in zip(
                self.rules, self.before, self.after, _EDIT_NUMBERS.iter_unpack(self.numbers), strict=True):
            yield Edit(rule, start, end, before, after, pass_no, line, col)

    def __getitem__(self, i: int) -> Edit:
        i = range(len(self.rules))[i]  # negative indexes, and IndexError when out of range
        start, end, pass_no, line, col = _EDIT_NUMBERS.unpack_from(self.numbers, i * _EDIT_NUMBERS.size)
        return Edit(self.rules[i], start, end, self.before[i], self.after[i], pass_no, line, col)


@dataclass(slots=True)
class Segment:
    """A sentence (or heading) with its offsets in the cleaned document text."""

    id: str
    text: str
    start: int
    end: int
    space_after: str = ""  # whitespace between this segment and the next one in the paragraph
    # other facts about the segment (the glossary's "terms"); None while there are none, since
    # a large document has hundreds of thousands of segments and an empty dict is 64 bytes
    meta: dict[str, Any] | None = None
    paragraph: int = 0  # the index of its paragraph (1-based): structure, not written to JSON
    # written by the variants step, read by the later ones (in the JSON record they stay in "meta")
    variants: dict[str, str] | None = None  # the segment in zh-Hans, zh-Hant, zh-TW, zh-HK
    script: str | None = None  # Hans, Hant or mixed
    script_confidence: float | None = None
    tw_phrases: list[list[str]] | None = None  # [mainland, Taiwan] phrases applied for zh-TW
    hk_phrases: list[list[str]] | None = None  # [mainland, Hong Kong] phrases applied for zh-HK
    original: str | None = None  # the text before the repairs (壹-for-一, converter errors)
    repairs: list[dict[str, Any]] | None = None  # the repairs made in this segment

    TYPED_META: ClassVar[tuple[str, ...]] = ("variants", "script", "script_confidence", "tw_phrases", "hk_phrases",
                                             "original", "repairs")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the typed fields go into ``meta``, as they always have)."""
        meta = self.meta if self.meta is not None else {}
        typed = {k: v for k in self.TYPED_META if (v := getattr(self, k)) is not None}
        if typed:
            meta = {**meta, **typed}
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end,
                "space_after": self.space_after, "meta": meta}

    @classmethod
    def from_dict(cls, d: dict[str, Any], paragraph: int = 0) -> Segment:
        """Rebuild from :meth:`to_dict` output (*paragraph*: its paragraph's index)."""
        meta = dict(d.get("meta") or {})
        typed = {k: meta.pop(k) for k in cls.TYPED_META if k in meta}
        return cls(id=d["id"], text=d["text"], start=d["start"], end=d["end"], space_after=d.get("space_after", ""),
                   meta=meta or None, paragraph=paragraph, **typed)


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the cleaned document; ``kind`` is ``body`` or ``heading``.

    Its text is not stored but joined from its segments (:attr:`text`): the segments hold every
    character of it (the no-loss invariant), and a second copy would be most of a document's size.
    """

    id: str
    index: int
    start: int
    end: int
    kind: str = "body"
    segments: list[Segment] = field(default_factory=list)

    def joined(self) -> str:
        """The segments joined back, with the whitespace between them."""
        return "".join(s.text + s.space_after for s in self.segments)

    @property
    def text(self) -> str:
        """The paragraph's text: its segments joined, with the whitespace between them."""
        return self.joined()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"id": self.id, "index": self.index, "text": self.text, "start": self.start, "end": self.end,
                "kind": self.kind, "segments": [s.to_dict() for s in self.segments]}


class ScriptDetection(TypedDict, total=False):
    """What the variants step found out about a Chinese document's script and region."""

    declared: str | None  # the manifest's script
    script: str  # Hans, Hant or mixed
    confidence: float
    hans_chars: int
    hant_chars: int
    segments: dict[str, int]  # segments per detected script
    region: str | None  # zh-TW or zh-HK when the Traditional text was told apart
    region_distances: dict[str, Any] | None
    mixed_segments: list[str]


class VariantsSummary(TypedDict, total=False):
    """How the variants step converted a document: backend, routes and the phrases applied."""

    backend: str
    routes: dict[str, int]
    length_mismatches: list[dict[str, Any]]
    tw_phrases: dict[str, int]
    hk_phrases: dict[str, int]
    opencc_fixes: dict[str, int]
    quotes: bool


class RoundTripRecord(TypedDict, total=False):
    """The script round trip of a document (``zhcorpus.variants.RoundTrip.to_dict``)."""

    doc: str
    script: str
    forward: str
    back: str
    chars: int
    changed: int
    changes: list[dict[str, Any]]
    by_kind: dict[str, int]
    skipped: list[Any]


class RepairRecord(TypedDict):
    """One character repaired by the variants step (壹-for-一, a converter error)."""

    rule: str
    position: int
    segment: str | None
    before: str
    after: str
    line: int
    col: int


class ReviewRecord(TypedDict):
    """What the corrections step did with a document's review file."""

    file: str
    applied: list[int]
    stale: list[dict[str, Any]]
    superseded: list[int]
    aligned: list[dict[str, Any]]  # the aligner's beads that corrections replaced


@dataclass(slots=True)
class Document:
    """A cleaned, segmented document: paragraphs joined by a newline give :attr:`text`.

    The text is joined when asked for, not stored: the segments hold every character of it, and a
    stored copy was the largest part of a document's memory (an English text with one "—" is two
    bytes a character). Only a copy made without the paragraphs (:meth:`detached`) keeps it.
    """

    id: str
    lang: str  # "zh" or "en"
    paragraphs: list[Paragraph] = field(default_factory=list)
    script: str | None = None  # "Hans", "Hant" or "mixed" for Chinese
    meta: dict[str, Any] = field(default_factory=dict)  # provenance: manifest fields, encoding, cleaning counts
    edits: EditLog = field(default_factory=EditLog)
    # written by later steps and read by others (in the JSON record they stay in "meta", under TYPED_META's keys)
    script_detection: ScriptDetection | None = None
    variants_summary: VariantsSummary | None = None
    round_trip: RoundTripRecord | None = None
    repairs: list[RepairRecord] | None = None
    review: ReviewRecord | None = None
    detached_text: str | None = None  # the text of a copy made by :meth:`detached`; None: joined

    TYPED_META: ClassVar[dict[str, str]] = {"script_detection": "script_detection", "variants_summary": "variants",
                                            "round_trip": "round_trip", "repairs": "repairs", "review": "review"}

    @property
    def pair_id(self) -> str:
        """The id shared by a document and its translation (``000`` for ``000.zh``)."""
        return self.id.rsplit(".", 1)[0]

    @property
    def text(self) -> str:
        """The document's text: its paragraphs joined by a newline (joined at each call)."""
        if self.detached_text is not None:
            return self.detached_text
        return "".join(self._pieces())

    def _pieces(self) -> Iterator[str]:
        """The texts making up :attr:`text`: segments, the whitespace after them, newlines."""
        for i, p in enumerate(self.paragraphs):
            if i:
                yield "\n"
            for s in p.segments:
                yield s.text
                if s.space_after:
                    yield s.space_after

    def detached(self) -> Document:
        """A copy without the paragraphs that keeps the text (for exports that need only the text)."""
        return replace(self, paragraphs=[], detached_text=self.text)

    def segments(self) -> list[Segment]:
        """All segments in document order."""
        return [s for p in self.paragraphs for s in p.segments]

    def record_meta(self) -> dict[str, Any]:
        """``meta`` as the JSON record holds it: provenance plus the typed fields set by the steps."""
        typed = {key: v for attr, key in self.TYPED_META.items() if (v := getattr(self, attr)) is not None}
        return {**self.meta, **typed} if typed else self.meta

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the corpus JSONL record)."""
        return {
            "id": self.id,
            "lang": self.lang,
            "script": self.script,
            "meta": self.record_meta(),
            "text": self.text,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "edits": [e.to_dict() for e in self.edits],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """Rebuild a document from :meth:`to_dict` output (TypeError naming the field if malformed)."""
        check_document(d)
        paras = []
        for p in d["paragraphs"]:
            para = Paragraph(id=p["id"], index=p["index"], start=p["start"], end=p["end"], kind=p.get("kind", "body"),
                             segments=[Segment.from_dict(s, p["index"]) for s in p["segments"]])
            if para.joined() != p["text"]:  # the text is derived from the segments: it must be theirs
                raise TypeError(f"document record: paragraph {p['id']}: text is not its segments joined")
            paras.append(para)
        meta = dict(d.get("meta") or {})
        typed = {attr: meta.pop(key) for attr, key in cls.TYPED_META.items() if key in meta}
        doc = cls(id=d["id"], lang=d["lang"], paragraphs=paras, script=d.get("script"), meta=meta,
                  edits=EditLog.of(Edit(**e) for e in d.get("edits", [])), **typed)
        if doc.text != d["text"]:  # the text is derived from the paragraphs: it must be theirs
            raise TypeError(f"document record {d['id']}: text is not its paragraphs joined by newlines")
        return doc


VARIANT_TAGS = ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")


@dataclass
class Unit:
    """A translation unit: one alignment bead between a Chinese and an English document.

    ``zh``/``en`` are the joined segment texts (with the whitespace between them); a bead with an
    empty side (``1-0``/``0-1``) is kept with a flag saying why, so no sentence is ever lost.
    ``variants`` holds the Chinese side in each script and regional standard.
    """

    id: str  # "<pair>/<n>", 1-based in document order
    doc_id: str
    zh_ids: list[str]
    en_ids: list[str]
    zh: str
    en: str
    score: float
    paragraph: int | None = None  # Chinese paragraph index
    flags: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    variants: dict[str, str] = field(default_factory=dict)

    @property
    def bead(self) -> str:
        """The bead type, ``<zh count>-<en count>`` (``1-2``)."""
        return f"{len(self.zh_ids)}-{len(self.en_ids)}"

    @property
    def aligned(self) -> bool:
        """Whether both sides have text (only such units go into a TMX or dataset)."""
        return bool(self.zh_ids) and bool(self.en_ids)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the corpus/units.jsonl record)."""
        return {"id": self.id, "doc_id": self.doc_id, "zh_ids": list(self.zh_ids), "en_ids": list(self.en_ids),
                "zh": self.zh, "en": self.en, "score": self.score, "paragraph": self.paragraph,
                "flags": list(self.flags), "terms": list(self.terms), "variants": dict(self.variants),
                "bead": self.bead}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Unit:
        """Rebuild from :meth:`to_dict` output (TypeError naming the field if malformed)."""
        check_unit(d)
        return cls(**{k: v for k, v in d.items() if k != "bead"})
