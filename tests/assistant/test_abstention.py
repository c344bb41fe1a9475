"""Abstention signals: the kind of value a question asks for, the things it names (real fixture index)."""

from __future__ import annotations

import pytest

from assistant.abstention import missing_answer_type, names_unknown_thing
from assistant.retrieval.hybrid import HybridRetriever
from assistant.service import Assistant
from guardrails.screen import default_guardrails
from ingest.search import DenseSearcher


@pytest.fixture
def retriever(indexed, embedder) -> HybridRetriever:
    return HybridRetriever(DenseSearcher(indexed, embedder))


def test_a_question_asking_for_a_value_the_passages_lack_abstains() -> None:
    passages = ["Constitution de groupes de 5 à 10 personnes maximum.", "Durée : 6 semaines."]
    assert missing_answer_type("Quel budget annuel prévoir pour un Lab IA ?", passages)
    assert missing_answer_type("Quel est le numéro de téléphone de Flowpi ?", passages)
    assert missing_answer_type("À quelle date l'AI Act s'applique-t-il ?", passages)
    assert not missing_answer_type("Combien de personnes dans un Lab IA ?", passages)
    assert not missing_answer_type("Quel budget ?", ["Un budget de 12 000 € par an."])
    assert missing_answer_type("C'est quand la prochaine séance du comité IA ?", passages)
    assert missing_answer_type("Who is our DPO? I need their name and email.", passages)
    assert missing_answer_type("Combien on paie par mois pour nos licences ?", passages)
    assert missing_answer_type("Combien de temps sont conservées les conversations ?", passages[:1])
    assert not missing_answer_type("Combien de temps dure un Lab IA ?", passages)
    assert not missing_answer_type("Comment s'appelle la rubrique IA de la newsletter ?", passages)


@pytest.mark.parametrize(
    ("question", "lacking", "holding"),
    [
        ("Quel taux de clic vise-t-on ?", "Taux de clic suivi.", "Objectif : 3 % de clics."),
        ("What percentage of staff use AI?", "Usage is growing.", "About 40 % of staff."),
        ("Quel article du RGPD s'applique ?", "Le RGPD s'applique.", "Voir l'article 22 du RGPD."),
        ("Combien de salariés ont suivi l'atelier ?", "Atelier de 2 heures.", "120 salariés formés."),
        ("How many people sit in the watch unit?", "A mixed team.", "Groupe de 4 à 6 personnes."),
        ("Combien de participants au café IA ?", "Un format convivial.",
         "Nombre de participants libre (entre 10 et 30 par session)."),
        ("Sous combien de jours faut-il notifier la CNIL ?", "Notifier la CNIL.", "Sous 3 jours."),
        ("When do the AI Act obligations start to apply?", "The AI Act applies.", "From 2 August 2026."),
        ("How long should the bulletin be?", "A regular bulletin.", "1 à 3 pages maximum."),
        ("What's the name of our DPO?", "The DPO validates.", "DPO : dpo@exemple.fr"),
        ("C'est qui notre DPO et comment je peux le joindre ?", "Le DPO valide.", "Tél. 01 23 45 67 89"),
    ],
)  # fmt: skip
def test_each_kind_of_value_asked_needs_that_value(question: str, lacking: str, holding: str) -> None:
    """A share, an article, a head count, a delay, a date, a length, a contact: abstain when no passage
    holds one, answer when one does."""
    assert missing_answer_type(question, [lacking])
    assert not missing_answer_type(question, [holding])


@pytest.mark.parametrize(
    "question",
    [
        "On a le droit d'utiliser Midjourney pour les visuels de la campagne ?",
        "Are we allowed to use Mistral's Le Chat with customer data?",
        "Peut-on brancher Zapier sur l'assistant du service client ?",
    ],
)
def test_a_question_about_something_the_corpus_never_names_is_flagged(retriever, question: str) -> None:
    assert names_unknown_thing(question, retriever.knows)


@pytest.mark.parametrize(
    "question",
    [
        "Midjourney est-il autorisé ?",  # a capital that opens the sentence says nothing
        "Qui valide la charte éthique au sein du Comité IA ?",  # capitalised, and in the corpus
        "Le DPO et le RSSI valident quoi ? Et la DSI ?",  # acronyms
        "Je travaille en Bretagne, qui valide la charte ?",  # a region, where the asker works
        "Our team in Germany asks who validates the charter.",  # a country
    ],
)
def test_openings_acronyms_known_words_and_places_are_not_flagged(retriever, question: str) -> None:
    assert not names_unknown_thing(question, retriever.knows)


def test_the_assistant_abstains_on_an_unknown_tool_not_on_where_the_asker_works(indexed, retriever) -> None:
    assistant = Assistant(indexed, default_guardrails(), retriever)
    assert assistant.ask("On a le droit d'utiliser DeepSeek pour nos fiches produits ?").abstained
    answered = assistant.ask("Je travaille en Bretagne : qui valide la charte ?")
    assert not answered.abstained and "Comité IA" in answered.answer
