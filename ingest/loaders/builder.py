"""Assemble a document text block by block (for formats whose text we extract), recording offsets."""

from __future__ import annotations

from ingest.documents import Block, BlockKind


class TextBuilder:
    """Joins extracted blocks with blank lines so ``text[block.start:block.end]`` is the block."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []

    def add(self, kind: BlockKind, content: str, *, level: int = 0, page: int | None = None) -> None:
        content = content.strip()
        if not content:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(content)
        self._length += len(content)
        heading = content if kind is BlockKind.HEADING else ""
        self.blocks.append(Block(kind, start, self._length, level=level, page=page, heading_text=heading))

    @property
    def text(self) -> str:
        return "".join(self._parts)
