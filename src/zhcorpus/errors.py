"""Errors that name the file and the place, so a user can find and fix bad input."""

from __future__ import annotations

from pathlib import Path

# Exit codes of the `corpus` command (documented in the README).
EXIT_OK = 0
EXIT_DATA = 1  # bad input data, failed validation
EXIT_USAGE = 2  # wrong options (Click's own code)
EXIT_CHECK = 3  # a check asked for with --strict found problems
EXIT_INTERRUPTED = 130


class ZhcorpusError(Exception):
    """Base class: an error the CLI reports as one clear line and a non-zero exit."""

    exit_code = EXIT_DATA


class InputError(ZhcorpusError):
    """Bad input: names the file and, where known, the place (line:col or byte offset)."""

    def __init__(self, path: str | Path | None, message: str, *, where: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.where = where
        self.message = message
        loc = self.path or "<input>"
        if where:
            loc = f"{loc}:{where}"
        super().__init__(f"{loc}: {message}")


class CheckFailed(ZhcorpusError):
    """A check found problems and the user asked for a failing exit (--strict)."""

    exit_code = EXIT_CHECK
