"""Propose new glossary terms from aligned units: Chinese n-grams over jieba words ranked by
C-value (Frantzi, Ananiadou & Mima 2000, with the log2(|a|+1) length factor so single words can
compete), each with the English n-grams that co-occur with it in the same units, ranked by Dice's
coefficient.

score = C-value x (1 + log2 documents) x domain specificity x (0.25 + best Dice): a term recurs
across documents, is made of words rarer in general Chinese (jieba's dictionary frequencies as the
reference corpus) than here, and is translated consistently. Repeated sentences count once.

Candidates already in the glossary, parts of a glossary term, or extensions of one are left out:
the output is what a terminologist has not reviewed yet.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg

from ..atomic import atomic_write
from ..model import Unit
from .match import _stem, fold_zh
from .model import Glossary
from .scripts import all_forms, to_hans, to_hant

# jieba part-of-speech tags a term may not start or end with, or contain (function words,
# numerals, pronouns, punctuation), and the tags a term must end with (nominal heads).
_NEVER = frozenset({"u", "uj", "ul", "uz", "ug", "uv", "ud", "p", "c", "x", "m", "mq", "q", "r",
                    "rr", "rz", "y", "e", "o", "w", "zg", "eng"})
_NO_EDGE = _NEVER | {"d", "f", "t", "s", "ad", "b", "z"}
_COMMON = 2000  # a single word more frequent than this in jieba's dictionary is general language
_HEADS = frozenset({"n", "nz", "nt", "ns", "vn", "an", "j", "ng", "nr", "nrt", "nw", "v", "l"})
# Words of policy prose that govern a phrase rather than name a concept (确保农业生产, 加大对接协调力度,
# 建立健全…): a candidate may not start with one. jieba's tags are too unreliable for this
# (it tags 指导 and 遭遇 as nouns, 建立健全 as a name), so the list is lexical.
_LEAD_WORDS = frozenset(
    "确保 采取 加强 加大 加快 推进 推动 促进 实现 坚持 做好 抓好 提高 提升 实施 开展 组织 指导 支持 "
    "制定 落实 完善 建立 健全 建立健全 强化 深化 发挥 利用 认识 遭遇 受 受到 作为 进一步 高度重视 "
    "集中 统筹 优先 积极 认真 切实 坚决 充分 充分发挥 充分利用 充分认识 大力 着力 努力 全力 "
    "扎实 深入 持续 不断 帮助 解决 保持 保证 形成 提出 出台 印发 发布 引导 动员 鼓励 带动 "
    "面对 针对 围绕 依托 结合 通过 按照 根据 发生 造成 带来 获得 陆续 继续 接续 集中精力 采取措施 "
    "共同努力 千方百计 广泛 及时 有效 有序 有力 主要 各项 其他 现有 相关 有关 一定 较大".split())
# Heads too general to make a term of whatever precedes them (疫情影响, 工作任务, 重点工作).
_GENERIC_HEADS = frozenset("工作 措施 影响 情况 方面 力度 作用 要求 方式 过程 水平 能力 意识 "
                           "程度 成效 成果 举措 办法 形势 地方 部门 单位 时间 人员 活动 进程 "
                           "困难 问题 的 针对性 基础 关键 重点 抓好 攻克 巩固 采取 出台 落实 推进 "
                           "推动 促进 实现 做好 提高 提升 加强 加大 确保 开展".split())
_FUNCTION_WORDS = frozenset("的 了 和 与 及 或 等 是 在 对 将 把 为 以 要 也 都 并 从 由 向 于 其 之 而 "
                            "各 该 此 这 那 有 无 不 更 再 又 还 已 被 让 使 给 着 过 到".split())
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
_EN_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_EN_NO_INSIDE = frozenset(
    "we they it its their our he she his her that which who whom whose has have had will would "
    "should must can could may be been being is are was were not so but if then there here".split())
_EN_STOP = frozenset(
    "a an the of and or to in on for with by at from as into than that this these those it its "
    "their our we they he she which who whom whose has have had will would should must can could "
    "may be been being is are was were not all also such more most so both each other any some "
    "there here very only out up about over after before under through while when where how "
    "what why then thus them us his her if but per".split())


@dataclass(frozen=True)
class EnCandidate:
    """An English rendering proposed for a Chinese candidate."""

    text: str  # the most frequent surface form
    dice: float
    cooc: int  # aligned units with both


@dataclass
class Candidate:
    """A proposed term: the Chinese n-gram, its termhood and the English renderings found."""

    zh: str  # Simplified form
    words: tuple[str, ...]
    freq: int  # occurrences in all units
    docs: int  # documents it occurs in
    cvalue: float
    score: float
    unit_ids: list[str] = field(default_factory=list)
    en: list[EnCandidate] = field(default_factory=list)
    context: str = ""

    @property
    def zh_hant(self) -> str:
        """The Traditional form (OpenCC)."""
        return to_hant(self.zh)


@lru_cache(maxsize=4)
def _tokenizer(known: tuple[str, ...]) -> jieba.posseg.POSTokenizer:
    """A private jieba tokenizer that knows the glossary's terms (so text is segmented around
    them); private, so the glossary never leaks into other users of jieba."""
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for k in known:
        tk.add_word(k, 10, "nz")
    return jieba.posseg.POSTokenizer(tk)


def _chunks(text: str, known: tuple[str, ...]) -> list[list[tuple[str, str]]]:
    """Runs of (word, tag) between punctuation, numbers and non-Chinese tokens."""
    tk = _tokenizer(known)
    known_set = set(known)
    out: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for pair in tk.cut(text):
        word, flag = pair.word, pair.flag
        if not _CJK.match(word) or flag in ("x", "m", "eng", "w"):
            if cur:
                out.append(cur)
            cur = []
            continue
        cur.append((word, "nz" if word in known_set else flag))
    if cur:
        out.append(cur)
    return out


def _ngrams(chunk: list[tuple[str, str]], max_words: int,
            general: Mapping[str, int]) -> Iterable[tuple[str, ...]]:
    """Candidate n-grams of a chunk: no function word anywhere, no adverb, time or place word at
    either edge, a head that can name something, no governing verb or modifier at the start
    (see _LEAD_WORDS), no generic head; a single word only if it is a 3+ character word that is
    rare in jieba's general dictionary (阻击战 yes, 建立健全 no)."""
    for i in range(len(chunk)):
        if chunk[i][0] in _LEAD_WORDS or chunk[i][1] in _NO_EDGE:
            continue
        for n in range(1, max_words + 1):
            gram = chunk[i:i + n]
            if len(gram) < n:
                break
            words = tuple(w for w, _ in gram)
            tags = [t for _, t in gram]
            if tags[-1] in _NEVER or words[-1] in _FUNCTION_WORDS:
                break
            if any(t in _NEVER for t in tags) or any(w in _FUNCTION_WORDS for w in words):
                break
            if tags[-1] in _NO_EDGE or tags[-1] not in _HEADS or words[-1] in _GENERIC_HEADS:
                continue
            chars = sum(len(w) for w in words)
            if chars > 12:
                break
            if n == 1 and (chars < 3 or tags[0] in ("l", "i", "nr", "ns", "nrt")
                           or general.get(words[0], 0) > _COMMON):
                continue
            if chars < 3:
                continue
            yield words


