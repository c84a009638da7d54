"""Character accuracy of a script conversion (e.g. Simplified -> Traditional) against a reference.

Conversion maps characters one to one almost everywhere, so a segment whose hypothesis has the
reference's length is compared position by position (a Hamming count); otherwise by Levenshtein
distance (rapidfuzz). Accuracy = 1 - errors / reference characters, over the corpus; each
segment says which method it used. The confusions (reference character, hypothesis character)
show what a conversion backend gets wrong, e.g. 髮 written as 發.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

POSITIONAL = "position"
EDIT = "edit-distance"


@dataclass(frozen=True)
class CharSegment:
    """One segment's character errors and how they were counted."""

    errors: int
    ref_chars: int
    method: str  # POSITIONAL or EDIT

    @property
    def accuracy(self) -> float:
        """1 - errors / reference characters (1.0 for an empty reference and hypothesis)."""
        if self.ref_chars == 0:
            return 1.0 if self.errors == 0 else 0.0
        return max(0.0, 1.0 - self.errors / self.ref_chars)


@dataclass
class CharAccuracy:
    """Corpus character accuracy with the per-method segment counts and the top confusions."""

    accuracy: float
    errors: int
    ref_chars: int
    positional_segments: int
    edit_segments: int
    confusions: list[tuple[str, str, int]] = field(default_factory=list)  # (ref, hyp, count)
    segments: list[CharSegment] = field(default_factory=list)

    @property
    def method(self) -> str:
        """How the errors were counted, in words."""
        return (f"position-wise on {self.positional_segments} segments of equal length, "
                f"Levenshtein on {self.edit_segments}")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (without the per-segment list)."""
        return {"accuracy": self.accuracy, "errors": self.errors, "ref_chars": self.ref_chars,
                "positional_segments": self.positional_segments, "edit_segments": self.edit_segments,
                "method": self.method,
                "confusions": [{"ref": r, "hyp": h, "count": n} for r, h, n in self.confusions]}


def char_segment(hyp: str, ref: str, confusions: Counter[tuple[str, str]] | None = None) -> CharSegment:
    """Errors of one segment; substitutions are added to *confusions* when given."""
    if len(hyp) == len(ref):
        diffs = [(r, h) for h, r in zip(hyp, ref, strict=True) if h != r]
        if confusions is not None:
            confusions.update(diffs)
        return CharSegment(len(diffs), len(ref), POSITIONAL)
    if confusions is not None:
        for op in Levenshtein.opcodes(ref, hyp):
            if op.tag == "replace" and op.src_end - op.src_start == op.dest_end - op.dest_start:
                confusions.update(zip(ref[op.src_start:op.src_end], hyp[op.dest_start:op.dest_end], strict=True))
    errors = Levenshtein.distance(ref, hyp)
    return CharSegment(errors, len(ref), EDIT)


def char_accuracy(hyps: Sequence[str], refs: Sequence[str], *, top: int = 20) -> CharAccuracy:
    """Character accuracy of *hyps* against *refs* with the *top* most frequent confusions."""
    confusions: Counter[tuple[str, str]] = Counter()
    segs = [char_segment(h, r, confusions) for h, r in zip(hyps, refs, strict=True)]
    errors = sum(s.errors for s in segs)
    ref_chars = sum(s.ref_chars for s in segs)
    acc = 1.0 if ref_chars == 0 and errors == 0 else max(0.0, 1.0 - errors / max(ref_chars, 1))
    ranked = sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return CharAccuracy(
        accuracy=acc, errors=errors, ref_chars=ref_chars,
        positional_segments=sum(s.method == POSITIONAL for s in segs),
        edit_segments=sum(s.method == EDIT for s in segs),
        confusions=[(r, h, n) for (r, h), n in ranked], segments=segs,
    )
