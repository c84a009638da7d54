"""Issue 18: corpus projects from your own documents, the encoding guard, merge and overwrite
rules, and licences stated truthfully."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from doc_fixtures import EN_PARAS, ZH_PARAS, cjk_font, make_docx, make_gov_html, make_pdf
from zhcorpus.cli import main
from zhcorpus.errors import InputError
from zhcorpus.hf.splits import assign_splits, duplicate_texts
from zhcorpus.project import set_project_override
from zhcorpus.reading import decode_bytes

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_override():
    set_project_override(None)
    yield
    set_project_override(None)


def _run(args: list[str], cwd: Path, input: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
               SOURCE_DATE_EPOCH="1700000000")
    env.pop("ZHCORPUS_PROJECT", None)
    return subprocess.run([sys.executable, "-m", "zhcorpus.cli", *args], cwd=cwd, env=env, input=input,
                          capture_output=True)


# --- encoding guard -------------------------------------------------------------------------

def test_short_gb18030_is_never_big5_mojibake():
    d = decode_bytes("乡村振兴".encode("gb18030"), "a.txt")
    assert d.text == "乡村振兴" and d.encoding == "gb18030"


def test_too_short_to_tell_is_an_error_naming_encoding():
    with pytest.raises(InputError, match="--encoding") as exc:
        decode_bytes("中国".encode("gb18030"), "short.txt")
    assert "short.txt" in str(exc.value) and "笢弊" in str(exc.value)
    assert decode_bytes("中国".encode("gb18030"), "short.txt", encoding="gb18030").text == "中国"


def test_longer_texts_are_detected():
    hant = "決戰決勝脫貧攻堅要抓好三個重點，習近平總書記強調必須如期實現。"
    assert decode_bytes(hant.encode("big5"), "t.txt").encoding == "big5"
    assert decode_bytes(ZH_PARAS[1].encode("gb18030"), "s.txt").encoding == "gb18030"


@pytest.mark.parametrize("lang", [None, "en"])
def test_cp1252_english_is_never_decoded_as_cjk(lang):
    data = "The delegation visited Zürich and Québec.".encode("cp1252")
    with pytest.raises(InputError, match="cp1252") as exc:
        decode_bytes(data, "en.txt", lang=lang)
    assert "en.txt" in str(exc.value) and "byte 24" in str(exc.value)
    assert decode_bytes(data, "en.txt", encoding="cp1252").text.endswith("Zürich and Québec.")


def test_mixed_encodings_are_an_error():
    utf8_then_gb = "脱贫攻坚战取得胜利\n".encode() + "第二行是国标码文本内容。\n".encode("gb18030")
    with pytest.raises(InputError, match="mixed encodings"):
        decode_bytes(utf8_then_gb, "m.txt")
    gb_then_big5 = (ZH_PARAS[1] + "\n").encode("gb18030") + "決戰決勝脫貧攻堅要抓好三個重點。\n".encode("big5")
    with pytest.raises(InputError, match="mixed encodings"):
        decode_bytes(gb_then_big5, "m2.txt")


def test_stdin_honours_encoding(tmp_path):
    data = "The delegation visited Zürich.".encode("cp1252")
    bad = _run(["segment", "--lang", "en"], tmp_path, data)
    assert bad.returncode == 1 and b"--encoding" in bad.stderr and b"Traceback" not in bad.stderr
    good = _run(["segment", "--lang", "en", "--encoding", "cp1252"], tmp_path, data)
    assert good.returncode == 0 and good.stdout.decode() == "The delegation visited Zürich.\n"
    gb = _run(["segment", "--encoding", "gb18030"], tmp_path, "中国。".encode("gb18030"))
    assert gb.stdout.decode() == "中国。\n"


# --- merge and overwrite rules ----------------------------------------------------------------

def _tmx(path: Path, src: str, tgt: str, pairs: list[tuple[str, str]]) -> Path:
    tus = "".join(f'<tu tuid="{n}"><tuv xml:lang="{src}"><seg>{a}</seg></tuv><tuv xml:lang="{tgt}"><seg>{b}</seg>'
                  f"</tuv></tu>\n" for n, (a, b) in enumerate(pairs, 1))
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="{src}" '
                    'segtype="sentence" datatype="plaintext" adminlang="en" o-tmf="x" creationtool="t" '
                    f'creationtoolversion="1"/><body>\n{tus}</body></tmx>\n', encoding="utf-8")
    return path


def test_merge_of_different_pairs_refuses_or_merges_per_pair(tmp_path):
    a = _tmx(tmp_path / "cn.tmx", "zh-CN", "en-US", [("脱贫。", "Poverty."), ("振兴。", "Revival.")])
    b = _tmx(tmp_path / "tw.tmx", "zh-TW", "en-US", [("脫貧。", "Poverty."), ("振興。", "Revival.")])
    out = tmp_path / "m.tmx"
    r = CliRunner().invoke(main, ["tmx", "merge", str(a), str(b), "-o", str(out)])
    assert r.exit_code == 1 and "2 TU(s) have no zh-CN segment" in r.stderr and "--per-pair" in r.stderr
    assert not out.exists()
    r = CliRunner().invoke(main, ["tmx", "merge", str(a), "-o", str(out), "--srclang", "fr"])
    assert r.exit_code == 1 and "no fr segment" in r.stderr and not out.exists()
    r = CliRunner().invoke(main, ["tmx", "merge", str(a), str(b), "-o", str(out), "--per-pair"])
    assert r.exit_code == 0, r.stderr
    for name, seg in (("m_zh-CN_en-US.tmx", "脱贫。"), ("m_zh-TW_en-US.tmx", "脫貧。")):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert text.count("<tu ") == 2 and seg in text


def _project(tmp_path: Path) -> Path:
    r = _run(["init", "proj", "--name", "test corpus", "--date", "2024-01-01"], tmp_path)
    assert r.returncode == 0, r.stderr
    return tmp_path / "proj"


def test_commands_without_o_never_overwrite_build_outputs(tmp_path):
    proj = _project(tmp_path)
    (proj / "sources" / "zh" / "a.txt").write_text("\n".join(ZH_PARAS), encoding="utf-8")
    outputs = [proj / "corpus" / "documents.jsonl", proj / "tmx" / "zhcorpus.srx",
               proj / "corpus" / "glossary" / "candidates.tsv"]
    for p in outputs:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("mine\n", encoding="utf-8")
    r = _run(["ingest", "sources/zh/a.txt", "--lang", "zh"], proj)
    assert r.returncode == 0 and json.loads(r.stdout.splitlines()[0])["id"] == "a.zh"
    r = _run(["tmx", "srx"], proj)
    assert r.returncode == 0 and r.stdout.startswith(b"<?xml")
    r = _run(["glossary", "export"], proj)
    assert r.returncode == 2 and b"-o" in r.stderr
    for p in outputs:
        assert p.read_text(encoding="utf-8") == "mine\n"


def test_project_files_resolve_from_the_project_not_the_cwd(tmp_path):
    proj = _project(tmp_path)
    sub = proj / "sources" / "zh"
    ref, hyp, src = (sub / n for n in ("ref.txt", "hyp.txt", "src.txt"))
    ref.write_text("We must win the fight against poverty.\n", encoding="utf-8")
    hyp.write_text("We must win the battle against poverty.\n", encoding="utf-8")
    src.write_text("坚决打赢脱贫攻坚战。\n", encoding="utf-8")
    r = _run(["score", "--ref", "ref.txt", "--hyp", "hyp.txt", "--src", "src.txt", "--json", "--bootstrap", "0"], sub)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["reference_terms"]["total"] == 1  # the project glossary, found from a subfolder
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    for f in (ref, hyp, src):
        (outside / f.name).write_bytes(f.read_bytes())
    r = _run(["score", "--ref", "ref.txt", "--hyp", "hyp.txt", "--src", "src.txt", "--bootstrap", "0"], outside)
    assert r.returncode == 0 and b"no term accuracy: no glossary found" in r.stderr


def test_add_outside_a_project_and_duplicates_are_errors(tmp_path):
    zh = make_docx(tmp_path / "a.docx", ZH_PARAS)
    en = make_docx(tmp_path / "b.docx", EN_PARAS)
    r = _run(["add", str(zh), str(en)], tmp_path)
    assert r.returncode == 1 and b"not inside a corpus project" in r.stderr
    proj = _project(tmp_path)
    assert _run(["--project", str(proj), "add", str(zh), str(en), "--id", "a"], tmp_path).returncode == 0
    r = _run(["add", str(zh), str(en), "--id", "b"], proj / "sources")
    assert r.returncode == 1 and b"already in the project as document 'a'" in r.stderr


# --- licences and splits ----------------------------------------------------------------------

def test_identical_texts_share_a_split():
    ids = [f"d{n:02d}" for n in range(40)]
    same = duplicate_texts([(i, f"text {i}") for i in ids] + [("zz-copy", "text  d00")])
    assert same == {"zz-copy": "d00"}
    splits = assign_splits([*ids, "zz-copy"], same)
    assert splits["zz-copy"] == splits["d00"]
    assert {s for s in splits.values()} == {"train", "validation", "test"}


# --- the whole path: init, add four formats, build ---------------------------------------------

def _seed_paragraphs(doc_id: str, start: int, n: int) -> tuple[list[str], list[str]]:
    """Cleaned paragraphs of a seed document and its translation (distinct real texts per format)."""
    from zhcorpus.ingest import ingest_entry
    from zhcorpus.manifest import load_manifest

    manifest = load_manifest(ROOT / "seeds" / "manifest.toml")
    zh, en = ingest_entry(manifest.get(doc_id), ROOT)
    assert en is not None
    return [p.text for p in zh.paragraphs[start:start + n]], [p.text for p in en.paragraphs[start:start + n]]


SOURCES = {"word": ("000", 0), "web": ("004", 0), "pdf": ("001", 1), "big5": ("003", 0), "memory": ("004", 4)}


def _memory_tmx(path: Path, zh: list[str], en: list[str]) -> Path:
    from xml.sax.saxutils import escape

    tus = "".join(f'<tu tuid="m{n}"><tuv xml:lang="zh-CN"><seg>{escape(a)}</seg></tuv>'
                  f'<tuv xml:lang="en-US"><seg>{escape(b)}</seg></tuv></tu>\n' for n, (a, b) in enumerate(zip(zh, en, strict=True), 1))
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
                    'segtype="sentence" datatype="plaintext" adminlang="en" o-tmf="x" creationtool="t" '
                    f'creationtoolversion="1"/><body>\n{tus}</body></tmx>\n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def texts() -> dict[str, tuple[list[str], list[str]]]:
    return {name: _seed_paragraphs(doc, start, 4) for name, (doc, start) in SOURCES.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory, texts) -> Path:
    if cjk_font() is None:
        pytest.skip("no CJK font for the PDF fixture (apt-get install fonts-wqy-zenhei)")
    tmp = tmp_path_factory.mktemp("own")
    inbox = tmp / "inbox"
    inbox.mkdir()
    make_docx(inbox / "a.zh.docx", texts["word"][0], header="国务院公报", footer="第 1 页")
    make_docx(inbox / "a.en.docx", texts["word"][1], header="Gazette")
    make_gov_html(inbox / "b.zh.html", texts["web"][0])
    make_gov_html(inbox / "b.en.html", texts["web"][1], "en")
    make_pdf(inbox / "c.zh.pdf", texts["pdf"][0], "zh", header="人民日报　2020年2月")
    make_pdf(inbox / "c.en.pdf", texts["pdf"][1], "en", header="People's Daily, February 2020")
    (inbox / "d.zh.txt").write_bytes("\n".join(texts["big5"][0]).encode("big5"))
    (inbox / "d.en.txt").write_text("\n".join(texts["big5"][1]), encoding="utf-8")
    _memory_tmx(inbox / "e.tmx", *texts["memory"])
    # the same texts again, as Markdown under another id: deduplicated before the split
    (inbox / "f.zh.md").write_text("\n\n".join(texts["memory"][0]) + "\n", encoding="utf-8")
    (inbox / "f.en.md").write_text("\n\n".join(texts["memory"][1]) + "\n", encoding="utf-8")
    r = _run(["init", "proj", "--name", "own documents", "--date", "2024-01-01", "--url", "https://example.org/own"], tmp)
    assert r.returncode == 0, r.stderr
    proj = tmp / "proj"
    sub = proj / "sources" / "zh"
    adds = [(["a.zh.docx", "a.en.docx"], ["--id", "word", "--license", "CC-BY-4.0", "--translator", "SCIO",
                                           "--translation-license", "CC-BY-4.0", "--source", "国务院公报"]),
            (["b.zh.html", "b.en.html"], ["--id", "web", "--url", "https://www.gov.cn/x.htm", "--translator", "Xinhua"]),
            (["c.zh.pdf", "c.en.pdf"], ["--id", "pdf"]),
            (["d.zh.txt", "d.en.txt"], ["--id", "big5", "--translator", "translated for this test"]),
            (["e.tmx"], ["--id", "memory"]),
            (["f.zh.md", "f.en.md"], ["--id", "memory-copy"])]
    for files, options in adds:
        r = _run(["add", *(str(inbox / f) for f in files), *options], sub)
        assert r.returncode == 0, r.stderr
    r = _run(["build", "-q"], sub)  # from a subfolder, as git finds its repository
    assert r.returncode == 0, r.stderr
    return proj


def test_add_records_format_encoding_and_script(built):
    manifest = (built / "sources" / "manifest.toml").read_text(encoding="utf-8")
    assert 'file = "zh/word.docx"' in manifest and 'file = "en/pdf.pdf"' in manifest
    assert 'file = "zh/memory.tmx"' in manifest and 'file = "zh/memory.tmx"\nlang = "en"' in manifest
    assert 'encoding = "big5"' in manifest and 'script = "Hant"' in manifest and 'region = "TW"' in manifest


def test_build_accounts_for_every_sentence(built, texts):
    docs = [json.loads(line) for line in (built / "corpus" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    units = [json.loads(line) for line in (built / "corpus" / "units.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted({d["id"].split(".")[0] for d in docs}) == ["big5", "memory", "memory-copy", "pdf", "web", "word"]
    seg_ids = {s["id"] for d in docs for p in d["paragraphs"] for s in p["segments"]}
    unit_ids = [i for u in units for i in (*u["zh_ids"], *u["en_ids"])]
    assert sorted(unit_ids) == sorted(seg_ids)  # every sentence in exactly one unit
    for d in docs:  # every document is its source text: nothing lost, no boilerplate kept
        name, lang = d["id"].split(".")
        want = texts[name.removesuffix("-copy")][0 if lang == "zh" else 1]
        assert [p["text"] for p in d["paragraphs"]] == want, d["id"]
    word = next(d for d in docs if d["id"] == "word.zh")
    assert word["meta"]["extraction"]["removed"][0]["text"] == "国务院公报"
    assert (built / "tmx" / "zhcorpus_zh-CN_en-US.tmx").is_file()
    assert (built / "corpus" / "hf" / "README.md").is_file()


def test_identical_texts_under_two_ids_share_a_split(built):
    import re

    card = (built / "corpus" / "hf" / "README.md").read_text(encoding="utf-8")
    split = dict(re.findall(r"^\| (memory(?:-copy)?) \| (train|validation|test) \|", card, re.M))
    assert set(split) == {"memory", "memory-copy"} and split["memory"] == split["memory-copy"]


def test_card_licence_derived_from_the_documents(built):
    card = (built / "corpus" / "hf" / "README.md").read_text(encoding="utf-8")
    assert "\nlicense: other\n" in card  # the documents state different licences (or none)
    assert "| word | 国务院公报 | CC-BY-4.0 | SCIO | CC-BY-4.0 |" in card
    assert "| big5 | not given | not stated (the publisher's text) | translated for this test | not stated |" in card
    assert 'load_dataset("corpus/hf"' in card and "url = {https://example.org/own}" in card


def _tus(tmx: str, doc: str | None = None) -> list[str]:
    import re

    tus = re.findall(r"<tu .*?</tu>\n", tmx, re.S)
    return [t for t in tus if doc is None or f'<prop type="x-doc">{doc}</prop>' in t]


@pytest.mark.parametrize(("doc", "ext", "pair"), [("word", "docx", "zh-CN_en-US"), ("web", "html", "zh-CN_en-US"),
                                                  ("pdf", "pdf", "zh-CN_en-US"), ("big5", "txt", "zh-CN_en-US")])
def test_align_two_files_equals_the_build_tmx(built, doc, ext, pair):
    out = built / f"{doc}.tmx"
    r = _run(["align", f"sources/zh/{doc}.{ext}", f"sources/en/{doc}.{ext}", "-o", str(out)], built)
    assert r.returncode == 0, r.stderr
    mine = out.read_text(encoding="utf-8")
    build = (built / "tmx" / f"zhcorpus_{pair}.tmx").read_text(encoding="utf-8")
    assert mine[:mine.index("<body>")] == build[:build.index("<body>")]  # same header and signature
    assert _tus(mine) == _tus(build, doc) and _tus(mine)


def test_card_licence_is_the_licence_when_all_agree(tmp_path):
    from zhcorpus.hf.licences import derive_licence

    class G:
        def __init__(self, doc_id, src, tr):
            self.doc_id = doc_id
            self.zh = type("D", (), {"meta": {"license": src}})()
            self.en = type("D", (), {"meta": {"license": tr}})()

    assert derive_licence([G("a", "CC-BY-4.0", "CC-BY-4.0"), G("b", "CC-BY-4.0", "CC-BY-4.0")]).hub_id == "cc-by-4.0"
    assert derive_licence([G("a", "CC-BY-4.0", "CC-BY-4.0"), G("b", None, "CC-BY-4.0")]).hub_id == "other"


@pytest.mark.integration
@pytest.mark.parametrize(("src", "tgt"), [("zh-CN", "en-US"), ("zh-TW", "en-US"), ("zh-HK", "en-US")])
def test_project_tmx_passes_cat_tools(built, shared, src, tgt):
    from test_tmx_integration import _missing_tools

    reason = _missing_tools(shared)
    if reason:
        pytest.skip(reason)
    docs = [json.loads(line) for line in (built / "corpus" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    hans = built / "source.zh-CN.txt"
    hans.write_text("\n".join(p["text"] for d in docs if d["lang"] == "zh" and d["script"] == "Hans"
                              for p in d["paragraphs"]) + "\n", encoding="utf-8")
    source = built / f"source.{src}.txt"
    if src != "zh-CN":  # the source document in the memory's own variant, as a translator would have it
        r = _run(["convert", "--to", src, str(hans), "-o", str(source)], built)
        assert r.returncode == 0, r.stderr
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    r = subprocess.run(["bash", str(shared / "cat" / "tmx_accept.sh"), str(built / "tmx" / f"zhcorpus_{src}_{tgt}.tmx"),
                        src, tgt, str(source)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout + r.stderr


def test_readme_worked_example_runs_as_written(tmp_path):
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Build a corpus from your own documents"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    script = block.group(1).replace("/tmp/my-corpus", str(tmp_path / "my-corpus")).replace(
        "/tmp/renmin.tmx", str(tmp_path / "renmin.tmx"))
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    r = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "zhcorpus_zh-CN_en-US.tmx" in r.stdout
    memory = (tmp_path / "renmin.tmx").read_text(encoding="utf-8")
    built = (tmp_path / "my-corpus" / "tmx" / "zhcorpus_zh-CN_en-US.tmx").read_text(encoding="utf-8")
    assert memory == built  # one document: the aligned pair is the build's memory, byte for byte


def test_encoding_option_on_reading_commands(tmp_path):
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_bytes("中国。".encode("gb18030"))  # too short to tell GB18030 from Big5
    en.write_bytes("China.".encode("cp1252"))
    for args in (["segment", str(zh)], ["ingest", str(zh), "--lang", "zh"], ["align", str(zh), str(en)]):
        r = _run(args, tmp_path)
        assert r.returncode == 1 and b"--encoding" in r.stderr and b"Traceback" not in r.stderr, args
        r = _run([*args, "--encoding", "gb18030"], tmp_path)
        assert r.returncode == 0 and "中国。" in r.stdout.decode(), (args, r.stderr)
    en.write_bytes("Z\xfcrich.".encode("latin-1"))
    r = _run(["score", "--ref", str(en), "--hyp", str(en), "--ref-lang", "en", "--bootstrap", "0"], tmp_path)
    assert r.returncode == 1 and b"cp1252" in r.stderr
    r = _run(["score", "--ref", str(en), "--hyp", str(en), "--ref-lang", "en", "--bootstrap", "0",
              "--encoding", "cp1252"], tmp_path)
    assert r.returncode == 0, r.stderr


def test_merge_reports_repeated_tuids(tmp_path):
    a = _tmx(tmp_path / "a.tmx", "zh-CN", "en-US", [("脱贫。", "Poverty."), ("振兴。", "Revival.")])
    b = _tmx(tmp_path / "b.tmx", "zh-CN", "en-US", [("小康。", "Prosperity."), ("攻坚。", "Tackling.")])
    r = CliRunner().invoke(main, ["tmx", "merge", str(a), str(b), "-o", str(tmp_path / "m.tmx")])
    assert r.exit_code == 0 and "4 TUs" in r.stderr and "2 repeated tuids renamed" in r.stderr
    text = (tmp_path / "m.tmx").read_text(encoding="utf-8")
    assert 'tuid="1~2"' in text and 'tuid="2~2"' in text


def test_cp1252_translation_is_refused_then_added_with_en_encoding(tmp_path):
    proj = _project(tmp_path)
    zh, en = tmp_path / "z.txt", tmp_path / "e.txt"
    zh.write_text("代表团访问了苏黎世和魁北克。\n", encoding="utf-8")
    en.write_bytes("The delegation visited Zürich and Québec.\n".encode("cp1252"))
    r = _run(["add", str(zh), str(en), "--id", "trip"], proj)
    assert r.returncode == 1 and b"--en-encoding cp1252" in r.stderr and str(en).encode() in r.stderr
    assert "trip" not in (proj / "sources" / "manifest.toml").read_text(encoding="utf-8")
    r = _run(["add", str(zh), str(en), "--id", "trip", "--en-encoding", "cp1252"], proj)
    assert r.returncode == 0, r.stderr
    r = _run(["build", "-q"], proj)
    assert r.returncode == 0, r.stderr
    tmx = (proj / "tmx" / "zhcorpus_zh-CN_en-US.tmx").read_text(encoding="utf-8")
    assert "Zürich and Québec" in tmx


@pytest.mark.parametrize(("field", "message"), [('encoding = "klingon"', "is not an encoding"),
                                                ('region = "CN"', "region must be TW or HK"),
                                                ("license = 4", "document.license must be a string")])
def test_manifest_own_fields_are_checked(tmp_path, field, message):
    from zhcorpus.manifest import load_manifest

    (tmp_path / "zh.txt").write_text("脱贫。\n", encoding="utf-8")
    m = tmp_path / "manifest.toml"
    m.write_text(f'[[document]]\nid = "a"\nfile = "zh.txt"\nlang = "zh"\n{field}\n', encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        load_manifest(m)
    assert "document 1" in str(exc.value)
