"""The assistant: screen → retrieve → answer (extractive, or LLM with checks) → screen the answer."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.abstention import cannot_answer, evidence
from assistant.extractive import Selection, select
from assistant.french_text import terms
from assistant.governance.answers import PassageSpan, StructuredAnswer
from assistant.language import detect_language
from assistant.llm import ABSTENTION_EN, ABSTENTION_FR, LlmClient, LlmError, Passage
from assistant.models import AskResult, Citation, GuardrailsReport, Mode, PiiFound
from assistant.retrieval.hybrid import Filters, Hit, HybridRetriever
from guardrails.output import SENTENCE_BREAK, check_answer, cited_markers, strip_html
from guardrails.pii import Pseudonyms, strip_placeholders
from guardrails.screen import Guardrails, Screened
from ingest.settings import Settings
from ingest.units import clean_for_answer

ABSTENTION = {
    "fr": "Je ne trouve pas cette information dans le corpus de gouvernance.",
    "en": "I cannot find this information in the governance corpus.",
}
REFUSAL = {
    "fr": "Je ne peux pas traiter cette demande : elle ressemble à une tentative de détourner l'assistant.",
    "en": "I cannot process this request: it looks like an attempt to subvert the assistant.",
}
EMPTY = {"fr": "Posez une question sur le corpus de gouvernance.", "en": "Ask a question about the corpus."}
_FOLLOW_UP_OPENERS = ("et ", "and ", "aussi", "also", "puis ", "ensuite", "what about", "et pour", "et dans")
LLM_ABSTENTIONS = frozenset({ABSTENTION_FR, ABSTENTION_EN})  # an LLM answer that may cite nothing
ABORTED = "aborted: the client left before the end of the answer"


@dataclass(frozen=True)
class Turn:
    """A previous exchange of the conversation (raw: the assistant screens it like a question)."""

    question: str
    answer: str


@dataclass
class _Progress:
    """How far a streamed answer got: what ``AnswerStream.abort`` records."""

    draft: _Draft | None = None
    released: list[str] = field(default_factory=list)
    cited: set[int] = field(default_factory=set)
    mode: Mode = "extractive"
    result: AskResult | None = None


class AnswerStream(Iterator["str | AskResult"]):
    """Text deltas of an answer, then its ``AskResult``; ``abort()`` stops it, returning what was computed."""

    def __init__(self, items: Iterator[str | AskResult], progress: _Progress) -> None:
        self._items = items
        self._progress = progress

    def __next__(self) -> str | AskResult:
        return next(self._items)

    def close(self) -> None:
        close = getattr(self._items, "close", None)
        if close is not None:
            close()

    def abort(self) -> AskResult | None:
        """Stop the answer (an LLM call is closed) and return what was computed, flagged ``aborted``."""
        self.close()
        progress = self._progress
        if progress.result is not None:
            return progress.result.model_copy(update={"flags": [*progress.result.flags, ABORTED]})
        draft = progress.draft
        if draft is None:
            return None
        citations = _whole(draft.hits, progress.cited)
        return draft.result(
            "".join(progress.released), citations=citations, mode=progress.mode, flags=[ABORTED]
        )


@dataclass
class _Draft:
    """A question screened and retrieved for, on its way to an answer."""

    screened: Screened
    lang: str
    query: str
    hits: list[Hit]
    pseudonyms: Pseudonyms
    request_id: str | None
    timings: dict[str, float] = field(default_factory=dict)
    history: list[Turn] = field(default_factory=list)  # masked
    notes: list[str] = field(default_factory=list)  # what screening did to the history
    structured: StructuredAnswer | None = None  # the question read as one about the RACI or the fiches
    candidates: list[Hit] = field(default_factory=list)  # every passage the dense side ranked

    def result(self, answer: str, **fields: Any) -> AskResult:
        self.timings["total_ms"] = round(sum(v for k, v in self.timings.items() if k != "total_ms"), 2)
        fields["flags"] = [*self.notes, *fields.get("flags", [])]
        return AskResult(
            id=self.request_id, question_masked=self.screened.masked_text, answer=answer,
            guardrails=_report(self.screened), timings_ms=self.timings, **{"abstained": False, **fields},
        )  # fmt: skip


class Assistant:
    """Answers questions over the live index; works offline, better with an LLM endpoint."""

    def __init__(
        self,
        settings: Settings,
        guardrails: Guardrails,
        retriever: HybridRetriever,
        llm: LlmClient | None = None,
    ) -> None:
        self.settings = settings
        self.guardrails = guardrails
        self.retriever = retriever
        self.llm = llm

    def ask(
        self,
        question: str,
        *,
        k: int | None = None,
        filters: Filters | None = None,
        history: Sequence[Turn] = (),
        instructions: Sequence[str] = (),
        pseudonyms: Pseudonyms | None = None,
        request_id: str | None = None,
    ) -> AskResult:
        """One answer; never raises for bad input (blocked or empty questions get a reason).

        ``history`` (earlier exchanges) and ``instructions`` (a client's system messages, never passed to a
        model) are screened like the question: see ``_screen_history``.
        """
        draft = self._draft(question, k, filters, history, instructions, pseudonyms, request_id)
        return draft if isinstance(draft, AskResult) else self._finish(draft)

    def _finish(self, draft: _Draft) -> AskResult:
        """The whole answer of a retrieved-for question, checked."""
        clock = time.perf_counter()
        answer, citations, mode, flags = self._answer(draft)
        draft.timings["answer_ms"] = _elapsed(clock)
        clock = time.perf_counter()
        passages = {c.n: c.quote for c in citations}
        checked = self.guardrails.screen_answer(answer, passages, draft.pseudonyms)
        draft.timings["output_checks_ms"] = _elapsed(clock)
        return draft.result(checked.masked_text, citations=citations, mode=mode, flags=flags)

    def stream(
        self,
        question: str,
        *,
        k: int | None = None,
        filters: Filters | None = None,
        history: Sequence[Turn] = (),
        instructions: Sequence[str] = (),
        pseudonyms: Pseudonyms | None = None,
        request_id: str | None = None,
    ) -> AnswerStream:
        """Text deltas of the answer, then the ``AskResult`` (whose answer is the deltas joined).

        With an LLM, its text is released sentence by sentence once it has passed the output checks
        (citations given, numbers in the cited passages, no foreign link, PII masked), and not before a
        sentence cites a passage. When a sentence fails, the endpoint does, or the answer ends citing
        nothing (but the abstention sentence), the model's text stops there and the extractive answer
        follows, flagged ``llm_fallback``; its ``[n]`` number the same passages as the model's.
        """
        progress = _Progress()
        options = (k, filters, history, instructions, pseudonyms, request_id)
        return AnswerStream(self._stream(question, options, progress), progress)

    def _stream(
        self, question: str, options: tuple[Any, ...], progress: _Progress
    ) -> Iterator[str | AskResult]:
        draft = self._draft(question, *options)
        if isinstance(draft, AskResult) or self.llm is None:
            result = draft if isinstance(draft, AskResult) else self._finish(draft)
            progress.result = result
            yield from _pieces(result.answer)
            yield result
            return
        progress.draft, progress.mode = draft, "llm"
        clock = time.perf_counter()
        passages = [_passage(i + 1, h) for i, h in enumerate(draft.hits)]
        given = {p.n: p.text for p in passages}
        released, cited, held = progress.released, progress.cited, []
        flags: list[str] = []
        pending = ""
        try:
            tokens = self.llm.stream(draft.screened.masked_text, passages, _turns(draft.history))
            for token in itertools.chain(tokens, [None]):
                pending += token or ""
                sentences, pending = _complete_sentences(pending, final=token is None)
                for sentence in sentences:
                    text, flags = _without_html(sentence, flags)
                    checked = self.guardrails.screen_answer(text, given, draft.pseudonyms)
                    if not checked.check.ok:
                        flags += [f"{i.kind}: {i.detail}" for i in checked.check.issues]
                        raise _RejectedError
                    held.append(checked.masked_text)
                    if cited_markers(text):  # nothing leaves before a sentence that cites a passage
                        cited.update(cited_markers(text))
                        released += held
                        yield "".join(held)
                        held.clear()
            if held and not cited and "".join(held).strip() not in LLM_ABSTENTIONS:
                flags.append("no_citation: the answer cites no passage")
                raise _RejectedError
        except LlmError as exc:
            flags.append(f"llm error: {exc}")
        except _RejectedError:
            pass
        else:
            if held:
                released += held
                yield "".join(held)
            if released:
                draft.timings["answer_ms"] = _elapsed(clock)
                result = draft.result(
                    "".join(released), citations=_whole(draft.hits, cited), mode="llm", flags=flags
                )
                progress.result = result
                yield result
                return
        progress.mode = "llm_fallback"
        fallback, citations = self._extractive(draft)
        checked = self.guardrails.screen_answer(fallback, {c.n: c.quote for c in citations}, draft.pseudonyms)
        tail = ("\n\n" if released else "") + checked.masked_text
        merged = {c.n: c for c in _whole(draft.hits, cited)} | {c.n: c for c in citations}
        result = draft.result(
            "".join(released) + tail, citations=[merged[n] for n in sorted(merged)], mode="llm_fallback",
            flags=flags or ["llm error: empty answer"],
        )  # fmt: skip
        progress.result = result
        yield from _pieces(tail)
        draft.timings["answer_ms"] = _elapsed(clock)
        yield result

    def _draft(
        self,
        question: str,
        k: int | None,
        filters: Filters | None,
        history: Sequence[Turn],
        instructions: Sequence[str],
        pseudonyms: Pseudonyms | None,
        request_id: str | None,
    ) -> _Draft | AskResult:
        """Screen and retrieve; a blocked, empty or unsupported question gets its final result here."""
        clock = time.perf_counter()
        pseudonyms = pseudonyms or Pseudonyms()
        screened = self.guardrails.screen_question(question, pseudonyms)
        lang = detect_language(screened.masked_text)
        draft = _Draft(screened, lang, "", [], pseudonyms, request_id, {"guardrails_ms": 0.0})
        if not screened.blocked:
            self._screen_history(draft, history, instructions)
        draft.timings["guardrails_ms"] = _elapsed(clock)
        if screened.blocked:
            return draft.result(EMPTY[lang] if screened.reason == "empty question" else REFUSAL[lang])
        clock = time.perf_counter()
        draft.query = self._retrieval_query(strip_placeholders(screened.masked_text), draft.history)
        draft.hits, draft.candidates = self.retriever.retrieve_with_candidates(
            draft.query, k=k or self.settings.top_k, filters=filters
        )
        draft.timings["retrieval_ms"] = _elapsed(clock)
        draft.structured = self.read_structure(draft.query, lang, draft.hits, draft.candidates)
        if self._should_abstain(draft):
            return draft.result(ABSTENTION[lang], abstained=True)
        return draft

    def _screen_history(self, draft: _Draft, history: Sequence[Turn], instructions: Sequence[str]) -> None:
        """Mask and screen the earlier messages with the question's pseudonyms, newest first, within
        ``max_history_chars``: an earlier exchange carrying an injection is left out, flagged. A client's
        system messages are screened for the record (flagged) and never passed to a model. Earlier
        answers and system messages are read by the rules only (the classifier was fitted on questions)."""
        screen = self.guardrails.screen_question
        for n, text in enumerate(instructions, start=1):
            verdict = screen(text, draft.pseudonyms, semantic=False).injection
            if verdict.is_injection:
                draft.notes.append(f"system message {n}: prompt injection flagged ({verdict.rule})")
        budget = self.settings.max_history_chars
        kept: list[Turn] = []
        for n in range(len(history), 0, -1):
            turn = history[n - 1]
            budget -= len(turn.question) + len(turn.answer)
            if budget < 0:
                limit = self.settings.max_history_chars
                draft.notes.append(f"history: {n} earlier exchange(s) left out (over {limit} characters)")
                break
            asked = screen(turn.question, draft.pseudonyms)
            answered = screen(turn.answer, draft.pseudonyms, semantic=False)
            found = next((v.injection for v in (asked, answered) if v.injection.is_injection), None)
            if found is not None:
                draft.notes.append(f"history: exchange {n} left out (prompt injection: {found.rule})")
                continue
            kept.append(Turn(asked.masked_text, answered.masked_text))
        draft.history = kept[::-1]

    @staticmethod
    def _retrieval_query(question: str, history: Sequence[Turn]) -> str:
        """A short or elliptic follow-up ("et qui est consulté ?") is read with the previous question."""
        if not history:
            return question
        lowered = question.strip().lower()
        if len(terms(question)) <= 3 or lowered.startswith(_FOLLOW_UP_OPENERS):
            return f"{history[-1].question} {question}"
        return question

    def read_structure(
        self, query: str, lang: str, hits: Sequence[Hit], candidates: Sequence[Hit]
    ) -> StructuredAnswer | None:
        """The structure records' answer to ``query`` (RACI, summary table), when they hold one."""
        spans = [_passage_span(h) for h in hits]
        meant = [_passage_span(h) for h in candidates]
        return self.retriever.governance().answer(query, lang, spans, self.retriever.idf, meant)

    def _should_abstain(self, draft: _Draft) -> bool:
        """Too little support: the question asks for a kind of value (an amount, a phone number, a date)
        no top passage contains or names something the corpus never mentions, or, unless the structure
        records answer it, the evidence is too weak (see ``evidence``)."""
        query, hits, lang = draft.query, draft.hits, draft.lang
        asked = strip_placeholders(draft.screened.masked_text)  # this question's, not an earlier turn's
        if not hits or cannot_answer(asked, [h.chunk.text for h in hits[:3]], self.retriever.knows):
            return True
        if draft.structured is not None:
            return False
        weight = self.settings.abstain_support_weight
        score = evidence(query, hits, draft.candidates, lang, self.retriever.idf, weight)
        settings = self.settings
        return score < (
            settings.abstain_min_evidence if lang == "fr" else settings.abstain_min_dense_cross_lingual
        )

    def _answer(self, draft: _Draft) -> tuple[str, list[Citation], Mode, list[str]]:
        if self.llm is None:
            return (*self._extractive(draft), "extractive", [])
        passages = [_passage(i + 1, h) for i, h in enumerate(draft.hits)]
        try:
            text = self.llm.answer(draft.screened.masked_text, passages, _turns(draft.history))
        except LlmError as exc:
            return (*self._extractive(draft), "llm_fallback", [f"llm error: {exc}"])
        text, flags = _without_html(text, [])
        given = {p.n: p.text for p in passages}
        check = check_answer(text, given, uncited_ok=LLM_ABSTENTIONS)  # PII is masked once, in _finish()
        if not check.ok:
            return (*self._extractive(draft), "llm_fallback", [f"{i.kind}: {i.detail}" for i in check.issues])
        return text, _whole(draft.hits, cited_markers(text)), "llm", flags

    def _extractive(self, draft: _Draft) -> tuple[str, list[Citation]]:
        """Quoted source lines; when the structure records answer the question, their sentence comes
        first and the lines that say more follow as support (numbered after the records)."""
        retriever = self.retriever
        query_vector = np.asarray(retriever.searcher.embedder.embed_query(draft.query), dtype=np.float32)
        hits = retriever.in_sections(draft.hits, self.settings.answer_section_words)
        unit_adapter = retriever.unit_adapter()
        unit_query = unit_adapter.adapt(query_vector) if unit_adapter is not None else None
        selections = select(
            draft.query, hits, retriever.idf, query_vector, retriever.unit_vector, 5, unit_query
        )
        if draft.structured is None:
            return _compose(selections)
        lead, records = self._from_records(draft.structured)
        quoted, citations = _compose(_outside(selections, records), taken=len(records))
        return (f"{lead}\n\n{quoted}" if quoted else lead), [*records, *citations]

    def _from_records(self, structured: StructuredAnswer) -> tuple[str, list[Citation]]:
        """A structured answer and its citations: each quoted record with the chunk that holds it."""
        governance = self.retriever.governance()
        citations = []
        for n, quote in enumerate(structured.quotes, start=1):
            chunk = self.retriever.chunk_at(quote.source, quote.start, quote.end)
            meta = chunk.metadata if chunk else {"source": quote.source}
            said = governance.text(quote.source)[quote.start : quote.end]
            citations.append(_cited(n, chunk.id if chunk else "", meta, said, quote.start, quote.end, 1.0))
        return structured.text, citations


