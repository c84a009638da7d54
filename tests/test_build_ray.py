"""The Ray engine: same outputs as the local engine; a crashed worker or a failing document does not kill the job."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from test_build import make_project
from zhcorpus.build import BuildFailed, run_build
from zhcorpus.build.options import make_options
from zhcorpus.build.ray_engine import FAULT_ENV

ray = pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'zhcorpus[ray]')")


def _tree(*folders: Path) -> dict[str, bytes]:
    return {f"{d.name}/{p.relative_to(d).as_posix()}": p.read_bytes()
            for d in folders for p in sorted(d.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def ray_cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="error")
    yield
    ray.shutdown()


def test_ray_engine_gives_the_local_outputs(ray_cluster, tmp_path, root, monkeypatch):
    local = make_project(tmp_path / "local", root)
    monkeypatch.chdir(local)
    run_build(make_options({}, local))
    distributed = make_project(tmp_path / "ray", root)
    monkeypatch.chdir(distributed)
    result = run_build(make_options({"engine": "ray"}, distributed))
    assert result.stats.documents == 5 and not result.stats.failures
    assert _tree(local / "corpus", local / "tmx") == _tree(distributed / "corpus", distributed / "tmx")
    shards = sorted((distributed / ".zhcorpus-cache" / "ray" / "output").rglob("*.parquet"))
    assert len(shards) == 1
    # a second run resumes: the shard output exists, so nothing is sent to Ray again
    mtime = shards[0].stat().st_mtime_ns
    run_build(make_options({"engine": "ray", "force": True}, distributed))
    assert shards[0].stat().st_mtime_ns == mtime
    # the same shards as an fsspec URL (as on S3 or GCS): Ray reads them through fsspec
    url = (distributed / ".zhcorpus-cache" / "ray" / "input").as_uri() + "/*.parquet"
    other = tmp_path / "from-url"
    run_build(make_options({"engine": "ray", "input": url, "out": other / "corpus",
                            "tmx_out": other / "tmx"}, distributed))
    # (report.json and build-info.json name the output folders, which differ here)
    paths_named = {"corpus/report.json", "corpus/build-info.json"}
    expected = {k: v for k, v in _tree(local / "corpus", local / "tmx").items() if k not in paths_named}
    assert expected == {k: v for k, v in _tree(other / "corpus", other / "tmx").items() if k not in paths_named}
    assert len(sorted((distributed / ".zhcorpus-cache" / "ray" / "output").rglob("*.parquet"))) == 2


def test_worker_crash_and_failing_document(ray_cluster, tmp_path, root, monkeypatch):
    project = make_project(tmp_path / "p", root)
    (project / "seeds" / "zh" / "002_9f6beda70938858f.txt").write_bytes(b"\x00\x01binary\xff")
    marker = tmp_path / "crashed"
    monkeypatch.setenv(FAULT_ENV, f"crash-once:004:{marker}")
    monkeypatch.chdir(project)
    result = run_build(make_options({"engine": "ray", "keep_going": True}, project))
    assert marker.exists(), "the worker was not killed"
    assert result.stats.documents == 4
    assert [f["document"] for f in result.stats.failures] == ["002"]
    assert "002_9f6beda70938858f.txt" in result.stats.failures[0]["error"]
    report = json.loads((project / "corpus" / "report.json").read_text(encoding="utf-8"))
    assert report["stats"]["failures"][0]["document"] == "002"
    units = (project / "corpus" / "units.jsonl").read_text(encoding="utf-8")
    assert '"doc_id":"004"' in units and '"doc_id":"002"' not in units
    assert os.environ.get(FAULT_ENV)
    # without --keep-going the Ray engine stops at the failure as the local one does: nothing replaced
    before = (project / "corpus" / "units.jsonl").read_bytes()
    with pytest.raises(BuildFailed, match="002"):
        run_build(make_options({"engine": "ray", "force": True}, project))
    assert (project / "corpus" / "units.jsonl").read_bytes() == before


def test_cli_exits_1_when_ray_documents_failed(tmp_path, root, monkeypatch):
    """With --keep-going the other documents are built, then the command lists the failures and exits 1."""
    from click.testing import CliRunner

    import zhcorpus.cli.build as cli_build
    from zhcorpus.build.run import BuildResult
    from zhcorpus.build.stats import Stats
    from zhcorpus.cli import main

    def fake_run_build(opts, progress=None, log=None):
        assert opts.engine == "ray" and opts.keep_going
        return BuildResult(stats=Stats(documents=4, failures=[{"document": "002", "error": "x.txt: binary"}]))

    monkeypatch.setattr(cli_build, "run_build", fake_run_build)
    monkeypatch.chdir(make_project(tmp_path / "p", root))
    r = CliRunner().invoke(main, ["build", "-q", "--engine", "ray", "--keep-going"])
    assert r.exit_code == 1
    assert "FAILED 002: x.txt: binary" in r.output and "1 document(s) failed" in r.output


def test_input_without_ray_is_a_usage_error(tmp_path, root, monkeypatch):
    from click.testing import CliRunner

    from zhcorpus.cli import main

    monkeypatch.chdir(make_project(tmp_path / "p", root))
    r = CliRunner().invoke(main, ["build", "--input", "x/*.parquet"])
    assert r.exit_code == 2 and "--engine ray" in r.output
