"""Glossary exports: TBX-Basic 2008 and TBX v3 valid against their schemas (and the TBX-Basic
dialect's data-category rules), read by translate-toolkit and OmegaT; OmegaT TSV and CSV shapes;
deterministic, atomic output."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from zhcorpus.glossary import export as export_mod
from zhcorpus.glossary import load_glossary
from zhcorpus.glossary.cat import OMEGAT_PAIRS, omegat_rows
from zhcorpus.glossary.export import export_glossary

DATA = Path(__file__).parent / "data" / "glossary"
TBX3 = "urn:iso:std:iso:30042:ed-2"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@pytest.fixture(scope="module")
def glossary(root):
    return load_glossary(root / "seeds" / "glossary.tsv")


@pytest.fixture(scope="module")
def products(glossary, tmp_path_factory):
    return export_glossary(glossary, tmp_path_factory.mktemp("glossary"))


def _validate(path: Path, schema: str) -> etree._ElementTree:
    doc = etree.parse(str(path), PARSER)
    rng = etree.RelaxNG(etree.parse(str(DATA / schema), PARSER))
    assert rng.validate(doc), "\n".join(f"line {e.line}: {e.message}" for e in list(rng.error_log)[:10])
    return doc


def test_all_products_are_written(products):
    assert {"tbx-basic", "tbx3", "csv", "tsv"} <= set(products)
    assert {f"omegat:{s}_{t}" for s, t in OMEGAT_PAIRS} <= set(products)
    assert all(p.is_file() and p.stat().st_size > 1000 for p in products.values())


def test_tbx_basic_2008_is_valid_and_complete(products, glossary):
    doc = _validate(products["tbx-basic"], "TBXBasicRNGV02.rng")
    root = doc.getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entries = root.findall("text/body/termEntry")
    assert [e.get("id") for e in entries] == [c.id for c in glossary]
    first = entries[0]
    c = glossary.concepts[0]
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    terms = {ls.get(xml_lang): [t.text for t in ls.iter("term")] for ls in first.findall("langSet")}
    assert terms["zh-Hans"][0] == c.zh_hans and terms["zh-Hant"][0] == c.zh_hant
    assert terms["en"] == c.en_forms()
    assert first.find("langSet/tig/termNote[@type='administrativeStatus']").text == "preferredTerm-admn-sts"


def test_tbx_v3_is_valid_and_follows_the_tbx_basic_dialect(products, glossary):
    doc = _validate(products["tbx3"], "TBXcoreStructV03.rng")
    root = doc.getroot()
    assert root.tag == f"{{{TBX3}}}tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    ns = {"t": TBX3}
    assert len(root.findall(".//t:conceptEntry", ns)) == len(glossary)
    # the data-category rules of TBX-Basic_DCA.sch (XSLT 2 Schematron, which lxml cannot run)
    permitted = _permitted_types(DATA / "TBX-Basic_DCA.sch")
    for tag, values in permitted.items():
        for el in root.iter(f"{{{TBX3}}}{tag}"):
            assert el.get("type") in values, (tag, el.get("type"))
    levels = {"subjectField": {"conceptEntry"}, "definition": {"conceptEntry", "langSec"},
              "source": {"conceptEntry", "langSec", "termSec"}}
    for el in root.iter(f"{{{TBX3}}}descrip", f"{{{TBX3}}}admin"):
        assert etree.QName(el.getparent()).localname in levels[el.get("type")]
    for el in root.iter(f"{{{TBX3}}}termNote"):
        assert etree.QName(el.getparent()).localname == "termSec"
        allowed = {"administrativeStatus": {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                                            "supersededTerm-admn-sts", "preferredTerm-admn-sts"},
                   "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
                   "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"}}
        assert el.text in allowed[el.get("type")]
    assert not [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).namespace != TBX3]


def _permitted_types(sch: Path) -> dict[str, set[str]]:
    """``tbx:<element>/@type`` -> the values the dialect's Schematron permits."""
    tree = etree.parse(str(sch), PARSER)
    out = {}
    for rule in tree.iter("{http://purl.oclc.org/dsdl/schematron}rule"):
        m = re.fullmatch(r"tbx:(\w+)/@type", rule.get("context"))
        if m:
            test = rule.find("{http://purl.oclc.org/dsdl/schematron}assert").get("test")
            out[m.group(1)] = set(re.findall(r"'([^']+)'", test))
    assert {"descrip", "admin", "termNote"} <= set(out)
    return out


def test_translate_toolkit_reads_the_tbx(products, glossary):
    tbx = pytest.importorskip("translate.storage.tbx")
    for lang, attr in (("zh-Hans", "zh_hans"), ("zh-TW", "zh_tw")):
        with open(products["tbx-basic"], "rb") as fh:
            store = tbx.tbxfile(fh, sourcelanguage=lang, targetlanguage="en")
        by_id = {u.getid(): u for u in store.units}
        assert len(by_id) == len(glossary)
        for c in glossary:
            if attr == "zh_tw" and not c.zh_tw:
                continue
            assert (by_id[c.id].source, by_id[c.id].target) == (getattr(c, attr), c.en)


