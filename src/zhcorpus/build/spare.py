"""Fresh processes for the build's own work after its last document (the report's plots, the
dataset export), so that it runs on the cores the documents no longer use.

Each job is a new interpreter (``python -c``) that reads the build's ``sys.path`` and the pickled
job from its stdin and writes the pickled result to its stdout. A fresh process holds only what
its job needs, so the build's peak memory does not grow by a copy of a worker's aligner tables or
of the build process's units; and unlike multiprocessing's spawn it never re-imports the caller's
main script (a script that calls ``run_build`` without a ``__main__`` guard stays safe).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from ..errors import ZhcorpusError

_BOOT = ("import pickle, signal, sys; ctrl_c = signal.signal(signal.SIGINT, signal.SIG_IGN); "
         "sys.path[:] = pickle.load(sys.stdin.buffer); from zhcorpus.build.spare import _child; _child(ctrl_c)")


def _child(ctrl_c: Any = signal.default_int_handler) -> None:
    """Import the modules named on stdin, wait for the job (Ctrl-C is the build's to handle
    meanwhile: it ends this process), run it with *ctrl_c* (the SIGINT handler the process
    started with) back; its pickled ``(ok, result or exception)`` on stdout
    (anything the job prints goes to stderr). No job (stdin closed): a quiet exit."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    for name in pickle.load(sys.stdin.buffer):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - only a head start: the job's own import reports it
            continue
    try:
        job = pickle.load(sys.stdin.buffer)
    except EOFError:
        return
    signal.signal(signal.SIGINT, ctrl_c)  # as the process started: the job is stopped as before
    fn, args = job
    try:
        data = pickle.dumps((True, fn(*args)))
    except Exception as exc:  # noqa: BLE001 - sent back to the build
        try:
            data = pickle.dumps((False, exc))
            pickle.loads(data)  # an error with a custom __init__ would not survive the way back
        except Exception:  # noqa: BLE001
            data = pickle.dumps((False, ZhcorpusError(str(exc))))
    out.write(data)
    out.close()


def _start(modules: tuple[str, ...]) -> subprocess.Popen[bytes]:
    """A new interpreter with the build's ``sys.path`` that imports *modules*, then waits for its job."""
    proc = subprocess.Popen([sys.executable, "-c", _BOOT], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None
    with contextlib.suppress(BrokenPipeError):  # a process that died says so when its job is sent
        proc.stdin.write(pickle.dumps(sys.path) + pickle.dumps(modules))
        proc.stdin.flush()
    return proc


def _run(fn: Callable[..., Any], args: tuple[Any, ...], proc: subprocess.Popen[bytes] | None) -> Any:
    """*fn(*args)* in *proc* (a process from :func:`_start`, else a new one): its result, or its
    exception raised here."""
    proc = proc or _start(())
    try:
        out, _ = proc.communicate(pickle.dumps((fn, args)))
    finally:
        _end(proc)
    if proc.returncode != 0 or not out:
        raise ZhcorpusError(f"a helper process of the build ({getattr(fn, '__name__', fn)}) failed "
                            f"with exit status {proc.returncode}")
    ok, value = pickle.loads(out)
    if ok:
        return value
    raise value


def _end(proc: subprocess.Popen[bytes]) -> None:
    """Make sure *proc* is gone (it is killed if still running) and reaped."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    for f in (proc.stdin, proc.stdout):
        if f is not None:
            f.close()


class SpareProcesses:
    """Runs up to *processes* jobs at once, each in a new process; :meth:`close` waits for them.

    *warm* names the modules of jobs to come (one tuple per process): those processes start at
    once and import them while the build still works on its documents, so a job sent later
    (:meth:`__call__` with a function of one of those modules) starts without the imports."""

    def __init__(self, processes: int, warm: Iterable[tuple[str, ...]] = ()) -> None:
        self._threads = ThreadPoolExecutor(max_workers=processes, thread_name_prefix="spare")
        self._warm: list[tuple[tuple[str, ...], subprocess.Popen[bytes]]] = []
        try:
            for modules in warm:
                self._warm.append((modules, _start(modules)))
        except BaseException:
            self.close()
            raise

    def __call__(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """*fn(*args)* in a new process (*fn* a module-level function, the arguments picklable)."""
        proc = None
        for i, (modules, warm) in enumerate(self._warm):
            if fn.__module__ in modules:
                proc = warm
                del self._warm[i]
                break
        try:
            future = self._threads.submit(_run, fn, args, proc)
        except BaseException:
            if proc is not None:
                _end(proc)
            raise
        if proc is not None:  # a job cancelled before it ran (close()) must not leave its process waiting
            future.add_done_callback(lambda f, p=proc: _end(p) if f.cancelled() else None)
        return future

    def close(self) -> None:
        """Wait for the running jobs (jobs not started are dropped); end the warm processes no
        job was sent to."""
        try:
            self._threads.shutdown(wait=True, cancel_futures=True)
        finally:
            while self._warm:
                _end(self._warm.pop()[1])
