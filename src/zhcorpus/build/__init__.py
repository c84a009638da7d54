"""The `corpus build` pipeline: options, per-document steps, engines, exports and the report."""

from .options import STAGES, BuildOptions, load_config, make_options
from .run import BuildFailed, BuildResult, run_build

__all__ = ["STAGES", "BuildFailed", "BuildOptions", "BuildResult", "load_config", "make_options", "run_build"]
