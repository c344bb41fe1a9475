"""Names beyond the NER model: a multi-country name lexicon (Faker's locale name lists) read with context.

The lexicon is loaded once per process, on first use, never at import. A word sequence is a name when

* a cue introduces it (``je m'appelle``, ``M.``, ``cc``, ``de la part de``…) and its words look like
  names: in the lexicon, or capitalised and not a common word;
* a known first name is followed by a surname (``kevin martin``, ``MARIE LEFEBVRE``, ``Mohammed
  Al-Farsi``), in any case;
* its words are the parts of an e-mail address of the same text (``jean`` and ``durand`` next to
  ``jean.durand@…``);
* it is a run of Han characters opening with a Chinese surname (``王伟``).

Common words are told apart by the sentence's own part-of-speech tags and spaCy's stop-word lists, so a
surname that is also a word (« Petit », « Blanc ») is a name only with a cue. Corpus roles, tools and
places stay unmasked (the allow-list).
"""

from __future__ import annotations

import importlib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import regex
from faker.config import AVAILABLE_LOCALES
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS
from spacy.tokens import Doc, Token

from guardrails.pii.african_names import AFRICAN_SURNAMES, GULF_OF_GUINEA_FIRST_NAMES, SAHEL_FIRST_NAMES
from guardrails.pii.allow_list import (
    ACRONYMS,
    BUSINESS_NOUNS,
    NOT_NAMES,
    THING_NOUNS,
    WORKPLACE_NOUNS,
    is_allowed,
)
from guardrails.pii.places import place_names
from guardrails.pii.vocabulary import is_english_word, is_vocabulary_word

