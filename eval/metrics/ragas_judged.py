"""ragas metrics judged by an LLM (``Faithfulness``, ``ResponseRelevancy``,
``LLMContextPrecisionWithReference``), with their prompts in French.

Run only when a judge is configured (``GOUVERNAIL_JUDGE_BASE_URL`` + ``GOUVERNAIL_JUDGE_MODEL``): the
judge is a LangChain ``ChatOpenAI`` behind ragas' ``LangchainLLMWrapper``; ResponseRelevancy's
embeddings are our e5 embedder behind LangChain's interface. The prompts' instructions and examples are
rewritten in French (``set_prompts``), so a French answer is judged against French examples. A score
ragas cannot give (a refusal has no statement: NaN) is kept as NaN and counted, never averaged in.
"""

from __future__ import annotations

import asyncio
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.embeddings import Embeddings

from eval.metrics.types import FamilyResult, QuestionRecord, aggregate

FAMILY = "ragas_judged"
JUDGED = ("faithfulness", "answer_relevancy", "llm_context_precision")


@dataclass(frozen=True)
class Judge:
    """A ragas LLM and ragas embeddings, ready for the metrics."""

    llm: Any
    embeddings: Any
    model: str


class QuestionEmbeddings(Embeddings):
    """Our e5 embedder as LangChain embeddings for ResponseRelevancy, which compares the question with
    questions generated from the answer: both sides get e5's ``query:`` prefix (like with like)."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder

    def embed_query(self, text: str) -> list[float]:
        return list(self.embedder.embed_query(text))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(text) for text in texts]

    async def aembed_query(self, text: str) -> list[float]:
        return self.embed_query(text)

    async def aembed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_documents(texts)


def build_judge(base_url: str, model: str, api_key: str | None, timeout_s: float, embedder: Any) -> Judge:
    """``ChatOpenAI`` on the judge endpoint (temperature 0) + our embedder, wrapped for ragas."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr
    from ragas.embeddings.base import LangchainEmbeddingsWrapper
    from ragas.llms.base import LangchainLLMWrapper

    chat = ChatOpenAI(
        base_url=base_url,
        model=model,
        api_key=SecretStr(api_key or "unused"),
        temperature=0,
        timeout=timeout_s,
        max_retries=1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        llm = LangchainLLMWrapper(chat, bypass_n=True)  # n questions = n calls (any endpoint)
        embeddings = LangchainEmbeddingsWrapper(QuestionEmbeddings(embedder))
    return Judge(llm, embeddings, model)


def french_prompts(metric: Any) -> None:
    """Replace the metric's English instructions and examples by French ones (ragas prompt objects)."""
    prompts = metric.get_prompts()
    for name, prompt in prompts.items():
        adapted = prompt.__class__()
        instruction, examples = _FRENCH[type(prompt).__name__](prompt)
        adapted.instruction = instruction
        adapted.examples = examples
        adapted.language = "french"
        prompts[name] = adapted
    metric.set_prompts(**prompts)


def _statement_generator(prompt: Any) -> tuple[str, list[Any]]:
    i, o = prompt.input_model, prompt.output_model
    return (
        "Étant donné une question et une réponse, analyse chaque phrase de la réponse et décompose-la en "
        "une ou plusieurs affirmations compréhensibles isolément, sans pronoms. Une réponse qui dit ne "
        "pas savoir ou refuse de répondre ne contient aucune affirmation : renvoie une liste vide. "
        "Réponds en JSON.",
        [
            (
                i(
                    question="Qui valide la charte éthique ?",
                    answer="Le Comité IA valide la charte ; elle est révisée chaque année.",
                ),
                o(
                    statements=[
                        "Le Comité IA valide la charte éthique.",
                        "La charte éthique est révisée chaque année.",
                    ]
                ),
            ),
            (
                i(
                    question="Quel est le budget du Lab IA ?",
                    answer="Je ne trouve pas cette information dans le corpus de gouvernance.",
                ),
                o(statements=[]),
            ),
        ],
    )


def _nli(prompt: Any) -> tuple[str, list[Any]]:
    from ragas.metrics._faithfulness import StatementFaithfulnessAnswer

    i, o = prompt.input_model, prompt.output_model
    return (
        "Juge la fidélité d'une série d'affirmations à un contexte donné. Pour chaque affirmation, "
        "verdict 1 si elle se déduit directement du contexte, 0 sinon. Réponds en JSON.",
        [
            (
                i(
                    context="Le Lab IA réunit 5 à 8 personnes. Il est animé par le référent IA.",
                    statements=["Le Lab IA compte 5 à 8 personnes.", "Le Lab IA dispose d'un budget annuel."],
                ),
                o(
                    statements=[
                        StatementFaithfulnessAnswer(
                            statement="Le Lab IA compte 5 à 8 personnes.",
                            reason="Le contexte l'indique explicitement.",
                            verdict=1,
                        ),
                        StatementFaithfulnessAnswer(
                            statement="Le Lab IA dispose d'un budget annuel.",
                            reason="Le contexte ne parle d'aucun budget.",
                            verdict=0,
                        ),
                    ]
                ),
            )
        ],
    )


def _relevance(prompt: Any) -> tuple[str, list[Any]]:
    i, o = prompt.input_model, prompt.output_model
    return (
        "Génère une question à laquelle la réponse donnée répond, et indique si la réponse est évasive : "
        "noncommittal 1 si elle est évasive, vague ou ambiguë (par exemple « je ne sais pas », « je ne "
        "trouve pas cette information »), 0 sinon. Réponds en JSON.",
        [
            (
                i(response="La charte éthique est validée par le Comité IA."),
                o(question="Qui valide la charte éthique ?", noncommittal=0),
            ),
            (
                i(response="Je ne trouve pas cette information dans le corpus de gouvernance."),
                o(question="Quel est le budget du Lab IA ?", noncommittal=1),
            ),
        ],
    )


def _context_precision(prompt: Any) -> tuple[str, list[Any]]:
    i, o = prompt.input_model, prompt.output_model
    return (
        "Étant donné une question, une réponse et un contexte, vérifie si le contexte a été utile pour "
        "arriver à la réponse. Verdict 1 s'il a été utile, 0 sinon. Réponds en JSON.",
        [
            (
                i(
                    question="Combien de personnes dans un Lab IA ?",
                    context="Le Lab IA réunit 5 à 8 personnes volontaires de métiers différents.",
                    answer="Un Lab IA réunit 5 à 8 personnes.",
                ),
                o(reason="Le contexte donne exactement l'effectif demandé.", verdict=1),
            ),
            (
                i(
                    question="Qui valide la charte éthique ?",
                    context="Le café IA est un rendez-vous mensuel informel.",
                    answer="Le Comité IA.",
                ),
                o(reason="Le contexte parle du café IA, pas de la validation de la charte.", verdict=0),
            ),
        ],
    )


_FRENCH = {
    "StatementGeneratorPrompt": _statement_generator,
    "NLIStatementPrompt": _nli,
    "ResponseRelevancePrompt": _relevance,
    "ContextPrecisionPrompt": _context_precision,
}


def judged_metrics_objects(judge: Judge) -> dict[str, Any]:
    from ragas.metrics import Faithfulness, LLMContextPrecisionWithReference, ResponseRelevancy

    metrics: dict[str, Any] = {
        "faithfulness": Faithfulness(llm=judge.llm),
        "answer_relevancy": ResponseRelevancy(llm=judge.llm, embeddings=judge.embeddings),
        "llm_context_precision": LLMContextPrecisionWithReference(llm=judge.llm),
    }
    for metric in metrics.values():
        french_prompts(metric)
    return metrics


async def _score(metric: Any, sample: Any, errors: list[str]) -> float:
    try:
        return float(await metric.single_turn_ascore(sample))
    except Exception as exc:  # judge failure or unparsable output: NaN, reported
        errors.append(f"{metric.name}: {type(exc).__name__}")
        return math.nan


async def _score_all(
    records: Sequence[QuestionRecord], judge: Judge
) -> tuple[dict[str, dict[str, float]], list[str]]:
    from ragas.dataset_schema import SingleTurnSample

    metrics = judged_metrics_objects(judge)
    out: dict[str, dict[str, float]] = {}
    errors: list[str] = []
    for record in records:
        if record.blocked:
            continue
        contexts = list(record.retrieved_contexts)
        sample = SingleTurnSample(
            user_input=record.question,
            response=record.answer,
            retrieved_contexts=contexts,
            reference=record.reference or None,
        )
        scores = {
            "faithfulness": await _score(metrics["faithfulness"], sample, errors),
            "answer_relevancy": await _score(metrics["answer_relevancy"], sample, errors),
        }
        if contexts and record.reference:
            scores["llm_context_precision"] = await _score(metrics["llm_context_precision"], sample, errors)
        out[record.id] = scores
    return out, errors


def judged_metrics(records: Sequence[QuestionRecord], judge: Judge) -> FamilyResult:
    """The three judged figures; NaN scores are counted in ``nan_count``, not averaged."""
    per_question, errors = asyncio.run(_score_all(records, judge))
    result = FamilyResult(per_question=per_question)
    for name in JUDGED:
        scores = {qid: s[name] for qid, s in per_question.items() if name in s}
        result.metrics.append(aggregate(name, scores, family=FAMILY))
    result.details["judge_errors"] = errors
    result.details["judge_model"] = judge.model
    return result
