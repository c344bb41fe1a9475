"""Lexical query expansion: the intent behind a question word, and English governance terms in French.

Dense retrieval understands "who" and English questions; BM25 only matches words. A role question
("Qui pilote… ?") looks for the fiche section "Responsables de l'action", an audience question for
"Population concernée", a purpose question for "Objectifs", and an English question needs the
French words of the corpus.
"""

from __future__ import annotations

import re

_INTENT_PATTERNS = {
    "responsables rôle": r"^\W*(?:qui|who)\b|\bqui (?:est|sont|fait|s'occupe|valide|pilote|porte|d[ée]cide"
    r"|tranche|r[ée]dige|con[çc]oit|anime|coordonne|s[ée]lectionne|approuve|est charg[ée])",
    "population concernée public cible": r"\b(?:[àa] qui|pour qui|s'adresse|concern[ée]|public|cible|audience"
    r"|target|meant for|intended for)\b",
    "phase sommaire": r"\b(?:quelle phase|which phase|what phase)\b",
    "objectifs description action": r"\b(?:[àa] quoi sert|pourquoi|que doit-on faire|objectifs?|but"
    r"|what is the point|why|purpose|goal|aim)\b",
}
_INTENTS = [(re.compile(pattern, re.IGNORECASE), words) for words, pattern in _INTENT_PATTERNS.items()]
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
    extra = [words for pattern, words in _INTENTS if pattern.search(question)]
    extra += [_GLOSSARY[w.lower()] for w in _WORD.findall(question) if w.lower() in _GLOSSARY]
    return " ".join([question, *extra])


def fiche_mentioned(question: str) -> int | None:
    """The fiche number a question names ("selon la fiche 16"), if any."""
    match = _FICHE.search(question)
    return int(match.group(1)) if match else None
