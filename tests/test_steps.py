"""The step contract: signatures, derived cache keys, and exactly-the-affected-stages re-runs."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from zhcorpus.build.worker import DocWorker, WorkerConfig, stage_keys
from zhcorpus.clean import CLEAN_RULES
from zhcorpus.manifest import load_manifest
from zhcorpus.source import Source
from zhcorpus.steps import PIPELINE, STEP_NAMES, AlignConfig, PipelineConfig, make_steps
from zhcorpus.variants import BACKENDS

# one alternative value per config field of every step (a new field without one fails below)
ALTERNATIVES = {
    ("ingest", "clean"): tuple(r for r in CLEAN_RULES if r != "broken-lines"),
    ("variants", "backend"): "opencc-again",
    ("variants", "tw_phrases"): False,
    ("variants", "glossary_phrases"): False,
    ("variants", "hk_phrases"): False,
    ("variants", "quotes"): False,
    ("align", "segmenter"): "dictionary",
    ("align", "self_train"): False,
    ("align", "embedding_model"): "no-such-model-folder",
    ("align", "low_score"): 0.8,
    ("align", "length_mismatch"): 1.5,
    ("align", "glossary_dictionary"): False,
    ("align", "bead_score"): "learned",
    ("corrections", "folder"): "other-corrections",
    ("corrections", "apply"): False,
    ("glossary", "annotate"): False,
}
FIELDS = [(cls.name, f.name) for cls in PIPELINE for f in dataclasses.fields(cls.Config)]


def test_every_field_has_an_alternative():
    assert sorted(FIELDS) == sorted(ALTERNATIVES)


def test_signature_names_every_field_and_input(root):
    steps = make_steps(PipelineConfig(), root / "seeds" / "glossary.tsv")
    sigs = {s.name: s.signature() for s in steps}
    assert sigs["align"].startswith("align|v:4|segmenter:jieba|self_train:yes|embedding_model:none|low_score:0.5|")
    assert "|cedict:" in sigs["align"] and "|glossary:" in sigs["align"]
    assert "|opencc:" in sigs["variants"]
    for name, field in FIELDS:
        assert f"|{field}:" in sigs[name]
    # the signature changes with a setting, not with anything else
    again = make_steps(PipelineConfig(), root / "seeds" / "glossary.tsv")
    assert [s.signature() for s in again] == list(sigs.values())
    other = make_steps(PipelineConfig(align=AlignConfig(low_score=0.3)), root / "seeds" / "glossary.tsv")
    assert [s.signature() for s in other][:2] == list(sigs.values())[:2]
    assert other[2].signature() != sigs["align"]


@pytest.fixture(scope="module")
def sources(root, tmp_path_factory) -> tuple[list[Source], Path]:
    """Two short seed pairs as Sources, and a copy of the glossary."""
    folder = tmp_path_factory.mktemp("steps")
    shutil.copy(root / "seeds" / "glossary.tsv", folder / "glossary.tsv")
    manifest = load_manifest(root / "seeds" / "manifest.toml")
    entries = [e for e in manifest.entries if e.id in ("001", "002")]
    return [Source.from_entry(e, root) for e in entries], folder / "glossary.tsv"


def _run(config: PipelineConfig, sources: list[Source], glossary: Path, cache: Path | None) -> tuple[list, list[str]]:
    """The worker's pairs (as dicts) and the names of the steps it ran."""
    worker = DocWorker(WorkerConfig(root=Path("."), cache=cache, glossary=glossary, steps=config))
    ran: list[str] = []
    worker.steps = [_Spied(s, ran) for s in worker.steps]
    out = []
    for src in sources:
        pair = worker(src)
        out.append(pair.to_dict() if pair.status == "ok" else {"failed": pair.error})
    return out, ran


class _Spied:
    """A step whose calls are recorded in *ran* (the worker calls ``step(pair)``)."""

    def __init__(self, step, ran: list[str]) -> None:
        self.step, self.name, self.ran = step, step.name, ran

    def signature(self) -> str:
        return self.step.signature()

    def document_inputs(self, source):
        return self.step.document_inputs(source)

    def keeps(self, pair):
        return self.step.keeps(pair)

    def __call__(self, pair):
        self.ran.append(self.name)
        return self.step(pair)