def _en_grams(text: str, max_words: int = 4) -> dict[tuple[str, ...], str]:
    """English word n-grams (by stems) without stopwords at either edge, with their surface form."""
    words = _EN_WORD.findall(text)
    stems = [_stem(w) for w in words]
    out: dict[tuple[str, ...], str] = {}
    for i in range(len(words)):
        if words[i].lower() in _EN_STOP or not words[i][0].isalpha():
            continue
        for n in range(1, max_words + 1):
            j = i + n
            if j > len(words):
                break
            last = words[j - 1]
            if last.lower() in _EN_NO_INSIDE or not last[0].isalpha():
                break
            if last.lower() in _EN_STOP:
                continue
            out.setdefault(tuple(stems[i:j]), " ".join(words[i:j]).lower())
    return out


def _specificity(words: tuple[str, ...], word_freq: Counter[str], known: tuple[str, ...]) -> float:
    """How much more often the n-gram's words occur here than in general Chinese (jieba's
    dictionary frequencies as the reference corpus): the mean log-ratio of the words, floored at
    0.1, so n-grams of everyday words (问题, 工作) sink and domain words (返贫, 兜底) rise."""
    tk = _tokenizer(known).tokenizer
    total_here = sum(word_freq.values()) or 1
    ratios = []
    for w in words:
        p_here = word_freq[w] / total_here
        p_ref = (tk.FREQ.get(w, 0) + 1) / tk.total
        ratios.append(math.log10(max(p_here / p_ref, 1.0)))
    return max(sum(ratios) / len(ratios), 0.1)


def _known_forms(glossary: Glossary) -> tuple[str, ...]:
    return tuple(sorted({fold_zh(to_hans(f)) for c in glossary for f in all_forms(c)}))


def _is_known(zh: str, known: Sequence[str]) -> bool:
    """A glossary form, part of one, or one with words added: nothing new for the terminologist."""
    return any(zh in k or k in zh for k in known)


