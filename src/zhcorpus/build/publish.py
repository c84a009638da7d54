"""Safe publication of the build's output folders: ownership marker, project lock, journaled swap.

The build writes `corpus/` and `tmx/` into staging folders, then publishes them together. This
module makes that step safe:

* **Ownership.** Every output folder carries a marker file (``.zhcorpus-output``) written by the
  build. A folder is replaced only when it carries the marker, is empty, or is an un-marked
  folder of an earlier build whose every file is listed in that build's ``build-info.json``
  (how the outputs of older versions are adopted). Anything else is refused before a byte is
  written. Output folders may not contain, or lie inside, the sources, the cache or each other.
* **One build at a time.** :func:`build_lock` takes an exclusive ``fcntl`` lock per output
  folder; a second build waits (``--wait``) or stops with "another build is running (pid N)".
* **All or nothing.** :func:`publish` records the swap in a journal before renaming anything;
  :func:`recover` (run by the next build) rolls a half-done swap forward, since the staged
  folders were complete before the journal was written. ``ZHCORPUS_FAULT_KILL=<point>`` kills
  the process at a named point (:data:`KILL_POINTS`) so the tests can prove it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..atomic import atomic_write
from ..errors import ZhcorpusError

MARKER = ".zhcorpus-output"
MARKER_TEXT = "zhcorpus build output: `corpus build` replaces this folder as a whole; keep no other files here.\n"
INFO = "build-info.json"
FAULT_ENV = "ZHCORPUS_FAULT_KILL"


class OutputError(ZhcorpusError):
    """An output folder the build may not write or replace; nothing was touched."""


class BuildLocked(ZhcorpusError):
    """Another build holds the project lock."""


def kill_points(names: Sequence[str]) -> list[str]:
    """Every point of :func:`publish` where a fault can be injected, in order, for output folders *names*."""
    points = ["journal"]
    for n in names:
        points += [f"moved-old:{n}", f"moved-new:{n}"]
    points.append("committed")
    points += [f"removed-old:{n}" for n in names]
    return points


KILL_POINTS = kill_points(["corpus", "tmx"])


def _fault(point: str) -> None:
    """Kill this process with SIGKILL when ZHCORPUS_FAULT_KILL names *point* (fault-injection tests)."""
    if os.environ.get(FAULT_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def staging_path(final: Path) -> Path:
    """The staging folder of output folder *final*."""
    return final.parent / f".{final.name}.staging"


def old_path(final: Path) -> Path:
    """Where the previous *final* waits during a swap."""
    return final.parent / f".{final.name}.old"


def journal_path(final: Path) -> Path:
    """The publication journal, kept next to the first output folder."""
    return final.parent / f".{final.name}.publish.json"


def lock_path(final: Path) -> Path:
    """The lock file of output folder *final* (kept; deleting lock files races)."""
    return final.parent / f".{final.name}.lock"


# ---------------------------------------------------------------------------------------------
# where outputs may go


def _real(p: Path) -> Path:
    return Path(os.path.realpath(p))


def _inside(a: Path, b: Path) -> bool:
    """True when *a* is *b* or lies inside it (both resolved)."""
    return a == b or b in a.parents


def check_locations(outputs: dict[str, Path], protected: dict[str, Path]) -> None:
    """Refuse outputs that are, contain or lie in a protected path (sources, cache) or each other."""
    real_out = {label: _real(p) for label, p in outputs.items()}
    real_protected = {plabel: _real(q) for plabel, q in protected.items()}  # once, not once per output
    for label, p in outputs.items():
        if p.is_symlink():
            raise OutputError(f"{p}: the {label} output folder is a symbolic link; give the real folder")
        for plabel, q in protected.items():
            rq = real_protected[plabel]
            if _inside(real_out[label], rq) or _inside(rq, real_out[label]):
                raise OutputError(f"{p}: the {label} output folder would overlap {plabel} {q}; "
                                  f"choose a separate folder (nothing was written)")
    labels = list(outputs)
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if _inside(real_out[a], real_out[b]) or _inside(real_out[b], real_out[a]):
                raise OutputError(f"{outputs[a]}: the {a} and {b} output folders overlap ({outputs[b]}); "
                                  f"give them separate folders")


def _files(folder: Path) -> list[Path]:
    """Every non-directory entry under *folder*, symlinks not followed."""
    out = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(dirpath)
        out += [base / f for f in filenames]
        out += [base / d for d in dirnames if (base / d).is_symlink()]
    return out


def is_marked(folder: Path) -> bool:
    """True when *folder* carries the build's marker file."""
    marker = folder / MARKER
    try:
        return marker.is_file() and not marker.is_symlink() and marker.read_text(encoding="utf-8") == MARKER_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def _listed_outputs(info_file: Path) -> set[Path] | None:
    """The files an earlier build's build-info.json lists (resolved against the current folder)."""
    try:
        info = json.loads(info_file.read_text(encoding="utf-8"))
        listed = info["outputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(listed, dict):
        return None
    return {_real(Path(k)) for k in listed} | {_real(info_file)}


def adoptable(folder: Path, info_file: Path) -> bool:
    """An un-marked folder the build may still replace: empty, or every file listed in *info_file*.

    This is how the outputs of builds made before the marker existed (the committed `corpus/`
    and `tmx/`) are taken over; a folder holding any file the build did not list is foreign.
    """
    files = _files(folder)
    if not files:
        return True
    listed = _listed_outputs(info_file)
    if listed is None:
        return False
    return all(not f.is_symlink() and _real(f) in listed for f in files)


def claim(outputs: dict[str, Path], info_file: Path) -> None:
    """Refuse to replace any existing output folder the build did not create (see :func:`adoptable`)."""
    for label, final in outputs.items():
        if not os.path.lexists(final):
            continue
        if not final.is_dir():
            raise OutputError(f"{final}: the {label} output is not a folder; remove it or choose another --out")
        if is_marked(final) or adoptable(final, info_file):
            continue
        raise OutputError(f"{final}: not a folder written by `corpus build` (no {MARKER} marker, files not "
                          f"listed in {info_file.name}); refusing to replace it — choose an empty or new folder")


def check_writable(outputs: dict[str, Path]) -> None:
    """Fail before building when an output folder (or its parent) cannot be replaced."""
    for label, final in outputs.items():
        parent = final.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not os.access(parent, os.W_OK | os.X_OK):
            raise OutputError(f"{parent}: cannot write here (permission denied); the {label} output goes in it")
        if final.is_dir():
            for dirpath, _dirs, _names in os.walk(final):
                if not os.access(dirpath, os.W_OK | os.X_OK):
                    raise OutputError(f"{dirpath}: read-only, so the {label} output folder cannot be replaced")


# ---------------------------------------------------------------------------------------------
# staging, publication, recovery


def _remove_ours(folder: Path) -> None:
    """Remove a leftover staging/old folder, but only if it is the build's (marked or empty)."""
    if not os.path.lexists(folder):
        return
    if folder.is_dir() and not folder.is_symlink() and (is_marked(folder) or not _files(folder)):
        shutil.rmtree(folder)
        return
    raise OutputError(f"{folder}: a leftover folder the build did not write; move it away and run again")


def stage(final: Path) -> Path:
    """A fresh, marked staging folder for output folder *final*."""
    folder = staging_path(final)
    _remove_ours(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return folder


def discard(finals: Sequence[Path]) -> None:
    """Remove the staging folders of *finals* (after a failed build) — unless a publication journal
    exists: then the swap has begun (Ctrl-C inside it) and the next build finishes it from them."""
    if finals and journal_path(finals[0]).exists():
        return
    for final in finals:
        with contextlib.suppress(OSError, OutputError):
            _remove_ours(staging_path(final))


def _write_journal(path: Path, state: str, finals: Sequence[Path]) -> None:
    with atomic_write(path) as fh:  # fsynced, then renamed over the journal
        fh.write(json.dumps({"state": state, "folders": [str(f) for f in finals]}) + "\n")
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _rename(src: Path, dst: Path) -> None:
    """One rename of the swap (a seam for the fault tests)."""
    os.rename(src, dst)


def publish(finals: Sequence[Path]) -> None:
    """Replace every folder in *finals* by its staging folder, as one recoverable step.

    The journal is written first; renames follow; then the journal says "committed" and the old
    folders are removed. A failure part-way (EACCES, EROFS…) is rolled back here; a kill is
    finished by :func:`recover` on the next build.
    """
    journal = journal_path(finals[0])
    for final in finals:
        _remove_ours(old_path(final))
    _write_journal(journal, "swapping", finals)
    _fault("journal")
    try:
        _switch(finals)
    except OSError as exc:
        journal.unlink()
        _rollback(finals)
        raise OutputError(f"{exc.filename or finals[0]}: could not publish the outputs ({exc.strerror or exc}); "
                          f"the earlier outputs were left as they were") from None
    _write_journal(journal, "committed", finals)
    _fault("committed")
    _cleanup(finals)
    journal.unlink()


def _switch(finals: Sequence[Path]) -> None:
    """Rename each final to its old name and its staging folder to the final name (idempotent)."""
    for final in finals:
        staging, old = staging_path(final), old_path(final)
        if not staging.exists():  # already switched (or the staging folder was removed by hand:
            if not os.path.lexists(final) and os.path.lexists(old):  # then the old folder goes back)
                _rename(old, final)
            continue
        if os.path.lexists(final) and not os.path.lexists(old):
            _rename(final, old)
            _fault(f"moved-old:{final.name}")
        _rename(staging, final)
        _fault(f"moved-new:{final.name}")
    for parent in sorted({f.parent for f in finals}):
        _fsync_dir(parent)


def _rollback(finals: Sequence[Path]) -> None:
    """Undo a failed in-process switch: each new folder back to staging, each old one back in place."""
    for final in reversed(finals):
        staging, old = staging_path(final), old_path(final)
        with contextlib.suppress(OSError):
            if not staging.exists() and os.path.lexists(final):  # switched: the final is the new folder
                os.rename(final, staging)
            if os.path.lexists(old) and not os.path.lexists(final):
                os.rename(old, final)
    discard(finals)


def _cleanup(finals: Sequence[Path]) -> None:
    for final in finals:
        old = old_path(final)
        if os.path.lexists(old):
            shutil.rmtree(old)
        _fault(f"removed-old:{final.name}")


def recover(first: Path) -> str | None:
    """Finish a publication a killed build left half-done; returns what was done, or None."""
    journal = journal_path(first)
    if not journal.exists():
        return None
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        state, finals = data["state"], [Path(f) for f in data["folders"]]
    except (OSError, ValueError, KeyError, TypeError):
        raise OutputError(f"{journal}: unreadable publication journal; check {first} and remove the journal") from None
    if state == "swapping":
        _switch(finals)
        _write_journal(journal, "committed", finals)
    _cleanup(finals)
    journal.unlink()
    return f"finished the publication of {', '.join(str(f) for f in finals)} that an interrupted build left half-done"


# ---------------------------------------------------------------------------------------------
# one build at a time


@contextlib.contextmanager
def build_lock(finals: Sequence[Path], wait: bool = False) -> Iterator[None]:
    """Hold an exclusive lock on each output folder for the duration of a build.

    Without *wait*, a lock held elsewhere raises BuildLocked naming the holder's pid.
    """
    import fcntl

    handles = []
    try:
        for final in sorted({_real(f) for f in finals}):
            path = lock_path(final)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            handles.append(fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                raise BuildLocked(f"{path}: another build is running (pid {holder}); "
                                  f"wait for it or run with --wait") from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        for fd in handles:
            with contextlib.suppress(OSError):
                os.close(fd)

