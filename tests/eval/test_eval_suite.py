"""The evaluation suite end to end on the fixture corpus: run, store, report, regression gate."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from eval.cli_support import run_and_gate
from eval.gate import compare, load_baseline, make_baseline
from eval.report import write_report
from eval.runner import EvalOptions, golden_items, run_eval
from eval.store import open_run_store, write_run_file
from ingest.settings import Settings


def _ids(settings: Settings) -> tuple[str, ...]:
    items, _ = golden_items(settings.corpus_dir)
    answerable = [i.id for i in items if i.sources][:8]
    abstain = [i.id for i in items if i.must_abstain][:2]
    return (*answerable, *abstain)


@pytest.fixture
def eval_settings(indexed: Settings, tmp_path: Path) -> Settings:
    return indexed.model_copy(update={"eval_runs_dir": tmp_path / "runs"})


@pytest.fixture
def assistant(eval_settings: Settings, embedder: Any) -> Any:
    from assistant.factory import build_assistant

    return build_assistant(eval_settings, embedder)


def test_eval_run_is_stored_and_reported_as_self_contained_html(
    eval_settings: Settings, assistant: Any
) -> None:
    options = EvalOptions(ids=_ids(eval_settings), pii_sentences=12, pii_leak_questions=2,
                          injection_per_label=4)  # fmt: skip
    record = run_eval(eval_settings, options, assistant=assistant)
    assert record["n_questions"] == len(options.ids or ())
    assert record["commit"] and record["corpus_hash"] == record["index_corpus_hash"]
    assert "judge_api_key" not in record["settings"] and "llm_api_key" not in record["settings"]
    for name in ("hit_at_1", "mrr", "context_recall", "context_precision", "rouge_l", "chrf",
                 "key_facts_presence", "hallucination_rate", "abstention_recall", "citation_validity",
                 "pii_recall", "pii_leak_rate", "injection_block_rate", "latency_p95_ms"):  # fmt: skip
        assert name in record["metrics"], name
    assert record["metrics"]["citation_validity"]["value"] == 1.0
    assert record["metrics"]["pii_leak_rate"]["value"] == 0.0
    assert record["metrics"]["pii_artifact_leaks"]["value"] == 0.0  # no value of any blind dev sentence
    runs = open_run_store(eval_settings)
    runs.save(record)
    first = write_run_file(record, eval_settings.eval_runs_dir)
    assert json.loads(first.read_text(encoding="utf-8"))["per_question"]
    assert runs.load(record["id"]) == json.loads(first.read_text(encoding="utf-8"))
    second = dict(record, id=record["id"] + "-b", timestamp=record["timestamp"] + "b")
    runs.save(second)
    assert [h["id"] for h in runs.history()] == [record["id"], second["id"]]

    html_path, md_path = write_report(eval_settings)
    page = html_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    for img in re.findall(r"<img\b[^>]*>", page):
        assert re.search(r'src="data:', img), img
    assert page.count("<svg") >= 2  # trend charts and PII recall, inline
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched from elsewhere
    assert "<script" not in page
    assert "Synthèse au regard des seuils" in page and "Configuration utilisée" in page
    assert "Corpus modifié sans évaluation" not in page
    assert "Synthèse" in md_path.read_text(encoding="utf-8")

    # a corpus change with no evaluation since is shown as such
    target = eval_settings.corpus_dir / "catalogue" / "fiche-12-cafe-ia.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nUne ligne ajoutée.\n", encoding="utf-8")
    page = write_report(eval_settings)[0].read_text(encoding="utf-8")
    assert "Corpus modifié sans évaluation depuis" in page


def test_regression_gate_fails_on_a_degraded_assistant_and_passes_once_restored(
    eval_settings: Settings, assistant: Any, tmp_path: Path
) -> None:
    ids = _ids(eval_settings)
    baseline = tmp_path / "baseline.json"
    messages: list[str] = []
    code = run_and_gate(eval_settings, baseline=baseline, update_baseline=True, ids=ids, guardrails=False,
                        echo=messages.append, assistant=assistant)  # fmt: skip
    assert code == 0 and baseline.is_file()
    assert load_baseline(baseline)["metrics"]["hit_at_k"]["direction"] == "higher"

    good = assistant.settings
    assistant.settings = good.model_copy(update={"top_k": 1})  # degraded: one passage per answer
    messages.clear()
    code = run_and_gate(eval_settings, baseline=baseline, update_baseline=False, ids=ids, guardrails=False,
                        echo=messages.append, assistant=assistant)  # fmt: skip
    assert code == 1
    failures = [m for m in messages if m.startswith("REGRESSION:")]
    assert failures, messages
    assert any("questions changed: g" in m for m in failures)
    assert "regression gate: FAILED" in messages[-1]

    assistant.settings = good  # restored
    messages.clear()
    code = run_and_gate(eval_settings, baseline=baseline, update_baseline=False, ids=ids, guardrails=False,
                        echo=messages.append, assistant=assistant)  # fmt: skip
    assert code == 0, messages
    assert messages[-1] == "regression gate: passed"


def test_gate_is_direction_aware_and_counts_nan_as_a_regression() -> None:
    def run(**values: float | None) -> dict[str, Any]:
        metrics = {k: {"value": v, "direction": "lower" if k.endswith("rate") else "higher"}
                   for k, v in values.items()}  # fmt: skip
        return {"id": "r", "commit": "c", "corpus_hash": "h", "n_questions": 1, "metrics": metrics,
                "per_question": {"q1": {"scores": {k: v for k, v in values.items()}}}}  # fmt: skip

    baseline = make_baseline(run(mrr=0.8, hallucination_rate=0.1))
    assert compare(run(mrr=0.79, hallucination_rate=0.11), baseline).passed  # within 0.02
    result = compare(run(mrr=0.9, hallucination_rate=0.2), baseline)
    assert [c.metric for c in result.regressions] == ["hallucination_rate"]
    assert [c.metric for c in result.improvements] == ["mrr"]
    assert "q1 0.1000->0.2000" in result.regressions[0].describe()
    assert result.regressions[0].describe().startswith("hallucination_rate rose beyond tolerance: 0.1000")
    assert result.improvements[0].describe().startswith("mrr rose beyond tolerance: 0.8000 -> 0.9000")
    fallen = compare(run(mrr=0.7, hallucination_rate=0.05), baseline)
    assert fallen.regressions[0].describe().startswith("mrr fell beyond tolerance")
    assert fallen.improvements[0].describe().startswith("hallucination_rate fell beyond tolerance")
    assert [c.metric for c in compare(run(mrr=None, hallucination_rate=0.1), baseline).regressions] == ["mrr"]
