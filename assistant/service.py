"""The assistant: screen → retrieve → answer (extractive, or LLM with checks) → screen the answer."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.extractive import Selection, clean_for_answer, select
from assistant.french_text import terms
from assistant.language import detect_language
from assistant.llm import LlmClient, LlmError, Passage
from assistant.models import AskResult, Citation, GuardrailsReport, Mode, PiiFound
from assistant.retrieval.hybrid import Filters, Hit, HybridRetriever
from guardrails.output import check_answer
from guardrails.pii import Pseudonyms, strip_placeholders
from guardrails.screen import Guardrails, Screened
from ingest.settings import Settings

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


@dataclass(frozen=True)
class Turn:
    """A previous exchange of the conversation, already masked."""

    question: str
    answer: str


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
        pseudonyms: Pseudonyms | None = None,
        request_id: str | None = None,
    ) -> AskResult:
        """One answer; never raises for bad input (blocked or empty questions get a reason)."""
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        pseudonyms = pseudonyms or Pseudonyms()
        screened = self.guardrails.screen_question(question, pseudonyms)
        timings["guardrails_ms"] = _elapsed(clock)
        lang = detect_language(screened.masked_text)
        report = _report(screened)
        if screened.blocked:
            message = EMPTY[lang] if screened.reason == "empty question" else REFUSAL[lang]
            return AskResult(
                id=request_id, question_masked=screened.masked_text, answer=message, abstained=False,
                guardrails=report, timings_ms=timings,
            )  # fmt: skip

        clock = time.perf_counter()
        query = self._retrieval_query(strip_placeholders(screened.masked_text), history)
        hits = self.retriever.retrieve(query, k=k or self.settings.top_k, filters=filters)
        timings["retrieval_ms"] = _elapsed(clock)

        clock = time.perf_counter()
        if self._should_abstain(query, hits, lang):
            timings["answer_ms"] = _elapsed(clock)
            return AskResult(
                id=request_id, question_masked=screened.masked_text, answer=ABSTENTION[lang], abstained=True,
                guardrails=report, timings_ms=timings,
            )  # fmt: skip
        answer, citations, mode, flags = self._answer(screened.masked_text, query, hits, history)
        timings["answer_ms"] = _elapsed(clock)

        clock = time.perf_counter()
        checked = self.guardrails.screen_answer(answer, {c.n: c.quote for c in citations}, pseudonyms)
        timings["output_checks_ms"] = _elapsed(clock)
        timings["total_ms"] = round(sum(timings.values()), 2)
        return AskResult(
            id=request_id,
            question_masked=screened.masked_text,
            answer=checked.masked_text,
            abstained=False,
            citations=citations,
            guardrails=report,
            mode=mode,
            flags=flags,
            timings_ms=timings,
        )

    @staticmethod
    def _retrieval_query(question: str, history: Sequence[Turn]) -> str:
        """A short or elliptic follow-up ("et qui est consulté ?") is read with the previous question."""
        if not history:
            return question
        lowered = question.strip().lower()
        if len(terms(question)) <= 3 or lowered.startswith(_FOLLOW_UP_OPENERS):
            return f"{history[-1].question} {question}"
        return question

    def _should_abstain(self, query: str, hits: Sequence[Hit], lang: str) -> bool:
        """Too little support: the best passage is not similar enough, the question asks for a kind of
        value (an amount, a phone number, a date) no top passage contains, or (French) most of the
        question's rare terms appear in none of the top passages."""
        if not hits or missing_answer_type(query, [h.chunk.text for h in hits[:3]]):
            return True
        dense = max((h.dense or 0.0) for h in hits)
        settings = self.settings
        if dense < (settings.abstain_min_dense if lang == "fr" else settings.abstain_min_dense_cross_lingual):
            return True
        if lang != "fr":
            return False  # lexical support is meaningless across languages: dense similarity decides
        return support(query, hits[:3], self.retriever.idf) < self.settings.abstain_min_support

    def _answer(
        self, question: str, query: str, hits: Sequence[Hit], history: Sequence[Turn]
    ) -> tuple[str, list[Citation], Mode, list[str]]:
        selections = select(query, hits)
        extractive = _compose(selections)
        if self.llm is None:
            return (*extractive, "extractive", [])
        passages = [_passage(i + 1, h) for i, h in enumerate(hits)]
        try:
            text = self.llm.answer(question, passages, [(t.question, t.answer) for t in history])
        except LlmError as exc:
            return (*extractive, "llm_fallback", [f"llm error: {exc}"])
        check = check_answer(text, {p.n: p.text for p in passages})  # PII is masked once, in ask()
        if not check.ok:
            return (*extractive, "llm_fallback", [f"{i.kind}: {i.detail}" for i in check.issues])
        cited = {n for n in range(1, len(hits) + 1) if f"[{n}]" in text}
        citations = [_citation(n, hits[n - 1], 0, len(hits[n - 1].chunk.text)) for n in sorted(cited)]
        return text, citations, "llm", []


