"""One-call screening of a question and of an answer: the entry points the assistant and API use."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from guardrails.injection import InjectionDetector, InjectionResult
from guardrails.injection.classifier import EmbedQuery, InjectionClassifier, load_weights
from guardrails.output import OutputCheck, check_answer
from guardrails.pii import PiiMasker, PiiSpan, Pseudonyms, build_analyzer
from guardrails.text import clean_text


@dataclass(frozen=True)
class Screened:
    """A question after screening: only ``masked_text`` may go further (model, log, store)."""

    masked_text: str
    pii: tuple[PiiSpan, ...]  # positions in the cleaned question
    injection: InjectionResult
    blocked: bool
    reason: str | None


@dataclass(frozen=True)
class ScreenedAnswer:
    """An answer after the output checks, with any PII it contained masked again."""

    masked_text: str
    pii: tuple[PiiSpan, ...]
    check: OutputCheck


class Guardrails:
    """PII masking and injection detection for questions, output checks for answers."""

    def __init__(
        self, masker: PiiMasker, detector: InjectionDetector, classifier: InjectionClassifier | None = None
    ) -> None:
        self.masker = masker
        self.detector = detector
        self.classifier = classifier

    def detect_injection(self, text: str, semantic: bool = True) -> InjectionResult:
        """Rules first; when they see nothing, the embedding classifier (if any, and ``semantic``) gives
        its opinion."""
        verdict = self.detector.scan(text)
        if verdict.is_injection or self.classifier is None or not semantic or not text.strip():
            return verdict
        flagged, probability = self.classifier.is_injection(text)
        if not flagged:
            return verdict
        return InjectionResult(
            round(probability, 3), True, "embedding_classifier", "semantic", verdict.signals
        )

    def screen_question(
        self, text: str | bytes, pseudonyms: Pseudonyms | None = None, *, semantic: bool = True
    ) -> Screened:
        """Mask PII and look for an injection; an empty or injected question is blocked with a reason.

        ``semantic=False`` for texts that are not questions (an earlier answer, a client's system message):
        the rules only, as the embedding classifier was fitted on questions."""
        cleaned = clean_text(text)
        masked = self.masker.mask(cleaned, pseudonyms)
        injection = self.detect_injection(masked.text, semantic)  # a model: it sees masked text only
        if not cleaned.strip():
            return Screened(masked.text, masked.spans, injection, True, "empty question")
        if injection.is_injection:
            reason = f"prompt injection detected ({injection.family}: {injection.rule})"
            return Screened(masked.text, masked.spans, injection, True, reason)
        return Screened(masked.text, masked.spans, injection, False, None)

    def screen_answer(
        self, answer: str, passages: Mapping[int, str], pseudonyms: Pseudonyms | None = None
    ) -> ScreenedAnswer:
        """Check citations and numbers against the given passages, and mask PII in the answer (but what
        it quotes verbatim from those passages)."""
        masked = self.masker.mask(clean_text(answer), pseudonyms, keep=list(passages.values()))
        return ScreenedAnswer(masked.text, masked.spans, check_answer(answer, passages))


@functools.cache
def _masker() -> PiiMasker:
    return PiiMasker(build_analyzer())


def default_guardrails(
    embedding_model: str | None = None, embed_query: EmbedQuery | None = None
) -> Guardrails:
    """Guardrails sharing the process-wide analyzer (spaCy and Presidio are built once, on first use).

    Given the embedding model the classifier was trained on and its query-embedding function,
    injection detection adds the embedding classifier to the rules; otherwise rules only.
    """
    classifier = None
    if embedding_model and embed_query:
        weights = load_weights()
        if weights.model == embedding_model:
            classifier = InjectionClassifier(embed_query, weights)
    return Guardrails(_masker(), InjectionDetector(), classifier)


def screen_question(text: str | bytes, pseudonyms: Pseudonyms | None = None) -> Screened:
    """Screen a question with the process-wide guardrails."""
    return default_guardrails().screen_question(text, pseudonyms)
