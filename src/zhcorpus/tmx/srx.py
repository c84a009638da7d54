"""SRX 2.0: the project's segmentation rules as a file a CAT tool can load, and an SRX engine.

:func:`project_rules` turns the rule sets of :mod:`zhcorpus.segment.rules` into break / no-break
rules; :func:`write_srx` writes them, so OmegaT, Trados, memoQ or Phrase segment new documents the
way the translation memory was built. :func:`segment` applies SRX rules the way OmegaT does (for
each rule, before-break matches found left to right, an after-break match starting where one
ends; the first rule that matches a position decides). The patterns use only what Java and
Python regular expressions share, so the same file means the same thing in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..atomic import atomic_write
from ..errors import InputError
from ..segment.rules import (
    EN_ABBREVIATIONS,
    EN_CLOSERS,
    EN_TERMINAL_ABBREVIATIONS,
    EN_TERMINATORS,
    ZH_CLOSERS,
    ZH_ELLIPSIS,
    ZH_PAIRS,
    ZH_TERMINATORS,
)

SRX_NS = "http://www.lisa.org/srx20"


@dataclass(frozen=True)
class SrxRule:
    """One SRX rule: break or not at a position preceded by *before* and followed by *after*."""

    brk: bool
    before: str | None
    after: str | None


def _cls(chars: str) -> str:
    """A regex character class for *chars* (escaped for Java and Python alike)."""
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "]"


def project_rules() -> dict[str, list[SrxRule]]:
    """The project's rules, by SRX language-rule name (``Chinese``, ``English``), in order."""
    term, closers = _cls(ZH_TERMINATORS), _cls(ZH_CLOSERS)
    run = _cls(ZH_TERMINATORS + ZH_ELLIPSIS)
    zh = [SrxRule(False, run, closers)]  # closing quotes and brackets stay with their sentence
    for opener, closer in ZH_PAIRS.items():  # no end inside a pair, unless its closer follows
        zh.append(SrxRule(False, run, f"(?={_cls(opener + closer).replace('[', '[^', 1)}+{re.escape(closer)})"))
    # a run of terminators (a lone … is no end, …… is), with the closers that follow
    zh.append(SrxRule(True, f"(?:{term}{run}*|{ZH_ELLIPSIS}{run}+){closers}*", "."))

    abbrs = sorted(EN_ABBREVIATIONS - EN_TERMINAL_ABBREVIATIONS, key=lambda a: (-len(a), a))
    alt = "|".join(re.escape(a).replace("\\ ", " ") for a in abbrs)
    en_end = _cls(EN_TERMINATORS) + "+" + _cls(EN_CLOSERS) + "*"
    en = [
        SrxRule(False, rf"(?<![A-Za-z.])(?i:{alt})\.", r"\s"),  # No. 5, Mr. Li, U.S. policy
        SrxRule(False, r"(?<![A-Za-z.])[A-Z]\.", r"\s"),  # an initial: J. Smith
        SrxRule(True, en_end, r"\s+[\"'“‘(\[]?[A-Z0-9]"),
    ]
    return {"Chinese": zh, "English": en}


# OmegaT 3.6's default rules for Chinese (its defaultRules.srx), used to count the TUs whose
# source OmegaT splits into several segments (those never get an exact match there).
OMEGAT_ZH_RULES = [
    SrxRule(False, "[。？！—]", "[’”\"」）』？—]"),
    SrxRule(False, "[、,.．]", "."),
    SrxRule(True, "[。？！]", "."),
]
_MAYBE_SPLIT = re.compile("[。？！].")


def omegat_splits(text: str) -> bool:
    """Whether OmegaT's default rules cut this Chinese text into more than one segment (then a TU
    with it as source never gets an exact match in OmegaT)."""
    return bool(_MAYBE_SPLIT.search(text)) and len(sentences(text, OMEGAT_ZH_RULES)) > 1


LANGUAGE_MAP = (("[Zz][Hh].*", "Chinese"), ("[Ee][Nn].*", "English"))


