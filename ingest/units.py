"""Answer units of a chunk (sentences, list items, table rows) and the keys their vectors are stored under.

A unit is ``chunk.text[start:end]``. It is embedded with the chunk's heading path (a sentence alone loses
who "it" is), and its vector is stored under a hash of that text: an unchanged unit embeds nothing.
"""

from __future__ import annotations

import hashlib
import re

_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")  # may span lines
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
_TABLE_HEADERS = {"Responsable", "N°"}
LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,3}[.)]|o)\s+")


def split_units(text: str, whole_code: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the answerable units of a chunk: list items and table rows whole, prose by
    sentence, code blocks (a prompt's wrapped formulation) by sentence or, ``whole_code``, whole."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    code_start: int | None = None
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        offset = line_start + len(line) - len(line.lstrip())  # first visible character
        line_end = line_start + len(line)
        line_start = line_end
        if stripped.startswith("```"):
            if code_start is None:
                code_start = line_end
            else:
                spans += (
                    [_trim(text, code_start, offset)] if whole_code else _sentences(text, code_start, offset)
                )
                code_start = None
        elif (
            code_start is not None or not stripped or stripped.startswith("#") or _TABLE_RULE.match(stripped)
        ):
            continue
        elif stripped.startswith("|"):
            if stripped.strip("|").split("|")[0].strip() not in _TABLE_HEADERS:
                spans.append(_trim(text, offset + 1, line_end))
        elif marker := LIST_MARKER.match(stripped):
            spans.append(_trim(text, offset + marker.end(), line_end))
        else:
            spans += _sentences(text, offset, line_end)
    if code_start is not None:  # unclosed fence: the rest is code
        spans += _sentences(text, code_start, len(text))
    return [(s, e) for s, e in spans if e > s]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [_trim(text, start + m.start(), start + m.end()) for m in _SENTENCE.finditer(text[start:end])]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t|*":
        start += 1
    while end > start and text[end - 1] in " \t\r\n|*":
        end -= 1
    return start, end


def clean_for_answer(unit_text: str) -> str:
    """Unit text as it reads in an answer: Markdown emphasis and table pipes removed, the source's line
    breaks joined, wording kept."""
    return " ".join(re.sub(r"\s*\|\s*", " : ", unit_text.replace("**", "")).split())


def unit_embed_text(heading_path: str, unit_text: str) -> str:
    """What a unit's vector is computed from: its chunk's heading path, then the unit as answered."""
    return f"{heading_path}\n{clean_for_answer(unit_text)}"


def unit_key(embed_text: str) -> str:
    """The id a unit's vector is stored under: a hash of what was embedded."""
    return hashlib.sha256(embed_text.encode()).hexdigest()[:24]


def chunk_units(text: str, heading_path: str) -> dict[str, str]:
    """Key -> embedding text of every unit of a chunk, whole code blocks included (both splits)."""
    units: dict[str, str] = {}
    for whole_code in (False, True):
        for start, end in split_units(text, whole_code):
            embed_text = unit_embed_text(heading_path, text[start:end])
            units[unit_key(embed_text)] = embed_text
    return units
