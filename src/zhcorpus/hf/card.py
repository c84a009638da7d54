"""The dataset card (``README.md``): YAML metadata the Hub and ``datasets`` read (licence,
languages, configs -> files, typed features, split sizes) and a body that says how the corpus
was built, from facts passed in (:class:`BuildInfo`) and counted in the export, never typed in.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huggingface_hub import DatasetCard, DatasetCardData

from .. import __version__
from ..errors import InputError
from .features import (
    DOCUMENT_COLUMNS,
    DOCUMENTS_CONFIG,
    GLOSSARY_COLUMNS,
    GLOSSARY_CONFIG,
    SPLITS,
    UNIT_COLUMNS,
)
from .splits import RULE as SPLIT_RULE

if TYPE_CHECKING:
    from .result import HfExportResult
    from .rows import DocumentGroup

DEFAULT_CONFIG = "en-zh_Hans"
DEFAULT_NAME = "zhcorpus: Chinese–English policy texts"


@dataclass
class Evaluation:
    """One measurement of the aligner: on what data, and precision/recall/F1 there."""

    data: str
    f1: float
    precision: float | None = None
    recall: float | None = None
    metric: str = "strict"


@dataclass
class BuildInfo:
    """Facts about the build that the card states; parsed from the ``build_info`` dict.

    Keys (all optional): ``pretty_name``, ``description``, ``license`` (SPDX or Hub id,
    e.g. ``CC-BY-4.0``), ``license_note`` (the sources' rights), ``tool``, ``version``, ``date``
    (the build date, ISO ``YYYY-MM-DD``; else the year comes from SOURCE_DATE_EPOCH),
    ``stages`` (list of strings), ``alignment`` (``{"method": str, "f1": float, "precision":
    float, "recall": float, "measured_on": str}`` or ``{"method": str, "evaluations": [{"data",
    "f1", "precision", "recall", "metric"}, ...]}``), ``variants`` (how variants were made),
    ``limitations`` (list of strings), ``repository`` (URL), ``citation`` (BibTeX to use as is).
    """

    pretty_name: str = DEFAULT_NAME
    description: str = ""
    license: str | None = None
    license_note: str = ""
    tool: str = "zhcorpus"
    version: str = __version__
    date: str = ""
    stages: list[str] = field(default_factory=list)
    alignment_method: str = ""
    evaluations: list[Evaluation] = field(default_factory=list)
    variants: str = ""
    limitations: list[str] = field(default_factory=list)
    repository: str = ""
    citation: str = ""
    signature: str = ""  # the build signature (zhcorpus.signature.signature_text)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, source: str | Path | None = None) -> BuildInfo:
        """Parse and check the dict; a wrong type is an InputError naming *source* and the key."""
        def text(key: str, default: str = "") -> str:
            v = d.get(key, default)
            if v is None:
                return default
            if not isinstance(v, str):
                raise InputError(source, f"build info {key!r} must be a string, not {type(v).__name__}",
                                 where=key)
            return v

        def strings(key: str) -> list[str]:
            v = d.get(key) or []
            if not isinstance(v, list) or not all(isinstance(s, str) for s in v):
                raise InputError(source, f"build info {key!r} must be a list of strings", where=key)
            return list(v)

        known = {"pretty_name", "description", "license", "license_note", "tool", "version", "date",
                 "stages", "alignment", "variants", "limitations", "repository", "citation", "signature"}
        unknown = sorted(set(d) - known)
        if unknown:
            raise InputError(source, f"unknown build info key(s): {', '.join(unknown)}", where=unknown[0])
        date = text("date")
        if date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+Z?)?)?)?", date):
            raise InputError(source, f"build info 'date' is not an ISO date: {date!r}", where="date")
        align = d.get("alignment") or {}
        if not isinstance(align, Mapping):
            raise InputError(source, "build info 'alignment' must be a mapping", where="alignment")
        evals = [_evaluation(e, n, source) for n, e in enumerate(align.get("evaluations") or [], 1)]
        if "f1" in align:
            evals.insert(0, _evaluation({"data": align.get("measured_on", "unspecified data"),
                                         **{k: align[k] for k in ("f1", "precision", "recall", "metric")
                                            if k in align}}, 0, source))
        return cls(
            pretty_name=text("pretty_name", DEFAULT_NAME), description=text("description"),
            license=text("license") or None, license_note=text("license_note"),
            tool=text("tool", "zhcorpus"), version=text("version", __version__), date=text("date"),
            stages=strings("stages"), alignment_method=str(align.get("method") or ""),
            evaluations=evals, variants=text("variants"), limitations=strings("limitations"),
            repository=text("repository"), citation=text("citation"), signature=text("signature"),
        )

    @property
    def tool_version(self) -> str:
        """The tool and its version, e.g. ``zhcorpus 0.1.0`` (once, if the tool names it)."""
        return self.tool if self.version in self.tool else f"{self.tool} {self.version}"

    @property
    def hub_license(self) -> str:
        """The licence as a Hub licence id (``cc-by-4.0``), ``unknown`` when none was given."""
        return self.license.lower() if self.license else "unknown"


def _evaluation(e: Any, n: int, source: str | Path | None) -> Evaluation:
    where = f"alignment.evaluations[{n}]" if n else "alignment"
    if not isinstance(e, Mapping) or not isinstance(e.get("f1"), int | float):
        raise InputError(source, "an alignment evaluation needs a numeric 'f1'", where=where)
    for k in ("precision", "recall"):
        if e.get(k) is not None and not isinstance(e[k], int | float):
            raise InputError(source, f"alignment {k!r} must be a number", where=where)
    return Evaluation(data=str(e.get("data", "unspecified data")), f1=float(e["f1"]),
                      precision=e.get("precision"), recall=e.get("recall"),
                      metric=str(e.get("metric", "strict")))


def size_category(n: int) -> str:
    """The Hub's size category for *n* rows."""
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
              (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M")]
    for limit, name in bounds:
        if n < limit:
            return name
    return "100M<n<1B"


def build_year(date: str = "") -> str | None:
    """The year of the build *date*, else of SOURCE_DATE_EPOCH, else None (no wall-clock dates)."""
    if date:
        return date[:4]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return time.strftime("%Y", time.gmtime(int(epoch)))
    except ValueError:
        raise InputError("SOURCE_DATE_EPOCH", f"not a whole number of seconds: {epoch!r}") from None


def card_data(result: HfExportResult, info: BuildInfo) -> DatasetCardData:
    """The card's YAML metadata: licence, languages, configs -> files, features, split sizes."""
    configs, infos = [], []
    for name, sub in result.subsets.items():
        entry: dict[str, Any] = {"config_name": name}
        if name == DEFAULT_CONFIG:
            entry["default"] = True
        entry["data_files"] = [{"split": s, "path": p if len(p) > 1 else p[0]}
                               for s, p in sub.files.items()]
        configs.append(entry)
        infos.append({
            "config_name": name,
            "features": sub.features._to_yaml_list(),
            "splits": [{"name": s, "num_bytes": sub.num_bytes[s], "num_examples": n}
                       for s, n in sub.rows.items()],
            "download_size": sub.download_size,
            "dataset_size": sum(sub.num_bytes.values()),
        })
    largest = max((s.total for n, s in result.subsets.items() if n not in (GLOSSARY_CONFIG, DOCUMENTS_CONFIG)),
                  default=0)
    return DatasetCardData(
        pretty_name=info.pretty_name,
        license=info.hub_license,
        language=["zh", "en"],
        multilinguality="translation",
        task_categories=["translation"],
        size_categories=[size_category(largest)],
        source_datasets=["original"],
        tags=["zh-Hans", "zh-Hant", "zh-TW", "zh-HK", "parallel-corpus", "policy", "translation-memory"],
        configs=configs,
        dataset_info=infos,
    )


def render_card(result: HfExportResult, groups: Sequence[DocumentGroup], info: BuildInfo) -> str:
    """The whole ``README.md``: YAML front matter and the body; checked by parsing it back."""
    data = card_data(result, info)
    body = "\n".join(_body(result, groups, info)).rstrip("\n") + "\n"
    content = f"---\n{data.to_yaml()}\n---\n\n{body}"
    DatasetCard(content)  # parse back: raises on YAML the Hub could not read
    return content


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _body(result: HfExportResult, groups: Sequence[DocumentGroup], info: BuildInfo) -> list[str]:
    subs = result.subsets
    n_aligned, n_unaligned = len(result.aligned), len(result.unaligned)
    out = [f"# {info.pretty_name}", ""]
    if info.description:
        out += [info.description, ""]
    out += [
        f"Chinese policy documents and their English translations, aligned sentence by sentence: "
        f"{len(groups)} documents, {n_aligned} aligned translation units"
        + (f", {subs[GLOSSARY_CONFIG].total} glossary concepts" if GLOSSARY_CONFIG in subs else "")
        + (f" ({n_unaligned} beads with no counterpart in the other language are kept in the "
           "`documents` subset)" if n_unaligned else "")
        + ". "
        f"Built with {info.tool_version}.",
        "",
        "```python",
        "from datasets import load_dataset",
        "",
        f'ds = load_dataset("PATH_OR_REPO_ID", "{DEFAULT_CONFIG}")   # a folder or a Hub repo id',
        'ds["train"][0]["translation"]   # {"en": "...", "zh": "..."}',
        "```",
        "",
        "## Subsets",
        "",
        "| subset | content | " + " | ".join(SPLITS) + " | total |",
        "|---|---|" + "---:|" * (len(SPLITS) + 1),
    ]
    for name, sub in subs.items():
        cells = [str(sub.rows.get(s, 0)) if name != GLOSSARY_CONFIG or s in sub.rows else "–"
                 for s in SPLITS]
        out.append(f"| `{name}` | {sub.description} | " + " | ".join(cells) + f" | {sub.total} |")
    out.append("")
    for name, why in result.skipped.items():
        out.append(f"- `{name}` is not in this export: {why}.")
    if result.skipped:
        out.append("")
    out += [
        "Translation subsets hold the aligned beads (both sides non-empty); `zh_Hans-zh_Hant` holds "
        "every bead with a Chinese side. A unit has the same `id` in every subset.",
        "",
        "## Splits",
        "",
        f"Splits are {SPLIT_RULE} No document is in two splits, in any subset.",
        "",
        "| document | split | script | aligned units | title or topic |",
        "|---|---|---|---:|---|",
    ]
    for g in groups:
        title = g.zh.meta.get("title") or g.zh.meta.get("topic") or ""
        out.append(f"| {g.doc_id} | {result.splits[g.doc_id]} | {g.zh.script or '–'} | "
                   f"{sum(1 for u in g.units if u.aligned)} | {_cell(str(title))} |")
    out += ["", "## Data fields", ""]
    out += _fields_table("Translation subsets", UNIT_COLUMNS)
    if GLOSSARY_CONFIG in subs:
        out += _fields_table("`glossary`", GLOSSARY_COLUMNS)
    out += _fields_table("`documents`", DOCUMENT_COLUMNS)
    out += _build_section(result, groups, info)
    out += _licence_section(groups, info)
    out += _limitations(result, groups, info)
    out += _citation(info)
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fields_table(title: str, columns: Mapping[str, tuple[object, str]]) -> list[str]:
    rows = [f"{title}:", "", "| field | meaning |", "|---|---|"]
    rows += [f"| `{k}` | {_cell(v[1])} |" for k, v in columns.items()]
    return [*rows, ""]


def _build_section(result: HfExportResult, groups: Sequence[DocumentGroup], info: BuildInfo) -> list[str]:
    out = ["## How it was built", ""]
    out.append(f"Tool: {info.tool_version}." + (f" Built on {info.date}." if info.date else "")
               + (f" Source: {info.repository}." if info.repository else ""))
    out.append("")
    if info.stages:
        out += ["Stages:", ""] + [f"{i}. {s}" for i, s in enumerate(info.stages, 1)] + [""]
    if info.signature:
        out += ["Build signature (every step's version and settings, data hashes):", "",
                f"`{info.signature}`", ""]
    out.append(f"Alignment: {info.alignment_method or 'method not stated in the build information'}.")
    out.append("")
    if info.evaluations:
        out += ["| evaluated on | metric | precision | recall | F1 |", "|---|---|---:|---:|---:|"]
        out += [f"| {_cell(e.data)} | {e.metric} | {_fmt(e.precision)} | {_fmt(e.recall)} | {e.f1:.3f} |"
                for e in info.evaluations]
    else:
        out.append("The alignment was not evaluated for this build (no measurement was passed to the "
                   "exporter), so no F1 is stated.")
    beads = Counter(u.bead for g in groups for u in g.units)
    out += ["", "Bead types: " + ", ".join(f"{b} × {n}" for b, n in sorted(beads.items())) + ".", ""]
    if info.variants:
        out += [f"Variants: {info.variants}", ""]
    cleaning: Counter[tuple[str, str]] = Counter()
    boiler: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    for g in groups:
        for d in (g.zh, g.en):
            if d is None:
                continue
            for rule, n in (d.meta.get("cleaning") or {}).items():
                cleaning[(rule, d.lang)] += int(n)
            for b in d.meta.get("boilerplate") or []:
                boiler[str(b.get("rule", ""))] += 1
            for f in d.meta.get("flags") or []:
                flags[f"{f.get('rule', '')} ({d.lang})"] += 1
    out += ["Cleaning (changes made by each rule; every change is in the `edits` column of "
            "`documents`, with its source line and column):", "",
            "| rule | Chinese | English |", "|---|---:|---:|"]
    for rule in sorted({r for r, _ in cleaning}):
        out.append(f"| {rule} | {cleaning[(rule, 'zh')]} | {cleaning[(rule, 'en')]} |")
    out.append("")
    if boiler:
        out.append("Boilerplate removed from the text and kept in `documents.boilerplate`: "
                   + ", ".join(f"{r} × {n}" for r, n in sorted(boiler.items())) + ".")
        out.append("")
    if flags:
        out.append("Flagged, not changed (`documents.doc_flags`): "
                   + ", ".join(f"{r} × {n}" for r, n in sorted(flags.items())) + ".")
        out.append("")
    return out


def _licence_section(groups: Sequence[DocumentGroup], info: BuildInfo) -> list[str]:
    out = ["## Licence", ""]
    if info.license:
        out.append(f"Licence: {info.license}.")
    else:
        out.append("No licence was given in the build information: the licence is **unknown**, "
                   "and the dataset should not be published until one is set.")
    out.append("")
    if info.license_note:
        out += [info.license_note, ""]
    else:
        out += ["The build information states nothing about the rights in the Chinese source "
                "texts: check each source below before reuse.", ""]
    out += ["| document | source | date | translation licence |", "|---|---|---|---|"]
    for g in groups:
        src = g.zh.meta.get("source") or "not given"
        lic = (g.en.meta.get("license") if g.en else None) or "not given"
        out.append(f"| {g.doc_id} | {_cell(str(src))} | {_cell(str(g.zh.meta.get('date') or '–'))} | {lic} |")
    return [*out, ""]


def _limitations(result: HfExportResult, groups: Sequence[DocumentGroup], info: BuildInfo) -> list[str]:
    out = ["## Known limitations", ""]
    per_split = Counter(result.splits.values())
    out.append(f"- Size: {len(groups)} documents ("
               + ", ".join(f"{per_split.get(s, 0)} {s}" for s in SPLITS)
               + f"), {len(result.aligned)} aligned units; evaluation splits this small give noisy scores.")
    if result.unaligned:
        out.append(f"- {len(result.unaligned)} beads have no counterpart in the other language; "
                   "they are not translation rows (see `documents.unaligned`).")
    for name, sub in result.subsets.items():
        if sub.missing:
            ex = ", ".join(sub.missing[:5]) + (" …" if len(sub.missing) > 5 else "")
            out.append(f"- `{name}` lacks {len(sub.missing)} units whose variant text was not "
                       f"produced (e.g. {ex}).")
    for name, why in result.skipped.items():
        out.append(f"- `{name}` is missing: {why}.")
    if any(u.variants for g in groups for u in g.units):
        out.append("- Chinese text in a script other than the document's own is a machine "
                   "conversion, not edited by a person.")
    out += [f"- {lim}" for lim in info.limitations]
    return [*out, ""]


def _citation(info: BuildInfo) -> list[str]:
    out = ["## Citation", "", "```bibtex"]
    if info.citation:
        out.append(info.citation.strip())
    else:
        fields = [f"  title = {{{{{info.pretty_name}}}}}", f"  note = {{Built with {info.tool_version}}}"]
        year = build_year(info.date)
        if year:
            fields.append(f"  year = {{{year}}}")
        if info.repository:
            fields.append(f"  url = {{{info.repository}}}")
        out += ["@misc{zhcorpus,", ",\n".join(fields), "}"]
    return [*out, "```", ""]
