"""The PII evaluation dataset: deterministic, exact gold spans, valid checksums, enough clean corpus text."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from eval.datasets.pii_blind import BLIND_SETS, DEV_SETS, FRESH_SET, available_blind_sets, load_blind_set
from eval.datasets.pii_synthetic import (
    ENTITIES,
    NAME_LOCALES,
    TEMPLATES,
    LabeledSentence,
    corpus_clean_sentences,
    generate_multilocale_sentences,
    generate_pii_sentences,
    template_entities,
)
from guardrails.pii.validators import nir_valid

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def values(sentences: list[LabeledSentence], entity: str) -> list[str]:
    return [s.text[span.start : span.end] for s in sentences for span in s.spans if span.entity == entity]


def compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value)


@pytest.fixture(scope="module")
def sentences() -> list[LabeledSentence]:
    return generate_pii_sentences(500)


def test_templates_are_many_varied_and_partly_english():
    assert len(TEMPLATES) >= 60
    assert len({t.template_id for t in TEMPLATES}) == len(TEMPLATES)
    english = sum(t.lang == "en" for t in TEMPLATES)
    assert 0.05 <= english / len(TEMPLATES) <= 0.2
    for template in TEMPLATES:
        assert 2 <= len(template_entities(template)) <= 4, template.template_id
        assert set(template_entities(template)) <= set(ENTITIES), template.template_id


def test_same_seed_same_output_and_other_seed_differs():
    assert generate_pii_sentences(120, seed=7) == generate_pii_sentences(120, seed=7)
    assert generate_pii_sentences(120, seed=7) != generate_pii_sentences(120, seed=8)
    assert generate_pii_sentences(50) == generate_pii_sentences(120)[:50]


def test_spans_are_exact_sorted_and_non_overlapping(sentences):
    for sentence in sentences:
        assert 2 <= len(sentence.spans) <= 4
        previous_end = 0
        for span in sentence.spans:
            assert span.entity in ENTITIES
            assert previous_end <= span.start < span.end <= len(sentence.text)
            value = sentence.text[span.start : span.end]
            assert value == value.strip()
            previous_end = span.end


def test_civility_stays_outside_person_spans(sentences):
    for value in values(sentences, "PERSON"):
        assert not re.match(r"(M\.|Mme|Madame|Monsieur|Dr|Mr|Ms|Mrs)\s", value), value


@pytest.mark.parametrize("seed", [2025, 1, 99])
def test_every_entity_occurs_at_least_40_times_in_500(seed):
    data = generate_pii_sentences(500, seed=seed)
    counts = Counter(span.entity for s in data for span in s.spans)
    assert {entity: counts[entity] for entity in ENTITIES if counts[entity] < 40} == {}


def test_nir_keys_are_valid(sentences):
    nirs = values(sentences, "FR_NIR")
    assert any(" " in nir for nir in nirs) and any(" " not in nir for nir in nirs)
    for nir in nirs:
        digits = nir.replace(" ", "")
        assert re.fullmatch(r"[12]\d{4}(\d{2}|2A|2B)\d{8}", digits), nir
        body = digits[:5] + digits[5:7].replace("2A", "19").replace("2B", "18") + digits[7:13]
        assert int(digits[13:]) == 97 - int(body) % 97, nir


def test_siret_and_siren_are_luhn_valid(sentences):
    for siret in values(sentences, "FR_SIRET"):
        assert re.fullmatch(r"\d{14}", siret.replace(" ", "")) and luhn(siret.replace(" ", "")), siret
    for siren in values(sentences, "FR_SIREN"):
        assert re.fullmatch(r"\d{9}", siren.replace(" ", "")) and luhn(siren.replace(" ", "")), siren


def card_lengths(number: str) -> set[int]:
    """Lengths real cards of the issuer identified by ``number``'s prefix can have."""
    if number.startswith("4"):
        return {13, 16, 19}
    if number[:2] in {"34", "37"}:
        return {15}
    if number[:2] in {"36", "38"} or number[:3] in {"300", "301", "302", "303", "304", "305"}:
        return {14}
    if 51 <= int(number[:2]) <= 55 or 2221 <= int(number[:4]) <= 2720:
        return {16}
    if number.startswith(("6011", "65")) or 644 <= int(number[:3]) <= 649 or 3528 <= int(number[:4]) <= 3589:
        return {16, 17, 18, 19}
    return set()


def test_card_numbers_are_luhn_valid_with_real_lengths(sentences):
    cards = values(sentences, "CREDIT_CARD")
    lengths = set()
    for card in cards:
        digits = compact(card)
        assert digits.isdigit() and luhn(digits), card
        assert len(digits) in card_lengths(digits), card
        lengths.add(len(digits))
    assert {13, 14, 15, 16, 19} <= lengths
    assert any(" " in c for c in cards) and any("-" in c for c in cards) and any(c.isdigit() for c in cards)


def test_value_formats(sentences):
    phones = values(sentences, "PHONE")
    for phone in phones:
        national = "0" + compact(phone.replace("(0)", ""))[-9:]
        assert re.fullmatch(r"0[1-79]\d{8}", national) and not national.startswith(("070", "071", "072")), (
            phone
        )
    assert any(p.startswith("+33") for p in phones) and any("." in p for p in phones)
    for iban in values(sentences, "IBAN"):
        assert re.fullmatch(r"FR\d{2}[0-9A-Z]{23}", iban.replace(" ", "")), iban
    for passport in values(sentences, "FR_PASSPORT"):
        assert re.fullmatch(r"\d{2}[A-Z]{2}\d{5}", passport), passport
    ips = values(sentences, "IP")
    assert any(":" in ip for ip in ips) and any(re.fullmatch(r"[\d.]+", ip) for ip in ips)
    for email in values(sentences, "EMAIL"):
        assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]+", email), email
    for address in values(sentences, "ADDRESS"):
        assert re.search(r"\b\d{5} \S", address), address


