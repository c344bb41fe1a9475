"""ragas metrics that need no LLM: context recall/precision against the expected sections, ROUGE-L,
chrF against the reference answer, and string presence of the key facts.

Each sample is scored with the metric's own ``single_turn_ascore`` (one event loop, no executor): a
score that fails is NaN and counted as such.
"""

from __future__ import annotations

import asyncio
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

from eval.metrics.types import FamilyResult, QuestionRecord, aggregate, mean_without_nan

FAMILY = "ragas_offline"


def normalise(text: str) -> str:
    """Case, typographic apostrophes, bold markers and spacing folded (for string presence)."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("\u2011", "-").replace("**", "")
    return " ".join(text.casefold().split())


async def _score(metric: Any, sample: Any) -> float:
    try:
        return float(await metric.single_turn_ascore(sample))
    except Exception:  # a sample ragas cannot score is NaN, reported as such
        return math.nan


async def _score_all(records: Sequence[QuestionRecord]) -> dict[str, dict[str, float]]:
    from ragas.dataset_schema import SingleTurnSample
    from ragas.metrics import (
        ChrfScore,
        NonLLMContextPrecisionWithReference,
        NonLLMContextRecall,
        RougeScore,
        StringPresence,
    )

    recall, precision = NonLLMContextRecall(), NonLLMContextPrecisionWithReference()
    rouge, chrf, presence = RougeScore(rouge_type="rougeL"), ChrfScore(), StringPresence()
    out: dict[str, dict[str, float]] = {}
    for record in records:
        if record.must_abstain or not record.reference_contexts:
            continue
        scores: dict[str, float] = {}
        if record.retrieved_contexts:
            sample = SingleTurnSample(
                user_input=record.question,
                retrieved_contexts=list(record.retrieved_contexts),
                reference_contexts=list(record.reference_contexts),
            )
            scores["context_recall"] = await _score(recall, sample)
            scores["context_precision"] = await _score(precision, sample)
        else:  # nothing cited: nothing of the expected sections was brought back
            scores["context_recall"] = scores["context_precision"] = 0.0
        answered = SingleTurnSample(
            user_input=record.question, response=record.answer, reference=record.reference
        )
        scores["rouge_l"] = await _score(rouge, answered)
        scores["chrf"] = await _score(chrf, answered)
        if record.key_facts:
            facts = [
                await _score(
                    presence, SingleTurnSample(response=normalise(record.answer), reference=normalise(fact))
                )
                for fact in record.key_facts
            ]
            scores["key_facts_presence"] = mean_without_nan(facts)[0]
        out[record.id] = scores
    return out


def ragas_offline_metrics(records: Sequence[QuestionRecord]) -> FamilyResult:
    """The five LLM-free ragas figures over the answerable questions."""
    per_question = asyncio.run(_score_all(records))
    result = FamilyResult(per_question=per_question)
    descriptions = {
        "context_recall": "NonLLMContextRecall: expected sections found among the cited passages",
        "context_precision": "NonLLMContextPrecisionWithReference: cited passages in an expected section",
        "rouge_l": "RougeScore (rougeL, F) against the reference answer",
        "chrf": "ChrfScore against the reference answer",
        "key_facts_presence": "StringPresence of each key fact in the answer",
    }
    for name, description in descriptions.items():
        scores = {qid: s[name] for qid, s in per_question.items() if name in s}
        result.metrics.append(aggregate(name, scores, family=FAMILY, description=description))
    return result
