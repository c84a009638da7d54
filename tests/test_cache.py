"""The stage cache: checksummed entries; bad ones dropped, recomputed and reported; never fatal."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

from test_build import built_project
from zhcorpus.build.cache import (
    MAGIC,
    BadEntry,
    StageCache,
    decode_entry,
    encode_entry,
    pack,
    unpack,
)
from zhcorpus.cli import main
from zhcorpus.pipeline import DocPair


@pytest.fixture(scope="module")
def cached(tmp_path_factory, root) -> Path:
    """A project built once, with a warm cache."""
    return built_project(tmp_path_factory, root, "cache")


def _copy(cached: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(cached, project, symlinks=True)
    return project


def _entries(project: Path, stage: str) -> list[Path]:
    return sorted((project / ".zhcorpus-cache" / stage).rglob("*.bin"))


def _rebuild(project: Path, monkeypatch) -> tuple[object, str]:
    monkeypatch.chdir(project)
    r = CliRunner().invoke(main, ["build", "--force"])
    assert r.exit_code == 0, r.output
    return r, "".join(r.output.split())  # the console wraps long lines


def _units(project: Path) -> bytes:
    return (project / "corpus" / "units.jsonl").read_bytes()


def test_entry_roundtrip_and_checks():
    pair = DocPair(id="x", zh=None, log=["kept out"], timings={"align": 1.0})
    data = encode_entry("a" * 64, pair)
    assert data.startswith(MAGIC)
    back = decode_entry("a" * 64, data)
    assert back.id == "x" and back.log == [] and back.timings == {}
    with pytest.raises(BadEntry, match="another key"):
        decode_entry("b" * 64, data)
    with pytest.raises(BadEntry, match="checksum"):
        decode_entry("a" * 64, data[:-3])
    with pytest.raises(BadEntry, match="header"):
        decode_entry("a" * 64, b"junk")


def test_entry_of_an_older_format_is_a_silent_miss(tmp_path):
    """After an upgrade that changes the entry format, old entries are recomputed, not reported."""
    cache = StageCache(tmp_path)
    key = "c" * 64
    path = cache.path("ingest", key)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"ZHCACHE1\n" + encode_entry(key, DocPair(id="x", zh=None))[len(MAGIC):])
    assert cache.load("ingest", key) is None
    assert cache.problems == []
    path.write_bytes(b"junk")
    assert cache.load("ingest", key) is None
    assert len(cache.problems) == 1 and "wrong header" in cache.problems[0]


@pytest.mark.parametrize("damage", ["truncated", "wrong-but-well-formed", "key-mismatch", "garbage"])
def test_bad_entries_are_dropped_recomputed_and_reported(damage, cached, tmp_path, monkeypatch):
    project = _copy(cached, tmp_path)
    before = _units(project)
    entry = _entries(project, "glossary")[0]
    key = entry.stem
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(200))
    elif damage == "key-mismatch":  # a valid entry of another document, misfiled under this key
        other = _entries(project, "glossary")[1]
        entry.write_bytes(other.read_bytes())
    else:  # a well-formed entry whose content was changed (a unit removed) without a new checksum
        head = len(MAGIC) + 130
        payload = msgspec.msgpack.decode(unpack(data[head:]))
        payload["units"] = payload["units"][1:]
        entry.write_bytes(data[:head] + pack(msgspec.msgpack.encode(payload)))
    _, out = _rebuild(project, monkeypatch)
    assert "cacheentry" in out and key in out and "droppedandrecomputed" in out
    assert _units(project) == before
    report = (project / "corpus" / "report.json").read_text(encoding="utf-8")
    assert key in report
    assert StageCache(project / ".zhcorpus-cache").load("glossary", key) is not None  # rewritten


def test_unwritable_cache_only_slows_the_build(cached, tmp_path, monkeypatch):
    project = _copy(cached, tmp_path)
    before = _units(project)
    shutil.rmtree(project / ".zhcorpus-cache")
    (project / ".zhcorpus-cache").write_text("a file where the cache folder should be\n", encoding="utf-8")
    _, out = _rebuild(project, monkeypatch)
    assert "cannotbewritten" in out
    assert _units(project) == before


def test_read_only_cache_is_used_but_not_written(cached, tmp_path, monkeypatch):
    project = _copy(cached, tmp_path)
    before = _units(project)
    # a changed document needs new entries in a cache that refuses them
    en = project / "seeds" / "en" / "003_63451c0a4ff8f0c7.txt"
    en.write_text(en.read_text(encoding="utf-8").replace("Three Priorities", "the Three Priorities"), encoding="utf-8")
    folders = [p for p in (project / ".zhcorpus-cache").rglob("*") if p.is_dir()] + [project / ".zhcorpus-cache"]
    for d in folders:
        d.chmod(0o555)
    try:
        if os.access(project / ".zhcorpus-cache", os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        _, out = _rebuild(project, monkeypatch)
    finally:
        for d in folders:
            d.chmod(0o755)
    assert "cannotbewritten" in out
    assert _units(project) != before and b"the Three Priorities" in _units(project)


def test_payload_codec_round_trip_and_damage():
    raw = msgspec.msgpack.encode({"text": "中文 and English " * 200})
    packed = pack(raw)
    assert unpack(packed) == raw and len(packed) < len(raw)
    with pytest.raises(BadEntry):
        unpack(packed[:8] + os.urandom(len(packed) - 8))
    with pytest.raises(BadEntry):
        unpack(packed[:5])


def test_a_stage_that_keeps_the_pair_stores_the_previous_body(cached, tmp_path, monkeypatch):
    """Without corrections the corrections entry holds the align entry's body, encoded once; every
    entry is exactly what encoding its pair afresh gives."""
    from zhcorpus.build import cache as cache_module
    from zhcorpus.build.worker import DocWorker, WorkerConfig, stage_keys
    from zhcorpus.manifest import load_manifest
    from zhcorpus.source import Source

    project = _copy(cached, tmp_path)
    monkeypatch.chdir(project)
    calls: list[str] = []
    real = cache_module.entry_body
    monkeypatch.setattr(cache_module, "entry_body", lambda pair: calls.append(pair.id) or real(pair))
    entry = load_manifest(Path("seeds/manifest.toml")).entries[0]
    worker = DocWorker(WorkerConfig(root=Path("."), cache=tmp_path / "fresh", glossary=Path("seeds/glossary.tsv")))
    assert worker(entry).status == "ok"
    assert len(calls) == len(worker.steps) - 1  # the corrections stage re-used the align body
    keys = stage_keys(Source.from_entry(entry, Path(".")), worker.steps)
    data = {s: worker.cache.path(s, k).read_bytes() for s, k in keys.items()}
    head = len(MAGIC) + 65
    assert data["corrections"][head:] == data["align"][head:]
    for stage, key in keys.items():
        assert encode_entry(key, decode_entry(key, data[stage])) == data[stage]
