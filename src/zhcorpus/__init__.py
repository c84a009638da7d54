"""zhcorpus: Chinese policy documents and their English translations as a bilingual corpus."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("zhcorpus")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
