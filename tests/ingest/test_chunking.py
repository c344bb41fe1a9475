"""Structure-aware chunking on the real corpus and on crafted documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.chunking import chunk_document
from ingest.loaders import load_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ALL_FILES = sorted(CORPUS.rglob("*.md"))


def chunks_of(path: Path, **sizes: int):
    return chunk_document(load_document(path), path.name, min_chars=400, max_chars=1200, **sizes)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_chunks_quote_the_source_exactly_and_stay_in_bounds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for chunk in chunks_of(path):
        assert text[chunk.start : chunk.end] == chunk.text
        assert 0 < len(chunk.text) <= 1200
        assert chunk.text in chunk.embed_text


def test_fiche_chunks_carry_fiche_phase_and_never_mix_sections() -> None:
    path = CORPUS / "catalogue/fiche-13-labs-ia.md"
    chunks = chunks_of(path)
    assert {c.extra["fiche"] for c in chunks} == {13} and {c.extra["phase"] for c in chunks} == {"Phase III"}
    for chunk in chunks:
        assert chunk.heading_path[0].startswith("Fiche 13 — ")
        assert len(chunk.heading_path) >= 2  # always inside one section
        assert "\n#" not in chunk.text and not chunk.text.startswith("#")


def test_list_items_are_never_cut() -> None:
    for path in ALL_FILES:
        text = path.read_text(encoding="utf-8")
        for chunk in chunks_of(path):
            if chunk.end < len(text):  # a chunk ends at a line end: never inside a list item
                assert text[chunk.end] == "\n", (path.name, chunk.text[-40:])
            assert chunk.start == 0 or text[chunk.start - 1] == "\n"


def test_long_section_is_split_in_balanced_pieces(tmp_path: Path) -> None:
    items = "\n".join(
        f"- Élément numéro {i} de la liste, avec un peu de texte pour le remplir." for i in range(60)
    )
    path = tmp_path / "long.md"
    path.write_text(f"# Doc\n\n## Liste\n\n{items}\n", encoding="utf-8")
    chunks = chunks_of(path)
    sizes = [len(c.text) for c in chunks]
    assert len(chunks) >= 4 and max(sizes) <= 1200 and min(sizes) >= 400
    assert all(c.text.startswith("- Élément") for c in chunks)


def test_every_heading_opens_a_new_chunk(tmp_path: Path) -> None:
    body = "\n\n".join(f"### Étape {i}\n\n- Action {i} à mener." for i in range(1, 4))
    path = tmp_path / "doc.md"
    path.write_text(f"# Doc\n\n## Pistes\n\nIntro.\n\n{body}\n\n## Outils\n\n- Miro\n", encoding="utf-8")
    chunks = chunks_of(path)
    assert [c.heading_path for c in chunks] == [
        ("Doc", "Pistes"),
        ("Doc", "Pistes", "Étape 1"),
        ("Doc", "Pistes", "Étape 2"),
        ("Doc", "Pistes", "Étape 3"),
        ("Doc", "Outils"),
    ]
    assert [c.text for c in chunks] == [
        "Intro.",
        "- Action 1 à mener.",
        "- Action 2 à mener.",
        "- Action 3 à mener.",
        "- Miro",
    ]


def test_a_prompt_entry_packs_its_fields_and_keeps_the_formulation_whole() -> None:
    path = next(CORPUS.glob("prompts/p30-*.md"))
    chunks = chunks_of(path)
    assert len(chunks) == 2  # an entry is one section: its small fields are packed together
    assert chunks[0].text.startswith("## Objectif") and "## Formulation" in chunks[0].text
    assert chunks[0].text.count("```") == 2
    assert all(c.heading_path == ("P30 — Construire la matrice RACI d'un projet IA",) for c in chunks)
    assert chunks[0].extra["categorie"] == "gouvernance" and "raci" in str(chunks[0].extra["tags"])


def test_ids_are_stable_and_survive_edits_elsewhere(tmp_path: Path) -> None:
    source = CORPUS / "catalogue/fiche-01-charte-ethique.md"
    first = chunks_of(source)
    assert [c.id for c in chunks_of(source)] == [c.id for c in first]
    edited = tmp_path / source.name
    text = source.read_text(encoding="utf-8")
    edited.write_text(
        text.replace("Tous les collaborateurs de l'entreprise", "Tous les salariés"), encoding="utf-8"
    )
    second = chunks_of(edited)
    assert len({c.id for c in first} - {c.id for c in second}) == 1
    assert len({c.id for c in first} & {c.id for c in second}) == len(first) - 1
