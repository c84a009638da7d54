"""``corpus tmx validate``: the TMX 1.4b DTD plus the checks that decide whether CAT tools import a
file whole: language codes, header, empty or padded segments, illegal characters, dates,
duplicate tuids, reserved props, one language pair per file.

The file is read as a stream; TUs are DTD-validated in chunks, so any size fits in bounded memory.
"""

from __future__ import annotations

import codecs
import copy
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from hashlib import blake2b
from importlib import resources
from pathlib import Path

import numpy as np
from lxml import etree

from ..errors import InputError
from .langs import is_valid_tag
from .reader import XML_LANG, open_tmx_bytes, refuse_entities, safe_iterparse, syntax_error
from .text import LONG_SEGMENT, TMX_DATE

CHUNK = 2000  # TUs validated against the DTD at a time
KEEP_PER_CODE = 20  # issues kept per code (all are counted)
OMEGAT_RESERVED_PROPS = frozenset({"file", "id", "prev", "next", "path", "x-ice", "x-100pc", "x-auto"})
DATE_ATTRS = ("creationdate", "changedate", "lastusagedate")
_DECL_ENCODING = re.compile(r"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


@dataclass(frozen=True)
class Issue:
    """One finding: ``error`` (a CAT tool rejects or loses data) or ``warning``."""

    level: str
    code: str
    message: str
    line: int | None = None

    def render(self, path: str) -> str:
        """``path:line: level [code] message``."""
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.level} [{self.code}] {self.message}"


@dataclass
class ValidationReport:
    """All findings for one file; ``ok`` when there is no error."""

    path: Path
    issues: list[Issue] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # (level, code) -> occurrences
    tus: int = 0
    langs: Counter = field(default_factory=Counter)
    srclang: str | None = None
    version: str | None = None

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not any(level == "error" for level, _ in self.counts)

    @property
    def errors(self) -> int:
        """Number of errors found."""
        return sum(n for (level, _), n in self.counts.items() if level == "error")

    @property
    def warnings(self) -> int:
        """Number of warnings found."""
        return sum(n for (level, _), n in self.counts.items() if level == "warning")

    def add(self, level: str, code: str, message: str, line: int | None = None) -> None:
        """Record a finding (only the first few of each code are kept, all are counted)."""
        self.counts[(level, code)] += 1
        if self.counts[(level, code)] <= KEEP_PER_CODE:
            self.issues.append(Issue(level, code, message, line))


def load_dtd() -> etree.DTD:
    """The TMX 1.4b DTD shipped with the package."""
    with resources.files("zhcorpus").joinpath("data/tmx14.dtd").open("rb") as fh:
        return etree.DTD(fh)


