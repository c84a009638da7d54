"""Text rules shared by the TMX writer, reader and validator: legal characters, dates, lengths."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime

# XML 1.0 forbids C0 controls other than TAB/LF/CR, lone surrogates and U+FFFE/U+FFFF, raw or as
# character references; OmegaT, lxml and translate-toolkit then reject the whole file.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LONG_SEGMENT = 2000  # characters; longer segments are flagged (CAT tools match them poorly)
TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")  # the only date form OmegaT reads (UTC)


def strip_illegal(text: str) -> tuple[str, int]:
    """*text* without the characters XML 1.0 cannot carry, and how many were removed."""
    return ILLEGAL_XML.subn("", text)


def tmx_date(value: str | int | None = None) -> str | None:
    """A TMX date ``YYYYMMDDThhmmssZ`` (UTC) from *value*, else from SOURCE_DATE_EPOCH, else None.

    *value* may be a TMX date, an ISO date or date-time (``2026-11-24``, ``2026-11-24T08:00:00+08:00``)
    or seconds since the epoch. No wall clock is ever read, so outputs are reproducible.
    """
    if value is None:
        env = os.environ.get("SOURCE_DATE_EPOCH")
        if not env:
            return None
        value = env
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit() and len(value.strip()) != 8):
        try:
            return datetime.fromtimestamp(int(value), UTC).strftime("%Y%m%dT%H%M%SZ")
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"not a valid epoch time: {value!r}") from None
    text = str(value).strip()
    if TMX_DATE.match(text):
        datetime.strptime(text, "%Y%m%dT%H%M%SZ")  # reject 20261399T...
        return text
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD, an ISO date-time, "
                         "YYYYMMDDThhmmssZ or seconds since the epoch)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(text: str) -> str:
    """*text* escaped for XML character data (CR kept as ``&#13;`` so it survives parsing)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def escape_attr(value: str) -> str:
    """*value* escaped for a double-quoted XML attribute (whitespace kept as character references)."""
    return (escape_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))