def test_birth_dates_have_a_birth_context(sentences):
    context = re.compile(r"(née? le|naissance|born on|birth)\W*$", re.IGNORECASE)
    for sentence in sentences:
        for span in sentence.spans:
            if span.entity == "BIRTH_DATE":
                assert context.search(sentence.text[max(0, span.start - 25) : span.start]), sentence.text


def test_clean_corpus_sentences():
    clean = corpus_clean_sentences(CORPUS)
    assert len(clean) >= 200
    assert len(set(clean)) == len(clean)
    for sentence in clean:
        assert 30 <= len(sentence) <= 300
        assert "@" not in sentence and "http" not in sentence and "www." not in sentence
        assert not re.search(r"\d{6}", sentence)
        assert not sentence.startswith(("#", "|", "---", "```", "- "))
    sample = corpus_clean_sentences(CORPUS, n=50, seed=3)
    assert len(sample) == 50 and set(sample) <= set(clean)
    assert sample == corpus_clean_sentences(CORPUS, n=50, seed=3)


def test_multilocale_set_spreads_locales_casings_and_typos():
    sentences = generate_multilocale_sentences(200, seed=5)
    assert {s.locale for s in sentences} == set(NAME_LOCALES)
    names = [s.text[sp.start : sp.end] for s in sentences for sp in s.spans if sp.entity == "PERSON"]
    assert any(n.islower() for n in names) and any(n.isupper() for n in names)
    assert any(any("\u4e00" <= c <= "\u9fff" for c in n) for n in names)
    nirs = [s.text[sp.start : sp.end] for s in sentences for sp in s.spans if sp.entity == "FR_NIR"]
    assert any(not nir_valid(n) for n in nirs) and any(nir_valid(n) for n in nirs)
    for sentence in sentences:
        previous = 0
        for span in sentence.spans:
            value = sentence.text[span.start : span.end]
            assert value and value == value.strip() and span.start >= previous
            previous = span.end
    assert generate_multilocale_sentences(30, seed=5) == sentences[:30]


def test_both_development_blind_sets_load_with_exact_spans_and_tempting_pii_free_sentences():
    for name in DEV_SETS:
        blind = load_blind_set(name)
        # the size: at least 150 sentences, at least 40 of them PII-free but tempting
        assert len(blind.labeled) + len(blind.clean) >= 150 and len(blind.clean) >= 40, name
        assert len(blind.labeled) >= 100, name
    assert set(DEV_SETS) <= set(available_blind_sets())


def test_the_fresh_set_is_reported_once_its_file_exists(tmp_path, monkeypatch):
    fresh = tmp_path / "pii_blind_fresh.jsonl"
    monkeypatch.setitem(BLIND_SETS, FRESH_SET, fresh)
    assert FRESH_SET not in available_blind_sets()
    row = {"id": "f1", "text": "appelle Léa", "style": "chat", "locale": "fr_FR", "pii_free": False}
    row["spans"] = [{"entity": "PERSON", "start": 8, "end": 11, "value": "Léa"}]
    fresh.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert available_blind_sets()[-1] == FRESH_SET
    assert load_blind_set(FRESH_SET).labeled[0].spans[0].entity == "PERSON"


def test_the_leak_check_asks_about_the_values_the_masker_finds() -> None:
    from eval.runner import detected_values
    from guardrails.pii import PiiSpan
    from guardrails.screen import default_guardrails

    text = "Le cahier des charges est chez moi, rappelle-moi au 06 12 34 56 78"
    phone = text.index("06 12")
    sentence = LabeledSentence(
        text,
        (PiiSpan("PERSON", 3, 9, 1.0), PiiSpan("PHONE", phone, len(text), 1.0)),  # « cahier »: not found
        "t1",
    )
    kept = detected_values(default_guardrails().masker, sentence)
    assert [(s.entity, text[s.start : s.end]) for s in kept.spans] == [("PHONE", "06 12 34 56 78")]


def test_a_value_the_golden_questions_hold_is_no_leak_of_a_blind_sentence() -> None:
    from eval.runner import leaked_into, without_golden_values
    from guardrails.pii import PiiSpan

    text = "M. Bernard attend le devis, son mobile 06 12 34 56 78"
    phone = text.index("06 12")
    sentence = LabeledSentence(
        text, (PiiSpan("PERSON", 3, 10, 1.0), PiiSpan("PHONE", phone, len(text), 1.0)), "t2"
    )
    golden = "Sophie Bernard, service client, 06 00 00 00 34. Quel prompt pour prévenir un client ?"
    record = f'{{"question": "{golden}"}}'
    assert leaked_into(record, [sentence]) == 1  # « Bernard », kept in the record with the golden question
    kept = without_golden_values(sentence, golden)
    assert [text[s.start : s.end] for s in kept.spans] == ["06 12 34 56 78"]
    assert leaked_into(record, [kept]) == 0 and leaked_into(record + " 06 12 34 56 78", [kept]) == 1
