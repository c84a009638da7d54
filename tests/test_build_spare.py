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
