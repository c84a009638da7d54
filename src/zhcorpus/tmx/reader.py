"""Streaming, safe TMX reader (TMX 1.1 to 1.4b; UTF-8 or UTF-16 with BOM; ``.tmx.gz``).

``iterparse`` hands over one ``<tu>`` at a time and each is cleared after use, so a multi-GB file
reads in bounded memory. Nothing is fetched or expanded: no DTD loading, no network, no entity
substitution; a DOCTYPE that declares entities (billion laughs, XXE) is refused outright.
"""

from __future__ import annotations

import contextlib
import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from lxml import etree

from ..errors import InputError
from ..reading import open_input
from .inline import InlineTag, seg_to_text
from .langs import key_of_tag, normalise_tag

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(slots=True)
class TmxUnit:
    """One ``<tu>``: segments by language tag (as written), props by type, notes, inline tags."""

    tuid: str | None
    segs: dict[str, str]
    props: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    inline: dict[str, list[InlineTag]] = field(default_factory=dict)  # tag -> codes (see inline.py)
    attrs: dict[str, str] = field(default_factory=dict)  # the <tu> attributes
    tuv_props: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    line: int | None = None  # line of <tu> in the file

    def tag_for(self, lang: str) -> str | None:
        """The tag of this unit's segment for *lang*: the exact tag, else the same tag in any case
        or with ``_``, else the same Chinese variant (``zh-Hans`` for ``zh-CN``) or any English, else
        (for ``zh`` or another language) the same primary language."""
        if lang in self.segs:
            return lang
        norm = normalise_tag(lang)
        for tag in self.segs:
            if normalise_tag(tag) == norm:
                return tag
        want = key_of_tag(lang)
        if want is not None and want != "zh":  # a variant is never stood in for by another
            return next((tag for tag in self.segs if key_of_tag(tag) == want), None)
        primary = norm.split("-", 1)[0]
        for tag in self.segs:
            if normalise_tag(tag).split("-", 1)[0] == primary:
                return tag
        return None

    def text(self, lang: str) -> str | None:
        """The segment for *lang* (matched as :meth:`tag_for` says), or None."""
        tag = self.tag_for(lang)
        return self.segs[tag] if tag is not None else None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (``corpus tmx import --format raw``)."""
        return {
            "tuid": self.tuid, "segs": self.segs, "props": self.props, "notes": self.notes,
            "inline": {k: [t.to_dict() for t in v] for k, v in self.inline.items()},
            "attrs": self.attrs, "tuv_props": self.tuv_props,
        }


def _local(tag: object) -> str | None:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def syntax_error(path: str | Path, exc: etree.XMLSyntaxError) -> InputError:
    """An InputError naming the file and line:col of an lxml parse error, with a hint."""
    line, col = exc.position if exc.position else (exc.lineno or 0, 0)
    msg = str(exc.msg or exc)
    low = msg.lower()
    if "invalid xmlchar" in low or "invalid char" in low or "not a valid xml character" in low:
        msg += " (a control character XML 1.0 forbids: OmegaT, lxml and translate-toolkit reject the whole file)"
    elif "encoding" in low or "document labelled" in low:
        msg += " (the bytes do not match the declared encoding)"
    elif "entity" in low and ("amplification" in low or "loop" in low):
        msg += " (entity expansion refused)"
    return InputError(path, f"not well-formed XML: {msg}", where=f"{line}:{col}")


@contextlib.contextmanager
def open_tmx_bytes(path: str | Path) -> Iterator[IO[bytes]]:
    """The raw bytes of a TMX file, gunzipped when it is gzip (by its magic number)."""
    raw = open_input(path)
    with raw:
        magic = raw.read(2)
        raw.seek(0)
        if magic == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw, mode="rb") as gz:
                yield gz
        else:
            yield raw


def safe_iterparse(fh: IO[bytes], *, tag: tuple[str, ...] | None = None,
                   events: tuple[str, ...] = ("start", "end")) -> etree.iterparse:
    """``lxml.etree.iterparse`` with every external or expanding feature off."""
    return etree.iterparse(fh, events=events, tag=tag, resolve_entities=False, no_network=True,
                           load_dtd=False, dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def refuse_entities(path: str | Path, root: etree._Element) -> None:
    """Raise when the document's DOCTYPE declares entities (billion laughs, XXE)."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    names = [e.name for e in dtd.iterentities()]
    if names:
        raise InputError(path, f"the DOCTYPE declares entities ({', '.join(names[:5])}): refused, a TMX "
                         "needs none and they can expand without bound or read local files",
                         where=f"{root.sourceline}:1")


