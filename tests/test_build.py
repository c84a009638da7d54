"""`corpus build`: reproducible, incremental, safe, parallel, and the committed outputs are current."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from zhcorpus.build import BuildOptions, run_build
from zhcorpus.build.options import load_config, make_options
from zhcorpus.cli import main
from zhcorpus.errors import InputError

# Files whose bytes depend on library versions (matplotlib's SVG, Parquet writer metadata,
# the versions recorded in build-info): compared by content instead of bytes.
VERSIONED = {"report.html", "build-info.json"}


def make_project(dest: Path, root: Path) -> Path:
    """A copy of the repository's build inputs in *dest*."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(root / "seeds", dest / "seeds")
    shutil.copy(root / "corpus.toml", dest / "corpus.toml")
    (dest / "bench/results").mkdir(parents=True)
    shutil.copy(root / "bench/results/align.json", dest / "bench/results/align.json")  # quoted in the card
    return dest


def built_project(tmp_path_factory, root: Path, name: str) -> Path:
    """A copy of the seeds project in a fresh temporary folder, built once (module fixtures)."""
    import os

    project = make_project(tmp_path_factory.mktemp(name) / "project", root)
    old = Path.cwd()
    os.chdir(project)
    try:
        run_build(make_options({"quiet": True}, project))
    finally:
        os.chdir(old)
    return project


def build(project: Path, monkeypatch, *args: str) -> str:
    monkeypatch.chdir(project)
    r = CliRunner().invoke(main, ["build", *args])
    assert r.exit_code == 0, r.output
    return r.output


def tree(*folders: Path) -> dict[str, bytes]:
    out = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                out[f"{folder.name}/{p.relative_to(folder).as_posix()}"] = p.read_bytes()
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory, root):
    """One full build of the seeds in a fresh project folder."""
    project = make_project(tmp_path_factory.mktemp("p1") / "project", root)
    mp = pytest.MonkeyPatch()
    try:
        build(project, mp, "-q")
    finally:
        mp.undo()
    return project


def test_build_writes_every_product(built):
    corpus, tmx = built / "corpus", built / "tmx"
    for name in ["documents.jsonl", "units.jsonl", "report.html", "report.json", "build-info.json"]:
        assert (corpus / name).is_file(), name
    assert list(tmx.glob("*.tmx")) and (tmx / "zhcorpus.srx").is_file()
    assert (corpus / "hf" / "README.md").is_file()
    assert list((corpus / "glossary").iterdir())
    info = json.loads((corpus / "build-info.json").read_text())
    assert set(info["inputs"]) >= {"seeds/manifest.toml", "seeds/zh/000_2bd413ae3be23088.txt"}
    assert all(len(v) == 64 for v in info["outputs"].values())


def test_every_segment_in_exactly_one_unit(built):
    docs = [json.loads(line) for line in (built / "corpus" / "documents.jsonl").read_text().splitlines()]
    units = [json.loads(line) for line in (built / "corpus" / "units.jsonl").read_text().splitlines()]
    seen: dict[str, int] = {}
    for u in units:
        for sid in u["zh_ids"] + u["en_ids"]:
            seen[sid] = seen.get(sid, 0) + 1
    all_ids = [s["id"] for d in docs for p in d["paragraphs"] for s in p["segments"]]
    assert sorted(seen) == sorted(all_ids) and set(seen.values()) == {1}


def test_rebuild_is_byte_identical(built, tmp_path, root, monkeypatch):
    other = make_project(tmp_path / "project", root)
    build(other, monkeypatch, "-q")
    assert tree(built / "corpus", built / "tmx") == tree(other / "corpus", other / "tmx")


def test_second_build_is_up_to_date_and_incremental(tmp_path, root, monkeypatch):
    project = make_project(tmp_path / "project", root)
    build(project, monkeypatch, "-q")
    out = build(project, monkeypatch)
    assert "up to date" in out
    # change one document: only it is re-processed, the global exports are rewritten
    en = project / "seeds" / "en" / "003_63451c0a4ff8f0c7.txt"
    en.write_text(en.read_text(encoding="utf-8").replace("Focus on three priorities", "Focus on the three priorities"),
                  encoding="utf-8")
    monkeypatch.chdir(project)
    result = run_build(make_options({}, project))
    assert not result.up_to_date
    assert result.stats.recomputed == ["003"]
    assert "Focus on the three priorities" in (project / "corpus" / "units.jsonl").read_text(encoding="utf-8")


