"""Shape checks for the unit and document records read back from JSONL.

A record of the wrong shape (a list, a missing key, ``"zh_ids": "abc"``) must fail where it is read,
with the field named, not deep inside an exporter with a traceback. The checks raise TypeError,
which the readers turn into an InputError naming the file and the record.
"""

from __future__ import annotations

from typing import Any

_STR, _INT, _NUM, _STRS, _DICT = "a string", "an integer", "a number", "a list of strings", "an object"

UNIT_FIELDS: dict[str, tuple[str, bool]] = {  # field -> (kind, required)
    "id": (_STR, True), "doc_id": (_STR, False), "zh": (_STR, True), "en": (_STR, True),
    "zh_ids": (_STRS, True), "en_ids": (_STRS, True), "score": (_NUM, False), "paragraph": (_INT, False),
    "flags": (_STRS, False), "terms": (_STRS, False), "variants": (_DICT, False), "bead": (_STR, False),
}
DOCUMENT_FIELDS: dict[str, tuple[str, bool]] = {
    "id": (_STR, True), "lang": (_STR, True), "text": (_STR, True), "paragraphs": ("a list", True),
    "script": (_STR, False), "meta": (_DICT, False),
}
PARAGRAPH_FIELDS: dict[str, tuple[str, bool]] = {
    "id": (_STR, True), "index": (_INT, True), "text": (_STR, True), "start": (_INT, True), "end": (_INT, True),
    "segments": ("a list", True), "kind": (_STR, False),
}
SEGMENT_FIELDS: dict[str, tuple[str, bool]] = {
    "id": (_STR, True), "text": (_STR, True), "start": (_INT, True), "end": (_INT, True),
}


def _is(value: Any, kind: str) -> bool:
    if kind == _STR:
        return isinstance(value, str)
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == _NUM:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == _STRS:
        return isinstance(value, list) and all(isinstance(x, str) for x in value)
    if kind == _DICT:
        return isinstance(value, dict)
    return isinstance(value, list)


def check_fields(record: Any, fields: dict[str, tuple[str, bool]], what: str) -> None:
    """Raise TypeError naming the first field of *record* that is missing or of the wrong kind."""
    if not isinstance(record, dict):
        raise TypeError(f"a {what} record must be a JSON object, not {type(record).__name__}")
    for name, (kind, required) in fields.items():
        if name not in record:
            if required:
                raise TypeError(f"{what} field {name!r} is missing")
            continue
        value = record[name]
        if value is None and not required:
            continue
        if not _is(value, kind):
            raise TypeError(f"{what} field {name!r} must be {kind}, not {type(value).__name__} {str(value)[:40]!r}")


def check_unit(record: Any) -> None:
    """A unit record (corpus/units.jsonl) of the right shape, or TypeError."""
    check_fields(record, UNIT_FIELDS, "unit")


def check_document(record: Any) -> None:
    """A document record (corpus/documents.jsonl) of the right shape, down to its segments, or TypeError."""
    check_fields(record, DOCUMENT_FIELDS, "document")
    for p in record["paragraphs"]:
        check_fields(p, PARAGRAPH_FIELDS, "paragraph")
        for s in p["segments"]:
            check_fields(s, SEGMENT_FIELDS, "segment")
