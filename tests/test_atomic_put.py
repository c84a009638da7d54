"""atomic_put (the cache's cheap atomic write) and atomic_write share one temporary file maker: a pid+counter
name made with O_EXCL (the umask applies, never changed), the folder made first (once, with *folders*)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from zhcorpus import atomic
from zhcorpus.atomic import atomic_put, atomic_write


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_writes_the_bytes_with_the_modes_of_a_new_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    folders: set[str] = set()
    target = tmp_path / "a" / "b" / "entry.bin"
    atomic_put(str(target), b"first", folders)
    atomic_put(str(target), b"second", folders)  # replaces
    assert target.read_bytes() == b"second"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert os.listdir(target.parent) == ["entry.bin"]
    assert folders == {str(target.parent)}


def test_a_folder_removed_after_it_was_made_is_made_again(tmp_path: Path) -> None:
    folders: set[str] = set()
    target = tmp_path / "f" / "entry.bin"
    atomic_put(str(target), b"x", folders)
    shutil.rmtree(tmp_path / "f")
    atomic_put(str(target), b"y", folders)
    assert target.read_bytes() == b"y"


def test_a_leftover_temporary_file_with_the_same_name_is_skipped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(atomic, "_TMP_COUNTER", iter([7, 7, 8]))
    stale = tmp_path / f".entry.bin.{os.getpid()}-7.tmp"
    stale.write_bytes(b"left by a crash")
    atomic_put(str(tmp_path / "entry.bin"), b"new", None)
    assert (tmp_path / "entry.bin").read_bytes() == b"new"
    assert stale.read_bytes() == b"left by a crash"  # not ours: left alone


def test_a_failed_write_raises_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where a folder should be\n", encoding="utf-8")
    with pytest.raises(OSError):
        atomic_put(str(tmp_path / "file" / "entry.bin"), b"x", set())
    with pytest.raises(IsADirectoryError):
        atomic_put(str(tmp_path), b"x", set())  # the target is a folder: the rename fails
    assert sorted(os.listdir(tmp_path)) == ["file"]
    assert not [n for n in os.listdir(tmp_path.parent) if n.startswith(f".{tmp_path.name}.")]


def test_atomic_write_gives_a_new_file_s_modes_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "new" / "out.txt"
    with atomic_write(target) as fh:
        fh.write("text\n")
        assert [n for n in os.listdir(target.parent) if n.endswith(".tmp")]  # written beside the target
    assert target.read_text(encoding="utf-8") == "text\n"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert os.listdir(target.parent) == ["out.txt"]
