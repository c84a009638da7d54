"""`corpus qa`: every check on constructed units (a hit and a no-hit), the report formats, the
allowlist, the inputs, and the seeds build (zero errors, every warning explained)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zhcorpus.cli import main
from zhcorpus.errors import InputError
from zhcorpus.glossary import Concept, Glossary
from zhcorpus.model import Unit
from zhcorpus.qa import (
    Finding,
    all_checks,
    format_text,
    load_allowlist,
    load_units,
    run_qa,
    to_html,
    to_json,
    units_from_pair,
)
from zhcorpus.qa.checks.brackets import unbalanced
from zhcorpus.qa.checks.numbers import en_values, zh_values


def unit(uid: str, zh: str, en: str, **kw) -> Unit:
    return Unit(id=uid, doc_id="t", zh_ids=kw.pop("zh_ids", [uid]), en_ids=kw.pop("en_ids", [uid]), zh=zh, en=en,
                score=1.0, **kw)


def found(units, check, **kw) -> list[Finding]:
    return run_qa(units, checks=[check], **kw).findings


# -- numbers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("zh, en", [
    ("还有2707个贫困村未出列", "2,707 poor villages have yet to be removed from the list"),
    ("全国97%的建档立卡贫困人口实现脱贫", "97 percent of the registered poor have been lifted out of poverty"),
    ("百分之九十七的贫困人口", "97% of the poor"),
    ("涉及一亿左右贫困人口", "involving about 100 million poor people"),
    ("涉及1亿左右贫困人口", "involving some 100 million poor people"),
    ("“十三五”时期", "the 13th Five-Year Plan period"),
    ("3月6日召开座谈会", "a symposium was held on 6 March"),
    ("千方百计保障特殊群体", "make every effort to protect special groups"),  # an idiom
    ("四川省巴中市", "Bazhong City, Sichuan Province"),  # a place name
    ("克服新冠肺炎疫情影响", "overcome the impact of the COVID-19 epidemic"),  # an identifier
    ("二是对贫困人口强化扶智", "Second, strengthen support for the poor"),
    ("促进第三产业发展", "develop the tertiary sector"),
])
def test_numbers_no_hit(zh, en):
    assert found([unit("u", zh, en)], "numbers") == []


def test_numbers_hit_digits_are_errors_words_are_warnings():
    units = [unit("a", "还有2707个贫困村", "2,700 poor villages remain"),
             unit("b", "全国97%的贫困人口", "79% of the poor"),
             unit("c", "涉及1亿贫困人口", "involving 10 million poor people"),
             unit("d", "这是“三农”工作重心", "this is the focus of work on agriculture")]
    fs = {f.unit: f for f in found(units, "numbers")}
    assert fs["a"].severity == "error" and "2,707" in fs["a"].detail and "2,700" in fs["a"].detail
    assert fs["b"].severity == "error" and fs["c"].severity == "error"
    assert fs["d"].severity == "warning" and fs["d"].detail == "in the Chinese only: 3"


def test_number_values():
    assert zh_values("“十四五”期间") == {"14": "words", "5": "words"}
    assert en_values("the 14th Five-Year Plan") == {"14": "digits", "5": "words"}
    assert zh_values("1.2亿元") == {"120000000": "digits"}
    assert en_values("1.2 billion yuan") == {"1200000000": "digits"}


# -- untranslated, empty ---------------------------------------------------------------------------

def test_untranslated():
    units = [unit("a", "脱贫攻坚", "脱贫攻坚"), unit("b", "造血式扶贫", "造血 poverty alleviation"),
             unit("c", "精准扶贫", "targeted poverty alleviation")]
    fs = {f.unit: f for f in found(units, "untranslated")}
    assert fs["a"].severity == "error"
    assert fs["b"].severity == "warning" and fs["b"].detail == "造血"
    assert "c" not in fs


def test_empty_segments():
    units = [unit("a", "脱贫", "   "), unit("b", "", "Poverty", zh_ids=["b"]),
             unit("c", "脱贫", "", en_ids=[]), unit("d", "脱贫", "poverty exit")]
    fs = {f.unit: f for f in found(units, "empty")}
    assert fs["a"].severity == "error" and fs["a"].detail == "whitespace only"
    assert fs["b"].severity == "error" and fs["b"].detail == "empty"
    assert fs["c"].severity == "info" and fs["c"].detail == "unaligned-en"
    assert "d" not in fs


# -- inconsistency ---------------------------------------------------------------------------------

def test_inconsistency_both_directions():
    units = [unit("1", "全面脱贫", "complete poverty eradication"),
             unit("2", "全面脱贫", "eliminating poverty in all respects"),
             unit("3", "攻坚克难", "tackle tough problems"), unit("4", "攻坚拔寨", "tackle tough problems"),
             unit("5", "精准扶贫", "targeted poverty alleviation"), unit("6", "精准扶贫", "targeted poverty alleviation")]
    fs = found(units, "inconsistency")
    assert [(f.unit, f.related) for f in fs] == [("1", ("2",)), ("3", ("4",))]
    assert "different translations" in fs[0].message and "different sources" in fs[1].message


def test_inconsistency_compares_chinese_across_scripts():
    a = unit("1", "全面脫貧", "complete poverty eradication", variants={"zh-Hans": "全面脱贫"})
    b = unit("2", "全面脱贫", "complete poverty eradication")
    assert found([a, b], "inconsistency") == []


# -- glossary --------------------------------------------------------------------------------------

def test_glossary_misses():
    g = Glossary([Concept(id="T1", zh_hans="精准扶贫", zh_hant="精準扶貧", en="targeted poverty alleviation")])
    units = [unit("a", "推进精准扶贫", "advance targeted poverty alleviation"),
             unit("b", "推进精准扶贫", "advance precise poverty relief")]
    fs = run_qa(units, g, checks=["glossary"]).findings
    assert [(f.unit, f.severity) for f in fs] == [("b", "warning")] and "T1" in fs[0].detail
    assert run_qa(units, None, checks=["glossary"]).findings == []  # no glossary, no check


# -- brackets, doubled, length ---------------------------------------------------------------------

def test_brackets():
    assert unbalanced("以“攻坚”为主（见上）") == ([], [])
    assert unbalanced("China’s “plan”") == ([], [])
    units = [unit("a", "他说：“要坚持。", 'He said: "We must persist.'),  # spans units: same on both sides
             unit("b", "实施（方案）", "implement the (plan"),
             unit("c", "《通知》要求", "the Circular requires")]
    fs = {f.unit: f for f in found(units, "brackets")}
    assert fs["a"].severity == "info"
    assert fs["b"].severity == "warning" and "unclosed (" in fs["b"].detail
    assert "c" not in fs


def test_doubled():
    units = [unit("a", "脱贫", "the the poor"), unit("b", "脱贫，，攻坚", "poverty"),
             unit("c", "脱贫", "poverty  alleviation"), unit("d", "脱贫", "he said that that plan works"),
             unit("e", "常常", "often")]
    fs = found(units, "doubled")
    assert [(f.unit, f.detail) for f in fs] == [("a", "the the"), ("b", "，，"), ("c", "en spaces")]


def test_length_outliers_against_the_corpus_distribution():
    normal = [unit(str(i), "坚决打赢脱贫攻坚战确保如期完成", "We must win the battle against poverty and finish on time.")
              for i in range(40)]
    long = unit("long", "坚决打赢脱贫攻坚战", "We must resolutely win the battle against poverty, said the county "
                "party secretary of a remote county in Sichuan Province in an interview with reporters last week.")
    short = unit("short", "坚决打赢脱贫攻坚战确保如期完成目标任务实现全面小康", "Win it.")
    fs = {f.unit: f for f in found([*normal, long, short], "length")}
    assert set(fs) == {"long"}  # "short" is under the minimum length on the English side
    short2 = unit("short2", "坚决打赢脱贫攻坚战确保如期完成目标任务实现全面小康", "We must win.")
    fs = {f.unit: f for f in found([*normal, long, short2], "length")}
    assert "longer" in fs["long"].message and "shorter" in fs["short2"].message


# -- run, allowlist, reports -----------------------------------------------------------------------

def test_every_check_is_registered_with_an_id_and_description():
    checks = all_checks()
    assert list(checks) == ["empty", "untranslated", "numbers", "inconsistency", "glossary", "brackets",
                            "doubled", "length"]
    assert all(c.description and c.severities for c in checks.values())
    with pytest.raises(ValueError, match="unknown check"):
        run_qa([], checks=["spelling"])


def test_findings_sorted_errors_first_and_allowlist(tmp_path):
    units = [unit("a", "这是“三农”工作", "work on agriculture"), unit("b", "2707个村", "2,700 villages")]
    allow = tmp_path / "allow.tsv"
    allow.write_text("# reviewed\ncheck\tunit\tdetail\treason\nnumbers\ta\t3\t三农 is rendered descriptively\n"
                     "numbers\tz\t*\tgone\n", encoding="utf-8")
    report = run_qa(units, allowlist=allow)
    assert [(f.unit, f.severity) for f in report.findings] == [("b", "error"), ("a", "warning")]
    assert report.findings[1].allowed == "三农 is rendered descriptively"
    assert report.counts() == {"error": 1, "warning": 0, "info": 0} and report.errors == 1
    assert report.stale_allowlist == ["line 4: numbers z *"]


def test_bad_allowlist_names_the_line(tmp_path):
    p = tmp_path / "a.tsv"
    p.write_text("check\tunit\tdetail\treason\nnumbers\ta\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_allowlist(p)
    assert exc.value.where == "2"


def test_reports_are_deterministic_and_escaped():
    units = [unit("<b>", "<script>alert(1)</script>脱贫", "<script>x</script> 2 things")]
    report = run_qa(units)
    html = to_html(report)
    assert "<script>" not in html and "&lt;script&gt;" in html and html == to_html(run_qa(units))
    assert "http" not in html.split("<body>")[0]  # no external resources
    data = json.loads(to_json(report))
    assert data["counts"]["error"] == report.errors and data["findings"][0]["unit"] == "<b>"
    assert report.summary() in format_text(report)


# -- inputs and CLI ---------------------------------------------------------------------------------

@pytest.fixture
def run():
    def _run(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    return _run


def test_cli_strict_exits_3_on_errors_and_writes_reports(run, tmp_path):
    units = tmp_path / "u.jsonl"
    units.write_text("\n".join(json.dumps(unit(str(i), z, e).to_dict(), ensure_ascii=False) for i, (z, e) in
                               enumerate([("还有2707个贫困村", "2,700 villages remain"), ("脱贫", "poverty exit")]))
                     + "\n", encoding="utf-8")
    r = run("qa", str(units), "--no-glossary", "--strict", "--html", str(tmp_path / "r.html"),
            "--json", str(tmp_path / "r.json"))
    assert r.exit_code == 3 and "ERROR   numbers       0:" in r.output
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["counts"]["error"] == 1
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = run("qa", str(units), "--no-glossary", "--check", "doubled", "--strict", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output)["checks"] == ["doubled"]


def test_cli_pair_and_tmx_inputs(run, tmp_path, root):
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("全国97%的贫困人口实现脱贫\n脱贫攻坚\n", encoding="utf-8")
    en.write_text("97 percent of the poor have escaped poverty\n脱贫攻坚\n", encoding="utf-8")
    r = run("qa", str(zh), "--en", str(en), "--no-glossary", "-q")
    assert r.exit_code == 0 and "2 units" in r.output and "1 errors" in r.output
    assert [u.id for u in units_from_pair(zh, en)] == ["1", "2"]
    tmx = load_units(root / "tmx" / "zhcorpus_zh-CN_en-US.tmx")
    assert tmx and all(u.zh and u.en for u in tmx)
    tsv = load_units(root / "corpus" / "tsv" / "zhcorpus_zh-CN_en-US.tsv")
    assert [u.id for u in tsv][:2] == ["000/1", "000/2"] and all(u.zh and u.en for u in tsv)
    bad = tmp_path / "x.tsv"
    bad.write_text("id\tfr\ten\n1\ta\tb\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["qa", str(bad), "--no-glossary"])
    assert r.exit_code == 1 and f"{bad}:1" in r.output and "zh… and an en… column" in r.output


@pytest.mark.parametrize("files, where, message", [
    ({"u.jsonl": '{"id": 1}\n'}, "record 1", "not a unit record"),
    ({"u.jsonl": "{oops\n"}, "1:2", "not valid JSON"),
    ({"u.txt": "x\n"}, None, "expected units JSONL"),
])
def test_bad_input_is_one_line_naming_the_place(run, tmp_path, files, where, message):
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    path = tmp_path / next(iter(files))
    r = CliRunner().invoke(main, ["qa", str(path), "--no-glossary"])
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output
    if where:
        assert f"{path}:{where}" in r.output


def test_en_without_source_is_a_usage_error(run, tmp_path):
    r = CliRunner().invoke(main, ["qa", "--en", str(tmp_path / "en.txt")])
    assert r.exit_code == 2 and "--en needs SOURCE" in r.output


def test_misaligned_pair_is_an_error(tmp_path):
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("一\n二\n", encoding="utf-8")
    en.write_text("one\n", encoding="utf-8")
    with pytest.raises(InputError, match="not line-aligned") as exc:
        units_from_pair(zh, en)
    assert exc.value.path == str(en) and exc.value.where == "2"


# -- the seeds build ---------------------------------------------------------------------------------

def test_seeds_build_has_no_errors_and_every_warning_is_explained(root):
    from zhcorpus.glossary import load_glossary

    units = load_units(root / "corpus" / "units.jsonl")
    report = run_qa(units, load_glossary(root / "seeds" / "glossary.tsv"), allowlist=root / "seeds" / "qa_allowlist.tsv")
    assert report.errors == 0, format_text(report)
    assert report.counts()["warning"] == 0, format_text(report)
    assert report.stale_allowlist == []


def test_build_runs_qa_as_an_exporter_and_reports_it(root):
    """The committed build (a test rebuilds and compares it): qa.json/qa.html and the report's counts."""
    from zhcorpus.exporters import EXPORTERS

    assert "qa" in EXPORTERS
    report = json.loads((root / "corpus" / "report.json").read_text(encoding="utf-8"))
    assert report["qa"]["error"] == 0 and report["qa"]["warning"] == 0 and report["qa"]["explained"] == 6
    assert report["qa"]["allowlist"] == "qa_allowlist.tsv"
    qa = json.loads((root / "corpus" / "qa.json").read_text(encoding="utf-8"))
    assert qa["counts"] == {"error": 0, "info": 0, "warning": 0} and qa["units"] == report["stats"]["units"]
    assert "translation QA" in (root / "corpus" / "report.html").read_text(encoding="utf-8")
    assert (root / "corpus" / "qa.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
