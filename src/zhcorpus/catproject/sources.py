"""What goes into a CAT project's ``source/`` and its segmentation rules.

* The documents as the corpus holds them: cleaned, repaired, in the pair's variant, one paragraph
  a line — so the tool's paragraphs are the corpus's paragraphs.
* The segmentation rules: the project's own sentence rules (:func:`zhcorpus.tmx.srx.project_rules`)
  plus, for each aligned bead whose Chinese side is several sentences (2-1, 2-2, 3-1 …), a no-break
  exception at each of its inner sentence ends, keyed to the text on both sides. The translation
  was made (and the memory holds it) for those sentences together, so the tool shows them as one
  segment and the memory matches it exactly; no translation unit is invented or split.
* The raw documents (optional): the source files as received (rebuilt from the cleaning log, so
  byte for byte the seeds), with what a CAT tool can do of the cleaning: a list marker at a line
  start becomes a segment of its own (a break rule), leading and trailing whitespace is trimmed
  by the tool. Boilerplate lines, stray spaces, broken lines, punctuation width and the 壹 repair
  cannot be expressed as tool settings and stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..clean import restore
from ..model import Document, Unit
from ..tmx.langs import Lang
from ..tmx.records import FALLBACK_KEY
from ..tmx.srx import SrxRule

CONTEXT = 30  # characters of each side of a sentence end an exception is keyed to
# The list markers clean.LIST_MARKER removes, as a break rule (Java and Python regex alike).
RAW_LIST_MARKER = SrxRule(True, r"^[ \t\u3000]*(?:- ◆ |- ◇ |◆ |◇ |• |● |- |\* )", r"\S")


class MissingVariant(ValueError):
    """A document has no text in the variant the project needs (the variants stage did not run),
    or a unit names a segment its document does not have."""


def _literal(text: str) -> str:
    """*text* as a regex matching itself in Java and Python: every ASCII non-alphanumeric escaped."""
    return "".join("\\" + c if c.isascii() and not c.isalnum() and c not in " _" else c for c in text)


def segment_text(doc: Document, key: str, para: int, seg: int) -> str:
    """The text of one segment in variant *key* (``zh-Hans``, ``zh-TW`` …)."""
    s = doc.paragraphs[para].segments[seg]
    variants = s.variants if s.variants is not None else (s.meta or {}).get("variants")
    if variants and key in variants:
        return variants[key]
    if not variants and FALLBACK_KEY.get(doc.script or "Hans") == key:
        return s.text
    raise MissingVariant(f"document {doc.id} has no {key} text for segment {s.id}")


def paragraphs(doc: Document, lang: Lang) -> list[str]:
    """The document's paragraphs in the language's variant, each as one line of text."""
    out = []
    for p_i, p in enumerate(doc.paragraphs):
        parts = [segment_text(doc, lang.key, p_i, s_i) + s.space_after
                 for s_i, s in enumerate(p.segments)]
        out.append("".join(parts).replace("\n", " "))
    return out


def document_file(doc: Document, lang: Lang) -> str:
    """The source file of a cleaned document: one paragraph a line, LF, a final newline."""
    return "".join(line + "\n" for line in paragraphs(doc, lang))


def raw_file(doc: Document) -> str:
    """The document's source text as received (the cleaning undone), LF line ends."""
    text = restore(doc.text, doc.edits)
    return text if text.endswith("\n") else text + "\n"


def bead_exceptions(docs: dict[str, Document], units: Iterable[Unit], lang: Lang) -> tuple[list[SrxRule], int]:
    """No-break rules keeping each aligned multi-sentence Chinese side together, in document
    order without repeats, and the number of beads they cover."""
    rules: dict[SrxRule, None] = {}
    beads = 0
    for u in units:
        if len(u.zh_ids) < 2 or not u.en_ids:
            continue
        doc = docs.get(u.doc_id)
        if doc is None:
            continue
        where = {s.id: (p_i, s_i) for p_i, p in enumerate(doc.paragraphs) for s_i, s in enumerate(p.segments)
                 if s.id in u.zh_ids}
        missing = [sid for sid in u.zh_ids if sid not in where]
        if missing:
            raise MissingVariant(f"unit {u.id} names segment {missing[0]}, which document {doc.id} does not have "
                                 "(documents and units from different builds?)")
        texts = []
        for sid in u.zh_ids:
            p_i, s_i = where[sid]
            seg = doc.paragraphs[p_i].segments[s_i]
            texts.append((segment_text(doc, lang.key, p_i, s_i), seg.space_after))
        beads += 1
        for (a, space), (b, _) in zip(texts, texts[1:], strict=False):
            rules[SrxRule(False, _literal(a[-CONTEXT:]) + _literal(space), _literal(b[:CONTEXT]))] = None
    return list(rules), beads


def chinese_documents(documents: Iterable[Document]) -> dict[str, Document]:
    """The Chinese documents by pair id (``000``), in input order."""
    return {d.pair_id: d for d in documents if d.lang == "zh"}


def raw_fits(doc: Document, lang: Lang) -> bool:
    """Whether the document as received is written in the project's variant (Simplified for
    zh-CN, Traditional of the Taiwan or Hong Kong standard for zh-TW / zh-HK); the raw files of
    another script would match nothing in the memory."""
    region = (doc.script_detection or {}).get("region")
    if lang.key == "zh-Hans":
        return doc.script == "Hans"
    return doc.script == "Hant" and region in (lang.key, None if lang.key == "zh-TW" else lang.key)


def paragraph_lines(text: str) -> list[str]:
    """The non-empty lines of a source file (what OmegaT's text filter makes paragraphs of)."""
    return [line for line in re.split(r"\r\n|\n|\r", text) if line.strip()]
