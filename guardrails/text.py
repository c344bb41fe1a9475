"""Make arbitrary input safe to analyse: decoded, without control characters or lone surrogates."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(raw: str | bytes) -> str:
    """UTF-8 text (invalid bytes replaced) without control characters; newlines and tabs are kept."""
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    return _CONTROL.sub("", _SURROGATE.sub("\ufffd", text))
