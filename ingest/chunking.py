"""Structure-aware chunking: a chunk stays inside one section (and one page), list items stay whole."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.documents import Block, BlockKind, ParsedDocument

MetadataValue = str | int | float | bool
CHUNKER_VERSION = 2  # bump when chunk boundaries change: every file is re-chunked (vectors reused)
_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+")


@dataclass(frozen=True)
class Chunk:
    """A passage of one document: ``text`` is exactly ``document.text[start:end]``."""

    id: str
    text: str
    start: int
    end: int
    source: str
    index: int
    content_hash: str
    embed_text: str
    heading_path: tuple[str, ...]
    doc_title: str
    doc_type: str
    page: int | None = None
    extra: dict[str, MetadataValue] = field(default_factory=dict)

    def metadata(self) -> dict[str, MetadataValue]:
        """Flat metadata for the vector store (no ``None`` values)."""
        meta: dict[str, MetadataValue] = {
            "source": self.source,
            "doc_title": self.doc_title,
            "doc_type": self.doc_type,
            "heading_path": " > ".join(self.heading_path),
            "section": self.heading_path[-1] if self.heading_path else "",
            "start": self.start,
            "end": self.end,
            "chunk_index": self.index,
            "content_hash": self.content_hash,
        }
        if self.page is not None:
            meta["page"] = self.page
        meta.update(self.extra)
        return meta


def chunk_document(doc: ParsedDocument, source: str, *, min_chars: int, max_chars: int) -> list[Chunk]:
    """Split ``doc`` into chunks of at most ``max_chars`` that never cross a section.

    Every heading opens a section, except inside a prompt-library entry: an entry is a record whose
    small fields (Objectif, Formulation…) are packed together. A long section is split into balanced
    pieces of about ``min_chars``–``max_chars`` at block, then sentence, boundaries.
    """
    extra = _document_metadata(doc)
    doc_type = str(doc.metadata.get("type") or "document")
    section_level = 1 if doc_type == "prompt" else 6  # 6: every Markdown heading level
    chunks: list[Chunk] = []
    seen: Counter[tuple[tuple[str, ...], str]] = Counter()
    for section in _sections(doc.blocks, section_level):
        for piece in _pack(doc.text, section, min_chars, max_chars):
            path = _common_path([p for _, p in piece])
            start, end = piece[0][0].start, piece[-1][0].end
            text = doc.text[start:end]
            embed_text = f"{_embed_header(doc.title, path, extra)}\n{text}"
            content_hash = hashlib.sha256(embed_text.encode()).hexdigest()[:32]
            occurrence = seen[(path, content_hash)]
            seen[(path, content_hash)] += 1
            key = "\x1f".join([source, " > ".join(path), content_hash, str(occurrence)])
            chunks.append(
                Chunk(
                    id=hashlib.sha256(key.encode()).hexdigest()[:24],
                    text=text,
                    start=start,
                    end=end,
                    source=source,
                    index=len(chunks),
                    content_hash=content_hash,
                    embed_text=embed_text,
                    heading_path=path,
                    doc_title=doc.title,
                    doc_type=doc_type,
                    page=piece[0][0].page,
                    extra=extra,
                )
            )
    return chunks


def _document_metadata(doc: ParsedDocument) -> dict[str, MetadataValue]:
    """Front-matter fields worth filtering on: fiche number and phase, prompt category and tags."""
    meta = doc.metadata
    out: dict[str, MetadataValue] = {}
    if isinstance(meta.get("numero"), int):
        out["fiche"] = meta["numero"]
    for key in ("phase", "categorie", "metier"):
        if isinstance(meta.get(key), str):
            out[key] = meta[key]
    if isinstance(meta.get("id"), str):
        out["prompt_id"] = meta["id"]
    if isinstance(meta.get("tags"), list):
        out["tags"] = ", ".join(str(t) for t in meta["tags"])
    return out


def _embed_header(title: str, path: tuple[str, ...], extra: dict[str, MetadataValue]) -> str:
    header = " > ".join(path) or title
    if title not in header:
        header = f"{title} > {header}"
    if "categorie" in extra:
        header += f" (bibliothèque de prompts, {extra['categorie']}; {extra.get('tags', '')})"
    return header


PathedBlock = tuple[Block, tuple[str, ...]]


def _sections(blocks: list[Block], section_level: int) -> Iterator[list[PathedBlock]]:
    """Blocks with their heading paths, grouped by section; sub-headings stay inside as blocks."""
    stack: list[tuple[int, str]] = []
    current: list[PathedBlock] = []
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.heading_text))
            if block.level <= section_level:
                if current:
                    yield current
                current = []
                continue
        elif current and block.page != current[-1][0].page:
            yield current
            current = []
        current.append((block, tuple(t for _, t in stack)))
    if current:
        yield current


def _common_path(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    common = paths[0]
    for path in paths[1:]:
        n = 0
        while n < min(len(common), len(path)) and common[n] == path[n]:
            n += 1
        common = common[:n]
    return common


def _fit(text: str, blocks: list[Block], max_chars: int) -> list[Block]:
    """Blocks, with any block longer than ``max_chars`` cut at sentence (or line) boundaries."""
    out: list[Block] = []
    for block in blocks:
        if block.end - block.start <= max_chars:
            out.append(block)
            continue
        for start, end in _split_span(text, block.start, block.end, max_chars):
            out.append(Block(block.kind, start, end, page=block.page))
    return out


def _split_span(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` at line, then sentence, then word boundaries into pieces ≤ max_chars."""
    boundaries = sorted(
        {start + m.end() for m in re.finditer(r"\n", text[start:end])}
        | {start + m.end() for m in _SENTENCE_END.finditer(text[start:end])}
    )
    piece_start = start
    last_ok = None
    for cut in [*boundaries, end]:
        if cut - piece_start <= max_chars:
            last_ok = cut
            continue
        if last_ok is None or last_ok <= piece_start:
            last_ok = _word_cut(text, piece_start, max_chars)
        yield from _trimmed(text, piece_start, last_ok)
        piece_start = last_ok
        while cut - piece_start > max_chars:
            word_end = _word_cut(text, piece_start, max_chars)
            yield from _trimmed(text, piece_start, word_end)
            piece_start = word_end
        last_ok = cut
    yield from _trimmed(text, piece_start, end)


