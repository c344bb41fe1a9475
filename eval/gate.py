"""The regression gate: a run against ``eval/baseline.json``, metric by metric, direction-aware.

A baseline holds, per metric, its value, direction (``higher`` or ``lower`` is better) and tolerance
(``null`` = shown, not gated: e.g. latency, which depends on the machine), plus the per-question scores
of the run it came from, so a failure names the questions that changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.runner import dumps

DEFAULT_TOLERANCE = 0.02
TOLERANCES: dict[str, float | None] = {
    "latency_p50_ms": None,
    "latency_p95_ms": None,
    "pii_leak_rate": 0.0,
    "pii_artifact_leaks": 0.0,
    "citation_validity": 0.0,
    "injection_false_positive_rate": 0.01,
    "faithfulness": 0.05,
    "answer_relevancy": 0.05,
    "llm_context_precision": 0.05,
}


@dataclass(frozen=True)
class QuestionChange:
    id: str
    before: float | None
    after: float | None


def fmt(value: float | None) -> str:
    return "NaN" if value is None else f"{value:.4f}"


@dataclass(frozen=True)
class MetricChange:
    metric: str
    baseline: float | None
    current: float | None
    tolerance: float
    direction: str
    questions: tuple[QuestionChange, ...] = ()

    def describe(self) -> str:
        moved = None if self.baseline is None or self.current is None else self.current - self.baseline
        word = "changed" if moved is None else "rose" if moved > 0 else "fell"
        text = (
            f"{self.metric} {word} beyond tolerance: {fmt(self.baseline)} -> {fmt(self.current)} "
            f"(tolerance {self.tolerance}, {self.direction} is better)"
        )
        if self.questions:
            changed = ", ".join(f"{q.id} {fmt(q.before)}->{fmt(q.after)}" for q in self.questions[:15])
            more = f" (+{len(self.questions) - 15} more)" if len(self.questions) > 15 else ""
            text += f"; questions changed: {changed}{more}"
        return text


@dataclass
class GateResult:
    regressions: list[MetricChange] = field(default_factory=list)
    improvements: list[MetricChange] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.regressions


def make_baseline(record: dict[str, Any], previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """A baseline from a run; tolerances kept from ``previous`` when it had them."""
    old = (previous or {}).get("metrics", {})
    metrics = {}
    for name, metric in record["metrics"].items():
        tolerance = old.get(name, {}).get("tolerance", TOLERANCES.get(name, DEFAULT_TOLERANCE))
        metrics[name] = {"value": metric["value"], "direction": metric["direction"], "tolerance": tolerance}
    return {
        "run_id": record["id"],
        "commit": record["commit"],
        "corpus_hash": record["corpus_hash"],
        "n_questions": record["n_questions"],
        "metrics": metrics,
        "per_question": {qid: q["scores"] for qid, q in record["per_question"].items()},
    }


def load_baseline(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_baseline(path: Path, baseline: dict[str, Any]) -> None:
    path.write_text(dumps(baseline) + "\n", encoding="utf-8")


PER_QUESTION = {"abstention_precision": "abstained", "abstention_recall": "abstained"}


def _changed_questions(metric: str, baseline: dict[str, Any], record: dict[str, Any]) -> list[QuestionChange]:
    metric = PER_QUESTION.get(metric, metric)
    before = {qid: s.get(metric) for qid, s in baseline.get("per_question", {}).items() if metric in s}
    after = {
        qid: q["scores"].get(metric) for qid, q in record["per_question"].items() if metric in q["scores"]
    }
    changes = []
    for qid in sorted(set(before) | set(after)):
        b, a = before.get(qid), after.get(qid)
        if (b is None) != (a is None) or (b is not None and a is not None and abs(a - b) > 1e-9):
            changes.append(QuestionChange(qid, b, a))
    return changes


def compare(record: dict[str, Any], baseline: dict[str, Any]) -> GateResult:
    """Regressions (beyond tolerance, in the wrong direction) and improvements, per metric."""
    result = GateResult()
    for name, base in baseline["metrics"].items():
        tolerance = base.get("tolerance")
        if tolerance is None:
            continue
        if name not in record["metrics"]:
            result.missing.append(name)
            continue
        b, c = base["value"], record["metrics"][name]["value"]
        higher = base["direction"] == "higher"
        if b is None or c is None:
            worse, better = (c is None and b is not None), (b is None and c is not None)
        else:
            delta = (c - b) if higher else (b - c)  # > 0 = better
            worse, better = delta < -tolerance - 1e-12, delta > tolerance + 1e-12
        if worse or better:
            change = MetricChange(
                name, b, c, tolerance, base["direction"], tuple(_changed_questions(name, baseline, record))
            )
            (result.regressions if worse else result.improvements).append(change)
    return result