def test_jobs_2_equals_jobs_1(built, tmp_path, root, monkeypatch):
    other = make_project(tmp_path / "project", root)
    build(other, monkeypatch, "-q", "--jobs", "2")
    assert tree(built / "corpus", built / "tmx") == tree(other / "corpus", other / "tmx")


def test_failure_in_a_later_stage_leaves_outputs_intact(built, tmp_path, root, monkeypatch):
    project = make_project(tmp_path / "project", root)
    shutil.copytree(built / "corpus", project / "corpus")
    shutil.copytree(built / "tmx", project / "tmx")
    before = tree(project / "corpus", project / "tmx")
    (project / "seeds" / "glossary.tsv").write_text("id\tzh_hans\nT1\t脱贫\n", encoding="utf-8")  # broken glossary
    monkeypatch.chdir(project)
    r = CliRunner().invoke(main, ["build", "-q", "--force"])
    assert r.exit_code == 1 and "glossary.tsv" in r.output
    assert tree(project / "corpus", project / "tmx") == before
    assert not list(project.glob(".*.staging"))


def test_only_and_from(built, tmp_path, root, monkeypatch):
    project = make_project(tmp_path / "project", root)
    shutil.copytree(built / ".zhcorpus-cache", project / ".zhcorpus-cache")
    monkeypatch.chdir(project)
    result = run_build(make_options({"only": "align"}, project))
    assert result.stats.documents == 5 and not (project / "corpus").exists()
    result = run_build(make_options({"start": "exports"}, project))
    assert (project / "corpus" / "units.jsonl").is_file() and result.stats.recomputed == []
    with pytest.raises(InputError):
        BuildOptions(only="align", start="exports").stages()


def test_config_file_and_cli_precedence(tmp_path):
    (tmp_path / "corpus.toml").write_text('[build]\nout = "elsewhere"\njobs = 3\n', encoding="utf-8")
    assert load_config(tmp_path) == {"out": Path("elsewhere"), "jobs": 3}
    opts = make_options({"jobs": 1, "out": None}, tmp_path)
    assert opts.out == Path("elsewhere") and opts.jobs == 1
    (tmp_path / "corpus.toml").write_text('[build]\nbogus = 1\n', encoding="utf-8")
    with pytest.raises(InputError, match="bogus"):
        load_config(tmp_path)


def _parquet_equal(a: bytes, b: bytes) -> bool:
    import io

    return pq.read_table(io.BytesIO(a)).equals(pq.read_table(io.BytesIO(b)))


def test_committed_outputs_are_current(built, root):
    """The corpus/ and tmx/ in the repository are what `corpus build` makes from seeds/."""
    fresh = tree(built / "corpus", built / "tmx")
    committed = tree(root / "corpus", root / "tmx")
    assert sorted(fresh) == sorted(committed), "run `corpus build` and commit corpus/ and tmx/"
    stale = []
    for name, data in fresh.items():
        if Path(name).name in VERSIONED:
            continue
        if name.endswith(".parquet"):
            if not _parquet_equal(data, committed[name]):
                stale.append(name)
        elif data != committed[name]:
            stale.append(name)
    assert not stale, f"stale committed outputs (run `corpus build`): {stale}"
    fresh_info = json.loads(fresh["corpus/build-info.json"])
    old_info = json.loads(committed["corpus/build-info.json"])
    assert fresh_info["inputs"] == old_info["inputs"]


@pytest.mark.integration
def test_report_renders_in_chromium(built, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    png = tmp_path / "report.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1200,2400",
                    (built / "corpus" / "report.html").as_uri()], check=True, capture_output=True, timeout=120)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a real page with plots, not a blank one
