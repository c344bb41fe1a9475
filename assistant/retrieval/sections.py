"""Whole sections (small-to-big): the chunks cut from one heading's text, read back as one passage."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from ingest.search import RetrievedChunk

_MAX_GAP = 2  # chunks of a section are cut at blank lines: at most two newlines lie between them


def whole_sections(chunks: Sequence[RetrievedChunk]) -> dict[str, RetrievedChunk]:
    """Chunk id -> its whole section, for every section cut into several contiguous chunks. The section's
    text is the source's text from its first chunk to its last (the newlines between them restored), so
    offsets into it still point into the file; it keeps the id of the chunk it stands for."""
    by_section: dict[tuple[str, str], list[RetrievedChunk]] = defaultdict(list)
    for chunk in chunks:
        by_section[(str(chunk.metadata.get("source")), str(chunk.metadata.get("heading_path")))].append(chunk)
    whole: dict[str, RetrievedChunk] = {}
    for parts in by_section.values():
        parts.sort(key=lambda c: int(c.metadata.get("start", 0)))
        pairs = list(itertools.pairwise(parts))
        gaps = [int(b.metadata.get("start", 0)) - int(a.metadata.get("end", 0)) for a, b in pairs]
        if not pairs or not all(0 <= gap <= _MAX_GAP for gap in gaps):
            continue
        text = parts[0].text + "".join("\n" * gap + b.text for gap, (_, b) in zip(gaps, pairs, strict=True))
        span = {"start": parts[0].metadata.get("start", 0), "end": parts[-1].metadata.get("end", 0)}
        for part in parts:
            whole[part.id] = RetrievedChunk(part.id, text, part.metadata | span, part.score)
    return whole
