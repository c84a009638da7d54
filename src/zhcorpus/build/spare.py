"""Fresh processes for the build's own work after its last document (the report's plots, the
dataset export), so that it runs on the cores the documents no longer use.

Each job is a new interpreter (``python -c``) that reads the build's ``sys.path`` and the pickled
job from its stdin and writes the pickled result to its stdout. A fresh process holds only what
its job needs, so the build's peak memory does not grow by a copy of a worker's aligner tables or
of the build process's units; and unlike multiprocessing's spawn it never re-imports the caller's
main script (a script that calls ``run_build`` without a ``__main__`` guard stays safe).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from ..errors import ZhcorpusError

_BOOT = ("import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
         "from zhcorpus.build.spare import _child; _child()")


def _child() -> None:
    """The job on stdin, run; its pickled ``(ok, result or exception)`` on stdout (anything the
    job prints goes to stderr)."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    fn, args = pickle.load(sys.stdin.buffer)
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


def _run(fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """*fn(*args)* in a new interpreter: its result, or its exception raised here."""
    job = pickle.dumps(sys.path) + pickle.dumps((fn, args))
    proc = subprocess.run([sys.executable, "-c", _BOOT], input=job, stdout=subprocess.PIPE, check=False)
    if proc.returncode != 0 or not proc.stdout:
        raise ZhcorpusError(f"a helper process of the build ({getattr(fn, '__name__', fn)}) failed "
                            f"with exit status {proc.returncode}")
    ok, value = pickle.loads(proc.stdout)
    if ok:
        return value
    raise value


class SpareProcesses:
    """Runs up to *processes* jobs at once, each in a new process; :meth:`close` waits for them."""

    def __init__(self, processes: int) -> None:
        self._threads = ThreadPoolExecutor(max_workers=processes, thread_name_prefix="spare")

    def __call__(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """*fn(*args)* in a new process (*fn* a module-level function, the arguments picklable)."""
        return self._threads.submit(_run, fn, args)

    def close(self) -> None:
        """Wait for the running jobs (jobs not started are dropped)."""
        self._threads.shutdown(wait=True, cancel_futures=True)
