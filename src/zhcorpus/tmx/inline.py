"""Inline markup of a ``<seg>`` as plain text plus tags that can be put back.

TMX segments may hold ``bpt``/``ept``/``it``/``ph``/``ut`` (native codes, not text) and ``hi``
(highlighted text). :func:`seg_to_text` keeps the text and records each code with its offset;
:func:`text_to_seg_xml` rebuilds the original segment markup from the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .text import escape_attr, escape_text


@dataclass(slots=True)
class InlineTag:
    """One inline element: ``name`` (``bpt``, ``ph``…, or ``hi`` / ``/hi`` for the start and end of
    highlighted text), its offset in the plain text, its attributes and its inner XML (the native
    code, with any ``<sub>`` kept)."""

    name: str
    pos: int
    attrs: dict[str, str] = field(default_factory=dict)
    code: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"name": self.name, "pos": self.pos, "attrs": self.attrs, "code": self.code}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> InlineTag:
        """Rebuild from :meth:`to_dict` output."""
        return cls(name=d["name"], pos=d["pos"], attrs=dict(d.get("attrs", {})), code=d.get("code", ""))


def _local(tag: object) -> str | None:
    if not isinstance(tag, str):
        return None  # a comment or processing instruction
    return tag.rsplit("}", 1)[-1]


def _inner_xml(el: etree._Element) -> str:
    parts = [escape_text(el.text or "")]
    parts.extend(etree.tostring(c, encoding="unicode", with_tail=True) for c in el)
    return "".join(parts)


def seg_to_text(seg: etree._Element) -> tuple[str, list[InlineTag]]:
    """The plain text of *seg* and its inline tags (empty when the segment is plain)."""
    if len(seg) == 0:
        return seg.text or "", []
    out: list[str] = []
    tags: list[InlineTag] = []
    size = 0

    def add(text: str | None) -> None:
        nonlocal size
        if text:
            out.append(text)
            size += len(text)

    def walk(el: etree._Element) -> None:
        add(el.text)
        for child in el:
            name = _local(child.tag)
            if name == "hi":
                tags.append(InlineTag("hi", size, dict(child.attrib)))
                walk(child)
                tags.append(InlineTag("/hi", size))
            elif name is not None:
                tags.append(InlineTag(name, size, dict(child.attrib), _inner_xml(child)))
            add(child.tail)

    walk(seg)
    return "".join(out), tags


def text_to_seg_xml(text: str, tags: list[InlineTag]) -> str:
    """The ``<seg>`` markup for *text* with *tags* put back at their offsets."""
    parts = ["<seg>"]
    at = 0
    for tag in sorted(tags, key=lambda t: t.pos):  # stable: same-offset tags keep their order
        parts.append(escape_text(text[at:tag.pos]))
        at = tag.pos
        attrs = "".join(f' {k}="{escape_attr(v)}"' for k, v in tag.attrs.items())
        if tag.name == "hi":
            parts.append(f"<hi{attrs}>")
        elif tag.name == "/hi":
            parts.append("</hi>")
        else:
            parts.append(f"<{tag.name}{attrs}>{tag.code}</{tag.name}>")
    parts.append(escape_text(text[at:]))
    parts.append("</seg>")
    return "".join(parts)