# letters with their combining marks (Devanagari vowel signs, Arabic vowels, a dotted Turkish i̇)
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*")
# « d'Adrien », « l'équipe » — but ``N'DIAYE`` is a name, not an elided ``ne``
_ELISION = re.compile(r"^(?:[dljmst]|qu|(?-i:[nN](?!['’][A-Z])))['’](?=\w)", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<![cC])['’][a-zıöüş]{1,3}$")  # not Breton ``Kerouac'h``
_HAN_RUNS = re.compile(r"[\u4e00-\u9fff]{2,}")
# a word of two to four Hangul syllables: a Korean name is written as one (surname, then given name)
_HANGUL_WORD = re.compile(r"(?<![\uac00-\ud7a3])[\uac00-\ud7a3]{2,4}(?![\uac00-\ud7a3])")
_EMAIL_LOCAL = re.compile(r"(?<![\w.+-])([\w.+-]+)(?:@|\s?[\[(]at[\])]\s?)[\w-]+", re.IGNORECASE)
_PARTICLES = frozenset(
    "de du des la le van der den von da dos das di del della al el ben bin ibn abu o ó mac".split()
)
# parts of speech that a name never takes, even mistagged
_NOT_NAME_POS = frozenset(
    {"VERB", "AUX", "ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM", "PUNCT", "SYM"}
)
_CALENDAR = frozenset(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi "
    "mercredi jeudi vendredi samedi dimanche january february march april may june july august september "
    "october november december monday tuesday wednesday thursday friday saturday sunday noël pâques "
    "toussaint pentecôte christmas easter".split()
)
_STOP_WORDS = frozenset(w.casefold() for w in FR_STOP_WORDS | EN_STOP_WORDS) | NOT_NAMES | _CALENDAR
# a strong cue names whoever follows; a weak one only a word the lexicon knows
_STRONG_CUE = re.compile(
    r"(?:\b(?-i:M|MM|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr|Pr|Me)\.?|\b(?:monsieur|madame|mademoiselle|docteur|ma[iî]tre"
    r"|miss|[ms]['’]appelle|me nomme|nom de famille|family name|my name is|de la part de|cc|sign[ée]e?"
    r"|signed|cordialement|regards|soussign[ée]e?|titulaire|b[ée]n[ée]ficiaire|beneficiary|account holder"
    r"|herr|frau|se[ñn]ora?|signora?"
    # a kin after a possessive (``votre fils Ilyès``, ``my wife Ana``)
    r"|\b(?:mon|ma|ton|ta|son|sa|notre|votre|leur|my|your|his|her|our|their)\s+(?:fils|fille|mari|[ée]poux"
    r"|[ée]pouse|femme|conjointe?|compagne|compagnon|fr[èe]re|s(?:œ|oe)ur|neveu|ni[èe]ce|son|daughter|wife"
    r"|husband|partner|brother|sister))\s*[:,]?)\s*$",
    re.IGNORECASE,
)
# a label or a mail header's field (``Nom :``, ``De :``, ``To:``): it names a person — or a team, a desk, a
# body (``De : Secrétariat du Comité IA``, ``From: Product Management``), so what follows needs a name's marks
_LABEL_CUE = re.compile(
    r"\b(?:nom|pr[ée]nom|name|first name|last name|surname|de|à|to|from|attn|contact|par|by)\s*:\s*$",
    re.IGNORECASE,
)
# a weak cue names a word the lexicon knows; a linking word, only a first name of several languages
_WEAK_CUE = re.compile(
    r"\b(?:je suis|i am|i['’]m|c['’]est|it['’]s|this is|ask|tell"
    # a verb of asking or telling someone (« annoncer à Élodie », « explique à Karim »)
    r"|(?:demande[rz]?|di(?:s|tes)|écri[st]z?|annonce[rz]?|explique[rz]?) à"
    r"|appel(?:le)?[rz]?|rappel(?:le)?[rz]?|contact(?:e[rz]?)?|call|email|mail|coll[èe]gue|collaborat(?:eur|rice)"
    r"|manager|responsable|stagiaire|alternante?|client(?:e)?|salari[ée]e?|bonjour|salut|merci|hello|hi|hey"
    r"|dear|thanks|cher|ch[èe]re)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_LINK_CUE = re.compile(
    r"\b(?:avec|pour|par|et|with|for|by|and|to|from|chez|selon|d['’]après|of|ou|or)\s*[:,]?\s*$",
    re.IGNORECASE,
)
# ``to`` or ``from`` a country or a region is where something goes or comes from (``Shipping to Jordan``)
_DESTINATION = re.compile(r"\b(?:to|from)\s*$", re.IGNORECASE)
# a civility names whoever follows, even typed in lowercase and missing from the lexicon (``bjr mr hamidou``)
_CIVILITY_CUE = re.compile(
    r"\b(?:m|mr|mme|mlle|mrs|ms|dr|monsieur|madame|mademoiselle|herr|frau)\.?\s*$", re.IGNORECASE
)
# a first name opening a message, or a quoted one, and spoken to (``lucas tu m'envoies``, ``Pierre : l'IP``,
# ``ashley, can u``, ``yo inès t'es dispo``, ``Reto dit que``, ``« Bastien, ton rapport``, ``hé Zeynep,``)
_OPENING = re.compile(
    r"(?:^|\n|[.!?][ \t]+|[«\"“][ \t\u00a0]*)[ \t]*"
    r"(?:(?:yo|hey|hé|he|ohé|hi|hello|bjr|bonjour|bonsoir|salut|slt|coucou|re|dear|merci|thanks|ok|okay|bon"
    r"|alors|dis|dites)[ \t,!]+)?\Z",
    re.IGNORECASE,
)
# spoken to: a pause, a second person, a request — not a pause before alternatives (``Marguerite,
# tournesol ou lavande``: a flower among others), nor an apposition (``Albert, l'IA de l'administration``),
# nor a mail header's colon (``Von: Anna-Lena``); or introduced by a team (``Hannah from HR says``)
_SPOKEN_TO = re.compile(
    r"[ \t]*(?:,(?![ \t]*[^\W\d_]+[ \t]+(?:ou|or)\b)(?![ \t]*(?:l['’]|(?:le|la|les|un|une|the|an?)\b))"
    r"|:(?![ \t]*(?-i:[A-Z]))|t['’]|[-–—](?=[ \t])|from[ \t]+(?-i:[A-Z])"
    r"|(?:tu|stp|svp|pls|please|can|could|u|you|dis|dit|a dit|peux|peut|merci|thanks|thx)(?![\w'’]))",
    re.IGNORECASE,
)
# a first name signing off: after a comma or a dash at the end of the message (``…, benoit``), or alone on
# its line (``Bàv\nnico\nenvoyé de mon iPhone``)
_SIGN_OFF_BEFORE = re.compile(r"(?:[,–—\-][ \t]*|(?:^|\n)[ \t]*)\Z")
_LINE_END = re.compile(r"[ \t.!]*(?:\n|\Z)")
# the end of the message, a surname before it maybe (not an acronym), nothing but marks after it (not the
# closing bracket of a list: ``(newsletter, canal IA)``)
_SURNAME_AFTER = regex.compile(r"[ \u00a0]\p{Lu}(?=[\p{L}'’]*\p{Ll})[\p{L}'’]+")
_TEXT_END = regex.compile(r"(?:[ \u00a0]\p{Lu}(?=[\p{L}'’]*\p{Ll})[\p{L}'’]+)?[^\w)\]]*\Z")
# an initial and a surname, or a surname and an initial (``J. Whitfield``, ``c. vidal``, ``Weber D.``)
_INITIAL_FIRST = regex.compile(r"(?<![\p{L}.])(\p{L})\.[ \u00a0]?(?=\p{L})")
_INITIAL_AFTER = regex.compile(r"\A[ \u00a0](\p{Lu})\.(?![\p{L}])")
_ARABIC_ARTICLE = "ال"
_LIST_GAP = re.compile(r"\s*,\s*|\s+(?:et|and)\s+")
_ARTICLES = frozenset("le la les l' l’ the".split())
_PATRONYMIC = frozenset("ben bin ibn ould bent".split())
_PLACE_PREFIXES = frozenset("saint sainte st ste san santa santo são sankt".split())
# the next names of a list in a mail header (``À : GARCIA Lucie; N'DIAYE Ousmane``)
_HEADER_LIST = re.compile(r"\s*(?:à|a|to|cc|cci|bcc|de|from|von|an|para|da)\s*:[^\n]*[;,]\s*$", re.IGNORECASE)
_TRAILING_PARTICLE = re.compile(
    r"\b(?:" + "|".join(sorted(_PARTICLES)) + r")\s*\Z|\b[dl]['’]\Z", re.IGNORECASE
)
_GREETING = re.compile(
    r"\b(?:bonjour|salut|coucou|merci|hello|hi|hey|hé|dear|thanks|thank you|cher|ch[èe]re)\s*,?\s*$",
    re.IGNORECASE,
)
_PAUSE = re.compile(r"\s*[,—–!:\-]")
_OWNER_BEFORE = re.compile(r"\bde\s+\Z", re.IGNORECASE)
# a personal datum and ``de``: whose it is names a person (``le numéro de Tuấn``, ``l'adresse d'Awa``)
_DATUM_OF = re.compile(
    r"\b(?:num(?:[ée]ro)?|n°|t[ée]l(?:[ée]phone)?|portable|mobile|mail|e-mail|adresse|rib|iban|nir|passeport"
    r"|date de naissance|carte(?:[ \t]+(?:bancaire|bleue|corpo|corporate|affaires|vitale))?"
    # a workstation's, a laptop's or a server's owner (« le serveur de Romain répond plus »)
    r"|poste|pc|laptop|ordi(?:nateur)?|serveur)"
    # the kind of number, named before whose it is (« le numéro de sécu de Sandrine »)
    r"(?:[ \t]+de[ \t]+(?:s[ée]cu(?:rit[ée] sociale)?|t[ée]l(?:[ée]phone)?|portable|mobile|passeport|carte))?"
    r"(?:[ \t]+(?:perso|personnel(?:le)?|pro))?[ \t]+(?:de[ \t]+|d['’])\Z",
    re.IGNORECASE,
)
# a chat mention (``@sophie``): an at sign opening a word, not the middle of an e-mail address
_MENTION = re.compile(r"(?<![\w.+\-@])@([^\W\d_][\w\-]*)(?![\w\-]*[.@][\w\-])")
_CONTACT_AFTER = re.compile(
    r"[ \t]*[:\-–]?[ \t]*(?:(?:\+|00)\d[\d .\-]{8,16}\d|0[1-9](?:[ .\-]?\d){8}(?!\d)|<?[\w.+-]+@[\w-]+\.)"
)
_PHRASE_END = re.compile(r"\s*(?:[?:,;.!)]|\Z)")
_NOBILIARY = frozenset("de du des van von da di del della dos das".split())
_CUE_WINDOW = 30
_SLOT_WINDOW, _LINE_WINDOW = 60, 200  # bounded look-arounds keep a long text linear
# what may stand between two words of one name: a space, or an elided particle (``pierre-yves d'aubigny``)
_NAME_GAPS = frozenset({" ", "\u00a0", "", " d'", " d’", "\u00a0d'", " D'", " D’"})
STRONG_SCORE, PAIR_SCORE, WEAK_SCORE = 0.9, 0.88, 0.86


@dataclass(frozen=True)
class NameLexicon:
    """Casefolded first names and surnames of every Faker locale, and Chinese and Korean surnames."""

    first: frozenset[str]
    last: frozenset[str]
    han_surnames: frozenset[str]
    widespread_first: frozenset[str]  # first names of at least three languages: a name, not a word

    def is_widespread_first(self, word: str) -> bool:
        return all(p in self.widespread_first for p in word.casefold().split("-"))

    def is_first(self, word: str) -> bool:
        """A first name of the lexicon, or a compound of them whose parts may bear accents the lists lack
        (``Marie-Ève``: the compound is no word that an accent would tell from a name)."""
        parts = word.casefold().replace("’", "'").split("-")
        if len(parts) > 1:
            return all(p in self.first or _bare(p) in self.first for p in parts)
        return parts[0] in self.first

    def is_last(self, word: str) -> bool:
        """A surname of the lexicon, a compound of known names (``Aït-Ahmed``), or an Arabic article
        before a known name (``العلي``); a compound opening with ``Saint-`` names a place."""
        folded = word.casefold().replace("’", "'")
        if folded in self.last:
            return True
        if folded.startswith(_ARABIC_ARTICLE) and len(folded) > 4:
            return self.knows(folded[len(_ARABIC_ARTICLE) :])
        parts = [p for p in folded.split("-") if p not in _PARTICLES]
        if "-" not in folded or not parts or parts[0] in _PLACE_PREFIXES:
            return False
        return all(p in self.last or p in self.first for p in parts)

    def knows(self, word: str) -> bool:
        return self.is_first(word) or self.is_last(word)


# Faker's list attributes: ``first_names_female``, ``first_romanized_names`` (pinyin: ``Wei``, ``Jianguo``),
# ``last_names``, ``male_last_names`` and ``unisex_last_names`` (Polish), ``last_romanized_names``, and the
# Japanese names in katakana (``first_kana_names``: ``ケンタ``), as a furigana column or a badge spells them
_FIRST_LISTS = re.compile(r"first_(?:name|romanized|kana)")
_LAST_LISTS = re.compile(r"last_(?:name|romanized|kana)|(?:male|unisex)_last_names$")
# Polish and Czech adjectival surnames agree with the bearer: ``Wiśniewski`` -> ``Wiśniewska``
_MASCULINE_SURNAME = re.compile(r"(?<=[scz]k)i$")  # -ski, -cki, -dzki


def _names(module_name: str, attributes: re.Pattern[str]) -> Iterator[str]:
    try:
        provider = importlib.import_module(module_name).Provider
    except (ImportError, AttributeError):
        return
    for attribute in dir(provider):
        if attributes.match(attribute):
            values = getattr(provider, attribute)
            if isinstance(values, dict | list | tuple | set | frozenset):
                yield from (str(v) for v in values)


@cache
def name_lexicon() -> NameLexicon:
    """The lexicon, read from Faker's person providers once per process (~1 s, ~40 MB); each name also
    without its accents."""
    languages: dict[str, set[str]] = {}
    last: set[str] = set()
    for locale in AVAILABLE_LOCALES:
        module = f"faker.providers.person.{locale}"
        for name in _names(module, _FIRST_LISTS):
            if len(name) > 1 or _is_han(name):
                for form in _spellings(name):
                    languages.setdefault(form, set()).add(locale.split("_")[0])
        for name in _names(module, _LAST_LISTS):
            if len(name) > 1 or _is_han(name) or _is_hangul(name):
                last.update(_spellings(name))
                last.update(_spellings(_MASCULINE_SURNAME.sub("a", name)))
                *particles, tail = name.split(" ")
                if particles and all(p.casefold() in _PARTICLES for p in particles):
                    last.update(_spellings(tail))  # ``de Vries``: ``Vries`` after its particle
    # names of countries no Faker locale covers (see guardrails.pii.african_names)
    for name in SAHEL_FIRST_NAMES:
        for form in _spellings(name):
            languages.setdefault(form, set()).update({"wo", "ff", "bm"})
    for name in GULF_OF_GUINEA_FIRST_NAMES:
        for form in _spellings(name):
            languages.setdefault(form, set()).add("ig")
    for name in AFRICAN_SURNAMES:
        last.update(_spellings(name))
    han = frozenset(n for n in last if _is_han(n) or _is_hangul(n))
    common = frozenset(_STOP_WORDS) | {a.casefold() for a in ACRONYMS}
    first = frozenset(languages) - common
    widespread = frozenset(n for n in first if len(languages[n]) >= 3)
    return NameLexicon(first, frozenset(last - common), han, widespread)


def _spellings(name: str) -> set[str]:
    """The casefolded name, and without its accents as staff type it in a chat (``oceane``, ``ines``)."""
    folded = name.casefold()
    return {folded, _bare(folded)}


def _bare(word: str) -> str:
    """``word`` without its accents (``océane`` -> ``oceane``): the lexicon holds both spellings; a word
    of a text is looked up as it is typed (``signé`` is no ``Signe``)."""
    if word.isascii():
        return word
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def _is_han(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)


def _is_hangul(text: str) -> bool:
    return all("\uac00" <= c <= "\ud7a3" for c in text)


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    pos: str  # the sentence's part-of-speech tag of the word's first token, "" when unknown

    @property
    def capitalised(self) -> bool:
        """Upper-case initial — or a script without case (Arabic, Han…), where no initial says less."""
        return not self.text[:1].islower()

    @property
    def folded(self) -> str:
        return self.text.casefold()


def _words(text: str, doc: Doc | None) -> list[_Word]:
    tags: dict[int, str] = {}
    if doc is not None:
        tags = {token.idx: token.pos_ for token in doc}
    words = []
    for match in _WORD.finditer(text):
        elided = _ELISION.match(match.group())
        start = match.start() + (elided.end() if elided else 0)
        value = _POSSESSIVE.sub("", text[start : match.end()])  # ``Wei's``, ``Çelik'in`` -> the name
        inner = max(value.rfind("'"), value.rfind("’")) + 1  # ``N'DIAYE``: the tag of ``DIAYE``
        # the French model's tag of a word in a script without case (Arabic, Han…) is a guess: none
        pos = (
            tags.get(start + inner, tags.get(start, ""))
            if any(c.isupper() or c.islower() for c in value)
            else ""
        )
        words.append(_Word(value, start, start + len(value), pos))
    return words


class NameLexiconRecognizer(LocalRecognizer):  # type: ignore[misc]
    """PERSON spans from the lexicon, cues and e-mail local parts (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], supported_language="fr", name="NameLexiconRecognizer")

    def load(self) -> None:
        """The lexicon loads on first use (:func:`name_lexicon`), not when the analyzer is built."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        lexicon = name_lexicon()
        doc = getattr(nlp_artifacts, "tokens", None)
        words = _words(text, doc)
        places = _place_spans(nlp_artifacts)
        spans = [
            *_cued(text, words, lexicon, places, _place_spans(nlp_artifacts, {"ORG", "MISC"})),
            *_pairs(
                text,
                words,
                lexicon,
                _place_spans(nlp_artifacts, {"ORG"}),
                _place_spans(nlp_artifacts, {"PER"}),
            ),
            *_email_parts(text, words),
        ]
        spans += _lone_first_names(text, words, lexicon, doc, places)
        spans += _surnames_acting(text, words, lexicon, doc, places)
        spans += _addressed(text, words, lexicon, places)
        spans += _nicknames_spoken_to(text, words, lexicon)
        spans += _signed(text, words, lexicon)
        spans += _shouted(text, words, lexicon)
        spans += _capitals_in_lowercase(text, words, lexicon)
        spans += _shouted_surnames(text, words, lexicon)
        spans += _nicknames_acting(text, words, lexicon, doc)
        spans += _chat_names(text, words, lexicon, doc)
        spans += _of_a_team(text, words, lexicon)
        spans += _initialled(text, words, lexicon)
        spans += _capitals_list(text, words, lexicon)
        spans += _patronyms(text, words, lexicon)
        spans += _han_names(text, lexicon)
        spans += _hangul_names(text, lexicon)
        spans += _honoured(text)
        spans += _possessors(text, words, lexicon, places)
        spans += _mentions(text, lexicon)
        return [
            RecognizerResult("PERSON", start, end, score)
            for start, end, score in spans
            if not is_allowed(text[start:end]) and not is_allowed(_with_next_word(text, start, end))
        ]


def _among_places(words: list[_Word], i: int, places: list[tuple[int, int]], lexicon: NameLexicon) -> bool:
    """The word and the one before its linking word are two places to the NER model (``Reims, Metz et
    Dijon``, ``de Nantes et de Nancy``) — the model's place tag alone is too often wrong on a name to be
    trusted, and one span over both is one phrase misread (« le num perso de hugo »), no list —, or the
    word is listed after a place of the gazetteer."""
    if i < 2:
        return False
    previous = i - 3 if i >= 3 and words[i - 1].folded in {"de", "à", "in", "of"} else i - 2
    if _listed_after_place(words, i, lexicon):
        return True
    holders = [next((p for p in places if p[0] <= words[k].start < p[1]), None) for k in (i, previous)]
    return None not in holders and holders[0] != holders[1]


def _listed_after_place(words: list[_Word], i: int, lexicon: NameLexicon) -> bool:
    """The word is joined by ``et``, ``and``, ``ou``, ``or`` to a country or a region of the gazetteer
    that is no first name of several languages (``Madrid and Milan``, ``Texas and Victoria``), or both are
    places there (``Jordan and Georgia``)."""
    if i < 2 or words[i - 1].folded not in COORDINATION:
        return False
    previous, gazetteer = words[i - 2], place_names()
    if not previous.capitalised or previous.folded not in gazetteer:
        return False
    return not lexicon.is_widespread_first(previous.text) or words[i].folded in gazetteer


def _place_spans(
    nlp_artifacts: NlpArtifacts | None, labels: frozenset[str] | set[str] = frozenset({"LOC", "ORG"})
) -> list[tuple[int, int]]:
    """Where the NER model sees a place or an organisation (``Dijon``, ``France Travail``): read on the
    spaCy document, since Presidio's own entity list leaves these labels out."""
    doc = getattr(nlp_artifacts, "tokens", None)
    return [(e.start_char, e.end_char) for e in (doc.ents if doc is not None else ()) if e.label_ in labels]


def _lone_first_names(
    text: str, words: list[_Word], lexicon: NameLexicon, doc: Doc | None, places: list[tuple[int, int]]
) -> list[tuple[int, int, float]]:
    """A known first name standing alone, not a place, when the sentence makes it a person: tagged as a
    proper noun inside a sentence (``le NIR de jérôme``, lowercase only for first names of several
    languages), before a phone number or an e-mail address (``Rachid 0612…``), or the subject of what a
    person does (``Martin m'a dit``, ``ludo a dit``, ``Baptiste et
    moi``, ``Sophie, tu peux``), which holds at the start of a sentence too."""
    found = []
    starts = {token.idx: token.i for token in doc} if doc is not None else {}
    for word in words:
        if not lexicon.is_first(word.text) or _used_as_word(word) or _in_template_slot(text, word.start):
            continue
        before = text[max(0, word.start - _CUE_WINDOW) : word.start].rstrip(" \u00a0")
        opens = not before or before[-1] in ".!?:\n\t|"
        index = starts.get(word.start)
        # a lowercase word the sentence tags as a proper noun after a preposition (``le NIR de jérôme``)
        # says more than a capital does
        after_link = (
            doc is not None and index is not None and index > 0 and doc[index - 1].pos_ in _LINKING_POS
        )
        # (a country or a region is a place, not a person, on a proper-noun tag alone: ``Visit in Paris``)
        proper = (
            word.pos == "PROPN"
            and (lexicon.is_widespread_first(word.text) or (not word.capitalised and after_link))
            and word.folded not in place_names()
        )
        acts = (
            doc is not None
            and index is not None
            and _acts_as_person(doc, index)
            and not _noun_complement(doc, index, lexicon)
        )
        # an English possessive after a capitalised first name: someone's (``on Priya's account``)
        owner = word.capitalised and text.startswith(("'s ", "’s "), word.end)
        # a contact entry: the first name, then a phone number or an e-mail address (``Rachid 0612…``)
        contact = bool(_CONTACT_AFTER.match(text, word.end))
        # the subject of an English verb inside a sentence (``while Ravi is away``; one opening it is read
        # by :func:`_chat_names`), no place to the NER model nor a country or a region (``Georgia is``)
        speaks = (
            word.capitalised
            and not opens
            and _english_verb_after(text, word.end)
            and word.folded not in place_names()
            and not any(s <= word.start < e for s, e in places)
        )
        if (
            ((proper and not opens) or acts or owner or contact or speaks)
            and not _among_places(words, words.index(word), places, lexicon)
            and not (doc is not None and index is not None and _noun_of_place(doc, index, places))
        ):
            found.append((word.start, word.end, WEAK_SCORE))
    return found


# an English auxiliary or modal, or a verb's third person (``needs``), then the sentence going on in
# lowercase: what a capitalised word before it does (``Ravi is away``, ``Megan wants the form``)
_ENGLISH_VERB = re.compile(
    r"[ \u00a0]+(?P<verb>is|was|has|had|will|would|can|could|should|must|may|might|does|did"
    r"|(?:is|was|has|had|wo|can|could|would|should|does|did)n['’]t|[a-z]{3,}s)[ \u00a0]+[a-z]"
)


def _english_verb_after(text: str, end: int) -> bool:
    """An English verb after ``end`` (see ``_ENGLISH_VERB``): a third person ``-s`` whose stem is an
    English word and which is no French word (``needs``; not « Julie mets », « Marc dans »)."""
    match = _ENGLISH_VERB.match(text, end)
    if match is None:
        return False
    verb = match.group("verb")
    if not verb.endswith("s") or verb in {"is", "was", "has", "does"} or "'" in verb or "’" in verb:
        return True
    return _english_inflection(verb)


def _english_inflection(word: str) -> bool:
    """A third person in ``-s`` or a past in ``-ed`` of an English word, which is no French word
    (``needs``, ``called``; not « mets », « dans »)."""
    folded = word.casefold()
    stems = (
        [folded[:-1]] if folded.endswith("s") else [folded[:-2], folded[:-1]] if folded.endswith("ed") else []
    )
    return any(is_english_word(stem) for stem in stems) and not is_vocabulary_word(folded)


def _possessors(
    text: str, words: list[_Word], lexicon: NameLexicon, places: list[tuple[int, int]]
) -> list[tuple[int, int, float]]:
    """A capitalised surname of the lexicon before an English possessive (``approve Okafor's leave``),
    that no vocabulary holds and that is no place or body to the NER model nor a country or region."""
    return [
        (word.start, word.end, WEAK_SCORE)
        for word in words
        if word.capitalised
        and text.startswith(("'s ", "’s "), word.end)
        and lexicon.is_last(word.text)
        and not _common(word)
        and not is_vocabulary_word(word.text)
        and word.folded not in place_names()
        and not any(s <= word.start < e for s, e in places)
    ]


def _used_as_word(word: _Word) -> bool:
    """:func:`_common`, but the tag of a word no vocabulary holds is the tagger's guess, not a use
    (« pr info lucas a déménagé »: ``lucas`` tagged as an adverb)."""
    return _common(word) and (word.pos not in _NOT_NAME_POS or is_vocabulary_word(word.text))


def _surnames_acting(
    text: str, words: list[_Word], lexicon: NameLexicon, doc: Doc | None, places: list[tuple[int, int]]
) -> list[tuple[int, int, float]]:
    """A capitalised surname of the lexicon, no article before it, as the subject of what a person does,
    right after it: a compound past or an object pronoun (« Petit a validé le devis », « Lebrun m'a dit »:
    no adjective is a subject without its noun) — or a verb, for a surname that is no word (« Lemaire
    attend le devis ») —, not a place or a body to the NER model (« Renault a annoncé »). In capitals, in a
    message that is not typed in capitals, a surname no vocabulary holds (« DUBOIS a encore oublié »)."""
    if doc is None:
        return []
    starts = {token.idx: token.i for token in doc}
    shouting = _all_capitals(text, words)
    found = []
    for word in words:
        index = starts.get(word.start)
        if (
            index is None
            or not word.capitalised
            or (word.text.isupper() and (shouting or not _surname_in_capitals(word)))
            or not lexicon.is_last(word.text)
            or word.folded in _STOP_WORDS
            or is_allowed(word.text)
            or any(s <= word.start < e for s, e in places)
        ):
            continue
        # the verb or its pronoun right after it: no pause (« Meunier, tu dors ? »: a song's words)
        following = doc[index + 1].pos_ if index + 1 < len(doc) else ""
        if following not in {"AUX", "PRON", "VERB"}:
            continue
        verb_next = (
            following == "VERB"
            and (index == 0 or doc[index - 1].pos_ != "DET")
            and not is_vocabulary_word(word.text)
        )
        if verb_next or _acts_as_person(doc, index):
            found.append((word.start, word.end, WEAK_SCORE))
    return found


def _surname_in_capitals(word: _Word) -> bool:
    """A word in capitals that is no acronym and no word (``DUBOIS``; not ``RGPD``, ``NOTE``)."""
    return len(word.text) > 3 and word.text not in ACRONYMS and not is_vocabulary_word(word.text)


def _noun_complement(doc: Doc, index: int, lexicon: NameLexicon) -> bool:
    """A lowercase word of the vocabulary, a first name of one language only, completing a noun through
    ``de``: the noun is what acts (``le marchand de sable est passé``)."""
    word = doc[index]
    return (
        index >= 2
        and word.text.islower()
        and is_vocabulary_word(word.text)
        and not lexicon.is_widespread_first(word.text)
        and doc[index - 1].lower_ in {"de", "d'", "d’"}
        and doc[index - 2].pos_ == "NOUN"
    )


def _noun_of_place(doc: Doc, index: int, places: list[tuple[int, int]]) -> bool:
    """The word, capitalised as a city is, completes a noun through ``de``, ``of``, ``in`` and the NER
    model reads it as a place (``l'équipe de Florence a traduit``: the team's city, the team the subject;
    not ``sécu de oceane``, lowercase)."""
    return (
        index >= 2
        and doc[index].text[:1].isupper()
        and doc[index - 1].lower_ in {"de", "d'", "d’", "of", "in"}
        and doc[index - 2].pos_ == "NOUN"
        and any(s <= doc[index].idx < e for s, e in places)
    )


def _addressed(
    text: str, words: list[_Word], lexicon: NameLexicon, places: list[tuple[int, int]]
) -> list[tuple[int, int, float]]:
    """A known first name the message opens with and speaks to, or signs off with (see the cues) — not a
    place of the gazetteer listed with another place (``Paris – Casablanca``: a signature's offices)."""
    found = []
    for word in words:
        if not lexicon.is_first(word.text) or word.folded in _STOP_WORDS:
            continue
        if word.folded in place_names() and _place_follows(text, word.end, places):
            continue
        before = text[max(0, word.start - _CUE_WINDOW) : word.start]
        spoken_to = _SPOKEN_TO.match(text, word.end)
        # a capitalised surname that is also a word (« Martin, peux-tu… », « Petit, … ») before a comma
        # is no name without a cue: a comma alone speaks to a lowercase or first-name-only word
        paused = spoken_to and spoken_to.group().strip()[:1] == ","
        ambiguous = (
            paused and word.capitalised and lexicon.is_last(word.text) and is_vocabulary_word(word.text)
        )
        opening = _OPENING.search(before) and spoken_to and not ambiguous
        line_alone = (
            "\n" in text and before.rstrip(" \t")[-1:] in {"", "\n"} and _LINE_END.match(text, word.end)
        )
        closing = _SIGN_OFF_BEFORE.search(before) and before.strip() and _TEXT_END.match(text, word.end)
        if opening or line_alone:
            found.append((word.start, word.end, WEAK_SCORE))
        elif closing:  # the name may go on with a surname (``– Siobhán O'Sullivan``)
            surname = _SURNAME_AFTER.match(text, word.end)
            found.append((word.start, surname.end() if surname else word.end, WEAK_SCORE))
    return found


_PLACE_AFTER = regex.compile(r"[ \t]*[–—\-|/,][ \t]*(\p{Lu}[\p{L}'’\-]+)")


def _place_follows(text: str, end: int, places: list[tuple[int, int]]) -> bool:
    """A dash, a bar, a slash or a comma, then a place of the gazetteer or of the NER model."""
    after = _PLACE_AFTER.match(text, end)
    return bool(after) and (
        after.group(1).casefold() in place_names() or any(s <= after.start(1) < e for s, e in places)
    )


# the second person right after a word that opens a message: the word is whom it speaks to (``kev t'as``,
# ``seb tu peux``, ``anne-so peux-tu``, ``ok yasmine je t'ai mis``, ``Chloé & Hugo vous êtes``)
_SECOND_PERSON = re.compile(
    r"[ \t]*,?[ \t]*(?:t['’]|(?:tu|vous|stp|svp|je te|je vous)\b|(?:je|j['’])[ \t]*t['’]"
    r"|[^\W\d_]+-(?:tu|vous)\b)",
    re.IGNORECASE,
)
_BOTH = re.compile(r"[ \t]*(?:&|\+|et|and)[ \t]+", re.IGNORECASE)


def _nicknames_spoken_to(text: str, words: list[_Word], lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """A word opening a message and spoken to in the second person, that is no French word, no function
    word, no acronym nor tool (``kev t'as le num``, ``juju t'es dispo``): a nickname no lexicon holds —
    or two names spoken to together, first names of the lexicon or such words (``Chloé & Hugo vous``)."""
    found = []
    for i, word in enumerate(words):
        before = text[max(0, word.start - _CUE_WINDOW) : word.start]
        if not _OPENING.search(before) or not _addressable(word, lexicon):
            continue
        pair = i + 1 < len(words) and _BOTH.fullmatch(text[word.end : words[i + 1].start])
        last = words[i + 1] if pair and _addressable(words[i + 1], lexicon) else word
        if last is word and word.capitalised and lexicon.is_last(word.text):
            continue  # a capitalised surname that is also a word needs a cue (``Martin, peux-tu``)
        if _SECOND_PERSON.match(text, last.end):
            found.append((word.start, word.end, WEAK_SCORE))
            if last is not word:
                found.append((last.start, last.end, WEAK_SCORE))
    return found


_CHAT_LINKS = frozenset({"de", "à", "a", "avec", "pour", "chez"})
_VOCATIVE_NEXT = frozenset("le la les ma mon mes ta ton tes".split())
# a verb of contacting, asking or standing in for someone: its object is a person (``pinger pauline``,
# ``remplace julien``, ``relance karim``, ``ping ollie``)
_CONTACT_VERB = re.compile(
    r"ping(?:u?e[rz]?|u?é)?|relanc(?:e[rz]?|é)|remplac(?:e[rz]?|é)|pr[ée]vien[st]|pr[ée]ven(?:ir|ez)"
    r"|contact(?:e[rz]?|é)?|joindre|joins|inform(?:e[rz]?|é)|avertir|avertis|remercie[rz]?|tagu?(?:e[rz]?|é)"
    r"|call|text|ask|tell|remind|replace|message|email",
    re.IGNORECASE,
)


def _chat_names(
    text: str, words: list[_Word], lexicon: NameLexicon, doc: Doc | None
) -> list[tuple[int, int, float]]:
    """First names of the lexicon that no vocabulary holds, where a chat puts people: opening the message
    as the subject of a verb (``Agnieszka sera en remote``, ``joao a envoye``, ``Hassan said``), or typed
    in lowercase after ``de``, ``à``, ``avec``, ``pour``, ``chez`` in a message that opens in lowercase
    (``la CB de anthony``, ``anniv de lena``), or typed in lowercase as the object of a verb of contacting
    (``tu peux pinger pauline``); in lowercase, a first name of several languages — or any first name
    opening the message before an article or a possessive (« ludo ma carte pro c'est… »)."""
    found = []
    starts = {token.idx: token.i for token in doc} if doc is not None else {}
    chat = text.lstrip()[:1].islower()
    for i, word in enumerate(words):
        if word.folded in _STOP_WORDS or not lexicon.is_first(word.text) or is_vocabulary_word(word.text):
            continue
        if is_allowed(word.text) or word.folded in place_names():
            continue
        index = starts.get(word.start)
        following = doc[index + 1] if doc is not None and index is not None and index + 1 < len(doc) else None
        before = text[max(0, word.start - _CUE_WINDOW) : word.start]
        # the verb may come after where the person is from (« jurgen de munich a écrit »)
        if (
            following is not None
            and following.lower_ in {"de", "du", "from"}
            and following.i + 2 < len(following.doc)
        ):
            following = following.doc[following.i + 2]
        subject = bool(_OPENING.search(before)) and (
            (following is not None and (following.pos_ in {"AUX", "VERB"} or _english_person_verb(following)))
            or bool(word.capitalised and _ENGLISH_MODAL.match(text, word.end))
            or bool(_TOPIC_NEXT.match(text, word.end))
        )
        linked = chat and word.text.islower() and i > 0 and words[i - 1].folded in _CHAT_LINKS
        contacted = (
            word.text.islower()
            and i > 0
            and text[words[i - 1].end : word.start] == " "
            and bool(_CONTACT_VERB.fullmatch(words[i - 1].text))
        )
        # a lowercase first name opening a chat message right before an article or a possessive: whom the
        # message asks (« laurence le siren du presta c'est… », « ludo ma carte pro c'est… »)
        asked = (
            not word.capitalised
            and bool(_OPENING.search(before))
            and i + 1 < len(words)
            and text[word.end : words[i + 1].start] == " "
            and words[i + 1].folded in _VOCATIVE_NEXT
        )
        # typed in lowercase, a first name of several languages only (``jai mis à jour``: « j'ai »)
        widespread = word.capitalised or lexicon.is_widespread_first(word.text)
        # a lowercase first name of one language, of four letters or more (no chat shorthand: ``jai``),
        # opening the message as the subject of a verb (``priya sera en remote``, ``ollie says``)
        spoken_of = subject and len(word.text) >= 4
        if ((subject or linked or contacted) and widespread) or asked or spoken_of:
            found.append((word.start, word.end, WEAK_SCORE))
        elif _OPENING.search(before) and (partner := _joint_subject(words, i, following, lexicon)):
            found += [(word.start, word.end, WEAK_SCORE), (partner.start, partner.end, WEAK_SCORE)]
    return found


def _joint_subject(words: list[_Word], i: int, following: Token | None, lexicon: NameLexicon) -> _Word | None:
    """The second of two first names of the lexicon, no word of the vocabulary, joined by ``et`` or
    ``and`` and opening a message as the subject of a verb (« léa et hugo sont off demain »)."""
    if following is None or following.lower_ not in COORDINATION or i + 2 >= len(words):
        return None
    partner = words[i + 2]
    doc = following.doc
    verb = doc[following.i + 2] if following.i + 2 < len(doc) else None
    if (
        words[i + 1].folded != following.lower_
        or not lexicon.is_first(partner.text)
        or is_vocabulary_word(partner.text)
        or partner.folded in place_names()
        or verb is None
        or verb.pos_ not in {"AUX", "VERB"}
    ):
        return None
    return partner


# « c'est » after a word opening a chat message: whom the message is about (« Jonas c'est le gars de
# Munich », « Geneviève c'est quoi son numéro »)
_TOPIC_NEXT = re.compile(r"[ \u00a0]+c['’][ \u00a0]?est\b", re.IGNORECASE)


# what a person does or undergoes, in English, which the French model's tagger does not read as a verb
# (``Hassan said``, ``Anh was born``)
_ENGLISH_SAYING = frozenset("said says told tells asked asks wrote writes replied replies mentioned".split())


# an English modal or a negated auxiliary after a capitalised first name: what someone can or cannot do
# (``Agnieszka can't log in``, ``Tomasz won't be there``), which the French model's tagger misreads
_ENGLISH_MODAL = re.compile(
    r"[ \u00a0]+(?:can['’]t|cannot|can|could(?:n['’]t)?|won['’]t|will|would(?:n['’]t)?|should(?:n['’]t)?"
    r"|must|does(?:n['’]t)|did(?:n['’]t)|isn['’]t|wasn['’]t|hasn['’]t|hadn['’]t)[ \u00a0]+(?-i:[a-z])",
    re.IGNORECASE,
)


def _english_person_verb(token: Token) -> bool:
    """``token`` opens a verb of saying, or a birth (``was born``), in English."""
    doc, word = token.doc, token.lower_
    born = word in {"was", "is"} and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "born"
    return word in _ENGLISH_SAYING or born


# a desk, a department or a site a person belongs to (« fatou du lab IA », « oumar de la compta »), where
# it is in English (``Sam from the Leeds office``)
_TEAM_AFTER = re.compile(
    r"[ \t]+(?:du|de[ \t]+la|de[ \t]+l['’]|(?:from|of)[ \t]+the(?:[ \t]+(?-i:[A-Z])[\w'’\-]*)?|from)[ \t]*"
    r"(?:lab|labo|laboratoire|compta|comptabilité|bureau|équipe|service|pôle|direction|département|cellule"
    r"|paie|achats|juridique|support|helpdesk|accueil|secrétariat|rh|drh|dsi|siège|agence|team|office"
    r"|legal|finance|desk|antenne|filiale|site|usine)(?![\w'’-])",
    re.IGNORECASE,
)


def _of_a_team(text: str, words: list[_Word], lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """A first name of the lexicon, in any case, followed by the desk or the department it belongs to
    (« agnieszka du bureau de Varsovie », « oumar de la compta », 'Sam from the legal team'): someone of
    that team — not a place, nor a word after an article (« le Normand de l'équipe ») or of the
    vocabulary typed in lowercase (« rose du bureau »)."""
    found = []
    for i, word in enumerate(words):
        if not _TEAM_AFTER.match(text, word.end) or not lexicon.is_first(word.text):
            continue
        if i > 0 and words[i - 1].folded in _DETERMINERS:
            continue  # « le Normand de l'équipe »: a noun
        if word.folded in _STOP_WORDS or is_allowed(word.text) or word.folded in place_names():
            continue
        if word.text.isupper() or (not word.capitalised and is_vocabulary_word(word.text)):
            continue
        found.append((word.start, word.end, WEAK_SCORE))
    return found


# a formula closing a message, alone on its line (``A+``, ``Bien à vous``, ``Cordialement,``, ``Best,``)
_SIGN_OFF_FORMULA = re.compile(
    r"^[ \t]*(?:a\+|@\+|\+\+|à ?\+|à plus|à bientôt|bien à (?:vous|toi)|b[àa]v|(?:bien |très )?cordialement"
    r"|cdl?t|amicalement|amitiés|bises|bisous|biz|bonne (?:journée|soirée|fin de journée|semaine)"
    r"|merci(?: (?:d['’]avance|beaucoup|encore|à (?:vous|toi)))?|salutations|sincèrement"
    r"|best(?: regards| wishes)?"
    r"|(?:kind |warm |best )?regards|cheers|thanks|thank you|many thanks|thx|sincerely|take care|ciao|tchao"
    # the closings of the other languages staff forward mail in (German, Spanish, Italian, Portuguese,
    # Dutch, Polish, Turkish)
    r"|mit freundlichen gr(?:ü|ue)(?:ß|ss)en|(?:viele|beste|liebe) gr(?:ü|ue)(?:ß|ss)e|saludos(?: cordiales)?"
    r"|un saludo|atentamente|(?:cordiali|distinti) saluti|atenciosamente"
    r"|(?:com os )?(?:melhores )?cumprimentos|met vriendelijke groet(?:en)?|pozdrawiam|z poważaniem"
    r"|saygılarımla|sevgilerimle)"
    r"[ \t,.!]*\n[ \t]*\Z",
    re.IGNORECASE | re.MULTILINE,
)
_INITIALS = regex.compile(r"\p{Lu}{2,3}")


def _signed(text: str, words: list[_Word], lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """A short line right after a formula closing a message: the sender's first name, nickname or
    initials (``A+\nSeb``, ``Cordialement,\nJB``) — or first name and surname, each such a word, one of
    them a name of the lexicon, or a first name of the lexicon, a particle and a capitalised surname
    (``Thibault de Saint-Exupéry``)."""
    found = []
    for i, word in enumerate(words):
        if not _SIGN_OFF_FORMULA.search(text, max(0, word.start - _CUE_WINDOW), word.start):
            continue
        line = [word]
        while i + len(line) < len(words) and text[line[-1].end : words[i + len(line)].start] in {" ", "-"}:
            line.append(words[i + len(line)])
        if not _LINE_END.match(text, line[-1].end):
            continue
        if _particled(line, lexicon):
            found.append((word.start, line[-1].end, WEAK_SCORE))
            continue
        if len(line) > 2:
            continue
        if len(line) == 2 and not any(lexicon.knows(w.text) for w in line):
            continue  # a desk in the sender's language (« Einkauf Abteilung »), no first name and surname
        if all(
            _addressable(w, lexicon) or (_INITIALS.fullmatch(w.text) and w.text not in ACRONYMS) for w in line
        ):
            found.append((word.start, line[-1].end, WEAK_SCORE))
    return found


def _particled(line: list[_Word], lexicon: NameLexicon) -> bool:
    """A first name of the lexicon, one or two nobiliary particles, and a capitalised surname no vocabulary
    holds (``Thibault de Saint-Exupéry``, ``Anne van der Berg``)."""
    first, particles, last = line[0], line[1:-1], line[-1]
    return (
        len(line) in {3, 4}
        and first.capitalised
        and lexicon.is_first(first.text)
        and all(w.folded in _NOBILIARY | {"la", "le", "der", "den"} for w in particles)
        and last.capitalised
        and not is_vocabulary_word(last.text)
        and not is_allowed(last.text)
    )


# an auxiliary or a modal after the subject of a message typed in capitals (``MARC A ENVOYE``); a
# determiner after it makes the opening word a noun (``ROSE EST LA COULEUR``)
_CAPS_AUXILIARIES = frozenset(
    "a avait aura est était etait sera va vient doit peut veut n'a n'est m'a t'a nous vous "
    "has had is was will can says said".split()
)
_DETERMINERS = frozenset("le la les l' un une des du de mon ma mes son sa ses ce cet cette the an".split())


# the second person right after a word: whom the message speaks to (``PAUL TON BADGE``, ``ANNA YOUR PC``)
_SPOKEN_TO_NEXT = frozenset("tu ton ta tes you your".split())


def _shouted(text: str, words: list[_Word], lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """A first name of several languages opening a message typed all in capitals, as the subject of an
    auxiliary or of an English verb (``URGENT !!! MARC A ENVOYE LE FICHIER``, ``TOM CALLED``), or spoken
    to (``PAUL TON BADGE``): capitals hide the name's capital."""
    if not _all_capitals(text, words):
        return []
    found = []
    for i, word in enumerate(words[:-2]):
        before = text[max(0, word.start - _CUE_WINDOW) : word.start]
        if (
            not word.text.isupper()
            or not _OPENING.search(before)
            or not lexicon.is_widespread_first(word.text)
        ):
            continue
        if word.folded in _STOP_WORDS or word.text in ACRONYMS or is_allowed(word.text):
            continue
        following = words[i + 1].folded.replace("’", "'")
        if word.folded in place_names() or not (
            following in _CAPS_AUXILIARIES or following in _SPOKEN_TO_NEXT or _english_inflection(following)
        ):
            continue
        if is_vocabulary_word(word.text) and words[i + 2].folded.replace("’", "'") in _DETERMINERS:
            continue
        found.append((word.start, word.end, WEAK_SCORE))
    return found


# a possessive or a pronoun of the third person further on in the sentence: the act is someone's
_THIRD_PERSON_LATER = re.compile(r"[^.!?\n]{0,60}?\b(?:son|sa|ses|il|elle|lui)\b", re.IGNORECASE)


def _nicknames_acting(
    text: str, words: list[_Word], lexicon: NameLexicon, doc: Doc | None
) -> list[tuple[int, int, float]]:
    """A word no vocabulary holds, opening a message (an interjection before it maybe), as the subject of a
    person's act that a possessive or a pronoun of the third person takes up (« mdr kiki a encore perdu
    son badge », « JP a laissé sa carte »): initials or a nickname, no lexicon holds them — not an acronym
    of three letters or more (``SAP``, ``vpn``), a tool or a place."""
    if doc is None:
        return []
    starts = {token.idx: token.i for token in doc}
    found = []
    for i, word in enumerate(words[:2]):
        index = starts.get(word.start)
        if (
            index is None
            or not 2 <= len(word.text) <= 15
            or (len(word.text) > 2 and _acronym_like(word.text))
        ):
            continue
        if i == 1 and (is_vocabulary_word(words[0].text) or not _OPENING.search(text[: words[0].start])):
            continue  # after one word only, itself no word: an interjection (« ptdr », « mdr »)
        if i == 0 and not _OPENING.search(text[: word.start]):
            continue
        if _used_as_word(word) or is_vocabulary_word(word.text) or word.text in ACRONYMS:
            continue
        if is_allowed(word.text) or word.folded in place_names() or lexicon.knows(word.text):
            continue  # the lexicon's names have their own readings
        if _acts_as_person(doc, index) and _THIRD_PERSON_LATER.match(text, word.end):
            found.append((word.start, word.end, WEAK_SCORE))
    return found


def _acronym_like(word: str) -> bool:
    """In capitals, or without a vowel (``SAP``, ``vpn``, ``crm``): an acronym, however typed."""
    return word.isupper() or not any(c in "aeiouyàâäéèêëîïôöùûü" for c in word.casefold())


def _all_capitals(text: str, words: list[_Word]) -> bool:
    """A message of four words or more typed in capitals (one lowercase letter in twenty at most)."""
    cased = [c for c in text if c.isupper() or c.islower()]
    return len(words) >= 4 and sum(c.islower() for c in cased) <= len(cased) // 20


_TO_SOMEONE = frozenset("à a pour chez avec to for with".split())


def _shouted_surnames(text: str, words: list[_Word], lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """In a message typed all in capitals, a surname of the lexicon that is no word, after ``à``,
    ``pour``, ``chez``, ``avec`` (``to``, ``for``, ``with``) and before a pause or the end (``ENVOYEZ LES
    BADGES A LEMAIRE, PAS A…``): whom the message sends to, capitals hiding the surname's mark."""
    if not _all_capitals(text, words):
        return []
    return [
        (word.start, word.end, WEAK_SCORE)
        for previous, word in itertools.pairwise(words)
        if previous.folded in _TO_SOMEONE
        and text[previous.end : word.start] == " "
        and len(word.text) > 2
        and word.text not in ACRONYMS
        and lexicon.is_last(word.text)
        and not is_vocabulary_word(word.text)
        and word.folded not in place_names()
        and _PHRASE_END.match(text, word.end)
    ]


def _capitals_in_lowercase(
    text: str, words: list[_Word], lexicon: NameLexicon
) -> list[tuple[int, int, float]]:
    """A surname of the lexicon in capitals inside a message typed in lowercase (« c le poste de
    MERCIER »): whoever skips every capital types one for a surname, as forms do — no acronym, no word of
    the vocabulary, no country or region."""
    if not text.lstrip()[:1].islower():
        return []
    return [
        (word.start, word.end, WEAK_SCORE)
        for word in words
        if word.text.isupper()
        and len(word.text) > 2
        and word.text not in ACRONYMS
        and lexicon.is_last(word.text)
        and not is_vocabulary_word(word.text)
        and word.folded not in place_names()
    ]


def _addressable(word: _Word, lexicon: NameLexicon) -> bool:
    """A first name of the lexicon, or a word of two to fifteen letters that no vocabulary holds."""
    if word.folded in _STOP_WORDS or word.text in ACRONYMS or word.text.upper() in ACRONYMS:
        return False
    if is_allowed(word.text) or word.folded in place_names():
        return False
    if lexicon.is_first(word.text):
        return True
    return 2 <= len(word.text) <= 15 and not word.text.isupper() and not is_vocabulary_word(word.text)


def _mentions(text: str, lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """A name of the lexicon mentioned in a chat (``@sophie tu peux…``): the at sign says a person."""
    return [
        (m.start(1), m.end(1), STRONG_SCORE)
        for m in _MENTION.finditer(text)
        if lexicon.knows(m.group(1)) and m.group(1).casefold() not in _STOP_WORDS
    ]


def _capitals_list(text: str, words: list[_Word], lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """A list of words in capitals most of which are surnames of the lexicon: a list of people (``les
    absents : LEBLANC, MERCIER, N'DIAYE``); a list of acronyms (``RSSI, DPO``) is not."""
    runs: list[list[_Word]] = []
    for word in words:
        if not (word.text.isupper() and len(word.text) > 2 and word.text not in ACRONYMS):
            continue
        if runs and _LIST_GAP.fullmatch(text[runs[-1][-1].end : word.start]):
            runs[-1].append(word)
        else:
            runs.append([word])
    return [
        (w.start, w.end, WEAK_SCORE)
        for run in runs
        if len(run) >= 2 and 2 * sum(lexicon.is_last(w.text) for w in run) > len(run)
        for w in run
        if not is_allowed(w.text)
    ]


def _patronyms(text: str, words: list[_Word], lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """``ben``, ``bin``, ``ibn``, ``ould`` before a known name, with the given name before it (``slim ben
    ahmed``): a name of the Arab world, typed in any case."""
    found = []
    for i, word in enumerate(words[1:-1], start=1):
        name = words[i + 1]
        if word.folded not in _PATRONYMIC or not _adjacent(text, word, name) or not lexicon.knows(name.text):
            continue
        given = words[i - 1]
        start = word.start
        if (
            _adjacent(text, given, word)
            and given.folded not in _STOP_WORDS
            and given.pos not in _NOT_NAME_POS
        ):
            start = given.start
        found.append((start, name.end, WEAK_SCORE))
    return found


def _initialled(text: str, words: list[_Word], lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """An initial and a known surname, either way round (``J. Whitfield``, ``c. vidal``, ``Weber D.``);
    a capitalised surname the sentence tags as a proper noun will do after a capital initial."""
    found = []
    starts = {w.start: w for w in words}
    for match in _INITIAL_FIRST.finditer(text):
        word = starts.get(match.end())
        if word is None or word.folded in _STOP_WORDS or is_allowed(word.text):
            continue
        capital = match.group(1).isupper() and word.capitalised
        if lexicon.is_last(word.text) or (capital and (lexicon.knows(word.text) or word.pos == "PROPN")):
            found.append((match.start(), word.end, WEAK_SCORE))
    for word in words:
        after = _INITIAL_AFTER.match(text[word.end : word.end + 4])
        if after and word.capitalised and lexicon.knows(word.text) and not _common(word):
            found.append((word.start, word.end + after.end(), WEAK_SCORE))
    return found


_LINKING_POS = frozenset({"ADP", "CCONJ"})
# personal pronouns: a closed class of the grammar (French and English)
_CLITICS = frozenset("m t me te nous vous lui leur".split())
_NEGATION = frozenset({"n'", "n’", "ne"})
COORDINATION = frozenset({"et", "ou", "and", "or"})  # words that list one thing with another
_PERSONAL = frozenset("moi toi tu vous you i me".split())


def _acts_as_person(doc: Doc, index: int) -> bool:
    """The word at ``doc[index]`` is the subject of a person's act: an object pronoun follows it (``m'a
    dit``), a personal pronoun after a comma or ``et`` (``et moi``, ``, tu``), or a compound past
    (``a dit``, ``est née``, ``a encore laissé``); it has no article before it."""
    if index > 0 and doc[index - 1].pos_ == "DET":
        return False
    # an adverb may stand inside the compound past (``gaetan a encore laissé``)
    following = [t for t in doc[index + 1 : index + 4] if t.i == index + 1 or t.pos_ != "ADV"][:2]
    if not following:
        return False
    first = following[0]
    if first.pos_ == "PRON" and first.text.casefold().rstrip("'’") in _CLITICS:
        return True
    if len(following) == 2 and first.lower_ in _NEGATION and following[1].pos_ in {"VERB", "AUX"}:
        return True  # ``aurélien n'arrive pas``
    if len(following) < 2:
        return False
    second = following[1]
    if first.text.casefold() in {",", "et", "and"} and second.text.casefold() in _PERSONAL:
        return True
    return first.pos_ == "AUX" and second.pos_ == "VERB" and second.text[:1].islower()


def _in_template_slot(text: str, position: int) -> bool:
    """Inside a prompt template's ``[VILLE]`` slot."""
    opening = text.rfind("[", max(0, position - _SLOT_WINDOW), position)
    return (
        opening != -1
        and "]" not in text[opening:position]
        and "]" in text[position : position + _SLOT_WINDOW]
    )


def _with_next_word(text: str, start: int, end: int) -> str:
    """The span and the word after it (``Comité`` -> ``Comité IA``, a body of the corpus)."""
    following = _WORD.search(text, end)
    return text[start : following.end()] if following and following.start() - end <= 1 else text[start:end]


def _han_names(text: str, lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """A Chinese surname and one or two given characters at either end of a Han run (``请联系李娜`` ->
    ``李娜``): a name is what a phrase opens or closes with between punctuation marks."""
    found = []
    for run in _HAN_RUNS.finditer(text):
        value = run.group()
        if len(value) <= 4 and _han_name(value, lexicon):
            found.append((run.start(), run.end(), WEAK_SCORE))
            continue
        for size in (2, 3):
            tail = value[-size:]
            if len(value) > size + 1 and tail[:1] in lexicon.han_surnames:
                found.append((run.end() - size, run.end(), WEAK_SCORE))
                break
    return found


# a Japanese honorific after a name: hyphenated in the Latin script (``Sato-san``, ``mori-sensei``), right
# after two or more katakana or kanji (``サトウさん``, ``田中様``; not ``お客様``, ``皆さん``)
HONORIFICS = frozenset("san sama kun chan sensei senpai sempai dono".split())
_HONORIFIC = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<name>\p{{L}}[\p{{L}}\p{{M}}]+)-(?i:{'|'.join(HONORIFICS)})(?![\p{{L}}])"
    r"|(?P<kana>[\p{Katakana}\p{Han}ー]{2,8})(?:さん|さま|様|くん|君|ちゃん|先生|殿)"
)


def _honoured(text: str) -> list[tuple[int, int, float]]:
    """The name an honorific follows (see ``_HONORIFIC``): the suffix says a person, whatever the name."""
    found = []
    for match in _HONORIFIC.finditer(text):
        group = "name" if match.group("name") else "kana"
        if match.group(group).casefold() not in _STOP_WORDS:
            found.append((match.start(group), match.end(group), STRONG_SCORE))
    return found


def _hangul_names(text: str, lexicon: NameLexicon) -> list[tuple[int, int, float]]:
    """A Korean surname of one or two syllables, then a given name of the lexicon, in one Hangul word
    (``박지훈``, ``김민준``)."""
    return [
        (word.start(), word.end(), WEAK_SCORE)
        for word in _HANGUL_WORD.finditer(text)
        if any(
            word.group()[:size] in lexicon.han_surnames and lexicon.is_first(word.group()[size:])
            for size in (1, 2)
        )
    ]


def _han_name(run: str, lexicon: NameLexicon) -> bool:
    return run[:1] in lexicon.han_surnames or run[:2] in lexicon.han_surnames


def _common(word: _Word) -> bool:
    """A function word, an acronym of the corpus, or a word the sentence uses as a verb, adverb…"""
    return (
        word.folded in _STOP_WORDS
        or (word.text.isupper() and word.text in ACRONYMS)
        or word.pos in _NOT_NAME_POS
    )


def _name_like(word: _Word, lexicon: NameLexicon, strong: bool) -> bool:
    if word.folded in _STOP_WORDS or (word.text.isupper() and word.text in ACRONYMS):
        return False
    if lexicon.knows(word.text) and (strong or word.pos not in _NOT_NAME_POS):
        return True
    if strong and word.pos == "PROPN":  # ``nom de famille szymański``
        return not _common(word)
    if strong and word.text.isupper() and len(word.text) > 1:  # a tagger guesses on capitals: ``N'GUESSAN``
        return True
    return word.capitalised and (strong or word.pos == "PROPN") and not _common(word)


def _surname_tagged(word: _Word, cued: bool, first: _Word) -> bool:
    """After a known first name, a word tagged as a proper noun — or anything but a verb, adjective…
    after a cue (``mon collègue wojciech kowalczyk``). Whoever capitalises a first name capitalises the
    surname too: a word without a capital after one is the sentence going on (``Milan starts``)."""
    if word.folded in _STOP_WORDS or (first.capitalised and word.text.islower()):
        return False
    if word.capitalised or cued:  # a capital after a first name is a surname, even tagged as an adjective
        return word.pos not in _NOT_NAME_POS | ({"ADJ"} if not word.capitalised else set())
    return word.pos == "PROPN"


def _adjacent(text: str, left: _Word, right: _Word) -> bool:
    """Two words of one name: one space (or none) between them, no punctuation, no line break."""
    return text[left.end : right.start] in _NAME_GAPS


def _extend(
    text: str, words: list[_Word], i: int, lexicon: NameLexicon, strong: bool, cued: bool = False
) -> int:
    """Index after the name that starts at ``words[i]``: up to three name words, particles inside — and
    first, after a strong cue (``M. Le Roux``)."""
    j, taken = i, 0
    while j < len(words) and taken < 3:
        if j > i and not _adjacent(text, words[j - 1], words[j]):
            break
        # a leading particle: capitalised (``Le Roux``) or nobiliary (``de Villepin``), never an article
        leading = j > i or (strong and (words[j].capitalised or words[j].folded in _NOBILIARY))
        particles = 0  # a run of particles leading to a capitalised word (``Ruiz de la Torre``)
        while leading and j + particles < len(words) and words[j + particles].folded in _PARTICLES:
            particles += 1
        # a surname typed in lowercase after a civility and its particles (« mme de la rochefoucauld »)
        if (
            0 < particles <= 2
            and strong
            and j == i
            and j + particles < len(words)
            and not words[j + particles].capitalised
            and _unknown_word(words[j + particles])
        ):
            j, taken = j + particles + 1, taken + 1
            continue
        if (
            0 < particles <= 2
            and j + particles < len(words)
            and (words[j + particles].capitalised or lexicon.is_last(words[j + particles].text))
        ):
            j += particles
            continue
        after_first = j > i and lexicon.is_first(words[i].text)
        if not _name_like(words[j], lexicon, strong) and not (
            after_first and _surname_tagged(words[j], cued, words[i])
        ):
            break
        j, taken = j + 1, taken + 1
    while j > i and words[j - 1].folded in _PARTICLES:
        j -= 1
    return j


def _unknown_word(word: _Word) -> bool:
    """A word no vocabulary holds, no function word and no verb: after a civility and a particle, a
    surname typed in lowercase (« mme de la rochefoucauld »; not « madame de la compta »)."""
    return not _common(word) and not is_vocabulary_word(word.text) and len(word.text) > 2


def _cued(
    text: str,
    words: list[_Word],
    lexicon: NameLexicon,
    places: list[tuple[int, int]],
    bodies: list[tuple[int, int]],
) -> Iterator[tuple[int, int, float]]:
    """Words after a cue: any name-like word after a strong one, or after a label that the NER model does
    not read as a body (``bodies``: organisations and the like); after a weak one, a word the lexicon knows;
    after a linking word (``avec``, ``and``), a first name — neither of the last two in a place."""
    for i, word in enumerate(words):
        low = max(0, word.start - _LINE_WINDOW)
        newline = text.rfind("\n", low, word.start)
        line = text[newline + 1 if newline != -1 else low : word.start]
        # a cue on the row above of a pasted table heads its own column, not the next row's first cell
        above = text[text.rfind("\n", low, max(newline, 0)) + 1 : newline] if newline != -1 else ""
        reach = newline + 1 if "\t" in above or "|" in above else 0
        before = text[max(reach, word.start - _CUE_WINDOW) : word.start].replace("\n", " ")
        civility = bool(_CIVILITY_CUE.search(before))
        strong = bool(_STRONG_CUE.search(before)) or civility
        labelled = not strong and (bool(_LABEL_CUE.search(before)) or bool(_HEADER_LIST.match(line)))
        strong = strong or labelled
        weak = not strong and bool(_WEAK_CUE.search(before)) and lexicon.knows(word.text)
        linked = not strong and not weak and bool(_LINK_CUE.search(before)) and lexicon.is_first(word.text)
        # ``to`` or ``from`` a country or a region is a destination or an origin, not whom to or from
        linked = linked and not (_DESTINATION.search(before) and word.folded in place_names())
        greeted = _greeted(text, word, before, lexicon)
        owns = _owns_datum(text, word, lexicon, places)
        link = linked or greeted or owns or _owner(text, word, lexicon)
        if not (strong or weak or link) or _in_template_slot(text, word.start):
            continue
        if link and _among_places(words, i, places, lexicon):
            continue
        if weak and not word.capitalised and not lexicon.is_first(word.text) and not greeted:
            continue
        if link and not word.capitalised and not lexicon.is_widespread_first(word.text) and not greeted:
            continue
        # a capitalised first name after a cue is one, whatever tag the sentence gives it (``Hey, Jamal's``)
        sure = strong or greeted or owns or (word.capitalised and lexicon.is_first(word.text))
        end = _extend(text, words, i, lexicon, sure, cued=True)
        if not strong and end == i + 1 and _qualified(text, words, i):
            continue  # ``Merle noir``, ``Rose pâle``: a noun and its adjective
        if (
            linked
            and end == i + 1
            and i >= 2
            and listed_with_no_name(word.text, words[i - 1].text, words[i - 2].text, words[i - 2].pos)
        ):
            continue
        if labelled and end > i and not _labelled_name(words[i:end], lexicon, bodies):
            continue
        if not civility and end > i and _role_phrase(words[i:end], lexicon):
            continue
        if end > i and _plausible(words[i:end], lexicon, sure):
            yield word.start, words[end - 1].end, STRONG_SCORE if strong else WEAK_SCORE
        elif end == i and civility and not _common(word) and len(word.text) > 2:
            yield word.start, word.end, STRONG_SCORE


def listed_with_no_name(word: str, link: str, other: str, other_pos: str) -> bool:
    """A first name of few languages joined by ``et``, ``ou``, ``and``, ``or`` (``link``) to a word that
    is no name of the lexicon nor a pronoun (``d'Hermès ou Athena``; but ``Malik et Sandrine``, ``moi et
    Inès``): a myth or a brand among others, not a person."""
    lexicon = name_lexicon()
    return (
        link.casefold() in COORDINATION
        and not lexicon.is_widespread_first(word)
        and not (lexicon.knows(other) or other.casefold() in _PERSONAL or other_pos == "PRON")
    )


def _labelled_name(name: list[_Word], lexicon: NameLexicon, bodies: list[tuple[int, int]]) -> bool:
    """What a label or a header field introduces is a person when the lexicon knows one of its words, or
    when one is a surname in capitals (``À : N'DIAYE Ousmane``), or when the sentence tags each of them as
    a proper noun (or a foreign word) and the NER model sees no body there: ``De : Ousmane Diop``, not
    ``De : Helpdesk`` (a noun), nor ``From: Product Management`` (a body)."""
    if any(
        (lexicon.knows(w.text) and w.folded not in place_names())  # ``À : Acheteurs France``: a place
        or (w.text.isupper() and len(w.text) > 2 and w.text not in ACRONYMS)
        for w in name
    ):
        return True
    tagged = all(w.pos in {"PROPN", "X", ""} or w.text.isupper() or w.folded in _PARTICLES for w in name)
    return tagged and not any(s < name[-1].end and name[0].start < e for s, e in bodies)


def _role_phrase(name: list[_Word], lexicon: NameLexicon) -> bool:
    """What a label or a sign-off introduces opens, past an article, on a word of the vocabulary that the
    lexicon knows as no name: a role, a desk, a team (``Le Délégué à la protection…``, ``De : Secrétariat
    COPIL``, ``À : Sponsors métiers``), not ``Le Roux`` nor ``De : Rose Martin``."""
    head = next((w for w in name if w.folded not in _ARTICLES), None)
    return (
        head is not None
        and not head.text.isupper()
        and is_vocabulary_word(head.text)
        and not lexicon.knows(head.text)
    )


def _qualified(text: str, words: list[_Word], i: int) -> bool:
    """The word is followed by a lowercase adjective, as a common noun is."""
    following = words[i + 1] if i + 1 < len(words) else None
    return bool(
        following
        and _adjacent(text, words[i], following)
        and following.pos == "ADJ"
        and not following.capitalised
    )


def _greeted(text: str, word: _Word, before: str, lexicon: NameLexicon) -> bool:
    """A proper noun, or a name of the lexicon in any case, between a greeting and a pause: the person
    greeted (``thanks Pádraig —``, ``hey raj,``)."""
    if not (_GREETING.search(before) and _PAUSE.match(text, word.end)):
        return False
    return (word.capitalised and word.pos == "PROPN") or (lexicon.knows(word.text) and not _common(word))


def cued(text: str, start: int) -> bool:
    """A cue (``M.``, ``demande à``, ``merci``…) stands right before ``start``, or before its particle."""
    before = _TRAILING_PARTICLE.sub("", text[max(0, start - _CUE_WINDOW) : start].replace("\n", " "))
    return bool(_STRONG_CUE.search(before) or _LABEL_CUE.search(before) or _WEAK_CUE.search(before))


def _owns_datum(text: str, word: _Word, lexicon: NameLexicon, places: list[tuple[int, int]]) -> bool:
    """A first name of the lexicon, or a capitalised word the sentence tags as a proper noun and the NER
    model does not read as a place or a body, after a personal datum and ``de`` (``le numéro de Tuấn``);
    no country or region, no acronym (``le numéro de TVA``)."""
    if not _DATUM_OF.search(text, max(0, word.start - _CUE_WINDOW), word.start) or _common(word):
        return False
    if word.folded in place_names():
        return False
    proper = word.capitalised and word.pos == "PROPN" and not any(s <= word.start < e for s, e in places)
    return lexicon.is_first(word.text) or proper


def _owner(text: str, word: _Word, lexicon: NameLexicon) -> bool:
    """A lowercase first name of several languages closing a phrase after ``de`` (``le num de max ?``), not
    a place (``le cluster de paris``)."""
    return (
        not word.capitalised
        and lexicon.is_widespread_first(word.text)
        and word.folded not in place_names()
        and bool(_OWNER_BEFORE.search(text, max(0, word.start - _CUE_WINDOW), word.start))
        and bool(_PHRASE_END.match(text, word.end))
    )


def _plausible(name: list[_Word], lexicon: NameLexicon, strong: bool) -> bool:
    """A cued name needs one word the lexicon knows, or capitals (``M. Xu``); no all-common phrase, no
    short acronym (``the signed NDA``)."""
    if all(w.folded in _PARTICLES for w in name):
        return False
    if any(w.text.isupper() and len(w.text) <= 4 and not lexicon.knows(w.text) for w in name):
        return False
    if strong:
        return any(lexicon.knows(w.text) or w.capitalised or w.pos == "PROPN" for w in name) or (
            len(name) >= 2 and name[-2].folded in _PARTICLES and _unknown_word(name[-1])
        )
    return any(lexicon.knows(w.text) for w in name) and not all(_common(w) for w in name)


def _pairs(
    text: str,
    words: list[_Word],
    lexicon: NameLexicon,
    organisations: list[tuple[int, int]],
    persons: list[tuple[int, int]],
) -> Iterator[tuple[int, int, float]]:
    """A known first name right before a surname-like word, in any case (``marie lefebvre``), or a
    surname and a first name both in the lexicon (``sztuba dariusz``), neither used as a common word — or
    tagged as one, when the NER model reads the two as a person (``mamadou traore demande``)."""
    for i in range(len(words) - 1):
        first, second = words[i], words[i + 1]
        # two capitalised words inside a sentence: the capitals say more than the French model's tags
        # of an English sentence (``loop in Wouter Peeters``)
        trusted = first.capitalised and second.capitalised and not _opens(text, first.start)
        trusted = trusted or any(s <= first.start and second.end <= e for s, e in persons)
        # two words of no vocabulary: the tagger's verb or adjective is a guess (``kader benali dit``)
        guessed = not any(is_vocabulary_word(w.text) or w.folded in _STOP_WORDS for w in (first, second))
        if (
            not _adjacent(text, first, second)
            # whoever capitalises a first name capitalises the surname too (``Sage plante``: a verb)
            or (first.capitalised and second.text.islower() and second.folded not in _PARTICLES)
            or any(len(part) == 1 for part in second.text.split("-"))  # ``Dock USB-C``: a product code
            or (_common(first) and not (trusted or guessed))
            or _in_template_slot(text, first.start)
        ):
            continue
        both_known = (trusted or guessed or {first.pos, second.pos}.isdisjoint(_NOT_NAME_POS | {"ADJ"})) and (
            (lexicon.is_first(first.text) and lexicon.is_last(second.text))
            or (lexicon.is_last(first.text) and lexicon.is_first(second.text))
        )
        if both_known and (trusted or guessed or not _common(second)):
            yield first.start, second.end, PAIR_SCORE
            continue
        # a first name of several languages and an English possessive: someone's (``anna kowalski's``)
        owned = text.startswith(("'s", "’s"), second.end) and second.folded not in _STOP_WORDS
        if owned and lexicon.is_widespread_first(first.text):
            yield first.start, second.end, PAIR_SCORE
            continue
        person = any(s <= first.start and second.end <= e for s, e in persons)
        if _unknown_given(text, first, second, lexicon, organisations, person):
            yield first.start, second.end, PAIR_SCORE
            continue
        if not lexicon.is_first(first.text):
            continue
        if not first.capitalised and not (lexicon.is_widespread_first(first.text) or _compound_first(first)):
            continue
        end = max(
            _extend(text, words, i, lexicon, strong=False), i + 2 if lexicon.is_last(second.text) else 0
        )
        if end <= i + 1:
            continue
        if not (lexicon.is_last(second.text) or second.capitalised or second.folded in _PARTICLES):
            continue
        if _common(second) and not lexicon.is_last(second.text) and second.folded not in _PARTICLES:
            continue
        if not lexicon.knows(second.text) and any(s <= first.start < e for s, e in organisations):
            continue  # ``France Travail``: an organisation to the NER model, a noun after the name
        while end > i + 1 and words[end - 1].folded in _PARTICLES:
            end -= 1  # ``Vincent van`` is no name: the particle must lead somewhere
        if end <= i + 1:
            continue
        if second.folded in _PARTICLES and not lexicon.knows(words[end - 1].text):
            continue  # ``Noël de Strasbourg``: a particle leads to a surname, not to a town
        yield first.start, words[end - 1].end, PAIR_SCORE


def _compound_first(word: _Word) -> bool:
    """First names hyphenated, which no vocabulary holds (``jean-baptiste``, ``marie-claire``)."""
    return "-" in word.text and name_lexicon().is_first(word.text) and not is_vocabulary_word(word.text)


def _unknown_given(
    text: str, first: _Word, second: _Word, lexicon: NameLexicon, bodies: list[tuple[int, int]], person: bool
) -> bool:
    """A capitalised word that is no first name of the lexicon nor a word of the vocabulary, tagged as a
    proper noun (or a foreign word, or anything but a function word when the NER model reads the two as a
    person), then a capitalised surname of the lexicon, inside a sentence: a given name the lexicon lacks
    (``joindre Raj Patel``, ``add Małgorzata Wiśniewska``) — not a place, a street, a body to the NER
    model, nor an acronym (``Wall Street``, ``Dakota Group``)."""
    return (
        first.capitalised
        and second.capitalised
        and not first.text.isupper()
        and not second.text.isupper()
        and (first.pos in {"PROPN", "X"} or (person and first.pos not in _NOT_NAME_POS))
        and second.pos not in _NOT_NAME_POS
        and len(first.text) > 2
        and not lexicon.is_first(first.text)
        and lexicon.is_last(second.text)
        and not _common(first)
        and not is_vocabulary_word(first.text)
        and not is_allowed(first.text)
        and not is_allowed(second.text)
        and not any(w.folded in THING_NOUNS | WORKPLACE_NOUNS | BUSINESS_NOUNS for w in (first, second))
        and first.folded not in place_names()
        and second.folded not in place_names()
        and not _opens(text, first.start)
        and not any(s <= first.start < e for s, e in bodies)
    )


def _opens(text: str, start: int) -> bool:
    before = text[max(0, start - _CUE_WINDOW) : start].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?:\n\t|"


def _email_parts(text: str, words: Iterable[_Word]) -> Iterator[tuple[int, int, float]]:
    """Words of the text that are the parts of one of its e-mail addresses' local part."""
    parts = {
        p.casefold()
        for m in _EMAIL_LOCAL.finditer(text)
        for p in re.split(r"[._+\-]", m.group(1))
        if len(p) > 2 and p.isalpha() and p.casefold() not in _STOP_WORDS
    }
    if not parts:
        return
    emails = [m.span() for m in _EMAIL_LOCAL.finditer(text)]
    for word in words:
        inside = any(s <= word.start < e for s, e in emails)
        if not inside and any(p in parts or _bare(p) in parts for p in word.folded.split("-")):
            yield word.start, word.end, WEAK_SCORE
