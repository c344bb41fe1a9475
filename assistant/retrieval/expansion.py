"""Lexical query expansion: the intent behind a question word, and English governance terms in French.

Dense retrieval understands "who" and English questions; BM25 only matches words. A role question
("Qui pilote… ?") looks for the fiche section "Responsables de l'action", an audience question for
"Population concernée", a purpose question for "Objectifs", and an English question needs the
French words of the corpus.
"""

from __future__ import annotations

import re

_ACTION_OWNERS = r"^Responsables de l'action$"
_RACI_PHASE = r"^\d\) "
_PROMPT_REQUEST = r"\b(?:quel prompt|which prompt|un prompt (?:pour|qui)|a prompt (?:to|for))\b"
_DEFINITION_REQUEST = (
    r"\b(?:que (?:veut dire|signifie)|veut dire|d[ée]finition|stand for|what does \w+ mean|qu'est-ce qu)"
)
_INTENT_PATTERNS = {  # words the intent stands for: (question pattern, heading of the section that answers)
    "responsables rôle": (
        r"^\W*(?:qui|who)\b|\bqui (?:est|sont|fait|s'occupe|valide|pilote|porte|d[ée]cide|tranche|r[ée]dige"
        r"|con[çc]oit|anime|coordonne|s[ée]lectionne|approuve|est charg[ée])|\bwho\b",
        _ACTION_OWNERS,
    ),
    "population concernée public cible": (
        r"\b(?:[àa] qui|pour qui|s'adresse|concern[ée]|public|cible|audience|target|meant for"
        r"|intended for)\b",
        r"^Population concernée$",
    ),
    "phase sommaire": (
        r"\b(?:quelle phase|which phase|what phase|phase [IV]+|grandes entreprises|large companies|ETI|PME"
        r"|TPE|mid-caps|quelles entreprises|which companies)\b",
        r"^Sommaire$",
    ),
    "R A C I responsable garant livrables": (  # a RACI phase: roles and deliverables
        r"\b(?:accountable|responsible|consult(?:ed|é)s?|inform(?:ed|é)s?|garant|livrables?|deliverables?)\b",
        _RACI_PHASE,
    ),
    "précautions": (
        r"\b(?:pr[ée]cautions?|watch out|careful|attention|(?:me|se|nous) fier|fiable|confiance"
        r"|pi[èe]ges?)\b",
        r"^Précautions$",
    ),
    "formulation objectif": (_PROMPT_REQUEST, None),
    "signifie définition": (_DEFINITION_REQUEST, None),
    "objectifs description action": (
        r"\b(?:[àa] quoi sert|pourquoi|que doit-on faire|objectifs?|but|what is the point|why|purpose|goal"
        r"|aim)\b",
        r"^Objectifs? ",
    ),
}
_INTENTS = [
    (re.compile(pattern, re.IGNORECASE), words, re.compile(section) if section else None)
    for words, (pattern, section) in _INTENT_PATTERNS.items()
]
_SYNONYMS = {  # French wordings of the same idea in questions and in the corpus
    r"\bcrit[èe]res?\b": "grille analyse évaluation",
    r"\bexamin\w*": "analyse évaluation",
    r"\brevoir\b|\bmettre à jour\b": "révision",
    r"\btous les combien\b|\b[àa] quelle fr[ée]quence\b|\bhow often\b": "fréquence",
    r"\b[àa] combien\b|\bcombien de (?:participants|personnes)\b|\bhow many (?:people|participants)\b": (
        "personnes participants"
    ),
    r"\bsources?\b|\bchercher ses informations\b": "sources veille",
}
_SYNONYM_PATTERNS = [(re.compile(pattern, re.IGNORECASE), words) for pattern, words in _SYNONYMS.items()]
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_PROMPT_QUESTION = re.compile(_PROMPT_REQUEST, re.IGNORECASE)
_DEFINITION_QUESTION = re.compile(_DEFINITION_REQUEST, re.IGNORECASE)
_GLOSSARY = {
    "accountable": "A garant", "responsible": "R responsable", "consulted": "C consulté",
    "informed": "I informé", "deliverables": "livrables", "deliverable": "livrables", "charter": "charte",
    "committee": "comité", "training": "formation", "workshop": "atelier", "workshops": "ateliers",
    "library": "bibliothèque", "customer": "client", "customers": "clients", "delivery": "livraison",
    "late": "retard", "governance": "gouvernance", "data": "données", "compliance": "conformité",
    "integration": "intégration", "deployment": "déploiement", "change": "changement",
    "management": "conduite", "indicators": "indicateurs", "success": "succès", "risks": "risques",
    "bias": "biais", "watch": "veille", "feedback": "retours", "companies": "entreprises",
    "large": "grandes", "sheet": "fiche", "sheets": "fiches", "precautions": "précautions",
    "teams": "équipes", "ethics": "éthique", "measurement": "mesure", "improvement": "amélioration",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+")
_FICHE = re.compile(r"\bfiche\s*(?:n°\s*|no\.?\s*|#)?(\d{1,2})\b", re.IGNORECASE)


def expand_for_lexical(question: str) -> str:
    """The question plus words its intent and English terms stand for in the corpus."""
    extra = [words for pattern, words, _ in _INTENTS if pattern.search(question)]
    extra += [words for pattern, words in _SYNONYM_PATTERNS if pattern.search(question)]
    extra += [_GLOSSARY[w.lower()] for w in _WORD.findall(question) if w.lower() in _GLOSSARY]
    return " ".join([question, *extra])


def fiche_mentioned(question: str) -> int | None:
    """The fiche number a question names ("selon la fiche 16"), if any."""
    match = _FICHE.search(question)
    return int(match.group(1)) if match else None


def answering_sections(question: str) -> list[re.Pattern[str]]:
    """Headings of the sections that answer the question's intent ("Qui…" -> "Responsables de l'action")."""
    sections = [section for pattern, _, section in _INTENTS if section and pattern.search(question)]
    if any(section.pattern == _RACI_PHASE for section in sections):  # RACI roles, not an action's owners
        sections = [section for section in sections if section.pattern != _ACTION_OWNERS]
    return sections


def defined_terms(question: str) -> list[str]:
    """Acronyms a definition question asks about ("Que veut dire RACI ?" -> ["RACI"])."""
    return _ACRONYM.findall(question) if _DEFINITION_QUESTION.search(question) else []


def asks_for_prompt(question: str) -> bool:
    """The question asks which prompt of the library to use ("Quel prompt pour… ?")."""
    return bool(_PROMPT_QUESTION.search(question))
