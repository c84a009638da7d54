"""English tokens for alignment: lower-cased Snowball stems, stop words marked, numbers as values."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from .numbers import english_number_tokens

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*%?")

STOP_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves s t don didn wasn isn aren weren won let us also may might
must shall one ones thing things sb sth someone something oneself etc e g eg ie wouldn couldn
shouldn hasn haven hadn doesn ain ll ve re d m
""".split())


# Irregular past forms -> base form: narrative English is in the past tense, glosses are not.
IRREGULAR = dict(pair.split(":") for pair in """
arose:arise awoke:awake was:be were:be been:be bore:bear borne:bear beat:beat became:become
began:begin begun:begin bent:bend bet:bet bit:bite bitten:bite bled:bleed blew:blow blown:blow
broke:break broken:break bred:breed brought:bring built:build burnt:burn burst:burst
bought:buy caught:catch chose:choose chosen:choose clung:cling came:come crept:creep dealt:deal
dug:dig did:do done:do drew:draw drawn:draw dreamt:dream drank:drink drunk:drink drove:drive
driven:drive ate:eat eaten:eat fell:fall fallen:fall fed:feed felt:feel fought:fight found:find
fled:flee flung:fling flew:fly flown:fly forbade:forbid forgot:forget forgotten:forget
forgave:forgive forgiven:forgive froze:freeze frozen:freeze got:get gotten:get gave:give
given:give went:go gone:go ground:grind grew:grow grown:grow hung:hang had:have heard:hear
hid:hide hidden:hide held:hold hurt:hurt kept:keep knelt:kneel knew:know known:know laid:lay
led:lead leapt:leap learnt:learn left:leave lent:lend lay:lie lain:lie lit:light lost:lose
made:make meant:mean met:meet paid:pay rode:ride ridden:ride rang:ring rung:ring rose:rise
risen:rise ran:run said:say saw:see seen:see sought:seek sold:sell sent:send shook:shake
shaken:shake shone:shine shot:shoot shrank:shrink shut:shut sang:sing sung:sing sank:sink
sunk:sink sat:sit slept:sleep slid:slide slung:sling smelt:smell spoke:speak spoken:speak
spent:spend spilt:spill spat:spit split:split spread:spread sprang:spring stood:stand
stole:steal stolen:steal stuck:stick stung:sting stank:stink strode:stride struck:strike
strove:strive swore:swear sworn:swear swept:sweep swam:swim swum:swim swung:swing took:take
taken:take taught:teach tore:tear torn:tear told:tell thought:think threw:throw thrown:throw
understood:understand woke:wake woken:wake wore:wear worn:wear wept:weep won:win wound:wind
wrote:write written:write men:man women:woman children:child feet:foot teeth:tooth mice:mouse
""".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a lower-cased word (irregular past forms first made regular)."""
    return _STEMMER.stemWord(IRREGULAR.get(word, word))


def words(text: str) -> list[str]:
    """The word and number tokens of *text*, case kept."""
    return _WORD.findall(text)


def content_stems(text: str) -> list[str]:
    """Stems of the content words of *text* (stop words dropped), lower-cased."""
    out = []
    for w in words(text):
        lw = w.lower().replace("’", "'").split("'")[0]
        if lw and lw.isalpha() and lw not in STOP_WORDS and len(lw) > 1:
            out.append(stem(lw))
    return out


def sentence_tokens(text: str) -> list[str]:
    """Alignment tokens of an English sentence: content stems, ``#<number>`` values and
    ``p:?``/``p:!``/``p:"`` punctuation cues."""
    toks = content_stems(text)
    toks.extend(english_number_tokens(text))
    toks.extend(punctuation_tokens(text))
    return toks


def punctuation_tokens(text: str) -> list[str]:
    """Cues that survive translation: questions, exclamations and quoted speech."""
    out = []
    if "?" in text or "？" in text:
        out.append("p:?")
    if "!" in text or "！" in text:
        out.append("p:!")
    if any(q in text for q in "\"“”「」『』"):
        out.append('p:"')
    return out

