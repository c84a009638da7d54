"""A reviewer's actions on a document turned into corrections: merge, split, move an edge
sentence, mark untranslated, edit an English sentence, approve, undo.

Each action looks at the document as the reviewer sees it (its beads with the corrections so far
applied) and returns the corrections it adds; every bead it produces is written out explicitly
(zh ids ↔ en ids), so the result does not depend on the aligner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..align.bead import Bead
from ..errors import ZhcorpusError
from .corrections import Correction, bead_correction, edit_correction

ACTIONS = ("approve", "merge-next", "merge-prev", "split", "move-next", "move-prev", "omission", "edit", "undo")


class ActionError(ZhcorpusError):
    """An action that cannot be done on this bead (says why); nothing was saved."""


@dataclass(frozen=True)
class Sentences:
    """The two sides' sentences as (id, original text) lists."""

    zh: Sequence[tuple[str, str]]
    en: Sequence[tuple[str, str]]


def _bead(n: int, kind: str, zh: Sequence[int], en: Sequence[int], s: Sentences, action: str) -> Correction:
    if not zh and not en:
        raise ActionError("a bead needs at least one sentence")
    if kind == "bead" and not (zh and en):
        kind = "omission"
    return bead_correction(n, kind, [s.zh[i] for i in zh], [s.en[j] for j in en], action=action)


def _index(beads: Sequence[Bead], k: Any) -> int:
    try:
        k = int(k)
    except (TypeError, ValueError):
        raise ActionError(f"not a bead number: {k!r}") from None
    if not 0 <= k < len(beads):
        raise ActionError(f"no bead {k + 1} in this document ({len(beads)} beads)")
    return k


def _int(params: dict[str, Any], name: str) -> int:
    try:
        return int(params[name])
    except (KeyError, TypeError, ValueError):
        raise ActionError(f"'{name}' must be a whole number") from None


def plan(action: str, beads: Sequence[Bead], s: Sentences, n: int, params: dict[str, Any]) -> list[Correction]:
    """The corrections (numbered *n*) that *action* adds, given the document's current *beads*.

    ``params``: ``bead`` (0-based position) for bead actions; ``zh``/``en`` (sentences kept in the
    first part) for ``split``; ``side`` (``zh``/``en``) for ``move-*``; ``sentence`` (an id, or
    none for the whole bead) for ``omission``; ``sentence`` and ``text`` for ``edit``."""
    if action == "edit":
        sid = str(params.get("sentence", ""))
        text = str(params.get("text", "")).strip()
        orig = dict(s.en).get(sid)
        if orig is None:
            raise ActionError(f"no English sentence {sid!r} in this document")
        if not text:
            raise ActionError("the corrected sentence is empty (mark it untranslated instead)")
        if "\n" in text:
            raise ActionError("a sentence cannot contain a line break")
        return [edit_correction(n, sid, orig, text)]
    if action not in ACTIONS or action == "undo":
        raise ActionError(f"unknown action {action!r}")
    k = _index(beads, params.get("bead"))
    b = beads[k]
    if action == "approve":
        return [_bead(n, "approve" if b.zh and b.en else "omission", b.zh, b.en, s, "approve")]
    if action in ("merge-next", "merge-prev"):
        j = k + 1 if action == "merge-next" else k - 1
        if not 0 <= j < len(beads):
            raise ActionError(f"bead {k + 1} has no {'next' if j > k else 'previous'} bead to merge with")
        a, c = (b, beads[j]) if j > k else (beads[j], b)
        return [_bead(n, "bead", a.zh + c.zh, a.en + c.en, s, action)]
    if action == "split":
        zc, ec = _int(params, "zh"), _int(params, "en")
        if not (0 <= zc <= len(b.zh) and 0 <= ec <= len(b.en)):
            raise ActionError(f"bead {k + 1} is {b.type}: cannot keep {zc} zh / {ec} en sentences in its first part")
        first, second = (b.zh[:zc], b.en[:ec]), (b.zh[zc:], b.en[ec:])
        if not (first[0] or first[1]) or not (second[0] or second[1]):
            raise ActionError("both parts of a split need at least one sentence")
        return [_bead(n, "bead", *first, s, "split"), _bead(n, "bead", *second, s, "split")]
    if action in ("move-next", "move-prev"):
        side = params.get("side")
        if side not in ("zh", "en"):
            raise ActionError("'side' must be zh or en")
        j = k + 1 if action == "move-next" else k - 1
        if not 0 <= j < len(beads):
            raise ActionError(f"bead {k + 1} has no {'next' if j > k else 'previous'} bead")
        mine = list(b.zh if side == "zh" else b.en)
        if not mine:
            raise ActionError(f"bead {k + 1} has no {side} sentence to move")
        other = beads[j]
        theirs = list(other.zh if side == "zh" else other.en)
        if j > k:
            moved, mine = mine[-1], mine[:-1]
            theirs = [moved, *theirs]
        else:
            moved, mine = mine[0], mine[1:]
            theirs = [*theirs, moved]
        new_b = (mine, list(b.en)) if side == "zh" else (list(b.zh), mine)
        new_o = (theirs, list(other.en)) if side == "zh" else (list(other.zh), theirs)
        out = []
        for zh, en in ((new_b, new_o) if j > k else (new_o, new_b)):
            if zh or en:
                out.append(_bead(n, "bead", zh, en, s, action))
        return out
    # omission
    sid = params.get("sentence")
    if not sid:  # the whole bead: every sentence untranslated
        return ([_bead(n, "omission", (i,), (), s, "omission") for i in b.zh]
                + [_bead(n, "omission", (), (j,), s, "omission") for j in b.en])
    zids = [s.zh[i][0] for i in b.zh]
    eids = [s.en[j][0] for j in b.en]
    if sid in zids:
        side, ix, pos = "zh", list(b.zh), zids.index(sid)
    elif sid in eids:
        side, ix, pos = "en", list(b.en), eids.index(sid)
    else:
        raise ActionError(f"sentence {sid} is not in bead {k + 1}")
    if 0 < pos < len(ix) - 1:
        raise ActionError(f"{sid} is in the middle of bead {k + 1}: split the bead first")
    lone = ix[pos]
    rest = ix[:pos] + ix[pos + 1:]
    out = [_bead(n, "omission", (lone,) if side == "zh" else (), () if side == "zh" else (lone,), s, "omission")]
    rz, re_ = (rest, list(b.en)) if side == "zh" else (list(b.zh), rest)
    if rz or re_:
        out.append(_bead(n, "bead", rz, re_, s, "omission"))
    return out


def undo(items: Sequence[Correction]) -> list[Correction]:
    """The corrections without the latest action (an ActionError when there is nothing to undo)."""
    if not items:
        raise ActionError("nothing to undo in this document")
    last = max(c.n for c in items)
    return [c for c in items if c.n != last]
