"""Mask PII with typed placeholders (``<PERSON_1>``); the same value keeps its placeholder."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from spacy.tokens import Doc

from guardrails.pii.allow_list import (
    ACRONYMS,
    BUSINESS_NOUNS,
    LEGAL_FORMS,
    NAME_STOP_WORDS,
    NOT_NAMES,
    THING_NOUNS,
    TOOLS,
    WORKPLACE_NOUNS,
    is_allowed,
)
from guardrails.pii.analyzer import LANGUAGE
from guardrails.pii.names import (
    COORDINATION,
    HONORIFICS,
    NameLexicon,
    cued,
    listed_with_no_name,
    name_lexicon,
)
from guardrails.pii.places import place_names
from guardrails.pii.tables import thing_cells
from guardrails.pii.validators import compact
from guardrails.pii.vocabulary import is_vocabulary_word

# Presidio's entity names -> ours (placeholder names)
ENTITY_NAMES = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP",
}
# on overlapping detections, the more specific (checksummed) type wins over a looser one
_PRIORITY = {
    "EMAIL": 9, "IBAN": 9, "FR_NIR": 9, "FR_SIRET": 8, "CREDIT_CARD": 8, "IP": 7, "FR_PASSPORT": 7,
    "FR_SIREN": 6, "BIRTH_DATE": 6, "PHONE": 5, "ADDRESS": 4, "PERSON": 3,
}  # fmt: skip
_PLACEHOLDER = re.compile(r"<([A-Z_]+)_(\d+)>")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True)
class PiiSpan:
    """A detected value: its type and position in the screened text — never the value itself."""

    entity: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class MaskedText:
    text: str
    spans: tuple[PiiSpan, ...]


@dataclass
class Pseudonyms:
    """Placeholder numbering for one text or conversation; values are kept only as salted hashes."""

    _salt: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    _numbers: dict[str, int] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)

    def _key(self, entity: str, value: str) -> str:
        return hashlib.sha256(self._salt + f"{entity}\x00{_canonical(entity, value)}".encode()).hexdigest()

    def placeholder(self, entity: str, value: str) -> str:
        key = self._key(entity, value)
        if key not in self._numbers:
            self._counts[entity] = self._counts.get(entity, 0) + 1
            self._numbers[key] = self._counts[entity]
        return f"<{entity}_{self._numbers[key]}>"

    def recall_names(self, text: str) -> list[PiiSpan]:
        """Names already masked in this conversation, found again however they are cased."""
        if not self._counts.get("PERSON"):
            return []
        words = list(_WORD.finditer(text))
        found: list[PiiSpan] = []
        for i in range(len(words)):
            for j in range(i, min(i + 4, len(words))):
                start, end = words[i].start(), words[j].end()
                if self._key("PERSON", text[start:end]) in self._numbers:
                    found.append(PiiSpan("PERSON", start, end, 1.0))
        return found


def strip_placeholders(text: str) -> str:
    """Masked text without its placeholders (they mean nothing to retrieval)."""
    return " ".join(_PLACEHOLDER.sub(" ", text).split())


def _canonical(entity: str, value: str) -> str:
    """What makes two spellings the same value (``06 12…`` = ``+33 6 12…``; case-insensitive names)."""
    if entity == "PHONE":
        digits = re.sub(r"\D", "", value.replace("(0)", ""))
        return "0" + digits[-9:]
    if entity in {"PERSON", "ADDRESS", "EMAIL", "BIRTH_DATE"}:
        return " ".join(value.casefold().split())
    return compact(value)


_LINE_MARKUP = re.compile(r"^[ \t]*(?:[-*•][ \t]+)?|(?:[ \t]*\[\d+\])+[ \t]*$", re.MULTILINE)


def _blank_quoting_lines(text: str, keep: Collection[str]) -> str:
    """``text`` with each line that only quotes one of the ``keep`` texts (bullet and ``[n]`` markers
    aside) turned to spaces, offsets unchanged: every span found on such a line would be kept as it is,
    so the analyzer need not read it (an extractive answer is such lines only)."""
    if not keep:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        quoted = _LINE_MARKUP.sub("", line)
        if quoted.strip() and any(quoted in kept for kept in keep):
            lines[i] = " " * len(line)
    return "\n".join(lines)


class PiiMasker:
    """Finds PII with the analyzer and replaces it with placeholders."""

    def __init__(self, analyzer: AnalyzerEngine, *, score_threshold: float = 0.5) -> None:
        self.analyzer = analyzer
        self.score_threshold = score_threshold

    def load(self) -> None:
        """Read the name lexicon, the place names and the vocabulary now (at start-up) rather than on a
        first request that needs them (about a second)."""
        name_lexicon()
        place_names()
        is_vocabulary_word("charte")

    def find(self, text: str) -> list[PiiSpan]:
        """Non-overlapping PII spans of ``text``, left to right."""
        if not text.strip():
            return []
        artifacts = self.analyzer.nlp_engine.process_text(text, LANGUAGE)
        results = self.analyzer.analyze(
            text=text, language=LANGUAGE, nlp_artifacts=artifacts, score_threshold=self.score_threshold
        )
        spans: list[PiiSpan] = []
        trusted_names: list[PiiSpan] = []  # names found by the lexicon, a pattern or a table header
        things, thing_columns = thing_cells(text)
        brands: list[PiiSpan] = []  # firms named after a person, which no other reading may mask
        products = _products(text)
        for result in results:
            if _is_placeholder(text, result) or _names_a_listed_thing(text, result, things, thing_columns):
                continue
            span: PiiSpan | None = self._span(result)
            if span is not None and result.entity_type == "PERSON":
                span = _checked_name(text, artifacts.tokens, result, span, brands)
            if (
                span is not None
                and span.entity == "PERSON"
                and _a_product(text[span.start : span.end], products)
            ):
                span = None
            if span is not None and span.entity == "ADDRESS" and _a_firm_s_address(text, span):
                span = None
            if span is not None and span.entity == "IP" and not _standalone_ip(text, span):
                span = None
            if span is not None:
                spans.append(span)
                recognizer = (result.recognition_metadata or {}).get("recognizer_name")
                several_words = len(text[span.start : span.end].split()) > 1
                if span.entity == "PERSON" and (recognizer != "SpacyRecognizer" or several_words):
                    trusted_names.append(span)
        if brands:  # ``FYI Leroy`` read as a surname in capitals and a first name: a piece of the brand
            firms = [(b.start, b.end) for b in brands]
            spans = [s for s in spans if s.entity != "PERSON" or not _inside((s.start, s.end), firms)]
            trusted_names = [s for s in trusted_names if s in spans]
        addresses = [(s.start, s.end) for s in spans if s.entity == "ADDRESS"]
        # a postcode inside an address is no phone number (« São Paulo - SP, 01426-001 »)
        spans = [s for s in spans if s.entity != "PHONE" or not _within(s, addresses)]
        spans += _aliases(text, [s for s in spans if s.entity == "PERSON"])
        spans += _short_names_signing(text, [s for s in spans if s.entity == "PERSON"])
        return _whole_names(text, _resolve_overlaps(spans + _names_again(text, trusted_names)))

    def mask(self, text: str, pseudonyms: Pseudonyms | None = None, keep: Collection[str] = ()) -> MaskedText:
        """``text`` with each span replaced by its placeholder; spans refer to the original text.

        A span whose value occurs verbatim in one of the ``keep`` texts (the corpus passages an answer
        quotes, shown in its citations anyway) is left as it is.
        """
        pseudonyms = pseudonyms or Pseudonyms()
        found = _resolve_overlaps(self.find(_blank_quoting_lines(text, keep)) + pseudonyms.recall_names(text))
        spans = [s for s in found if not any(text[s.start : s.end] in kept for kept in keep)]
        parts: list[str] = []
        cursor = 0
        for span in spans:
            parts.append(text[cursor : span.start])
            parts.append(pseudonyms.placeholder(span.entity, text[span.start : span.end]))
            cursor = span.end
        parts.append(text[cursor:])
        return MaskedText("".join(parts), tuple(spans))

    @staticmethod
    def _span(result: RecognizerResult) -> PiiSpan:
        entity = ENTITY_NAMES.get(result.entity_type, result.entity_type)
        return PiiSpan(entity, result.start, result.end, round(float(result.score), 3))


_WORD_AT = r"(?P<word>(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+)"
# the attributes and states of a product, a model or an assistant, which no person takes: its accuracy,
# latency or uptime (``Orion's latency``, « la latence d'Orion »), being deployed or available in
# production (« Orion est dispo en prod »), its roll-out (« la mise en prod d'Orion », « le déploiement
# d'Orion »), a project's sponsor or roadmap ('the project sponsor for Orion') — the name goes with it
# everywhere in the text. Not a version without a dotted number (« la v2 de Julie », « Rapport Dupont
# v3 »: a person's draft), an update (``Julie's update``) nor a response time: a person has those too. A
# tool's noun set beside the name says it as well (« l'outil Hector », « marcel (l'outil de planning) »,
# « Victor le chatbot RH », 'the Orion platform'), as does a software release (« la release 5.1.0 de
# Victor », « la version 4.0 de Léon ») or its adoption — not an assistant, which may be a person (« Paul,
# l'assistant de direction »), unless the text says it is a program (« Albert, l'assistant interne »)
_PRODUCT_METRICS = r"accuracy|latency|uptime|downtime|hallucinations?|hallucination rate"
_TOOL_NOUNS = (
    r"outil|tool|chatbot|bot|logiciel|software|plateforme|platform|application|appli|app|moteur|engine"
    r"|mod[èe]le|model|llm"
)
# a tool's noun, or a piece of software added to one, right before its name (« le bot Jarvis », « correctif
# Léon »)
_TOOL_NOUN = re.compile(
    rf"(?:{_TOOL_NOUNS}|chatbots|bots|correctifs?|hotfix|connecteurs?|connectors?|plugins?)", re.IGNORECASE
)
# what qualifies an assistant that is a program (« l'assistant interne », 'our virtual assistant')
_PRODUCT_ASSISTANT = r"interne|internal|virtuel|virtual|IA|AI|RH|HR|conversationnel|intelligent"
# nouns that, after a name in English, make it a room's or a building's (``the Turing room``)
_ROOM_NOUNS_AFTER = frozenset("room rooms building hall auditorium wing lounge".split())
_ANY_WORD = r"(?P<word>[^\W\d_]+)"
_PRODUCT_USES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b{_WORD_AT}['’]s[ \u00a0]+(?:{_PRODUCT_METRICS})\b",
        rf"\b(?:{_PRODUCT_METRICS}|latence|taux d['’]hallucinations?"
        r"|mise en (?:prod|production|recette|service)|déploiement|deployment|rollout|roll-out|adoption"
        r"|(?:release|version)[ \u00a0]+v?\d+(?:\.\d+)+"
        rf")[ \u00a0]+(?:(?:de|du|of)[ \u00a0]+|d['’])"
        rf"(?:(?:l['’]|the[ \u00a0]+)(?:{_TOOL_NOUNS}|assistant)[ \u00a0]+)?{_WORD_AT}\b",
        rf"\b(?:l['’]|le|la|the|our|notre|ton|votre|your)[ \u00a0]*(?:{_TOOL_NOUNS})[ \u00a0]+{_WORD_AT}\b",
        # the definite article before « assistant » and its name: a product (« l'assistant Albert »), where
        # a person's assistant comes after the name (« Paul, l'assistant de direction »)
        rf"\b(?:l['’]|the[ \u00a0]+)assistant[ \u00a0]+{_WORD_AT}\b",
        rf"\b{_WORD_AT}[ \u00a0]+(?:tool|chatbot|bot|software|platform|app|engine|model)\b",  # English order
        rf"(?<![\w'’]){_ANY_WORD}[ \u00a0]*\([ \u00a0]*"
        rf"(?:(?:le|la|l['’]|un|une|notre|the|an?|our)[ \u00a0]*)?(?:{_TOOL_NOUNS})\b",
        # an apposition naming a tool, one word maybe between (« Albert, le bot RH », 'Ask Albert, the HR
        # bot'), or an assistant that is internal, virtual or ours (« Albert, votre assistant, est là »)
        rf"\b{_WORD_AT},[ \u00a0]+(?:le|la|l['’]|the|our|notre|votre|your|ton)[ \u00a0]*"
        rf"(?:[^\W\d_]+[ \u00a0]+)?(?:{_TOOL_NOUNS})\b",
        rf"\b{_WORD_AT},[ \u00a0]+(?:l['’]|(?:the|notre|votre|your|our)[ \u00a0]+)assistant"
        rf"(?:[ \u00a0]+(?:{_PRODUCT_ASSISTANT})\b|[ \u00a0]*[,.;!)]|[ \u00a0]*\Z)",
        # a sender or a line opening on the assistant's title (``De : Assistant Albert``)
        rf"(?:^|:)[ \t\u00a0]*(?-i:Assistant)[ \u00a0]+{_WORD_AT}\b",
        # a software release or an update to one (« la version 4.0 de Léon », « Léon a été mis à jour en
        # v2.4 ») and a crash (« Albert a encore planté »): what happens to a program, not to a person
        rf"\b{_WORD_AT}[ \u00a0]+(?:(?:a|est|sera|a été|has been|is|was|will be|encore|again|de nouveau"
        r"|toujours|still)[ \u00a0]+){0,3}(?:mis à jour|updated|upgraded|migré|migrated)"
        r"[ \u00a0]+(?:en|to|vers)[ \u00a0]+v?\d+(?:\.\d+)+",
        rf"\b{_WORD_AT}[ \u00a0]+(?:(?:a|est|is|has|encore|again|de nouveau|toujours|still)[ \u00a0]+){{0,3}}"
        r"(?:planté|crashé|bugué|buggé|crashed|en panne|en rade)\b",
        rf"\b{_WORD_AT}[ \u00a0]+(?:le|the)[ \u00a0]+(?:chat)?bot\b",
        rf"\b{_WORD_AT}[ \u00a0]+(?:(?:est|sera|était|serait|is|was|will be|n['’]est|isn['’]t|pas|not"
        r"|toujours|tjrs|encore|déjà|bien|enfin|still|already|now|finally)[ \u00a0]+){0,3}"
        r"(?:dispo|disponible|available|live|déployée?|deployed|released|sortie?)[ \u00a0]+(?:en|in|on)"
        r"[ \u00a0]+(?:prod|production|pré-?prod|preprod|staging)\b",
        # a project or a programme named (« Comité de pilotage Projet Orion »): its name, all through the text
        rf"\b(?:projet|project|programme|program)[ \u00a0]+{_WORD_AT}\b",
        rf"\bproject[ \u00a0]+(?:sponsor|owner|budget|roadmap|timeline|scope|kick-?off)[ \u00a0]+(?:for|of)"
        rf"[ \u00a0]+{_WORD_AT}\b",
    )
]


def _a_product(value: str, products: set[str]) -> bool:
    """The span is a product's name, read once cut to its line (``Victor\n\nVictor``), or opens on one
    that the NER model ran on over the words after it (« L'ASSISTANT ALBERT RÉPOND N'IMPORTE »), or holds
    one among acronyms and common words only (« Liste COPIL Orion »)."""
    words = value.casefold().split()
    return (
        " ".join(words) in products
        or (len(words) > 1 and words[0] in products)
        or (
            any(w in products for w in words)
            and all(w in products or w.upper() in ACRONYMS or is_vocabulary_word(w) for w in words)
        )
    )


def _products(text: str) -> set[str]:
    """The capitalised words the text uses as a product's, a model's or a project's name (see
    ``_PRODUCT_USES``), or lists with known tools (see :func:`_listed_with_tools`), casefolded."""
    used = {m.group("word").casefold() for pattern in _PRODUCT_USES for m in pattern.finditer(text)}
    return used | _listed_with_tools(text)


# a capitalised name of one or two words, as tools are (``Copilot``, ``Le Chat``, ``Power BI``)
_LIST_ITEM = re.compile(r"(?-i:[A-ZÀ-ÖØ-Þ][\w\-]*(?:[ \u00a0][A-ZÀ-ÖØ-Þ][\w\-]*)?)")
_TOOL_LIST = re.compile(
    rf"{_LIST_ITEM.pattern}(?:(?:[ \u00a0]*[,/][ \u00a0]*|[ \u00a0]+(?:et|and|ou|or|vs\.?|versus)[ \u00a0]+)"
    rf"{_LIST_ITEM.pattern})+"
)


def _listed_with_tools(text: str) -> set[str]:
    """The names of a list whose other items are all known tools, two of them at least (« entre Albert,
    Copilot et Le Chat »): one more tool compared with them, not a person listed with colleagues."""
    found: set[str] = set()
    for listed in _TOOL_LIST.finditer(text):
        items = [m.group().casefold() for m in _LIST_ITEM.finditer(listed.group())]
        tools = [item for item in items if item in TOOLS]
        if len(tools) >= 2 and len(items) - len(tools) == 1:
            # the item, and its last word: a verb may open it (``Compare Hector, ChatGPT et Gemini``)
            found.update(word for item in items if item not in TOOLS for word in (item, item.split()[-1]))
    return found


def _names_a_listed_thing(
    text: str, result: RecognizerResult, cells: list[tuple[int, int]], columns: list[tuple[int, int]]
) -> bool:
    """One word alone in a table's cell whose header says it names the project or product of its row
    (``Code projet | Nom``), or a name inside a cell under a header of rooms, tools, metrics, firms or sites
    (``Salle``, ``KPI``), or in a row labelling columns: see :func:`guardrails.pii.tables.thing_cells`."""
    if result.entity_type != "PERSON":
        return False
    cut = _within_one_line(text, PiiSpan(result.entity_type, result.start, result.end, result.score))
    if any(s <= cut.start and cut.end <= e for s, e in columns):
        return True
    return len(text[result.start : result.end].split()) == 1 and any(
        s <= result.start and result.end <= e and len(text[s:e].split()) == 1 for s, e in cells
    )


def _checked_name(
    text: str, doc: Doc, result: RecognizerResult, span: PiiSpan, brands: list[PiiSpan]
) -> PiiSpan | None:
    """A name detection, or ``None`` for a role, tool or NER slip.

    The NER model's spans are cut down to their proper nouns (``Rappelle Marie Curie`` -> ``Marie
    Curie``) and dropped when they hold none (``Rédige``, ``Déclinaison``); name patterns are trusted.
    """
    recognizer = (result.recognition_metadata or {}).get("recognizer_name")
    span = _within_one_line(text, span)
    if recognizer in {"NameLexiconRecognizer", "TableColumnRecognizer"}:  # any case; allow-list checked
        if recognizer == "NameLexiconRecognizer" and _a_brand(text, doc, span):
            brands.append(span)
            return None
        return None if _names_a_thing(text, span) or _common_compound(text, span) else span
    if recognizer == "SpacyRecognizer":
        cut = _up_to_function_word(text, _whole_words(text, span))
        if cut is None:
            return None
        span = cut
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is None:
            return None
        proper = [i for i, token in enumerate(tokens) if token.pos_ == "PROPN"]
        if not proper and _known_capitalised_pair(text, span):  # ``de Wouter Peeters`` tagged VERB NOUN
            proper = [0, len(tokens) - 1]
        if not proper:
            return None
        first = (
            proper[0] - 1 if proper[0] > 0 and _INITIAL.fullmatch(tokens[proper[0] - 1].text) else proper[0]
        )
        while first < proper[-1] and tokens[first].text.casefold().strip(".") in NOT_NAMES:  # ``Mrs``
            first += 1
        kept = tokens[first : proper[-1] + 1]
        # within the words of the cut span: a token may run over a delimiter (``Martin;Turing``)
        span = PiiSpan(
            span.entity, max(kept.start_char, span.start), min(kept.end_char, span.end), span.score
        )
        value = text[span.start : span.end]
        if any(c.isdigit() or c in "[]{}<>" for c in value) or any(
            w.casefold().strip(".,") in NOT_NAMES for w in value.split()
        ):
            return None
        if len(kept) == 1 and _opens_sentence(text, span.start):  # a capitalised verb or noun, mostly
            return None
        if len(kept) == 1 and not name_lexicon().is_first(value) and not cued(text, span.start):
            return None  # a surname alone needs a cue (``La Poste et Leclerc``, ``Dites à Bartholomé``)
        if (
            len(kept) == 1
            and kept.start >= 2
            and listed_with_no_name(
                value, doc[kept.start - 1].text, doc[kept.start - 2].text, doc[kept.start - 2].pos_
            )
        ):
            return None
    value = text[span.start : span.end]
    if is_allowed(value) or not (any(w[:1].isupper() for w in value.split()) or _known_lowercase(value)):
        return None
    if _a_brand(text, doc, span):
        brands.append(span)
        return None
    return None if _names_a_thing(text, span) or _common_compound(text, span) else span


# what joins partners' names in a firm's (``Harper & Lane Ltd``), as it joins two organisations
_FIRM_LINKS = COORDINATION | {"&"}
# the nouns that name a firm by its trade with the company (not ``client``, ``prestataire``: a person too)
_TRADE_NOUNS = frozenset(
    "fournisseur fournisseurs enseigne marque société entreprise groupe supplier vendor brand retailer"
    " company".split()
)


def _a_brand(text: str, doc: Doc, span: PiiSpan) -> bool:
    """The name comes right after a noun naming a firm by its trade (``fournisseur``, ``vendor``), or, with
    no cue before it, is joined by ``et``, ``ou``, ``and``, ``or``, ``&`` to an organisation —
    what the NER model reads as one, or capitalised words closed by a legal form or a trade noun: a brand
    named after a person (``Leroy Merlin ou Decathlon``, ``Morgan Stanley and Ford Credit``)."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or cued(text, span.start):
        return False
    after, before = tokens.end, tokens.start - 1
    if before >= 0 and doc[before].lower_ in _TRADE_NOUNS:  # ``contrat fournisseur Leroy Merlin``
        return True
    return (
        after + 1 < len(doc) and doc[after].lower_ in _FIRM_LINKS and _organisation_at(doc, after + 1, 1)
    ) or (before >= 1 and doc[before].lower_ in _FIRM_LINKS and _organisation_at(doc, before - 1, -1))


