"""Document formats: Word, web pages, PDF, Markdown, TMX input — paragraphs kept, removals logged."""

from __future__ import annotations

import pytest

from doc_fixtures import (
    EN_PARAS,
    ZH_PARAS,
    cjk_font,
    make_blank_pdf,
    make_docx,
    make_gov_html,
    make_pdf,
)
from zhcorpus.errors import InputError
from zhcorpus.formats import extract, format_of
from zhcorpus.ingest import ingest_file

needs_font = pytest.mark.skipif(cjk_font() is None, reason="no CJK font (apt-get install fonts-wqy-zenhei)")


def test_format_by_extension():
    assert [format_of(n) for n in ("a.TXT", "b.md", "c.docx", "d.htm", "e.pdf", "f.tmx", "g")] == \
        ["txt", "md", "docx", "html", "pdf", "tmx", "txt"]


def test_docx_body_paragraphs_headers_and_footers_removed(tmp_path):
    p = make_docx(tmp_path / "a.docx", ZH_PARAS, header="国务院公报", footer="第 1 页")
    ex = extract(p.read_bytes(), p, "zh")
    assert ex.text.split("\n") == ZH_PARAS
    assert {"what": "page-header", "section": 1, "text": "国务院公报"} in ex.removed
    assert {"what": "page-footer", "section": 1, "text": "第 1 页"} in ex.removed
    assert ex.stats["empty_paragraphs_dropped"] == len(ZH_PARAS) - 1


def test_docx_that_is_not_a_zip(tmp_path):
    p = tmp_path / "old.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
    with pytest.raises(InputError, match="not a Word .docx") as exc:
        extract(p.read_bytes(), p, "zh")
    assert str(p) in str(exc.value)


@pytest.mark.parametrize(("paras", "lang"), [(ZH_PARAS, "zh"), (EN_PARAS, "en")])
def test_html_main_text_only(tmp_path, paras, lang):
    p = make_gov_html(tmp_path / f"{lang}.html", paras, lang)
    ex = extract(p.read_bytes(), p, lang)
    assert ex.text.split("\n") == paras  # the heading and the body, nothing else
    removed = {r["text"] for r in ex.removed}
    share, footer = ("微博", "版权所有：中国政府网 京ICP备05070218号") if lang == "zh" else \
        ("Weibo", "Registration number: 05070218")
    assert share in removed and footer in removed
    assert ex.meta["date"] == "2021-03-22"


def test_html_declared_charset_honoured(tmp_path):
    p = make_gov_html(tmp_path / "gb.html", ZH_PARAS, "zh", charset="gb18030")
    ex = extract(p.read_bytes(), p, "zh")
    assert ex.encoding == "gb18030" and ex.text.split("\n") == ZH_PARAS


@needs_font
@pytest.mark.parametrize(("paras", "lang"), [(ZH_PARAS, "zh"), (EN_PARAS, "en")])
def test_pdf_lines_rejoined_headers_and_page_numbers_dropped(tmp_path, paras, lang):
    header = "国务院公报　2021年第10号" if lang == "zh" else "Gazette of the State Council, No. 10, 2021"
    p = make_pdf(tmp_path / f"{lang}.pdf", paras, lang, header=header)
    ex = extract(p.read_bytes(), p, lang)
    assert ex.text.split("\n") == paras  # exact: lines, the page end and the broken word rejoined
    kinds = [(r["what"], r["page"]) for r in ex.removed]
    assert kinds.count(("running-header", 1)) == 1 and ("page-number", 2) in kinds
    assert ex.stats["joined_across_pages"] == 1
    if lang == "en":
        assert ex.stats["dehyphenated"] == ["assis-tance"]


def test_scanned_pdf_is_an_error(tmp_path):
    p = make_blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match="no text layer") as exc:
        extract(p.read_bytes(), p, "zh")
    assert str(p) in str(exc.value) and "OCR" in str(exc.value)


def test_markdown_markup_removed_paragraphs_kept(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: x\n---\n# 标题\n\n第一段**重点**内容，见[链接](http://x)。\n\n```\ncode\n```\n\n> 引用的话。\n",
                 encoding="utf-8")
    ex = extract(p.read_bytes(), p, "zh")
    assert ex.text.split("\n") == ["标题", "第一段重点内容，见链接。", "引用的话。"]
    assert [r["what"] for r in ex.removed] == ["front-matter", "code-block"]


def test_tmx_as_an_input_pair(tmp_path):
    p = tmp_path / "pair.tmx"
    p.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" segtype="sentence" datatype="plaintext" adminlang="en"
 o-tmf="x" creationtool="t" creationtoolversion="1"/><body>
<tu tuid="1"><tuv xml:lang="zh-CN"><seg>脱贫攻坚。</seg></tuv><tuv xml:lang="en-US"><seg>Poverty alleviation.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="zh-CN"><seg>乡村振兴。</seg></tuv></tu>
</body></tmx>""", encoding="utf-8")
    zh = extract(p.read_bytes(), p, "zh")
    en = extract(p.read_bytes(), p, "en")
    assert zh.text.split("\n") == ["脱贫攻坚。", "乡村振兴。"]
    assert en.text == "Poverty alleviation." and en.removed == [{"what": "tu-without-en", "tuid": "2", "line": 5}]


def test_ingest_keeps_the_extraction_log_in_meta(tmp_path):
    p = make_docx(tmp_path / "a.docx", ZH_PARAS, header="国务院公报")
    doc = ingest_file(p, "a.zh", "zh")
    assert [par.text for par in doc.paragraphs] == ZH_PARAS
    assert doc.meta["extraction"]["format"] == "docx"
    assert doc.meta["extraction"]["removed"][0]["text"] == "国务院公报"
