"""Hugging Face dataset export and import: Parquet subsets with explicit features, a dataset
card that ``datasets.load_dataset`` and the Hub read without a loading script, document-level
splits, reading any local translation dataset back into units, and uploading with the Hub client.

The names below are imported on first use: most submodules import ``datasets`` (a second of
start-up), which a build that hands its dataset export to a spare process never needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .card import BuildInfo
    from .export import export_hf
    from .features import CONFIG_NAMES, TRANSLATION_CONFIGS, features_for
    from .importer import import_hf, load_local
    from .push import PushError, PushPlan, plan_push, push_hf
    from .result import HfExportResult, SubsetInfo
    from .splits import assign_splits
    from .verify import check_export

_WHERE = {"BuildInfo": "card", "export_hf": "export", "CONFIG_NAMES": "features",
          "TRANSLATION_CONFIGS": "features", "features_for": "features", "import_hf": "importer",
          "load_local": "importer", "PushError": "push", "PushPlan": "push", "plan_push": "push",
          "push_hf": "push", "HfExportResult": "result", "SubsetInfo": "result", "assign_splits": "splits",
          "check_export": "verify"}

__all__ = ["CONFIG_NAMES", "TRANSLATION_CONFIGS", "BuildInfo", "HfExportResult", "PushError",
           "PushPlan", "SubsetInfo", "assign_splits", "check_export", "export_hf", "features_for",
           "import_hf", "load_local", "plan_push", "push_hf"]


def __getattr__(name: str) -> Any:
    """A public name, imported from its submodule on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
