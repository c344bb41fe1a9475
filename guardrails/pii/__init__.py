"""French PII detection and masking with Presidio."""

from guardrails.pii.analyzer import build_analyzer
from guardrails.pii.masking import MaskedText, PiiMasker, PiiSpan, Pseudonyms, strip_placeholders

__all__ = ["MaskedText", "PiiMasker", "PiiSpan", "Pseudonyms", "build_analyzer", "strip_placeholders"]
