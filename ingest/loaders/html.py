"""HTML files through BeautifulSoup: h1–h6 headings, paragraphs, list items, tables, pre blocks."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from ingest.documents import BlockKind, LoaderError, ParsedDocument
from ingest.loaders.builder import TextBuilder
from ingest.loaders.text import read_text

_NOISE = ["script", "style", "noscript", "nav", "template", "svg"]
_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "table", "blockquote", "dd", "dt"}


def load_html(path: Path) -> ParsedDocument:
    """Visible text of the page, structured by its block tags."""
    soup = BeautifulSoup(read_text(path), "html.parser")
    for tag in soup(_NOISE):
        tag.decompose()
    builder = TextBuilder()
    for tag in soup.find_all(_BLOCK_TAGS):
        if not isinstance(tag, Tag) or any(parent.name in _BLOCK_TAGS for parent in tag.parents):
            continue
        _add_tag(builder, tag)
    if not builder.blocks:
        body = soup.get_text("\n", strip=True)
        for paragraph in body.split("\n"):
            builder.add(BlockKind.PARAGRAPH, paragraph)
    if not builder.blocks:
        raise LoaderError("HTML page has no visible text")
    title_tag = soup.find("title")
    title = title_tag.get_text(strip=True) if title_tag else ""
    first_heading = next((b.heading_text for b in builder.blocks if b.kind is BlockKind.HEADING), "")
    return ParsedDocument(text=builder.text, title=title or first_heading or path.stem, blocks=builder.blocks)


def _add_tag(builder: TextBuilder, tag: Tag) -> None:
    name = tag.name
    if name[0] == "h" and name[1:].isdigit():
        builder.add(BlockKind.HEADING, tag.get_text(" ", strip=True), level=int(name[1:]))
    elif name == "li":
        builder.add(BlockKind.LIST_ITEM, tag.get_text(" ", strip=True))
    elif name == "pre":
        builder.add(BlockKind.CODE, tag.get_text())
    elif name == "table":
        rows = [
            " | ".join(cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"]))
            for row in tag.find_all("tr")
        ]
        builder.add(BlockKind.TABLE, "\n".join(r for r in rows if r.strip(" |")))
    else:
        builder.add(BlockKind.PARAGRAPH, tag.get_text(" ", strip=True))
