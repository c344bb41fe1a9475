"""Names and addresses told by Japanese honorifics and scripts, and by what a chat's sentence makes of a
word (real Presidio analyzer, spaCy model and Faker lexicon, network off). Sentences are written for these
tests, not taken from the blind sets."""

from __future__ import annotations

import pytest

from guardrails.pii import PiiMasker
from guardrails.pii.names import name_lexicon
from guardrails.screen import default_guardrails


@pytest.fixture(scope="module")
def masker() -> PiiMasker:
    return default_guardrails().masker


def entities(masker: PiiMasker, text: str) -> list[tuple[str, str]]:
    return [(s.entity, text[s.start : s.end]) for s in masker.find(text)]


def test_lexicon_holds_japanese_names_in_katakana() -> None:
    lexicon = name_lexicon()
    assert lexicon.is_last("タナカ") and lexicon.is_first("ハルカ")


def test_a_name_in_katakana_beside_its_kanji_in_a_contact_row(masker) -> None:
    text = "名前\tカナ\t携帯\n高橋 陽子\tタカハシ ヨウコ\t080-6612-3408"
    assert ("PERSON", "タカハシ ヨウコ") in entities(masker, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Can you forward the slides to Watanabe-san before the call?", "Watanabe"),
        ("demande à suzuki-sensei s'il valide le planning", "suzuki"),
        ("明日、ヤマモトさんに資料を送ります", "ヤマモト"),
    ],
)
def test_a_japanese_honorific_names_who_it_follows(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


@pytest.mark.parametrize("text", ["お客様と皆さんへのお知らせです", "Rendez-vous au Nissan-Center demain"])
def test_honorifics_after_one_kanji_or_no_hyphen_name_no_one(masker, text) -> None:
    assert [e for e in entities(masker, text) if e[0] == "PERSON"] == []


def test_a_japanese_postal_mark_opens_an_address(masker) -> None:
    text = "livraison : 〒060-0042 北海道札幌市中央区大通西3-7 avant vendredi"
    assert entities(masker, text) == [("ADDRESS", "〒060-0042 北海道札幌市中央区大通西3-7")]


def test_one_place_span_over_a_phrase_lists_no_places(masker) -> None:
    # the NER model reads « mail pro de julien » as one organisation: no list of two places
    assert ("PERSON", "julien") in entities(masker, "tu as le mail pro de julien ? je le cherche")


def test_a_lowercase_first_name_mistagged_still_acts_as_a_person(masker) -> None:
    # ``lucas`` tagged as an adverb here: a word no vocabulary holds has no use the tag could tell
    assert entities(masker, "au fait lucas a changé de bureau") == [("PERSON", "lucas")]
