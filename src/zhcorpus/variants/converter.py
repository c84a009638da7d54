"""The variant converter: every Chinese text in zh-Hans, zh-Hant, zh-TW and zh-HK.

Routes (measured on the seeds, see the README): Simplified text → ``s2t``, ``s2tw`` (+ the
Taiwan phrase list), ``s2hk``; Traditional text is first normalised to the OpenCC standard with
the converter of its own regional standard (``tw2t``/``hk2t``, a no-op on standard text), and
Simplified comes from the matching ``tw2s``/``hk2s`` (``t2s`` on Taiwan-form text leaves 著力 where
Simplified writes 着力). zh-TW and zh-HK come from the standard form with ``t2tw``/``t2hk``
(``t2hk`` on Taiwan-form text would keep 群 and 著). Text with both scripts is first made
Simplified with ``t2s``. The zh-TW and zh-HK results then get the regional glyph map
(:mod:`.glyphs`: 佈→布 for Taiwan; 脱→脫, 羣→群 for Hong Kong government text), the reviewed
regional phrase list (:mod:`.phrases`; for Taiwan extended by a glossary's zh-TW forms) and, by
default, corner quotation marks (:mod:`.quotes`). Create one converter and reuse it: it holds
several OpenCC instances and the phrase automata.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..memo import BoundedMemo
from ..model import VARIANT_TAGS
from .backend import Backend, get_backend
from .glyphs import apply_glyphs
from .guard import LengthMismatch, check_text
from .phrases import HongKongPhrases, OpenCCFixes, Phrase, PhraseHit, TaiwanPhrases
from .quotes import corner_quotes
from .script import (
    RegionGuess,
    ScriptGuess,
    changed_positions,
    classify,
    guess_region,
    simplified_evidence,
)

MIXED = "mixed"
REGIONAL = ("zh-TW", "zh-HK")
TRADITIONAL = ("zh-Hant", "zh-TW", "zh-HK")
# regional tag -> the configuration giving Simplified text aligned with it, for the word check
_TO_HANS = {"zh-TW": "tw2s", "zh-HK": "hk2s"}

# source form -> target tag -> OpenCC configurations applied in order (() = the text itself)
ROUTES: dict[str, dict[str, tuple[str, ...]]] = {
    "zh-Hans": {"zh-Hans": (), "zh-Hant": ("s2t",), "zh-TW": ("s2tw",), "zh-HK": ("s2hk",)},
    "zh-Hant": {"zh-Hans": ("t2s",), "zh-Hant": (), "zh-TW": ("t2tw",), "zh-HK": ("t2hk",)},
    "zh-TW": {"zh-Hans": ("tw2s",), "zh-Hant": ("tw2t",), "zh-TW": ("tw2t", "t2tw"), "zh-HK": ("tw2t", "t2hk")},
    "zh-HK": {"zh-Hans": ("hk2s",), "zh-Hant": ("hk2t",), "zh-TW": ("hk2t", "t2tw"), "zh-HK": ("hk2t", "t2hk")},
    MIXED: {tag: ("t2s", *chain) for tag, chain in
            {"zh-Hans": (), "zh-Hant": ("s2t",), "zh-TW": ("s2tw",), "zh-HK": ("s2hk",)}.items()},
}


@dataclass
class Conversion:
    """A converted text, the route it took, any length changes by OpenCC, the phrases applied."""

    text: str
    source: str  # the input form: a variant tag (zh-Hans, zh-Hant, zh-TW, zh-HK) or "mixed" (detected when asked for "auto")
    mismatches: list[LengthMismatch] = field(default_factory=list)
    phrases: list[PhraseHit] = field(default_factory=list)


@dataclass
class VariantSet:
    """A text in the four variants, the route used, and what the conversion reported."""

    variants: dict[str, str]
    source: str  # the route: a variant tag (zh-Hans, zh-Hant, zh-TW, zh-HK) or "mixed"
    mismatches: list[LengthMismatch] = field(default_factory=list)
    phrases: list[PhraseHit] = field(default_factory=list)  # the Taiwan phrases applied to zh-TW
    outputs: dict[str, str] = field(default_factory=dict)  # config -> the text converted by it alone
    hk_phrases: list[PhraseHit] = field(default_factory=list)  # the Hong Kong phrases applied to zh-HK
    fixes: list[PhraseHit] = field(default_factory=list)  # OpenCC errors fixed (in zh-Hant; the same in zh-TW/zh-HK)


@dataclass
class Analysis:
    """Script evidence for a text, with the conversions it was computed from (reusable)."""

    guess: ScriptGuess
    outputs: dict[str, str]


class VariantConverter:
    """Converts text between the variants with a backend and the curated regional phrase lists.

    *glossary* (glossary concepts) adds their zh-TW forms to the Taiwan list (the reviewed list
    wins where both have an entry); *quotes* turns “”/‘’ into 「」/『』 in zh-TW and zh-HK.
    """

    def __init__(self, backend: Backend | None = None, phrases: TaiwanPhrases | None = None,
                 *, tw_phrases: bool = True, hk_phrases: bool = True, quotes: bool = True,
                 glossary: Iterable[Any] | None = None) -> None:
        self.backend = backend if backend is not None else get_backend()
        self.phrases = (phrases if phrases is not None else TaiwanPhrases.load()) if tw_phrases else TaiwanPhrases([])
        self.hk_phrases = HongKongPhrases.load() if hk_phrases else HongKongPhrases([])
        self.fixes = OpenCCFixes.load()
        self.quotes = quotes
        self._conversions: BoundedMemo[tuple[Backend, str, str], str] = BoundedMemo(self.MEMO)
        if glossary is not None and tw_phrases:
            self.phrases = self.phrases.extended(glossary_phrases(glossary, self))

    @property
    def description(self) -> str:
        """``<backend> <version>``, for metadata."""
        return f"{self.backend.name} {self.backend.version}"

    MEMO = 16384  # conversions a converter keeps (sentences repeat across documents)

    def run(self, config: str, text: str, mismatches: list[LengthMismatch] | None = None) -> str:
        """One OpenCC conversion, guarded: unsafe characters are rejected, length changes recorded."""
        check_text(text)
        backend = self.backend  # (part of the key: a converter given another backend remembers anew)
        out = self._conversions.get((backend, config, text), lambda: backend.convert(config, text))
        if len(out) != len(text) and mismatches is not None:
            mismatches.append(LengthMismatch(config, text, out))
        return out

    def _chain(self, text: str, chain: tuple[str, ...], memo: dict[tuple[str, ...], str],
               mismatches: list[LengthMismatch]) -> str:
        """*text* through the configurations of *chain*, reusing prefixes already computed."""
        out = text
        for i in range(len(chain)):
            key = chain[:i + 1]
            if key not in memo:
                memo[key] = self.run(chain[i], out, mismatches)
            out = memo[key]
        return out

    # -- detection ---------------------------------------------------------------------------

    def analyse(self, text: str) -> Analysis:
        """Script evidence for *text*; ``outputs`` keeps the conversions made (t2s, s2t, ...)."""
        outputs: dict[str, str] = {}

        def converted(config: str) -> str:
            if config not in outputs:
                outputs[config] = self.run(config, text)
            return outputs[config]

        hant = len(changed_positions(text, converted("t2s")))
        hans = simplified_evidence(text, converted)
        return Analysis(classify(hans, hant), outputs)

    def detect(self, text: str) -> ScriptGuess:
        """The script of *text*: Hans, Hant, mixed or neutral, with a confidence."""
        return self.analyse(text).guess

    def region(self, text: str) -> RegionGuess:
        """The regional standard of a Traditional *text*: zh-TW, zh-HK or zh-Hant (OpenCC)."""
        outs = [self.run(c, text) for c in ("t2tw", "t2hk", "tw2t", "hk2t")]
        return guess_region(text, *outs)

    def source_form(self, text: str, default: str = "zh-Hans", default_region: str = "zh-Hant") -> str:
        """The route for *text*: its script and, if Traditional, its regional standard.

        Text with no evidence either way takes *default*; Traditional text whose regional
        standard cannot be told apart takes *default_region*.
        """
        return self._route(self.analyse(text), text, default, default_region)

    def _route(self, analysis: Analysis, text: str, default: str, default_region: str) -> str:
        return self.route_for(analysis.guess, default, lambda: self.region_or(text, default_region))

    def region_or(self, text: str, default: str) -> str:
        """The regional standard of *text*, or *default* when nothing tells them apart."""
        r = self.region(text)
        return r.tag if any(r.distances.values()) else default

    @staticmethod
    def route_for(guess: ScriptGuess, default: str, region: str | Callable[[], str]) -> str:
        """The route for a script guess: zh-Hans, the Traditional *region*, mixed or *default*."""
        if guess.hans and guess.hant:
            return MIXED
        if guess.hans:
            return "zh-Hans"
        if guess.hant:
            return region() if callable(region) else region
        return default

    # -- conversion --------------------------------------------------------------------------

    def _regional(self, tag: str, text: str, hans: str, mismatches: list[LengthMismatch]
                  ) -> tuple[str, list[PhraseHit]]:
        """*text* (OpenCC's zh-TW or zh-HK) with the region's glyphs, phrases and quotation marks.

        Phrases are checked for word boundaries on the aligned Simplified *hans*.
        """
        text = apply_glyphs(text, tag)
        phrases = self.phrases if tag == "zh-TW" else self.hk_phrases
        hits: list[PhraseHit] = []
        if phrases.candidates(text):
            if len(hans) != len(text):
                hans = self.run(_TO_HANS[tag], text, mismatches)
            text, hits = phrases.apply(text, hans)
        if self.quotes:
            text = corner_quotes(text)
        return text, hits

    def fix_opencc(self, text: str, hans: str) -> tuple[str, list[PhraseHit]]:
        """*text* (any Traditional variant) with OpenCC's own errors fixed (:class:`OpenCCFixes`)."""
        if not self.fixes.candidates(text) or len(hans) != len(text):
            return text, []
        return self.fixes.apply(text, hans)

    def _taiwan(self, tw: str, hans: str, mismatches: list[LengthMismatch]) -> tuple[str, list[PhraseHit]]:
        """The Taiwan glyphs, phrase list and quotes applied to *tw* (see :meth:`_regional`)."""
        return self._regional("zh-TW", tw, hans, mismatches)

    @staticmethod
    def _seed(text: str, source: str, known: dict[str, str] | None
              ) -> tuple[dict[tuple[str, ...], str], list[LengthMismatch]]:
        """A memo of the route's first conversions already in *known*, and their length changes."""
        memo: dict[tuple[str, ...], str] = {}
        mismatches: list[LengthMismatch] = []
        if not known:
            return memo, mismatches
        first = {chain[0] for chain in ROUTES[source].values() if chain}
        for config, converted in known.items():
            if config in first:
                memo[(config,)] = converted
                if len(converted) != len(text):
                    mismatches.append(LengthMismatch(config, text, converted))
        return memo, mismatches

    def variants(self, text: str, source: str, known: dict[str, str] | None = None) -> VariantSet:
        """*text* (written in the *source* form, or "mixed") in all four variants.

        *known* maps configurations to *text* already converted by them (e.g. from
        :meth:`analyse`), so they are not run again.
        """
        if source not in ROUTES:
            raise ValueError(f"unknown source form {source!r} (expected one of {', '.join(ROUTES)})")
        memo, mismatches = self._seed(text, source, known)
        out = {tag: self._chain(text, ROUTES[source][tag], memo, mismatches) for tag in VARIANT_TAGS}
        fixes: list[PhraseHit] = []
        for tag in TRADITIONAL:
            out[tag], fixed = self.fix_opencc(out[tag], out["zh-Hans"])
            fixes = fixes or fixed
        out["zh-TW"], hits = self._regional("zh-TW", out["zh-TW"], out["zh-Hans"], mismatches)
        out["zh-HK"], hk_hits = self._regional("zh-HK", out["zh-HK"], out["zh-Hans"], mismatches)
        outputs = {k[0]: v for k, v in memo.items() if len(k) == 1}
        return VariantSet(out, source, mismatches, hits, outputs, hk_hits, fixes)

    def convert(self, text: str, to: str, source: str = "auto", *, default: str = "zh-Hans",
                default_region: str = "zh-Hant") -> Conversion:
        """*text* converted to the variant *to*; *source* is a variant tag, "mixed" or "auto".

        With "auto", text without script evidence is taken as *default*, and Traditional text
        whose regional standard cannot be told apart as *default_region*.
        """
        if to not in VARIANT_TAGS:
            raise ValueError(f"unknown target {to!r} (expected one of {', '.join(VARIANT_TAGS)})")
        known = None
        if source == "auto":
            analysis = self.analyse(text)
            source, known = self._route(analysis, text, default, default_region), analysis.outputs
        if source not in ROUTES:
            raise ValueError(f"unknown source form {source!r}")
        memo, mismatches = self._seed(text, source, known)
        out = self._chain(text, ROUTES[source][to], memo, mismatches)
        hits: list[PhraseHit] = []
        if to in TRADITIONAL:
            hans = self._chain(text, ROUTES[source]["zh-Hans"], memo, mismatches)
            out, _fixed = self.fix_opencc(out, hans)
            if to in REGIONAL:
                out, hits = self._regional(to, out, hans, mismatches)
        return Conversion(out, source, mismatches, hits)


def glossary_phrases(concepts: Iterable[Any], converter: VariantConverter) -> list[Phrase]:
    """Taiwan phrases from glossary concepts with a ``zh_tw`` form that differs from ``s2tw``.

    The key is what the zh-TW conversion writes before phrases (``s2tw`` and the Taiwan glyphs).
    """
    out: list[Phrase] = []
    for c in concepts:
        if not getattr(c, "zh_tw", "") or not getattr(c, "zh_hans", ""):
            continue
        key = apply_glyphs(converter.run("s2tw", c.zh_hans), "zh-TW")
        if key != c.zh_tw:
            out.append(Phrase(key, c.zh_tw, f"glossary {c.id}", getattr(c, "notes", "") or "glossary zh_tw form"))
    return out
