"""TMX export: a TU identical to an earlier one is neither rendered nor spooled (only its place),
and the files and reports are the same whether the repeats are known or not."""

from __future__ import annotations

import pytest

from zhcorpus.model import Unit
from zhcorpus.tmx import export
from zhcorpus.tmx.dedup import DedupIndex


def _unit(n: int, zh: str, en: str, score: float = 0.9) -> Unit:
    return Unit(id=f"900/{n}", doc_id="900", zh_ids=[f"900.zh/1/{n}"], en_ids=[f"900.en/1/{n}"], zh=zh, en=en,
                score=score, paragraph=1, variants={"zh-Hans": zh, "zh-Hant": zh, "zh-TW": zh, "zh-HK": zh})


def _units() -> list[Unit]:
    texts = [("发展经济。", "Develop the economy."), ("推进改革。", "Advance reform."),
             ("发展经济。", "Grow the economy."), ("推进改革。", "Advance reform."), ("发展经济。", "Develop the economy."),
             ("有\x01非法字符。", "Illegal \x01 character."), ("有非法字符。", "Illegal  character."),
             ("发展经济。", "Develop the economy."), ("长" * 2001, "Long & <b>."), ("长" * 2001, "Long & <b>.")]
    return [_unit(n, zh, en, score=0.5 + n / 100) for n, (zh, en) in enumerate(texts, 1)]


def test_index_says_which_pairs_it_saw() -> None:
    index = DedupIndex(scores=False, remember=2)
    assert [index.add(s, t, 0.0) for s, t in [("a", ["x"]), ("a", ["x"]), ("a", ["y"]), ("b", ["x"]),
                                               ("a", ["y"]), ("b", ["x"])]] == [False, True, False, False, True, False]
    assert len(index) == 6  # the third distinct pair ("b", "x") is past *remember*: not known
    assert DedupIndex(scores=False).add("a", ["x"], 0.0) is False


@pytest.mark.parametrize("conflicts", ["all", "first", "most-frequent", "best-score"])
def test_same_files_with_and_without_known_repeats(tmp_path, monkeypatch, conflicts: str) -> None:
    outs = {}
    for remember in (0, 1, 100):
        monkeypatch.setattr(export, "_REMEMBER", remember)
        folder = tmp_path / str(remember)
        res = export.export_tmx_pairs(_units(), folder, creation_date="2026-11-24") if conflicts == "all" else \
            export.export_tmx(_units(), folder, creation_date="2026-11-24", conflicts=conflicts)
        outs[remember] = ({name: path.read_bytes() for name, path in res.items()},
                          {name: {k: v for k, v in r.to_dict().items() if k != "path"} for name, r in res.reports.items()})
    assert outs[0] == outs[1] == outs[100]
    # 1, 5 and 8 are one TU; 7 repeats 6 once its illegal character is removed; 10 repeats 9 (long)
    assert outs[0][1]["zh-CN_en-US"]["merged"] == 5 and outs[0][1]["zh-CN_en-US"]["long_segments"] == 2 and b'<prop type="x-count">3</prop>' in outs[0][0]["zh-CN_en-US"]
