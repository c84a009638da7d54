"""Document-level splits: deterministic, stable as the corpus grows, non-empty from 3 documents."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from zhcorpus.hf.splits import assign_splits, split_value

IDS = st.lists(st.text(alphabet="0123456789abcdef", min_size=1, max_size=8), min_size=3,
               max_size=40, unique=True)


@given(IDS)
@settings(max_examples=100, deadline=None)
def test_every_split_has_a_document_from_three_on(ids):
    splits = assign_splits(ids)
    assert set(splits) == set(ids)
    assert set(splits.values()) == {"train", "validation", "test"}
    assert assign_splits(reversed(ids)) == splits


def test_small_corpora():
    assert assign_splits(["a"]) == {"a": "train"}
    two = assign_splits(["a", "b"])
    assert sorted(two.values()) == ["test", "train"]


def test_seeds_split():
    # by the values alone: 000 is in the validation range, 002 in the test range
    assert assign_splits(["000", "001", "002", "003", "004"]) == {
        "000": "validation", "001": "train", "002": "test", "003": "train", "004": "train"}
    assert 0.8 <= split_value("000") < 0.9 <= split_value("002")


def test_an_empty_split_takes_the_closest_document():
    ids = [f"d{i}" for i in range(200)]
    values = {d: split_value(d) for d in ids}
    train = sorted((d for d in ids if values[d] < 0.8), key=values.get)[-4:]
    got = assign_splits(train)  # four train documents: the two highest move to test, validation
    assert got[train[-1]] == "test" and got[train[-2]] == "validation"
    assert [got[d] for d in train[:2]] == ["train", "train"]


def test_stable_as_the_corpus_grows_and_close_to_80_10_10():
    ids = [f"doc{i:05d}" for i in range(5000)]
    small = assign_splits(ids[:1000])
    big = assign_splits(ids)
    assert all(big[d] == s for d, s in small.items())
    share = Counter(big.values())
    assert abs(share["train"] / 5000 - 0.8) < 0.03
    assert abs(share["validation"] / 5000 - 0.1) < 0.02 and abs(share["test"] / 5000 - 0.1) < 0.02
