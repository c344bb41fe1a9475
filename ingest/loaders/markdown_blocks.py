"""Line-based Markdown block grammar: headings, paragraphs, whole list items, tables, fenced code."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.documents import Block, BlockKind

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,3}[.)])[ \t]+\S")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def clean_heading(raw: str) -> str:
    """Heading title without emphasis markers."""
    return raw.replace("**", "").replace("__", "").strip()


def parse_markdown_blocks(text: str, start: int = 0) -> list[Block]:
    """Blocks of ``text[start:]``; a list item keeps its continuation lines and nested items."""
    lines = _lines_with_offsets(text, start)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line, pos = lines[i]
        if not line.strip():
            i += 1
            continue
        if heading := _HEADING.match(line):
            blocks.append(
                Block(
                    BlockKind.HEADING,
                    pos,
                    pos + len(line),
                    level=len(heading.group(1)),
                    heading_text=clean_heading(heading.group(2)),
                )
            )
            i += 1
        elif _FENCE.match(line):
            j = _fence_end(lines, i)
            blocks.append(_span(BlockKind.CODE, lines, i, j))
            i = j + 1
        elif line.lstrip().startswith("|"):
            j = _run_end(lines, i, lambda s: s.lstrip().startswith("|"))
            blocks.append(_span(BlockKind.TABLE, lines, i, j))
            i = j + 1
        elif _LIST_ITEM.match(line):
            j = _list_item_end(lines, i, _indent(line))
            blocks.append(_span(BlockKind.LIST_ITEM, lines, i, j))
            i = j + 1
        else:
            j = _run_end(lines, i, _is_paragraph_line)
            blocks.append(_span(BlockKind.PARAGRAPH, lines, i, j))
            i = j + 1
    return blocks


def _lines_with_offsets(text: str, start: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = start
    for raw in text[start:].splitlines(keepends=True):
        out.append((raw.rstrip("\r\n"), pos))
        pos += len(raw)
    return out


def _span(kind: BlockKind, lines: list[tuple[str, int]], first: int, last: int) -> Block:
    end_line, end_pos = lines[last]
    return Block(kind, lines[first][1], end_pos + len(end_line.rstrip()))


def _is_paragraph_line(line: str) -> bool:
    return bool(
        line.strip()
        and not _HEADING.match(line)
        and not _LIST_ITEM.match(line)
        and not _FENCE.match(line)
        and not line.lstrip().startswith("|")
    )


def _run_end(lines: list[tuple[str, int]], i: int, keep: Callable[[str], bool]) -> int:
    j = i
    while j + 1 < len(lines) and keep(lines[j + 1][0]):
        j += 1
    return j


def _fence_end(lines: list[tuple[str, int]], i: int) -> int:
    fence = _FENCE.match(lines[i][0])
    assert fence is not None
    for j in range(i + 1, len(lines)):
        if lines[j][0].lstrip().startswith(fence.group(1)):
            return j
    return len(lines) - 1


def _list_item_end(lines: list[tuple[str, int]], i: int, indent: int) -> int:
    """Last line of the item at ``i``: continuation lines and deeper-indented items belong to it."""
    j = i
    while j + 1 < len(lines):
        nxt = lines[j + 1][0]
        if not nxt.strip():
            # a blank line ends the item unless the next text is indented deeper (loose nested list)
            k = j + 1
            while k < len(lines) and not lines[k][0].strip():
                k += 1
            if k < len(lines) and _indent(lines[k][0]) > indent and not _HEADING.match(lines[k][0]):
                j = k
                continue
            return j
        if _HEADING.match(nxt) or _FENCE.match(nxt) or nxt.lstrip().startswith("|"):
            return j
        if _LIST_ITEM.match(nxt) and _indent(nxt) <= indent:
            return j
        j += 1
    return j


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))