def _organisation_at(doc: Doc, index: int, step: int) -> bool:
    """The NER model reads ``doc[index]`` as an organisation, or a run of capitalised words from there
    (onwards with ``step`` 1, backwards with -1) holds an organisation word."""
    if doc[index].ent_type_ == "ORG":
        return True
    for offset in range(3):
        i = index + step * offset
        if not 0 <= i < len(doc) or not doc[i].text[:1].isupper():
            return False
        if _organisation_word(doc[i].text):
            return True
    return False


def _whole_names(text: str, spans: list[PiiSpan]) -> list[PiiSpan]:
    """Name spans grown to the whole name, so that no piece of it is left: neighbouring pieces joined
    (``João`` + ``Pedro Araújo``, ``Brandon T.`` + ``Kowalski``, ``Weber,`` + ``Anna``), and a name
    stretched over a known name or a particle and a capitalised word next to it (``Rui Alves``
    ``Carvalho``, ``Katharina von`` ``Hohenberg``, ``Ayşe`` ``Gül Öztürk``)."""
    lexicon = name_lexicon()
    others = [(s.start, s.end) for s in spans if s.entity != "PERSON"]
    grown: list[PiiSpan] = []
    for span in spans:
        if span.entity == "PERSON":
            span = _stretched(text, span, lexicon, others)
        previous = grown[-1] if grown else None
        joined = previous is not None and previous.entity == span.entity == "PERSON"
        if (
            previous
            and joined
            and (span.start < previous.end or _JOIN.fullmatch(text[previous.end : span.start]))
        ):
            grown[-1] = PiiSpan(
                "PERSON", previous.start, max(previous.end, span.end), max(previous.score, span.score)
            )
        else:
            grown.append(span)
    return grown


