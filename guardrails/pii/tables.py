"""Rows pasted from a spreadsheet: a column whose header names a kind of personal data labels every cell
below it (``Nom;Prénom;Téléphone`` then ``Okafor;Chinedu;…``), whatever the cell's case or origin."""

from __future__ import annotations

import re
from collections.abc import Iterator

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

_DELIMITERS = ("\t", ";", "|", ",")
# header words, French and English (and the few other languages staff paste), per entity
_HEADER_WORDS = {
    "PERSON": frozenset(
        "nom prénom prenom noms prénoms name names first last full given family surname complet "
        "ad soyad họ tên employé employée salarié salariée collaborateur collaboratrice interlocuteur".split()
    ),
    "BIRTH_DATE": frozenset("date de naissance ddn dob birth of birthday né née".split()),
    "FR_PASSPORT": frozenset("n° no numéro number passeport passport".split()),
    "FR_NIR": frozenset("n° no numéro de sécu sécurité sociale nir insee ssn".split()),
}
_KEY_WORDS = {  # one of these must be in the header cell
    "PERSON": frozenset("nom prénom prenom name surname soyad tên employé employée salarié salariée".split()),
    "BIRTH_DATE": frozenset("naissance ddn dob birth birthday".split()),
    "FR_PASSPORT": frozenset("passeport passport".split()),
    "FR_NIR": frozenset("sécu nir insee ssn sécurité".split()),
}
_CELL_SHAPE = {
    "PERSON": re.compile(r"(?:[^\W\d_]+(?:[-'’. ]+|, ?)?){1,5}"),
    "BIRTH_DATE": re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"),
    "FR_PASSPORT": re.compile(r"[A-Za-z0-9]{2}(?: ?[A-Za-z0-9]){4,10}"),
    "FR_NIR": re.compile(r"[0-9](?:[ .]?[0-9AB]){12,14}"),
}
_SCORE = 0.89  # above the NER model's 0.85: Presidio keeps the wider of two same-score spans


def _header_entity(cell: str) -> str | None:
    words = [w for w in re.split(r"[\s_/.]+", cell.casefold().replace("'", " ")) if w]
    for entity, allowed in _HEADER_WORDS.items():
        if words and all(w in allowed for w in words) and any(w in _KEY_WORDS[entity] for w in words):
            return entity
    return None


def _cells(line: str, offset: int, delimiter: str) -> list[tuple[str, int, int]]:
    """The stripped cells of a line with their offsets in the text."""
    out, position = [], offset
    for raw in line.split(delimiter):
        stripped = raw.strip()
        start = position + (len(raw) - len(raw.lstrip())) if stripped else position
        out.append((stripped, start, start + len(stripped)))
        position += len(raw) + len(delimiter)
    return out


class TableColumnRecognizer(LocalRecognizer):  # type: ignore[misc]
    """Cells under a ``Nom``, ``Prénom``, ``Date de naissance``, ``Passeport`` or ``NIR`` header."""

    def __init__(self) -> None:
        entities = list(_HEADER_WORDS)
        super().__init__(supported_entities=entities, supported_language="fr", name="TableColumnRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if "\n" not in text:
            return []
        return [
            RecognizerResult(entity, start, end, _SCORE)
            for entity, start, end in self._cells_under_headers(text)
            if not entities or entity in entities
        ]

    @staticmethod
    def _cells_under_headers(text: str) -> Iterator[tuple[str, int, int]]:
        lines, offset = [], 0
        for line in text.split("\n"):
            lines.append((line, offset))
            offset += len(line) + 1
        for delimiter in _DELIMITERS:
            columns: dict[int, str] = {}
            for line, start in lines:
                cells = _cells(line, start, delimiter)
                if len(cells) < 2:
                    columns = {}
                    continue
                header = {i: e for i, (cell, _, _) in enumerate(cells) if (e := _header_entity(cell))}
                if header:
                    columns = header
                    continue
                for i, entity in columns.items():
                    if i < len(cells) and cells[i][0] and _CELL_SHAPE[entity].fullmatch(cells[i][0]):
                        yield entity, cells[i][1], cells[i][2]
