"""Round trip: export -> import gives every unit back, text and metadata identical (property-based).

The writer removes the characters XML 1.0 cannot carry (and counts them), so the expected units
go through the same removal.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhcorpus.model import Unit
from zhcorpus.tmx import export_tmx, units_from_tmx
from zhcorpus.tmx.text import strip_illegal

SPECIAL = list("&<>\"'\r\n\t ") + ["\x00", "\x01", "\x1f", "\ufffe", "\uffff", "\ud800", "𠀀", "😀", "\U0010fffd",
                                    "]]>", "&amp;", "\u3000", "\u2028"]
chars = st.one_of(st.characters(), st.sampled_from(SPECIAL))
any_text = st.lists(chars, max_size=40).map("".join)
long_text = st.integers(2001, 2600).map(lambda n: "长" * n)
# a text with at least one character that survives the cleaning
text = st.tuples(st.one_of(any_text, any_text, long_text), st.characters(exclude_categories=("Cs", "Cc"))).map(
    lambda t: t[0] + t[1])
score = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def units(draw: st.DrawFn) -> list[Unit]:
    out = []
    for n in range(draw(st.integers(1, 5))):
        has_variants = draw(st.booleans())
        out.append(Unit(
            id=f"{n}:{draw(any_text)}", doc_id=draw(any_text),
            zh_ids=draw(st.lists(any_text, min_size=1, max_size=3)),
            en_ids=draw(st.lists(any_text, min_size=1, max_size=3)),
            zh=draw(text), en=draw(text), score=draw(score),
            paragraph=draw(st.one_of(st.none(), st.integers(-5, 10**6))),
            flags=draw(st.lists(any_text, max_size=3)), terms=draw(st.lists(any_text, max_size=3)),
            variants={k: draw(text) for k in ("zh-Hans", "zh-TW", "zh-HK")} if has_variants else {},
        ))
    return out


def clean(s: str) -> str:
    return strip_illegal(s)[0]


def cleaned(u: Unit, variant_keys: tuple[str, ...]) -> Unit:
    return Unit(
        id=clean(u.id), doc_id=clean(u.doc_id), zh_ids=[clean(i) for i in u.zh_ids],
        en_ids=[clean(i) for i in u.en_ids], zh=clean(u.zh), en=clean(u.en), score=u.score,
        paragraph=u.paragraph, flags=[clean(f) for f in u.flags], terms=[clean(t) for t in u.terms],
        variants={k: clean(v) for k, v in u.variants.items() if k in variant_keys},
    )


SETTINGS = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(units())
def test_multilingual_round_trip(us):
    with tempfile.TemporaryDirectory() as tmp:
        res = export_tmx(us, Path(tmp), multilingual=True, duplicates="keep")
        got = list(units_from_tmx(res["multilingual"]))
    assert got == [cleaned(u, ("zh-Hans", "zh-TW", "zh-HK")) for u in us]


@SETTINGS
@given(units(), st.sampled_from(["region", "script"]), st.booleans())
def test_pair_file_round_trip(us, codes, gz):
    with tempfile.TemporaryDirectory() as tmp:
        res = export_tmx(us, Path(tmp), pairs=[("zh-CN", "en-US")], codes=codes, gzip=gz, duplicates="keep")
        (path,) = res.values()
        got = list(units_from_tmx(path))
    assert got == [cleaned(u, ("zh-Hans",)) for u in us]
