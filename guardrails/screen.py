"""One-call screening of a question and of an answer: the entry points the assistant and API use."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from guardrails.injection import InjectionDetector, InjectionResult
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

    def __init__(self, masker: PiiMasker, detector: InjectionDetector) -> None:
        self.masker = masker
        self.detector = detector

    def screen_question(self, text: str | bytes, pseudonyms: Pseudonyms | None = None) -> Screened:
        """Mask PII and look for an injection; an empty or injected question is blocked with a reason."""
        cleaned = clean_text(text)
        injection = self.detector.scan(cleaned)
        masked = self.masker.mask(cleaned, pseudonyms)
        if not cleaned.strip():
            return Screened(masked.text, masked.spans, injection, True, "empty question")
        if injection.is_injection:
            reason = f"prompt injection detected ({injection.family}: {injection.rule})"
            return Screened(masked.text, masked.spans, injection, True, reason)
        return Screened(masked.text, masked.spans, injection, False, None)

    def screen_answer(
        self, answer: str, passages: Mapping[int, str], pseudonyms: Pseudonyms | None = None
    ) -> ScreenedAnswer:
        """Check citations and numbers against the given passages, and mask PII in the answer."""
        masked = self.masker.mask(clean_text(answer), pseudonyms)
        return ScreenedAnswer(masked.text, masked.spans, check_answer(answer, passages))


@functools.cache
def default_guardrails() -> Guardrails:
    """The process-wide guardrails (the spaCy model and analyzer are built once, on first use)."""
    return Guardrails(PiiMasker(build_analyzer()), InjectionDetector())


def screen_question(text: str | bytes, pseudonyms: Pseudonyms | None = None) -> Screened:
    """Screen a question with the process-wide guardrails."""
    return default_guardrails().screen_question(text, pseudonyms)