class _RejectedError(Exception):
    """A streamed sentence failed the output checks."""


HTML_REMOVED = "html removed: the model's answer carried HTML tags"


def _without_html(text: str, flags: list[str]) -> tuple[str, list[str]]:
    """A model's text without HTML, and the flags with ``HTML_REMOVED`` when some was there."""
    stripped, removed = strip_html(text)
    return stripped, ([*flags, HTML_REMOVED] if removed and HTML_REMOVED not in flags else flags)


def _complete_sentences(text: str, final: bool) -> tuple[list[str], str]:
    """Split off the sentences of ``text`` that are complete (whitespace kept with them)."""
    cut = 0
    sentences = []
    for match in SENTENCE_BREAK.finditer(text):
        sentences.append(text[cut : match.end()])
        cut = match.end()
    rest = text[cut:]
    if final and rest:
        sentences.append(rest)
        rest = ""
    return sentences, rest


def _pieces(text: str) -> Iterator[str]:
    """``text`` as stream deltas, a line at a time."""
    yield from (line for line in text.splitlines(keepends=True) if line)


def _turns(history: Sequence[Turn]) -> list[tuple[str, str]]:
    return [(t.question, t.answer) for t in history]


def _compose(selections: Sequence[Selection], taken: int = 0) -> tuple[str, list[Citation]]:
    """Answer text with a ``[n]`` after each quoted unit, and one citation per quoted chunk (``n`` is the
    passage's retrieval rank, after the ``taken`` numbers of records)."""
    parts: list[str] = []
    citations: list[Citation] = []
    named: set[str] = set()
    for selection in selections:
        first, last = selection.units[0], selection.units[-1]
        n = taken + first.hit_rank + 1  # [n]: the n-th retrieved passage, as for the LLM
        citations.append(_citation(n, selection.hit, first.start, last.end))
        lines = [f"{clean_for_answer(unit.text)} [{n}]" for unit in selection.units]
        title = _entry_title(selection.hit)
        if title and title not in named:
            named.add(title)
            lines[0] = f"{title} : {lines[0]}"
        parts += lines
    bulleted = len(parts) > 2
    return ("\n".join(f"- {p}" for p in parts) if bulleted else " ".join(parts)), citations


