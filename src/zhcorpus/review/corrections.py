"""Corrections a reviewer made to a document's alignment: fixed beads, omissions, approvals, edits.

A correction is anchored by sentence ids plus a hash of those sentences' text, so it survives a
rebuild (ids are stable for the same input) and is reported *stale* — not applied — when the
sentences it names have changed since. One JSON object per line in ``corrections/<doc>.jsonl``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# kinds of correction: the three that fix a bead, and a text edit of an English sentence
BEAD_KINDS = ("bead", "omission", "approve")
KINDS = (*BEAD_KINDS, "edit")


def text_hash(zh: Sequence[str], en: Sequence[str]) -> str:
    """The anchor hash of a bead's sentence texts (16 hex digits of a sha256)."""
    data = json.dumps([list(zh), list(en)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Correction:
    """One correction; ``n`` numbers the reviewer's action it came from (one action may write
    several corrections, e.g. a split writes two beads; undo removes the whole action).

    - ``bead``/``omission``/``approve``: the sentences ``zh`` ↔ ``en`` (ids) form one bead,
      fixed in every later build; ``omission`` has one side empty (1-0 or 0-1).
    - ``edit``: the English sentence ``en[0]`` reads ``after`` instead of ``before``.
    """

    n: int
    kind: str
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    hash: str = ""
    action: str = ""  # what the reviewer did (merge-next, split, move-next, ...): for people
    before: str = ""
    after: str = ""
    texts: tuple[str, str] = ("", "")  # the bead's Chinese and English when it was made: for people
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def fixes_bead(self) -> bool:
        """Whether this correction fixes a bead (rather than editing a text)."""
        return self.kind in BEAD_KINDS

    def label(self) -> str:
        """A short human description, e.g. ``#3 omission 000.zh/4/2``."""
        ids = " + ".join([*self.zh, *(["↔"] if self.zh and self.en else []), *self.en]) or "-"
        return f"#{self.n} {self.kind} {ids}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON line (keys sorted by the writer)."""
        d: dict[str, Any] = {"n": self.n, "kind": self.kind}
        if self.action:
            d["action"] = self.action
        if self.kind == "edit":
            d.update(sentence=self.en[0], before=self.before, after=self.after, hash=self.hash)
        else:
            d.update(zh=list(self.zh), en=list(self.en), hash=self.hash,
                     zh_text=self.texts[0], en_text=self.texts[1])
        d.update(self.extra)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Correction:
        """Parse a JSON line; raises ValueError naming what is wrong."""
        if not isinstance(d, dict):
            raise ValueError("a correction must be a JSON object")
        kind = d.get("kind")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
        n = d.get("n")
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ValueError("'n' must be a positive integer")
        known = {"n", "kind", "action", "zh", "en", "hash", "zh_text", "en_text", "sentence", "before", "after"}
        extra = {k: v for k, v in d.items() if k not in known}
        if kind == "edit":
            sid, before, after = d.get("sentence"), d.get("before"), d.get("after")
            if not isinstance(sid, str) or not isinstance(before, str) or not isinstance(after, str):
                raise ValueError("an edit needs 'sentence', 'before' and 'after' strings")
            if not after.strip():
                raise ValueError("an edit may not empty the sentence (mark it untranslated instead)")
            return cls(n=n, kind=kind, en=(sid,), before=before, after=after,
                       hash=str(d.get("hash") or text_hash([], [before])), action=str(d.get("action", "")),
                       extra=extra)
        zh, en = d.get("zh", []), d.get("en", [])
        if not (isinstance(zh, list) and isinstance(en, list) and all(isinstance(x, str) for x in zh + en)):
            raise ValueError("'zh' and 'en' must be lists of sentence ids")
        if not zh and not en:
            raise ValueError("a bead needs at least one sentence")
        if kind == "omission" and zh and en:
            raise ValueError("an omission has one side empty")
        h = d.get("hash")
        if not isinstance(h, str) or not h:
            raise ValueError("'hash' (of the sentences' text) is missing")
        return cls(n=n, kind=kind, zh=tuple(zh), en=tuple(en), hash=h, action=str(d.get("action", "")),
                   texts=(str(d.get("zh_text", "")), str(d.get("en_text", ""))), extra=extra)


def bead_correction(n: int, kind: str, zh: Sequence[tuple[str, str]], en: Sequence[tuple[str, str]],
                    action: str = "", zh_join: str = "", en_join: str = " ") -> Correction:
    """A bead-fixing correction over (id, text) sentences of each side, with its anchor hash."""
    if kind not in BEAD_KINDS:
        raise ValueError(f"not a bead kind: {kind}")
    return Correction(n=n, kind=kind, zh=tuple(i for i, _ in zh), en=tuple(i for i, _ in en),
                      hash=text_hash([t for _, t in zh], [t for _, t in en]), action=action,
                      texts=(zh_join.join(t for _, t in zh), en_join.join(t for _, t in en)))


def edit_correction(n: int, sentence: str, before: str, after: str) -> Correction:
    """A text edit of one English sentence (the anchor is its text before the edit)."""
    return Correction(n=n, kind="edit", en=(sentence,), before=before, after=after,
                      hash=text_hash([], [before]), action="edit")
