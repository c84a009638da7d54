"""Document-level splits: every unit of a document goes to the same split, decided by a hash.

A document's split depends only on its id (SHA-256 of ``SALT + id`` read as a number in [0, 1)),
so it never moves when documents are added; ranges: train [0, 0.8), validation [0.8, 0.9),
test [0.9, 1). A small corpus can leave a split empty: then (test, validation, train in turn)
the largest split gives it the document whose value is closest to the empty split's range, as
long as the giver keeps one. With fewer than three documents some split stays empty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

SALT = "zhcorpus-split-v1:"
RANGES = (("train", 0.0, 0.8), ("validation", 0.8, 0.9), ("test", 0.9, 1.0))
RULE = (
    "by document: u = SHA-256(\"zhcorpus-split-v1:\" + doc_id) read as a number in [0, 1); "
    "train if u < 0.8, validation if u < 0.9, else test. If a split would be empty (checked "
    "in the order test, validation, train), the largest split (train on a tie) gives it its "
    "document with u closest to the empty split's range, as long as it keeps one. Documents "
    "whose Chinese text is identical to an earlier document's are left out of this and take "
    "that document's split."
)


def split_value(doc_id: str) -> float:
    """The document's position in [0, 1): the first 8 bytes of SHA-256(SALT + id) / 2**64."""
    digest = hashlib.sha256((SALT + doc_id).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_splits(doc_ids: Iterable[str], same_text: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map each document id to ``train``, ``validation`` or ``test`` (deterministic).

    *same_text* maps a document id to the id of an earlier document with the identical text:
    such duplicates are deduplicated before the split (only the first takes part) and then
    share its split, so no text is in both train and test.
    """
    same_text = dict(same_text or {})
    ids = sorted(set(doc_ids))
    out = _assign([d for d in ids if d not in same_text])
    for d in ids:
        if d in same_text:
            out[d] = out.get(same_text[d], "train")
    return out


def text_key(text: str) -> str:
    """A document text's identity: SHA-256 of the text with whitespace runs made one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def duplicate_texts(texts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For (doc id, text) pairs: each id whose text an earlier id (in id order) has, -> that id."""
    return duplicate_keys((doc_id, text_key(text)) for doc_id, text in texts)


def duplicate_keys(keys: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For (doc id, :func:`text_key`) pairs: each id whose key an earlier id has, -> that id."""
    first: dict[str, str] = {}
    out: dict[str, str] = {}
    for doc_id, key in sorted(keys):
        if key in first and first[key] != doc_id:
            out[doc_id] = first[key]
        else:
            first.setdefault(key, doc_id)
    return out


def _assign(doc_ids: list[str]) -> dict[str, str]:
    values = {d: split_value(d) for d in doc_ids}
    out = {d: next(name for name, lo, hi in RANGES if lo <= u < hi) for d, u in values.items()}
    order = [name for name, _, _ in RANGES]
    for target, lo, hi in (RANGES[2], RANGES[1], RANGES[0]):
        if target in out.values():
            continue
        sizes = {name: sum(1 for s in out.values() if s == name) for name in order}
        giver = max(order, key=lambda name: (sizes[name], -order.index(name)))
        if sizes[giver] < 2:
            break
        pool = [d for d, s in out.items() if s == giver]
        out[min(pool, key=lambda d: (max(lo - values[d], values[d] - hi, 0.0), d))] = target
    return out
