"""The corpus folder: 16 fiches matching the summary table, the RACI guide, the prompt library."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.loaders import load_document

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
SOURCES = REPO.parent / "shared" / "corpus-sources"
PROMPT_CATEGORIES = {"communication", "rh", "logistique", "marketing", "relation-client"} | {
    "e-commerce",
    "management",
    "gouvernance",
}


def summary_table() -> dict[int, list[str]]:
    intro = (CORPUS / "catalogue/00-introduction.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (.*) \|$", intro, re.MULTILINE)
    return {int(n): cells.split(" | ") for n, cells in rows}


def test_every_fiche_is_present_once_with_its_phase() -> None:
    table = summary_table()
    assert sorted(table) == list(range(1, 17))
    fiches = [load_document(p).metadata for p in sorted(CORPUS.glob("catalogue/fiche-*.md"))]
    assert sorted(m["numero"] for m in fiches) == list(range(1, 17))
    for meta in fiches:
        name, phase, companies, objective, audience = table[meta["numero"]]
        assert (meta["titre"], meta["phase"]) == (name, phase)
        assert (meta["entreprises_concernees"], meta["objectif_principal"], meta["public_cible"]) == (
            companies,
            objective,
            audience,
        )
    phases = {m["numero"]: m["phase"] for m in fiches}
    assert phases[1] == "Phase I" and phases[13] == "Phase III" and phases[16] == "Phase IV"


def test_fiches_11_and_12_follow_the_summary_numbering() -> None:
    assert "canal de discussion" in load_document(next(CORPUS.glob("catalogue/fiche-11-*.md"))).title
    assert "café IA" in load_document(next(CORPUS.glob("catalogue/fiche-12-*.md"))).title


def test_raci_guide_has_its_seven_phases_as_headings() -> None:
    text = (CORPUS / "raci/matrice-raci-projet-ia.md").read_text(encoding="utf-8")
    assert re.findall(r"^### (\d)\) ", text, re.MULTILINE) == [str(i) for i in range(1, 8)]
    for heading in ("Cas d’usage concrets", "Gouvernance, risques et sécurité", "Indicateurs de succès"):
        assert re.search(rf"^## {heading}", text, re.MULTILINE)


def test_prompt_library_entries_follow_the_fiche_10_format() -> None:
    entries = sorted(CORPUS.glob("prompts/*.md"))
    assert len(entries) >= 30
    categories = set()
    for path in entries:
        doc = load_document(path)
        meta = doc.metadata
        assert meta["type"] == "prompt" and meta["categorie"] in PROMPT_CATEGORIES and meta["tags"]
        categories.add(meta["categorie"])
        sections = re.findall(r"^## (.+)$", doc.text, re.MULTILINE)
        assert sections == ["Objectif", "Formulation", "Cas d'usage", "Précautions"], path.name
        assert not re.search(r"[\w.-]+@[\w-]+\.\w+|\b0[1-9](?:[ .]?\d{2}){4}\b|\bFR\d{2}[ \d]{10,}", doc.text)
    assert categories == PROMPT_CATEGORIES


@pytest.mark.skipif(
    not SOURCES.is_dir(), reason="source documents (../shared/corpus-sources) not beside the clone"
)
def test_source_wording_is_kept_verbatim() -> None:
    corpus_text = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.rglob("*.md"))
    missing = []
    for source in sorted(SOURCES.glob("*.txt")):
        for line in source.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"<a href=\"#\">(.*?)</a>", r"\1", line)
            line = re.sub(r"\[(.*?)\]\(#\)", r"\1", line)
            line = re.sub(r"^\s*(?:#+|-) ", "", line).replace("**", "")
            if line.startswith("Cliquez sur le numéro"):  # navigation hint of the PDF, dropped
                continue
            missing += [piece for piece in line.split("\t") if piece.strip() and piece not in corpus_text]
    assert missing == []
