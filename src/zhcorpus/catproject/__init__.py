"""A ready CAT-tool (OmegaT) project for one language pair, from the build's outputs."""

from .fill import Fill, predict
from .project import CatProject, ProjectFolderError, parse_pair, write_cat_project

__all__ = ["CatProject", "Fill", "ProjectFolderError", "parse_pair", "predict", "write_cat_project"]
