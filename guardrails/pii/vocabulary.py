"""Vocabulary: the French word forms and lemmas of the spaCy model's lemmatizer tables, and the thousand
common English words of Faker's ``en_US`` lorem provider (``team``, ``people``).

A word missing from it is no word (``kev``, ``juju``, ``anne-so``: a nickname) — while ``rappel``,
``compta`` or ``badge`` are words. Read once per process on first use, never at import, from the model
the analyzer already loads (its ``lemmatizer`` pipe is not run): ~0.5 s, the forms kept as a sorted array
of their 64-bit string hashes (~2.5 MB).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt
import spacy.util
import srsly
from faker.providers.lorem.en_US import Provider as EnglishWords
from spacy.strings import get_string_id

_TABLES = "*/lemmatizer/lookups/lookups.bin"


@cache
def _french_hashes() -> npt.NDArray[np.uint64]:
    from guardrails.pii.analyzer import SPACY_MODEL  # the analyzer module imports the name recognizers

    path = next(spacy.util.get_package_path(SPACY_MODEL).glob(_TABLES))
    tables = srsly.msgpack_loads(path.read_bytes())
    forms = list(tables["lemma_lookup"])  # word form -> lemma, keyed by the form's hash
    forms += [get_string_id(lemma) for lemmas in tables["lemma_index"].values() for lemma in lemmas]
    return np.unique(np.array(forms, dtype=np.uint64))


_ENGLISH = frozenset(EnglishWords.word_list)


def is_english_word(word: str) -> bool:
    """The word, lowercased, is one of the common English words."""
    return word.casefold() in _ENGLISH


def is_vocabulary_word(word: str) -> bool:
    """The word, lowercased, is a form or a lemma of the French lemmatizer's tables, or a common English
    word."""
    folded = word.casefold()
    if is_english_word(folded):
        return True
    hashes = _french_hashes()
    key = np.uint64(get_string_id(folded))
    index = int(np.searchsorted(hashes, key))
    return index < len(hashes) and bool(hashes[index] == key)
