"""The build's spare processes: results and errors come back as from a local call."""

from __future__ import annotations

import pytest

from zhcorpus.build.spare import SpareProcesses
from zhcorpus.errors import InputError, ZhcorpusError


def _square(x: int) -> int:
    return x * x


def _bad_input(path: str) -> None:
    raise InputError(path, "broken")


def _os_error(path: str) -> None:
    raise FileNotFoundError(2, "No such file or directory", path)


def test_results_come_back():
    spare = SpareProcesses(2)
    try:
        assert [f.result() for f in [spare(_square, 3), spare(_square, 4)]] == [9, 16]
    finally:
        spare.close()


def test_an_error_with_a_custom_init_keeps_its_message():
    spare = SpareProcesses(1)
    try:
        with pytest.raises(ZhcorpusError, match="x.tsv: broken"):
            spare(_bad_input, "x.tsv").result()
        with pytest.raises(FileNotFoundError) as info:  # a picklable error comes back as it was
            spare(_os_error, "y.txt").result()
        assert info.value.filename == "y.txt"
    finally:
        spare.close()



def _noisy(x: int) -> int:
    print("a job that prints")  # must not spoil the result
    return x + 1


def _exit(code: int) -> None:
    import os

    os._exit(code)


def test_a_job_may_print_and_a_dead_process_is_an_error():
    spare = SpareProcesses(1)
    try:
        assert spare(_noisy, 1).result() == 2
        with pytest.raises(ZhcorpusError, match="exit status 3"):
            spare(_exit, 3).result()
    finally:
        spare.close()


def _imported(name: str) -> bool:
    import sys

    return name in sys.modules


def test_a_warm_process_has_imported_what_its_job_needs():
    spare = SpareProcesses(1, [(__name__, "wave")])
    try:
        assert spare(_imported, "wave").result() is True  # the warm process
        assert spare(_imported, "wave").result() is False  # none left: a new process
    finally:
        spare.close()


def test_a_warm_import_that_fails_leaves_the_job_to_report_it():
    spare = SpareProcesses(1, [(__name__, "zhcorpus_no_such_module")])
    try:
        assert spare(_square, 5).result() == 25
    finally:
        spare.close()


def test_a_warm_process_that_died_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "zhcorpus_test_dies.py").write_text("import os\nos._exit(5)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    spare = SpareProcesses(1, [(__name__, "zhcorpus_test_dies")])
    try:
        with pytest.raises(ZhcorpusError, match=r"helper process of the build \(_square\) failed with exit status 5"):
            spare(_square, 2).result()
    finally:
        spare.close()


def test_a_waiting_process_ignores_ctrl_c_and_close_ends_it(tmp_path, monkeypatch):
    import os
    import signal
    import time

    ready = tmp_path / "ready"
    (tmp_path / "zhcorpus_test_ready.py").write_text(
        f"from pathlib import Path\nPath({str(ready)!r}).touch()\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    spare = SpareProcesses(1, [(__name__, "zhcorpus_test_ready"), (__name__,)])
    procs = [p for _, p in spare._warm]
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(procs[0].pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        assert spare(_square, 6).result() == 36
    finally:
        spare.close()
    assert all(p.returncode is not None for p in procs)  # the unused one was ended, none left behind


def _sleep(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def test_a_job_cancelled_by_close_ends_its_warm_process():
    spare = SpareProcesses(1, [(__name__,), (__name__,)])  # one thread: the second job waits in the queue
    procs = [p for _, p in spare._warm]
    try:
        running = spare(_sleep, 0.5)
        queued = spare(_square, 3)
    finally:
        spare.close()
    assert running.result() == 0.5
    assert queued.cancelled()
    assert all(p.returncode is not None for p in procs)  # the queued job's process was ended and reaped
