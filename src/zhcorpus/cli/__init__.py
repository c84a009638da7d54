"""The ``corpus`` command: a thin Click layer over the library.

Each sub-command lives in its own module of this package and is registered in ``COMMANDS``.
Errors from the library (:class:`~zhcorpus.errors.ZhcorpusError`) become one line on stderr and
the error's exit code; see the README for the table of exit codes.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import EXIT_DATA, EXIT_INTERRUPTED, ZhcorpusError
from ..project import set_project_override

# command name -> (module of this package, attribute holding the click command or group).
# Modules are imported only when their command runs (or for --help), so `corpus build` starts fast.
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("ingest", "ingest"),
    "segment": ("segment", "segment"),
    "convert": ("convert", "convert"),
    "variants": ("convert", "variants"),
    "align": ("align", "align"),
    "align-eval": ("align", "align_eval"),
    "glossary": ("glossary", "glossary"),
    "tmx": ("tmx", "tmx"),
    "hf": ("hf", "hf"),
    "score": ("score", "score_cmd"),
    "qa": ("qa", "qa"),
    "build": ("build", "build"),
    "cat-project": ("cat_project", "cat_project"),
    "init": ("project", "init"),
    "add": ("project", "add"),
    "review": ("review", "review"),
}


def printable(text: str) -> str:
    """*text* with undecodable file-name bytes shown as \\xNN (stderr is UTF-8 and strict)."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


_OUTPUT_OPTIONS = ("-o", "--out", "--output", "--tmx-out", "--segments", "--report", "--report-json", "--json",
                   "--write-pred")


def _output_args(args: list[str]) -> str | None:
    """The output paths given on the command line (a write error carries no file name)."""
    found = []
    for i, a in enumerate(args):
        if a in _OUTPUT_OPTIONS and i + 1 < len(args):
            found.append(args[i + 1])
        elif a.startswith(tuple(f"{o}=" for o in _OUTPUT_OPTIONS if o.startswith("--"))):
            found.append(a.split("=", 1)[1])
    return ", ".join(found) or None


def describe_os_error(exc: OSError, outputs: str | None = None) -> str:
    """One line for a file-system error: the path (the target of a rename) and what went wrong.

    A failed write() names no file: then the command's outputs (*outputs*) are named.
    """
    name = exc.filename2 if exc.filename2 is not None else exc.filename
    if name is None and outputs:
        name = f"writing {outputs}"
    reason = exc.strerror or str(exc)
    hint = {errno.ENOSPC: "; the disk is full",
            errno.EFBIG: "; the file size limit (ulimit -f) was reached",
            errno.EISDIR: " (give a file name, not a folder)", errno.ENOTDIR: " (a part of the path is a file)",
            errno.ELOOP: " (a symbolic link loop)", errno.EACCES: "", errno.EROFS: ""}.get(exc.errno or 0, "")
    where = printable(os.fsdecode(name)) if name is not None else "<output>"
    return f"{where}: {reason}{hint}"


def _error(message: str) -> None:
    click.echo(f"error: {printable(message)}", err=True)


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attr = COMMANDS[cmd_name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["zhcorpus.argv"] = list(args)  # to name the outputs when a write fails
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ZhcorpusError as exc:
            _error(str(exc))
            sys.exit(exc.exit_code)
        except click.BadParameter as exc:
            # a missing, unreadable or wrong-kind file is bad input (exit 1), not a usage error
            if (exc.param is not None and isinstance(exc.param.type, (click.Path, click.File))
                    and not isinstance(exc, click.MissingParameter)):  # a missing option stays usage (2)
                _error(exc.format_message())
                sys.exit(EXIT_DATA)
            raise
        except BrokenPipeError:  # `corpus … | head`: the reader has all it wants
            with contextlib.suppress(OSError, ValueError):  # no flush error at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:
            _error(describe_os_error(exc, _output_args(ctx.meta.get("zhcorpus.argv", []))))
            sys.exit(EXIT_DATA)
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start:exc.end] if isinstance(exc.object, str) else ""
            _error(f"cannot write {printable(bad)!r} as {exc.encoding}: a file name that is not valid UTF-8 "
                   f"ends up in the output; rename the file (text near it: {printable(exc.object[max(0, exc.start - 40):exc.end])!r})")
            sys.exit(EXIT_DATA)
        except KeyboardInterrupt:
            click.echo("interrupted: earlier outputs are left as they were", err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corpus")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The corpus project to work on (default: the folder holding corpus.toml, from here upwards).")
def main(project: Path | None) -> None:
    """zhcorpus: Chinese policy documents and their English translations as a bilingual corpus,
    translation memory (TMX), glossary (TBX) and Hugging Face dataset.

    Run `corpus build` in the repository root to rebuild everything from seeds/.
    """
    if project is not None:
        set_project_override(project)
