"""Find glossary terms in text: Chinese by an Aho-Corasick automaton (longest match first, both
scripts and the variant forms), English renderings case-insensitively and inflection-tolerantly
(Snowball stems), so "relapsed into poverty" matches "relapse into poverty".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import snowballstemmer

from .model import Concept, Glossary

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")


@dataclass(frozen=True)
class TermHit:
    """A term found in a text: which concept, where, and the form that matched."""

    concept_id: str
    start: int
    end: int
    form: str


class TermMatcher:
    """Finds the glossary's Chinese terms in text; built once, used for every segment."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._auto = ahocorasick.Automaton()
        forms: dict[str, str] = {}
        for c in glossary:
            for f in c.zh_forms():
                forms.setdefault(f, c.id)
        for f, cid in forms.items():
            self._auto.add_word(f, (cid, f))
        self._empty = not forms
        if forms:
            self._auto.make_automaton()

    def find(self, text: str) -> list[TermHit]:
        """Non-overlapping hits, longest match first, in text order."""
        if self._empty:
            return []
        cands = [(end - len(f) + 1, end + 1, cid, f) for end, (cid, f) in self._auto.iter(text)]
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int]] = []
        hits: list[TermHit] = []
        for s, e, cid, f in cands:
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            hits.append(TermHit(cid, s, e, f))
        return sorted(hits, key=lambda h: h.start)

    def concept_ids(self, text: str) -> list[str]:
        """Ids of the concepts found in *text*, in order of first occurrence, no duplicates."""
        return list(dict.fromkeys(h.concept_id for h in self.find(text)))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


def en_stems(text: str) -> list[str]:
    """Lower-cased Snowball stems of the words of *text*."""
    return [_stem(w) for w in _WORD.findall(text)]


def en_contains(text: str, rendering: str) -> bool:
    """Whether *rendering* occurs in English *text*, ignoring case and inflection."""
    needle = en_stems(rendering)
    if not needle:
        return False
    hay = en_stems(text)
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def en_rendering_used(text: str, concept: Concept) -> str | None:
    """The preferred or accepted rendering of *concept* that *text* uses, or None."""
    for form in concept.en_forms():
        if en_contains(text, form):
            return form
    return None
