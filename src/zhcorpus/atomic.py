"""Atomic file writing: write to a temporary file beside the target, then rename.

A failure half-way (bad input, full disk, Ctrl-C) leaves the earlier output intact.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8", *,
                 fsync: bool = True) -> Iterator[IO]:
    """Open a temporary file next to *path*; on success rename it over *path* (after an fsync,
    unless *fsync* is False: for data that is checked when read back, such as cache entries)."""
    fd, tmp = _temporary(os.fspath(path), None)
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as fh:
            yield fh
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write *text* (UTF-8, LF) to *path* atomically."""
    with atomic_write(path) as fh:
        fh.write(text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write *data* to *path* atomically."""
    with atomic_write(path, "wb") as fh:
        fh.write(data)


_TMP_COUNTER = itertools.count()


def _temporary(path: str, folders: set[str] | None) -> tuple[int, str]:
    """A new temporary file beside *path*: its descriptor and name (``.NAME.PID-N.tmp``, made
    with O_EXCL and mode 0o666, so the umask applies as for any new file). The folder is made
    first; *folders* remembers the folders already made, so each is made once per process
    (again if it went missing)."""
    folder, name = os.path.split(path)
    folder = folder or "."
    if folders is None or folder not in folders:
        os.makedirs(folder, exist_ok=True)
        if folders is not None:
            folders.add(folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    for attempt in range(8):
        tmp = f"{folder}/.{name}.{os.getpid()}-{next(_TMP_COUNTER)}.tmp"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:  # left by a crashed process that had the same id: another name
            continue
        except FileNotFoundError:  # the folder went missing since it was made
            if attempt:
                raise
            os.makedirs(folder, exist_ok=True)
    raise FileExistsError(f"{folder}: no free temporary file name")


def atomic_put(path: str, data: bytes, folders: set[str] | None = None) -> None:
    """Write *data* to *path* (a str) atomically, without an fsync: for many small files checked
    when read back (cache entries), with fewer system calls than :func:`atomic_write` (no file
    object); *folders* as for :func:`_temporary`."""
    fd, tmp = _temporary(path, folders)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
