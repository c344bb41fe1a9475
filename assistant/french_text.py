"""French text normalisation for lexical matching: case, accents, elisions, stop words, stems."""

from __future__ import annotations

import functools
import re
import unicodedata

from nltk.stem.snowball import FrenchStemmer
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_EN_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as SPACY_FR_STOP_WORDS

_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+")


@functools.cache
def _stemmer() -> FrenchStemmer:
    return FrenchStemmer()


def fold(text: str) -> str:
    """Lower-case, without accents, elisions removed (``l'équipe`` -> ``equipe``)."""
    text = _ELISION.sub("", text.replace("’", "'")).lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


STOP_WORDS = frozenset(
    "a au aux avec ce ces cet cette dans de des du elle en et est etre eux il ils je la le les leur leurs "
    "lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sont sur "
    "ta te tes toi ton tu un une vos votre vous y quel quelle quels quelles comment combien quoi dont faut "
    "fait faire peut peuvent doit doivent ete avoir the of and or to in on for is are what who which how "
    "does do an be by with it this that suis es sommes etes ai as avons avez ont bonjour salut merci svp "
    "voudrais voudrait aimerais hello hi thanks please am we you me my our i im veut signifie".split()
) | {fold(w) for w in SPACY_FR_STOP_WORDS | SPACY_EN_STOP_WORDS}


def terms(text: str) -> list[str]:
    """Stemmed content words of ``text``, in order."""
    stem = _stemmer().stem
    tokens = _TOKEN.findall(fold(text))
    return [stem(t) for t in tokens if t not in STOP_WORDS and (len(t) > 1 or t.isdigit())]
