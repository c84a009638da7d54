"""Chinese script conversion for glossary terms (OpenCC): a term or variant listed in one script
is also found, and exported, in the other, so curators list each variant once.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import opencc

from .model import Concept

HANS, HANT = "Hans", "Hant"


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=16384)
def to_hant(text: str) -> str:
    """*text* in Traditional characters of the common (Taiwan) standard, 群眾 and 為 rather than
    OpenCC's 羣衆 and 爲; no regional vocabulary (OpenCC s2tw)."""
    return _converter("s2tw.json").convert(text)


@lru_cache(maxsize=16384)
def hant_spellings(text: str) -> tuple[str, ...]:
    """*text* in each Traditional character standard (Taiwan, Hong Kong, OpenCC), no duplicates:
    a Traditional text may follow any of them."""
    return tuple(dict.fromkeys(_converter(c).convert(text) for c in ("s2tw.json", "s2hk.json", "s2t.json")))


@lru_cache(maxsize=16384)
def to_hans(text: str) -> str:
    """*text* in Simplified characters (OpenCC t2s)."""
    return _converter("t2s.json").convert(text)


@lru_cache(maxsize=16384)
def to_taiwan(text: str) -> str:
    """*text* in Taiwan Traditional with Taiwan vocabulary (OpenCC s2twp), a first draft for zh_tw."""
    return _converter("s2twp.json").convert(text)


def script_of(text: str) -> str:
    """``Hans``, ``Hant`` or ``both`` (the same characters in either script)."""
    hans, hant = to_hans(text) == text, to_hant(text) == text
    if hans and not hant:
        return HANS
    if hant and not hans:
        return HANT
    return "both"


def forms_in_script(concept: Concept, script: str) -> list[str]:
    """The concept's Chinese forms written in *script* (``Hans`` or ``Hant``): the main term of
    that script first, then every variant converted to it; no duplicates."""
    convert = to_hans if script == HANS else to_hant
    main = concept.zh_hans if script == HANS else concept.zh_hant
    forms = [main, *(convert(v) for v in concept.zh_variants)]
    return list(dict.fromkeys(f for f in forms if f))


def all_forms(concept: Concept) -> list[str]:
    """Every form of the concept as listed, then converted to the other script; no duplicates."""
    listed = concept.zh_forms()
    converted = [h for f in listed for h in hant_spellings(to_hans(f))] + [to_hans(f) for f in listed]
    return list(dict.fromkeys([*listed, *converted]))


def taiwan_forms(concepts: Iterable[Concept]) -> list[tuple[str, str]]:
    """The glossary's Taiwan terms as (Traditional form, Taiwan form) pairs: the Traditional
    form as OpenCC s2tw writes the Simplified term (what a zh-TW converter produces before its
    phrase list) and the concept's listed ``zh_tw``. Only concepts whose Taiwan form differs;
    glossary order, no duplicates. The zh-TW variant rules read these so the glossary is the one
    source of truth for Taiwan terms."""
    pairs: dict[tuple[str, str], None] = {}
    for c in concepts:
        if not c.zh_tw:
            continue
        for hant in (to_hant(c.zh_hans), c.zh_hant):
            if hant and hant != c.zh_tw:
                pairs.setdefault((hant, c.zh_tw), None)
    return list(pairs)
