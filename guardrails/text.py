"""Make arbitrary input safe to analyse: decoded, without control characters, lone surrogates or hidden
Unicode tag characters."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Unicode tag characters mirror ASCII invisibly (U+E0020-E007E): a run is shown as the text it hides,
# set apart from its neighbours; the language tag and the cancel tag (U+E0001, U+E007F) are dropped.
_TAG_RUN = re.compile("[\U000e0020-\U000e007e]+")
_TAG_OTHER = re.compile("[\U000e0000-\U000e001f\U000e007f]")


def clean_text(raw: str | bytes) -> str:
    """UTF-8 text (invalid bytes replaced) without control characters; newlines and tabs are kept; text
    hidden in tag characters is made visible."""
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    text = _TAG_RUN.sub(lambda m: " " + "".join(chr(ord(c) - 0xE0000) for c in m.group()) + " ", text)
    return _CONTROL.sub("", _SURROGATE.sub("\ufffd", _TAG_OTHER.sub("", text)))
