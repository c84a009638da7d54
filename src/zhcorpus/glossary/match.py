"""Find glossary terms in text: Chinese by an Aho-Corasick automaton (longest match first, both
scripts and the variant forms, each form also in the other script via OpenCC), English renderings case-insensitively and inflection-tolerantly
(Snowball stems plus the irregular verb forms policy English uses), so "relapsed into poverty"
matches "relapse into poverty" and "has built" matches "build".

Chinese matching folds full-width ASCII punctuation to half-width first and variant glyphs to one
standard glyph (:mod:`.glyphs`: 爲/為, 羣衆/群眾, 考覈/考核, 脱/脫), one character for one, so offsets
stay valid: "小康不小康,关键看老乡" and "小康不小康，关键看老乡" are the same term, and 貧困群眾 is
found in OpenCC's 貧困羣衆 as in Taiwan's 貧困群眾.
English matching ignores articles and splits hyphenated words, so "a safety-net placement"
contains "safety net".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import snowballstemmer

from ..memo import BoundedMemo
from .glyphs import glyph_table
from .model import Concept, Glossary
from .scripts import all_forms

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ARTICLES = frozenset({"a", "an", "the"})

# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space fold to their ASCII forms.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20

# Irregular English verb forms -> base form (Snowball stems regular inflection only).
_IRREGULAR = {
    "arose": "arise", "arisen": "arise", "began": "begin", "begun": "begin", "bought": "buy",
    "brought": "bring", "built": "build", "chose": "choose", "chosen": "choose", "dealt": "deal",
    "drew": "draw", "drawn": "draw", "drove": "drive", "driven": "drive", "fell": "fall",
    "fallen": "fall", "fought": "fight", "found": "find", "gave": "give", "given": "give",
    "got": "get", "gotten": "get", "went": "go", "gone": "go", "grew": "grow", "grown": "grow",
    "held": "hold", "kept": "keep", "laid": "lay", "led": "lead", "lent": "lend", "lost": "lose",
    "made": "make", "meant": "mean", "met": "meet", "paid": "pay", "ran": "run", "risen": "rise",
    "seen": "see", "sought": "seek", "sold": "sell", "sent": "send", "shook": "shake",
    "shaken": "shake", "spent": "spend", "spoke": "speak", "spoken": "speak", "stood": "stand",
    "struck": "strike", "took": "take", "taken": "take", "taught": "teach", "told": "tell",
    "thought": "think", "understood": "understand", "undertook": "undertake",
    "undertaken": "undertake", "won": "win", "wrote": "write", "written": "write",
}


@dataclass(frozen=True)
class TermHit:
    """A term found in a text: which concept, where, and the glossary form that matched."""

    concept_id: str
    start: int
    end: int
    form: str


def fold_zh(text: str) -> str:
    """*text* with full-width ASCII folded to half-width; same length, so offsets carry over."""
    return text.translate(_FOLD)


@lru_cache(maxsize=1)
def _normalize_table() -> dict[int, int]:
    """The width fold and the glyph fold as one table (they touch different characters)."""
    return {**glyph_table(), **_FOLD}


def normalize_zh(text: str) -> str:
    """*text* with full-width ASCII and variant glyphs folded (:func:`fold_zh` and
    :func:`~.glyphs.fold_glyphs` in one pass); same length, so offsets carry over. Terms and texts
    are compared in this form."""
    return text.translate(_normalize_table())


class TermMatcher:
    """Finds the glossary's Chinese terms in text; built once, used for every segment."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._auto = ahocorasick.Automaton()
        forms: dict[str, tuple[str, str]] = {}
        for c in glossary:  # listed forms first: they win over a converted form of another concept
            for f in c.zh_forms():
                forms.setdefault(normalize_zh(f), (c.id, f))
        for c in glossary:
            for f in all_forms(c):
                forms.setdefault(normalize_zh(f), (c.id, f))
        for folded, value in forms.items():
            self._auto.add_word(folded, (len(folded), *value))
        self._empty = not forms
        if forms:
            self._auto.make_automaton()
        self._found: BoundedMemo[str, tuple[TermHit, ...]] = BoundedMemo(self.MEMO)  # texts repeat across units

    MEMO = 8192  # texts whose hits a matcher keeps (the oldest is dropped first)

    def find(self, text: str) -> list[TermHit]:
        """Non-overlapping hits, longest match first, in text order."""
        return list(self._found.get(text, lambda: tuple(self._find(text))))

    def _find(self, text: str) -> list[TermHit]:
        if self._empty or not text:
            return []
        cands = [(end - n + 1, end + 1, cid, f) for end, (n, cid, f) in self._auto.iter(normalize_zh(text))]
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int]] = []
        hits: list[TermHit] = []
        for s, e, cid, f in cands:
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            hits.append(TermHit(cid, s, e, f))
        return sorted(hits, key=lambda h: h.start)

    def find_any(self, texts: Iterable[str]) -> list[TermHit]:
        """Hits in the first text that has each concept, over several versions of one text
        (e.g. a segment and its script variants); one hit per concept, in order of discovery."""
        seen: dict[str, TermHit] = {}
        for t in texts:
            for h in self.find(t):
                seen.setdefault(h.concept_id, h)
        return list(seen.values())

    def occurring(self, text: str) -> set[str]:
        """Ids of every concept with a form anywhere in *text*, also inside a longer term."""
        if self._empty or not text:
            return set()
        return {cid for _, (_, cid, _) in self._auto.iter(normalize_zh(text))}

    def concept_ids(self, text: str) -> list[str]:
        """Ids of the concepts found in *text*, in order of first occurrence, no duplicates."""
        return list(dict.fromkeys(h.concept_id for h in self.find(text)))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    return _STEMMER.stemWord(_IRREGULAR.get(w, w))


@lru_cache(maxsize=8192)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(s for s in (_stem(w) for w in _WORD.findall(text)) if s not in _ARTICLES)


def en_stems(text: str) -> list[str]:
    """Lower-cased Snowball stems of the words of *text*, irregular verbs reduced, articles dropped."""
    return list(_stems(text))


def en_contains(text: str, rendering: str) -> bool:
    """Whether *rendering* occurs in English *text*, ignoring case, inflection and articles."""
    needle = _stems(rendering)
    if not needle:
        return False
    hay = _stems(text)
    n = len(needle)
    first = needle[0]
    return any(hay[i] == first and hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def en_rendering_used(text: str, concept: Concept) -> str | None:
    """The preferred or accepted rendering of *concept* that *text* uses, or None."""
    for form in concept.en_forms():
        if en_contains(text, form):
            return form
    return None
