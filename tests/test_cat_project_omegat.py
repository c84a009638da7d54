"""OmegaT 3.6 opens the generated projects (console mode): it loads them without a warning, fills
at least 90% of the segments of the corpus's own documents with a 100% match for zh-CN→en-US and
zh-TW→en-US (exactly the segments the project predicted), and its glossary pane shows each term
once, in the target language. The raw documents' fill is reported.

One project per pair, opened once per module (OmegaT takes 10–30 s). Needs the Debian package
``omegat``; skipped, with the reason, only when it is absent.
"""

from __future__ import annotations

import re

import pytest

from zhcorpus.catproject import write_cat_project
from zhcorpus.catproject.check import omegat_missing, open_in_omegat
from zhcorpus.glossary import TermMatcher, load_glossary
from zhcorpus.jsonl import JsonlRecords
from zhcorpus.model import Document, Unit

pytestmark = pytest.mark.integration
MIN_FILLED = 0.90
PAIRS = ("zh-CN:en-US", "zh-TW:en-US")


@pytest.fixture(scope="module", params=PAIRS)
def opened(request, root, tmp_path_factory):
    reason = omegat_missing()
    if reason:
        pytest.skip(reason)
    docs = JsonlRecords(root / "corpus" / "documents.jsonl", Document.from_dict)
    units = JsonlRecords(root / "corpus" / "units.jsonl", Unit.from_dict)
    glossary = load_glossary(root / "seeds" / "glossary.tsv")
    out = tmp_path_factory.mktemp("omegat") / request.param.replace(":", "_")
    project = write_cat_project(docs, units, glossary, request.param, out, raw=True)
    return project, open_in_omegat(out), glossary


def _own(view):
    return [s for s in view.segments if not s.file.startswith("source/raw/")]


def test_omegat_loads_the_project_without_warnings(opened):
    project, view, _ = opened
    assert view.problems == [], "\n".join(view.problems)
    assert {s.file for s in view.segments} == {f for f in project.files if f.startswith("source/")}


def test_omegat_fills_90_percent_of_the_documents_with_exact_matches(opened):
    project, view, _ = opened
    own = _own(view)
    filled = sum(s.filled for s in own)
    pair = "→".join(project.pair)
    print(f"{pair}: OmegaT filled {filled} of {len(own)} segments ({filled / len(own):.1%}); "
          f"{project.multi_sentence_beads} multi-sentence beads, {project.kept_together} kept on one segment")
    assert len(own) > 200 and filled / len(own) >= MIN_FILLED, [s.source for s in own if not s.filled][:10]
    # what the project predicted, file by file, is what OmegaT did
    for name, (segs, hit) in project.fill.files.items():
        mine = [s for s in own if s.file == name]
        assert (len(mine), sum(s.filled for s in mine)) == (segs, hit), name
    raw_total, raw_filled = view.fill("source/raw/")
    assert project.raw_fill is not None and (raw_total, raw_filled) == (project.raw_fill.segments,
                                                                         project.raw_fill.filled)
    print(f"{pair}: raw documents: OmegaT filled {raw_filled} of {raw_total} ({raw_filled / raw_total:.1%})")


def test_the_glossary_pane_shows_each_term_once_in_the_target_language(opened):
    project, view, glossary = opened
    assert view.glossary_entries == project.glossary_entries  # one file, read once
    matcher = TermMatcher(glossary)
    found = distinct = shown = scattered = nested = 0
    for seg in _own(view):
        shown += len(seg.glossary)
        scattered += sum(term not in seg.source for term, _ in seg.glossary)
        sources = [term for term, _ in seg.glossary]
        assert len(sources) == len(set(sources)), seg.source  # no entry twice (TBX + .utf8, two pairs)
        for term, targets in seg.glossary:
            assert len(targets) == 1, (term, targets)  # one rendering, not a list of duplicates
            assert not any("\u3400" <= ch <= "\u9fff" for ch in targets[0]), (term, targets)  # English
        for hit in matcher.find(seg.source):  # every term the corpus finds is shown, once
            form = seg.source[hit.start:hit.end]
            assert sources.count(form) == 1, (form, seg.source)
            assert dict(seg.glossary)[form] == [glossary.get(hit.concept_id).en]
            found += 1
        longest = {seg.source[h.start:h.end] for h in matcher.find(seg.source)}
        distinct += len(longest)  # a term twice in one segment is one entry
        nested += sum(term in seg.source and term not in longest for term, _ in seg.glossary)
    # besides those: terms inside a longer one (脱贫攻坚 in 脱贫攻坚战), which OmegaT lists too, and
    # the few whose character pairs all occur but not in a row (OmegaT's token containment)
    print(f"{'→'.join(project.pair)}: glossary pane: {shown} entries for {found} term occurrences "
          f"({distinct} distinct per segment), "
          f"{nested} inside a longer term, {scattered} not contiguous")
    assert found > 300 and shown == distinct + nested + scattered
    assert scattered <= 0.02 * shown


def test_cli_check_prints_what_omegat_reports(root, tmp_path):
    from click.testing import CliRunner

    from zhcorpus.cli import main

    if omegat_missing():
        pytest.skip(omegat_missing())
    res = CliRunner().invoke(main, [
        "cat-project", "--pair", "zh-CN:en-US", "--raw", "--check",
        "--documents", str(root / "corpus" / "documents.jsonl"), "--units", str(root / "corpus" / "units.jsonl"),
        "--glossary", str(root / "seeds" / "glossary.tsv"), str(tmp_path / "p")])
    assert res.exit_code == 0, res.output
    predicted = re.search(r"when the project opens: (\d+) of (\d+) segments", res.output)
    measured = re.search(r"OmegaT: documents: (\d+) of (\d+) segments filled", res.output)
    assert predicted and measured and predicted.groups() == measured.groups(), res.output
    assert re.search(r"OmegaT: raw documents: \d+ of \d+ segments filled", res.output)
    assert not (tmp_path / "p" / "target" / "000.txt").exists()  # OmegaT ran on a copy
