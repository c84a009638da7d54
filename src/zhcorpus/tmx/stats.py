"""``corpus tmx stats``: what a TMX holds, read as a stream: units, languages, lengths, bead types,
documents, props, inline tags, duplicates and conflicting translations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dedup import DedupIndex
from .reader import TmxReader
from .text import LONG_SEGMENT


@dataclass
class TmxStats:
    """Counts over one TMX file."""

    path: Path
    version: str | None = None
    srclang: str | None = None
    header: dict[str, str] = field(default_factory=dict)
    tus: int = 0
    segments: Counter = field(default_factory=Counter)  # tag -> segments
    chars: Counter = field(default_factory=Counter)  # tag -> characters
    max_chars: dict[str, int] = field(default_factory=dict)
    long_segments: int = 0
    with_inline: int = 0  # TUs with inline tags
    props: Counter = field(default_factory=Counter)  # prop type -> occurrences
    beads: Counter = field(default_factory=Counter)  # x-bead
    docs: Counter = field(default_factory=Counter)  # x-doc
    no_source: int = 0  # TUs without a srclang segment
    duplicates: int = 0  # TUs identical to an earlier one
    conflicts: int = 0  # sources with more than one translation

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (sorted keys where order carries no meaning)."""
        d = {k: (dict(sorted(v.items())) if isinstance(v, Counter) else v) for k, v in self.__dict__.items()}
        d["path"] = str(self.path)
        d["mean_chars"] = {k: round(self.chars[k] / n, 1) for k, n in sorted(self.segments.items()) if n}
        return d

    def render(self) -> str:
        """A few lines for people."""
        lines = [f"{self.path}: TMX {self.version or '?'}, srclang {self.srclang or '?'}, {self.tus} TUs"]
        for tag, n in sorted(self.segments.items()):
            lines.append(f"  {tag}: {n} segments, mean {self.chars[tag] / n:.1f} characters, "
                         f"longest {self.max_chars.get(tag, 0)}")
        if self.beads:
            lines.append("  beads: " + ", ".join(f"{k} {v}" for k, v in sorted(self.beads.items())))
        if self.docs:
            lines.append(f"  documents: {len(self.docs)}")
        lines.append(f"  duplicates: {self.duplicates}, sources with several translations: {self.conflicts}")
        if self.long_segments:
            lines.append(f"  segments over {LONG_SEGMENT} characters: {self.long_segments}")
        if self.with_inline:
            lines.append(f"  TUs with inline tags: {self.with_inline}")
        if self.no_source:
            lines.append(f"  TUs without a {self.srclang} segment: {self.no_source}")
        if self.props:
            lines.append("  props: " + ", ".join(f"{k} {v}" for k, v in sorted(self.props.items())))
        return "\n".join(lines)


def tmx_stats(path: str | Path) -> TmxStats:
    """Count what the TMX file at *path* holds (streaming, bounded memory)."""
    reader = TmxReader(path)
    st = TmxStats(path=Path(path))
    index = DedupIndex(scores=False)
    for tu in reader:
        st.tus += 1
        for tag, text in tu.segs.items():
            st.segments[tag] += 1
            st.chars[tag] += len(text)
            st.max_chars[tag] = max(st.max_chars.get(tag, 0), len(text))
            if len(text) > LONG_SEGMENT:
                st.long_segments += 1
        if tu.inline:
            st.with_inline += 1
        for ptype, values in tu.props.items():
            st.props[ptype] += len(values)
        for bead in tu.props.get("x-bead", []):
            st.beads[bead] += 1
        for doc in tu.props.get("x-doc", []):
            st.docs[doc] += 1
        src = reader.header.get("srclang")
        src_tag = tu.tag_for(src) if src and src.lower() != "*all*" else next(iter(tu.segs), None)
        if src_tag is None:
            st.no_source += 1
            continue
        index.add(tu.segs[src_tag], [f"{t}\x01{x}" for t, x in sorted(tu.segs.items()) if t != src_tag], 0.0)
    st.version = reader.version
    st.header = reader.header
    st.srclang = reader.header.get("srclang")
    st.max_chars = dict(sorted(st.max_chars.items()))
    plan = index.plan("merge", "all")
    st.duplicates = plan.merged
    st.conflicts = plan.conflicts
    return st
