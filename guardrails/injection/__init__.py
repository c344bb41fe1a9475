"""Prompt-injection detection: normalize obfuscated text, match French/English rules, score the result."""

from guardrails.injection.detector import InjectionDetector, InjectionResult
from guardrails.injection.normalize import (
    NormalizedText,
    analyze,
    normalize_for_detection,
    obfuscation_signals,
)
from guardrails.injection.rules import FAMILIES, RULES, Rule

__all__ = [
    "FAMILIES",
    "RULES",
    "InjectionDetector",
    "InjectionResult",
    "NormalizedText",
    "Rule",
    "analyze",
    "normalize_for_detection",
    "obfuscation_signals",
]
