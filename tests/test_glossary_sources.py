"""The glossary's sources (issue 19): an official source names the publication and its date,
never a mirror or content-farm copy; what was checked against a text says where; the rest is
marked as the project's own rendering."""

from __future__ import annotations

import re

import pytest

from zhcorpus.glossary import load_glossary

OWN = "zhcorpus term sheet"
# Copies of official texts on sites that are not their publishers (found in earlier versions).
MIRRORS = ("reciyi.com", "k51.com.cn", "jxbentu.cn", "newsmuncher.com", "sxcfcp.com")
CHECKED = re.compile(r'Checked: "([^"]+)" \((?:[^()]*?)(https?://\S+?)\)')


@pytest.fixture(scope="module")
def glossary(root):
    return load_glossary(root / "seeds" / "glossary.tsv")


def test_no_mirror_or_content_farm_sources(glossary):
    for c in glossary:
        text = f"{c.source} {c.notes}"
        assert not any(m in text for m in MIRRORS), (c.id, text)


def test_official_sources_are_dated_and_own_renderings_are_marked(glossary):
    for c in glossary:
        assert c.source, c.id
        if c.source.startswith(OWN):
            assert not c.source_date, c.id  # no date: nothing was published
        else:
            assert re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", c.source_date), (c.id, c.source_date)


def test_checked_notes_quote_the_text_and_give_its_address(glossary):
    checked = [c for c in glossary if "Checked:" in c.notes]
    assert len(checked) >= 40
    for c in checked:
        m = CHECKED.search(c.notes)
        assert m, (c.id, c.notes)
        quote = m.group(1)
        # the quote shows the rendering (or its key words) as the official text writes it
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", c.en) if len(w) > 3}
        found = {w.lower() for w in re.findall(r"[A-Za-z]+", quote)}
        alt_words = {w.lower() for a in c.en_alt for w in re.findall(r"[A-Za-z]+", a) if len(w) > 3}
        assert words & found or alt_words & found, (c.id, c.en, quote)


def test_official_renderings_the_review_names(glossary):
    by_zh = {c.zh_hans: c for c in glossary}
    assert by_zh["深度贫困地区"].en == "severely impoverished area"
    assert by_zh["集中连片特困地区"].en == "contiguous areas of extreme poverty"
    assert by_zh["获得感"].en == "sense of fulfillment"
    assert by_zh["决战脱贫攻坚"].en == "decisive battle against poverty"
    assert by_zh["社会力量"].en == "all sectors of society"
    assert by_zh["国土空间"].en == "territorial space"
    assert by_zh["主体功能区"].en == "development priority zones"
    assert "authorities" in by_zh["中央统筹、省负总责、市县落实"].en
    # calques are gone from preferred and accepted renderings
    calques = ("blood-making", "rural folk", "press ahead in one go", "four no-removals", "listed supervision")
    for c in glossary:
        for form in c.en_forms():
            assert not any(k in form for k in calques), (c.id, form)
