"""Whether the retrieved passages can answer a question: the kind of value it asks for, the things it
names, and how well the passages cover its words (``evidence``, compared to calibrated thresholds)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.french_text import terms
from assistant.retrieval.hybrid import Hit
from guardrails.pii.places import place_names

_PHONE = re.compile(r"(?:\+\d{2}|\b0\d)(?:[\s.-]?\d{2}){4}\b")
_ANSWER_TYPES = (
    (  # an amount of money
        re.compile(
            r"\b(?:co[uû]te?s?|co[uû]ts?|prix|tarifs?|budgets?|salaires?|r[ée]mun[ée]rations?|cost|price"
            r"|salary|salaries|budget|pai(?:e|ent|ons)|payer|pay|paid)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\d[\d\s.,]*\s?(?:€|euros?|k€|keur|\$|usd|eur)(?!\w)|(?:€|\$)\s?\d", re.IGNORECASE),
    ),
    (  # a phone number
        re.compile(
            r"\b(?:num[ée]ro de t[ée]l[ée]phone|t[ée]l[ée]phone|phone number|telephone)\b", re.IGNORECASE
        ),
        _PHONE,
    ),
    (  # a calendar date
        re.compile(
            r"\b(?:(?:[àa]|de|depuis) quelle date|en quelle ann[ée]e|what date|which date|which year"
            r"|when (?:do|does|will|did) (?:\w+\s+){1,8}(?:apply|start|enter|come into))\b",
            re.IGNORECASE,
        ),
        re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"),
    ),
    (  # when the next meeting is
        re.compile(
            r"\b(?:c'est quand|quand (?:a|aura) lieu|prochaine? (?:s[ée]ance|r[ée]union|session|comit[ée])"
            r"|next (?:meeting|session)|when is the next)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b\d{1,2}(?:er)? (?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)\w*"
            r"|\b\d{1,2}/\d{1,2}\b",
            re.IGNORECASE,
        ),
    ),
    (  # how long something lasts or is kept, how soon something is due
        re.compile(
            r"\b(?:combien de temps|how long|pendant combien|dur[ée]e de conservation|combien d'heures"
            r"|combien de (?:jours|semaines|mois)|how many (?:hours|days|weeks|months)|sous combien"
            r"|dans quel d[ée]lai|within how many|response time|d[ée]lai de (?:r[ée]ponse|pr[ée]venance))\b",
            re.IGNORECASE,
        ),
        re.compile(  # a duration, or a length (« how long should the bulletin be? »: « 1 à 3 pages »)
            r"\b\d+\s*(?:min(?:utes?)?|h|heures?|jours?|semaines?|mois|ans?|ann[ée]es?|hours?|days?|weeks?"
            r"|months?|years?|mots|words|pages?|lignes?|lines|caract[èe]res|characters|signes)\b",
            re.IGNORECASE,
        ),
    ),
    (  # a share or a rate
        re.compile(
            r"\b(?:quel(?:le)? (?:est (?:le|la) )?(?:taux|pourcentage|part)|combien de (?:%|pour ?cent)"
            r"|what (?:percentage|share|rate)|which (?:percentage|rate)|how many percent"
            r"|(?:click-through|open|adoption) rate|taux (?:de clic|d'ouverture|d'adoption))\b",
            re.IGNORECASE,
        ),
        re.compile(r"\d(?:[\d\s.,]*\d)?\s?%|\bpour ?cent\b|\bpercent\b", re.IGNORECASE),
    ),
    (  # a numbered article of a law or regulation
        re.compile(r"\b(?:quel article|which article|what article|num[ée]ro d'article)\b", re.IGNORECASE),
        re.compile(r"\bart(?:icle|\.)\s*\d+", re.IGNORECASE),
    ),
    (  # how many people
        re.compile(
            r"\b(?:combien (?:de |d')(?:salari[ée]s|personnes|collaborat\w+|employ[ée]s|gens|participants"
            r"|ambassadeurs|agents|utilisateurs)|how many (?:employees|people|staff|participants"
            r"|ambassadors|users|colleagues))\b",
            re.IGNORECASE,
        ),
        re.compile(  # « 4 à 6 personnes », « participants … (entre 10 et 30 par session) »
            r"\d+\s*(?:(?:à|-|to|et)\s*\d+\s*)?(?:salari|personnes|collaborat|employ|participants"
            r"|ambassadeurs|agents|utilisateurs|people|staff|users|membres|members)"
            r"|(?:personnes|participants|people|members|membres)[^.\n]{0,40}?\d",
            re.IGNORECASE,
        ),
    ),
    (  # a person's name or contact details
        re.compile(
            r"\b(?:(?:comment s'appelle|quel est le nom d[eu]) (?:notre|le|la|mon|ma)"
            r" (?:pdg|dg|directeur|directrice|dpo|rssi|responsable|manager|pr[ée]sident)"
            r"|son nom|leur nom|their name|his name|her name|whose name|nom et (?:pr[ée]nom|e-?mail"
            r"|coordonn[ée]es)|name and (?:e-?mail|contact)|coordonn[ée]es (?:de|du)|contact details"
            r"|(?:the )?name of (?:our|my|the) (?:ceo|dpo|ciso|cio|rssi|head|manager|director|president)"
            r"|how (?:do|can) (?:i|we) (?:reach|contact)|(?:comment|o[uù]) (?:je peux |puis-je |on peut )?"
            r"(?:le|la|les) (?:joindre|contacter))\b",
            re.IGNORECASE,
        ),
        re.compile(rf"[\w.+-]+@[\w-]+\.\w+|{_PHONE.pattern}"),
    ),
)


def missing_answer_type(query: str, passages: Sequence[str]) -> bool:
    """The question asks for a kind of value that none of the passages contains."""
    text = "\n".join(passages)
    return any(asks.search(query) and not value.search(text) for asks, value in _ANSWER_TYPES)


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_OPENS = '.?!:;«"(\n'  # a capital after these starts a sentence, a quote or a label's value


def names_unknown_thing(query: str, knows: Callable[[str], bool]) -> bool:
    """The question names, capitalised in mid-sentence, something the corpus never mentions — a tool, a
    product, a standard (« Midjourney », 'Mistral's Le Chat') — which no passage can answer about; acronyms,
    countries and regions aside (masked names are placeholders, stripped before)."""
    for match in _WORD.finditer(query):
        word = match.group()
        before = query[: match.start()].rstrip()
        if not before or before[-1] in _OPENS or not word[0].isupper() or word.rstrip("s").isupper():
            continue
        normalised = terms(word)
        if normalised and not any(knows(t) for t in normalised) and word.casefold() not in place_names():
            return True
    return False


def cannot_answer(query: str, passages: Sequence[str], knows: Callable[[str], bool]) -> bool:
    """The passages lack the kind of value asked for, or the question is about something unknown."""
    return missing_answer_type(query, passages) or names_unknown_thing(query, knows)


def evidence(
    query: str,
    hits: Sequence[Hit],
    candidates: Sequence[Hit],
    lang: str,
    idf: Callable[[str], float],
    support_weight: float,
) -> float:
    """How well the corpus covers the question: the best cosine of the passages the dense side ranked (the
    question's own, whatever vector ranked them), plus, for a French question, the weighted lexical
    ``support`` of the top three ``hits`` (meaningless across languages)."""
    dense = max((h.dense or 0.0) for h in candidates) if candidates else 0.0
    return dense + support_weight * support(query, hits[:3], idf) if lang == "fr" else dense


def support(query: str, hits: Sequence[Hit], idf: Callable[[str], float]) -> float:
    """IDF-weighted share of the query's terms that occur in the given passages (or their headings)."""
    query_terms = set(terms(query))
    if not query_terms:
        return 0.0
    found: set[str] = set()
    for hit in hits:
        found |= set(terms(f"{hit.chunk.metadata.get('heading_path', '')} {hit.chunk.text}"))
    weights = {t: idf(t) for t in query_terms}
    return sum(w for t, w in weights.items() if t in found) / sum(weights.values())
