"""Language tags of references and hypotheses: normalising them, guessing them from the text
(English, Simplified or Traditional Chinese) and choosing sacrebleu's tokenizer for a target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import opencc

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z]")
_SAMPLE_CHARS = 20000  # enough text to tell the language and script apart, cheap to convert

# Script subtags keep their Title case, regions are upper case (BCP 47 conventions).
_CANON = {"hans": "Hans", "hant": "Hant"}


def normalise_tag(tag: str) -> str:
    """A BCP 47 tag in its conventional case: ``zh-hant`` -> ``zh-Hant``, ``ZH_tw`` -> ``zh-TW``."""
    parts = [p for p in re.split(r"[-_]", tag.strip()) if p]
    if not parts:
        raise ValueError("empty language tag")
    out = [parts[0].lower()]
    for p in parts[1:]:
        low = p.lower()
        out.append(_CANON.get(low, low.title() if len(p) == 4 else low.upper() if len(p) == 2 else low))
    return "-".join(out)


def base_lang(tag: str) -> str:
    """The primary language subtag: ``zh`` for ``zh-Hant``."""
    return normalise_tag(tag).split("-")[0]


_HANS_REGIONS = {"CN", "SG", "MY"}
_HANT_REGIONS = {"TW", "HK", "MO"}


def script_of(tag: str) -> str | None:
    """The script a Chinese tag implies: its script subtag, else its region (``zh-TW`` -> Hant)."""
    parts = normalise_tag(tag).split("-")
    if parts[0] != "zh":
        return None
    for p in parts[1:]:
        if p in ("Hans", "Hant"):
            return p
    for p in parts[1:]:
        if p in _HANS_REGIONS:
            return "Hans"
        if p in _HANT_REGIONS:
            return "Hant"
    return None


def is_chinese(tag: str) -> bool:
    """Whether *tag* is a Chinese tag (any script or region)."""
    return base_lang(tag) == "zh"


def bleu_tokenizer(tag: str) -> str:
    """sacrebleu's tokenizer for a target language: ``zh`` for Chinese, ``13a`` otherwise.

    The same choice the sacrebleu command line makes from ``-l xx-zh``.
    """
    return "zh" if is_chinese(tag) else "13a"


@lru_cache(maxsize=8)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def region_of(tag: str) -> str | None:
    """The region subtag of a tag (``TW`` for ``zh-Hant-TW``), or None."""
    return next((p for p in normalise_tag(tag).split("-")[1:] if len(p) == 2 or p.isdigit()), None)


def in_variant(text: str, tag: str) -> bool:
    """Whether Chinese *text* is already written as variant *tag* writes it: OpenCC's conversion
    into that variant (t2s, s2t, s2tw or s2hk, character level) leaves it unchanged. Text whose
    characters are common to both scripts is in every variant."""
    script, region = script_of(tag), region_of(tag)
    if script == "Hans":
        config = "t2s"
    else:
        config = {"TW": "s2tw", "HK": "s2hk", "MO": "s2hk"}.get(region or "", "s2t")
    return _converter(config).convert(text) == text


def chinese_script(text: str) -> str | None:
    """``Hans`` or ``Hant`` by which OpenCC conversion changes fewer characters; None if tied."""
    sample = "".join(_HAN.findall(text))[:_SAMPLE_CHARS]
    if not sample:
        return None
    to_t = _converter("s2t").convert(sample)
    to_s = _converter("t2s").convert(sample)
    simp_only = sum(a != b for a, b in zip(sample, to_t, strict=False))  # Simplified chars s2t changes
    trad_only = sum(a != b for a, b in zip(sample, to_s, strict=False))  # Traditional chars t2s changes
    if simp_only == trad_only:
        return None
    return "Hans" if simp_only > trad_only else "Hant"


def guess_lang(lines: Sequence[str]) -> str | None:
    """``en``, ``zh-Hans``, ``zh-Hant`` or ``zh`` from the letters of *lines*; None if no letters.

    Chinese when Han characters outnumber Latin letters (a Chinese sentence has far fewer
    characters than its English translation has letters, so this errs towards English only for
    text that really is mostly Latin).
    """
    text = "\n".join(lines)[: _SAMPLE_CHARS * 4]
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if not han and not latin:
        return None
    if han * 2 >= latin:
        script = chinese_script(text)
        return f"zh-{script}" if script else "zh"
    return "en"