def test_omegat_files_have_no_header_and_three_columns(products, glossary):
    path = products["omegat:zh-CN_en-US"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:2] == [glossary.concepts[0].zh_hans, glossary.concepts[0].en]
    assert all(len(line.split("\t")) == 3 for line in lines)
    sources = {line.split("\t")[0] for line in lines}
    assert all(c.zh_hans in sources for c in glossary)
    assert "边缘易贫户\thouseholds on the verge of poverty" in path.read_text(encoding="utf-8")
    tw = products["omegat:zh-TW_en-US"].read_text(encoding="utf-8")
    assert "資訊科技\tinformation technology\t" in tw and "脫貧攻堅\tpoverty alleviation\t" in tw
    cn_tw = omegat_rows(glossary, "zh-CN", "zh-TW")
    assert ("信息技术", "資訊科技") in {(s, t) for s, t, _ in cn_tw}
    assert all(s != t for s, t, _ in cn_tw)


def test_each_pair_in_its_own_folder_and_one_pair_alone(products, glossary, tmp_path):
    for s, t in OMEGAT_PAIRS:  # default: every pair, each in a folder of its own
        path = products[f"omegat:{s}_{t}"]
        assert path.parent.name == f"{s}_{t}" and [p.name for p in path.parent.iterdir()] == [path.name]
    one = export_glossary(glossary, tmp_path, formats=("tbx-basic", "csv", "omegat"), pairs=[("zh-CN", "en-US")])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "zhcorpus-glossary.csv", "zhcorpus-glossary.tbx", "zhcorpus-glossary.zh-CN_en-US.utf8"]
    assert one["omegat:zh-CN_en-US"].read_bytes() == products["omegat:zh-CN_en-US"].read_bytes()
    doc = _validate(one["tbx-basic"], "TBXBasicRNGV02.rng")  # still valid, with the pair's languages only
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert {ls.get(xml_lang) for ls in doc.getroot().iter("langSet")} == {"zh-Hans", "en"}
    header = one["csv"].read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert set(header[:header.index("Definition")]) == {"zh-CN", "en-US"}
    tw = export_glossary(glossary, tmp_path / "tw", formats=("tbx-basic",), pairs=[("zh-TW", "en-US")])
    langs = {ls.get(xml_lang) for ls in _validate(tw["tbx-basic"], "TBXBasicRNGV02.rng").getroot().iter("langSet")}
    assert langs == {"zh-Hant", "zh-TW", "en"}


def test_csv_has_language_code_headers(products, glossary):
    raw = products["csv"].read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header = rows[0]
    assert header[0] == "zh-CN" and "zh-TW" in header and "en-US" in header and header[-1] == "ID"
    assert len(rows) == len(glossary) + 1 and all(len(r) == len(header) for r in rows)
    for c, row in zip(glossary, rows[1:], strict=True):  # the first column of a language: preferred
        assert (row[0], row[header.index("zh-TW")], row[header.index("en-US")], row[-1]) == (
            c.zh_hans, c.zh_tw or c.zh_hant, c.en, c.id)


def test_exports_are_deterministic(glossary, products, tmp_path):
    again = export_glossary(glossary, tmp_path)
    for name, path in products.items():
        assert again[name].read_bytes() == path.read_bytes(), name


def test_a_failed_export_leaves_earlier_files_intact(glossary, tmp_path, monkeypatch):
    export_glossary(glossary, tmp_path, formats=("tbx-basic", "csv"))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export_mod, "write_csv", boom)
    with pytest.raises(OSError):
        export_glossary(glossary, tmp_path, formats=("tbx-basic", "csv"))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    with pytest.raises(ValueError, match="unknown export format"):
        export_glossary(glossary, tmp_path, formats=("pdf",))


def _omegat_available() -> str | None:
    jar = os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar")
    if not Path(jar).is_file():
        return f"OmegaT is not installed ({jar} missing; `apt-get install -y omegat`)"
    if not shutil.which(os.environ.get("JAVA", "java")):
        return "no Java runtime for OmegaT"
    return None


@pytest.mark.integration
@pytest.mark.skipif(_omegat_available() is not None, reason=str(_omegat_available()))
@pytest.mark.parametrize("product, src, seed", [
    ("omegat:zh-CN_en-US", "zh-CN", "001_cb556cae8a146f89.txt"),
    ("tbx-basic", "zh-TW", "003_63451c0a4ff8f0c7.txt"),
])
def test_omegat_finds_the_terms_in_a_seed(products, root, tmp_path, product, src, seed):
    text = (root / "seeds" / "zh" / seed).read_text(encoding="utf-8").splitlines()[:12]
    source = tmp_path / "source.txt"
    source.write_text("\n".join(text) + "\n", encoding="utf-8")
    res = subprocess.run(["bash", str(DATA / "omegat_glossary_check.sh"), str(products[product]),
                          src, "en-US", str(source)], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    m = re.search(r"entries_with_target=(\d+) source_segments=(\d+) segments_with_hits=(\d+)", res.stdout)
    assert m and int(m.group(1)) >= 200
    assert int(m.group(3)) >= int(m.group(2)) // 2  # terms found in at least half the segments
    assert ("扶贫车间 = poverty alleviation workshop" in res.stdout
            or "脫貧攻堅 = poverty alleviation" in res.stdout)
