"""French recognizers Presidio lacks: NIR, SIRET/SIREN, addresses, birth dates, passports, payment cards of
every length, obfuscated e-mails, labelled IBANs, French phone shapes in ranges ``phonenumbers`` rejects,
and name patterns (civility, ``Prénom NOM``, cues).

Each is a regex whose named group ``value`` is the reported span, plus an optional checksum. Context
words are part of the regex (French and English), so no lemmatizer is needed. An identifier next to its
label (« sécu », « carte », « IBAN ») is masked even when its checksum fails — a typo does not make it
anonymous — with a lower score; an unlabelled one needs its checksum.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from faker.providers.address.en_US import Provider as USStates
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.pii.allow_list import ACRONYMS, NOT_NAMES, starts_with_function_word
from guardrails.pii.names import name_lexicon
from guardrails.pii.validators import (
    iban_valid,
    long_ago,
    nir_valid,
    payment_card_valid,
    siren_valid,
    siret_valid,
)
from guardrails.pii.vocabulary import is_vocabulary_word

Validator = Callable[[str], bool]

# a number must be a whole digit group run: not preceded/followed by a digit, even across one separator
_START = r"(?<!\d)(?<!\d[ .\-])"
_END = r"(?![ .\-]?\d)"
_SEP = r"[ .\-]?"
_NATIONAL_NUMBER = rf"[1-9](?:{_SEP}\d{{2}}){{4}}"
_SIRET = r"\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5}"
_SIREN = r"\d{3}[ .]?\d{3}[ .]?\d{3}"
_CARD = r"\d(?:[ .\-]?\d){11,18}"
_CARD_CONTEXT = r"(?:carte|card|cb|visa|mastercard|amex|paiement|payment)"
# birthplace: a department of two digits and a commune of three, or overseas a department of three (971 to
# 976) and a commune of two (« 1 86 06 974 11 240 43 »), as INSEE writes them
_NIR_PLACE = rf"(?:(?:\d{{2}}|2[AB]){_SEP}\d{{3}}|97\d{_SEP}\d{{2}})"
_NIR_BODY = rf"[1-478]{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}{_NIR_PLACE}{_SEP}\d{{3}}"
_NIR_SHAPE = rf"{_NIR_BODY}{_SEP}\d{{2}}"
_NIR_LABEL = (
    r"(?:s[ée]cu(?:rit[ée] sociale)?|nir|insee|num[ée]ro ss|n° ss|ss|social security(?: number)?|ssn)"
)
_IBAN_LABEL = r"(?:iban|rib|bic/iban|coordonn[ée]es bancaires|bank details|compte)"
# country, check digits, then groups of four holding a digit (a bank code may be letters: ``NWBK``)
_IBAN_SHAPE = (
    r"[A-Za-z]{2}\d{2} ?[A-Za-z0-9]{4}(?: ?(?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{4}){1,7}"
    r"(?: ?(?=[A-Za-z]{0,2}\d)[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])"
)
_LABELLED_SCORE = 0.6
_OBFUSCATED_AT = r"(?:\s?[\[({]\s?(?:at|arobase|@)\s?[\])}]\s?|\s(?:at|arobase|@)\s)"
_OBFUSCATED_DOT = r"(?:\.|\s?[\[({]\s?(?:dot|point)\s?[\])}]\s?|\s(?:dot|point|\.)\s)"
_MONTHS = (
    r"(?:janv(?:ier)?|f[ée]vr(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?"
    r"|nov(?:embre)?|d[ée]c(?:embre)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:tember)?|october|november|december"
    # German, Spanish, Italian, Portuguese, Dutch: the months a forwarded form or CV is written in
    r"|januar|februar|m[äa]e?rz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|setiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio"
    r"|settembre|ottobre|dicembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro"
    r"|dezembro|januari|februari|maart|mei|augustus"
    # Polish, in the genitive a date takes (« 12 marca 1990 ») and in the nominative; Turkish
    r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|listopada"
    r"|grudnia|stycze[ńn]|luty|marzec|kwiecie[ńn]|czerwiec|lipiec|sierpie[ńn]|wrzesie[ńn]|pa[źz]dziernik"
    r"|listopad|grudzie[ńn]|ocak|[şs]ubat|mart|nisan|may[ıi]s|haziran|temmuz|a[ğg]ustos|eyl[üu]l|ekim"
    r"|kas[ıi]m|aral[ıi]k)\.?"
)
# day, month, year in the orders and spellings of Europe and America: « 14/03/87 », « 1990/03/14 »,
# « 3rd of March 1990 », « 3. März 1989 », « 3 de marzo de 1989 », « 14 mars 87 », « March 3, 1990 » (also the
# shape of a cell under a birth date's header, see tables.py; the months need re.IGNORECASE)
_YEAR = r"(?:\d{4}|['’]?\d{2}(?![\d:h]))"
DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})|\d{{4}}[\-/.]\d{{1,2}}[\-/.]\d{{1,2}}"
    rf"|\d{{1,2}}(?:er|st|nd|rd|th|\.|º)?\s+(?:of\s+|de\s+)?{_MONTHS}\s+(?:de\s+)?{_YEAR}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    # Vietnamese numbers its months: « ngày 5 tháng 7 năm 1993 » (day 5, month 7, year 1993)
    rf"|(?:ngày\s+)?\d{{1,2}}\s+tháng\s+\d{{1,2}},?\s+năm\s+\d{{4}})"
)
# a birth date's label, in the languages staff forward (« Geburtsdatum », « fecha de nacimiento »…);
# « né(e) » with its accent (or the English « nee »), never the negation « ne »
_BIRTH_LABEL = (
    r"(?:n(?:é|ée|ee)s?|nais+[ae]n[cs]e|naiss\.|ddn|born|birth|date of birth|d\.?o\.?b\.?|birthday"
    r"|anniversaire|geburtsdatum|geburtstag|geboren|geb\.|fecha de nacimiento|nacid[oa]|f\. nac\.|nac\."
    r"|data di nascita|nat[oa] il|geboortedatum|data de nascimento|nascid[oa]|nasc\.|urodzon[aey]|ur\."
    r"|data urodzenia|do[gğ]um tarihi|sinh|ngày sinh)"
)
# the capitals and small letters of the Latin alphabets staff write (Ł, Ś, Ș, Ğ, Č… as well as É): every
# letter of Latin-1 and Latin Extended-A/B that has a case
_LATIN = [chr(code) for code in range(0xC0, 0x250)]
_UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper())
_LOWER = "a-z" + "".join(c for c in _LATIN if c.islower())
_CAP_WORD = rf"(?-i:[{_UPPER}][\w'’]*)"
_LINK = r"(?:de|du|des|la|le|les|d['’]|l['’]|à|au|aux|sur|sous|en|lès|et)"
_STREET_TYPE = (
    r"(?:rue|avenue|av\.|boulevard|bd|bld|place|pl\.|all[ée]e|impasse|chemin|route|rte|quai|cours|square"
    r"|passage|rond-point|r[ée]sidence|r[ée]s\.|lotissement|faubourg|voie|villa|cit[ée]|hameau|sentier|esplanade"
    r"|promenade|parvis|mont[ée]e|traverse|domaine|lieu-dit|chauss[ée]e|dr[èe]ve)"
)
_STREET_NAME = (
    rf"(?:{_LINK}\s*)*{_CAP_WORD}(?:[\s\-]+(?:{_LINK}\s*)*(?:{_CAP_WORD}|\d{{1,2}}(?:er)?(?![\d,])(?=\s+{_CAP_WORD})))"
    r"{0,5}"
)
_CITY = (  # on one line: a city never runs over the next row of a pasted table
    rf"{_CAP_WORD}(?:[ \u00a0\-]+(?:(?-i:{_LINK})[ \u00a0\-]+)?{_CAP_WORD}){{0,3}}"
    r"(?:\s+(?-i:CEDEX|Cedex)(?:\s+\d{1,2})?)?"
)
_POSTCODE_CITY = rf"(?:\d{{5}}|\d{{2}} \d{{3}})[ \u00a0]+{_CITY}"
_NUMBER = r"\d{1,4}(?:\s?(?:bis|ter|quater|[a-d])\b)?,?"
_COMPLEMENT = (
    r"(?:,?\s+(?:b[âa]t(?:iment)?\.?|appartement|appt\.?|apt\.?|[ée]tage|escalier|esc\.|porte|bo[îi]te)"
    r"\s*[\w\-]+)*"
)
# one to four capitalised words (a street or a city in English)
_WORDS = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}}"
_UK_POSTCODE = r"(?-i:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"
_US_STATE = "(?-i:" + "|".join(USStates.states_abbr) + ")"
_US_UNIT = r"(?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl|Room|#)\.?\s*[\w-]+"
# a state's code in any case (« evanston il 60201 »): only ever read right before a ZIP code
_US_STATE_CODE = "(?:" + "|".join(USStates.states_abbr) + ")"
# the kind of street an English-speaking address names after the street's name, spelt out or shortened
_ENGLISH_STREET_TYPE = (
    r"(?:street|st|avenue|ave|boulevard|blvd|road|rd|drive|dr|lane|ln|parkway|pkwy|way|court|ct|place|pl"
    r"|terrace|ter|crescent|close|highway|hwy|circle|cir)\.?"
)
# the small words inside a street's name in Portugal, Spain, Italy, Germany and the Netherlands
# kanji, kana, digits (full-width too) and dashes: a Japanese address's prefecture, ward, block numbers
_JAPANESE_ADDRESS = r"[\u3040-\u30ff\u4e00-\u9fff\uff10-\uff190-9\-－−ー]+"
_FOREIGN_LINK = rf"(?:{_LINK}|da|do|das|dos|del|della|dello|dei|degli|di|y|e|von|der|den|van|het)"
# the suffix of a street's name in Germany, Austria, the Netherlands and the Nordic countries (…straße)
_STREET_SUFFIX = (
    r"stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|laan|straat|gracht|plein|kade|singel|dijk|vej"
    r"|gade|gatan|vägen|katu"
)
# the kinds of address that have no street number: a residence, a locality, a housing estate
_LOCALITY_TYPE = r"(?:r[ée]sidence|r[ée]s\.|lieu-dit|lotissement|hameau|domaine|cit[ée])"
_CANADIAN_POSTCODE = r"(?-i:[A-Z]\d[A-Z])[ \u00a0]?(?-i:\d[A-Z]\d)"
# Brazil's and Portugal's street words, and the units of a flat or an office after the number
_LUSOPHONE_STREET = r"(?-i:Rua|R\.|Av\.|Avenida|Alameda|Al\.|Travessa|Tv\.|Praça|Largo|Estrada|Rodovia)"
_LUSOPHONE_UNIT = r"apto|apt|ap|sala|bloco|bl|casa|conj|andar|cj"
# a street named before its number: a street word first (via, calle, ul.), or a street suffix (…straße) — or
# a Greek street word (« Odos Ermou »)
_EUROPEAN_STREET = (
    rf"(?:(?:via|viale|piazza|corso|largo|vicolo|strada|calle|avenida|avinguda|plaza|paseo|carrer|camino"
    rf"|ronda|rambla|rua|travessa|estrada|alameda|praça|ulica|ul\.|aleja|al\.|plac|pl\.|os\.|osiedle"
    rf"|str\.|bulevardul|calea|[șş]oseaua|aleea|pia[țţ]a|odos|odós|leoforos|leofóros|leof\."
    rf"|{_STREET_TYPE})\s+(?:{_FOREIGN_LINK}\s+)*{_CAP_WORD}(?:\s+(?:{_FOREIGN_LINK}\s+)*{_CAP_WORD}){{0,3}}"
    # the words of a street name share a cell: a tab separates the cells of a pasted table
    rf"|{_CAP_WORD}(?:[ \u00a0]+{_CAP_WORD}){{0,2}}(?-i:{_STREET_SUFFIX}))"
)
# a part of an address on one line: up to four words; the first part holds the number (``Unit 4``,
# ``350 5th Ave``, ``Plot 42``, ``Flat 2B``)
_PART = r"[\w'’.\-/#]+(?:[ \t][\w'’.\-/#]+){0,3}"
_NUMBERED_PART = r"(?:(?-i:[A-Z][a-z]+)[ \t])?\d{1,5}[A-Za-z]?(?:[ \t][\w'’.\-/#]+){0,3}"
# postcodes: five digits, four (and two capitals in the Netherlands), Poland's 00-000, Portugal's 0000-000,
# Czechia's, Slovakia's, Sweden's and Greece's 000 00, Brazil's 00000-000, a country letter and digits
_EUROPEAN_POSTCODE = (
    r"(?:\d{5}(?:-\d{3})?|\d{4}(?: ?(?-i:[A-Z]{2}))?|\d{2}-\d{3}|\d{4}-\d{3}|\d{3} \d{2}"
    r"|(?:L|CH|D|B|A)-\d{4,5})"
)
_GIVEN = rf"(?-i:[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)"
_PARTICLE = r"(?-i:de|du|des|de la|le|la|d['’]|van|von|ben|el|al)"
_SURNAME = rf"(?:{_PARTICLE}\s?)?(?-i:[{_UPPER}][\w'’]+(?:[\- ][{_UPPER}][\w'’]+)?)"
_CAPS_SURNAME = rf"(?-i:(?:[{_UPPER}]['’])?[{_UPPER}]{{2,}}(?:[\- ][{_UPPER}]{{2,}}){{0,2}})"
_CIVILITY = (
    r"(?:M\.|MM\.|Mme|Mmes|Mlle|Mr\.?|Mrs\.?|Ms\.?|Monsieur|Madame|Mademoiselle|Dr\.?|Docteur|Pr\.?"
    r"|Ma[iî]tre|Me)"
)
_CUES = (
    r"(?:coll[èe]gue|collaborat(?:eur|rice)|salari[ée]e?|client(?:e)?|candidat(?:e)?|stagiaire|int[ée]rimaire"
    r"|manager|responsable|employ[ée]e?|agent|m['’]appelle|appel[ée]e?|nomm[ée]e?|part de|contacter|sign[ée]"
    r"|cordialement,?|colleague|employee|customer|named|my name is|from|dear|cher|ch[èe]re|bonjour"
    r"|to|for|by|with|call|contact)"
)


class RegexRecognizer(LocalRecognizer):  # type: ignore[misc]
    """Regex patterns with a ``value`` group, each with its score, and an optional checksum."""

    def __init__(
        self,
        entity: str,
        patterns: list[tuple[str, float]],
        *,
        validator: Validator | None = None,
        reject: Validator | None = None,
        name: str | None = None,
    ) -> None:
        self._patterns = [(re.compile(p, re.IGNORECASE), score) for p, score in patterns]
        self._validator = validator
        self._reject = reject
        super().__init__(
            supported_entities=[entity], supported_language="fr", name=name or f"Fr{entity.title()}Recognizer"
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled in the constructor."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        if entities and entity not in entities:
            return []
        results: list[RecognizerResult] = []
        for pattern, score in self._patterns:
            for match in pattern.finditer(text):
                start, end = match.span("value")
                value = text[start:end]
                if self._validator and not self._validator(value):
                    continue
                if self._reject and self._reject(value):
                    continue
                results.append(RecognizerResult(entity, start, end, score))
        return results


def _not_a_name(value: str) -> bool:
    """Pattern false positives: ``Mon IBAN``, ``Comité IA``, ``RSSI Paul``, ``Mme Anne`` are not names."""
    words = [w.strip("-'’.") for w in value.split()]
    return (
        any(w.upper() in ACRONYMS for w in words if w.isupper())
        or starts_with_function_word(value)
        or any(w.casefold() in NOT_NAMES for w in words)
    )


def _knows_a_word(value: str) -> bool:
    return any(name_lexicon().knows(w) for w in value.split())


def french_recognizers() -> list[LocalRecognizer]:
    """The custom French recognizers, in no particular order."""
    return [
        RegexRecognizer(  # French shapes only: phonenumbers (phones.py) rejects unallocated ranges
            "PHONE_NUMBER",
            [
                (rf"{_START}(?P<value>0[1-9](?:{_SEP}\d{{2}}){{4}}){_END}", 0.75),
                (rf"(?<![\w+])(?P<value>(?:\+|00)\s?33\s?(?:\(0\))?{_SEP}{_NATIONAL_NUMBER}){_END}", 0.85),
                (rf"(?<![\w)])(?P<value>\(0\)\s?[1-9](?:{_SEP}\d{{2}}){{4}}){_END}", 0.75),
            ],
            name="FrPhoneRecognizer",
        ),
        RegexRecognizer(
            "FR_NIR",
            [
                (
                    rf"{_START}(?<![A-Za-z])(?P<value>{_NIR_SHAPE}){_END}",
                    0.95,
                )
            ],
            validator=nir_valid,
        ),
        RegexRecognizer(
            "FR_NIR",
            [(rf"\b{_NIR_LABEL}\b[^\d\n]{{0,60}}(?P<value>{_NIR_SHAPE}){_END}", _LABELLED_SCORE)],
            name="FrLabelledNirRecognizer",
        ),
        RegexRecognizer(  # the 13 digits without their key (« il manque la clé »), next to the label
            "FR_NIR",
            [(rf"\b{_NIR_LABEL}\b[^\d\n]{{0,60}}(?P<value>{_NIR_BODY}){_END}", _LABELLED_SCORE)],
            name="FrLabelledNirRecognizer",
        ),
        RegexRecognizer(
            "FR_SIRET",
            [
                (rf"{_START}(?P<value>{_SIRET}){_END}", 0.85),
                (rf"\b(?:siret|[ée]tablissement)\b[^\d\n]{{0,30}}(?P<value>{_SIRET}){_END}", 0.95),
            ],
            validator=siret_valid,
        ),
        RegexRecognizer(
            "FR_SIRET",
            [(rf"\bsiret\b[^\d\n]{{0,40}}(?P<value>\d(?:[ .]?\d){{12,14}}){_END}", _LABELLED_SCORE)],
            name="FrLabelledSiretRecognizer",
        ),
        RegexRecognizer(
            "FR_SIREN",
            [
                (rf"\bsiren\b[^\d\n]{{0,40}}(?P<value>{_SIREN}){_END}", _LABELLED_SCORE),
                # the next value of the same label (« c'est 234 038 925 et pas 401 192 922 »)
                (
                    rf"\bsiren\b[^\d\n]{{0,40}}{_SIREN}[^\d\n]{{1,15}}(?P<value>{_SIREN}){_END}",
                    _LABELLED_SCORE,
                ),
            ],
            name="FrLabelledSirenRecognizer",
        ),
        RegexRecognizer(
            "FR_SIREN",
            [
                (rf"{_START}(?P<value>\d{{3}}[ .]?\d{{3}}[ .]?\d{{3}}){_END}", 0.6),
                (rf"\bsiren\b[^\d\n]{{0,20}}(?P<value>\d{{3}}[ .]?\d{{3}}[ .]?\d{{3}}){_END}", 0.9),
            ],
            validator=siren_valid,
        ),
        RegexRecognizer(
            "CREDIT_CARD",
            [
                (rf"{_START}(?P<value>{_CARD}){_END}", 0.8),
                (rf"\b{_CARD_CONTEXT}\b[^\d\n]{{0,30}}(?P<value>{_CARD}){_END}", 0.95),
            ],
            validator=payment_card_valid,
            name="FrPaymentCardRecognizer",
        ),
        RegexRecognizer(
            "CREDIT_CARD",
            [
                (
                    rf"\b{_CARD_CONTEXT}\b[^\d\n]{{0,50}}(?P<value>\d(?:[ .\-]?\d){{12,18}}){_END}",
                    _LABELLED_SCORE,
                )
            ],
            name="FrLabelledCardRecognizer",
        ),
        RegexRecognizer(
            "IBAN_CODE",
            [(rf"\b{_IBAN_LABEL}\b[^\n]{{0,60}}?(?<![A-Za-z0-9])(?P<value>{_IBAN_SHAPE})", _LABELLED_SCORE)],
            name="FrLabelledIbanRecognizer",
        ),
        RegexRecognizer(  # unlabelled, any country's IBAN that holds its mod-97 check (see iban_valid)
            "IBAN_CODE",
            [(rf"(?<![A-Za-z0-9])(?P<value>{_IBAN_SHAPE})", 0.85)],
            validator=iban_valid,
            name="CheckedIbanRecognizer",
        ),
        RegexRecognizer(
            "EMAIL_ADDRESS",
            [
                (
                    rf"(?<![\w.+-])(?P<value>[\w.+-]+(?:\s(?:dot|point)\s[\w+-]+){{0,3}}{_OBFUSCATED_AT}[\w-]+(?:{_OBFUSCATED_DOT}[\w-]+)*"
                    rf"{_OBFUSCATED_DOT}[A-Za-z]{{2,6}})(?![\w-])",
                    0.8,
                )
            ],
            name="ObfuscatedEmailRecognizer",
        ),
        RegexRecognizer(
            "BIRTH_DATE",
            [
                (rf"\b{_BIRTH_LABEL}(?!\w)[^\d\n]{{0,25}}?(?P<value>{DATE})", 0.85),
                # « né » typed without its accent: « ne le » never precedes a date as a negation does
                (rf"\bne\s+le\s+(?P<value>{DATE})", 0.85),
            ],
        ),
        RegexRecognizer(  # the date of birth asked for, then given further on (« ta date de naissance ? —
            # c'est le 22/01/1995 »): the first full date after the label, of a year long gone (no meeting)
            "BIRTH_DATE",
            [(rf"\b{_BIRTH_LABEL}(?!\w)(?:(?!{DATE}).){{0,200}}?(?P<value>{DATE})", _LABELLED_SCORE)],
            validator=long_ago,
            name="FrAnsweredBirthDateRecognizer",
        ),
        RegexRecognizer(
            "FR_PASSPORT",
            [
                (
                    r"\b(?:passeport|passport)\b[^\n]{0,60}?(?P<value>(?-i:\d{2}[A-Z]{2}\d{5}))(?![A-Z\d])",
                    0.85,
                ),
                (  # mistyped or spaced, next to its label
                    r"\b(?:passeport|passport)\b[^\n]{0,60}?(?<!\w)(?P<value>\d{2} ?[A-Z]{2} ?\d{4,6})(?!\w)",
                    _LABELLED_SCORE,
                ),
            ],
        ),
        RegexRecognizer(
            "ADDRESS",
            [
                (
                    rf"(?<![\w,])(?P<value>{_NUMBER}\s+{_STREET_TYPE}\s+{_STREET_NAME}{_COMPLEMENT}"
                    rf"(?:,?\s+{_POSTCODE_CITY})?)",
                    0.8,
                ),
                (rf"(?<![\w,])(?P<value>{_STREET_TYPE}\s+{_STREET_NAME},?\s+{_POSTCODE_CITY})", 0.75),
                (rf"(?<!\d)(?P<value>{_POSTCODE_CITY})", 0.6),
                (  # Belgium, Switzerland, Luxembourg: « Rue des Tanneurs 58, 1000 Bruxelles »
                    rf"(?<![\w,])(?P<value>{_STREET_TYPE}\s+{_STREET_NAME}\s+\d{{1,4}}[a-z]?,?\s+(?:L-)?\d{{4}}"
                    rf"[ \u00a0]+{_CITY})",
                    0.8,
                ),
                (  # United Kingdom: « 47 Elm Grove, Brighton BN2 3ES », « 30 St Mary Axe, London EC3A 8BF »
                    rf"(?<![\w,])(?P<value>(?:(?:Flat|Apartment|Unit)\s+\w+,\s+)?\d{{1,4}}[a-z]?\s+{_WORDS}"
                    rf"(?:,\s+{_WORDS})?,\s+{_WORDS},?\s+{_UK_POSTCODE})(?![\w])",
                    0.8,
                ),
                (  # United States: « 1600 Market Street, Suite 1200, Philadelphia, PA 19103 »
                    rf"(?<![\w,])(?P<value>\d{{1,6}}\s+{_WORDS}\.?(?:,?\s+{_US_UNIT})?,\s+{_WORDS},\s+"
                    rf"{_US_STATE}\s+\d{{5}}(?:-\d{{4}})?)(?!\d)",
                    0.8,
                ),
                (  # India: « 14 MG Road, Bengaluru 560001 », « 7 Park Street, Kolkata - 700016 »
                    rf"(?<![\w,])(?P<value>\d{{1,4}}[A-Z]?\s+{_WORDS}(?:,\s+{_WORDS})?,\s+{_WORDS}"
                    r"(?:\s*-)?\s+[1-9]\d{2}\s?\d{3})(?![\d])",
                    0.8,
                ),
                # a postal code ends the address, the parts before it are comma-separated on its line,
                # the first one holding the number: « Unit 4, Riverside Park, Leeds LS10 1AB », « 350 5th
                # Ave, Suite 4100, New York, NY 10118 », « Plot 42, 3rd Cross, Indiranagar, Bengaluru 560038 »
                (
                    rf"(?<![\w,])(?P<value>{_NUMBERED_PART}(?:,[ \t]+{_PART}){{0,3}},[ \t]+{_WORDS},?\s+"
                    rf"{_UK_POSTCODE})(?![\w])",
                    0.75,
                ),
                (
                    rf"(?<![\w,])(?P<value>{_NUMBERED_PART}(?:,[ \t]+{_PART}){{0,3}},[ \t]+{_WORDS},[ \t]+"
                    rf"{_US_STATE}[ \t]+\d{{5}}(?:-\d{{4}})?)(?!\d)",
                    0.75,
                ),
                (
                    rf"(?<![\w,])(?P<value>{_NUMBERED_PART}(?:,[ \t]+{_PART}){{1,3}},[ \t]+{_WORDS}"
                    r"(?:[ \t]*-)?[ \t]+[1-9]\d{2}[ \t]?\d{3})(?!\d)",
                    0.75,
                ),
                (  # street name then number, as in most of Europe: « Hauptstraße 112, 70173 Stuttgart »,
                    # « Via Tortona 27, 20144 Milano », « ul. Długa 12/4, 00-238 Warszawa »; a floor or a
                    # flat of one or two short words after the number (« 3º Dto », « 3º izq. », « ap. 4 »),
                    # Romania's postcode of six digits (« 030033 București »)
                    rf"(?<![\w,.])(?P<value>{_EUROPEAN_STREET}\s+\d{{1,4}}[a-z]?(?:/\d{{1,4}})?"
                    r"(?:\s+(?:m|lok|apt|app)\.\s*\d{1,4})?(?:,\s*[\wº°ª]{1,4}\.?(?:\s[\wº°ª]{1,5}\.?)?){0,2}"
                    rf",\s+(?:{_EUROPEAN_POSTCODE}|\d{{6}})[ \u00a0]+{_CITY})",
                    0.8,
                ),
                (  # typed in lowercase: the structure (number, street type, postcode, city) carries it
                    rf"(?<![\w,])(?P<value>{_NUMBER}\s+{_STREET_TYPE}\s+(?:[^\W\d_][\w'’\-]*,?\s+){{0,6}}?"
                    r"[^\W\d_][\w'’\-]*,?\s+(?:\d{5}|\d{2} \d{3})\s+[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)",
                    0.8,
                ),
                (  # Canada: the number and a comma, the street, an office or a flat, the city, the province
                    # in brackets maybe, the postcode (« 1200, boul. René-Lévesque Ouest, bureau 800, Montréal
                    # (Québec) H3B 4W8 »)
                    rf"(?<![\w,])(?P<value>\d{{1,5}},?\s+(?:{_STREET_TYPE}|boul\.|ch\.|rang)\s+{_STREET_NAME}"
                    r"(?:,\s*(?:bureau|app\.?|appartement|suite|local|unité)\s*\w{1,5})*"
                    rf",\s*{_CITY}(?:\s*\([^()\n]{{2,30}}\))?,?\s+{_CANADIAN_POSTCODE})(?!\w)",
                    0.8,
                ),
                (  # Brazil and Portugal: the street, its number, a flat or a floor, a district and the city,
                    # the state's code, the postcode (« Rua Oscar Freire 1020, apto 52, São Paulo - SP,
                    # 01426-001 », « Rua Augusta 85, 2.º Esq., 1100-048 Lisboa »)
                    rf"(?<![\w,.])(?P<value>{_LUSOPHONE_STREET}\s+(?:{_FOREIGN_LINK}\s+)*{_CAP_WORD}"
                    rf"(?:\s+(?:{_FOREIGN_LINK}\s+)*{_CAP_WORD}){{0,4}},?\s+\d{{1,5}}"
                    rf"(?:,\s*(?:{_LUSOPHONE_UNIT})\.?\s*\w{{1,5}}|,\s*\d{{1,2}}\.?[ºª°]\s*(?:\w{{1,4}}\.?)?)*"
                    rf"(?:,\s*{_CITY}){{0,2}}(?:\s*[-–]\s*(?-i:[A-Z]{{2}}))?,?\s+\d{{4,5}}-\d{{3}}"
                    rf"(?:[ \u00a0]+{_CITY})?)",
                    0.8,
                ),
                (  # the same with no number: a residence or a locality (no common noun: « place »,
                    # « route »), its building and flat, then a comma, the postcode and the city ending the
                    # line (« résidence les Pins bât C apt 12, 13009 marseille », « lieu-dit la Croix
                    # Blanche, 24200 sarlat-la-canéda »)
                    rf"(?<![\w,])(?P<value>{_LOCALITY_TYPE}\s+(?:[\w'’.\-]+\s+){{0,7}}?[\w'’.\-]+,\s+\d{{5}}"
                    r"\s+[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)(?=[ \t]*(?:[\n;|,.!?)]|\Z))",
                    0.75,
                ),
                (  # the same in Germany, Austria, the Netherlands: a street's suffix, its number, a postcode
                    # and a city (« hauptstr. 7, 80331 münchen »)
                    rf"(?<![\w,.])(?P<value>[^\W\d_]+(?:{_STREET_SUFFIX})\s+\d{{1,4}}[a-z]?,?\s+\d{{4,5}}"
                    r"\s+[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)",
                    0.8,
                ),
                (  # the same in Belgium, Switzerland, Luxembourg: « avenue louise 231, 1050 ixelles »
                    rf"(?<![\w,])(?P<value>{_STREET_TYPE}\s+(?:[^\W\d_][\w'’\-]*\s+){{0,5}}?[^\W\d_][\w'’\-]*\s+"
                    r"\d{1,4}[a-z]?,?\s+(?:L-)?\d{4}\s+[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)",
                    0.8,
                ),
                (  # the same in the United States: « 1600 amphitheatre pkwy mountain view ca 94043 », the
                    # ZIP code ending the phrase (not « … me 12000 euros »)
                    rf"(?<![\w,])(?P<value>\d{{1,6}}\s+(?:(?:\d+(?:st|nd|rd|th)|[^\W\d_][\w'’\-]*)\s+){{1,3}}?"
                    rf"{_ENGLISH_STREET_TYPE}(?:,?\s+{_US_UNIT})?,?\s+(?:[^\W\d_][\w'’\-]*\s+){{0,2}}?"
                    rf"[^\W\d_][\w'’\-]*,?\s+{_US_STATE_CODE}\s+\d{{5}}(?:-\d{{4}})?)(?=\s*(?:[,.;:!?)\-–]|$))",
                    0.8,
                ),
                (  # Japan: the postal mark, the postcode, then the address written in kanji and kana with
                    # its block numbers (« 〒150-0001 東京都渋谷区神宮前4-12-8 »)
                    rf"(?P<value>〒[ \u3000]?\d{{3}}[-－]?\d{{4}}(?:[ \u3000]*{_JAPANESE_ADDRESS})?)",
                    0.8,
                ),
                (  # a number, a capitalised street's name and its kind spelt out, then up to two places of
                    # the same line where there is no postal code (« 15 Adeola Odeku Street, Victoria Island,
                    # Lagos »)
                    rf"(?<![\w,])(?P<value>\d{{1,4}}[A-Za-z]?\s+{_WORDS}\s+(?-i:Street|Road|Avenue|Lane|Drive"
                    rf"|Close|Crescent|Boulevard|Parkway|Terrace)(?:,[ \t]+{_WORDS}){{0,2}})(?!\w)"
                    # not a noun the words qualify (« the 3 Data Science Road shows »)
                    r"(?![ \t]+(?!(?:in|at|near|à|au|en|près)\b)(?-i:[a-zà-ÿ]))",
                    0.7,
                ),
            ],
        ),
        RegexRecognizer(  # scores above the NER model's 0.85: Presidio keeps one of two identical spans
            "PERSON",
            [
                (rf"\b{_CIVILITY}\s+(?P<value>(?:{_GIVEN} )?{_SURNAME})", 0.9),
            ],
            reject=_not_a_name,
            name="FrNamePatternRecognizer",
        ),
        RegexRecognizer(  # a looser cue (``client``, ``from``, ``to``) names two capitalised words only when
            # the lexicon knows one of them: ``customer Success Operations`` is a team
            "PERSON",
            [(rf"\b{_CUES}\s+(?P<value>{_GIVEN} {_SURNAME})", 0.87)],
            reject=lambda value: _not_a_name(value) or not _knows_a_word(value),
            name="FrNamePatternRecognizer",
        ),
        RegexRecognizer(  # a street named by one to three words that are no vocabulary, its number, a
            # postal code and a city, as in Belgium or the Netherlands (« Meir 58, 2000 Antwerpen »; not
            # « Phase 2, 2025 Roadmap »)
            "ADDRESS",
            [
                (
                    rf"(?<![\w,.])(?P<value>{_CAP_WORD}(?:[ \u00a0]{_CAP_WORD}){{0,2}}[ \u00a0]"
                    rf"\d{{1,4}}[a-z]?,[ \u00a0]+\d{{4,5}}[ \u00a0]+{_CITY})",
                    0.7,
                )
            ],
            reject=lambda value: is_vocabulary_word(value.split()[0]),
            name="FrBareStreetAddressRecognizer",
        ),
        RegexRecognizer(  # ``Marie LEFEBVRE``, ``FAURE Patrick``: one of the two words must be a known name
            "PERSON",
            [
                # a hyphen and no more capitals after it: a product code (``Dock USB-C``), not a surname
                (rf"(?<!\w)(?P<value>{_GIVEN} {_CAPS_SURNAME})\b(?!-)", 0.88),
                (rf"(?<!\w)(?P<value>{_CAPS_SURNAME} {_GIVEN})\b(?!-)", 0.88),
            ],
            reject=lambda value: _not_a_name(value) or not _knows_a_word(value),
            name="FrCapitalisedNameRecognizer",
        ),
    ]
