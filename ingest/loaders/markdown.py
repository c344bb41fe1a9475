"""Markdown with optional YAML front matter, split into headings, paragraphs, list items, tables, code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ingest.documents import Block, BlockKind, LoaderError, ParsedDocument
from ingest.loaders.markdown_blocks import parse_markdown_blocks
from ingest.loaders.text import read_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def load_markdown(path: Path) -> ParsedDocument:
    """Parse a Markdown file; front matter becomes metadata, the body becomes blocks."""
    text = read_text(path)
    metadata, body_start = _front_matter(text, path)
    blocks = parse_markdown_blocks(text, body_start)
    if not any(b.kind is not BlockKind.HEADING for b in blocks):
        raise LoaderError("no text content")
    title = str(metadata.get("titre") or metadata.get("title") or _first_h1(blocks) or path.stem)
    return ParsedDocument(text=text, title=title, blocks=blocks, metadata=metadata)


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise LoaderError(f"invalid YAML front matter: {exc}".splitlines()[0]) from exc
    if not isinstance(data, dict):
        raise LoaderError("front matter is not a mapping")
    return data, match.end()


def _first_h1(blocks: list[Block]) -> str | None:
    return next((b.heading_text for b in blocks if b.kind is BlockKind.HEADING and b.level == 1), None)
