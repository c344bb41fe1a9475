"""What a loader hands to the chunker: the source text and its structural blocks with offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ingest.errors import GouvernailError


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    CODE = "code"


@dataclass(frozen=True)
class Block:
    """A structural unit of ``ParsedDocument.text``: ``text[start:end]`` is its exact source."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0  # heading level (1 = top); 0 for non-headings
    page: int | None = None  # 1-based page for paginated formats
    heading_text: str = ""  # clean heading title, without markup


@dataclass
class ParsedDocument:
    """A loaded file: its text (what citations quote), title, front-matter metadata and blocks."""

    text: str
    title: str
    blocks: list[Block]
    metadata: dict[str, Any] = field(default_factory=dict)


class LoaderError(GouvernailError):
    """A file could not be read as a document (corrupt, empty, unsupported); the message says why."""
