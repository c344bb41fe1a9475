"""What the RACI letters and the summary table's columns mean, in French and English: one small vocabulary.

A question asks for a letter by what it means (« qui tranche » is A, "kept in the loop" is I) or by the
letter itself (« le A », "R"). A question asks for a summary-table column by what it holds (« à qui
s'adresse » is the Public cible). Patterns are read on ``plain()`` text (lower case, no accents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.governance.roles import plain


@dataclass(frozen=True)
class Letter:
    letter: str
    fr: str  # how an answer says it
    en: str
    cue: re.Pattern[str]


LETTERS = (
    Letter(
        "A", "décide et valide (A)", "is Accountable (A, signs off)",
        re.compile(r"\b(?:tranch\w*|decid\w*|decision\w*|valid\w*|approu?v\w*|sign\w*|garant\w*|arbitr\w*"
                   r"|dernier mot|rend(?:re)? des comptes|accountable|final say|owns? the decision)"),
    ),
    Letter(
        "R", "réalise (R)", "is Responsible (R, does the work)",
        re.compile(r"\b(?:realis\w*|execut\w*|fai(?:t|re|s) (?:le travail|le boulot|concretement)|boulot"
                   r"|mene\w*|met en (?:oe|œ)uvre|en charge|s'occupe|responsible|does the work|do the work"
                   r"|doing the work|carr(?:y|ies) out|hands-on|builds?)\b"),
    ),
    Letter(
        "C", "est consulté (C)", "is Consulted (C)",
        re.compile(r"\b(?:consult\w*|avis|opinion|input|mot a dire|sollicit\w*|asked for (?:advice|input))"),
    ),
    Letter(
        "I", "est informé (I)", "is Informed (I)",
        re.compile(r"\b(?:inform\w*|au courant|in the loop|notifi\w*|prevenu\w*|dans la boucle"
                   r"|kept up to date|tenu au jus)"),
    ),
)  # fmt: skip
_EXPLICIT_LETTER = re.compile(  # « le A », "est R", "the A", "(A)"
    r"(?:\b(?:[Ll]e|[Ee]n|un|est|suis|être|sont|the|as|an|is|are)\s+|\(|[«\"“]\s*)([RACI])(?![\w'’])"
)

# Summary-table columns, by their header folded: what a question says when it asks for that column.
COLUMN_CUES = {
    "public cible": re.compile(
        r"\b(?:a qui|pour qui|s'adress\w*|public\w*|cibl\w*|audience|target\w*|aimed at|meant for"
        r"|intended for|who is it for|for whom)"
    ),
    "phase": re.compile(r"\b(?:quelle phase|dans quelle phase|which phase|what phase|phase|stage)\b"),
    "entreprises concernees": re.compile(
        r"\b(?:entreprises?|companies|company|pme|eti|tpe|grands? groupes?|sme|smes|mid-caps?)\b"
    ),
    "objectif principal": re.compile(r"\b(?:objectif\w*|but|goal|objective|purpose|aim|vise\w*)\b"),
}


def letters_asked(question: str) -> list[str]:
    """RACI letters the question asks about, by meaning or by name, in the vocabulary's order."""
    folded = plain(question)
    asked = [letter.letter for letter in LETTERS if letter.cue.search(folded)]
    for match in _EXPLICIT_LETTER.finditer(question):
        if match.group(1) not in asked:
            asked.append(match.group(1))
    return asked


def letter_words(letter: str, lang: str) -> str:
    found = next(item for item in LETTERS if item.letter == letter)
    return found.en if lang == "en" else found.fr


def columns_asked(question: str, headers: list[str]) -> list[str]:
    """Summary-table headers whose content the question asks for."""
    folded = plain(question)
    return [h for h in headers if (cue := COLUMN_CUES.get(plain(h))) and cue.search(folded)]