def extract_candidates(units: Iterable[Unit], glossary: Glossary, *, max_words: int = 4,
                       min_freq: int = 2, top: int = 100, en_top: int = 3) -> list[Candidate]:
    """Rank new term candidates found in *units* (the Chinese side, in Simplified script) by
    termhood, and propose English renderings from the aligned English sides."""
    units = list(units)
    known = _known_forms(glossary)
    general = _tokenizer(known).tokenizer.FREQ
    freq: Counter[tuple[str, ...]] = Counter()
    where: dict[tuple[str, ...], list[int]] = defaultdict(list)
    docs: dict[tuple[str, ...], set[str]] = defaultdict(set)
    zh_texts: list[str] = []
    seen_texts: set[str] = set()
    word_freq: Counter[str] = Counter()
    for i, u in enumerate(units):
        text = fold_zh(u.variants.get("zh-Hans") or to_hans(u.zh))
        zh_texts.append(text)
        if text in seen_texts:  # a repeated sentence is no new evidence of termhood
            continue
        seen_texts.add(text)
        for chunk in _chunks(text, known):
            word_freq.update(w for w, _ in chunk)
            for g in _ngrams(chunk, max_words, general):
                freq[g] += 1
                if not where[g] or where[g][-1] != i:
                    where[g].append(i)
                docs[g].add(u.doc_id)
    grams = {g for g, f in freq.items() if f >= min_freq}
    # C-value: a nested n-gram's frequency counts only beyond what its containing n-grams explain
    containers: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for g in grams:
        for n in range(1, len(g)):
            for i in range(len(g) - n + 1):
                sub = g[i:i + n]
                if sub in grams:
                    containers[sub].append(g)
    cands: list[Candidate] = []
    for g in grams:
        zh = "".join(g)
        if _is_known(zh, known):
            continue
        f = freq[g]
        nested = containers.get(g)
        adj = f - sum(freq[b] for b in nested) / len(nested) if nested else f
        cvalue = math.log2(len(g) + 1) * adj
        if cvalue <= 0:
            continue
        score = cvalue * (1 + math.log2(len(docs[g]))) * _specificity(g, word_freq, known)
        cands.append(Candidate(zh, g, f, len(docs[g]), round(cvalue, 4), score,
                               [units[i].id for i in where[g]]))
    _propose_english(cands, units, zh_texts, en_top)
    for c in cands:  # a term is translated consistently: weight by the best Dice found
        dice = c.en[0].dice if c.en and c.en[0].cooc >= 2 else 0.0  # one unit proves nothing
        c.score = round(c.score * (0.25 + dice), 4)
    cands.sort(key=lambda c: (-c.score, -c.freq, c.zh))
    return cands[:top] if top else cands


def _propose_english(cands: list[Candidate], units: list[Unit], zh_texts: list[str],
                     en_top: int) -> None:
    """Fill each candidate's English renderings (Dice over aligned units) and a context snippet."""
    index = {u.id: i for i, u in enumerate(units)}
    aligned = [i for i, u in enumerate(units) if u.aligned]
    en_grams = {i: _en_grams(units[i].en) for i in aligned}
    df: Counter[tuple[str, ...]] = Counter()
    for grams in en_grams.values():
        df.update(grams.keys())
    for c in cands:
        rows = [index[uid] for uid in c.unit_ids]
        first = rows[0]
        pos = zh_texts[first].find(c.zh)
        c.context = zh_texts[first][max(0, pos - 12):pos + len(c.zh) + 12] if pos >= 0 else ""
        distinct: dict[str, int] = {}  # a repeated sentence pair is one piece of evidence
        for i in rows:
            if i in en_grams:
                distinct.setdefault(zh_texts[i] + "\t" + units[i].en, i)
        zh_units = list(distinct.values())
        if not zh_units:
            continue
        cooc: Counter[tuple[str, ...]] = Counter()
        surface: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for i in zh_units:
            for g, s in en_grams[i].items():
                cooc[g] += 1
                surface[g][s] += 1
        scored = []
        for g, n in cooc.items():
            if n < 2 and len(zh_units) > 1:
                continue
            dice = 2 * n / (len(zh_units) + df[g])
            scored.append((round(dice, 4), n, len(g), g))
        scored.sort(key=lambda t: (-t[0], -t[1], -t[2], t[3]))  # ties: the longest n-gram
        picked: list[EnCandidate] = []
        taken: list[tuple[str, ...]] = []
        for dice, n, _, g in scored:
            if any(_inside(g, t) or _inside(t, g) for t in taken):
                continue
            text = min(surface[g].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            picked.append(EnCandidate(text, dice, n))
            taken.append(g)
            if len(picked) == en_top:
                break
        c.en = picked


def _inside(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether n-gram *a* occurs within n-gram *b*."""
    n = len(a)
    return any(b[i:i + n] == a for i in range(len(b) - n + 1))


CANDIDATE_COLUMNS = ["rank", "zh_hans", "zh_hant", "score", "cvalue", "freq", "docs", "en",
                     "dice", "en_candidates", "units", "context"]


def write_candidates(path: str | Path, candidates: Sequence[Candidate]) -> None:
    """Write candidates as a review TSV (atomically, deterministic): one row per candidate, the
    best English first, the others with their Dice score and co-occurrence count."""
    def clean(s: str) -> str:
        return s.replace("\t", " ").replace("\n", " ")

    with atomic_write(path) as fh:
        fh.write("\t".join(CANDIDATE_COLUMNS) + "\n")
        for n, c in enumerate(candidates, 1):
            best = c.en[0] if c.en else None
            row = [str(n), c.zh, c.zh_hant, f"{c.score:.3f}", f"{c.cvalue:.3f}", str(c.freq),
                   str(c.docs), best.text if best else "", f"{best.dice:.3f}" if best else "",
                   " | ".join(f"{e.text} ({e.dice:.2f}, {e.cooc})" for e in c.en),
                   " ".join(c.unit_ids[:5]), clean(c.context)]
            fh.write("\t".join(clean(x) for x in row) + "\n")