def write_srx(path: Path, rules: dict[str, list[SrxRule]] | None = None) -> Path:
    """Write the project's segmentation rules (or *rules*) as an SRX 2.0 file at *path*, atomically."""
    rules = rules if rules is not None else project_rules()
    q = f"{{{SRX_NS}}}"
    root = etree.Element(q + "srx", nsmap={None: SRX_NS}, version="2.0")
    header = etree.SubElement(root, q + "header", segmentsubflows="yes", cascade="no")
    for kind, include in (("start", "no"), ("end", "yes"), ("isolated", "no")):
        etree.SubElement(header, q + "formathandle", type=kind, include=include)
    body = etree.SubElement(root, q + "body")
    lrules = etree.SubElement(body, q + "languagerules")
    for name, rule_list in rules.items():
        lr = etree.SubElement(lrules, q + "languagerule", languagerulename=name)
        for rule in rule_list:
            el = etree.SubElement(lr, q + "rule", {"break": "yes" if rule.brk else "no"})
            if rule.before is not None:
                etree.SubElement(el, q + "beforebreak").text = rule.before
            if rule.after is not None:
                etree.SubElement(el, q + "afterbreak").text = rule.after
    maprules = etree.SubElement(body, q + "maprules")
    for pattern, name in LANGUAGE_MAP:
        if name in rules:
            etree.SubElement(maprules, q + "languagemap", languagepattern=pattern, languagerulename=name)
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    path = Path(path)
    with atomic_write(path, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n' + data)
    return path


def read_srx(path: Path) -> tuple[dict[str, list[SrxRule]], list[tuple[str, str]]]:
    """The language rules and the language map (pattern, rule name) of an SRX 2.0 file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError:
        raise InputError(path, "cannot read the SRX file") from None
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 0, 0)
        raise InputError(path, f"not well-formed XML: {exc.msg}", where=f"{line}:{col}") from None
    ns = {"s": root.nsmap.get(None, SRX_NS)}
    rules: dict[str, list[SrxRule]] = {}
    for lr in root.iterfind(".//s:languagerule", ns):
        out = []
        for r in lr.iterfind("s:rule", ns):
            b = r.find("s:beforebreak", ns)
            a = r.find("s:afterbreak", ns)
            out.append(SrxRule(r.get("break", "yes") != "no", b.text or "" if b is not None else None,
                               a.text or "" if a is not None else None))
        rules[lr.get("languagerulename", "")] = out
    mapping = [(m.get("languagepattern", ""), m.get("languagerulename", ""))
               for m in root.iterfind(".//s:languagemap", ns)]
    return rules, mapping


def _breaks(text: str, rule: SrxRule) -> list[int]:
    after = re.compile(rule.after) if rule.after else None
    if after is not None:
        starts = {m.start() for m in after.finditer(text)}
        if not starts:
            return []
    before = re.compile(rule.before if rule.before else ".", re.DOTALL if not rule.before else 0)
    return [m.end() for m in before.finditer(text) if after is None or m.end() in starts]


def segment(text: str, rules: list[SrxRule]) -> list[str]:
    """Split *text* by SRX *rules* (OmegaT's algorithm); the pieces joined give *text* back."""
    brk: set[int] = set()
    keep: set[int] = set()
    for rule in reversed(rules):  # earlier rules override later ones
        found = set(_breaks(text, rule))
        if rule.brk:
            brk |= found
            keep -= found
        else:
            keep |= found
            brk -= found
    cuts = sorted(p for p in brk - keep if 0 < p < len(text))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    if len(pieces) > 1 and not pieces[-1].strip():
        pieces[-2] += pieces.pop()
    return pieces


def sentences(text: str, rules: list[SrxRule]) -> list[str]:
    """The segments of *text* as a CAT tool shows them: split by *rules*, trimmed, none empty."""
    return [p.strip() for p in segment(text, rules) if p.strip()]
