"""The variants step's sentence memo: a repeated sentence gets the same variants without being
converted again, and no document shares mutable state with another."""

from __future__ import annotations

import copy

from zhcorpus.jsonl import dumps
from zhcorpus.variants import VariantConverter, add_variants
from zhcorpus.variants import document as vdoc


def test_memo_gives_the_same_documents(seed_pairs):
    conv = VariantConverter()
    first = [dumps(add_variants(copy.deepcopy(zh), conv).to_dict()) for zh, _ in seed_pairs]
    memo = vdoc._MEMOS[conv]
    assert memo.analyses and memo.variants  # every sentence is remembered now
    again = [dumps(add_variants(copy.deepcopy(zh), conv).to_dict()) for zh, _ in seed_pairs]
    fresh = [dumps(add_variants(copy.deepcopy(zh), VariantConverter()).to_dict()) for zh, _ in seed_pairs]
    assert again == first and fresh == first


def test_segments_do_not_share_variant_dicts(seed_pairs):
    conv = VariantConverter()
    zh = seed_pairs[0][0]
    a, b = add_variants(copy.deepcopy(zh), conv), add_variants(copy.deepcopy(zh), conv)
    sa, sb = a.segments()[0], b.segments()[0]
    assert sa.variants == sb.variants and sa.variants is not sb.variants
    sa.variants["zh-TW"] = "changed"
    assert sb.variants["zh-TW"] != "changed"


def test_memo_is_bounded(seed_pairs):
    conv = VariantConverter()
    vdoc._MEMOS[conv] = vdoc._SentenceMemo(size=5)
    add_variants(copy.deepcopy(seed_pairs[0][0]), conv)
    assert len(vdoc._MEMOS[conv].analyses) <= 5 and len(vdoc._MEMOS[conv].variants) <= 5


def test_conversions_are_remembered_per_backend():
    conv = VariantConverter()
    assert conv.run("s2t", "发展经济") == "發展經濟"
    assert conv._conversions.data[(conv.backend, "s2t", "发展经济")] == "發展經濟"

    class Upper:
        name, version = "upper", "1"

        def convert(self, config: str, text: str) -> str:
            return text.upper()

    conv.backend = Upper()  # a new backend: nothing remembered from the old one is used
    assert conv.run("s2t", "abc") == "ABC" and conv.run("s2t", "发展经济") == "发展经济"


def test_changed_positions_are_the_differing_characters():
    """Texts of one length are compared as arrays of code points: the offsets of every differing
    character (astral characters and lone surrogates count as one)."""
    import random

    from zhcorpus.variants.script import changed_positions

    rng = random.Random(1)
    for _ in range(500):
        n = rng.randint(0, 20)
        a = "".join(rng.choice("ab发發\U00020000\ud800x") for _ in range(n))
        b = "".join(rng.choice("ab发發\U00020000\ud800x") for _ in range(n))
        assert changed_positions(a, b) == [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    assert changed_positions("发展", "發展") == [0]