def _word_cut(text: str, start: int, max_chars: int) -> int:
    space = text.rfind(" ", start + max_chars // 2, start + max_chars)
    return space + 1 if space > start else start + max_chars


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _pack(
    text: str, section: list[PathedBlock], min_chars: int, max_chars: int
) -> Iterator[list[PathedBlock]]:
    """Balanced pieces of at most ``max_chars``; a piece prefers to break at a sub-heading."""
    units = _units(text, section, max_chars)
    total = units[-1][-1][0].end - units[0][0][0].start
    target = max(min_chars, total / max(1, math.ceil(total / max_chars)))
    current: list[PathedBlock] = []
    for unit in units:
        if current:
            span_with = unit[-1][0].end - current[0][0].start
            span_now = current[-1][0].end - current[0][0].start
            if span_with > max_chars or span_now >= target:
                yield current
                current = []
        current.extend(unit)
    if current:
        yield current


def _units(text: str, section: list[PathedBlock], max_chars: int) -> list[list[PathedBlock]]:
    """Sub-sections (a sub-heading and its blocks); one too long for a chunk is split into blocks."""
    units: list[list[PathedBlock]] = []
    for block, path in section:
        if block.kind is BlockKind.HEADING or not units:
            units.append([])
        units[-1].append((block, path))
    out: list[list[PathedBlock]] = []
    for unit in units:
        if unit[-1][0].end - unit[0][0].start <= max_chars:
            out.append(unit)
            continue
        for block, path in unit:
            out.extend([(piece, path)] for piece in _fit(text, [block], max_chars))
    return out
