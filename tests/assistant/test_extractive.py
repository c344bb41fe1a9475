"""Selection of the units the extractive answer quotes (the fitted selector on hand-made passages)."""

from __future__ import annotations

import math

import pytest

from assistant import extractive
from assistant.extractive import select
from assistant.retrieval.hybrid import Hit
from ingest.search import RetrievedChunk


def idf(term: str) -> float:
    return 1 + math.log(1 + len(term))


def hit(text: str, heading: str, score: float = 0.1) -> Hit:
    chunk = RetrievedChunk(
        "id-" + heading, text, {"heading_path": heading, "start": 0, "source": "x.md"}, 0.0
    )
    return Hit(chunk, score, 0.9, 1.0)


def test_selection_prefers_matching_units_of_the_best_chunk() -> None:
    hits = [
        hit("- Constitution de groupes de 5 à 10 personnes.\n- Appel à volontaires.", "Fiche 13 > Lancement"),
        hit("- Nombre de Labs réalisés : 4 par an.", "Fiche 13 > Indicateurs de succès"),
    ]
    chosen = select("Combien de personnes dans un groupe de Lab ?", hits, idf)
    assert chosen[0].hit is hits[0]
    best = max((u for s in chosen for u in s.units), key=lambda u: u.score)
    assert best.text == "Constitution de groupes de 5 à 10 personnes."
    # another relevant passage contributes its best line, after the best passage's
    assert [u.text for u in chosen[1].units] == ["Nombre de Labs réalisés : 4 par an."]


def test_a_how_many_question_prefers_the_line_with_a_number() -> None:
    text = (
        "- Les groupes de Lab rassemblent des volontaires.\n- Les groupes de Lab comptent 5 à 10 volontaires."
    )
    chosen = select(
        "Combien de volontaires dans les groupes de Lab ?", [hit(text, "Fiche 13 > Lancement")], idf
    )
    scores = {u.text: u.score for u in chosen[0].units}
    assert (
        scores["Les groupes de Lab comptent 5 à 10 volontaires."]
        > scores["Les groupes de Lab rassemblent des volontaires."]
    )


PROMPT = (
    "# P19 — Rédiger un e-mail de retard\n\n## Objectif\nPrévenir un client d'un retard.\n\n"
    "## Formulation\n```text\nTu es conseiller. Rédige un e-mail de 150 mots\nmaximum. "
    "Propose une version SMS."
    "\n```\n\n"
    "## Précautions\n- Ne coller aucune donnée client.\n- Ne pas promettre de date non confirmée.\n"
)


def prompt_hit() -> Hit:
    chunk = RetrievedChunk(
        "p19", PROMPT, {"heading_path": "P19 — Rédiger un e-mail de retard", "doc_type": "prompt"}, 0.0
    )
    return Hit(chunk, 0.1, 0.9, 1.0)


def test_a_sub_heading_inside_the_chunk_points_to_its_lines() -> None:
    chosen = select("Quelles précautions pour l'e-mail de retard ?", [prompt_hit()], idf)
    ranked = sorted(chosen[0].units, key=lambda u: -u.score)
    assert {u.text for u in ranked[:2]} == {
        "Ne coller aucune donnée client.",
        "Ne pas promettre de date non confirmée.",
    }


def test_asking_for_a_prompt_quotes_its_formulation_whole() -> None:
    chosen = select("Quel prompt pour un e-mail de retard ?", [prompt_hit()], idf)
    texts = [u.text for u in chosen[0].units]
    assert "Tu es conseiller. Rédige un e-mail de 150 mots\nmaximum. Propose une version SMS." in texts


def test_no_terms_no_selection() -> None:
    assert select("?", [hit("- x", "h")], idf) == []


def test_a_list_question_gets_the_whole_list_of_its_best_item(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractive, "FIRST_SHARE", 0.9)  # by probability, only the best unit is quoted
    text = (
        "La cellule suit plusieurs sources.\n\n"
        "- Revues spécialisées de veille.\n- Publications institutionnelles.\n"
        "- Plateformes d'outils.\n\nUn bulletin mensuel est diffusé."
    )
    chosen = select("Quelles sources suit la cellule de veille ?", [hit(text, "Fiche 15 > Sources")], idf)
    quoted = [u.text for u in chosen[0].units]
    # items sharing no word with the question are quoted too, in source order; the next paragraph is not
    assert quoted[-3:] == [
        "Revues spécialisées de veille.",
        "Publications institutionnelles.",
        "Plateformes d'outils.",
    ]
    assert "Un bulletin mensuel est diffusé." not in quoted
