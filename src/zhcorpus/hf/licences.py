"""The dataset's licence, derived from each document's source licence and translation licence.

Every row pairs a publisher's Chinese text with an English translation, so the dataset's licence
is only one SPDX id when every source text and every translation states that same licence;
otherwise it is ``other`` and the card carries a per-document table (source, licence, translator,
translation licence). Nothing is assumed: a licence that is not stated is shown as not stated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

NOT_STATED_SOURCE = "not stated (the publisher's text)"
NOT_STATED = "not stated"
_SPDX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")


@dataclass(frozen=True)
class DocLicence:
    """The rights of one document pair, as its manifest states them."""

    doc_id: str
    source: str
    url: str
    source_licence: str | None
    translator: str | None
    translation_licence: str | None


@dataclass(frozen=True)
class DatasetLicence:
    """The card's ``license`` and the per-document rows behind it."""

    hub_id: str
    uniform: str | None  # the one licence every text states, or None
    documents: list[DocLicence]


def _meta(doc: Any, key: str) -> str | None:
    if doc is None:
        return None
    value = doc.meta.get(key)
    return str(value) if value not in (None, "") else None


def doc_licences(groups: Sequence[Any]) -> list[DocLicence]:
    """Each document group's licences (``license`` on the document and on its translation)."""
    return [DocLicence(doc_id=g.doc_id, source=_meta(g.zh, "source") or "", url=_meta(g.zh, "url") or "",
                       source_licence=_meta(g.zh, "license"), translator=_meta(g.en, "translator"),
                       translation_licence=_meta(g.en, "license"))
            for g in groups]


def derive_licence(groups: Sequence[Any]) -> DatasetLicence:
    """One licence when all texts state the same SPDX id, else ``other``."""
    docs = doc_licences(groups)
    stated = {d.source_licence for d in docs} | {d.translation_licence for d in docs}
    if len(stated) == 1 and None not in stated:
        only = next(iter(stated))
        assert only is not None
        if _SPDX.match(only):
            return DatasetLicence(hub_id=only.lower(), uniform=only, documents=docs)
    return DatasetLicence(hub_id="other", uniform=None, documents=docs)


def licence_table(lic: DatasetLicence, cell: Any) -> list[str]:
    """The per-document Markdown table."""
    out = ["| document | source | source licence | translator of the English | translation licence |",
           "|---|---|---|---|---|"]
    for d in lic.documents:
        src = d.source or "not given"
        if d.url:
            src = f"{src} ({d.url})" if d.source else d.url
        out.append(f"| {d.doc_id} | {cell(src)} | {cell(d.source_licence or NOT_STATED_SOURCE)} | "
                   f"{cell(d.translator or NOT_STATED)} | {cell(d.translation_licence or NOT_STATED)} |")
    return out
