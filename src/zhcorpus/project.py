"""Corpus projects: find the project a command runs in (as git finds its repository).

A project is a folder holding ``corpus.toml`` (or a ``pyproject.toml`` with ``[tool.zhcorpus]``).
Commands look for it in the working folder and its parents, or take it from ``--project``
(or ``$ZHCORPUS_PROJECT``). Paths in the project's settings (the sources folder with
``manifest.toml`` and ``glossary.tsv``, the output folders) are relative to the project root,
never to the working folder. The repository itself is a project whose sources are ``seeds/``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError

CONFIG = "corpus.toml"
ENV = "ZHCORPUS_PROJECT"
_override: Path | None = None


def set_project_override(path: Path | None) -> None:
    """Use *path* as the project (``--project``) for the rest of this process."""
    global _override
    _override = path


@dataclass(frozen=True)
class Project:
    """A corpus project: its root folder and its build settings."""

    root: Path
    settings: dict[str, Any]

    def path(self, key: str, default: str) -> Path:
        """A setting that names a path, resolved against the project root."""
        value = self.settings.get(key, default)
        p = Path(value)
        return p if p.is_absolute() else self.root / p

    @property
    def sources(self) -> Path:
        """The folder with manifest.toml, the documents and glossary.tsv."""
        return self.path("seeds", "seeds")

    @property
    def manifest(self) -> Path:
        """The project's manifest."""
        return self.sources / "manifest.toml"

    @property
    def glossary(self) -> Path | None:
        """The project's glossary (a ``glossary`` setting, else sources/glossary.tsv), or None."""
        if self.settings.get("glossary"):
            return self.path("glossary", "")
        p = self.sources / "glossary.tsv"
        return p if p.is_file() else None

    @property
    def out(self) -> Path:
        """The corpus output folder."""
        return self.path("out", "corpus")

    @property
    def tmx_out(self) -> Path:
        """The TMX output folder."""
        return self.path("tmx_out", "tmx")


def _settings(root: Path) -> dict[str, Any] | None:
    cfg = root / CONFIG
    if cfg.is_file():
        try:
            data = tomllib.loads(cfg.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(cfg, f"not valid TOML: {exc}") from None
        return dict(data.get("build", data))
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return None
        tool = data.get("tool", {}).get("zhcorpus")
        if isinstance(tool, dict):
            return dict(tool)
    return None


def find_project(start: Path | None = None) -> Project | None:
    """The project of ``--project``/``$ZHCORPUS_PROJECT``, else the nearest folder from *start*
    (the working folder) upwards holding corpus.toml; None when there is none."""
    given = _override or (Path(os.environ[ENV]) if os.environ.get(ENV) else None)
    if given is not None:
        root = given.resolve()
        settings = _settings(root) if root.is_dir() else None
        if settings is None:
            raise InputError(given, f"not a corpus project: no {CONFIG} in it (make one with `corpus init`)")
        return Project(root, settings)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        settings = _settings(folder)
        if settings is not None:
            return Project(folder, settings)
    return None


def require_project(start: Path | None = None) -> Project:
    """Like :func:`find_project`, but an InputError when there is no project."""
    project = find_project(start)
    if project is None:
        raise InputError(start or Path.cwd(), f"not inside a corpus project (no {CONFIG} here or in any parent "
                         "folder): make one with `corpus init DIR`, or give --project DIR")
    return project


def project_file(given: Path | None, attr: str, fallback: Path) -> Path | None:
    """A project file: *given* (as the user typed it), else the project's (``attr``), else
    *fallback* when it exists relative to the working folder, else None."""
    if given is not None:
        return given
    project = find_project()
    if project is not None:
        value = getattr(project, attr)
        if value is not None:
            return Path(value)
    return fallback if fallback.exists() else None
