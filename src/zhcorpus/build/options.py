"""Build options: defaults, then `corpus.toml` (or `[tool.zhcorpus]` in pyproject.toml), then CLI options."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import InputError

STAGES = ("ingest", "variants", "align", "glossary", "exports", "report")
PER_DOCUMENT = ("ingest", "variants", "align", "glossary")


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
    wait: bool = False  # wait for another build holding the lock instead of stopping
    tmx_codes: str = "region"
    low_score: float = 0.5
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


def load_config(root: Path = Path(".")) -> dict[str, Any]:
    """Settings from `corpus.toml` or `[tool.zhcorpus]` in pyproject.toml (first found), as a dict."""
    cfg_file = root / "corpus.toml"
    if cfg_file.is_file():
        try:
            data = tomllib.loads(cfg_file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(cfg_file, f"not valid TOML: {exc}") from None
        data = data.get("build", data)
        source = cfg_file
    else:
        pyproject = root / "pyproject.toml"
        if not pyproject.is_file():
            return {}
        data = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("zhcorpus", {})
        source = pyproject
    names = {f.name for f in fields(BuildOptions)}
    out: dict[str, Any] = {}
    for key, value in data.items():
        k = key.replace("-", "_")
        if k not in names:
            raise InputError(source, f"unknown build setting {key!r}")
        _check_setting(source, key, k, value)
        out[k] = Path(value) if k in _PATHS and value is not None else value
    return out


_KINDS: dict[str, tuple[type, ...]] = {"jobs": (int,), "low_score": (int, float), "force": (bool,), "quiet": (bool,),
                                       "wait": (bool,), "verbose": (int,), "extra": (dict,)}


def _check_setting(source: Path, key: str, name: str, value: Any) -> None:
    """A setting of the right kind (paths and names are strings, jobs a whole number ≥ 1…), else InputError."""
    kinds = _KINDS.get(name, (str,))
    ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
    if name == "jobs" and ok and value < 1:
        ok = False
    if value is None and name in ("glossary", "alignment_eval", "address", "input", "only", "start"):
        ok = True
    if not ok:
        want = {"jobs": "a whole number ≥ 1", "low_score": "a number", "extra": "a table"}.get(
            name, "true or false" if bool in kinds else "a whole number" if int in kinds else "a string")
        raise InputError(source, f"build setting {key!r} must be {want}, got {value!r}")


def make_options(cli: dict[str, Any], root: Path = Path(".")) -> BuildOptions:
    """Defaults < config file < CLI options (CLI values of None mean 'not given')."""
    opts = replace(BuildOptions(), **load_config(root))
    given = {k: v for k, v in cli.items() if v is not None}
    return replace(opts, **given)