def _stretched(text: str, span: PiiSpan, lexicon: NameLexicon, others: list[tuple[int, int]]) -> PiiSpan:
    """The span over the words next to it that belong to the name: a known name, a capitalised word
    after a particle or after a name of two words (``Trần Minh Quân``), a capitalised word opening the
    line before a name of two words (``Ayşe Gül Öztürk``), a surname and a comma before a first name
    (``Gómez, Alberto``)."""
    start, end = span.start, span.end
    for _ in range(3):
        after = _NAME_AFTER.match(text, end)
        if not after or not _may_join(after.group("word")) or _inside(after.span(), others):
            break
        words = text[start:end].split()
        particle = after.group("particle") or words[-1].casefold() in _NAME_PARTICLES
        word = _POSSESSIVE_S.sub("", after.group("word"))  # ``Subramanian's`` -> the name
        alone = len(words) == 1 and lexicon.is_first(words[0]) and _holds_only_name(text, start, after.end())
        if not (particle or lexicon.knows(word) or len(words) >= 2 or alone):
            break
        end = after.start("word") + len(word)
    if _INITIAL_DOT.match(text, end - 2):  # ``Laurent B.``: the initial's full stop
        end += 1
    start, end = _with_given_name(text, start, end, lexicon, others)
    for _ in range(2):
        before = _NAME_BEFORE.search(text, max(0, start - _WINDOW), start)
        if not before or not _may_join(before.group("word")) or _inside(before.span(), others):
            break
        words = text[start:end].split()
        comma = bool(before.group("comma"))
        surname_first = comma and len(words) == 1 and lexicon.is_last(before.group("word"))
        line_start = not comma and len(words) >= 2 and _holds_only_name(text, before.start(), end)
        if not (surname_first or line_start or (not comma and lexicon.knows(before.group("word")))):
            break
        start = before.start("word")
    if len(text[start:end].split()) > 5:
        return span
    return PiiSpan(span.entity, start, end, span.score)


