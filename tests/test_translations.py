"""The English translations and the gold alignment of the seeds (issue 4)."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def test_every_document_translated_paragraph_by_paragraph(seed_pairs):
    for zh, en in seed_pairs:
        assert len(en.paragraphs) == len(zh.paragraphs), zh.pair_id
        assert all(p.text.strip() for p in en.paragraphs)
        for zp, ep in zip(zh.paragraphs, en.paragraphs, strict=True):
            assert zp.kind == ep.kind or zp.kind == "body", (zp.id, ep.id)


def test_no_chinese_left_in_english(seed_pairs):
    for _, en in seed_pairs:
        assert not CJK.search(en.text), CJK.search(en.text)


def test_masks_kept_in_english(seed_pairs):
    zh, en = next(p for p in seed_pairs if p[0].pair_id == "002")
    assert en.text.count("* * *") == zh.text.count("* * *") == 2


def test_manifest_records_translations(root):
    import tomllib
    m = tomllib.loads((root / "seeds" / "manifest.toml").read_text(encoding="utf-8"))
    assert m["corpus"]["license"] == "CC-BY-4.0"
    for d in m["document"]:
        t = d["translation"]
        assert t["translator"] == "translated for this corpus" and t["license"] and t["date"]
        assert (root / "seeds" / t["file"]).is_file()


def test_gold_covers_every_segment_once_contiguously(seed_pairs, gold):
    for zh, en in seed_pairs:
        g = gold[zh.pair_id]
        assert g["zh_ids"] == [s.id for s in zh.segments()]
        assert g["en_ids"] == [s.id for s in en.segments()]
        zs = [i for z, _ in g["gold"] for i in z]
        es = [i for _, e in g["gold"] for i in e]
        assert zs == list(range(len(g["zh"])))  # every zh sentence once, in order
        assert es == list(range(len(g["en"])))
        for z, e in g["gold"]:
            assert z == list(range(z[0], z[0] + len(z))) if z else True
            assert e == list(range(e[0], e[0] + len(e))) if e else True
        for b, (z, e) in zip(g["beads"], g["gold"], strict=True):
            assert b["zh"] == [g["zh_ids"][i] for i in z] and b["en"] == [g["en_ids"][i] for i in e]


def test_gold_beads_stay_within_paragraphs_and_are_not_all_one_to_one(gold):
    total = non11 = 0
    for g in gold.values():
        for b in g["beads"]:
            paras = {i.split("/")[1] for i in b["zh"] + b["en"]}
            assert len(paras) == 1
            total += 1
            non11 += (len(b["zh"]), len(b["en"])) != (1, 1)
    assert non11 / total >= 0.2
