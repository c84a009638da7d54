"""Write every glossary product at once: TBX-Basic 2008, TBX v3, the OmegaT glossaries of each
language pair, the MultiTerm/memoQ CSV and a normalized copy of the TSV. Deterministic: the same
glossary gives byte-identical files; each file is written atomically.
"""

from __future__ import annotations

from pathlib import Path

from .cat import OMEGAT_PAIRS, omegat_filename, write_csv, write_omegat
from .model import Glossary, write_glossary
from .tbx import write_tbx_basic, write_tbx_v3

STEM = "zhcorpus-glossary"
FORMATS = ("tbx-basic", "tbx3", "omegat", "csv", "tsv")


def export_glossary(glossary: Glossary, out_dir: Path, formats: tuple[str, ...] = FORMATS,
                    stem: str = STEM) -> dict[str, Path]:
    """Write the glossary to *out_dir* in *formats*; returns product name -> path
    (``tbx-basic``, ``tbx3``, ``csv``, ``tsv``, ``omegat:<src>_<tgt>``)."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(unknown)}; use {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    if "tbx-basic" in formats:
        paths["tbx-basic"] = write_tbx_basic(glossary, out_dir / f"{stem}.tbx")
    if "tbx3" in formats:
        paths["tbx3"] = write_tbx_v3(glossary, out_dir / f"{stem}.v3.tbx")
    if "omegat" in formats:
        for src, tgt in OMEGAT_PAIRS:
            paths[f"omegat:{src}_{tgt}"] = write_omegat(
                glossary, out_dir / omegat_filename(stem, src, tgt), src, tgt)
    if "csv" in formats:
        paths["csv"] = write_csv(glossary, out_dir / f"{stem}.csv")
    if "tsv" in formats:
        write_glossary(out_dir / f"{stem}.tsv", glossary)
        paths["tsv"] = out_dir / f"{stem}.tsv"
    return paths
