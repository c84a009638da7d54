"""`corpus tmx validate`: each problem that makes a CAT tool reject or half-import a TMX is found."""

from __future__ import annotations

import pytest

from zhcorpus.tmx import validate_tmx

HEADER = ('<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en-US" '
          'srclang="{src}" datatype="plaintext"{extra}/>')
TU = '<tu tuid="{tuid}"><tuv xml:lang="{zh}"><seg>{seg}</seg></tuv><tuv xml:lang="en-US"><seg>Hello.</seg></tuv></tu>'


def tmx(tmp_path, *, src="zh-CN", extra="", tus=None, decl='<?xml version="1.0" encoding="UTF-8"?>',
        version="1.4", name="t.tmx", encoding="utf-8"):
    tus = tus if tus is not None else [TU.format(tuid="1", zh="zh-CN", seg="你好。")]
    text = (f'{decl}\n<tmx version="{version}">\n{HEADER.format(src=src, extra=extra)}\n<body>\n'
            + "\n".join(tus) + "\n</body>\n</tmx>\n")
    path = tmp_path / name
    path.write_bytes(("\ufeff" if encoding.startswith("utf-16") else "").encode(encoding) + text.encode(encoding))
    return path


def codes(rep):
    return {(i.level, i.code) for i in rep.issues}


def test_a_good_file_is_valid(tmp_path):
    rep = validate_tmx(tmx(tmp_path))
    assert rep.ok and rep.issues == [] and rep.tus == 1 and rep.langs == {"zh-CN": 1, "en-US": 1}


@pytest.mark.parametrize("kwargs,expected", [
    ({"src": "zh_CN", "tus": [TU.format(tuid="1", zh="zh_CN", seg="你好。")]}, ("error", "lang-code")),
    ({"src": "*all*"}, ("error", "srclang")),
    ({"tus": [TU.format(tuid="1", zh="zh-TW", seg="你好。")]}, ("error", "no-source")),
    ({"tus": [TU.format(tuid="1", zh="zh-CN", seg="  ")]}, ("error", "empty-seg")),
    ({"tus": [TU.format(tuid="1", zh="zh-CN", seg=" 你好。")]}, ("warning", "seg-whitespace")),
    ({"tus": [TU.format(tuid="1", zh="zh-CN", seg="\n      <hi>你好。</hi>\n    ")]}, ("error", "pretty-printed")),
    ({"tus": [TU.format(tuid="7", zh="zh-CN", seg="一。"), TU.format(tuid="7", zh="zh-CN", seg="二。")]},
     ("error", "duplicate-tuid")),
    ({"extra": ' creationdate="2026-11-24"'}, ("warning", "date")),
    ({"tus": ['<tu><prop>x</prop><tuv xml:lang="zh-CN"><seg>一。</seg></tuv></tu>']}, ("error", "dtd")),
    ({"tus": ['<tu><prop type="file">a.txt</prop><tuv xml:lang="zh-CN"><seg>一。</seg></tuv>'
              '<tuv xml:lang="en-US"><seg>One.</seg></tuv></tu>']}, ("warning", "prop-reserved")),
    ({"tus": ['<tu><tuv lang="zh-CN"><seg>一。</seg></tuv><tuv xml:lang="en-US"><seg>One.</seg></tuv></tu>']},
     ("error", "lang-attribute")),
    ({"tus": [TU.format(tuid="1", zh="zh-CN", seg="长" * 2001)]}, ("warning", "long-seg")),
    ({"tus": [TU.format(tuid="1", zh="zh-CN", seg="一。").replace("</tu>", '<tuv xml:lang="de-DE"><seg>Eins.</seg>'
                                                                           "</tuv></tu>")]}, ("warning", "multilingual")),
    ({"version": "1.1"}, ("warning", "version")),
])
def test_each_problem_is_reported(tmp_path, kwargs, expected):
    rep = validate_tmx(tmx(tmp_path, **kwargs))
    assert expected in codes(rep), rep.issues
    assert rep.ok == (expected[0] == "warning" and not any(i.level == "error" for i in rep.issues))


def test_missing_srclang_rejects_the_file(tmp_path):
    path = tmx(tmp_path)
    path.write_text(path.read_text().replace(' srclang="zh-CN"', ""))
    rep = validate_tmx(path)
    assert ("error", "srclang") in codes(rep) and ("error", "dtd") in codes(rep) and not rep.ok


@pytest.mark.parametrize("bad", ["\x01", "&#x1;", "&#0;"])
def test_illegal_characters_make_the_file_not_well_formed(tmp_path, bad):
    rep = validate_tmx(tmx(tmp_path, tus=[TU.format(tuid="1", zh="zh-CN", seg=f"坏{bad}。")]))
    (issue,) = rep.issues
    assert issue.level == "error" and issue.code == "xml" and issue.line == 5 and "control character" in issue.message


def test_utf16_bytes_with_a_utf8_declaration(tmp_path):
    rep = validate_tmx(tmx(tmp_path, encoding="utf-16-le"))
    assert ("error", "encoding") in codes(rep)
    good = validate_tmx(tmx(tmp_path, encoding="utf-16-le", name="ok.tmx",
                            decl='<?xml version="1.0" encoding="UTF-16"?>'))
    assert good.ok, good.issues


def test_entities_are_refused(tmp_path):
    path = tmp_path / "lol.tmx"
    path.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx version="1.4"></tmx>')
    rep = validate_tmx(path)
    assert [(i.level, i.code) for i in rep.issues] == [("error", "refused")]


def test_errors_in_later_chunks_keep_their_line_numbers(tmp_path):
    tus = [TU.format(tuid=str(i), zh="zh-CN", seg=f"第{i}句。") for i in range(4500)]
    tus[4321] = '<tu><note>n</note><tuv xml:lang="zh-CN"><seg>x</seg></tuv><prop type="a">late</prop></tu>'
    rep = validate_tmx(tmx(tmp_path, tus=tus))
    dtd = [i for i in rep.issues if i.code == "dtd"]
    assert len(dtd) == 1 and dtd[0].line == 4321 + 5
