"""The local engine's preload: with a fork pool the build process computes the first document
itself (its models are then inherited by the workers), but only when that document needs computing."""

from __future__ import annotations

import dataclasses
import multiprocessing

import pytest

from zhcorpus.build import engine
from zhcorpus.build.engine import run_local
from zhcorpus.build.worker import DocWorker, WorkerConfig
from zhcorpus.manifest import load_manifest

pytestmark = pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the preload needs a fork pool")


def _dicts(pairs) -> list[dict]:
    return [p.to_dict() for p in pairs]


def test_first_document_computed_here_only_when_not_cached(root, tmp_path, monkeypatch):
    entries = load_manifest(root / "seeds" / "manifest.toml").entries[:3]
    config = WorkerConfig(root=root, cache=tmp_path / "cache", glossary=root / "seeds" / "glossary.tsv")
    here: list[str] = []  # the documents this process computes (the workers' calls go to their own copies)
    real = DocWorker.__call__
    monkeypatch.setattr(DocWorker, "__call__", lambda self, item: here.append(item.id) or real(self, item))

    run = run_local(entries, config, jobs=2)
    cold = list(run)
    run.close()
    assert here == [entries[0].id]
    assert engine._WORKER is None  # let go of once the workers were forked

    here.clear()
    run = run_local(entries, config, jobs=2)
    warm = list(run)
    run.close()
    assert here == []  # all cached: nothing loaded or computed here

    single = list(run_local(entries, dataclasses.replace(config, cache=None), jobs=1))
    assert _dicts(cold) == _dicts(warm) == _dicts(single)
    assert [p.id for p in cold] == [e.id for e in entries]
