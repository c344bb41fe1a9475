"""Word .docx files through python-docx: heading styles become headings, tables stay whole."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.documents import BlockKind, LoaderError, ParsedDocument
from ingest.loaders.builder import TextBuilder

_HEADING_STYLE = re.compile(r"^(?:Heading|Titre)\s*(\d)$", re.IGNORECASE)


def load_docx(path: Path) -> ParsedDocument:
    """Paragraphs and tables in body order; ``Heading N``/``Titre N``/``Title`` styles are headings."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoaderError(f"cannot read DOCX: {exc}") from exc
    builder = TextBuilder()
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [" | ".join(cell.text.strip() for cell in row.cells) for row in item.rows]
            builder.add(BlockKind.TABLE, "\n".join(rows))
        elif isinstance(item, Paragraph):
            _add_paragraph(builder, item)
    if not builder.blocks:
        raise LoaderError("DOCX has no text")
    title = document.core_properties.title or next(
        (builder.text[b.start : b.end] for b in builder.blocks if b.kind is BlockKind.HEADING), path.stem
    )
    return ParsedDocument(text=builder.text, title=title, blocks=builder.blocks)


def _add_paragraph(builder: TextBuilder, paragraph: Paragraph) -> None:
    style = paragraph.style.name if paragraph.style is not None else ""
    style = style or ""
    if style == "Title":
        builder.add(BlockKind.HEADING, paragraph.text, level=1)
    elif heading := _HEADING_STYLE.match(style):
        builder.add(BlockKind.HEADING, paragraph.text, level=int(heading.group(1)))
    elif style.startswith("List") or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None):
        builder.add(BlockKind.LIST_ITEM, paragraph.text)
    else:
        builder.add(BlockKind.PARAGRAPH, paragraph.text)
