"""The TMX reader: versions, encodings, inline tags, gzip, and refusal of unsafe XML."""

from __future__ import annotations

import gzip

import pytest
from lxml import etree

from zhcorpus.errors import InputError
from zhcorpus.tmx import TmxReader, read_tmx, seg_to_text, text_to_seg_xml, tmx_unit_to_unit

TMX11 = """<?xml version="1.0" encoding="{enc}"?>
<tmx version="1.1">
<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="zh-CN" datatype="plaintext"/>
<body>
<tu tuid="a"><tuv lang="ZH-CN"><seg>你好。</seg></tuv><tuv lang="EN-US"><seg>Hello.</seg></tuv></tu>
<tu><tuv lang="zh-CN"><seg>再见。</seg></tuv><tuv lang="en-US"><seg>Bye &amp; &lt;out&gt;.</seg></tuv></tu>
</body>
</tmx>
"""


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_reads_tmx_1_1_lang_attribute_and_header(tmp_path):
    path = write(tmp_path, "old.tmx", TMX11.format(enc="UTF-8").encode())
    reader = TmxReader(path)
    units = list(reader)
    assert reader.version == "1.1"
    assert reader.header["srclang"] == "zh-CN"
    assert [u.tuid for u in units] == ["a", None]
    assert units[0].segs == {"ZH-CN": "你好。", "EN-US": "Hello."}
    assert units[0].text("zh-CN") == "你好。" and units[0].text("en") == "Hello."
    assert units[1].segs["en-US"] == "Bye & <out>."
    assert units[0].line == 6


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_reads_utf16_with_bom(tmp_path, codec):
    bom = "\ufeff".encode(codec)
    path = write(tmp_path, "u16.tmx", bom + TMX11.format(enc="UTF-16").encode(codec))
    assert [u.segs for u in read_tmx(path)][0] == {"ZH-CN": "你好。", "EN-US": "Hello."}


def test_reads_gzip_by_magic_number(tmp_path):
    data = gzip.compress(TMX11.format(enc="UTF-8").encode(), mtime=0)
    path = write(tmp_path, "packed.tmx.gz", data)
    assert len(list(read_tmx(path))) == 2
    renamed = write(tmp_path, "packed_without_suffix.tmx", data)
    assert len(list(read_tmx(renamed))) == 2


def test_truncated_gzip_is_an_input_error(tmp_path):
    data = gzip.compress(TMX11.format(enc="UTF-8").encode())
    path = write(tmp_path, "cut.tmx.gz", data[: len(data) // 2])
    with pytest.raises(InputError) as err:
        list(read_tmx(path))
    assert "cut.tmx.gz" in str(err.value)


INLINE = ('<seg>Press <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> now'
          '<ph x="2">&lt;br/&gt;</ph> and <hi type="term">see <it pos="begin">&lt;i&gt;</it>more</hi>'
          '<ph>{img <sub>alt text</sub>}</ph>.</seg>')


def test_inline_tags_become_plain_text_and_are_recoverable():
    seg = etree.fromstring(INLINE)
    text, tags = seg_to_text(seg)
    assert text == "Press Save now and see more."
    assert [t.name for t in tags] == ["bpt", "ept", "ph", "hi", "it", "/hi", "ph"]
    assert tags[0].pos == len("Press ") and tags[0].attrs == {"i": "1", "x": "1"} and tags[0].code == "&lt;b&gt;"
    assert "<sub>alt text</sub>" in tags[-1].code
    rebuilt = etree.fromstring(text_to_seg_xml(text, tags))
    assert etree.tostring(rebuilt, method="c14n") == etree.tostring(seg, method="c14n")


def test_inline_tags_in_a_file_are_kept_per_language(tmp_path):
    doc = TMX11.format(enc="UTF-8").replace("<seg>Hello.</seg>", INLINE)
    units = list(read_tmx(write(tmp_path, "inline.tmx", doc.encode())))
    assert units[0].segs["EN-US"] == "Press Save now and see more."
    assert list(units[0].inline) == ["EN-US"]
    unit = tmx_unit_to_unit(units[0])
    assert "inline-tags" in unit.flags and unit.en == "Press Save now and see more."


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<tmx version="1.4"><header srclang="en-US"/><body>
<tu><tuv xml:lang="en-US"><seg>&lol9;</seg></tuv></tu></body></tmx>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<tmx version="1.4"><header srclang="en-US"/><body>
<tu><tuv xml:lang="en-US"><seg>&secret;</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize("data,name", [(BILLION_LAUGHS, "lol9"), (XXE, "secret")])
def test_entity_declarations_are_refused(tmp_path, data, name):
    path = write(tmp_path, "evil.tmx", data)
    with pytest.raises(InputError) as err:
        list(read_tmx(path))
    msg = str(err.value)
    assert msg.startswith(f"{path}:") and "declares entities" in msg and "refused" in msg
    assert "root:" not in msg  # nothing of /etc/passwd leaked


def test_plain_doctype_is_accepted_and_never_loaded(tmp_path):
    doc = TMX11.format(enc="UTF-8").replace('<tmx version="1.1">',
                                             '<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">\n<tmx version="1.1">')
    assert len(list(read_tmx(write(tmp_path, "dt.tmx", doc.encode())))) == 2


@pytest.mark.parametrize("bad,hint", [("\x01", "control character"), ("&#x1;", "control character"),
                                      ("<b>", "not well-formed")])
def test_malformed_xml_names_file_line_and_column(tmp_path, bad, hint):
    doc = TMX11.format(enc="UTF-8").replace("再见。", f"再见{bad}。")
    path = write(tmp_path, "bad.tmx", doc.encode())
    with pytest.raises(InputError) as err:
        list(read_tmx(path))
    msg = str(err.value)
    assert msg.startswith(f"{path}:7:") and hint in msg


def test_not_a_tmx_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="root element is not <tmx>"):
        list(read_tmx(write(tmp_path, "x.xml", b"<html><tu/></html>")))
    with pytest.raises(InputError, match="no such file"):
        list(read_tmx(tmp_path / "absent.tmx"))


def test_tuv_without_language_is_an_error(tmp_path):
    doc = TMX11.format(enc="UTF-8").replace('<tuv lang="zh-CN">', "<tuv>")
    with pytest.raises(InputError, match="without xml:lang"):
        list(read_tmx(write(tmp_path, "nolang.tmx", doc.encode())))


def test_foreign_tmx_becomes_units_with_neutral_metadata(tmp_path):
    units = [tmx_unit_to_unit(u) for u in read_tmx(write(tmp_path, "f.tmx", TMX11.format(enc="UTF-8").encode()))]
    assert units[0].zh == "你好。" and units[0].en == "Hello."
    assert units[0].id == "a" and units[0].zh_ids == ["a/zh"] and units[0].en_ids == ["a/en"]
    assert units[0].variants == {} and units[0].score == 1.0 and units[0].aligned
