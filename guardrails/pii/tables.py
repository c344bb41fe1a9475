"""Rows pasted from a spreadsheet: a column whose header names a kind of personal data labels every cell
below it (``Nom;Prénom;Téléphone`` then ``Okafor;Chinedu;…``), whatever the cell's case or origin, and
whatever its checksum (``SIREN``, ``Carte``, ``IBAN`` columns): the header is the label."""

from __future__ import annotations

import re
from collections.abc import Iterator

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.pii.allow_list import ACRONYMS, LEGAL_FORMS, NOT_NAMES
from guardrails.pii.names import name_lexicon
from guardrails.pii.recognizers import DATE
from guardrails.pii.validators import long_ago
from guardrails.pii.vocabulary import is_vocabulary_word

_DELIMITERS = ("\t", ";", "|", ",")
# what shows a row pasted alone (``Hamidi;Rachid;06…``): a line break, or a delimiter prose seldom uses
_ROW_DELIMITERS = ("\n", "\t", ";", "|")
# header words, French and English (and the few other languages staff paste), per entity
_HEADER_WORDS = {
    "PERSON": frozenset(
        "nom prénom prenom noms prénoms name names first last full given family surname complet "
        "ad soyad họ tên employé employée salarié salariée salarie collaborateur collaboratrice "
        "interlocuteur client cliente customer contact dirigeant dirigeante bénéficiaire beneficiaire "
        "beneficiary titulaire holder user utilisateur utilisatrice employee staff agent du de la "
        "famille vorname nachname mitarbeiter mitarbeiterin nombre apellido apellidos empleado cognome "
        "dipendente naam voornaam achternaam medewerker nome".split()
    ),
    "BIRTH_DATE": frozenset(
        "date de naissance ddn dob birth of birthday anniversaire né née le geburtsdatum fecha nacimiento "
        "data di nascita geboortedatum nascimento naiss nac geb nasc".split()
    ),
    "FR_PASSPORT": frozenset("n° no numéro number passeport passport".split()),
    "FR_NIR": frozenset("n° no numéro de sécu sécurité sociale nir insee ssn ss".split()),
    "CREDIT_CARD": frozenset("n° no numéro de carte card cb bancaire number credit payment".split()),
    "IBAN": frozenset("iban rib bic/iban".split()),
    "FR_SIREN": frozenset("n° no numéro siren".split()),
    "FR_SIRET": frozenset("n° no numéro siret".split()),
    "IP": frozenset("ip ipv4 ipv6 adresse address".split()),
}
_KEY_WORDS = {  # one of these must be in the header cell
    "PERSON": frozenset(
        "nom prénom prenom name surname soyad tên employé employée salarié salariée salarie client cliente "
        "customer contact dirigeant dirigeante bénéficiaire beneficiaire beneficiary titulaire holder user "
        "utilisateur utilisatrice employee collaborateur collaboratrice interlocuteur vorname nachname "
        "mitarbeiter mitarbeiterin nombre apellido apellidos empleado cognome dipendente naam voornaam "
        "achternaam medewerker nome".split()
    ),
    "BIRTH_DATE": frozenset(
        "naissance ddn dob birth birthday anniversaire né née geburtsdatum nacimiento nascita "
        "geboortedatum nascimento naiss nac geb nasc".split()
    ),
    "FR_PASSPORT": frozenset("passeport passport".split()),
    "FR_NIR": frozenset("sécu nir insee ssn sécurité ss".split()),
    "CREDIT_CARD": frozenset("carte card cb".split()),
    "IBAN": frozenset("iban rib".split()),
    "FR_SIREN": frozenset({"siren"}),
    "FR_SIRET": frozenset({"siret"}),
    "IP": frozenset("ip ipv4 ipv6".split()),
}
# a cell's shape under its header: the header says what it is, so no checksum is asked (a typo does not
# make a value anonymous), but the shape must fit (a ``Contact`` cell holding an e-mail is no name)
_CELL_SHAPE = {
    "PERSON": re.compile(r"(?:[^\W\d_]+(?:[-'’. ]+|, ?)?){1,5}"),
    "BIRTH_DATE": re.compile(rf"\d{{1,4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,4}}|{DATE}", re.IGNORECASE),
    "FR_PASSPORT": re.compile(r"[A-Za-z0-9]{2}(?: ?[A-Za-z0-9]){4,10}"),
    "FR_NIR": re.compile(r"[0-9](?:[ .]?[0-9AB]){12,14}"),
    "CREDIT_CARD": re.compile(r"\d(?:[ .\-]?\d){11,18}"),
    "IBAN": re.compile(r"[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){10,30}"),
    "FR_SIREN": re.compile(r"\d{3}[ .]?\d{3}[ .]?\d{3}"),
    "FR_SIRET": re.compile(r"\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5}"),
    "IP": re.compile(r"\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"),
}
_THING = "THING_NAME"  # a column naming the things a table lists, not a kind of personal data
_CELL_SHAPE[_THING] = _CELL_SHAPE["PERSON"]
# a row with no header above it is a person's record when one of its cells is wholly an e-mail or a phone
# number (``DUPUIS;Agathe;21/01/1998;agathe.dupuis@gmail.com;0645127839``): its full dates of a year long
# gone are birth dates, its cells of one to three words the name lexicon knows, none of them vocabulary,
# are names
_PERSONAL_CELL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\(?\d(?:[ .\-()]{0,2}\d){7,14}")
_NAME_CELL = re.compile(r"[^\W\d_]+(?:[-'’ ][^\W\d_]+){0,2}")
_RECORD_SCORE = 0.7
_SCORE = 0.89  # above the NER model's 0.85: Presidio keeps the wider of two same-score spans
_LETTERS = re.compile(r"[^\W\d_]+")
_ASIDE = re.compile(r"\([^)]*\)")  # ``NIR (13 chiffres)``, ``Né(e) le``: what a header adds in brackets
# nouns of a header naming a thing a table lists: a bare ``Nom`` beside one names that thing
_THING_HEADER_WORDS = frozenset(
    "projet projets project projects produit produits product products application applications app apps "
    "outil outils tool tools modèle modèles model models système systèmes system systems "
    "solution solutions plateforme plateformes platform platforms chantier chantiers initiative initiatives "
    "programme programmes program programs usage usages".split()
)
_BARE_NAME_HEADERS = [["nom"], ["name"], ["naam"], ["nome"], ["nombre"]]
_THING_COLUMN = "THING_COLUMN"  # a column whose header names rooms, tools, metrics, firms or sites: no person
_CELL_SHAPE[_THING_COLUMN] = _CELL_SHAPE["PERSON"]
# header nouns of a column listing rooms, buildings, tools, metrics, firms, sites or hosting (``Salle``,
# ``Outil``, ``KPI``, ``Fournisseur``, ``Site``, ``Hébergement``): a supplier or a city named like a person
# is still a firm or a city
_THING_COLUMN_WORDS = frozenset(
    "salle salles room rooms bâtiment bâtiments building buildings amphi amphis amphithéâtre lieu lieux "
    "fournisseur fournisseurs supplier suppliers vendor vendors société sociétés company companies "
    "entreprise entreprises marque marques brand brands enseigne enseignes site sites ville villes city "
    "cities "
    "outil outils tool tools bot bots chatbot chatbots logiciel logiciels software application applications "
    "app apps plateforme plateformes platform platforms kpi kpis indicateur indicateurs métrique métriques "
    "metric metrics hébergement hébergeur hosting host cloud région region datacenter".split()
)
# a header of identifiers: each row is one thing, keyed by its code (``Code projet``, ``ID produit``)
_KEY_HEADER_WORDS = frozenset(
    "code codes id ids ref réf référence reference key clé n° no numéro number".split()
)
# header words of a person's contact data, which no checksum recognizer labels by column
_CONTACT_HEADER_WORDS = frozenset(
    "mail e-mail email courriel téléphone telephone tél tel phone mobile portable adresse address".split()
)


def _header_entity(cell: str) -> str | None:
    folded = _ASIDE.sub(" ", cell.casefold().replace("(e)", ""))
    words = [w for w in re.split(r"[\s_/.:\-]+", folded.replace("'", " ")) if w]
    for entity, allowed in _HEADER_WORDS.items():
        if words and all(w in allowed for w in words) and any(w in _KEY_WORDS[entity] for w in words):
            return entity
    return None


def _cells(line: str, offset: int, delimiter: str) -> list[tuple[str, int, int]]:
    """The stripped cells of a line with their offsets in the text; a cell in double quotes may hold the
    delimiter (``"Lefèvre, Anne",2 71…``) and is reported without its quotes."""
    out, position = [], offset
    for raw in _split(line, delimiter):
        stripped = raw.strip()
        start = position + (len(raw) - len(raw.lstrip())) if stripped else position
        if len(stripped) > 1 and stripped[0] == stripped[-1] == '"':
            out.append((stripped[1:-1].strip(), start + 1, start + len(stripped) - 1))
        else:
            out.append((stripped, start, start + len(stripped)))
        position += len(raw) + len(delimiter)
    return out


def _split(line: str, delimiter: str) -> list[str]:
    """``line`` cut at ``delimiter``, except inside double quotes."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        if char == delimiter and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


class TableColumnRecognizer(LocalRecognizer):  # type: ignore[misc]
    """Cells under a header naming a kind of personal data: ``Nom``, ``Client``, ``Date de naissance``,
    ``Passeport``, ``NIR``, ``Carte``, ``IBAN``, ``SIREN``, ``SIRET``, ``IP``…"""

    def __init__(self) -> None:
        entities = list(_HEADER_WORDS)
        super().__init__(supported_entities=entities, supported_language="fr", name="TableColumnRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not any(delimiter in text for delimiter in _ROW_DELIMITERS):  # a row pasted alone holds its own
            return []
        return [
            RecognizerResult(entity, start, end, _SCORE)
            for entity, start, end in _cells_under_headers(text)
            if entity != _THING and (not entities or entity in entities)
        ]


def thing_cells(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The cells of a pasted table that name things, not people, read in one pass: where a bare ``Nom``
    column names the thing each row is keyed by (see :func:`_things_named`: a project or a product,
    whatever the NER model or the lexicon reads there), then the cells under a header that names rooms,
    buildings, tools, metrics, firms or sites (``Simone Veil`` under ``Salle``, ``Demandes Albert`` under
    ``KPI``), and those of a first row that labels the columns (see :func:`_labels_columns`)."""
    if "\n" not in text:
        return [], []
    cells = list(_cells_under_headers(text))
    named = [(start, end) for entity, start, end in cells if entity == _THING]
    columns = [(start, end) for entity, start, end in cells if entity == _THING_COLUMN]
    return named, columns


def _cells_under_headers(text: str) -> Iterator[tuple[str, int, int]]:
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((line, offset))
        offset += len(line) + 1
    for delimiter in _DELIMITERS:
        columns: dict[int, str] = {}
        above: list[tuple[str, int, int]] = []
        for index, (line, start) in enumerate(lines):
            cells, first = _cells(line, start, delimiter), len(above) < 2
            above = cells
            if len(cells) < 2:
                columns = {}
                continue
            if (
                first
                and index + 1 < len(lines)
                and _labels_columns(cells, _cells(*lines[index + 1], delimiter))
            ):
                yield from ((_THING_COLUMN, cell_start, end) for _, cell_start, end in cells)
            header = {i: e for i, (cell, _, _) in enumerate(cells) if (e := _header_entity(cell))}
            things = {i: _THING_COLUMN for i, (cell, _, _) in enumerate(cells) if _names_things(cell)}
            if header or things:
                columns = things | (_things_named(header, [cell for cell, _, _ in cells]) if header else {})
                continue
            if not columns and len(cells) >= 3:
                yield from _record_cells(cells)
            for i, entity in columns.items():
                if i < len(cells) and cells[i][0] and _CELL_SHAPE[entity].fullmatch(cells[i][0]):
                    if entity == "PERSON" and not LEGAL_FORMS.isdisjoint(cells[i][0].split()):
                        continue  # a ``Client`` column may hold a company (``SARL Bati Nord``)
                    yield entity, cells[i][1], cells[i][2]


def _labels_columns(cells: list[tuple[str, int, int]], below: list[tuple[str, int, int]]) -> bool:
    """A table's first row with as many cells as the row under it, no digit, and no cell naming someone
    (``Mois | CA (k€) | Marge``, ``Questions Albert``: a tool's figures): it labels the columns — a header
    of people's names holds them (``Semaine | Alice | Bob``)."""
    words = [[w for w in _LETTERS.findall(cell) if len(w) > 1] for cell, _, _ in cells]
    return (
        len(below) == len(cells)
        and any(words)
        and not any(c.isdigit() for cell, _, _ in cells for c in cell)
        and not any(map(_names_someone, words))
    )


def _names_someone(words: list[str]) -> bool:
    """A header cell holding a name of the lexicon that is no word of the vocabulary, not after a common
    noun (``Alice``, ``Jean-François Tremblay``; not ``Questions Albert``)."""
    lexicon = name_lexicon()
    after_a_noun = bool(words) and is_vocabulary_word(words[0]) and not lexicon.knows(words[0])
    return not after_a_noun and any(
        lexicon.knows(w) and not w.isupper() and not is_vocabulary_word(w) for w in words
    )


def _names_things(cell: str) -> bool:
    """A header cell made of nouns of rooms, tools, metrics, firms or sites only (``Salle``, ``KPI``)."""
    words = _header_words(cell)
    return bool(words) and all(w in _THING_COLUMN_WORDS for w in words)


def _header_words(cell: str) -> list[str]:
    return [w for w in re.split(r"[\s_/.:\-'’()]+", cell.casefold()) if w]


def _things_named(header: dict[int, str], cells: list[str]) -> dict[int, str]:
    """The header's columns; but a bare ``Nom`` (``Name``) column, when another header keys each row by a
    thing's code (``Code projet``, ``ID application``, ``Réf. produit``) and no other column holds a
    person's data (``Prénom``, ``E-mail``, ``Date de naissance``), names that thing, a project or a
    product (``PRJ-031;Hermès;DSI``), not a person."""
    bare = [
        i for i, e in header.items() if e == "PERSON" and _header_words(cells[i])[:2] in _BARE_NAME_HEADERS
    ]
    if len(bare) != 1 or len(header) > 1:
        return header
    others = [_header_words(cell) for i, cell in enumerate(cells) if i != bare[0]]
    thing = any(
        not _THING_HEADER_WORDS.isdisjoint(words) and not _KEY_HEADER_WORDS.isdisjoint(words)
        for words in others
    )
    contact = any(not _CONTACT_HEADER_WORDS.isdisjoint(words) for words in others)
    return {bare[0]: _THING} if thing and not contact else header


def _record_cells(cells: list[tuple[str, int, int]]) -> Iterator[tuple[str, int, int]]:
    """The birth dates and names of a headerless row that holds an e-mail or a phone number; the names open
    the row (after an identifier of digits): a later cell of words is a city or a department."""
    if not any(_PERSONAL_CELL.fullmatch(cell) for cell, _, _ in cells):
        return
    leading = True
    for index, (cell, start, end) in enumerate(cells):
        if _CELL_SHAPE["BIRTH_DATE"].fullmatch(cell) and long_ago(cell):
            yield "BIRTH_DATE", start, end
        if leading and _NAME_CELL.fullmatch(cell) and (_name_cell(cell) or _surname_then_first(cells, index)):
            yield "PERSON", start, end
        elif not (index == 0 and cell.isdigit()):
            leading = False


def _surname_then_first(cells: list[tuple[str, int, int]], index: int) -> bool:
    """A surname in capitals then a first name of the lexicon, each alone in its cell (``MARTIN;Lucas``):
    the order of a staff record, which makes a surname that is also a word (« martin ») a name, and one the
    lexicon lacks that is no word (``TRABELSI;Ines``) a name too."""
    lexicon = name_lexicon()
    pairs = [(index, index + 1), (index - 1, index)]
    return any(
        last >= 0
        and first < len(cells)
        and cells[last][0].isupper()
        and (lexicon.is_last(cells[last][0]) or _unknown_surname(cells[last][0]))
        and not cells[first][0].isupper()
        and lexicon.is_first(cells[first][0])
        for last, first in pairs
    )


def _unknown_surname(cell: str) -> bool:
    """One or two words in capitals, none a word of the vocabulary, an acronym or a civility."""
    words = cell.split()
    return (
        len(words) <= 2
        and all(len(w) > 1 for w in words)
        and not any(is_vocabulary_word(w) or w in ACRONYMS or w.casefold() in NOT_NAMES for w in words)
    )


def _name_cell(cell: str) -> bool:
    words = re.split(r"[-'’ ]", cell)
    lexicon = name_lexicon()
    return (
        any(lexicon.knows(w) for w in words)
        and not any(is_vocabulary_word(w) or w.casefold() in NOT_NAMES for w in words)
        and LEGAL_FORMS.isdisjoint(words)
    )
