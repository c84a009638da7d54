"""The variants step: every Chinese segment in zh-Hans, zh-Hant, zh-TW and zh-HK; script detection."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..pipeline import DocPair
from .base import Step, file_hash


@dataclass(frozen=True)
class VariantsConfig:
    """Settings of the variants step (``[variants]`` in corpus.toml; ``corpus convert``/``variants`` options)."""

    backend: str = "opencc"  # the conversion engine (--backend)
    tw_phrases: bool = True  # the reviewed Taiwan phrase list for zh-TW (--no-tw-phrases: off)
    glossary_phrases: bool = False  # also the glossary's zh_tw forms as Taiwan phrases (--glossary)

    def __post_init__(self) -> None:
        from ..variants import BACKENDS

        if self.backend not in BACKENDS:
            raise ValueError(f"unknown conversion backend {self.backend!r} (known: {', '.join(sorted(BACKENDS))})")


def opencc_version() -> str:
    """The OpenCC binding's version (an upgrade can change the variants)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("opencc")
    except PackageNotFoundError:
        return "none"


@cache
def _data_hash() -> str:
    folder = Path(str(files("zhcorpus.variants") / "data"))
    return "+".join(file_hash(p) for p in sorted(folder.glob("*.tsv")))[:64]


def make_converter(config: VariantsConfig, glossary: Path | None = None) -> Any:
    """The converter *config* describes (shared by the step and the ``convert``/``variants`` commands)."""
    from ..variants import VariantConverter, get_backend, glossary_phrases

    conv = VariantConverter(get_backend(config.backend), tw_phrases=config.tw_phrases)
    if config.glossary_phrases and config.tw_phrases and glossary is not None:
        from ..glossary import load_glossary

        conv.phrases = conv.phrases.extended(glossary_phrases(load_glossary(glossary), conv))
    return conv


class VariantsStep(Step):
    """Add the four variants to every Chinese segment, detect scripts, repair the 壹 artifact."""

    name = "variants"
    version = "1"
    Config = VariantsConfig

    def inputs(self) -> dict[str, str]:
        """OpenCC's version, the phrase lists and (when used) the glossary."""
        out = {"opencc": opencc_version(), "data": _data_hash()}
        if self.config.glossary_phrases:
            out["glossary"] = self.context.glossary_hash()
        return out

    @property
    def converter(self) -> Any:
        """The converter, made on first use and kept."""
        conv = self.__dict__.get("_converter")
        if conv is None:
            conv = self.__dict__["_converter"] = make_converter(self.config, self.context.glossary)
        return conv

    def __call__(self, pair: DocPair) -> DocPair:
        """The pair with variants on its Chinese document."""
        from ..variants import add_variants

        assert pair.zh is not None
        add_variants(pair.zh, self.converter)
        return pair
