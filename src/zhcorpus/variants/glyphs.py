"""Regional glyph maps: the character forms Taiwan and Hong Kong government text really uses.

OpenCC's regional configurations follow the regional *glyph standards* (Hong Kong's 常用字字形表
gives 脱, 説, 税), but Hong Kong government text is written in Big5-HKSCS, which has no 脱, 説 or
税, and uses 脫, 說, 稅, 戶 and 群 (see ``data/regional_glyphs.tsv`` for the pages cited). Taiwan's
Ministry of Education writes 布 where OpenCC's ``s2tw`` writes 佈 (宣布, 公布, 布局). Each map is
one character for one, applied after the OpenCC conversion, so offsets stay valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..errors import InputError
from .phrases import data_path, read_tsv

GLYPH_FILE = "regional_glyphs.tsv"
GLYPH_COLUMNS = ("region", "opencc", "form", "source", "reason")
REGIONS = ("zh-TW", "zh-HK")


@dataclass(frozen=True)
class Glyph:
    """One reviewed glyph choice: OpenCC's form and the form the region's official text uses."""

    region: str
    opencc: str
    form: str
    source: str
    reason: str


def load_glyphs(path: str | None = None) -> list[Glyph]:
    """The reviewed glyph choices (default: the file shipped in the package); errors name the line."""
    p = data_path(GLYPH_FILE) if path is None else path
    out: list[Glyph] = []
    seen: set[tuple[str, str]] = set()
    for n, row in read_tsv(p, GLYPH_COLUMNS):
        if row["region"] not in REGIONS:
            raise InputError(p, f"unknown region {row['region']!r} (expected {' or '.join(REGIONS)})", where=str(n))
        if len(row["opencc"]) != 1 or len(row["form"]) != 1:
            raise InputError(p, "a glyph entry maps one character to one character", where=str(n))
        key = (row["region"], row["opencc"])
        if key in seen:
            raise InputError(p, f"duplicate entry {row['opencc']!r} for {row['region']}", where=str(n))
        seen.add(key)
        out.append(Glyph(row["region"], row["opencc"], row["form"], row["source"], row["reason"]))
    return out


@cache
def glyph_table(region: str) -> dict[int, str]:
    """The ``str.translate`` table of *region*'s shipped glyph map (empty for other tags)."""
    return {ord(g.opencc): g.form for g in load_glyphs() if g.region == region}


def apply_glyphs(text: str, region: str) -> str:
    """*text* with *region*'s glyph choices (one character for one)."""
    table = glyph_table(region)
    return text.translate(table) if table else text
