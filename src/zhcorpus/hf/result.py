"""What an HF export wrote (subsets, splits, skipped parts): read by the card and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from datasets import Features


@dataclass
class SubsetInfo:
    """One exported subset: its rows, files and sizes per split."""

    name: str
    description: str
    features: Features
    rows: dict[str, int] = field(default_factory=dict)  # split -> rows (non-empty splits only)
    files: dict[str, list[str]] = field(default_factory=dict)  # split -> paths relative to out_dir
    num_bytes: dict[str, int] = field(default_factory=dict)  # split -> Arrow bytes
    download_size: int = 0  # Parquet bytes
    missing: list[str] = field(default_factory=list)  # unit ids left out for lack of a variant

    @property
    def total(self) -> int:
        """Rows over all splits."""
        return sum(self.rows.values())


@dataclass
class HfExportResult:
    """What was exported: subsets, document splits, and what was left out and why."""

    out_dir: Path
    subsets: dict[str, SubsetInfo]
    splits: dict[str, str]  # document id -> split
    skipped: dict[str, str]  # subset name -> why it is not in the export
    unaligned: list[str]  # ids of beads with an empty side (in the documents subset only)
    aligned: list[str]  # ids of beads with both sides, in corpus order
    card_path: Path
    files: list[Path]  # every file written, card last

    def counts(self) -> dict[str, dict[str, int]]:
        """Rows per subset and split."""
        return {name: dict(s.rows) for name, s in self.subsets.items()}
