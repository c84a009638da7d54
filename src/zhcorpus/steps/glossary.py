"""The glossary step: every unit annotated with the glossary concepts its Chinese side contains."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..pipeline import DocPair
from .base import Step


@dataclass(frozen=True)
class GlossaryConfig:
    """Settings of the glossary step (``[glossary]`` in corpus.toml)."""

    annotate: bool = True  # set each unit's ``terms`` (off: units carry no term ids)


class GlossaryStep(Step):
    """Annotate units with glossary concept ids (nothing to do without a glossary)."""

    name = "glossary"
    version = "1"
    Config = GlossaryConfig

    def inputs(self) -> dict[str, str]:
        """The glossary, by content."""
        return {"glossary": self.context.glossary_hash()}

    @property
    def matcher(self) -> Any:
        """The term matcher (None without a glossary), made on first use and kept."""
        if "_matcher" not in self.__dict__:
            from ..glossary import TermMatcher

            g = self.context.load_glossary()
            self.__dict__["_matcher"] = TermMatcher(g) if g is not None else None
        return self.__dict__["_matcher"]

    def keeps(self, pair: DocPair) -> bool:
        """True when annotation is off or there is no glossary."""
        return not self.config.annotate or self.matcher is None

    def __call__(self, pair: DocPair) -> DocPair:
        """The pair with ``terms`` set on its units."""
        if not self.config.annotate or self.matcher is None:
            return pair
        from ..glossary import annotate_units

        pair.units = list(annotate_units(pair.units, self.matcher))
        return pair