_ANSWER_TYPES = (
    (  # an amount of money
        re.compile(
            r"\b(?:co[uû]te?s?|co[uû]ts?|prix|tarifs?|budgets?|salaires?|r[ée]mun[ée]rations?|cost|price"
            r"|salary|salaries|budget)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\d[\d\s.,]*\s?(?:€|euros?|k€|keur|\$|usd|eur)(?!\w)|(?:€|\$)\s?\d", re.IGNORECASE),
    ),
    (  # a phone number
        re.compile(
            r"\b(?:num[ée]ro de t[ée]l[ée]phone|t[ée]l[ée]phone|phone number|telephone)\b", re.IGNORECASE
        ),
        re.compile(r"(?:\+\d{2}|\b0\d)(?:[\s.-]?\d{2}){4}\b"),
    ),
    (  # a calendar date
        re.compile(
            r"\b(?:[àa] quelle date|en quelle ann[ée]e|what date|which date|which year)\b", re.IGNORECASE
        ),
        re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"),
    ),
)


def missing_answer_type(query: str, passages: Sequence[str]) -> bool:
    """The question asks for a kind of value that none of the passages contains."""
    text = "\n".join(passages)
    return any(asks.search(query) and not value.search(text) for asks, value in _ANSWER_TYPES)


def support(query: str, hits: Sequence[Hit], idf: Callable[[str], float]) -> float:
    """IDF-weighted share of the query's terms that occur in the given passages (or their headings)."""
    query_terms = set(terms(query))
    if not query_terms:
        return 0.0
    found: set[str] = set()
    for hit in hits:
        found |= set(terms(f"{hit.chunk.metadata.get('heading_path', '')} {hit.chunk.text}"))
    weights = {t: idf(t) for t in query_terms}
    return sum(w for t, w in weights.items() if t in found) / sum(weights.values())


def _compose(selections: Sequence[Selection]) -> tuple[str, list[Citation]]:
    """Answer text with a ``[n]`` after each quoted unit, and one citation per quoted chunk."""
    parts: list[str] = []
    citations: list[Citation] = []
    for n, selection in enumerate(selections, start=1):
        first, last = selection.units[0], selection.units[-1]
        citations.append(_citation(n, selection.hit, first.start, last.end))
        parts += [f"{clean_for_answer(unit.text)} [{n}]" for unit in selection.units]
    bulleted = len(parts) > 2
    return ("\n".join(f"- {p}" for p in parts) if bulleted else " ".join(parts)), citations


def _passage(n: int, hit: Hit) -> Passage:
    meta = hit.chunk.metadata
    return Passage(n, hit.chunk.text, str(meta.get("doc_title", "")), str(meta.get("heading_path", "")))


def _citation(n: int, hit: Hit, start: int, end: int) -> Citation:
    meta = hit.chunk.metadata
    offset = int(meta.get("start", 0))
    fiche = meta.get("fiche")
    return Citation(
        n=n,
        chunk_id=hit.chunk.id,
        source=str(meta.get("source", "")),
        title=str(meta.get("doc_title", "")),
        fiche=int(fiche) if isinstance(fiche, int) else None,
        heading_path=str(meta.get("heading_path", "")),
        quote=hit.chunk.text[start:end],
        start=offset + start,
        end=offset + end,
        score=round(hit.score, 4),
    )


def _report(screened: Screened) -> GuardrailsReport:
    return GuardrailsReport(
        pii=[PiiFound(type=s.entity, start=s.start, end=s.end) for s in screened.pii],
        injection=screened.injection.is_injection,
        blocked=screened.blocked,
        reason=screened.reason,
    )


def _elapsed(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
