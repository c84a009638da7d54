"""Language-code profiles: which tag a TMX uses for each Chinese variant, and back.

A pair is named with region codes (``zh-CN``, ``zh-TW``, ``zh-HK``, ``en-US``); a *profile* turns
each into the tag written in the file and says which text of a unit goes there. ``region`` writes
``zh-CN``/``zh-TW``/``zh-HK``; ``script`` writes ``zh-Hans``/``zh-Hant``/``zh-Hant-HK``. Both load
in OmegaT, Trados, memoQ and Phrase; ``zh_CN`` (underscore) makes OmegaT skip every unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PROFILES = ("region", "script")
ENGLISH = "en"  # the key of the English side (unit.en)


@dataclass(frozen=True)
class Lang:
    """One language of a pair: the code it is asked for by, the tag written, the unit text used."""

    code: str  # region code, e.g. "zh-TW"
    tag: str  # tag written in xml:lang, e.g. "zh-Hant" with the script profile
    key: str  # "en" or a Unit.variants key ("zh-Hans", "zh-TW", "zh-HK")

    @property
    def chinese(self) -> bool:
        """Whether this is a Chinese side."""
        return self.key != ENGLISH


# region code -> (variant key, tag in the region profile, tag in the script profile)
_CODES: dict[str, tuple[str, str, str]] = {
    "zh-CN": ("zh-Hans", "zh-CN", "zh-Hans"),
    "zh-TW": ("zh-TW", "zh-TW", "zh-Hant"),
    "zh-HK": ("zh-HK", "zh-HK", "zh-Hant-HK"),
    "en-US": (ENGLISH, "en-US", "en-US"),
}
REGION_CODES = tuple(_CODES)

DEFAULT_PAIRS: tuple[tuple[str, str], ...] = (
    ("zh-CN", "en-US"),
    ("zh-TW", "en-US"),
    ("zh-HK", "en-US"),
    ("zh-CN", "zh-TW"),
)

# Any tag a reader may meet (lower case, "_" read as "-") -> Unit.variants key or "en".
_KEY_OF_TAG = {
    "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-hans": "zh-Hans", "zh-hans-cn": "zh-Hans",
    "zh-hans-sg": "zh-Hans", "zh-my": "zh-Hans",
    "zh-tw": "zh-TW", "zh-hant-tw": "zh-TW", "zh-hant": "zh-TW",
    "zh-hk": "zh-HK", "zh-hant-hk": "zh-HK", "zh-mo": "zh-HK", "zh-hant-mo": "zh-HK",
}

# BCP 47 subset that CAT tools accept: language, optional script, optional region/variants.
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{5,8})*$")


def lang(code: str, profile: str = "region") -> Lang:
    """The :class:`Lang` for a region *code* (``zh-CN``) under *profile* (``region``/``script``)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown language-code profile {profile!r} (expected one of {', '.join(PROFILES)})")
    norm = normalise_tag(code)
    for c, (key, region_tag, script_tag) in _CODES.items():
        if c.lower() == norm.lower():
            return Lang(code=c, tag=region_tag if profile == "region" else script_tag, key=key)
    raise ValueError(f"unsupported language code {code!r} (expected one of {', '.join(REGION_CODES)})")


def normalise_tag(tag: str) -> str:
    """``zh_cn`` -> ``zh-CN``: hyphens, lower-case language, title-case script, upper-case region."""
    parts = tag.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        if len(p) == 4 and p.isalpha():
            out.append(p.title())
        elif len(p) == 2 and p.isalpha() or len(p) == 3 and p.isdigit():
            out.append(p.upper())
        else:
            out.append(p.lower())
    return "-".join(out)


def is_valid_tag(tag: str) -> bool:
    """Whether *tag* is a well-formed language tag as CAT tools read it (``zh-CN`` yes, ``zh_CN`` no)."""
    return bool(_BCP47.match(tag))


def key_of_tag(tag: str) -> str | None:
    """The unit field a tag's text belongs to: a variants key, ``"en"``, ``"zh"`` (Chinese, variant
    unknown) or ``None`` (another language)."""
    low = tag.strip().replace("_", "-").lower()
    if low in _KEY_OF_TAG:
        return _KEY_OF_TAG[low]
    primary = low.split("-", 1)[0]
    if primary in ("zh", "cmn", "yue"):
        return "zh"
    if primary == "en":
        return ENGLISH
    return None


def pair_name(src: Lang, tgt: Lang) -> str:
    """The name of a pair's file and its key in results: ``zh-CN_en-US``."""
    return f"{src.tag}_{tgt.tag}"
