"""Write the glossary products: TBX-Basic 2008, TBX v3, the OmegaT glossaries of the language
pairs, the MultiTerm/memoQ CSV and a normalized copy of the TSV. Deterministic: the same glossary
gives byte-identical files; each file is written atomically.

A CAT tool reads every glossary file in its glossary folder, so each pair's OmegaT file goes in a
folder of its own (``zh-CN_en-US/``): pointing OmegaT at one of them shows that pair only. With
*pairs* of one pair, everything is written for that pair alone, straight into the folder: the
OmegaT file, and TBX/CSV with only the pair's languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .cat import CSV_LANGS, OMEGAT_PAIRS, omegat_filename, write_csv, write_omegat
from .model import Glossary, write_glossary
from .tbx import LANG_EN, LANG_HANS, LANG_HANT, LANG_TW, write_tbx_basic, write_tbx_v3

STEM = "zhcorpus-glossary"
FORMATS = ("tbx-basic", "tbx3", "omegat", "csv", "tsv")
# a pair's language code -> the TBX language sections holding its terms
_TBX_LANGS = {"zh-CN": (LANG_HANS,), "zh-TW": (LANG_HANT, LANG_TW), "zh-HK": (LANG_HANT,), "en-US": (LANG_EN,)}


def parse_pairs(values: Sequence[str]) -> list[tuple[str, str]]:
    """``["zh-CN:en-US"]`` -> ``[("zh-CN", "en-US")]``; only the pairs with an OmegaT glossary."""
    out = []
    for v in values:
        src, _, tgt = v.partition(":")
        if (src, tgt) not in OMEGAT_PAIRS:
            known = ", ".join(f"{s}:{t}" for s, t in OMEGAT_PAIRS)
            raise ValueError(f"unknown language pair {v!r}; use one of {known}")
        if (src, tgt) not in out:
            out.append((src, tgt))
    return out


def export_glossary(glossary: Glossary, out_dir: Path, formats: tuple[str, ...] = FORMATS,
                    stem: str = STEM, pairs: Sequence[tuple[str, str]] | None = None) -> dict[str, Path]:
    """Write the glossary to *out_dir* in *formats*; returns product name -> path
    (``tbx-basic``, ``tbx3``, ``csv``, ``tsv``, ``omegat:<src>_<tgt>``). *pairs* (default all)
    are the language pairs of the OmegaT files; exactly one pair also restricts TBX and CSV to its
    two languages and writes the OmegaT file without a pair folder."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(unknown)}; use {', '.join(FORMATS)}")
    pairs = list(pairs) if pairs else list(OMEGAT_PAIRS)
    one = pairs[0] if len(pairs) == 1 else None
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    tbx_langs = frozenset(_TBX_LANGS[one[0]] + _TBX_LANGS[one[1]]) if one else None
    if "tbx-basic" in formats:
        paths["tbx-basic"] = write_tbx_basic(glossary, out_dir / f"{stem}.tbx", tbx_langs)
    if "tbx3" in formats:
        paths["tbx3"] = write_tbx_v3(glossary, out_dir / f"{stem}.v3.tbx", tbx_langs)
    if "omegat" in formats:
        for src, tgt in pairs:
            folder = out_dir if one else out_dir / f"{src}_{tgt}"
            paths[f"omegat:{src}_{tgt}"] = write_omegat(
                glossary, folder / omegat_filename(stem, src, tgt), src, tgt)
    if "csv" in formats:
        paths["csv"] = write_csv(glossary, out_dir / f"{stem}.csv", tuple(one) if one else CSV_LANGS)
    if "tsv" in formats:
        write_glossary(out_dir / f"{stem}.tsv", glossary)
        paths["tsv"] = out_dir / f"{stem}.tsv"
    return paths