def _entry_title(hit: Hit) -> str | None:
    """The prompt-library entry a passage belongs to (« P18 — Répondre à un avis client négatif »): its
    first quoted line names it, as a « which prompt? » question asks."""
    meta = hit.chunk.metadata
    title = meta.get("section")
    return str(title) if meta.get("doc_type") == "prompt" and title else None


def _outside(selections: Sequence[Selection], records: Sequence[Citation]) -> list[Selection]:
    """The selections without the units a record already quotes."""
    kept = []
    for selection in selections:
        meta = selection.hit.chunk.metadata
        source, offset = str(meta.get("source", "")), int(meta.get("start", 0))
        units = tuple(
            u for u in selection.units
            if not any(r.source == source and r.start < offset + u.end and offset + u.start < r.end
                       for r in records)
        )  # fmt: skip
        if units:
            kept.append(Selection(selection.hit, units))
    return kept


def _passage_span(hit: Hit) -> PassageSpan:
    """Where a retrieved passage stands, for the structure records."""
    meta = hit.chunk.metadata
    fiche = meta.get("fiche")
    return PassageSpan(
        str(meta.get("source", "")), int(meta.get("start", 0)), int(meta.get("end", 0)),
        fiche if isinstance(fiche, int) else None, hit.dense,
    )  # fmt: skip


