"""Score a text for prompt injection: rule matches on its normalized forms, raised by obfuscation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.injection.anchors import AnchorIndex
from guardrails.injection.normalize import NormalizedText, analyze
from guardrails.injection.rule import Rule
from guardrails.injection.rules import RULES

SCAN_EDGE_CHARS = 20_000
FAMILY_BONUS = 0.15
FAMILY_FLOOR = 0.4  # weaker matches in another family add nothing
OBFUSCATION_BONUS = 0.15
QUESTION_DAMPING = 0.5
HIDDEN_IMPERATIVE_SCORE = 0.6
SIGNAL_SCORE = 0.1

# Stems of command verbs: an invisible character inside one of them is an attack on its own.
_IMPERATIVE_STEMS = (
    "ignor", "oubli", "disregard", "forget", "reveal", "revel", "affich", "print", "bypass", "override",
    "jailbreak", "execut", "delet", "supprim", "montr", "show", "repet", "repeat", "dump", "leak", "contourn",
    "desactiv", "disable",
)  # fmt: skip
# Reported when invisible characters split a command word and no rule matched.
HIDDEN_COMMAND = Rule(
    "hidden_characters_in_command", "obfuscation", re.compile(r"(?!)"), HIDDEN_IMPERATIVE_SCORE
)
# A command word glued to the word before it ("merciignore", "bonjour\u200bignore" once invisibles are gone):
# at least three letters, then a command stem starting a word of its own.
_GLUED_COMMAND = re.compile(rf"(?<=[a-z]{{3}})(?={'|'.join(_IMPERATIVE_STEMS)})")
_SENTENCE_END = re.compile(r"[.!?\n]")
# A question about practice ("comment…", "faut-il…", "should we…"); "what is…"/"quel est…" are left out:
# they are also how a secret or a prompt is asked for.
_QUESTION_START = re.compile(
    r"\W*(?:(?:et|mais|alors|donc|bonjour|hello|and|so|but)\W+)?(?:comment|pourquoi|quand|qu'est-ce|que|qui|ou|"
    r"combien|est-ce|dans quel\w*|a quel\w*|en quoi|how|why|when|who|where|should|can we|could we|do we|does|"
    r"is|are|may we|must|\w+-(?:t-)?(?:il|elle|on|ils|elles|nous|je))\b"
)
_INVERSION = re.compile(r"\w-(?:t-)?(?:il|elle|on|ils|elles)\b|\best-ce qu")
_SECOND_PERSON = re.compile(r"\b(?:tu|te|toi|ton|ta|tes|you|your|yourself|u)\b|\bt'|-vous\b")


@dataclass(frozen=True)
class InjectionResult:
    """The verdict on one text: score in [0, 1], the strongest rule and the obfuscation tricks seen."""

    score: float
    is_injection: bool
    rule: str | None
    family: str | None
    signals: tuple[str, ...]


class InjectionDetector:
    """Rule-based prompt-injection detector for French and English user input or retrieved passages."""

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold

    def scan(self, text: str) -> InjectionResult:
        """Score ``text``; only its first and last 20,000 characters are read, so any size is fast."""
        if len(text) > 2 * SCAN_EDGE_CHARS:
            text = text[:SCAN_EDGE_CHARS] + "\n" + text[-SCAN_EDGE_CHARS:]
        normalized = analyze(text)
        matches = _match_rules(normalized)
        score, best = _combine(matches, normalized)
        return InjectionResult(
            score=round(score, 3),
            is_injection=score >= self.threshold,
            rule=best.name if best else None,
            family=best.family if best else None,
            signals=normalized.signals,
        )


def _match_rules(normalized: NormalizedText) -> dict[Rule, float]:
    """Each matching rule with its weight (halved if ``damped`` in an impersonal question); stops at 1.0."""
    found: dict[Rule, float] = {}
    for view in _with_unglued(normalized.views):
        index = AnchorIndex(view)
        for rule in RULES:
            match = index.search(rule)
            if match is None:
                continue
            weight = rule.weight
            if rule.damped and _in_impersonal_question(view, match.start()):
                weight *= QUESTION_DAMPING
            found[rule] = max(weight, found.get(rule, 0.0))
            if _rule_score(found, normalized.signals)[0] >= 1.0:
                return found
    return found


def _with_unglued(views: tuple[str, ...]) -> tuple[str, ...]:
    """The views, and the lines of the main one where a command word was glued to the word before it,
    read apart (only those lines: a long text costs one more regex pass, not one more scan)."""
    if not _GLUED_COMMAND.search(views[0]):
        return views
    lines = (_GLUED_COMMAND.sub(" ", line) for line in views[0].split("\n") if _GLUED_COMMAND.search(line))
    return (*views, "\n".join(lines))


def _combine(matches: dict[Rule, float], normalized: NormalizedText) -> tuple[float, Rule | None]:
    """The rule score, or for no match a weak score from the obfuscation signals alone."""
    hidden_imperative = any(word.startswith(_IMPERATIVE_STEMS) for word in normalized.hidden_words)
    if not matches:
        if hidden_imperative:
            return HIDDEN_IMPERATIVE_SCORE, HIDDEN_COMMAND
        return min(SIGNAL_SCORE * len(normalized.signals), 0.3), None
    score, best = _rule_score(matches, normalized.signals)
    return (max(score, HIDDEN_IMPERATIVE_SCORE) if hidden_imperative else score), best


def _rule_score(matches: dict[Rule, float], signals: tuple[str, ...]) -> tuple[float, Rule]:
    """The strongest weight, raised per extra family and when obfuscation accompanies a match."""
    best = max(matches, key=lambda rule: matches[rule])
    families = {rule.family for rule, weight in matches.items() if weight >= FAMILY_FLOOR} - {best.family}
    score = matches[best] + FAMILY_BONUS * len(families) + (OBFUSCATION_BONUS if signals else 0.0)
    return min(score, 1.0), best


def _in_impersonal_question(text: str, position: int) -> bool:
    """True when the sentence holding ``position`` asks a question without addressing the assistant."""
    window = max(0, position - 300)
    start = max((m.end() for m in _SENTENCE_END.finditer(text, window, position)), default=window)
    end_match = _SENTENCE_END.search(text, position)
    sentence = text[start : end_match.end() if end_match else len(text)]
    asks = bool(_QUESTION_START.match(sentence)) or (
        sentence.rstrip().endswith("?") and bool(_INVERSION.search(sentence))
    )
    return asks and not _SECOND_PERSON.search(sentence)
