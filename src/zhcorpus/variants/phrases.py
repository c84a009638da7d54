"""The curated regional phrase lists: policy terms whose Taiwan or Hong Kong usage really differs.

OpenCC's phrase configurations (``s2twp``) rewrite ordinary policy words as IT jargon
(對象→物件, 社區→社群, 項目→專案), so Taiwan vocabulary comes from a reviewed list in
``data/tw_phrases.tsv`` (columns ``mainland``, ``taiwan``, ``source``, ``reason``), applied on top
of the character conversion ``s2tw``/``t2tw``; the Hong Kong list (``data/hk_phrases.tsv``, columns
``mainland``, ``hongkong``, ``source``, ``reason``: 信息→資訊, 生活質素, 殘疾人士) on top of ``s2hk``.
Keys are written as the character conversion (and the regional glyph map, :mod:`.glyphs`) writes
them. An entry whose two forms are equal protects a longer phrase (灌溉渠道 is a watercourse, not
a 管道; 互聯網+ is the name of a mainland initiative).

Matches are leftmost-longest (Aho-Corasick) and must respect word boundaries: a match is applied
only where the jieba segmentation of the aligned Simplified text does not cut through it
(電視頻道 has no 視頻, 心智能力 has no 智能), unless it is the start or end of a longer word
(信息化 → 資訊化, 高質量 → 高品質).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick

from ..errors import InputError

COLUMNS = ("mainland", "taiwan", "source", "reason")
DATA_FILE = "tw_phrases.tsv"
REJECTED_FILE = "tw_rejected.tsv"
# region -> (data file, the column holding the regional form)
REGION_FILES = {"zh-TW": (DATA_FILE, "taiwan"), "zh-HK": ("hk_phrases.tsv", "hongkong"),
                "zh-Hant": ("opencc_fixes.tsv", "fixed")}


@dataclass(frozen=True)
class Phrase:
    """One reviewed entry: the mainland form (as the character conversion writes it) and the regional form."""

    mainland: str
    regional: str
    source: str
    reason: str
    line: int = 0
    context: tuple[str, ...] = ()  # the entry applies only in a text holding one of these words

    @property
    def keep(self) -> bool:
        """Whether the entry only protects a phrase from shorter entries."""
        return self.mainland == self.regional

    @property
    def taiwan(self) -> str:
        """The regional form (the name from when only the Taiwan list existed)."""
        return self.regional


@dataclass(frozen=True)
class PhraseHit:
    """A phrase applied at *start* (an offset in the text it was applied to)."""

    start: int
    mainland: str
    regional: str

    @property
    def taiwan(self) -> str:
        """The regional form (the name from when only the Taiwan list existed)."""
        return self.regional


def data_path(name: str) -> Path:
    """The path of a data file shipped in this package."""
    return Path(str(resources.files(__package__).joinpath("data", name)))


def read_tsv(path: str | Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a TSV with a header; ``#`` lines are comments; errors name the line."""
    path = Path(path)
    try:
        fh = open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        raise InputError(path, "phrase list not found") from None
    rows: list[tuple[int, dict[str, str]]] = []
    with fh:
        lines = [(n, line.rstrip("\r\n")) for n, line in enumerate(fh, 1)]
    body = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    if not body:
        raise InputError(path, "empty phrase list (no header row)")
    header_line, header = body[0]
    names = header.split("\t")
    if tuple(names[:len(columns)]) != columns:
        raise InputError(path, f"header must start with {' '.join(columns)}", where=str(header_line))
    for n, line in body[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) != len(names):
            raise InputError(path, f"expected {len(names)} tab-separated fields, found {len(cells)}", where=str(n))
        row = {k: v.strip() for k, v in zip(names, cells, strict=True)}
        empty = [c for c in columns if not row[c]]
        if empty:
            raise InputError(path, f"empty field(s): {', '.join(empty)}", where=str(n))
        rows.append((n, row))
    return rows


def load_phrases(path: str | Path | None = None, region: str = "zh-TW") -> list[Phrase]:
    """The entries of a phrase list (default: the reviewed list of *region* shipped in the package)."""
    name, column = REGION_FILES[region]
    path = Path(path) if path is not None else data_path(name)
    phrases: list[Phrase] = []
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    for n, row in read_tsv(path, ("mainland", column, "source", "reason")):
        key = row["mainland"]
        if any(ch.isspace() for ch in key + row[column]):
            raise InputError(path, "a phrase may not contain whitespace", where=str(n))
        context = tuple(w for w in row.get("context", "").split("|") if w)
        if (key, context) in seen:
            raise InputError(path, f"duplicate entry {key!r} (first on line {seen[key, context]})", where=str(n))
        seen[key, context] = n
        phrases.append(Phrase(key, row[column], row["source"], row["reason"], n, context))
    return phrases


