"""Each loader on a real file of its format; broken files raise LoaderError with a reason."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from ingest.documents import BlockKind
from ingest.loaders import LoaderError, load_document


def block_texts(doc, kind: BlockKind) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind is kind]


def test_markdown_front_matter_headings_and_whole_list_items(tmp_path: Path) -> None:
    path = tmp_path / "fiche.md"
    path.write_text(
        '---\ntitre: "Charte"\nnumero: 1\nphase: "Phase I"\n---\n# Fiche 1 — Charte\n\n'
        "## Pistes\n\n- **Cadrage :**\n  - Recensement des questions.\n  - Définition d'un positionnement.\n"
        "- Diffusion.\n\n| A | B |\n|---|---|\n| x | y |\n\n```text\nTu es [RÔLE].\n\nRédige.\n```\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.title == "Charte" and doc.metadata["numero"] == 1
    assert [b.heading_text for b in doc.blocks if b.kind is BlockKind.HEADING] == [
        "Fiche 1 — Charte",
        "Pistes",
    ]
    items = block_texts(doc, BlockKind.LIST_ITEM)
    assert items[0].startswith("- **Cadrage :**") and items[0].endswith("positionnement.")
    assert items[1] == "- Diffusion."
    assert block_texts(doc, BlockKind.TABLE) == ["| A | B |\n|---|---|\n| x | y |"]
    assert block_texts(doc, BlockKind.CODE)[0].count("\n\n") == 1  # a fence keeps its blank lines


def test_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("Note comité\n\nLe comité se réunit.\n- point un\n".encode("cp1252"))
    doc = load_document(path)
    assert doc.title == "Note comité"
    assert block_texts(doc, BlockKind.LIST_ITEM) == ["- point un"]


def test_pdf_keeps_page_numbers(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in ("Premiere page sur la charte.", "Deuxieme page sur le comite."):
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    path = tmp_path / "doc.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    pages = {doc.text[b.start : b.end]: b.page for b in doc.blocks}
    assert pages == {"Premiere page sur la charte.": 1, "Deuxieme page sur le comite.": 2}


def test_docx_headings_lists_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Charte IA", level=1)
    document.add_heading("Responsables", level=2)
    document.add_paragraph("Le comité valide la charte.")
    document.add_paragraph("Relecture juridique", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "DPO", "Conformité"
    path = tmp_path / "charte.docx"
    document.save(str(path))
    doc = load_document(path)
    headings = [(b.heading_text, b.level) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [("Charte IA", 1), ("Responsables", 2)]
    assert block_texts(doc, BlockKind.LIST_ITEM) == ["Relecture juridique"]
    assert block_texts(doc, BlockKind.TABLE) == ["DPO | Conformité"]


def test_html_blocks_without_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Café IA</title><script>alert(1)</script></head><body><nav>menu</nav>"
        "<h1>Café IA</h1><p>Un format <b>convivial</b>.</p><ul><li><p>Thème un</p></li></ul></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.title == "Café IA"
    assert "alert" not in doc.text and "menu" not in doc.text
    assert block_texts(doc, BlockKind.PARAGRAPH) == ["Un format convivial ."]
    assert block_texts(doc, BlockKind.LIST_ITEM) == ["Thème un"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.md", b"", "empty"),
        ("blank.txt", b"  \n\n", "empty"),
        ("binary.txt", b"\x00\x01\x02abc", "binary"),
        ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
        ("broken.docx", b"not a zip", "DOCX"),
        ("bad.md", b"---\ntitre: [unclosed\n---\n# T\n\ntext\n", "front matter"),
        ("headings-only.md", b"# Title\n\n## Section\n", "no text"),
        ("sheet.xlsx", b"PK", "unsupported"),
    ],
)
def test_unreadable_files_raise_loader_error(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoaderError, match=reason):
        load_document(path)
