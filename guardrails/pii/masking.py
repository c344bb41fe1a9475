"""Mask PII with typed placeholders (``<PERSON_1>``); the same value keeps its placeholder."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass, field

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from spacy.tokens import Doc

from guardrails.pii.allow_list import NAME_STOP_WORDS, NOT_NAMES, THING_NOUNS, is_allowed
from guardrails.pii.analyzer import LANGUAGE
from guardrails.pii.validators import compact

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


class PiiMasker:
    """Finds PII with the analyzer and replaces it with placeholders."""

    def __init__(self, analyzer: AnalyzerEngine, *, score_threshold: float = 0.5) -> None:
        self.analyzer = analyzer
        self.score_threshold = score_threshold

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
        for result in results:
            if _is_placeholder(text, result):
                continue
            span: PiiSpan | None = self._span(result)
            if span is not None and result.entity_type == "PERSON":
                span = _checked_name(text, artifacts.tokens, result, span)
            if span is not None and span.entity == "IP" and not _standalone_ip(text, span):
                span = None
            if span is not None:
                spans.append(span)
                recognizer = (result.recognition_metadata or {}).get("recognizer_name")
                if span.entity == "PERSON" and recognizer != "SpacyRecognizer":
                    trusted_names.append(span)
        return _resolve_overlaps(spans + _names_again(text, trusted_names))

    def mask(self, text: str, pseudonyms: Pseudonyms | None = None, keep: Collection[str] = ()) -> MaskedText:
        """``text`` with each span replaced by its placeholder; spans refer to the original text.

        A span whose value occurs verbatim in one of the ``keep`` texts (the corpus passages an answer
        quotes, shown in its citations anyway) is left as it is.
        """
        pseudonyms = pseudonyms or Pseudonyms()
        found = _resolve_overlaps(self.find(text) + pseudonyms.recall_names(text))
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


def _checked_name(text: str, doc: Doc, result: RecognizerResult, span: PiiSpan) -> PiiSpan | None:
    """A name detection, or ``None`` for a role, tool or NER slip.

    The NER model's spans are cut down to their proper nouns (``Rappelle Marie Curie`` -> ``Marie
    Curie``) and dropped when they hold none (``Rédige``, ``Déclinaison``); name patterns are trusted.
    """
    recognizer = (result.recognition_metadata or {}).get("recognizer_name")
    if _names_a_thing(text, span):
        return None
    if recognizer in {"NameLexiconRecognizer", "TableColumnRecognizer"}:  # any case; allow-list checked
        return span
    if recognizer == "SpacyRecognizer":
        cut = _up_to_function_word(text, _whole_words(text, span))
        if cut is None:
            return None
        span = cut
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        proper = [i for i, token in enumerate(tokens or []) if token.pos_ == "PROPN"]
        if tokens is None or not proper:
            return None
        kept = tokens[proper[0] : proper[-1] + 1]
        span = PiiSpan(span.entity, kept.start_char, kept.end_char, span.score)
        value = text[span.start : span.end]
        if any(c.isdigit() or c in "[]{}<>" for c in value) or value.casefold() in NOT_NAMES:
            return None
        if len(kept) == 1 and _opens_sentence(text, span.start):  # a capitalised verb or noun, mostly
            return None
    value = text[span.start : span.end]
    if is_allowed(value) or not any(word[:1].isupper() for word in value.split()):
        return None
    return span


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


def _standalone_ip(text: str, span: PiiSpan) -> bool:
    """Not a version number (``version 4.12.0.7``) nor a piece of a dotted phone (``+33.6.71.82.93.04``)."""
    if _VERSION_BEFORE.search(text[: span.start]) or text[span.start - 1 : span.start] == "+":
        return False
    return not re.match(r"\.\d", text[span.end : span.end + 2])


def _names_a_thing(text: str, span: PiiSpan) -> bool:
    """``salle Jean Jaurès``, ``station Victor Hugo``, ``Phase II``: a place, a stage or a ticket."""
    before = text[: span.start].split()[-1:]
    words = [w.strip(".,;:()") for w in text[span.start : span.end].split()]
    return (
        bool(before and before[0].casefold().strip(".,;:(") in THING_NOUNS)
        or bool(words and words[0].casefold() in THING_NOUNS)
        or any(_ROMAN.fullmatch(w) for w in words)
    )


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
    before = text[:start].rstrip(" \t\u00a0")
    return not before or before[-1] in _SENTENCE_OPENERS or bool(_LIST_BULLET.search(before))


_ROMAN = re.compile(r"(?-i:[IVX]{2,5})")
_VERSION_BEFORE = re.compile(r"\b(?:version|v|build|release|firmware)\s*$", re.IGNORECASE)
_SENTENCE_OPENERS = set('.!?:;«"“([{-—–•*>\n')
_LIST_BULLET = re.compile(r"(?:^|\s)[o•]$")


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