@pytest.fixture(scope="module")
def warm_cache(sources, tmp_path_factory) -> Path:
    srcs, glossary = sources
    cache = tmp_path_factory.mktemp("cache") / "c"
    _, ran = _run(PipelineConfig(), srcs, glossary, cache)
    assert ran == list(STEP_NAMES) * len(srcs)
    _, ran = _run(PipelineConfig(), srcs, glossary, cache)
    assert ran == []  # everything from the cache
    return cache


@pytest.mark.parametrize(("step", "field"), FIELDS, ids=[f"{s}.{f}" for s, f in FIELDS])
def test_one_setting_reruns_its_stage_and_the_later_ones(step, field, sources, warm_cache, tmp_path, monkeypatch):
    monkeypatch.setitem(BACKENDS, "opencc-again", BACKENDS["opencc"])
    srcs, glossary = sources
    cache = tmp_path / "cache"
    shutil.copytree(warm_cache, cache)
    config = PipelineConfig().replace(step, **{field: ALTERNATIVES[(step, field)]})
    got, ran = _run(config, srcs, glossary, cache)
    clean, _ = _run(config, srcs, glossary, None)
    later = list(STEP_NAMES[STEP_NAMES.index(step):])
    if all("failed" in g for g in got):  # the setting makes the stage fail (a model folder that is not there)
        assert all(f"stage {step}" in g["failed"] for g in got)
        assert set(ran) == {step}
    else:
        assert ran == later * len(srcs)
    assert got == clean


def test_cache_keys_chain(sources):
    srcs, glossary = sources
    base = stage_keys(srcs[0], make_steps(PipelineConfig(), glossary))
    changed = stage_keys(srcs[0], make_steps(PipelineConfig().replace("align", low_score=0.7), glossary))
    assert [base[n] == changed[n] for n in STEP_NAMES] == [True, True, False, False, False]
    other_doc = stage_keys(srcs[1], make_steps(PipelineConfig(), glossary))
    assert not set(base.values()) & set(other_doc.values())


def test_corpus_toml_step_sections(tmp_path):
    from zhcorpus.build.options import load_config, make_options
    from zhcorpus.errors import InputError

    (tmp_path / "corpus.toml").write_text(
        '[build]\njobs = 2\n[align]\nsegmenter = "dictionary"\nlow_score = 0.3\n'
        '[ingest]\nclean = ["boilerplate"]\n[variants]\ntw_phrases = false\n', encoding="utf-8")
    opts = make_options({}, tmp_path)
    assert opts.jobs == 2
    assert opts.steps["align"] == AlignConfig(segmenter="dictionary", low_score=0.3)
    assert opts.steps["ingest"].clean == ("boilerplate",) and opts.steps["variants"].tw_phrases is False
    # --set over the file, per field
    opts = make_options({}, tmp_path, steps={"align": {"low_score": 0.7}})
    assert opts.steps["align"] == AlignConfig(segmenter="dictionary", low_score=0.7)
    for bad, match in [('[align]\nsegmentr = "x"\n', "segmentr"), ('[align]\nself_train = "yes"\n', "self_train"),
                       ('[align]\nsegmenter = "nltk"\n', "segmenter"), ('[build]\nlow_score = 0.4\n', r"\[align\]"),
                       ('[align]\nbead_score = "crf"\n', "bead_score"),
                       ('[ingest]\nclean = ["nope"]\n', "nope"), ('[aling]\nx = 1\n[build]\n', "aling")]:
        (tmp_path / "corpus.toml").write_text(bad, encoding="utf-8")
        with pytest.raises(InputError, match=match) as err:
            load_config(tmp_path)
        assert "corpus.toml" in str(err.value)
    with pytest.raises(InputError, match="unknown setting align.bogus"):
        make_options({}, tmp_path / "none", steps={"align": {"bogus": 1}})
