"""Phone numbers through Google's ``phonenumbers``: every format of the regions staff of a French company
meet, national or international, however they are spaced."""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# France and its neighbours, the rest of the EU staff deal with most, North America, the Maghreb and
# French-speaking West Africa, China and India (teams there: « 98201 45678 », a mobile in India's own
# grouping); the first region reads national numbers first
# (``06 12 34 56 78``)
REGIONS = (
    "FR", "BE", "CH", "LU", "MC", "DE", "GB", "IE", "ES", "IT", "PT", "NL", "US", "CA", "MA", "DZ", "TN",
    "SN", "CI", "CN", "IN",
)  # fmt: skip
_PHONE_WORDS = (
    r"t[ée]l(?:[ée]phone)?|portable|mobile|fixe|gsm|joignable|appel(?:le[rz]?)?|rappel(?:le[rz]?)?|standard"
    r"|ligne|whatsapp|wechat|phone|call|cell|fax|电话|手机"
)
_CONTEXT = re.compile(rf"(?:\b(?:{_PHONE_WORDS}|num[ée]ro|n°)\b|电话|手机)", re.IGNORECASE)
_PHONE_WORD = re.compile(rf"(?:\b(?:{_PHONE_WORDS})\b|电话|手机)", re.IGNORECASE)
# a digit run glued to letters (``INC-2025-0314``, ``A4500123``) is a reference, not a phone
# an order, invoice or ticket number, a meeting code, named as such, or a year and a sequence (``2024-00871``)
_REFERENCE_BEFORE = re.compile(
    r"\b(?:commande|facture|ticket|dossier|demande|r[ée]f[ée]rence|r[ée]f|order|invoice|contrat|contract|devis"
    r"|incident|bon|po|lot|matricule|badge|client|compte|account|colis|tracking|suivi"
    # a meeting's code or identifier (``Code visio : 842 117 309``, ``Meeting ID: 812 4471 9023``)
    r"|code|pin|passcode|id|identifiant|visio|visioconf[ée]rence|r[ée]union|meeting|webinar)\b"
    r"[ \t]*(?:n°|no\.?|num[ée]ro|number|#)?[ \t]*:?[ \t]*\Z",  # on the same line: not a title above
    re.IGNORECASE,
)
_YEAR_SEQUENCE = re.compile(r"(?:19|20)\d{2}[-/]\d")
_GLUED_BEFORE = re.compile(r"[A-Za-z][\-/]?\Z")
_GLUED_AFTER = re.compile(r"[\-/]?[A-Za-z]")
# a run of digits long enough to be a phone number, separators and a leading ``+`` allowed
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s.\-()/]{0,3}\d){6,}")
_SCORE, _CONTEXT_SCORE = 0.7, 0.85
_CONTEXT_WINDOW = 40
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # and a time after it: ``2025-03-04 10:30``
_MIN_DIGITS = 8  # shorter "valid" numbers somewhere in the world are mostly amounts, codes and years


class PhoneNumberRecognizer(LocalRecognizer):  # type: ignore[misc]
    """``phonenumbers.PhoneNumberMatcher`` over :data:`REGIONS`; a phone word nearby raises the score."""

    def __init__(self, regions: tuple[str, ...] = REGIONS) -> None:
        self.regions = regions
        super().__init__(
            supported_entities=["PHONE_NUMBER"], supported_language="fr", name="PhoneNumbersRecognizer"
        )

    def load(self) -> None:
        """Nothing to load: ``phonenumbers`` reads its metadata on first use."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "PHONE_NUMBER" not in entities:
            return []
        results: list[RecognizerResult] = []
        for run in _DIGIT_RUN.finditer(text):
            lo, hi = max(0, run.start() - 1), min(len(text), run.end() + 1)
            numbers = self._numbers(text[lo:hi]) or _dialled_abroad(run.group(), run.start() - lo)
            for start, end in numbers:
                start, end = start + lo, end + lo
                before = text[max(0, start - _CONTEXT_WINDOW) : start]
                if _GLUED_BEFORE.search(text, max(0, start - 2), start) or _GLUED_AFTER.match(text, end):
                    continue
                if not _PHONE_WORD.search(before) and (
                    _bare_foreign(text[start:end])
                    or _REFERENCE_BEFORE.search(before)
                    or _YEAR_SEQUENCE.match(text, start)
                ):
                    continue
                score = _CONTEXT_SCORE if _CONTEXT.search(before) else _SCORE
                results.append(RecognizerResult("PHONE_NUMBER", start, end, score))
        return results

    def _numbers(self, text: str) -> list[tuple[int, int]]:
        """Spans of valid numbers in ``text``, the first region that reads a stretch winning it."""
        found: list[tuple[int, int]] = []
        international = text.lstrip(" (").startswith(("+", "00"))
        # with its country code typed, a number of a possible length is one even in a range not yet
        # allocated (``+44 7700 900 318``); a national number must be valid in one of the regions
        leniency = phonenumbers.Leniency.POSSIBLE if international else phonenumbers.Leniency.VALID
        # an international number reads the same from every region: one is enough
        for region in self.regions[:1] if international else self.regions:
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=leniency):
                if sum(c.isdigit() for c in match.raw_string) < _MIN_DIGITS or _ISO_DATE.match(
                    match.raw_string
                ):
                    continue
                if all(match.end <= s or match.start >= e for s, e in found):
                    found.append((match.start, match.end))
        return found


def _dialled_abroad(run: str, offset: int) -> list[tuple[int, int]]:
    """A ``+`` and a country code ``phonenumbers`` knows, then as many digits as a number has (E.164: up
    to 15): a phone even where the library's metadata finds it too short or too long for that country's
    plan (``+234 1 271 0450``, a Lagos line)."""
    if not run.startswith("+"):
        return []
    try:
        number = phonenumbers.parse(run, None)
    except phonenumbers.NumberParseException:
        return []
    digits = sum(c.isdigit() for c in run)
    known = phonenumbers.region_code_for_country_code(number.country_code or 0) != "ZZ"
    return [(offset, offset + len(run))] if known and _MIN_DIGITS < digits <= 15 else []


def _bare_foreign(value: str) -> bool:
    """Digits alone, no separator, no ``+`` and no French trunk ``0``: an order, ticket or account number
    unless a phone word says otherwise (``Commande n° 4500123456``)."""
    return value.isdigit() and not value.startswith("0")
