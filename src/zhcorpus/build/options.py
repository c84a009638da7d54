"""Build options: defaults, then `corpus.toml` (or `[tool.zhcorpus]` in pyproject.toml), then CLI options."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..steps import PIPELINE, STEP_NAMES, PipelineConfig

PER_DOCUMENT = STEP_NAMES
STAGES = (*PER_DOCUMENT, "exports", "report")


@dataclass(frozen=True)
class BuildOptions:
    """Where the build reads and writes, and how it runs."""

    seeds: Path = Path("seeds")
    out: Path = Path("corpus")
    tmx_out: Path = Path("tmx")
    glossary: Path | None = None  # default: <seeds>/glossary.tsv when present
    cache: Path = Path(".zhcorpus-cache")
    jobs: int = 1
    engine: str = "local"
    address: str | None = None
    input: str | None = None  # Parquet glob of document pairs (Ray engine)
    only: str | None = None
    start: str | None = None  # --from
    quiet: bool = False
    verbose: int = 0
    force: bool = False
    keep_going: bool = False  # build the other documents when one fails (listed in the report; exit 1)
    tmx_codes: str = "region"
    steps: PipelineConfig = field(default_factory=PipelineConfig)  # [ingest], [variants], [align] … sections
    alignment_eval: Path | None = Path("bench/results/align.json")  # measured F1 quoted in the dataset card
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def glossary_path(self) -> Path | None:
        """The glossary the build uses, or None."""
        if self.glossary is not None:
            return self.glossary
        p = self.seeds / "glossary.tsv"
        return p if p.is_file() else None

    def stages(self) -> list[str]:
        """The stages this run executes, in order."""
        if self.only and self.start:
            raise InputError(None, "use either --only or --from, not both")
        for name in (self.only, self.start):
            if name and name not in STAGES:
                raise InputError(None, f"unknown stage {name!r}; stages: {', '.join(STAGES)}")
        if self.only:
            return [self.only]
        if self.start:
            return list(STAGES[STAGES.index(self.start):])
        return list(STAGES)


_PATHS = {"seeds", "out", "tmx_out", "glossary", "cache", "alignment_eval"}


_MOVED = {"low_score": "align"}  # build settings that became step settings


def _type_ok(f: dataclasses.Field, value: Any) -> bool:
    """Whether a config file *value* fits the config field *f* (by its default's type)."""
    default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
    if default is None:
        return value is None or isinstance(value, str)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, tuple):
        return isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default)) and not isinstance(value, bool)


def _step_configs(data: dict[str, Any], source: Path) -> PipelineConfig:
    """The ``[<step>]`` sections of a config file as the steps' config classes (unknown keys: error)."""
    configs: dict[str, Any] = {}
    for cls in PIPELINE:
        section = data.get(cls.name)
        if section is None:
            continue
        if not isinstance(section, dict):
            raise InputError(source, f"[{cls.name}] must be a table of settings")
        names = {f.name: f for f in dataclasses.fields(cls.Config)}
        values: dict[str, Any] = {}
        for key, value in section.items():
            k = key.replace("-", "_")
            if k not in names:
                raise InputError(source, f"unknown setting {key!r} in [{cls.name}]; known: {', '.join(names)}")
            values[k] = tuple(value) if isinstance(value, list) else value
            if not _type_ok(names[k], values[k]):
                raise InputError(source, f"[{cls.name}] {key} = {value!r}: expected {names[k].type}")
        try:
            configs[cls.name] = cls.Config(**values)
        except (TypeError, ValueError) as exc:
            raise InputError(source, f"[{cls.name}]: {exc}") from None
    return PipelineConfig(**configs)


def load_config(root: Path = Path(".")) -> dict[str, Any]:
    """Settings from `corpus.toml` or `[tool.zhcorpus]` in pyproject.toml (first found), as a dict:
    the ``[build]`` table's keys, plus ``steps`` from the ``[ingest]``, ``[variants]``, ``[align]``
    … tables."""
    cfg_file = root / "corpus.toml"
    if cfg_file.is_file():
        try:
            data = tomllib.loads(cfg_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(cfg_file, f"not valid TOML: {exc}") from None
        source = cfg_file
    else:
        pyproject = root / "pyproject.toml"
        if not pyproject.is_file():
            return {}
        data = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("zhcorpus", {})
        source = pyproject
    step_names = set(STEP_NAMES)
    build = data.get("build", {k: v for k, v in data.items() if k not in step_names})
    extra = set(data) - step_names - {"build"} if "build" in data else set()
    if extra:
        raise InputError(source, f"unknown section(s) {', '.join(sorted(extra))}; "
                                 f"sections: build, {', '.join(STEP_NAMES)}")
    names = {f.name for f in fields(BuildOptions)} - {"steps"}
    out: dict[str, Any] = {}
    for key, value in build.items():
        k = key.replace("-", "_")
        if k in _MOVED:
            raise InputError(source, f"{key!r} is now a setting of [{_MOVED[k]}]: move it there")
        if k not in names:
            raise InputError(source, f"unknown build setting {key!r}")
        out[k] = Path(value) if k in _PATHS and value is not None else value
    if any(n in data for n in STEP_NAMES):
        out["steps"] = _step_configs(data, source)
    return out


def make_options(cli: dict[str, Any], root: Path = Path("."), steps: dict[str, dict[str, Any]] | None = None) -> BuildOptions:
    """Defaults < config file < CLI options (CLI values of None mean 'not given'); *steps* changes
    step settings (``{"align": {"low_score": 0.3}}``) over the config file's."""
    opts = replace(BuildOptions(), **load_config(root))
    given = {k: v for k, v in cli.items() if v is not None}
    opts = replace(opts, **given)
    for name, changes in (steps or {}).items():
        if name not in STEP_NAMES:
            raise InputError("--set", f"unknown step {name!r}; steps: {', '.join(STEP_NAMES)}")
        cls = PIPELINE[STEP_NAMES.index(name)]
        known = {f.name: f for f in dataclasses.fields(cls.Config)}
        for k, v in changes.items():
            if k not in known:
                raise InputError("--set", f"unknown setting {name}.{k}; known: {', '.join(known)}")
            if not _type_ok(known[k], v):
                raise InputError("--set", f"{name}.{k} = {v!r}: expected {known[k].type}")
        try:
            opts = replace(opts, steps=opts.steps.replace(name, **changes))
        except ValueError as exc:
            raise InputError("--set", f"{name}: {exc}") from None
    return opts
