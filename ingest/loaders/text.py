"""Plain-text files: decoded (UTF-8, else Windows-1252), paragraphs and list items as blocks."""

from __future__ import annotations

from pathlib import Path

from ingest.documents import Block, BlockKind, LoaderError, ParsedDocument
from ingest.loaders.markdown_blocks import parse_markdown_blocks


def read_text(path: Path) -> str:
    """File content as text; a binary or empty file raises ``LoaderError``."""
    raw = path.read_bytes()
    if not raw.strip():
        raise LoaderError("empty file")
    if b"\x00" in raw[:8192]:
        raise LoaderError("binary content in a text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def load_text(path: Path) -> ParsedDocument:
    """A .txt file; its first short line is the title, headings are not inferred."""
    text = read_text(path)
    blocks = [
        b if b.kind is not BlockKind.HEADING else Block(BlockKind.PARAGRAPH, b.start, b.end)
        for b in parse_markdown_blocks(text)
    ]
    first_line = text.strip().splitlines()[0].strip()
    title = first_line if len(first_line) <= 120 else path.stem
    return ParsedDocument(text=text, title=title, blocks=blocks)
