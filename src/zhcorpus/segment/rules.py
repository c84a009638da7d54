"""The segmentation rules as data: what ends a sentence, what never does.

The segmenters in :mod:`zhcorpus.segment.zh` and :mod:`zhcorpus.segment.en` read these sets, and
the SRX export turns them into break / no-break rules, so a CAT tool can segment new documents
the way the translation memory was built.
"""

from __future__ import annotations

# Chinese: a sentence ends after one of these (or a run of them) ...
ZH_TERMINATORS = "。！？!?"
ZH_ELLIPSIS = "…"  # "……" (two U+2026) ends a sentence too
# ... plus any closing quotes / brackets that follow directly, which stay with the sentence.
ZH_CLOSERS = "”’」』）)》】〕"
# Pairs inside which a sentence never ends (unless the closer follows the terminator directly).
ZH_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】", "〔": "〕"}
# Never sentence ends in Chinese: ；; ：: ，, 、 and list openers such as 第一， 其一，.

# English: abbreviations after which a full stop does not end a sentence.
EN_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st no nos vol vols fig figs art arts para paras sec pp p ed eds
    e.g i.e etc vs approx cf al inc ltd co corp dept govt gov jan feb mar apr jun jul aug sep sept
    oct nov dec mt ft est u.s u.k u.n p.r.c a.m p.m ph.d b.a m.a""".split()
)
# Abbreviations that may also end a sentence when a capitalised word follows.
EN_TERMINAL_ABBREVIATIONS = frozenset({"etc"})
EN_TERMINATORS = ".!?"
EN_CLOSERS = "\"'”’)]"
