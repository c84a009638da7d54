"""The ``corpus`` command: a thin Click layer over the library.

Each sub-command lives in its own module of this package and is registered in ``COMMANDS``.
Errors from the library (:class:`~zhcorpus.errors.ZhcorpusError`) become one line on stderr and
the error's exit code; see the README for the table of exit codes.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__
from ..errors import EXIT_INTERRUPTED, ZhcorpusError

# module name -> attribute holding the click command or group
COMMANDS: list[tuple[str, str]] = [
    ("ingest", "ingest"),
    ("segment", "segment"),
    ("build", "build"),
]


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ZhcorpusError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted: earlier outputs are left as they were", err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corpus")
def main() -> None:
    """zhcorpus: Chinese policy documents and their English translations as a bilingual corpus,
    translation memory (TMX), glossary (TBX) and Hugging Face dataset.

    Run `corpus build` in the repository root to rebuild everything from seeds/.
    """


for _mod, _attr in COMMANDS:
    main.add_command(getattr(importlib.import_module(f".{_mod}", __name__), _attr))
