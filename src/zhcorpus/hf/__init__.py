"""Hugging Face dataset export and import: Parquet subsets with explicit features, a dataset
card that ``datasets.load_dataset`` and the Hub read without a loading script, document-level
splits, reading any local translation dataset back into units, and uploading with the Hub client.
"""

from .card import BuildInfo
from .export import export_hf
from .features import CONFIG_NAMES, TRANSLATION_CONFIGS, features_for
from .importer import import_hf, load_local
from .push import PushError, PushPlan, plan_push, push_hf
from .result import HfExportResult, SubsetInfo
from .splits import assign_splits
from .verify import check_export

__all__ = ["CONFIG_NAMES", "TRANSLATION_CONFIGS", "BuildInfo", "HfExportResult", "PushError",
           "PushPlan", "SubsetInfo", "assign_splits", "check_export", "export_hf", "features_for",
           "import_hf", "load_local", "plan_push", "push_hf"]
