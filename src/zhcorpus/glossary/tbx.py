"""TBX exports of the glossary, written streaming with lxml.etree.xmlfile:

* TBX-Basic 2008 (``<martif type="TBX-Basic">``, no namespace): what OmegaT, translate-toolkit and
  most CAT tools read; valid against TBXBasicRNGV02.rng.
* TBX v3 (ISO 30042:2019, TBX-Basic dialect, DCA style, ``urn:iso:std:iso:30042:ed-2``): valid
  against TBXcoreStructV03.rng and keeping to the TBX-Basic data categories.

One concept is one entry with a language section per script: ``zh-Hans`` (the Simplified term,
then Simplified variants), ``zh-Hant`` (the Traditional term and variants), ``zh-TW`` (only where
Taiwan usage differs) and ``en`` (the preferred rendering, then the accepted ones). Preferred
terms are ``preferredTerm-admn-sts``, the others ``admittedTerm-admn-sts``; variants carry
``termType variant`` (set phrases, part of speech ``other``, carry ``termType phrase``). The definition is on the English section, the subject field and notes on
the entry, the source of the English rendering on the preferred English term. No dates or other
run-dependent data: the same glossary gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ..atomic import atomic_write
from .model import Concept, Glossary
from .scripts import HANS, HANT, forms_in_script

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "xml:lang"  # lxml's xmlfile writes the literal name right (the {ns}lang form wrongly)
LANG_HANS, LANG_HANT, LANG_TW, LANG_EN = "zh-Hans", "zh-Hant", "zh-TW", "en"
TITLE = "zhcorpus policy-term glossary: Chinese poverty-alleviation policy (zh-Hans, zh-Hant, zh-TW, en)"
LICENSE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
# xml-model processing instructions that point TBX v3 tools at the schemas of the dialect.
_XML_MODELS = [
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" '
    'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" '
    'type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
]


@dataclass(frozen=True)
class _Term:
    text: str
    status: str  # preferredTerm-admn-sts / admittedTerm-admn-sts
    variant: bool = False
    source: str = ""


def _lang_sections(c: Concept, langs: frozenset[str] | None = None) -> list[tuple[str, list[_Term]]]:
    """The concept's language sections, each with its terms in order, no duplicates (only the
    sections of *langs*, e.g. ``{"zh-Hans", "en"}`` for one language pair, when given)."""
    out: list[tuple[str, list[_Term]]] = []
    for lang, script in ((LANG_HANS, HANS), (LANG_HANT, HANT)):
        forms = forms_in_script(c, script)
        out.append((lang, [_Term(forms[0], "preferredTerm-admn-sts")]
                    + [_Term(f, "admittedTerm-admn-sts", variant=True) for f in forms[1:]]))
    if c.zh_tw and c.zh_tw != c.zh_hant:
        out.append((LANG_TW, [_Term(c.zh_tw, "preferredTerm-admn-sts"),
                              _Term(c.zh_hant, "admittedTerm-admn-sts", variant=True)]))
    source = ", ".join(x for x in (c.source, c.source_date) if x)
    out.append((LANG_EN, [_Term(c.en, "preferredTerm-admn-sts", source=source)]
                + [_Term(a, "admittedTerm-admn-sts") for a in c.en_alt if a != c.en]))
    return [sec for sec in out if langs is None or sec[0] in langs]


def _entry_notes(c: Concept) -> list[str]:
    notes = [f"Concept {c.id}."]
    if c.status == "added":
        notes.append("Added for completeness: does not occur in the zhcorpus seed texts.")
    if c.notes:
        notes.append(c.notes)
    return [" ".join(notes)]


class _Writer:
    """Small helpers over an lxml incremental writer, for one of the two TBX flavours."""

    def __init__(self, xf: Any, v3: bool) -> None:
        self.xf = xf
        self.v3 = v3
        self.ns = f"{{{TBX3_NS}}}" if v3 else ""

    @contextmanager
    def el(self, tag: str, **attrs: str) -> Iterator[None]:
        with self.xf.element(self.ns + tag, attrs):
            yield

    def leaf(self, tag: str, text: str, **attrs: str) -> None:
        with self.xf.element(self.ns + tag, attrs):
            self.xf.write(text)

    def pos(self, c: Concept) -> str:
        # TBX-Basic v3 has no properNoun value for partOfSpeech; 2008 does.
        return "noun" if self.v3 and c.pos == "properNoun" else c.pos


def _write_entry(w: _Writer, c: Concept, langs: frozenset[str] | None = None) -> None:
    entry, section, term_group = (("conceptEntry", "langSec", "termSec") if w.v3
                                  else ("termEntry", "langSet", "tig"))
    with w.el(entry, id=c.id):
        if c.domain:
            w.leaf("descrip", c.domain, type="subjectField")
        for note in _entry_notes(c):
            w.leaf("note", note)
        for lang, terms in _lang_sections(c, langs):
            with w.el(section, **{XML_LANG: lang}):
                if lang == LANG_EN and c.definition:
                    w.leaf("descrip", c.definition, type="definition")
                for t in terms:
                    with w.el(term_group):
                        w.leaf("term", t.text)
                        w.leaf("termNote", w.pos(c), type="partOfSpeech")
                        if c.pos == "other":  # set phrases and slogans
                            w.leaf("termNote", "phrase", type="termType")
                        elif t.variant:
                            w.leaf("termNote", "variant", type="termType")
                        w.leaf("termNote", t.status, type="administrativeStatus")
                        if t.source:
                            w.leaf("admin", t.source, type="source")


def _write(path: Path, glossary: Glossary, v3: bool, langs: frozenset[str] | None = None) -> None:
    with atomic_write(path, "wb") as fh, etree.xmlfile(fh, encoding="UTF-8") as xf:
        xf.write_declaration()
        if v3:
            for pi in _XML_MODELS:
                xf.write(etree.ProcessingInstruction("xml-model", pi))
        w = _Writer(xf, v3)
        if v3:
            root_ctx = xf.element(f"{{{TBX3_NS}}}tbx", {"type": "TBX-Basic", "style": "dca",
                                                       XML_LANG: LANG_EN}, nsmap={None: TBX3_NS})
        else:
            root_ctx = xf.element("martif", {"type": "TBX-Basic", XML_LANG: LANG_EN})
        with root_ctx:
            xf.write("\n")
            with w.el("tbxHeader" if v3 else "martifHeader"):
                with w.el("fileDesc"):
                    if v3:  # v3 puts publicationStmt before titleStmt
                        with w.el("publicationStmt"):
                            w.leaf("p", LICENSE)
                    with w.el("titleStmt"):
                        w.leaf("title", TITLE)
                    if not v3:
                        with w.el("publicationStmt"):
                            w.leaf("p", LICENSE)
                    with w.el("sourceDesc"):
                        src = glossary.path.name if glossary.path else "the zhcorpus glossary"
                        w.leaf("p", f"Exported by zhcorpus from {src}: {len(glossary)} concepts.")
                if not v3:
                    with w.el("encodingDesc"):
                        w.leaf("p", "TBXBasicXCSV02.xcs", type="XCSURI")
            xf.write("\n")
            with w.el("text"), w.el("body"):
                xf.write("\n")
                for c in glossary:  # one entry per line: reviewable diffs
                    _write_entry(w, c, langs)
                    xf.write("\n")


def write_tbx_basic(glossary: Glossary, path: str | Path, langs: frozenset[str] | None = None) -> Path:
    """Write TBX-Basic 2008 (``<martif>``), atomically (only the language sections *langs*, when
    given); returns the path."""
    path = Path(path)
    _write(path, glossary, v3=False, langs=langs)
    return path


def write_tbx_v3(glossary: Glossary, path: str | Path, langs: frozenset[str] | None = None) -> Path:
    """Write TBX v3 (ISO 30042:2019, TBX-Basic dialect, DCA style), atomically (only the language
    sections *langs*, when given); returns the path."""
    path = Path(path)
    _write(path, glossary, v3=True, langs=langs)
    return path
