"""Apply a document's corrections to its alignment: reviewed beads are fixed, and only the
sentences around them that no longer fit are re-aligned.

Pure: the sentences, the aligner's beads and the corrections in, new beads out. Corrections are
taken latest first; one whose sentences no longer exist, are no longer adjacent or whose text has
changed (its anchor hash differs) is *stale* and skipped; one that overlaps or crosses a later
correction is *superseded* (the later action won). The original beads untouched by any fixed
bead are kept as they are; each run of original beads a fixed bead cuts into is rebuilt from its
fixed beads plus the leftover sentences, which ``realign`` aligns between them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..align.bead import Bead
from .corrections import Correction, text_hash

REVIEWED = "reviewed"
# realign(zh indices, en indices) -> beads whose indices point into those two lists
Realign = Callable[[Sequence[int], Sequence[int]], Sequence[Bead]]


class Sentence(Protocol):
    """Anything with a sentence id and its text (e.g. :class:`zhcorpus.model.Segment`)."""

    id: str
    text: str


@dataclass
class Applied:
    """The corrected alignment and what happened to each correction."""

    beads: list[Bead]
    edits: dict[int, str] = field(default_factory=dict)  # English sentence index -> corrected text
    applied: list[Correction] = field(default_factory=list)
    stale: list[tuple[Correction, str]] = field(default_factory=list)  # (correction, why)
    superseded: list[Correction] = field(default_factory=list)
    realigned: int = 0  # spans handed to the aligner
    replaced: list[Bead] = field(default_factory=list)  # the original beads the fixed ones cut into


@dataclass(frozen=True)
class _Fixed:
    c: Correction
    zh: tuple[int, ...]
    en: tuple[int, ...]


def _consecutive(ix: Sequence[int]) -> bool:
    return all(b == a + 1 for a, b in zip(ix, ix[1:], strict=False))


def _ordered(a: _Fixed, b: _Fixed) -> bool:
    """Whether two disjoint two-sided beads can both stand in one monotone alignment."""
    return (a.zh[-1] < b.zh[0] and a.en[-1] < b.en[0]) or (b.zh[-1] < a.zh[0] and b.en[-1] < a.en[0])


def _check_tiling(beads: Sequence[Bead], nz: int, ne: int, what: str) -> None:
    z = [i for b in beads for i in b.zh]
    e = [j for b in beads for j in b.en]
    if z != list(range(nz)) or e != list(range(ne)):
        raise ValueError(f"{what}: every sentence must be in exactly one bead, in order")


def _validate(corrections: Sequence[Correction], zh: Sequence[Sentence], en: Sequence[Sentence],
              out: Applied) -> tuple[list[_Fixed], dict[int, str]]:
    zpos = {s.id: i for i, s in enumerate(zh)}
    epos = {s.id: j for j, s in enumerate(en)}
    fixed: list[_Fixed] = []
    claimed_z: set[int] = set()
    claimed_e: set[int] = set()
    edits: dict[int, str] = {}
    # latest first: a later action wins over an earlier one it overlaps
    for c in sorted(corrections, key=lambda c: c.n, reverse=True):
        if c.kind == "edit":
            j = epos.get(c.en[0])
            if j is None:
                out.stale.append((c, f"sentence {c.en[0]} no longer exists"))
            elif en[j].text != c.before:
                out.stale.append((c, f"the text of {c.en[0]} changed since the edit"))
            elif j in edits:
                out.superseded.append(c)
            else:
                edits[j] = c.after
                out.applied.append(c)
            continue
        missing = [i for i in c.zh if i not in zpos] + [i for i in c.en if i not in epos]
        if missing:
            out.stale.append((c, f"sentence {missing[0]} no longer exists"))
            continue
        zi, ei = tuple(zpos[i] for i in c.zh), tuple(epos[i] for i in c.en)
        if not (_consecutive(zi) and _consecutive(ei)):
            out.stale.append((c, "its sentences are no longer adjacent"))
            continue
        if text_hash([zh[i].text for i in zi], [en[j].text for j in ei]) != c.hash:
            out.stale.append((c, "the text of its sentences changed"))
            continue
        f = _Fixed(c, zi, ei)
        if claimed_z.intersection(zi) or claimed_e.intersection(ei) or (
                zi and ei and any(g.zh and g.en and not _ordered(f, g) for g in fixed)):
            out.superseded.append(c)
            continue
        claimed_z.update(zi)
        claimed_e.update(ei)
        fixed.append(f)
        out.applied.append(c)
    out.applied.sort(key=lambda c: c.n)
    out.superseded.sort(key=lambda c: c.n)
    out.stale.sort(key=lambda s: s[0].n)
    return fixed, edits


def _runs(beads: Sequence[Bead], fixed: Sequence[_Fixed]) -> list[tuple[int, int]]:
    """Index intervals of the original beads each fixed bead cuts into, overlapping ones merged."""
    zb = {i: k for k, b in enumerate(beads) for i in b.zh}
    eb = {j: k for k, b in enumerate(beads) for j in b.en}
    spans = sorted((min(ks), max(ks)) for f in fixed
                   for ks in [[zb[i] for i in f.zh] + [eb[j] for j in f.en]])
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _weave(main: list[Bead], empties: list[Bead]) -> list[Bead]:
    """Insert one-sided fixed beads into a monotone bead list, each before the first bead that
    comes after it on its own side (ties: Chinese-side first, then by index)."""
    def pos(e: Bead) -> tuple[int, int, int]:
        if e.zh:
            i = e.zh[0]
            k = next((t for t, b in enumerate(main) if b.zh and b.zh[0] > i), len(main))
            return k, 0, i
        j = e.en[0]
        k = next((t for t, b in enumerate(main) if b.en and b.en[0] > j), len(main))
        return k, 1, j
    keyed = sorted((pos(e), e) for e in empties)
    out: list[Bead] = []
    t = 0
    for (k, _, _), e in keyed:
        out.extend(main[t:k])
        t = k
        out.append(e)
    out.extend(main[t:])
    return out


def _gap(gz: list[int], ge: list[int], realign: Realign, out: Applied) -> list[Bead]:
    if gz and ge:
        out.realigned += 1
        local = list(realign(gz, ge))
        _check_tiling(local, len(gz), len(ge), "realign")
        return [Bead(tuple(gz[i] for i in b.zh), tuple(ge[j] for j in b.en), b.score, b.flags) for b in local]
    # a leftover with nothing on the other side: untranslated, as the aligner flags such sentences
    lone = ("omission", "low-confidence")
    return [Bead((i,), (), 0.0, lone) for i in gz] + [Bead((), (j,), 0.0, lone) for j in ge]


def _rebuild(run: Sequence[Bead], fixed: Sequence[_Fixed], realign: Realign, out: Applied) -> list[Bead]:
    """The beads replacing a run of original beads: its fixed beads and the rest re-aligned."""
    rz = sorted(i for b in run for i in b.zh)
    re_ = sorted(j for b in run for j in b.en)
    fz = {i for f in fixed for i in f.zh}
    fe = {j for f in fixed for j in f.en}
    left_z = [i for i in rz if i not in fz]
    left_e = [j for j in re_ if j not in fe]
    mark = (REVIEWED,)
    anchors = sorted((f for f in fixed if f.zh and f.en), key=lambda f: f.zh[0])
    empties = [f for f in fixed if not (f.zh and f.en)]
    result: list[Bead] = []
    lo_z = lo_e = -1
    for k in range(len(anchors) + 1):
        hi_z = anchors[k].zh[0] if k < len(anchors) else 1 << 62
        hi_e = anchors[k].en[0] if k < len(anchors) else 1 << 62
        gz = [i for i in left_z if lo_z < i < hi_z]
        ge = [j for j in left_e if lo_e < j < hi_e]
        ez = [Bead(f.zh, f.en, 1.0, mark) for f in empties
              if (f.zh and lo_z < f.zh[0] < hi_z) or (f.en and lo_e < f.en[0] < hi_e)]
        result.extend(_weave(_gap(gz, ge, realign, out), ez))
        if k < len(anchors):
            a = anchors[k]
            result.append(Bead(a.zh, a.en, 1.0, mark))
            lo_z, lo_e = a.zh[-1], a.en[-1]
    return result


def apply_corrections(zh_sentences: Sequence[Sentence], en_sentences: Sequence[Sentence],
                      beads: Sequence[Bead], corrections: Sequence[Correction], realign: Realign) -> Applied:
    """The alignment *beads* of the two sentence lists with *corrections* applied.

    Fixed beads get the flag ``reviewed`` and score 1.0; ``Applied.edits`` holds the corrected
    text of edited English sentences; stale and superseded corrections are listed, not applied.
    Every sentence stays in exactly one bead, in order."""
    _check_tiling(beads, len(zh_sentences), len(en_sentences), "beads")
    out = Applied(beads=[])
    fixed, out.edits = _validate(corrections, zh_sentences, en_sentences, out)
    if not fixed:
        out.beads = list(beads)
        return out
    runs = _runs(beads, fixed)
    zb = {i: k for k, b in enumerate(beads) for i in b.zh}
    eb = {j: k for k, b in enumerate(beads) for j in b.en}
    k = 0
    for a, b in runs:
        out.beads.extend(beads[k:a])
        inside = [f for f in fixed if a <= (zb[f.zh[0]] if f.zh else eb[f.en[0]]) <= b]
        out.replaced.extend(beads[a:b + 1])
        out.beads.extend(_rebuild(beads[a:b + 1], inside, realign, out))
        k = b + 1
    out.beads.extend(beads[k:])
    _check_tiling(out.beads, len(zh_sentences), len(en_sentences), "corrected beads")
    return out
