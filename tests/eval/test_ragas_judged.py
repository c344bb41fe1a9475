"""The LLM-judged ragas metrics end to end against a scripted OpenAI-compatible judge (local stub)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "assistant"))
from openai_stub import StubBehaviour, openai_stub

from eval.metrics.ragas_judged import build_judge, judged_metrics, judged_metrics_objects
from eval.metrics.types import CitedPassage, QuestionRecord

QUESTION = "Combien de personnes dans un Lab IA ?"
REFUSAL = "Je ne trouve pas cette information dans le corpus de gouvernance."


def _input_of(messages: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The prompt text and the JSON input ragas appended after its examples."""
    text = "".join(str(m.get("content")) for m in messages)
    raw = text.rsplit("input: ", 1)[1].rsplit("Output: ", 1)[0]
    return text, json.loads(raw)


def scripted_judge(messages: list[dict[str, Any]]) -> str:
    """What a judge would answer to each French ragas prompt; 2 of 3 statements supported."""
    text, data = _input_of(messages)
    if "décompose-la" in text:
        if data["answer"] == REFUSAL:
            return json.dumps({"statements": []})
        return json.dumps({"statements": ["Le Lab IA réunit 5 personnes.", "Il se réunit chaque mois.",
                                          "Il a un budget."]})  # fmt: skip
    if "Juge la fidélité" in text:
        verdicts = [1, 1, 0]
        return json.dumps({"statements": [
            {"statement": s, "reason": "scripté", "verdict": v}
            for s, v in zip(data["statements"], verdicts, strict=True)]})  # fmt: skip
    if "Génère une question" in text:
        refusal = data["response"] == REFUSAL
        return json.dumps({"question": QUESTION, "noncommittal": int(refusal)})
    if "a été utile" in text:
        return json.dumps({"reason": "scripté", "verdict": 1})
    raise AssertionError(f"unexpected prompt: {text[:200]}")


def _record(qid: str, answer: str, abstained: bool) -> QuestionRecord:
    passage = "Le Lab IA réunit 5 à 8 personnes volontaires, qui se réunissent chaque mois."
    cited = () if abstained else (CitedPassage(1, "catalogue/fiche-13-labs-ia.md", 0, len(passage), passage),)
    return QuestionRecord(
        id=qid, question=QUESTION, category="number", must_abstain=False,
        reference="Un Lab IA réunit 5 à 8 personnes.", reference_contexts=(passage,), key_facts=(),
        answer=answer, abstained=abstained, blocked=False, citations=cited,
        retrieved_contexts=() if abstained else (passage,), citation_rank=None if abstained else 0,
        latency_ms=1.0,
    )  # fmt: skip


def test_prompts_are_french() -> None:
    judge = build_judge("http://127.0.0.1:9/v1", "stub", None, 5, embedder=None)
    for metric in judged_metrics_objects(judge).values():
        for prompt in metric.get_prompts().values():
            assert prompt.language == "french"
            assert "Albert Einstein" not in prompt.to_string()
            assert any(c in prompt.instruction for c in "éèà")


@pytest.mark.slow
def test_judged_metrics_give_the_numbers_the_scripted_judge_implies(embedder: Any) -> None:
    records = [_record("answered", "Le Lab IA réunit 5 à 8 personnes [1].", False),
               _record("refusal", REFUSAL, True)]  # fmt: skip
    with openai_stub(StubBehaviour(reply=scripted_judge)) as stub:
        judge = build_judge(stub.url, "judge-stub", "k", 20, embedder)
        result = judged_metrics(records, judge)
    metrics = {m.name: m for m in result.metrics}
    assert result.details["judge_errors"] == []
    faithfulness = metrics["faithfulness"]
    assert faithfulness.value == pytest.approx(2 / 3)
    assert (faithfulness.n, faithfulness.nan_count) == (1, 1)  # the refusal: NaN, counted, not averaged
    assert math.isnan(result.per_question["refusal"]["faithfulness"])
    relevancy = result.per_question
    assert relevancy["answered"]["answer_relevancy"] == pytest.approx(1.0, abs=1e-4)
    assert relevancy["refusal"]["answer_relevancy"] == 0.0  # noncommittal
    assert metrics["llm_context_precision"].value == pytest.approx(1.0, abs=1e-6)
    assert metrics["llm_context_precision"].n == 1
    assert len(stub.requests) == 2 + 1 + 3 * 2 + 1  # statements ×2, verdicts ×1, 3 questions ×2, precision


@pytest.mark.slow
def test_gouvernail_eval_with_a_configured_judge_reports_refusal_nans(
    indexed: Any, embedder: Any, tmp_path: Path
) -> None:
    from assistant.factory import build_assistant
    from eval.report import write_report
    from eval.runner import EvalOptions, run_eval
    from eval.store import open_run_store

    with openai_stub(StubBehaviour(reply=scripted_judge)) as stub:
        settings = indexed.model_copy(
            update={
                "judge_base_url": stub.url,
                "judge_model": "judge-stub",
                "eval_runs_dir": tmp_path / "runs",
            }
        )
        options = EvalOptions(ids=("g001", "g003", "g098"), guardrails=False)
        record = run_eval(settings, options, assistant=build_assistant(settings, embedder))
    assert record["models"]["judge"] == "judge-stub"
    faithfulness = record["metrics"]["faithfulness"]
    assert faithfulness["value"] == pytest.approx(2 / 3)
    assert faithfulness["nan_count"] == 1  # g098 is out of the corpus: the refusal has no statement
    assert record["per_question"]["g098"]["scores"]["faithfulness"] is None
    open_run_store(settings).save(record)
    page = write_report(settings)[0].read_text(encoding="utf-8")
    assert "1 NaN (refus, non comptés)" in page
