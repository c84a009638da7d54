"""The curated glossary file: content requirements, round trip, and errors that name the place."""

from __future__ import annotations

import pytest

from zhcorpus.errors import InputError
from zhcorpus.glossary import Concept, load_glossary, write_glossary
from zhcorpus.glossary.model import COLUMNS, PARTS_OF_SPEECH
from zhcorpus.glossary.scripts import script_of, to_hans

HEADER = "\t".join(COLUMNS) + "\n"


@pytest.fixture(scope="module")
def glossary(root):
    return load_glossary(root / "seeds" / "glossary.tsv")


def test_glossary_has_80_sourced_concepts(glossary):
    assert len(glossary) >= 80
    for c in glossary:
        assert c.definition and c.domain, c.id
        assert c.source, f"{c.id} {c.zh_hans}: no source for the English rendering"
        assert c.status in ("seed", "added")


def test_issue_terms_are_in_the_glossary(glossary):
    wanted = ["脱贫攻坚", "精准扶贫", "两不愁三保障", "三区三州", "建档立卡", "易地扶贫搬迁", "扶贫车间",
              "公益岗位", "消费扶贫", "东西部扶贫协作", "挂牌督战", "摘帽", "四个不摘", "返贫",
              "边缘易致贫户", "兜底保障", "乡村振兴", "全面建成小康社会", "六稳", "六保", "第一书记",
              "驻村工作队"]
    hans = {c.zh_hans for c in glossary}
    assert not [w for w in wanted if w not in hans]


def test_scripts_are_right(glossary):
    for c in glossary:
        assert script_of(c.zh_hans) in ("Hans", "both"), c.id
        assert script_of(c.zh_hant) in ("Hant", "both"), c.id
        assert to_hans(c.zh_hant) == c.zh_hans, c.id  # the two scripts name the same term
        if c.zh_tw:
            assert c.zh_tw != c.zh_hant and script_of(c.zh_tw) in ("Hant", "both"), c.id
        assert c.pos in PARTS_OF_SPEECH


def test_round_trip(glossary, tmp_path):
    out = tmp_path / "g.tsv"
    write_glossary(out, glossary)
    again = load_glossary(out)
    assert again.concepts == glossary.concepts
    write_glossary(tmp_path / "g2.tsv", again)
    assert (tmp_path / "g2.tsv").read_bytes() == out.read_bytes()


def test_paraphrases_come_from_the_notes():
    c = Concept("T1", "民政部", "民政部", "Ministry of Civil Affairs",
                notes='paraphrase: "the Ministry" (after the full name); paraphrase: "it"')
    assert c.paraphrases() == ["the Ministry", "it"]


def _write(tmp_path, body: str, header: str = HEADER):
    p = tmp_path / "g.tsv"
    p.write_text(header + body, encoding="utf-8")
    return p


def _row(**kw) -> str:
    base = {"id": "T1", "zh_hans": "返贫", "zh_hant": "返貧", "en": "relapse into poverty"}
    base.update(kw)
    return "\t".join(base.get(c, "") for c in COLUMNS) + "\n"


@pytest.mark.parametrize("body, where, words", [
    (_row() + _row(), ":3:", "duplicate concept id"),
    (_row() + _row(id="T2", zh_variants="返贫"), ":3:", "already a form of T1"),
    (_row(status="maybe"), ":2:", "status"),
    (_row(pos="noun phrase"), ":2:", "pos"),
    (_row(source_date="April 2021"), ":2:", "source_date"),
    (_row(en=""), ":2:", "empty en"),
    (_row().rstrip("\n") + "\textra\n", ":2:", "stray tab"),
])
def test_bad_rows_name_the_line(tmp_path, body, where, words):
    with pytest.raises(InputError) as exc:
        load_glossary(_write(tmp_path, body))
    assert where in str(exc.value) and words in str(exc.value)


def test_missing_column_and_bad_encoding(tmp_path):
    with pytest.raises(InputError, match="missing column.*zh_hant"):
        load_glossary(_write(tmp_path, "", header="id\tzh_hans\ten\n"))
    p = tmp_path / "latin1.tsv"
    p.write_bytes(HEADER.encode() + _row().encode()[:-1] + "\tcafé\n".encode("latin-1"))
    with pytest.raises(InputError, match=r":2:\d+: not UTF-8"):
        load_glossary(p)
    with pytest.raises(InputError, match="glossary not found"):
        load_glossary(tmp_path / "nope.tsv")


def test_write_refuses_a_tab_inside_a_field(tmp_path):
    with pytest.raises(ValueError, match="tab or line break"):
        write_glossary(tmp_path / "g.tsv", [Concept("T1", "返贫", "返貧", "relapse\tinto poverty")])
    assert not (tmp_path / "g.tsv").exists()
