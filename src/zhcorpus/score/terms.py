"""Terminology accuracy: for each segment whose source contains a glossary term, does the
hypothesis use the preferred or an accepted target rendering? (Exact-match term accuracy, as in
the WMT terminology tasks, counted once per segment and concept.)

Directions: zh -> en (Chinese terms found with :class:`~zhcorpus.glossary.TermMatcher`, English
renderings matched ignoring case and inflection), en -> zh (English renderings found in the
source, the Chinese term of the target's variant expected) and zh -> zh (a script conversion:
the term in the target variant, e.g. the Traditional or Taiwan form, expected). Chinese
hypotheses are searched with the glossary's own matcher (longest match first), and one that uses
the term in the wrong variant (Simplified in a Traditional target) is reported as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..glossary import Concept, Glossary, TermMatcher, en_rendering_used
from ..glossary.match import en_stems
from .langs import base_lang, in_variant, is_chinese, normalise_tag, region_of, script_of

PREFERRED = "preferred"
ACCEPTED = "accepted"
WRONG_VARIANT = "wrong-variant"
MISSING = "missing"


@dataclass(frozen=True)
class TermCheck:
    """One check: a concept found in the source of one segment and what the hypothesis did."""

    segment: int  # 0-based segment index
    concept_id: str
    source_form: str
    status: str  # preferred, accepted, wrong-variant or missing
    found: str | None = None  # the form the hypothesis used (the wrong one for wrong-variant)

    @property
    def hit(self) -> bool:
        """Whether the hypothesis used the preferred or an accepted rendering."""
        return self.status in (PREFERRED, ACCEPTED)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"segment": self.segment, "concept": self.concept_id, "source_form": self.source_form,
                "status": self.status, "found": self.found}


@dataclass
class TermStat:
    """Accuracy for one concept over the segments whose source contains it."""

    concept_id: str
    source: str  # the concept's term in the source language
    expected: list[str]  # preferred rendering first, then the accepted ones
    total: int = 0
    hits: int = 0
    preferred: int = 0

    @property
    def accuracy(self) -> float:
        """Hits / occurrences."""
        return self.hits / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"concept": self.concept_id, "source": self.source, "expected": self.expected,
                "total": self.total, "hits": self.hits, "preferred": self.preferred,
                "accuracy": self.accuracy}


@dataclass
class TermAccuracy:
    """Term accuracy of one system: overall, per concept, and every check (misses included)."""

    direction: str  # e.g. "zh-Hans -> en"
    checks: list[TermCheck] = field(default_factory=list)
    terms: list[TermStat] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Number of (segment, concept) checks."""
        return len(self.checks)

    @property
    def hits(self) -> int:
        """Checks where the hypothesis used a preferred or accepted rendering."""
        return sum(c.hit for c in self.checks)

    @property
    def preferred(self) -> int:
        """Checks where it used the preferred rendering."""
        return sum(c.status == PREFERRED for c in self.checks)

    @property
    def accuracy(self) -> float:
        """Hits / checks (0 when no source segment contains a term)."""
        return self.hits / self.total if self.total else 0.0

    def misses(self) -> list[TermCheck]:
        """The failed checks in segment order."""
        return [c for c in self.checks if not c.hit]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"direction": self.direction, "total": self.total, "hits": self.hits,
                "preferred": self.preferred, "accuracy": self.accuracy,
                "segments": len({c.segment for c in self.checks}),
                "terms": [t.to_dict() for t in self.terms],
                "misses": [c.to_dict() for c in self.misses()]}


@dataclass(frozen=True)
class _Forms:
    preferred: tuple[str, ...]
    accepted: tuple[str, ...]  # listed as expected; any other form written in the variant is accepted too
    wrong: tuple[str, ...]  # the term as another script or region writes it
    tag: str | None  # the target variant, None when the script is not known


def _zh_forms(c: Concept, tag: str) -> _Forms:
    """Which Chinese forms of *c* a hypothesis in variant *tag* may use."""
    if script_of(tag) is None:  # script not known: any form of the term is right
        main = tuple(dict.fromkeys(f for f in (c.zh_hans, c.zh_hant, c.zh_tw) if f))
        return _Forms(main, tuple(v for v in c.zh_variants if v not in main), (), None)
    script, region = script_of(tag), region_of(tag)
    if script == "Hans":
        preferred = c.zh_hans
    elif region == "TW" and c.zh_tw:
        preferred = c.zh_tw
    else:
        preferred = c.zh_hant
    accepted = [v for v in c.zh_variants if in_variant(v, tag)]
    if script == "Hant" and region is None and c.zh_tw:
        accepted.append(c.zh_tw)  # Taiwan usage is still Traditional Chinese; zh-HK is not Taiwan
    acc = tuple(f for f in dict.fromkeys(accepted) if f != preferred)
    wrong = tuple(f for f in (c.zh_hans, c.zh_hant, c.zh_tw) if f and f != preferred and f not in acc)
    return _Forms((preferred,), acc, wrong, tag)


