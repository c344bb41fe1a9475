"""The governance structure of a document as data, with exact source offsets: table rows and RACI lines.

Extracted at indexing time from the blocks a loader found, whatever the document:

- every Markdown table row becomes a ``Row`` of header-named ``Cell`` spans (the fiches' summary table,
  each fiche's "Responsables de l'action");
- every RACI phase becomes ``RaciLine`` records: a heading followed by ``R :``/``A :``/``C :``/``I :``
  list items, or a table whose columns are R, A, C, I (the first column names the phase);
- the list items just before a document's first RACI phase, under the same parent heading, are its
  role list (``Sponsor (DG, COO, Direction BU)``…), from which roles and their aliases are read.

Every span satisfies ``source_text[start:end] == text``.
"""

from __future__ import annotations

import itertools
import re

from pydantic import BaseModel, Field

from ingest.documents import Block, BlockKind, ParsedDocument

_LETTER_LINE = re.compile(r"^[ \t]*[-*+][ \t]+([RACI])[ \t]*[:=][ \t]*(\S.*?)[ \t]*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")
_LIST_BODY = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+")
_RACI_HEADERS = {"r": "R", "a": "A", "c": "C", "i": "I", "responsible": "R", "accountable": "A",
                 "consulted": "C", "informed": "I"}  # fmt: skip


class Span(BaseModel):
    """``text`` is exactly ``source_text[start:end]``."""

    text: str
    start: int
    end: int


class Cell(Span):
    header: str


class Row(BaseModel):
    """A table row under ``section`` (the nearest heading): one cell per column, in order."""

    section: str
    start: int
    end: int
    cells: list[Cell]

    def cell(self, header: str) -> Cell | None:
        return next((c for c in self.cells if c.header == header), None)


class RaciLine(BaseModel):
    """One letter of one RACI phase: ``value`` lists the roles (``R : Chef de projet, Partenaire``)."""

    phase: Span  # the phase's title as written ("3) Prototype/POC d’assistant IA métier")
    letter: str  # R, A, C or I
    value: Span
    start: int  # the line from its letter (``R : Chef de projet, Partenaire``)
    end: int


class Structure(BaseModel):
    rows: list[Row] = Field(default_factory=list)
    raci: list[RaciLine] = Field(default_factory=list)
    roles: list[Span] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.rows or self.raci or self.roles)


def extract_structure(doc: ParsedDocument) -> Structure:
    """Table rows, RACI lines and the role list of ``doc``."""
    text = doc.text
    structure = Structure()
    heading: tuple[Block, Span] | None = None
    parent_items: list[Span] = []  # list items since the last heading
    pending_roles: list[Span] = []  # list items of the parent section, before its first sub-heading
    for block in doc.blocks:
        if block.kind is BlockKind.HEADING:
            if heading and (not parent_items or heading[0].level < block.level):
                pending_roles = parent_items
            heading = (block, _heading_span(text, block))
            parent_items = []
        elif block.kind is BlockKind.LIST_ITEM:
            line = _LETTER_LINE.match(text[block.start : block.end])
            if line and heading:
                value_start = block.start + line.start(2)
                value = Span(text=line.group(2), start=value_start, end=value_start + len(line.group(2)))
                start = block.start + line.start(1)
                end = block.start + line.end(2)
                structure.raci.append(
                    RaciLine(phase=heading[1], letter=line.group(1), value=value, start=start, end=end)
                )
                if not structure.roles and pending_roles:
                    structure.roles = pending_roles
            else:
                parent_items.append(_item_span(text, block))
        elif block.kind is BlockKind.TABLE:
            rows = _table_rows(text, block, heading[1].text if heading else "")
            structure.rows += rows
            structure.raci += _raci_from_rows(rows)
    return structure


def _heading_span(text: str, block: Block) -> Span:
    raw = text[block.start : block.end]
    offset = raw.find(block.heading_text)
    if offset < 0:  # emphasis inside the heading: keep its raw words
        stripped = raw.lstrip("#").strip()
        offset = raw.find(stripped)
        return Span(text=stripped, start=block.start + offset, end=block.start + offset + len(stripped))
    start = block.start + offset
    return Span(text=block.heading_text, start=start, end=start + len(block.heading_text))


def _item_span(text: str, block: Block) -> Span:
    first_line = text[block.start : block.end].split("\n", 1)[0]
    marker = _LIST_BODY.match(first_line)
    start = block.start + (marker.end() if marker else 0)
    body = first_line[marker.end() if marker else 0 :].rstrip()
    return Span(text=body, start=start, end=start + len(body))


def _table_rows(text: str, block: Block, section: str) -> list[Row]:
    lines: list[tuple[int, str]] = []
    position = block.start
    for line in text[block.start : block.end].split("\n"):
        lines.append((position, line))
        position += len(line) + 1
    if len(lines) < 3 or not _TABLE_RULE.match(lines[1][1]):
        return []
    headers = [c.text for c in _cells(*lines[0])]
    rows = []
    for start, line in lines[2:]:
        cells = _cells(start, line)
        if not cells:
            continue
        named = [
            Cell(header=h, text=c.text, start=c.start, end=c.end)
            for h, c in zip(headers, cells, strict=False)
        ]
        rows.append(Row(section=section, start=start, end=start + len(line.rstrip()), cells=named))
    return rows


def _cells(start: int, line: str) -> list[Span]:
    """The cells of a table line, each trimmed of spaces (an empty cell is kept, with no text)."""
    spans = []
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    if not bars:
        return []
    edges = ([-1] if line.lstrip()[0] != "|" else []) + bars
    if line.rstrip()[-1] != "|":
        edges.append(len(line.rstrip()))
    for left, right in itertools.pairwise(edges):
        lo, hi = left + 1, right
        while lo < hi and line[lo] in " \t":
            lo += 1
        while hi > lo and line[hi - 1] in " \t":
            hi -= 1
        spans.append(Span(text=line[lo:hi], start=start + lo, end=start + hi))
    return spans


def _raci_from_rows(rows: list[Row]) -> list[RaciLine]:
    """A table with R/A/C/I columns: each row is a phase (first column), each filled letter cell a line."""
    out = []
    for row in rows:
        letters = [(c, _RACI_HEADERS.get(c.header.strip().casefold())) for c in row.cells[1:]]
        if not row.cells or not any(letter for _, letter in letters):
            continue
        phase = row.cells[0]
        for cell, letter in letters:
            if letter and cell.text:
                value = Span(text=cell.text, start=cell.start, end=cell.end)
                phase_span = Span(text=phase.text, start=phase.start, end=phase.end)
                out.append(
                    RaciLine(phase=phase_span, letter=letter, value=value, start=row.start, end=row.end)
                )
    return out
