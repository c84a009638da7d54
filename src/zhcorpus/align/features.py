"""Sentence features in a shared space of English stems.

A Chinese sentence is a bag of weighted tokens, each with English stems it may translate to
(weight 0..1 per stem); an English sentence is a bag of weighted stems. Weights are IDF over the
document. Bags are stored CSR-style (numpy), so merging consecutive units for coarse levels and
slicing out a paragraph are cheap; :mod:`.hits` compares the two sides.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..memo import BoundedMemo
from . import chinese, english
from .cedict import ZhEnDictionary
from .numbers import zh_number_tokens

PUNCT_WEIGHT = 1.0  # a shared "?", "!" or quotation counts like a shared word (measured: 0.5 → 1.0 +0.005 F1)
EXTRA_WEIGHT = 2.0  # a term of the caller's dictionary (the project glossary) counts double


@dataclass
class Units:
    """One side of a document: unit k holds ``ids[indptr[k]:indptr[k+1]]`` with their weights."""

    indptr: np.ndarray
    ids: np.ndarray
    weights: np.ndarray
    lengths: np.ndarray  # characters (zh: without spaces)
    mass: np.ndarray  # weight of the tokens that could match anything on the other side

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def bag(self, k: int) -> dict[int, float]:
        """Token id → weight of unit *k*."""
        a, b = self.indptr[k], self.indptr[k + 1]
        return dict(zip(self.ids[a:b].tolist(), self.weights[a:b].tolist(), strict=True))

    def length_sum(self) -> Callable[[int, int], float]:
        """``lambda a, b: float(self.lengths[a:b].sum())``, by prefix sums when every length is a
        whole number of characters (their sums are then exact in any order: the same bits)."""
        lengths = self.lengths
        if len(lengths) and (lengths.sum() >= 2.0 ** 52 or not (lengths == np.floor(lengths)).all()):
            return lambda a, b: float(lengths[a:b].sum())
        prefix = [0.0, *np.cumsum(lengths).tolist()]
        return lambda a, b: prefix[b] - prefix[a]

    def slice(self, a: int, b: int) -> Units:
        """Units a … b-1."""
        return Units(self.indptr[a:b + 1], self.ids, self.weights, self.lengths[a:b], self.mass[a:b])

    def merged(self, size: int) -> Units:
        """Every *size* consecutive units merged into one."""
        n = len(self)
        cut = np.append(np.arange(0, n, size), n)
        return Units(self.indptr[cut], self.ids, self.weights, _merge_sum(self.lengths, size),
                     _merge_sum(self.mass, size))


def _merge_sum(a: np.ndarray, size: int) -> np.ndarray:
    n = len(a)
    if n == 0:
        return a.copy()
    pad = (-n) % size
    return np.concatenate([a, np.zeros(pad, a.dtype)]).reshape(-1, size).sum(axis=1)


@dataclass
class DocFeatures:
    """Both sides of a document and the zh token → {en stem: weight} table restricted to it."""

    zh: Units
    en: Units
    zh_vocab: list[str]
    en_vocab: list[str]
    table: list[dict[int, float]]  # by zh token id
    zh_vec: np.ndarray | None = None  # optional sentence embeddings (unit vectors), one row a unit
    en_vec: np.ndarray | None = None

    def __post_init__(self) -> None:
        counts = np.array([len(t) for t in self.table], dtype=np.int64)
        self.tr_indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.tr_stem = np.fromiter(itertools.chain.from_iterable(self.table), dtype=np.int64,
                                   count=int(counts.sum()))
        self.tr_q = np.fromiter(itertools.chain.from_iterable(t.values() for t in self.table), dtype=float,
                                count=int(counts.sum()))

    def with_table(self, table: list[dict[int, float]]) -> DocFeatures:
        """The same sentences with another translation table (matchable weights recomputed)."""
        zh, en = _with_mass(self.zh, self.en, table, len(self.en_vocab))
        return DocFeatures(zh, en, self.zh_vocab, self.en_vocab, table, self.zh_vec, self.en_vec)

    def with_vectors(self, zh_vec: np.ndarray, en_vec: np.ndarray) -> DocFeatures:
        """The same features with sentence embeddings for both sides."""
        if len(zh_vec) != len(self.zh) or len(en_vec) != len(self.en):
            raise ValueError("one embedding per sentence is needed on each side")
        return DocFeatures(self.zh, self.en, self.zh_vocab, self.en_vocab, self.table,
                           np.asarray(zh_vec, dtype=float), np.asarray(en_vec, dtype=float))

    def merged(self, size: int) -> DocFeatures:
        """The same document with every *size* consecutive sentences merged into one unit."""
        return self._derived(self.zh.merged(size), self.en.merged(size),
                             lambda v, _n: _merge_rows(v, size), lambda v, _n: _merge_rows(v, size))

    def slice(self, zh: tuple[int, int], en: tuple[int, int]) -> DocFeatures:
        """Zh sentences ``zh[0] … zh[1]-1`` and en sentences ``en[0] … en[1]-1`` (same weights)."""
        return self._derived(self.zh.slice(*zh), self.en.slice(*en),
                             lambda v, _n: v[zh[0]:zh[1]], lambda v, _n: v[en[0]:en[1]])

    def _derived(self, zh: Units, en: Units, zmap: Callable[[np.ndarray, int], np.ndarray],
                 emap: Callable[[np.ndarray, int], np.ndarray]) -> DocFeatures:
        g = DocFeatures.__new__(DocFeatures)
        g.zh, g.en = zh, en
        g.zh_vec = zmap(self.zh_vec, len(zh)) if self.zh_vec is not None else None
        g.en_vec = emap(self.en_vec, len(en)) if self.en_vec is not None else None
        g.zh_vocab, g.en_vocab, g.table = self.zh_vocab, self.en_vocab, self.table
        g.tr_indptr, g.tr_stem, g.tr_q = self.tr_indptr, self.tr_stem, self.tr_q
        return g


def _merge_rows(v: np.ndarray, size: int) -> np.ndarray:
    """Sums of every *size* consecutive rows (a merged unit's embedding direction)."""
    n = len(v)
    pad = (-n) % size
    return np.concatenate([v, np.zeros((pad, v.shape[1]))]).reshape(-1, size, v.shape[1]).sum(axis=1)


def _idf(bags: Sequence[Iterable[str]]) -> dict[str, float]:
    df = Counter(itertools.chain.from_iterable(set(bag) for bag in bags))  # in the order first met
    n = len(bags)
    return {t: math.log(1.0 + n / d) for t, d in df.items()}


def zh_tokens(text: str, dictionary: ZhEnDictionary, segmenter: str = "jieba") -> list[str]:
    """Alignment tokens of a Chinese sentence: words, ``#numbers``, ``py:`` name spellings,
    Latin words and punctuation cues."""
    ws = [w for w in chinese.words(text, dictionary, segmenter) if w not in chinese.STOP_WORDS]
    toks = list(ws)
    singles: list[str] = []
    for w in ws + [""]:  # runs of single characters may spell a name: 陈 清 扬 → qingyang
        if len(w) == 1:
            singles.append(w)
            continue
        for a in range(len(singles)):
            for b in range(a + 1, min(a + 3, len(singles)) + 1):
                toks.extend("py:" + p for p in dictionary.pinyin_readings("".join(singles[a:b])))
        singles = []
    toks.extend(zh_number_tokens(text))
    toks.extend(english.stem(w) for w in chinese.latin_tokens(text))
    toks.extend(english.punctuation_tokens(text))
    return toks


def en_tokens(text: str, dictionary: ZhEnDictionary) -> list[str]:
    """Alignment tokens of an English sentence; capitalised pinyin-like words also as ``py:``."""
    toks = english.sentence_tokens(text)
    for w in english.words(text):
        lw = w.lower()
        if w[:1].isupper() and lw not in english.STOP_WORDS and dictionary.is_pinyin(lw):
            toks.append("py:" + lw)
    return toks


def _csr(bags: list[dict[int, float]], lengths: np.ndarray) -> Units:
    counts = np.array([len(b) for b in bags], dtype=np.int64)
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    ids = np.fromiter(itertools.chain.from_iterable(bags), dtype=np.int64, count=int(counts.sum()))
    w = np.fromiter(itertools.chain.from_iterable(b.values() for b in bags), dtype=float, count=int(counts.sum()))
    return Units(indptr, ids, w, lengths, np.zeros(len(bags)))


def _with_mass(zh: Units, en: Units, table: list[dict[int, float]], n_stems: int) -> tuple[Units, Units]:
    has = np.array([bool(t) for t in table] + [False], dtype=bool)
    reach = np.zeros(n_stems + 1, dtype=bool)
    reach[np.fromiter(itertools.chain.from_iterable(table), dtype=np.int64)] = True
    zrow = np.repeat(np.arange(len(zh)), np.diff(zh.indptr))
    erow = np.repeat(np.arange(len(en)), np.diff(en.indptr))
    zm = np.bincount(zrow, zh.weights * has[zh.ids], minlength=len(zh)) if len(zh) else np.zeros(0)
    em = np.bincount(erow, en.weights * reach[en.ids], minlength=len(en)) if len(en) else np.zeros(0)
    return (Units(zh.indptr, zh.ids, zh.weights, zh.lengths, zm),
            Units(en.indptr, en.ids, en.weights, en.lengths, em))


def build_features(zh: Sequence[str], en: Sequence[str], dictionary: ZhEnDictionary,
                   extra: dict[str, dict[str, float]] | None = None,
                   segmenter: str = "jieba") -> DocFeatures:
    """Features of one document pair; *extra* adds zh word → {English stem: weight} pairs
    (a glossary)."""
    memo = _memos(dictionary)
    etoks = [memo.en.get(s, lambda s=s: tuple(en_tokens(s, dictionary))) for s in en]
    ztoks: list[Sequence[str]] = [memo.zh.get((s, segmenter), lambda s=s: tuple(zh_tokens(s, dictionary, segmenter)))
                                  for s in zh]
    if extra:
        terms = _terms(extra)
        ztoks = [toks + terms.get(s, lambda s=s: tuple(terms.find(chinese.simplified(s))))
                 for toks, s in zip(ztoks, zh, strict=True)]
    en_vocab = sorted({t for toks in etoks for t in toks})
    eid = {t: k for k, t in enumerate(en_vocab)}
    zh_vocab = sorted({t for toks in ztoks for t in toks})
    table: list[dict[int, float]] = []
    known = memo.words.data  # a word's candidates already looked up (read directly: most are)
    for t in zh_vocab:
        got = known.get(t)
        if got is None:
            got = _candidates(memo, t)
        if extra and t in extra and not _as_itself(t):
            cands = dict.fromkeys(got, 1.0)
            cands.update(extra[t])
            table.append({eid[s]: q for s, q in cands.items() if s in eid})
        else:  # every candidate at weight 1 (each once, in the dictionary's order)
            table.append({eid[s]: 1.0 for s in got if s in eid})
    zid = {t: k for k, t in enumerate(zh_vocab)}
    zidf, eidf = _idf(ztoks), _idf(etoks)

    def weight(t: str, idf: dict[str, float]) -> float:
        if extra and t in extra:
            return idf[t] * EXTRA_WEIGHT
        return idf[t] * (PUNCT_WEIGHT if t.startswith("p:") else 1.0)

    zw = {t: (zid[t], weight(t, zidf)) for t in zidf}  # (id, weight) once per word, not per token
    ew = {t: (eid[t], weight(t, eidf)) for t in eidf}
    zbags = [dict(zw[t] for t in toks) for toks in ztoks]
    ebags = [dict(ew[t] for t in toks) for toks in etoks]
    zlen = np.array([len("".join(s.split())) for s in zh], dtype=float)
    elen = np.array([len(s) for s in en], dtype=float)
    zu, eu = _with_mass(_csr(zbags, zlen), _csr(ebags, elen), table, len(en_vocab))
    return DocFeatures(zu, eu, zh_vocab, en_vocab, table)


def _as_itself(t: str) -> bool:
    """Whether a zh token is matched as itself (a number, name spelling, punctuation cue, Latin word)."""
    return t.startswith(("#", "py:", "p:")) or t.isascii()


def _candidates(memo: _DictionaryMemo, t: str) -> tuple[str, ...]:
    """The English stems a zh token may stand for, each once: itself for a number, name spelling,
    punctuation cue or Latin word, else its dictionary translations (kept per dictionary)."""
    if _as_itself(t):
        return (t,)
    return memo.words.get(t, lambda: tuple(dict.fromkeys(memo.dictionary.translations(t))))


MEMO_SENTENCES = 8192  # sentences whose tokens a process keeps (documents repeat their boilerplate)
MEMO_WORDS = 65536  # words whose dictionary translations a process keeps


def _sentence_memo() -> BoundedMemo[Any, tuple[str, ...]]:
    return BoundedMemo(MEMO_SENTENCES)


@dataclass
class _DictionaryMemo:
    """The token lists of sentences already seen with one dictionary."""

    dictionary: ZhEnDictionary
    zh: BoundedMemo[tuple[str, str], tuple[str, ...]] = field(default_factory=_sentence_memo)
    en: BoundedMemo[str, tuple[str, ...]] = field(default_factory=_sentence_memo)
    words: BoundedMemo[str, tuple[str, ...]] = field(default_factory=lambda: BoundedMemo(MEMO_WORDS))


_DICTIONARY_MEMOS: list[_DictionaryMemo] = []


def _recent(kept: list[Any], owner: object, of: Callable[[Any], object], make: Callable[[], Any]) -> Any:
    """The object in *kept* made for *owner* (by identity), or a new one from *make*; the two
    most recent are kept, newest first (a build passes the same dictionary with every document)."""
    for item in kept:
        if of(item) is owner:
            return item
    item = make()
    kept.insert(0, item)
    del kept[2:]
    return item


def _memos(dictionary: ZhEnDictionary) -> _DictionaryMemo:
    """The sentence memo of *dictionary*."""
    return _recent(_DICTIONARY_MEMOS, dictionary, lambda m: m.dictionary, lambda: _DictionaryMemo(dictionary))


class _Terms(BoundedMemo[str, tuple[str, ...]]):
    """The caller's dictionary terms found in sentences (an Aho-Corasick automaton, and a memo)."""

    def __init__(self, extra: dict[str, dict[str, float]]) -> None:
        import ahocorasick

        super().__init__(MEMO_SENTENCES)
        self.extra = extra
        self.automaton = ahocorasick.Automaton()
        for term in extra:
            self.automaton.add_word(term, term)
        self.automaton.make_automaton()

    def find(self, text: str) -> list[str]:
        """The terms in a (Simplified) sentence, sorted."""
        return sorted({term for _end, term in self.automaton.iter(text)})


_TERMS: list[_Terms] = []


def _terms(extra: dict[str, dict[str, float]]) -> _Terms:
    """The term finder of *extra*."""
    return _recent(_TERMS, extra, lambda t: t.extra, lambda: _Terms(extra))
