"""The curated glossary: one concept per row of a reviewable TSV file (``seeds/glossary.tsv``).

Columns (tab-separated, UTF-8, header row; list fields separated by `` | ``):

``id`` (T001…), ``zh_hans``, ``zh_hant``, ``zh_tw`` (only where Taiwan usage differs),
``zh_variants`` (other Chinese forms found in texts, either script), ``en`` (preferred English),
``en_alt`` (accepted alternatives), ``definition``, ``domain``, ``source`` (title of the official
publication the English follows), ``source_date``, ``status`` (``seed`` = occurs in the seeds,
``added`` = added for completeness), ``notes``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..errors import InputError

LIST_SEP = " | "
COLUMNS = ["id", "zh_hans", "zh_hant", "zh_tw", "zh_variants", "en", "en_alt", "definition",
           "domain", "source", "source_date", "status", "notes"]
_LIST_FIELDS = {"zh_variants", "en_alt"}


@dataclass
class Concept:
    """One glossary concept with its terms in each language and the source of the English."""

    id: str
    zh_hans: str
    zh_hant: str
    en: str
    zh_tw: str = ""
    zh_variants: list[str] = field(default_factory=list)
    en_alt: list[str] = field(default_factory=list)
    definition: str = ""
    domain: str = ""
    source: str = ""
    source_date: str = ""
    status: str = "seed"
    notes: str = ""

    def zh_forms(self) -> list[str]:
        """Every Chinese form of the term (both scripts, Taiwan form, variants), no duplicates."""
        forms = [self.zh_hans, self.zh_hant, self.zh_tw, *self.zh_variants]
        return list(dict.fromkeys(f for f in forms if f))

    def en_forms(self) -> list[str]:
        """The preferred English rendering followed by the accepted alternatives."""
        return list(dict.fromkeys(f for f in [self.en, *self.en_alt] if f))

    def zh_for(self, tag: str) -> str:
        """The Chinese term for a variant tag (zh-Hans, zh-Hant, zh-TW, zh-HK)."""
        if tag in ("zh-Hans", "zh-CN", "zh"):
            return self.zh_hans
        if tag == "zh-TW" and self.zh_tw:
            return self.zh_tw
        return self.zh_hant

    def to_row(self) -> dict[str, str]:
        """The TSV row."""
        d = asdict(self)
        return {k: LIST_SEP.join(v) if k in _LIST_FIELDS else str(v) for k, v in d.items()}


@dataclass
class Glossary:
    """The concepts in file order, with lookup by id."""

    concepts: list[Concept]
    path: Path | None = None

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.concepts}

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Any:
        return iter(self.concepts)

    def get(self, concept_id: str) -> Concept:
        """The concept with this id (KeyError if absent)."""
        return self._by_id[concept_id]


def _split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()] if value else []


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary TSV; errors name the file and line."""
    path = Path(path)
    try:
        fh = open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        raise InputError(path, "glossary not found") from None
    concepts: list[Concept] = []
    names = {f.name for f in fields(Concept)}
    with fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in ("id", "zh_hans", "zh_hant", "en") if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(path, f"missing column(s): {', '.join(missing)}", where="1")
        seen: set[str] = set()
        for row in reader:
            line = reader.line_num
            if not (row.get("id") or "").strip():
                continue
            if row["id"] in seen:
                raise InputError(path, f"duplicate concept id {row['id']!r}", where=str(line))
            seen.add(row["id"])
            for req in ("zh_hans", "zh_hant", "en"):
                if not (row.get(req) or "").strip():
                    raise InputError(path, f"concept {row['id']}: empty {req}", where=str(line))
            kw = {k: (v or "").strip() for k, v in row.items() if k in names}
            for k in _LIST_FIELDS:
                kw[k] = _split_list(kw.get(k, ""))
            concepts.append(Concept(**kw))
    return Glossary(concepts, path)


def write_glossary(path: str | Path, concepts: Iterable[Concept]) -> None:
    """Write concepts as a glossary TSV (atomically)."""
    with atomic_write(path) as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE,
                           lineterminator="\n", escapechar="\\")
        w.writeheader()
        for c in concepts:
            w.writerow(c.to_row())
