"""Every family's injection rules, in the order they are tried, over normalized text."""

from __future__ import annotations

from guardrails.injection.families.delimiter import DELIMITER_RULES
from guardrails.injection.families.exfiltration import EXFILTRATION_RULES
from guardrails.injection.families.override import OVERRIDE_RULES
from guardrails.injection.families.roleplay import ROLEPLAY_RULES
from guardrails.injection.families.secret import SECRET_RULES
from guardrails.injection.rule import FAMILIES, Rule

__all__ = ["FAMILIES", "RULES", "Rule"]

RULES: tuple[Rule, ...] = (
    *OVERRIDE_RULES,
    *EXFILTRATION_RULES,
    *ROLEPLAY_RULES,
    *DELIMITER_RULES,
    *SECRET_RULES,
)