def _whole(hits: Sequence[Hit], markers: Iterable[int]) -> list[Citation]:
    """One citation quoting the whole passage for each ``[n]`` an LLM answer used."""
    return [_citation(n, hits[n - 1], 0, len(hits[n - 1].chunk.text)) for n in sorted(set(markers))]


def _passage(n: int, hit: Hit) -> Passage:
    meta = hit.chunk.metadata
    return Passage(n, hit.chunk.text, str(meta.get("doc_title", "")), str(meta.get("heading_path", "")))


def _citation(n: int, hit: Hit, start: int, end: int) -> Citation:
    """``hit.chunk.text[start:end]`` cited as ``[n]``, with its offsets in the source file."""
    offset = int(hit.chunk.metadata.get("start", 0))
    quote = hit.chunk.text[start:end]
    return _cited(
        n, hit.chunk.id, hit.chunk.metadata, quote, offset + start, offset + end, round(hit.score, 4)
    )


def _cited(
    n: int, chunk_id: str, meta: Mapping[str, Any], quote: str, start: int, end: int, score: float
) -> Citation:
    """A citation of ``quote``, ``source[start:end]`` of the file the chunk metadata ``meta`` names."""
    fiche = meta.get("fiche")
    return Citation(
        n=n, chunk_id=chunk_id, source=str(meta.get("source", "")), title=str(meta.get("doc_title", "")),
        fiche=fiche if isinstance(fiche, int) else None, heading_path=str(meta.get("heading_path", "")),
        quote=quote, start=start, end=end, score=score,
    )  # fmt: skip


def _report(screened: Screened) -> GuardrailsReport:
    return GuardrailsReport(
        pii=[PiiFound(type=s.entity, start=s.start, end=s.end) for s in screened.pii],
        injection=screened.injection.is_injection,
        blocked=screened.blocked,
        reason=screened.reason,
    )


def _elapsed(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