def _check_encoding(head: bytes, rep: ValidationReport) -> None:
    """UTF-16 bytes with a UTF-8 declaration (or the reverse) make OmegaT reject the file."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        actual = "UTF-16"
        text = head.decode("utf-16", errors="replace")
    elif head.startswith(b"\x00<") or head.startswith(b"<\x00"):
        actual = "UTF-16"
        text = head.decode("utf-16-be" if head[0] == 0 else "utf-16-le", errors="replace")
    else:
        actual = "UTF-8"
        text = head.decode("utf-8", errors="replace")
    decl = text.split("?>", 1)[0] if text.lstrip("\ufeff").startswith("<?xml") else ""
    m = _DECL_ENCODING.search(decl)
    if not m:
        return
    declared = m.group(1).upper().replace("_", "-")
    family = "UTF-8" if declared in ("UTF-8", "UTF8") else "UTF-16" if declared.startswith("UTF-16") else None
    if family is None:
        rep.add("warning", "encoding", f"declared encoding {declared}: CAT tools expect UTF-8 (or UTF-16 with a BOM)", 1)
    elif family != actual:
        rep.add("error", "encoding", f"the bytes are {actual} but the declaration says {declared} "
                "(OmegaT rejects the whole file)", 1)


def _check_dates(el: etree._Element, rep: ValidationReport) -> None:
    for attr in DATE_ATTRS:
        value = el.get(attr)
        if value is not None and not TMX_DATE.match(value):
            rep.add("warning", "date", f"<{el.tag} {attr}={value!r}>: not UTC YYYYMMDDThhmmssZ, OmegaT ignores it",
                    el.sourceline)


def _check_header(header: etree._Element, rep: ValidationReport) -> None:
    line = header.sourceline
    src = header.get("srclang")
    rep.srclang = src
    if src is None:
        rep.add("error", "srclang", "header has no srclang (OmegaT rejects the whole file)", line)
    elif src.lower() == "*all*":
        rep.add("error", "srclang", 'srclang="*all*": Trados refuses it, OmegaT only warns; name the source language',
                line)
    elif not is_valid_tag(src):
        rep.add("error", "lang-code", f"srclang {src!r} is not a language tag like zh-CN (OmegaT skips the units)", line)
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "datatype"):
        if header.get(attr) is None:
            rep.add("error", "header", f"header has no {attr}", line)
    if header.get("segtype") not in (None, "sentence"):
        rep.add("warning", "header", f'segtype="{header.get("segtype")}": CAT tools match sentences', line)
    _check_dates(header, rep)
    for prop in header.iter("prop"):
        if prop.get("type") in OMEGAT_RESERVED_PROPS:
            rep.add("warning", "prop-reserved", f'<prop type="{prop.get("type")}"> is reserved by OmegaT', prop.sourceline)


class _TuChecker:
    """The per-TU checks, with what they must remember across TUs (tuid digests)."""

    def __init__(self, rep: ValidationReport) -> None:
        self.rep = rep
        self.tuids = array("Q")

    def check(self, tu: etree._Element) -> None:
        rep = self.rep
        line = tu.sourceline
        tuid = tu.get("tuid")
        if tuid is not None:
            self.tuids.append(int.from_bytes(blake2b(tuid.encode("utf-8"), digest_size=8).digest(), "little"))
        _check_dates(tu, rep)
        seen: set[str] = set()
        tuvs = 0
        for child in tu:
            if child.tag == "prop" and child.get("type") in OMEGAT_RESERVED_PROPS:
                rep.add("warning", "prop-reserved", f'<prop type="{child.get("type")}">: reserved by OmegaT '
                        '(type="file" stops it filling)', child.sourceline)
            if child.tag != "tuv":
                continue
            tuvs += 1
            self._tuv(child, seen)
        if tuvs == 1:
            rep.add("warning", "one-tuv", "TU with a single language: nothing to translate from", line)
        src = rep.srclang
        if src and src.lower() != "*all*" and src.lower() not in seen:
            rep.add("error", "no-source", f"TU has no segment in srclang {src} (Trados drops it, OmegaT skips it)", line)

    def _tuv(self, tuv: etree._Element, seen: set[str]) -> None:
        rep = self.rep
        line = tuv.sourceline
        tag = tuv.get(XML_LANG)
        if tag is None and tuv.get("lang") is not None:
            tag = tuv.get("lang")
            level = "error" if rep.version and rep.version.startswith("1.4") else "warning"
            rep.add(level, "lang-attribute", f'<tuv lang="{tag}">: TMX 1.4 needs xml:lang', line)
        if tag is None:
            return  # the DTD check reports it
        rep.langs[tag] += 1
        if not is_valid_tag(tag):
            hint = " (OmegaT skips every unit with an underscore code)" if "_" in tag else ""
            rep.add("error", "lang-code", f"language {tag!r} is not a tag like zh-CN{hint}", line)
        if tag.lower() in seen:
            rep.add("warning", "duplicate-lang", f"second segment in {tag} in one TU (OmegaT keeps the last, "
                    "others the first)", line)
        seen.add(tag.lower())
        _check_dates(tuv, rep)
        seg = tuv.find("seg")
        if seg is None:
            return
        text = "".join(seg.itertext())
        if not text.strip():
            rep.add("error", "empty-seg", f"empty or whitespace-only segment in {tag}", seg.sourceline)
        elif text != text.strip():
            edges = text[: len(text) - len(text.lstrip())] + text[len(text.rstrip()):]
            if "\n" in edges or "\r" in edges:
                rep.add("error", "pretty-printed", f"segment in {tag} starts or ends with a line break and "
                        "indentation (pretty-printed): CAT tools find no match for it", seg.sourceline)
            else:
                rep.add("warning", "seg-whitespace", f"segment in {tag} starts or ends with spaces: OmegaT finds "
                        "no match for it", seg.sourceline)
        if len(text) > LONG_SEGMENT:
            rep.add("warning", "long-seg", f"segment in {tag} has {len(text)} characters (over {LONG_SEGMENT})",
                    seg.sourceline)

    def duplicate_tuids(self) -> set[int]:
        """Digests of tuids that occur more than once."""
        if not len(self.tuids):
            return set()
        arr = np.sort(np.frombuffer(self.tuids, dtype=np.uint64))
        return {int(x) for x in np.unique(arr[1:][arr[1:] == arr[:-1]])}


def _dtd_chunk(dtd: etree.DTD, root_attrs: dict[str, str], header: etree._Element | None,
               tus: list[etree._Element], rep: ValidationReport) -> None:
    doc = etree.Element("tmx", root_attrs)
    if header is not None:
        doc.append(copy.deepcopy(header))
    body = etree.SubElement(doc, "body")
    for tu in tus:
        body.append(tu)
    if not dtd.validate(doc):
        for err in dtd.error_log.filter_from_errors():
            rep.add("error", "dtd", err.message, err.line or None)
    for err in dtd.error_log:
        if err.type_name == "DTD_NO_PREFIX":
            rep.add("error" if rep.version and rep.version.startswith("1.4") else "warning", "dtd",
                    f"{err.message} (lang= used instead of xml:lang)", err.line or None)


def validate_tmx(path: str | Path) -> ValidationReport:
    """Validate the TMX file at *path*; bad XML is reported as an error, not raised."""
    path = Path(path)
    rep = ValidationReport(path=path)
    dtd = load_dtd()
    checker = _TuChecker(rep)
    try:
        with open_tmx_bytes(path) as fh:
            _check_encoding(fh.read(512), rep)
            fh.seek(0)
            _scan(path, fh, dtd, checker, rep)
    except (OSError, EOFError) as exc:  # a corrupt or truncated .gz (bad CRC, cut short)
        rep.add("error", "read", f"cannot read the file: {exc}")
        return rep
    except InputError as exc:
        rep.add("error", "refused" if "DOCTYPE" in exc.message else "xml", exc.message,
                int(exc.where.split(":")[0]) if exc.where and exc.where.split(":")[0].isdigit() else None)
        return rep
    dups = checker.duplicate_tuids()
    if dups:
        with open_tmx_bytes(path) as fh:
            for _, tu in safe_iterparse(fh, tag=("tu",), events=("end",)):
                tuid = tu.get("tuid")
                if tuid is not None and int.from_bytes(blake2b(tuid.encode("utf-8"), digest_size=8).digest(),
                                                       "little") in dups:
                    rep.add("error", "duplicate-tuid", f"tuid {tuid!r} is used more than once", tu.sourceline)
                tu.clear(keep_tail=False)
    if rep.tus == 0:
        rep.add("warning", "empty", "the file has no translation units")
    elif len(rep.langs) > 2:
        rep.add("warning", "multilingual", f"{len(rep.langs)} languages ({', '.join(sorted(rep.langs))}): Trados "
                "imports one pair a file and drops the rest silently")
    return rep


def _scan(path: Path, fh: object, dtd: etree.DTD, checker: _TuChecker, rep: ValidationReport) -> None:
    root_attrs: dict[str, str] = {}
    header: etree._Element | None = None
    chunk: list[etree._Element] = []
    header_seen = body_seen = False
    try:
        for event, el in safe_iterparse(fh, tag=("tmx", "header", "body", "tu")):  # type: ignore[arg-type]
            if el.tag == "body":
                body_seen = True
                continue
            if event == "start":
                if el.tag == "tmx" and not root_attrs:
                    refuse_entities(path, el)
                    root_attrs = dict(el.items()) or {"version": ""}
                    rep.version = el.get("version")
                    if rep.version != "1.4":
                        rep.add("warning" if rep.version in ("1.1", "1.2", "1.3") else "error", "version",
                                f'<tmx version="{rep.version}">: this is TMX 1.4b\'s DTD', el.sourceline)
                continue
            if el.tag == "tmx":
                continue
            if el.tag == "header":
                header_seen = True
                _check_header(el, rep)
                header = copy.deepcopy(el)
                continue
            if not header_seen:
                rep.add("error", "header", "no <header> before the first <tu>", el.sourceline)
                header_seen = True
            rep.tus += 1
            checker.check(el)
            chunk.append(copy.deepcopy(el))
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
            if len(chunk) >= CHUNK:
                _dtd_chunk(dtd, root_attrs, header, chunk, rep)
                chunk = []
    except etree.XMLSyntaxError as exc:
        raise syntax_error(path, exc) from None
    if not root_attrs:
        raise InputError(path, "not a TMX file: no <tmx> element")
    if not header_seen:
        rep.add("error", "header", "no <header>")
    if not body_seen:
        rep.add("error", "body", "no <body>: TMX 1.4b requires one, and CAT tools reject a file without it")
    _dtd_chunk(dtd, root_attrs, header, chunk, rep)
