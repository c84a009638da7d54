"""Fault injection: the build never replaces what it did not write, one build at a time, publication
survives a kill at every point, and every hostile input or full disk gives one clean error line.

Everything happens inside tmp_path. The input faults run through bench/faults.py (its summary is
what the README's "Reliability" section quotes).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_build import make_project
from zhcorpus.build import make_options, run_build
from zhcorpus.build import publish as pub
from zhcorpus.cli import main
from zhcorpus.errors import ZhcorpusError

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
CLI = "from zhcorpus.cli import main; main()"


def _faults_module():
    spec = importlib.util.spec_from_file_location("faults", ROOT / "bench" / "faults.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["faults"] = mod  # dataclasses look their module up
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def digest(*folders: Path) -> dict[str, str]:
    """Every file under *folders* (symlinks not followed) by path, with its hash."""
    out = {}
    for folder in folders:
        for dirpath, _dirnames, filenames in os.walk(folder):
            for f in filenames:
                p = Path(dirpath) / f
                out[str(p)] = "link" if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def corpus(project: Path, *args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    """`corpus ARGS` in a child process (for kills and resource limits)."""
    full_env = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.run([sys.executable, "-c", CLI, *args], cwd=project, env=full_env,
                          capture_output=True, text=True, check=False, **kw)


def invoke(project: Path, monkeypatch, *args: str):
    monkeypatch.chdir(project)
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def project(tmp_path_factory, root) -> Path:
    """The seeds built once; each test copies it (the cache makes its builds fast)."""
    p = make_project(tmp_path_factory.mktemp("faults") / "project", root)
    r = corpus(p, "build", "-q")
    assert r.returncode == 0, r.stderr
    return p


@pytest.fixture
def proj(project, tmp_path) -> Path:
    dest = tmp_path / "work" / "project"
    shutil.copytree(project, dest, symlinks=True)
    for lock in dest.glob(".*.lock"):
        lock.unlink()
    return dest


# --- 1. the build replaces only folders it wrote ------------------------------------------------

@pytest.mark.parametrize("where", ["seeds", ".zhcorpus-cache", "..", ".", "seeds/zh", "foreign", "tmx", "tmx/sub"])
def test_refused_output_folders_touch_nothing(proj, monkeypatch, where):
    foreign = proj.parent / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine\n", encoding="utf-8")
    out = {"foreign": str(foreign)}.get(where, where)
    before = digest(proj.parent)
    r = invoke(proj, monkeypatch, "build", "-q", "--force", "--out", out)
    assert r.exit_code == 1, r.output
    assert r.output.count("\n") == 1 and r.output.startswith("error: "), r.output
    assert digest(proj.parent) == before


def test_tmx_out_inside_the_corpus_folder_is_refused(proj, monkeypatch):
    before = digest(proj)
    r = invoke(proj, monkeypatch, "build", "-q", "--force", "--tmx-out", "corpus/tmx")
    assert r.exit_code == 1 and "overlap" in r.output
    assert digest(proj) == before


def test_outputs_carry_the_marker_and_an_unmarked_earlier_build_is_adopted(proj, monkeypatch):
    for name in ("corpus", "tmx"):
        assert pub.is_marked(proj / name)
        (proj / name / pub.MARKER).unlink()  # as the outputs of builds before the marker
    r = invoke(proj, monkeypatch, "build", "-q", "--force")
    assert r.exit_code == 0, r.output
    assert pub.is_marked(proj / "corpus") and pub.is_marked(proj / "tmx")


def test_an_unmarked_folder_with_a_foreign_file_is_refused(proj, monkeypatch):
    (proj / "corpus" / pub.MARKER).unlink()
    (proj / "corpus" / "my-notes.txt").write_text("not the build's\n", encoding="utf-8")
    before = digest(proj)
    r = invoke(proj, monkeypatch, "build", "-q", "--force")
    assert r.exit_code == 1 and "not a folder written by `corpus build`" in r.output
    assert digest(proj) == before


def test_the_committed_outputs_are_adoptable(root):
    info = root / "corpus" / "build-info.json"
    for name in ("corpus", "tmx"):
        assert pub.is_marked(root / name) or pub.adoptable(root / name, info), name


# --- 2. one build at a time -----------------------------------------------------------------------

HOLD = """
import sys, time
from pathlib import Path
from zhcorpus.build.publish import build_lock
with build_lock([Path("corpus"), Path("tmx")]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[1]))
"""


def _holder(proj: Path, seconds: float) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(seconds)], cwd=proj, stdout=subprocess.PIPE, text=True,
                         env={**os.environ, "PYTHONPATH": str(SRC)})
    assert p.stdout is not None and p.stdout.readline().strip() == "locked"
    return p


def test_a_second_build_stops_naming_the_pid(proj):
    holder = _holder(proj, 30)
    try:
        before = digest(proj / "corpus", proj / "tmx")
        r = corpus(proj, "build", "-q", "--force")
        assert r.returncode == 1
        assert f"another build is running (pid {holder.pid})" in r.stderr and r.stderr.count("\n") == 1
        assert digest(proj / "corpus", proj / "tmx") == before
    finally:
        holder.kill()
        holder.wait()


def test_wait_waits_for_the_other_build(proj):
    holder = _holder(proj, 2)
    t0 = time.monotonic()
    r = corpus(proj, "build", "-q", "--force", "--wait")
    holder.wait()
    assert r.returncode == 0, r.stderr
    assert time.monotonic() - t0 >= 1.0


def test_two_real_builds_never_mix(proj):
    a = subprocess.Popen([sys.executable, "-c", CLI, "build", "-q", "--force"], cwd=proj,
                         env={**os.environ, "PYTHONPATH": str(SRC)}, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    b = corpus(proj, "build", "-q", "--force")
    a_err = a.communicate()[1]
    codes = {a.returncode: a_err, b.returncode: b.stderr}
    assert 0 in codes and set(codes) <= {0, 1}, codes  # one wins; the other waits its turn or stops cleanly
    assert 1 not in codes or "another build is running (pid" in codes[1]
    r = corpus(proj, "build")
    assert r.returncode == 0 and "up to date" in r.stderr  # outputs complete and matching build-info


# --- 3. publication survives a kill at every point -----------------------------------------------

KILL = """
import sys
from pathlib import Path
from zhcorpus.build import publish
publish.publish([Path("corpus"), Path("tmx")])
"""


def _fake_generation(base: Path, tag: str, staged: bool) -> None:
    for name in ("corpus", "tmx"):
        folder = pub.staging_path(base / name) if staged else base / name
        folder.mkdir(parents=True)
        (folder / pub.MARKER).write_text(pub.MARKER_TEXT, encoding="utf-8")
        for i in range(3):
            (folder / f"{name}-{i}.txt").write_text(f"{tag} {name} {i}\n", encoding="utf-8")


def _generation(base: Path) -> set[str]:
    tags = set()
    for name in ("corpus", "tmx"):
        files = sorted((base / name).glob("*.txt"))
        assert len(files) == 3, f"{name} incomplete: {files}"
        tags |= {f.read_text(encoding="utf-8").split()[0] for f in files}
    return tags


@pytest.mark.parametrize("point", pub.KILL_POINTS)
def test_kill_at_each_point_of_publication_is_finished_by_the_next_build(tmp_path, point):
    _fake_generation(tmp_path, "old", staged=False)
    _fake_generation(tmp_path, "new", staged=True)
    r = subprocess.run([sys.executable, "-c", KILL], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(SRC),
                       pub.FAULT_ENV: point}, capture_output=True, text=True, check=False)
    assert r.returncode == -9, r.stderr  # killed at the point
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        pub.recover(Path("corpus"))
    finally:
        os.chdir(cwd)
    assert _generation(tmp_path) == {"new"}
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == [], leftovers


def test_kill_before_the_journal_keeps_the_old_outputs(tmp_path):
    _fake_generation(tmp_path, "old", staged=False)
    _fake_generation(tmp_path, "new", staged=True)  # staged, never published
    pub.discard([tmp_path / "corpus", tmp_path / "tmx"])
    assert _generation(tmp_path) == {"old"} and not list(tmp_path.glob(".*"))


def test_a_build_killed_inside_publication_is_finished_by_the_next(proj):
    before = digest(proj / "corpus", proj / "tmx")
    r = corpus(proj, "build", "-q", "--force", env={pub.FAULT_ENV: "moved-old:tmx"})
    assert r.returncode == -9
    assert not (proj / "tmx").exists()  # the half-done state the journal describes
    r = corpus(proj, "build")
    assert r.returncode == 0 and "finished the publication" in r.stderr and "up to date" in r.stderr, r.stderr
    assert digest(proj / "corpus", proj / "tmx") == before
    assert not [p for p in proj.iterdir() if p.name.endswith((".old", ".staging", ".publish.json"))]


def test_a_failing_rename_rolls_back_with_no_stray_old_folder(proj, monkeypatch):
    """A read-only place (EACCES/EROFS) part-way through the swap: earlier outputs back, nothing left over."""
    before = digest(proj / "corpus", proj / "tmx")
    calls = []

    def rename(src: Path, dst: Path) -> None:
        calls.append(dst)
        if len(calls) == 3:  # corpus switched, then tmx → .tmx.old refused
            raise PermissionError(13, "Permission denied", str(src))
        os.rename(src, dst)

    monkeypatch.setattr(pub, "_rename", rename)
    monkeypatch.chdir(proj)
    with pytest.raises(ZhcorpusError, match="could not publish"):
        run_build(make_options({"force": True}, proj))
    assert digest(proj / "corpus", proj / "tmx") == before
    assert not [p for p in proj.iterdir() if p.name.endswith((".old", ".staging", ".publish.json"))]


def test_read_only_output_folder_is_refused_before_building(proj, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(pub.os, "access", lambda p, mode: not str(p).endswith("glossary") and real_access(p, mode))
    before = digest(proj)
    r = invoke(proj, monkeypatch, "build", "-q", "--force")
    assert r.exit_code == 1 and "read-only" in r.output
    assert digest(proj) == before


# --- 4. manifest paths stay in the project --------------------------------------------------------

@pytest.mark.parametrize("file", ["../outside.txt", "{abs}", "link.txt"])
def test_manifest_paths_outside_the_project_are_refused(proj, monkeypatch, file):
    outside = proj / "outside.txt"  # in the project, outside the manifest's folder (seeds/)
    outside.write_text((proj / "seeds/zh/000_2bd413ae3be23088.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (proj / "seeds" / "link.txt").symlink_to(outside)
    manifest = proj / "seeds" / "manifest.toml"
    text = manifest.read_text(encoding="utf-8").replace('"zh/000_2bd413ae3be23088.txt"',
                                                        json.dumps(file.format(abs=outside)), 1)
    manifest.write_text(text, encoding="utf-8")
    before = digest(proj / "corpus", proj / "tmx")
    r = invoke(proj, monkeypatch, "build", "-q", "--force")
    assert r.exit_code == 1 and "outside the project folder" in r.output and "document 1" in r.output
    assert digest(proj / "corpus", proj / "tmx") == before
    if file != "link.txt":
        return
    # allowed explicitly: it builds (one variant is enough; a build takes seconds)
    manifest.write_text(text.replace("[corpus]", '[sources]\nallow_outside = [".."]\n\n[corpus]', 1), encoding="utf-8")
    r = invoke(proj, monkeypatch, "build", "-q", "--force")
    assert r.exit_code == 0, r.output


# --- 5. unwritable cache, full disk during a build --------------------------------------------------

def test_unwritable_cache_fails_cleanly_or_builds(proj, monkeypatch):
    (proj / "cachefile").write_text("not a folder\n", encoding="utf-8")
    before = digest(proj / "corpus", proj / "tmx")
    r = invoke(proj, monkeypatch, "build", "-q", "--force", "--cache", "cachefile")
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "Traceback" not in r.output
    if r.exit_code:
        assert r.output.startswith("error: ") and digest(proj / "corpus", proj / "tmx") == before


def _limited(limit: int):
    def pre() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


def test_disk_full_during_a_build_leaves_the_outputs(proj):
    before = digest(proj / "corpus", proj / "tmx")
    r = corpus(proj, "build", "-q", "--force", preexec_fn=_limited(100_000))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("error: ") and "writing the outputs failed" in r.stderr
    assert digest(proj / "corpus", proj / "tmx") == before
    assert not [p for p in proj.iterdir() if p.name.endswith((".old", ".staging"))]


# --- every input fault: one line, right exit code, no traceback, nothing lost ------------------------

def test_input_fault_suite(tmp_path):
    result = _faults_module().run_all(tmp_path)
    summary = result["summary"]
    bad = [r for r in result["records"] if r["outcome"] not in ("clean", "ok")]
    print(json.dumps(summary))
    assert not bad, "\n".join(f"{r['outcome']}: {r['name']}: {str(r['detail'])[-400:]}" for r in bad)
    assert summary["cases"] >= 130 and summary["tracebacks"] == 0 and summary["silent wrong outputs"] == 0
    assert summary["data loss"] == 0


def test_recovery_never_deletes_the_only_copy(tmp_path):
    """A journal says "swapping" but the staged folder is gone (removed by hand): the old folder goes back."""
    _fake_generation(tmp_path, "old", staged=False)
    for name in ("corpus", "tmx"):
        os.rename(tmp_path / name, pub.old_path(tmp_path / name))
    pub._write_journal(pub.journal_path(tmp_path / "corpus"), "swapping", [tmp_path / "corpus", tmp_path / "tmx"])
    pub.recover(tmp_path / "corpus")
    assert _generation(tmp_path) == {"old"} and not list(tmp_path.glob(".*"))


def test_ctrl_c_inside_publication_is_finished_by_the_next_build(proj, monkeypatch):
    """KeyboardInterrupt between two renames: the staged folders are kept for the journal, not discarded."""
    calls = []

    def rename(src: Path, dst: Path) -> None:
        os.rename(src, dst)
        calls.append(dst)
        if len(calls) == 3:  # corpus switched, tmx moved aside
            raise KeyboardInterrupt

    monkeypatch.setattr(pub, "_rename", rename)
    monkeypatch.chdir(proj)
    with pytest.raises(KeyboardInterrupt):
        run_build(make_options({"force": True}, proj))
    assert not (proj / "tmx").exists() and pub.staging_path(proj / "tmx").exists()
    monkeypatch.undo()
    r = corpus(proj, "build")
    assert r.returncode == 0 and "finished the publication" in r.stderr and "up to date" in r.stderr, r.stderr