class TmxReader:
    """Iterate over the units of a TMX file; :attr:`header` and :attr:`version` are set once the
    header has been read (after the first unit at the latest)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.version: str | None = None
        self.header: dict[str, str] = {}
        self.header_props: dict[str, list[str]] = {}
        self.header_notes: list[str] = []

    def __iter__(self) -> Iterator[TmxUnit]:
        with open_tmx_bytes(self.path) as fh:
            try:
                yield from self._units(fh)
            except etree.XMLSyntaxError as exc:
                raise syntax_error(self.path, exc) from None
            except (OSError, EOFError) as exc:  # a truncated or corrupt .gz
                raise InputError(self.path, f"cannot read: {exc}") from None

    def _units(self, fh: IO[bytes]) -> Iterator[TmxUnit]:
        seen_root = False
        for event, el in safe_iterparse(fh, tag=("tmx", "header", "tu")):
            name = el.tag
            if event == "start":
                if name == "tmx" and not seen_root:
                    seen_root = True
                    refuse_entities(self.path, el)
                    self.version = el.get("version")
                continue
            if not seen_root:
                raise InputError(self.path, "not a TMX file: the root element is not <tmx>",
                                 where=f"{el.sourceline}:1")
            if name == "tmx":
                continue
            if name == "header":
                self.header = dict(el.attrib)
                for child in el:
                    if child.tag == "prop":
                        self.header_props.setdefault(child.get("type", ""), []).append(child.text or "")
                    elif child.tag == "note":
                        self.header_notes.append(child.text or "")
                continue
            yield self._unit(el)
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
        if not seen_root:
            raise InputError(self.path, "not a TMX file: no <tmx> element")

    def _unit(self, tu: etree._Element) -> TmxUnit:
        unit = TmxUnit(tuid=tu.get("tuid"), segs={}, attrs=dict(tu.attrib), line=tu.sourceline)
        for child in tu:
            name = _local(child.tag)
            if name == "prop":
                unit.props.setdefault(child.get("type", ""), []).append(child.text or "")
            elif name == "note":
                unit.notes.append(child.text or "")
            elif name == "tuv":
                self._tuv(unit, child)
        return unit

    def _tuv(self, unit: TmxUnit, tuv: etree._Element) -> None:
        tag = tuv.get(XML_LANG) or tuv.get("lang")
        if not tag:
            raise InputError(self.path, "<tuv> without xml:lang (or lang)", where=f"{tuv.sourceline}:1")
        seg = None
        for child in tuv:
            name = _local(child.tag)
            if name == "seg":
                seg = child
            elif name == "prop":
                unit.tuv_props.setdefault(tag, {}).setdefault(child.get("type", ""), []).append(child.text or "")
        if seg is None:
            raise InputError(self.path, f"<tuv xml:lang={tag!r}> without <seg>", where=f"{tuv.sourceline}:1")
        if tag in unit.segs:
            return  # a second segment of one language: the first is kept (validate reports it)
        text, tags = seg_to_text(seg)
        unit.segs[tag] = text
        if tags:
            unit.inline[tag] = tags


def read_tmx(path: str | Path) -> Iterator[TmxUnit]:
    """The units of the TMX file at *path*, one at a time (see :class:`TmxReader`)."""
    return iter(TmxReader(path))
