"""PDF files through pypdf: one text per page, blocks carry their 1-based page number."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ingest.documents import BlockKind, LoaderError, ParsedDocument
from ingest.loaders.builder import TextBuilder
from ingest.loaders.markdown_blocks import parse_markdown_blocks


def load_pdf(path: Path) -> ParsedDocument:
    """Extract each page's text; an encrypted, corrupt or text-less PDF raises ``LoaderError``."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoaderError("encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = (reader.metadata.title if reader.metadata else None) or ""
    except LoaderError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise LoaderError(f"cannot read PDF: {exc}") from exc
    builder = TextBuilder()
    for number, page_text in enumerate(pages, start=1):
        for block in parse_markdown_blocks(page_text):
            kind = BlockKind.PARAGRAPH if block.kind is BlockKind.HEADING else block.kind
            builder.add(kind, page_text[block.start : block.end], page=number)
    if not builder.blocks:
        raise LoaderError("PDF has no extractable text (scanned image?)")
    first_line = builder.text.splitlines()[0].strip()
    title = info_title.strip() or (first_line if len(first_line) <= 120 else path.stem)
    return ParsedDocument(text=builder.text, title=title, blocks=builder.blocks)
