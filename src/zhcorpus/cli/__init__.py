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
    "build": ("build", "build"),
    "review": ("review", "review"),
}


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attr = COMMANDS[cmd_name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)

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
