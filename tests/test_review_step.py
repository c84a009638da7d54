"""The corrections step in the build: applied after align, part of the document's cache key only,
the aligner's replaced beads recorded (the review app can undo back to them), stale reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhcorpus.build.worker import DocWorker, WorkerConfig, stage_keys
from zhcorpus.manifest import load_manifest
from zhcorpus.review.corrections import bead_correction, edit_correction
from zhcorpus.review.document import original_beads, units_to_beads
from zhcorpus.review.store import CorrectionsStore
from zhcorpus.source import Source
from zhcorpus.steps import PipelineConfig, make_steps


@pytest.fixture(scope="module")
def sources(root) -> list[Source]:
    manifest = load_manifest(root / "seeds" / "manifest.toml")
    return [Source.from_entry(e, root) for e in manifest.entries if e.id in ("001", "002")]


def _config(folder: Path, **kw) -> PipelineConfig:
    return PipelineConfig().replace("corrections", folder=str(folder), **kw)


def test_corrections_are_in_that_documents_cache_key_only(sources, tmp_path, root):
    glossary = root / "seeds" / "glossary.tsv"
    folder = tmp_path / "corrections"
    before = [stage_keys(s, make_steps(_config(folder), glossary)) for s in sources]
    CorrectionsStore(folder).save("001", [bead_correction(1, "approve", [("001.zh/1/1", "x")], [("001.en/1/1", "y")])], 0)
    after = [stage_keys(s, make_steps(_config(folder), glossary)) for s in sources]
    changed = [[n for n in before[i] if before[i][n] != after[i][n]] for i in range(2)]
    assert changed == [["corrections", "glossary"], []]
    # the same content saved again (a new version number only): the same key
    items = CorrectionsStore(folder).load("001").items
    CorrectionsStore(folder).save("001", items, 1)
    assert stage_keys(sources[0], make_steps(_config(folder), glossary)) == after[0]
    # apply = false: no corrections read, the key is the plain one
    off = stage_keys(sources[0], make_steps(_config(folder, apply=False), glossary))
    assert off["align"] == after[0]["align"] and off["corrections"] != after[0]["corrections"]


def test_step_applies_records_and_undoes(sources, tmp_path, root):
    folder = tmp_path / "corrections"
    glossary = root / "seeds" / "glossary.tsv"
    worker = DocWorker(WorkerConfig(root=Path("."), cache=None, glossary=glossary, steps=_config(folder)))
    plain = worker(sources[0])
    assert plain.status == "ok", plain.error
    zsegs, esegs = plain.zh.segments(), plain.en.segments()
    u1, u2, u3 = plain.units[:3]
    sent = lambda segs, ids: [(s.id, s.text) for s in segs if s.id in ids]  # noqa: E731
    store = CorrectionsStore(folder)
    merged = bead_correction(1, "bead", sent(zsegs, u1.zh_ids + u2.zh_ids), sent(esegs, u1.en_ids + u2.en_ids),
                             action="merge-next")
    edit = edit_correction(2, u3.en_ids[0], esegs[[s.id for s in esegs].index(u3.en_ids[0])].text, "Edited text.")
    stale = bead_correction(3, "approve", [(zsegs[5].id, "not the text")], [(esegs[5].id, "any")])
    store.save("001", [merged, edit, stale], 0)
    got = worker(sources[0])
    assert got.status == "ok", got.error
    first = got.units[0]
    assert first.zh_ids == u1.zh_ids + u2.zh_ids and first.flags == ["reviewed"] and first.score == 1.0
    assert got.units[1].en == "Edited text." and "edited" in got.units[1].flags
    assert len(got.units) == len(plain.units) - 1
    assert [u.id for u in got.units] == [f"001/{i}" for i in range(1, len(got.units) + 1)]
    assert got.units[0].terms  # the glossary step ran after the corrections
    review = got.zh.review
    assert review["file"] == "corrections/001.jsonl" and review["applied"] == [1, 2]
    assert review["stale"] == [{"n": 3, "kind": "approve", "ids": [zsegs[5].id, esegs[5].id],
                                "reason": "the text of its sentences changed"}]
    # the app rebuilds the aligner's own beads from the output
    assert original_beads(got.units, got.zh, got.en) == units_to_beads(plain.units, plain.zh, plain.en)
