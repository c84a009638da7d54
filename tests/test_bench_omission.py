"""bench/align_omission.py's bookkeeping: deleting sentences turns their partners into null beads,
and every gold null sentence is placed exactly once (found, edge, inner or alone)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from zhcorpus.align.goldfile import GoldDoc

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("align_omission", ROOT / "bench" / "align_omission.py")
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return mod


def _doc() -> GoldDoc:
    zh = [f"z{i}" for i in range(20)]
    en = [f"e{i}" for i in range(20)]
    return GoldDoc("d", zh, en, [([i], [i]) for i in range(20)], None, None)


def test_delete_makes_partners_null(bench: ModuleType) -> None:
    d = bench.delete(_doc(), "en", random.Random(1), share=0.1)
    assert len(d.en) == 18
    nulls = bench.null_sentences(d.gold)
    assert len(nulls) == 2 and all(side == "zh" for side, _ in nulls)
    kept = sorted(j for _z, e in d.gold for j in e)
    assert kept == list(range(18))  # the English side re-indexed, each sentence once


def test_placement_counts_each_gold_null_once(bench: ModuleType) -> None:
    beads = [((0,), ()), ((1, 2, 3, 4), (0,)), ((5,), (1, 2)), ((6,), (3,))]
    gold = {("zh", 0), ("zh", 1), ("zh", 2), ("zh", 5), ("en", 3)}
    out = bench.placement(beads, gold)
    assert out == {"found": 1, "edge": 1, "inner": 1, "alone": 2}
    assert sum(out.values()) == len(gold)
