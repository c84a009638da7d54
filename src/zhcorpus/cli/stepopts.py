"""Click options that set a step's config: the single-purpose commands and `corpus build --set`
use the same config classes (:mod:`zhcorpus.steps`), so every setting is reachable from both."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..clean import CLEAN_RULES
from ..steps import AlignConfig, IngestConfig
from ..steps.align import BEAD_SCORES

F = TypeVar("F", bound=Callable[..., Any])


def clean_option(f: F) -> F:
    """``--clean RULES``: the ingest step's cleaning passes."""
    return click.option("--clean", "clean", default=",".join(CLEAN_RULES), show_default=True, metavar="RULES",
                        help="Cleaning passes to run, comma-separated ('none': no cleaning) "
                             "= [ingest] clean in corpus.toml.")(f)


def ingest_config(clean: str) -> IngestConfig:
    """The :class:`IngestConfig` of a ``--clean`` value (a usage error names unknown rules)."""
    rules = () if clean.strip() in ("", "none") else tuple(r.strip() for r in clean.split(","))
    try:
        return IngestConfig(clean=rules)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--clean") from None


_EMBED_HELP = ("Also score beads by a local sentence-transformers model (a directory; nothing is "
               "downloaded). Needs the 'embed' extra.")


def align_options(f: F) -> F:
    """The align step's settings as options (each = a field of ``[align]`` in corpus.toml)."""
    d = AlignConfig()
    f = click.option("--bead-score", type=click.Choice(BEAD_SCORES), default=d.bead_score, show_default=True,
                     help="Bead score: hand-set, or learned (CRF weights fitted on gold alignments; "
                          "see the README).")(f)
    f = click.option("--length-mismatch", type=click.FloatRange(min=1, min_open=True), default=d.length_mismatch,
                     show_default=True, help="Flag beads this far off the document's length ratio.")(f)
    f = click.option("--low-score", type=click.FloatRange(0, 1), default=d.low_score, show_default=True,
                     help="Flag beads scoring below this as low-confidence.")(f)
    f = click.option("--embedding-model", type=click.Path(path_type=Path), default=None, help=_EMBED_HELP)(f)
    f = click.option("--no-self-train", is_flag=True, help="Dictionary only: skip the second, self-trained pass.")(f)
    return click.option("--segmenter", type=click.Choice(["jieba", "dictionary"]), default=d.segmenter,
                        show_default=True,
                        help="Chinese word segmentation: jieba, or maximum matching on CC-CEDICT (faster start).")(f)


def align_config(segmenter: str, no_self_train: bool, embedding_model: Path | None, low_score: float,
                 length_mismatch: float, glossary_dictionary: bool = True, bead_score: str = "hand") -> AlignConfig:
    """The :class:`AlignConfig` of the :func:`align_options` values."""
    return AlignConfig(segmenter=segmenter, self_train=not no_self_train,
                       embedding_model=str(embedding_model) if embedding_model else None,
                       low_score=low_score, length_mismatch=length_mismatch, glossary_dictionary=glossary_dictionary,
                       bead_score=bead_score)


def parse_settings(values: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """``STEP.FIELD=VALUE`` items (VALUE in TOML syntax; a bare word is a string) by step."""
    out: dict[str, dict[str, Any]] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        step, dot, field = name.strip().partition(".")
        if not sep or not dot:
            raise click.BadParameter(f"{item!r}: write STEP.FIELD=VALUE, e.g. align.low_score=0.3",
                                     param_hint="--set")
        try:
            value = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw.strip()
        out.setdefault(step, {})[field.replace("-", "_")] = tuple(value) if isinstance(value, list) else value
    return out