def _holds_only_name(text: str, start: int, end: int) -> bool:
    """Nothing but the name on its line or in its table cell, a label before it maybe (a signature line,
    ``| Ng Mei Ling |``, ``A: Chiara Colombo``)."""
    before = re.split(r"[\n\t|]", _before(text, start))[-1]
    after = re.split(r"[\n\t|]", text[end : end + _WINDOW])[0]
    return not after.strip() and (not before.strip() or bool(_HEADER_LABEL.fullmatch(before)))


def _with_given_name(
    text: str, start: int, end: int, lexicon: NameLexicon, others: list[tuple[int, int]]
) -> tuple[int, int]:
    """A surname and its particle keep the given name typed before them in any case (``youssef`` of
    ``youssef el amrani``, ``sven`` of ``sven van der berg``), and a given name keeps an Arabic surname
    hyphenated to its article after it (``omar al-farsi``): a piece left out of a name is that person's
    name left raw. Not a word of the vocabulary nor a function word (« voir de la Fontaine »)."""
    words = text[start:end].split()
    before = _GIVEN_BEFORE.search(text, max(0, start - _WINDOW), start)
    if (
        len(words) >= 2
        and words[0].casefold() in _NAME_PARTICLES
        and before
        and _given_name(before.group("word"), lexicon)
        and not _inside(before.span(), others)
    ):
        start = before.start("word")
    after = _ARTICLED_SURNAME.match(text, end)
    if len(words) == 1 and after and _given_name(words[0], lexicon) and not _inside(after.span(), others):
        end = after.end("word")
    return start, end


