"""The curated glossary: one concept per row of a reviewable TSV file (``seeds/glossary.tsv``).

Columns (tab-separated, UTF-8, header row; list fields separated by `` | ``):

``id`` (T001…), ``zh_hans``, ``zh_hant``, ``zh_tw`` (only where Taiwan usage differs),
``zh_variants`` (other Chinese forms found in texts, either script), ``en`` (preferred English),
``en_alt`` (accepted alternatives), ``definition``, ``domain``, ``pos`` (part of speech of the
English term: noun, verb, adjective, adverb, properNoun, other; default noun), ``source`` (title of
the official publication the English follows), ``source_date``, ``status`` (``seed`` = occurs in
the seeds, ``added`` = added for completeness), ``notes``.

A concept's notes may record accepted paraphrases the consistency check allows in place of a
rendering, one per ``paraphrase: "<english>"`` (e.g. ``paraphrase: "the Ministry"`` where a
translation shortens a name it has just given in full); they are never exported as terms.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..atomic import atomic_write
from ..errors import InputError

LIST_SEP = " | "
COLUMNS = ["id", "zh_hans", "zh_hant", "zh_tw", "zh_variants", "en", "en_alt", "definition",
           "domain", "pos", "source", "source_date", "status", "notes"]
STATUSES = ("seed", "added")
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "properNoun", "other")
_LIST_FIELDS = {"zh_variants", "en_alt"}
_REQUIRED = ("id", "zh_hans", "zh_hant", "en")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PARAPHRASE = re.compile(r'paraphrase:\s*"([^"]+)"')


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
    pos: str = "noun"
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

    def paraphrases(self) -> list[str]:
        """Accepted paraphrases recorded in the notes (``paraphrase: "..."``), in order."""
        return _PARAPHRASE.findall(self.notes)

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

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def get(self, concept_id: str) -> Concept:
        """The concept with this id (KeyError if absent)."""
        return self._by_id[concept_id]

    def search(self, query: str) -> list[Concept]:
        """Concepts with a Chinese or English form containing *query* (English case-insensitive)."""
        q = query.strip().casefold()
        if not q:
            return []
        return [c for c in self.concepts
                if any(q in f.casefold() for f in (*c.zh_forms(), *c.en_forms()))]


def _split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()] if value else []


def _check_row(path: Path, line: int, c: Concept, owner: dict[str, tuple[str, int]]) -> None:
    """Reject a row a terminologist must fix: the error names the file, line and concept."""
    where = str(line)
    if c.status not in STATUSES:
        raise InputError(path, f"concept {c.id}: status {c.status!r} is not one of "
                         f"{', '.join(STATUSES)}", where=where)
    if c.pos not in PARTS_OF_SPEECH:
        raise InputError(path, f"concept {c.id}: pos {c.pos!r} is not one of "
                         f"{', '.join(PARTS_OF_SPEECH)}", where=where)
    if c.source_date and not _DATE.match(c.source_date):
        raise InputError(path, f"concept {c.id}: source_date {c.source_date!r} is not "
                         "YYYY, YYYY-MM or YYYY-MM-DD", where=where)
    for f in c.zh_forms():
        if f in owner and owner[f][0] != c.id:
            other, other_line = owner[f]
            raise InputError(path, f"concept {c.id}: Chinese form {f!r} is already a form of "
                             f"{other} (line {other_line}); a form must name one concept", where=where)
        owner[f] = (c.id, line)


def _read_text(path: Path) -> str:
    """The file decoded as UTF-8 (a BOM is dropped); bad bytes are an InputError at line:col."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "glossary not found") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a glossary file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(path, f"not UTF-8 (byte {exc.start}: {exc.reason})",
                         where=f"{line}:{col}") from None


MAX_FIELD = 10_000  # characters in one field: a term or definition, never a document
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _check_fields(path: Path, text: str) -> None:
    """Refuse control characters and over-long fields (the exports and TBX could not carry them)."""
    for n, line in enumerate(text.split("\n"), 1):
        m = _CONTROL.search(line)
        if m:
            raise InputError(path, f"control character U+{ord(m.group()):04X} in the glossary",
                             where=f"{n}:{m.start() + 1}")
        if len(line) > MAX_FIELD:
            col = 1
            for field_ in line.split("\t"):
                if len(field_) > MAX_FIELD:
                    raise InputError(path, f"a field of {len(field_):,} characters (the limit is {MAX_FIELD:,})",
                                     where=f"{n}:{col}")
                col += len(field_) + 1


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary TSV; errors name the file and line."""
    path = Path(path)
    text = _read_text(path)
    _check_fields(path, text)
    concepts: list[Concept] = []
    names = {f.name for f in fields(Concept)}
    owner: dict[str, tuple[str, int]] = {}
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t",
                            quoting=csv.QUOTE_NONE, quotechar=None)
    header = reader.fieldnames or []
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise InputError(path, f"missing column(s): {', '.join(missing)}", where="1")
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if None in row:
            raise InputError(path, f"{len(header) + len(row[None])} fields, the header has "
                             f"{len(header)} (a stray tab?)", where=str(line))
        if not (row.get("id") or "").strip():
            continue
        cid = row["id"].strip()
        if cid in seen:
            raise InputError(path, f"duplicate concept id {cid!r}", where=str(line))
        seen.add(cid)
        for req in ("zh_hans", "zh_hant", "en"):
            if not (row.get(req) or "").strip():
                raise InputError(path, f"concept {cid}: empty {req}", where=str(line))
        kw: dict = {k: (v or "").strip() for k, v in row.items() if k in names}
        for k in _LIST_FIELDS:
            kw[k] = _split_list(kw.get(k, ""))
        if not kw.get("pos"):
            kw.pop("pos", None)
        if not kw.get("status"):
            kw.pop("status", None)
        concept = Concept(**kw)
        _check_row(path, line, concept, owner)
        concepts.append(concept)
    return Glossary(concepts, path)


def write_glossary(path: str | Path, concepts: Iterable[Concept]) -> None:
    """Write concepts as a glossary TSV (atomically); a tab or newline inside a field is an error."""
    rows = [c.to_row() for c in concepts]
    for r in rows:
        for k, v in r.items():
            if "\t" in v or "\n" in v or "\r" in v:
                raise ValueError(f"concept {r['id']}: field {k} contains a tab or line break")
    with atomic_write(path) as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE,
                           quotechar=None, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)
