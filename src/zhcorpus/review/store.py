"""The corrections folder: one diffable JSONL file per document, versioned, written atomically.

``corrections/<doc>.jsonl`` starts with a header line ``{"doc", "format", "version"}`` followed by
one correction per line in the order they were made. Every save names the version it started
from; when the file has moved on since (another browser tab saved first) the save is refused
with :class:`VersionConflict` and nothing is written, so no one's work is lost. Files are written
to a temporary name and renamed, so a kill mid-save leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_write_text
from ..errors import InputError, ZhcorpusError
from ..jsonl import dumps
from .corrections import Correction

FORMAT = "zhcorpus-corrections/1"


class VersionConflict(ZhcorpusError):
    """The corrections file changed since the caller read it; nothing was saved."""

    def __init__(self, doc: str, expected: int, current: int) -> None:
        self.doc, self.expected, self.current = doc, expected, current
        super().__init__(f"corrections of document {doc} changed since this page was loaded "
                         f"(version {expected}, now {current}); nothing was saved — reload and redo")


@dataclass
class DocCorrections:
    """A document's corrections as read: the file version (0 when there is no file) and lines."""

    doc: str
    version: int = 0
    items: list[Correction] = field(default_factory=list)

    @property
    def last_action(self) -> int:
        """The number of the latest action (0 when there is none)."""
        return max((c.n for c in self.items), default=0)

    def digest(self) -> str:
        """A hash of the corrections' content (part of the build's cache key); ``none`` if empty."""
        if not self.items:
            return "none"
        data = "\n".join(dumps(c.to_dict()) for c in self.items)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


def valid_doc_id(doc: str) -> bool:
    """Whether *doc* can name a corrections file: no path separator, no leading dot, printable."""
    return (0 < len(doc) <= 200 and not doc.startswith(".") and "/" not in doc and "\\" not in doc
            and doc.isprintable())


def check_doc_id(doc: str) -> str:
    """*doc* if it is a safe file-name stem (no path separators, no leading dot), else an error."""
    if not valid_doc_id(doc):
        raise InputError(None, f"not a valid document id: {doc!r}")
    return doc


def parse_corrections(text: str, path: Path | str | None = None, doc: str | None = None) -> DocCorrections:
    """Parse a corrections file's text; a bad line is an InputError naming the file and line."""
    header: dict | None = None
    items: list[Correction] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not valid JSON: {exc.msg}", where=f"{lineno}:{exc.colno}") from None
        if header is None:
            if not isinstance(obj, dict) or obj.get("format") != FORMAT:
                raise InputError(path, f"the first line must be the header {{\"format\": \"{FORMAT}\", ...}}",
                                 where=f"{lineno}:1")
            header = obj
            continue
        try:
            items.append(Correction.from_dict(obj))
        except ValueError as exc:
            raise InputError(path, f"bad correction: {exc}", where=f"{lineno}:1") from None
    if header is None:
        return DocCorrections(doc or "", 0, [])
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(path, "the header's 'version' must be a positive integer", where="1:1")
    return DocCorrections(str(header.get("doc", doc or "")), version, items)


def render_corrections(doc: str, version: int, items: Sequence[Correction]) -> str:
    """The file text: the header, then one correction per line."""
    lines = [dumps({"doc": doc, "format": FORMAT, "version": version})]
    lines += [dumps(c.to_dict()) for c in items]
    return "\n".join(lines) + "\n"


class CorrectionsStore:
    """Reads and writes ``<folder>/<doc>.jsonl``; safe for several threads of one server and for
    several processes (an advisory lock on the folder around read-check-write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._lock = threading.Lock()

    def path(self, doc: str) -> Path:
        """The corrections file of *doc*."""
        return self.folder / f"{check_doc_id(doc)}.jsonl"

    def load(self, doc: str) -> DocCorrections:
        """The document's corrections (empty, version 0, when it has no file)."""
        p = self.path(doc)
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            return DocCorrections(doc, 0, [])
        except UnicodeDecodeError as exc:
            raise InputError(p, f"not UTF-8 (byte {exc.start})") from None
        got = parse_corrections(text, p, doc)
        got.doc = doc
        return got

    def documents(self) -> list[str]:
        """Ids of the documents that have a corrections file, sorted."""
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.jsonl") if valid_doc_id(p.stem))

    def save(self, doc: str, items: Sequence[Correction], expected_version: int) -> int:
        """Replace the document's corrections if the file is still at *expected_version*;
        returns the new version, or raises :class:`VersionConflict` (nothing written)."""
        with self._lock, self._folder_lock():
            current = self.load(doc).version
            if current != expected_version:
                raise VersionConflict(doc, expected_version, current)
            version = current + 1
            atomic_write_text(self.path(doc), render_corrections(doc, version, items))
            return version

    @contextlib.contextmanager
    def _folder_lock(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: the thread lock alone
            yield
            return
        import os

        fd = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
