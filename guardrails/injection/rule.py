"""A detection rule: a compiled regex over normalized text, its family, weight and anchor words."""

from __future__ import annotations

import re
from dataclasses import dataclass

INSTRUCTION_OVERRIDE = "instruction_override"
PROMPT_EXFILTRATION = "prompt_exfiltration"
ROLEPLAY_JAILBREAK = "roleplay_jailbreak"
DELIMITER_INJECTION = "delimiter_injection"
SECRET_REQUEST = "secret_request"
FAMILIES = (
    INSTRUCTION_OVERRIDE,
    PROMPT_EXFILTRATION,
    ROLEPLAY_JAILBREAK,
    DELIMITER_INJECTION,
    SECRET_REQUEST,
)


@dataclass(frozen=True)
class Rule:
    """One pattern of one family, with the anchors it cannot match without."""

    name: str
    family: str
    pattern: re.Pattern[str]
    weight: float
    # Every group must occur: as a word starting with one of its prefixes, or (with punctuation) a substring.
    anchors: tuple[tuple[str, ...], ...] = ()
    damped: bool = False  # counts half inside an impersonal question ("faut-il ignorer…")
    local: bool = True  # matches a few words around its anchors: long texts are searched in windows


def make_rule(
    name: str,
    family: str,
    pattern: str,
    weight: float,
    needs: tuple[str, ...],
    *,
    damped: bool = False,
    word_start: bool = True,
    local: bool = True,
) -> Rule:
    """A rule whose anchor groups are space-separated strings; word rules must start at a word boundary."""
    anchors = tuple(tuple(group.split()) for group in needs)
    regex = rf"\b(?:{pattern})" if word_start else pattern
    return Rule(name, family, re.compile(regex, re.MULTILINE), weight, anchors, damped, local)
