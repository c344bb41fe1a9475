"""The French Presidio analyzer: spaCy ``fr_core_news_md`` NER, a name lexicon, ``phonenumbers``, and
built-in and French recognizers."""

from __future__ import annotations

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    SpacyRecognizer,
)

from guardrails.pii.names import NameLexiconRecognizer
from guardrails.pii.phones import PhoneNumberRecognizer
from guardrails.pii.recognizers import french_recognizers
from guardrails.pii.tables import TableColumnRecognizer

SPACY_MODEL = "fr_core_news_md"
LANGUAGE = "fr"
# NER finds names, the morphologizer's part-of-speech tags trim its slips; parser and lemmas are unused
_UNUSED_PIPES = ["parser", "senter", "attribute_ruler", "lemmatizer"]


class CaseFoldedIbanRecognizer(IbanRecognizer):  # type: ignore[misc]
    """Presidio's IBAN recognizer (pattern + mod-97 checksum) on text whose ASCII letters are upper-cased,
    so that a typed ``fr14 2004 …`` is found too; offsets are unchanged."""

    def analyze(  # type: ignore[override]  # Presidio's two bases disagree on the optional types
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        result: list[RecognizerResult] = super().analyze(text.translate(_ASCII_UPPER), entities)
        return result


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class FrenchSpacyEngine(SpacyNlpEngine):  # type: ignore[misc]
    """spaCy engine that loads the installed French model (never downloads) with what masking needs."""

    def __init__(self) -> None:
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": SPACY_MODEL}],
            ner_model_configuration=NerModelConfiguration(
                labels_to_ignore=["LOC", "ORG", "MISC"], model_to_presidio_entity_mapping={"PER": "PERSON"}
            ),
        )

    def load(self) -> None:
        self.nlp = {LANGUAGE: spacy.load(SPACY_MODEL, exclude=_UNUSED_PIPES)}  # type: ignore[assignment]


def build_analyzer() -> AnalyzerEngine:
    """A ready analyzer for French text (English text works too for everything but names)."""
    engine = FrenchSpacyEngine()
    engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in (
        SpacyRecognizer(supported_language=LANGUAGE, supported_entities=["PERSON"]),
        EmailRecognizer(supported_language=LANGUAGE, context=["mail", "courriel", "e-mail", "adresse"]),
        CaseFoldedIbanRecognizer(supported_language=LANGUAGE, context=["iban", "rib", "compte", "virement"]),
        PhoneNumberRecognizer(),
        NameLexiconRecognizer(),
        TableColumnRecognizer(),
        IpRecognizer(supported_language=LANGUAGE, context=["ip", "adresse", "serveur", "poste"]),
        *french_recognizers(),
    ):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=[LANGUAGE])
