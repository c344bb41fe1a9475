"""Questions about a role, a phase, a RACI letter or a fiche attribute, answered from the structure records.

An answer is one sentence composed from a template whose every slot (a phase title, a RACI line, a role
name, a summary-table row or cell) is an exact substring of the line it cites, so the grounding and
number checks hold by construction.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.french_text import terms
from assistant.governance.roles import Mention, Role, RoleBook, plain
from assistant.governance.vocabulary import columns_asked, letter_words, letters_asked
from assistant.retrieval.expansion import expand_for_lexical
from ingest.hashing import file_sha256
from ingest.loaders import LoaderError, load_document
from ingest.manifest import Manifest
from ingest.structure import RaciLine, Row, Span, Structure, extract_structure

_PHASE_NUMBER = re.compile(r"\b(?:phase|[ée]tape|step|stage)\s*(?:n°\s*)?(\d)\b", re.IGNORECASE)
_FICHE_NUMBER = re.compile(r"\b(?:fiche|action)\s*(?:n°\s*|no\.?\s*|#)?(\d{1,2})\b", re.IGNORECASE)
_TABLE_PHASE = re.compile(r"\bphase\s+([IVX]+|\d)\b", re.IGNORECASE)
# a phase by its rank (« la première phase », "the last stage"): an ordinal, or -1 for the last one
_ORDINALS = {"premiere": 1, "first": 1, "deuxieme": 2, "seconde": 2, "second": 2, "troisieme": 3,
             "third": 3, "quatrieme": 4, "fourth": 4, "derniere": -1, "last": -1, "final": -1}  # fmt: skip
_PHASE_BY_RANK = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+(?:\w+\s+)?(?:phase|etape|stage|step)\b")
_CATALOGUE_NOUN = re.compile(r"\b(?:fiches?|actions?|pistes?|sommaire|tableau|summary)\b", re.IGNORECASE)
_RACI_CUE = re.compile(r"\b(?:raci|phases?|[ée]tapes?|steps?|stages?|r[oô]les?)\b", re.IGNORECASE)
_DELIVERABLES = re.compile(r"\b(?:livr\w*|deliverables?|kpis?)\b", re.IGNORECASE)
_RACI_WORD = re.compile(r"\braci\b", re.IGNORECASE)
PHASE_MARGIN = 0.01  # cosine below the best passage's at which a phase still counts as meant (tuned on dev)
_NUMBER_HEADERS = {"n°", "no", "numero", "#", "num"}
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}
_RANK_OF = {roman: int(digit) for digit, roman in _ROMAN.items()} | {digit: int(digit) for digit in _ROMAN}


@dataclass(frozen=True)
class Quote:
    """A cited span of a source file."""

    source: str
    start: int
    end: int


@dataclass(frozen=True)
class PassageSpan:
    """Where a retrieved passage stands: its file, its span there, and its fiche number if any."""

    source: str
    start: int
    end: int
    fiche: int | None = None
    dense: float | None = None  # its cosine similarity to the question, when the dense side ranked it


@dataclass(frozen=True)
class StructuredAnswer:
    text: str  # ``[n]`` is the n-th quote
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class _Phase:
    source: str
    title: Span
    lines: tuple[RaciLine, ...]


class Governance:
    """The RACI phases, roles and the fiches' summary table of the served corpus."""

    def __init__(self, structures: Mapping[str, Structure], texts: Mapping[str, str]) -> None:
        self._texts = texts
        self.book = RoleBook(span for s in structures.values() for span in s.roles)
        self.phases: list[_Phase] = []
        self.mentions: dict[tuple[str, int], list[Mention]] = {}
        for source, structure in structures.items():
            by_title: dict[int, list[RaciLine]] = {}
            for line in structure.raci:
                by_title.setdefault(line.phase.start, []).append(line)
                self.mentions[(source, line.start)] = self.book.mentions(line.value)
            for lines in by_title.values():
                self.phases.append(_Phase(source, lines[0].phase, tuple(lines)))
        self.raci_sources = frozenset(p.source for p in self.phases)
        self._raci_spans: dict[str, list[tuple[int, int]]] = {}  # RACI lines and role-list items, per file
        for source, structure in structures.items():
            spans = [(line.start, line.end) for line in structure.raci]
            spans += [(item.start, item.end) for item in structure.roles]
            if spans:
                self._raci_spans[source] = spans
        self.summary = [
            (source, row)
            for source, structure in structures.items()
            for row in structure.rows
            if row.cells and plain(row.cells[0].header) in _NUMBER_HEADERS and row.cells[0].text.isdigit()
        ]
        self._phase_terms = [{t for t in terms(p.title.text) if not t.isdigit()} for p in self.phases]
        counts = {t: sum(t in ts for ts in self._phase_terms) for ts in self._phase_terms for t in ts}
        self._unique_phase_terms = [{t for t in ts if counts[t] == 1} for ts in self._phase_terms]
        names = [set(terms(row.cells[1].text)) if len(row.cells) > 1 else set() for _, row in self.summary]
        df = {t: sum(t in n for n in names) for n in names for t in n}
        self._name_terms = names
        self._name_idf = {t: math.log(1 + len(names) / f) for t, f in df.items()}

    @classmethod
    def from_manifest(cls, manifest: Manifest, corpus_dir: Path) -> Governance:
        """The records of the served files, read from the files themselves; a file changed on disk since it
        was indexed (its offsets would not hold) or unreadable is left out until the next reindex."""
        structures, texts = {}, {}
        for source, entry in manifest.files.items():
            path = corpus_dir / source
            if not path.is_file() or file_sha256(path) != entry.sha256:
                continue
            try:
                document = load_document(path)
            except LoaderError:
                continue
            structure = extract_structure(document)
            if not structure.is_empty():
                structures[source], texts[source] = structure, document.text
        return cls(structures, texts)

    def text(self, source: str) -> str:
        return self._texts[source]

    def answer(
        self,
        question: str,
        lang: str,
        hits: Sequence[PassageSpan],
        idf: Callable[[str], float] | None = None,
        candidates: Sequence[PassageSpan] = (),
    ) -> StructuredAnswer | None:
        """A structured answer when the question is about the RACI or the summary table, else ``None``.

        The RACI is read when a RACI passage is among the top three retrieved, or when a phase's passage
        is, by meaning, about as close to the question as the best of the ``candidates`` (« quand on
        branche les connecteurs » is phase 4 without naming it); not when the best passage is another
        section of the guide (its points of control, a worked example): the question is about that, unless
        it names a role, a letter and a phase word, which only the matrix answers.
        ``idf`` weighs the words of a summary-table cell (« IA générative » says little)."""
        raci_ranked = [i for i, h in enumerate(hits[:3]) if h.source in self.raci_sources]
        elsewhere = bool(hits) and hits[0].source in self.raci_sources and not self._holds_raci(hits[0])
        meant = self._phase_meant(candidates)
        cued = bool(_RACI_CUE.search(question))
        ranked = bool(raci_ranked) and (raci_ranked[0] == 0 or cued)
        # a role, a letter and a phase word name the matrix itself (« dans quelles phases je suis A ? »)
        asked = cued and bool(letters_asked(question)) and bool(self.book.in_question(question))
        if self.phases and (asked or ((ranked or meant is not None) and not elsewhere)):
            found = self._raci_answer(question, lang, meant)
            if found:
                return found
        fiches = [h.fiche for h in hits]
        return self._summary_answer(question, lang, fiches, idf or (lambda _: 1.0)) if self.summary else None

    def _phase_meant(self, candidates: Sequence[PassageSpan]) -> int | None:
        """The phase whose passage is closest in meaning to the question, when it is within
        ``PHASE_MARGIN`` of the closest passage of all."""
        scored = [(c.dense, c) for c in candidates if c.dense is not None]
        if not scored:
            return None
        top = max(score for score, _ in scored)
        best: tuple[float, int] | None = None
        for score, c in scored:
            for i, phase in enumerate(self.phases):
                inside = any(c.start <= line.start and line.end <= c.end for line in phase.lines)
                if phase.source == c.source and inside and (best is None or score > best[0]):
                    best = (score, i)
        return best[1] if best and best[0] >= top - PHASE_MARGIN else None

    def _holds_raci(self, hit: PassageSpan) -> bool:
        """The passage holds a RACI line or the role list."""
        spans = self._raci_spans.get(hit.source, [])
        return any(hit.start <= start and end <= hit.end for start, end in spans)

    # --- the RACI -------------------------------------------------------------------------------------

    def _phases_in(self, question: str, asks_raci: bool) -> list[int]:
        """Phases the question names: by number, by two words only its title holds, or by one such
        word when the question plainly asks about the RACI (a letter, « phase », « RACI »)."""
        numbered = [
            i for m in _PHASE_NUMBER.finditer(question) for i, p in enumerate(self.phases)
            if p.title.text.startswith(f"{m.group(1)})")
        ]  # fmt: skip
        if numbered:
            return numbered
        asked = set(terms(expand_for_lexical(question)))
        scores = [len(asked & unique) for unique in self._unique_phase_terms]
        best = max(scores, default=0)
        if best < (1 if asks_raci else 2):
            return []
        return [i for i, s in enumerate(scores) if s == best]

    def _raci_answer(self, question: str, lang: str, meant: int | None) -> StructuredAnswer | None:
        if _DELIVERABLES.search(question):  # a phase's deliverables are prose, not RACI lines
            return None
        letters = letters_asked(question)
        cued = bool(letters or _RACI_CUE.search(question))
        phases = self._phases_in(question, cued)
        phase_terms = set().union(*(self._phase_terms[i] for i in phases)) if phases else set()
        named = self.book.in_question(question)
        roles = [  # "formation" in « conduite du changement et formation » names the phase, not a role
            role for role in dict.fromkeys(r for r, _ in named)
            if any(not _words_of(question[lo:hi], phase_terms) for r, (lo, hi) in named if r is role)
        ]  # fmt: skip
        if roles:  # the phase is read in what the question says beside its roles (« data » analyst)
            blanked = question
            for role, (lo, hi) in named:
                if role in roles:
                    blanked = blanked[:lo] + " " * (hi - lo) + blanked[hi:]
            phases = self._phases_in(blanked, cued)
        if not phases and meant is not None and letters and not roles:  # « qui signe quand on déploie ? »
            phases = [meant]
        if phases and (letters or roles or _RACI_WORD.search(question)):
            # the whole phase, the lines asked for (a letter, a role) first
            lines = [line for i in phases for line in self.phases[i].lines]
            asked = [line for line in lines if line.letter in letters or self._names(line, roles)]
            return self._render(asked + [line for line in lines if line not in asked], None, [], lang)
        if roles and cued:
            lines = [line for p in self.phases for line in p.lines if self._names(line, roles)]
            first = [line for line in lines if line.letter in letters]
            rest = [line for line in lines if line.letter not in letters]
            lead = roles[0] if len(roles) == 1 else None  # two roles compared: no one-role lead
            return self._render(first + rest, lead, [line.letter for line in first[:1]], lang)
        return None

    def _names(self, line: RaciLine, roles: Sequence[Role]) -> list[Mention]:
        source = next(p.source for p in self.phases if line in p.lines)
        return [m for m in self.mentions[(source, line.start)] if any(m.role is r for r in roles)]

    def _render(
        self, lines: Sequence[RaciLine], role: Role | None, lead_letters: list[str], lang: str
    ) -> StructuredAnswer | None:
        """« {role} {letter meaning} : {phase} — {line} [1] ; {phase} — {line} [2]. »"""
        if not lines:
            return None
        ordered = []
        for phase in self.phases:
            mine = sorted((line for line in lines if line in phase.lines), key=lines.index)
            if mine:
                ordered.append((lines.index(mine[0]), phase, mine))
        ordered.sort(key=lambda item: item[0])
        quotes: list[Quote] = []
        clauses: list[str] = []
        for _, phase, mine in ordered:
            text = self._texts[phase.source]
            said = " ; ".join(text[line.start : line.end] for line in mine)
            quotes.append(Quote(phase.source, phase.title.start, max(line.end for line in mine)))
            clauses.append(f"{phase.title.text} — {said} [{len(quotes)}]")
        body = " ; ".join(clauses)
        lead = ""
        if role is not None:
            name = self._names(lines[0], [role])[0].span.text
            what = f" {letter_words(lead_letters[0], lang)}" if lead_letters else ""
            lead = f"{name}{what} : "
        return StructuredAnswer(f"{lead}{body}.", tuple(quotes))

    # --- the summary table ----------------------------------------------------------------------------

    def _summary_answer(
        self, question: str, lang: str, hit_fiches: Sequence[int | None], idf: Callable[[str], float]
    ) -> StructuredAnswer | None:
        headers = [c.header for c in self.summary[0][1].cells]
        columns = columns_asked(question, headers)
        fiche = self._fiche_in(question, hit_fiches)
        if fiche is not None and columns:
            source, row = self.summary[fiche]
            return self._render_rows([(source, row)], columns, lang)
        if _CATALOGUE_NOUN.search(question):
            matching = self._rows_with_value(question, headers, idf)
            if matching:
                return self._render_rows(matching, [], lang)
        return None

    def _fiche_in(self, question: str, hit_fiches: Sequence[int | None]) -> int | None:
        """Index in ``summary`` of the fiche the question names, by number or by its name's words."""
        numbered = _FICHE_NUMBER.search(question)
        if numbered:
            wanted = numbered.group(1)
            return next((i for i, (_, row) in enumerate(self.summary) if row.cells[0].text == wanted), None)
        asked = set(terms(expand_for_lexical(question)))
        best, best_score = None, 0.0
        top_fiche = next((f for f in hit_fiches if f is not None), None)
        distinctive = math.log(1 + len(self.summary) / 2)  # a word of at most two fiche names
        for i, ((_, row), name) in enumerate(zip(self.summary, self._name_terms, strict=True)):
            total = sum(self._name_idf[t] for t in name) or 1.0
            score = sum(self._name_idf[t] for t in asked & name) / total
            if row.cells[0].text == str(top_fiche) and any(
                self._name_idf[t] >= distinctive for t in asked & name
            ):
                score += 0.5  # the retrieved passages are about that fiche too
            if score > best_score:
                best, best_score = i, score
        return best if best_score >= 0.5 else None

    def _rows_with_value(
        self, question: str, headers: list[str], idf: Callable[[str], float]
    ) -> list[tuple[str, Row]]:
        """Rows whose cell in one column holds what the question names (« Phase III », « grandes ETI »)."""
        phase = _TABLE_PHASE.search(question)
        wanted = f"phase {_ROMAN.get(phase.group(1), phase.group(1)).upper()}" if phase else None
        ranked = _PHASE_BY_RANK.search(plain(question))
        if wanted is None and ranked:
            wanted = self._phase_of_rank(_ORDINALS[ranked.group(1)])
        if wanted:
            rows = [(s, r) for s, r in self.summary if any(plain(c.text) == plain(wanted) for c in r.cells)]
            if rows:
                return rows
        asked = set(terms(expand_for_lexical(question)))
        best: dict[int, tuple[str, Row]] = {}
        best_score = 0.0
        for header in headers[2:]:
            cells = [(source, row, row.cell(header)) for source, row in self.summary]
            column = [set(terms(cell.text)) if cell else set() for _, _, cell in cells]
            common = set.intersection(*column) if column else set()  # "phase" in every Phase cell
            for (source, row, _), cell_terms in zip(cells, column, strict=True):
                cell_terms = cell_terms - common
                if not cell_terms:
                    continue
                score = sum(idf(t) for t in cell_terms & asked) / (sum(idf(t) for t in cell_terms) or 1.0)
                if score >= 0.6 and score > best_score:
                    best, best_score = {row.start: (source, row)}, score
                elif score >= 0.6 and score == best_score:
                    best[row.start] = (source, row)
        return sorted(best.values(), key=lambda item: item[1].start)

    def _phase_of_rank(self, rank: int) -> str | None:
        """The summary table's phase value (« Phase IV ») of a rank (1 for the first, -1 for the last)."""
        phases = sorted(
            {c.text for _, row in self.summary for c in row.cells if _TABLE_PHASE.fullmatch(c.text)},
            key=lambda text: _RANK_OF.get(text.split()[-1].upper(), len(_RANK_OF)),
        )
        if not phases or rank > len(phases):
            return None
        return phases[rank - 1] if rank > 0 else phases[-1]

    def _render_rows(
        self, rows: Sequence[tuple[str, Row]], columns: Sequence[str], lang: str
    ) -> StructuredAnswer:
        """« Fiches : {n} — {Nom} | {Phase} | … [1] ; … », the asked columns named in parentheses."""
        quotes: list[Quote] = []
        clauses = []
        for source, row in rows:
            text = self._texts[source]
            start = row.cells[1].start if len(row.cells) > 1 else row.cells[0].start
            quotes.append(Quote(source, row.cells[0].start, row.cells[-1].end))
            said = " ; ".join(f"{c.header} : {c.text}" for c in row.cells if c.header in columns and c.text)
            verbatim = text[start : row.cells[-1].end]
            clauses.append(
                f"{row.cells[0].text} — {verbatim}" + (f" ({said})" if said else "") + f" [{len(quotes)}]"
            )
        lead = ("Fiche" if len(rows) == 1 else "Fiches") + (" : " if lang == "fr" else ": ")
        return StructuredAnswer(lead + " ; ".join(clauses) + ".", tuple(quotes))


def _words_of(naming: str, phase_terms: set[str]) -> bool:
    """A role's naming in the question is words of the phase's title (« formation »); a naming with no
    term (« IT », a stop word to the stemmer) never is."""
    named = set(terms(naming))
    return bool(named) and named <= phase_terms
