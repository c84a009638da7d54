"""A bilingual TMX as a document pair: each ``<tu>`` is one paragraph of each side.

The Chinese side is the TU's Chinese segment (any zh tag), the English side its English one;
read with the project's safe streaming reader. A TU without the side asked for is recorded in
``removed`` (its tuid and line), so nothing disappears unseen.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputError
from ..tmx.langs import key_of_tag
from ..tmx.reader import TmxReader, syntax_error
from .base import Extracted, finish


def _side(tag: str, lang: str) -> bool:
    if lang == "zh":
        return tag.lower().startswith("zh")
    return tag.lower().split("-")[0].split("_")[0] == lang


def read_tmx_side(data: bytes, path: str | Path, lang: str | None) -> Extracted:
    """The *lang* side (``zh`` or ``en``) of a TMX file, one TU per paragraph."""
    if lang is None:
        raise InputError(path, "a TMX holds two languages: say which side to read (zh or en)")
    reader = TmxReader(path)
    paragraphs: list[str] = []
    removed: list[dict[str, Any]] = []
    tags: set[str] = set()
    try:
        for unit in reader._units(io.BytesIO(data)):
            tag = next((t for t in unit.segs if _side(t, lang)), None)
            if tag is None or not unit.segs[tag].strip():
                removed.append({"what": f"tu-without-{lang}", "tuid": unit.tuid, "line": unit.line})
                continue
            tags.add(tag)
            paragraphs.append(" ".join(unit.segs[tag].split("\n")))
    except etree.XMLSyntaxError as exc:
        raise syntax_error(path, exc) from None
    if not paragraphs:
        raise InputError(path, f"no {lang} segments in the TMX (languages: use a file with zh and en TUVs)")
    variants = sorted({key_of_tag(t) or t for t in tags})
    return finish(paragraphs, "tmx", removed, {"tmx_langs": sorted(tags)},
                  {"units": len(paragraphs), "variants": variants})
