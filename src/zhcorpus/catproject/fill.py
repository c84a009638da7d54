"""How many segments of a project's source files the memory fills with an exact match, predicted
with OmegaT's segmentation algorithm (:func:`zhcorpus.tmx.srx.segment`) over the project's own
rules: each line is a paragraph, each segment is trimmed, and a segment is filled when it is some
translation unit's source. The integration test checks that OmegaT itself counts the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..tmx import read_tmx
from ..tmx.srx import SrxRule, sentences
from .sources import paragraph_lines


@dataclass
class Fill:
    """Segments and exact matches of one group of source files."""

    segments: int = 0
    filled: int = 0
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # file -> (segments, filled)
    empty_examples: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """The share of segments filled (0 when there are none)."""
        return self.filled / self.segments if self.segments else 0.0

    def summary(self) -> str:
        """``233 of 240 segments (97.1%)``."""
        return f"{self.filled} of {self.segments} segments ({self.rate:.1%})"


def tmx_sources(path: Path) -> set[str]:
    """The source texts (first segment) of every TU in a TMX."""
    return {next(iter(tu.segs.values())) for tu in read_tmx(path) if tu.segs}


def predict(files: dict[str, str], rules: list[SrxRule], sources: set[str], examples: int = 20) -> Fill:
    """The predicted fill of *files* (name -> text) under *rules* with a memory of *sources*."""
    fill = Fill()
    for name, text in files.items():
        segs = [s for line in paragraph_lines(text) for s in sentences(line, rules)]
        hit = sum(s in sources for s in segs)
        fill.files[name] = (len(segs), hit)
        fill.segments += len(segs)
        fill.filled += hit
        for s in segs:
            if s not in sources and len(fill.empty_examples) < examples:
                fill.empty_examples.append(f"{name}: {s}")
    return fill
