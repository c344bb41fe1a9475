"""The section around a passage: from its nearest heading to the next heading of the same or higher level."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.documents import BlockKind
from ingest.loaders import LoaderError, load_document


@dataclass(frozen=True)
class Section:
    """``text`` is ``file_text[start:end]``; the passage is ``text[passage_start:passage_end]``."""

    heading: str
    text: str
    start: int
    end: int
    passage_start: int
    passage_end: int


def section_around(corpus_dir: Path, source: str, passage: str, start: int, end: int) -> Section:
    """The section of ``corpus_dir/source`` holding the passage at ``[start, end)``.

    If the file changed since indexing (or cannot be read), the passage is located by its text; when
    it cannot be found, the section is the passage alone.
    """
    alone = Section("", passage, start, end, 0, len(passage))
    try:
        doc = load_document(corpus_dir / source)
    except (LoaderError, OSError):
        return alone
    if doc.text[start:end] != passage:
        found = doc.text.find(passage)
        if found < 0:
            return alone
        start, end = found, found + len(passage)
    headings = [b for b in doc.blocks if b.kind is BlockKind.HEADING]
    opening = next((h for h in reversed(headings) if h.start <= start), None)
    if opening is None:
        first = doc.blocks[0].start if doc.blocks else 0
        following = next((h.start for h in headings if h.start >= end), len(doc.text))
        return _section("", doc.text, first, following, start, end)
    following = next(
        (h.start for h in headings if h.start > opening.start and h.level <= opening.level), len(doc.text)
    )
    return _section(opening.heading_text, doc.text, opening.start, max(following, end), start, end)


def _section(heading: str, text: str, start: int, end: int, passage_start: int, passage_end: int) -> Section:
    end = max(start + len(text[start:end].rstrip()), passage_end)  # no trailing blank lines
    return Section(heading, text[start:end], start, end, passage_start - start, passage_end - start)