def _given_name(word: str, lexicon: NameLexicon) -> bool:
    """A first name of the lexicon that is no function word and, typed in lowercase, no French word."""
    return (
        lexicon.is_first(word)
        and word.casefold() not in NAME_STOP_WORDS
        and _may_join(word)
        and (word[:1].isupper() or not is_vocabulary_word(word))
    )


def _within(span: PiiSpan, others: list[tuple[int, int]]) -> bool:
    """The span lies wholly inside a longer one of ``others``."""
    return any(s <= span.start and span.end <= e and e - s > span.end - span.start for s, e in others)


def _inside(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


def _may_join(word: str) -> bool:
    """A capitalised word that may be part of a name: no role, tool, acronym, function or title word."""
    folded = word.casefold()
    return not (
        is_allowed(word)
        or folded in NAME_STOP_WORDS
        or folded in NOT_NAMES
        or folded in THING_NOUNS
        or _organisation_word(word)
        or (word.isupper() and len(word) <= 4)
    )


_CAPITALISED = r"(?-i:[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:[-'’][^\W\d_]+)*)"
# a name's next word on the same line: capitalised, or a particle run and a capitalised word
_NAME_AFTER = re.compile(
    rf"[ \u00a0](?P<particle>(?:(?:de|du|des|la|le|van|von|der|den|da|di|del|della|dos|das|al|el|ben|bin|ibn)"
    rf"[ \u00a0]){{0,2}})(?P<word>{_CAPITALISED})(?![^\W_])",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(rf"(?<![^\W_])(?P<word>{_CAPITALISED})(?P<comma>,?)[ \u00a0]\Z")
# a mail header's or a form's label (``A:``, ``To:``, ``Nom :``)
_HEADER_LABEL = re.compile(r"[ \u00a0]*[^\W\d_]{1,12}(?:[ \u00a0][^\W\d_]{1,12})?[ \u00a0]*:[ \u00a0]*")
# a word right before, in any case (a given name before a particled surname)
_GIVEN_BEFORE = re.compile(r"(?<![^\W_])(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)[ \u00a0]\Z")
# an Arabic surname hyphenated to its article or patronymic, in any case (``al-farsi``, ``El-Amrani``)
_ARTICLED_SURNAME = re.compile(
    r"[ \u00a0](?P<word>(?:al|el|ben|bin|ibn|abu|ould)-[^\W\d_]{2,})(?![^\W_])", re.IGNORECASE
)
# what may stand between two pieces of one name: a space, an initial's full stop, particles, a comma
_JOIN = re.compile(
    r"\.?[ \u00a0]+(?:(?:de|du|des|la|le|van|von|der|den|da|di|del|do|dos|das|al|el|ben)[ \u00a0]+){0,2}|, ",
    re.IGNORECASE,
)


def _within_one_line(text: str, span: PiiSpan) -> PiiSpan:
    """A name never runs across a line break, a tab or a table's delimiter (``AM\\nTo``, ``Prénom
    Nom;Téléphone``, ``Amadou Ba | Consultant``): the part before it."""
    value = text[span.start : span.end]
    cut = min((i for i in map(value.find, "\n\t;|") if i > 0), default=len(value))
    return PiiSpan(span.entity, span.start, span.start + len(value[:cut].rstrip()), span.score)


def _common_compound(text: str, span: PiiSpan) -> bool:
    """A capitalised word hyphenated to a lowercase one is a common noun (``Martin-pêcheur``); names
    hyphenate capitalised parts, or are typed all in lowercase (``paul-henri``), or take a Japanese
    honorific (``Sato-san``)."""
    grown = _whole_words(text, span)
    words = text[grown.start : grown.end].split()
    if len(words) > 1 and name_lexicon().knows(words[0]):
        words = words[:1]  # ``Kim Ji-woo``: a given name after a known one, hyphenated as it is romanised
    for word in words:
        parts = [p for p in word.split("-") if p]
        lowercase_part = any(
            p[:1].islower() and p.casefold() not in _NAME_PARTICLES | HONORIFICS for p in parts[1:]
        )
        if parts[0][:1].isupper() and lowercase_part:
            return True
    return False


def _known_lowercase(value: str) -> bool:
    """Two or three lowercase words the NER model reads as a person, one of them a name of the lexicon
    and none a function word (``wei zhang du bureau…``)."""
    words = value.split()
    return (
        1 < len(words) <= 3
        and any(name_lexicon().knows(w) for w in words)
        and not any(w.casefold() in NAME_STOP_WORDS for w in words)
    )


def _known_capitalised_pair(text: str, span: PiiSpan) -> bool:
    """Two or three capitalised words, one of them a first name of the lexicon, not opening a sentence."""
    words = text[span.start : span.end].split()
    return (
        1 < len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and any(name_lexicon().is_first(w) for w in words)
        and not _opens_sentence(text, span.start)
    )


_ALIAS_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_]+)[ \u00a0]*\([ \u00a0]*\Z")
_ALIAS_AFTER = re.compile(r"[ \u00a0]*\([ \u00a0]*([^\W\d_]+)[ \u00a0]*\)")


def _aliases(text: str, names: list[PiiSpan]) -> list[PiiSpan]:
    """A capitalised word no vocabulary holds, beside a full name in brackets or in brackets after it, that
    opens as the given name does: the same person's short name (``Kasia (Katarzyna Wójcik)``, ``Stéphane
    Roux (Steph)``) — not a project and its owner (``Orion (Jeanne Roux)``)."""
    found = []
    for name in names:
        if len(text[name.start : name.end].split()) < 2:
            continue
        around = []
        if text[name.end : name.end + 1] == ")" and (
            before := _ALIAS_BEFORE.search(_before(text, name.start))
        ):
            start = name.start - len(before.group()) + before.start(1) - before.start()
            around.append((start, start + len(before.group(1))))
        if after := _ALIAS_AFTER.match(text, name.end):
            around.append(after.span(1))
        initial = _bare_initial(text[name.start : name.end])
        for start, end in around:
            word = text[start:end]
            if (
                word[:1].isupper()
                and not word.isupper()
                and _bare_initial(word) == initial
                and not is_vocabulary_word(word)
                and not is_allowed(word)
            ):
                found.append(PiiSpan("PERSON", start, end, name.score))
    return found


# a word alone on its line (a message signed with a short name: ``…H3A 1H6.\nGab``)
_LINE_WORD = re.compile(r"^[ \t]*([^\W\d_]{3,})[ \t.!]*$", re.MULTILINE)


def _short_names_signing(text: str, names: list[PiiSpan]) -> list[PiiSpan]:
    """A word alone on its line that opens, shorter, a first name found in the text, and is no word
    (``Gab`` signing after ``De : Gabriel Gagnon``, ``Seb`` for ``Sébastien``): the same person's short
    name."""
    given = {_bare(text[n.start : n.end].split()[0]) for n in names}
    found = []
    for match in _LINE_WORD.finditer(text):
        word = match.group(1)
        short = _bare(word)
        if (
            word[:1].isupper()
            and any(name.startswith(short) and len(name) > len(short) for name in given)
            and not is_vocabulary_word(word)
            and not is_allowed(word)
        ):
            found.append(PiiSpan("PERSON", match.start(1), match.end(1), 0.6))
    return found


def _bare(value: str) -> str:
    """Casefolded, without accents (``Sébastien`` -> ``sebastien``)."""
    decomposed = unicodedata.normalize("NFD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _bare_initial(value: str) -> str:
    return unicodedata.normalize("NFD", value[:1].casefold())[:1]


def _names_again(text: str, spans: list[PiiSpan]) -> list[PiiSpan]:
    """Other occurrences, in the same text, of the words of a name found once (``Wei Chen`` … ``Wei's``)."""
    words = {
        m.group().casefold()
        for s in spans
        if s.entity == "PERSON"
        for m in _WORD.finditer(text, s.start, s.end)
        if len(m.group()) > 2 and m.group().casefold() not in NAME_STOP_WORDS
    }
    if not words:
        return []
    found = []
    for match in _WORD.finditer(text):
        word = re.split(r"['’]", match.group())[0]  # ``Wei's``, ``Çelik'in``
        if word.casefold() in words and not is_allowed(word):
            found.append(PiiSpan("PERSON", match.start(), match.start() + len(word), 0.8))
    return found


def _organisation_word(word: str) -> bool:
    """A legal form, a workplace noun, or a capitalised trade noun (``Ford Credit``, ``Orange Business``)."""
    folded = word.casefold()
    return (
        word in LEGAL_FORMS or folded in WORKPLACE_NOUNS or (word[:1].isupper() and folded in BUSINESS_NOUNS)
    )


# a firm's name opening its line, then a dash, a bar or a comma (« Groupe Altaïr – », ``Flowdata SAS, ``)
_FIRM_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?P<firm>[^\n–—|,]{2,60}?)[ \t]*[–—|,-][ \t]*\Z")


def _a_firm_s_address(text: str, span: PiiSpan) -> bool:
    """An address right after a firm's name on its line, as a letterhead or a signature gives it (« Groupe
    Altaïr – 18 avenue de l'Opéra, 75001 Paris »): the firm's, not a person's — a firm's name holds a
    legal form or a workplace or trade noun (``SAS``, ``Groupe``, ``Consulting``)."""
    before = _FIRM_BEFORE.search(_before(text, span.start))
    return before is not None and any(_organisation_word(w) for w in before.group("firm").split())


def _standalone_ip(text: str, span: PiiSpan) -> bool:
    """Not a version or section number (``version 4.12.0.7``, ``paragraphe 3.2.1.4``), nor a piece of a
    longer number (``+33.6.71.82.93.04``, ``0033 6 12.48.97.30``); four one-digit parts need an IP word."""
    before = _before(text, span.start)
    # a digit ending a word is no number (« IPv6 2a01:… »)
    if _NUMBERING_BEFORE.search(before) or re.search(r"(?:\+|(?<![^\W\d_])\d[ .\-]?)\Z", before):
        return False
    if re.match(r"\.\d", text[span.end : span.end + 2]):
        return False
    value = text[span.start : span.end]
    if re.fullmatch(r"\d\.\d\.\d\.\d", value):
        return bool(_IP_WORD.search(before[-40:]))
    return True


def _names_a_thing(text: str, span: PiiSpan) -> bool:
    """``salle Jean Jaurès``, ``San Francisco``, ``Phase II``, ``Madrid offices``, ``Flowdata SAS``,
    ``GOV-88``, « la Saint-Martin »: a place, a stage, an organisation, a ticket or a saint's day."""
    # the word before on the same line, in the same cell: a pasted table's row above says nothing
    before = re.split(r"[\n\t|;]", _before(text, span.start))[-1].split()[-1:]
    after = _NEXT_WORD.match(text, span.end)  # the word right after, no punctuation between
    words = [w.strip(".,;:()") for w in text[span.start : span.end].split()]
    while len(words) > 1 and words[0].casefold() in _NAME_PARTICLES:
        words = words[1:]  # ``la Direction RH``: the noun after the article
    return (
        # a tool's noun right before, with no mark between (« le bot Jarvis »; not « application: TRAN »)
        bool(
            before and (before[0].casefold().strip(".,;:(") in THING_NOUNS or _TOOL_NOUN.fullmatch(before[0]))
        )
        or bool(words and _thing_noun(words[0]))
        # a saint's day or a place after its article (« la Saint-Martin », « le Saint-Laurent »)
        or bool(
            len(words) == 1
            and before
            and before[0].casefold() in {"la", "le"}
            and words[0].split("-")[0].casefold() in _SAINTS
            and "-" in words[0]
        )
        or any(
            _organisation_word(w) or w.casefold() in _ROOM_NOUNS_AFTER  # ``the Ada Lovelace room``
            for w in [*words[1:], *([after.group(1)] if after else [])]
        )
        or any(_ROMAN.fullmatch(w) for w in words)
        or bool(
            _WORKPLACE_OF.search(_before(text, span.start))
        )  # ``l'atelier de Milan``, ``Lab IA de Sophia``
        or bool(_TICKET_KEY.match(text, span.end))
    )


def _thing_noun(word: str) -> bool:
    """A noun of a place, a stage or an item (``salle``, ``phase``), or of a tool (``bot``, ``outil``)."""
    return word.casefold() in THING_NOUNS or bool(_TOOL_NOUN.fullmatch(word))


def _up_to_function_word(text: str, span: PiiSpan) -> PiiSpan | None:
    """A NER span cut before its first function word (``Wei Chen and … from the team`` -> ``Wei Chen``)."""
    for match in _WORD.finditer(text, span.start, span.end):
        if match.group().casefold() in NAME_STOP_WORDS:
            if match.start() == span.start:
                return None
            end = match.start()
            while end > span.start and not text[end - 1].isalpha():
                end -= 1
            return PiiSpan(span.entity, span.start, end, span.score)
    return span


def _whole_words(text: str, span: PiiSpan) -> PiiSpan:
    """The span grown to the words it cuts (``Al-`` of ``Al-Farsi`` -> ``Al-Farsi``)."""
    start, end = span.start, span.end
    while start > 0 and (
        text[start - 1].isalpha() or (text[start - 1] in "-'’" and text[start - 2 : start - 1].isalpha())
    ):
        start -= 1
    while end < len(text) and (
        text[end].isalpha() or (text[end] in "-'’" and text[end + 1 : end + 2].isalpha())
    ):
        end += 1
    return PiiSpan(span.entity, start, end, span.score)


def _opens_sentence(text: str, start: int) -> bool:
    before = _before(text, start).rstrip(" \t\u00a0")
    return not before or before[-1] in _SENTENCE_OPENERS or bool(_LIST_BULLET.search(before))


_SAINTS = frozenset("saint sainte st ste".split())
_ROMAN = re.compile(r"(?-i:[IVX]{2,5})")
_NUMBERING_BEFORE = re.compile(
    r"(?:\b(?:version|v|build|release|firmware|paragraphe|paragraph|section|chapitre|chapter|article|art"
    r"|annexe|appendix|clause|point|règle|exigence|requirement|cf|§)\.?|§)\s*$",
    re.IGNORECASE,
)
_IP_WORD = re.compile(
    r"\b(?:ip|adresse|address|serveur|server|machine|poste|host|hôte|passerelle|gateway)\b", re.I
)
_SITES = "atelier bureau bureaux locaux antenne filiale lab labo laboratoire centre center siège technopole"
_WORKPLACE_OF = re.compile(
    r"\b(?:" + "|".join(sorted(WORKPLACE_NOUNS | frozenset(_SITES.split()))) + r")(?:\s+[A-Z]{2,5})?"
    r"\s+(?:de|du|d['’]|of|in|at|à)\s*\Z",
    re.IGNORECASE,
)
_INITIAL = re.compile(r"[A-Z]\.")
_INITIAL_DOT = re.compile(r"[ \u00a0][A-Z]\.")
_POSSESSIVE_S = re.compile(r"['’]s\Z")
_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_]+)\b")
_TICKET_KEY = re.compile(r"-\d")  # ``GOV-88``, ``INC-2025-0314``: a ticket key, not a surname
_NAME_PARTICLES = frozenset("de du des la le van der den von da di del al el ben bin ibn abu d".split())
_SENTENCE_OPENERS = set('.!?:;«"“([{-—–•*>\n')
_LIST_BULLET = re.compile(r"(?:^|\s)[o•]$")


_WINDOW = 80  # how far back (or on) a cue is looked for: a bounded window keeps long texts linear


def _before(text: str, position: int) -> str:
    """The text just before ``position`` (a window, never the whole prefix of a long text)."""
    return text[max(0, position - _WINDOW) : position]


def _is_placeholder(text: str, result: RecognizerResult) -> bool:
    """Already-masked text (``<PERSON_1>``) is left alone."""
    return any(m.start() <= result.start and result.end <= m.end() for m in _PLACEHOLDER.finditer(text))


def _resolve_overlaps(spans: list[PiiSpan]) -> list[PiiSpan]:
    """Keep, among overlapping spans, the most specific type, then the best score, then the longest."""
    ranked = sorted(spans, key=lambda s: (-_PRIORITY.get(s.entity, 1), -s.score, -(s.end - s.start)))
    kept: list[PiiSpan] = []
    for span in ranked:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)