def _tokenizer() -> Any:
    """The jieba tokenizer used for the word-boundary check: jieba's default one, as the aligner's
    (one dictionary load per process, not two)."""
    from ..align.chinese import jieba_tokenizer

    return jieba_tokenizer()


def respects_words(hans: str, start: int, end: int, window: int = 10) -> bool:
    """Whether [start, end) in *hans* is a run of whole words or the start or end of one word.

    Only *window* characters either side are segmented (jieba is slow; a word rarely reaches
    further), so the check costs the same in a long sentence as in a short one.
    """
    lo = max(0, start - window)
    for _w, a, b in _tokenizer().tokenize(hans[lo:min(len(hans), end + window)], HMM=False):
        a, b = a + lo, b + lo
        if b <= start or a >= end:
            continue
        inside = start <= a and b <= end
        edge = a <= start and end <= b and (a == start or b == end)
        if not (inside or edge):
            return False
    return True


class TaiwanPhrases:
    """A phrase list compiled into an Aho-Corasick automaton (build once, reuse).

    The class is named for the first list; :class:`HongKongPhrases` is the same with the Hong
    Kong list as its default.
    """

    REGION = "zh-TW"

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.phrases: list[Phrase] = list(phrases)
        self._automaton: Any = None
        groups: dict[str, list[Phrase]] = {}
        for p in self.phrases:
            if p.mainland:
                groups.setdefault(p.mainland, []).append(p)
        if groups:
            auto = ahocorasick.Automaton()
            for key, group in groups.items():
                auto.add_word(key, (key, tuple(sorted(group, key=lambda p: not p.context))))
            auto.make_automaton()
            self._automaton = auto

    @classmethod
    def load(cls, path: str | Path | None = None) -> TaiwanPhrases:
        """The list in *path* (default: the reviewed list of the class's region shipped in the package)."""
        return cls(load_phrases(path, cls.REGION))

    def extended(self, extra: Iterable[Phrase]) -> TaiwanPhrases:
        """A new list with *extra* entries added (entries already present keep their form)."""
        have = {p.mainland for p in self.phrases}  # a key of the reviewed list keeps all its entries
        return type(self)([*self.phrases, *(p for p in extra if p.mainland not in have)])

    def __len__(self) -> int:
        return len(self.phrases)

    def candidates(self, text: str) -> list[tuple[int, Phrase]]:
        """Leftmost-longest, non-overlapping matches in *text*: (start, phrase).

        Of the entries for one key, one whose context words occur in *text* wins over the entry
        without context (渠道 is 通路 where the text speaks of sales, 管道 elsewhere).
        """
        if self._automaton is None:
            return []
        out = []
        for end, (key, group) in self._automaton.iter_long(text):
            p = next((p for p in group if not p.context or any(w in text for w in p.context)), None)
            if p is not None:
                out.append((end - len(key) + 1, p))
        return out

    def apply(self, text: str, hans: str | None) -> tuple[str, list[PhraseHit]]:
        """*text* (regional-standard Traditional) with the regional forms, and the phrases applied.

        *hans* is the same text in Simplified, character for character, for the word-boundary
        check; with None (or a different length) no match is applied, since none can be checked.
        """
        found = [(s, p) for s, p in self.candidates(text) if not p.keep]
        if not found or hans is None or len(hans) != len(text):
            return text, []
        out: list[str] = []
        hits: list[PhraseHit] = []
        pos = 0
        for start, p in found:
            end = start + len(p.mainland)
            if not respects_words(hans, start, end):
                continue
            out.append(text[pos:start])
            out.append(p.regional)
            hits.append(PhraseHit(start, p.mainland, p.regional))
            pos = end
        out.append(text[pos:])
        return "".join(out), hits


class HongKongPhrases(TaiwanPhrases):
    """The Hong Kong phrase list (``data/hk_phrases.tsv``), applied on top of ``s2hk``."""

    REGION = "zh-HK"


class OpenCCFixes(TaiwanPhrases):
    """Fixes of OpenCC's own errors (``data/opencc_fixes.tsv``: 較大沖擊→較大衝擊), for every Traditional variant."""

    REGION = "zh-Hant"
