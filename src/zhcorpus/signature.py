"""The build signature: what made an artefact — package version, every step's signature, data hashes.

Like sacrebleu's ``Signature``: readable, complete, and identical for identical settings. It goes
into ``build-info.json``, the dataset card, every TMX header and ``corpus score --json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import __version__
from .steps import PipelineConfig, make_steps
from .steps.align import cedict_hash
from .steps.base import StepContext
from .steps.variants import opencc_version


def build_signature(config: PipelineConfig | None = None, glossary: Path | None = None) -> dict[str, Any]:
    """The signature of a build with these step settings and glossary."""
    steps = make_steps(config, glossary)
    return {
        "zhcorpus": __version__,
        "steps": [s.signature() for s in steps],
        "opencc": opencc_version(),
        "cedict": cedict_hash(),
        "glossary": StepContext(glossary).glossary_hash(),
    }


def signature_text(sig: dict[str, Any]) -> str:
    """The signature on one line: ``zhcorpus:V || step sig || … || opencc:V|cedict:H|glossary:H``."""
    data = f"opencc:{sig['opencc']}|cedict:{sig['cedict']}|glossary:{sig['glossary']}"
    return " || ".join([f"zhcorpus:{sig['zhcorpus']}", *sig["steps"], data])


def step_settings(sig: dict[str, Any], name: str) -> dict[str, str]:
    """One step's fields as written in the signature (``{"segmenter": "jieba", …}``)."""
    for s in sig["steps"]:
        parts = s.split("|")
        if parts[0] == name:
            return dict(p.split(":", 1) for p in parts[1:])
    return {}