class TermScorer:
    """Checks glossary terms for one direction; find the source terms once, score many systems."""

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str) -> None:
        self.glossary = glossary
        self.source_lang = normalise_tag(source_lang)
        self.target_lang = normalise_tag(target_lang)
        if not is_chinese(self.source_lang) and not is_chinese(self.target_lang):
            raise ValueError(f"term accuracy needs Chinese on one side, not {self.direction}")
        if base_lang(self.source_lang) not in ("zh", "en") or base_lang(self.target_lang) not in ("zh", "en"):
            raise ValueError(f"term accuracy supports Chinese and English, not {self.direction}")
        self._zh_matcher = TermMatcher(glossary)  # the glossary's own Chinese matching (folding, longest first)
        self._matcher = self._zh_matcher if is_chinese(self.source_lang) else None
        self._en_index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        if self._matcher is None:
            for c in glossary:
                for form in c.en_forms():
                    needle = tuple(en_stems(form))
                    if needle:
                        self._en_index.setdefault(needle[0], []).append((needle, c.id, form))

    @property
    def direction(self) -> str:
        """``source -> target``."""
        return f"{self.source_lang} -> {self.target_lang}"

    def source_terms(self, text: str) -> list[tuple[str, str]]:
        """(concept id, form) of each concept in a source segment, first occurrence, no repeats."""
        if self._matcher is not None:
            hits = [(h.concept_id, h.form) for h in self._matcher.find(text)]
        else:
            stems = en_stems(text)
            cands = []
            for i, s in enumerate(stems):
                for needle, cid, form in self._en_index.get(s, ()):
                    if tuple(stems[i:i + len(needle)]) == needle:
                        cands.append((i, i + len(needle), cid, form))
            cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
            taken: list[tuple[int, int, str, str]] = []
            for c in cands:
                if not any(c[0] < t[1] and t[0] < c[1] for t in taken):
                    taken.append(c)
            hits = [(cid, form) for _, _, cid, form in sorted(taken)]
        seen: dict[str, str] = {}
        for cid, form in hits:
            seen.setdefault(cid, form)
        return list(seen.items())

    def expected(self, concept: Concept) -> list[str]:
        """The preferred then the accepted target forms."""
        if not is_chinese(self.target_lang):
            return concept.en_forms()
        f = _zh_forms(concept, self.target_lang)
        return [*f.preferred, *f.accepted]

    def hyp_forms(self, hyp: str) -> dict[str, list[str]]:
        """For a Chinese hypothesis: concept id -> the glossary forms found in it (any variant)."""
        forms: dict[str, list[str]] = {}
        for h in self._zh_matcher.find(hyp):
            forms.setdefault(h.concept_id, []).append(h.form)
        return forms

    def check(self, segment: int, concept_id: str, source_form: str, hyp: str,
              hyp_forms: dict[str, list[str]] | None = None) -> TermCheck:
        """What the hypothesis did with one source term (*hyp_forms*: :meth:`hyp_forms`, reused)."""
        c = self.glossary.get(concept_id)
        if not is_chinese(self.target_lang):
            used = en_rendering_used(hyp, c)
            if used is None:
                return TermCheck(segment, concept_id, source_form, MISSING)
            return TermCheck(segment, concept_id, source_form, PREFERRED if used == c.en else ACCEPTED, used)
        found = (hyp_forms if hyp_forms is not None else self.hyp_forms(hyp)).get(concept_id, [])
        f = _zh_forms(c, self.target_lang)
        used = next((x for x in found if x in f.preferred), None)
        if used is not None:
            return TermCheck(segment, concept_id, source_form, PREFERRED, used)
        # a listed alternative, or any other form of the term (a variant form the glossary's matcher
        # knows, e.g. with OpenCC's 爲 for 為) as long as it is written the way the target writes it
        used = next((x for x in found if x in f.accepted or (x not in f.wrong and (
            f.tag is None or in_variant(x, f.tag)))), None)
        if used is not None:
            return TermCheck(segment, concept_id, source_form, ACCEPTED, used)
        if found:  # the term, but as another script or region writes it
            return TermCheck(segment, concept_id, source_form, WRONG_VARIANT, found[0])
        return TermCheck(segment, concept_id, source_form, MISSING)

    def find_all(self, sources: Sequence[str]) -> list[list[tuple[str, str]]]:
        """:meth:`source_terms` of every source segment."""
        return [self.source_terms(s) for s in sources]

    def score(self, hyps: Sequence[str], found: Sequence[Sequence[tuple[str, str]]]) -> TermAccuracy:
        """Term accuracy of *hyps*, given the source terms from :meth:`find_all`."""
        out = TermAccuracy(self.direction)
        stats: dict[str, TermStat] = {}
        zh_target = is_chinese(self.target_lang)
        for i, (hyp, terms) in enumerate(zip(hyps, found, strict=True)):
            forms = self.hyp_forms(hyp) if zh_target and terms else None
            for cid, form in terms:
                chk = self.check(i, cid, form, hyp, forms)
                out.checks.append(chk)
                c = self.glossary.get(cid)
                st = stats.get(cid)
                if st is None:
                    src = c.en if not is_chinese(self.source_lang) else c.zh_for(self.source_lang)
                    st = stats[cid] = TermStat(cid, src, self.expected(c))
                st.total += 1
                st.hits += chk.hit
                st.preferred += chk.status == PREFERRED
        order = {c.id: n for n, c in enumerate(self.glossary)}
        out.terms = sorted(stats.values(), key=lambda s: order[s.concept_id])
        return out


def term_accuracy(glossary: Glossary, sources: Sequence[str], hyps: Sequence[str],
                  source_lang: str, target_lang: str) -> TermAccuracy:
    """Term accuracy of one system (see :class:`TermScorer` to score several at once)."""
    scorer = TermScorer(glossary, source_lang, target_lang)
    return scorer.score(hyps, scorer.find_all(sources))
